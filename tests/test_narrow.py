"""Tables on narrow terminals: a figure or a status is never cut, nor folded inside a number;
text gives way first, then the optional columns (named under the table), and a terminal too
narrow for the id, a figure and the status gets each row as a record."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from shishi_cli import i18n, plans, progress, store
from shishi_cli.render.output import Out
from shishi_cli.render.words import expected_text, percent, signed, status_words, target_text, value_text
from shishi_cli.text import cell_width

from .helpers import EXAMPLE, Run

WIDTHS = [40, 60, 80, 100, 120]
NUMBER = re.compile(r"(?<![\w.,])[-+]?\d[\d,]*(?:\.\d+)?(?![\w.,])")
COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*m")
LEFT_OUT = {"en": "Left out at {width} columns: ", "zh": "受窗口宽度（{width}列）所限，未显示："}


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


@pytest.fixture
def terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """terminal(width, lang, colour, *args): what the command shows on a terminal `width` cells
    wide (rich's console is told the width by $COLUMNS, and colour by FORCE_COLOR)."""

    def show(width: int, lang: str, colour: bool, *args: str) -> str:
        with monkeypatch.context() as patch:
            patch.setattr(Out, "is_terminal", property(lambda self: True))
            patch.setenv("COLUMNS", str(width))
            if colour:
                patch.delenv("NO_COLOR")
                patch.setenv("FORCE_COLOR", "1")
                patch.setenv("TERM", "xterm-256color")
            result = run("--lang", lang, *args)
        assert result.exit_code in (0, 1) and result.stderr == "", result
        return result.stdout

    return show


def left_out(text: str, lang: str, width: int) -> list[str]:
    """The headers of the columns the line under the table names as left out."""
    start = LEFT_OUT[lang].format(width=width)
    flat = text.replace("\n", "")  # (the line is wrapped as prose on a narrow terminal)
    if start not in flat:
        return []
    names = flat.split(start, 1)[1].split("；" if lang == "zh" else ";", 1)[0]
    return [name.strip() for name in names.split("、" if lang == "zh" else ", ")]


def blocks(text: str) -> dict[str, str]:
    """Each row's lines, by what starts it (its id): the line that starts with it and those after
    it that start with a space (a table's row folded onto more lines, or a record's)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line[:1].strip():
            current = found.setdefault(line.split()[0], [])
        if current is not None:
            current.append(line)
    return {key: "\n".join(lines) for key, lines in found.items()}


def cut_numbers(text: str, wide: str) -> list[str]:
    """Numbers shown cut with … ("350…", "服务站1…" of 服务站100个): each word ending in digits
    and … that the wide table never shows followed by anything but another digit."""
    cut = []
    for match in re.finditer(r"\S*\d[\d,.]*(?=…)", text):
        ends = [found.end() for found in re.finditer(re.escape(match.group()), wide)]
        if not any(not wide[end : end + 2].lstrip(",.")[:1].isdigit() for end in ends):
            cut.append(match.group() + "…")
    return cut


def tokens(text: str) -> list[str]:
    return [t for t in re.split(r"\s+|[:：](?=\S)|: ", text) if t]


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_figure_and_status_of_the_report_is_whole_or_its_column_named_left_out(
    terminal: Callable[..., str], qingdao: Path, width: int, lang: str, colour: bool
) -> None:
    text = COLOUR_CODE.sub("", terminal(width, lang, colour, "report", "--month", "6"))
    assert all(cell_width(line) <= width for line in text.splitlines())
    assert not cut_numbers(text, terminal(200, lang, False, "report", "--month", "6"))
    i18n.activate(lang)
    plan = plans.select_plan(store.read_store(EXAMPLE), None)
    report = progress.build_report(plan, 6, progress.thresholds_of(plan))
    gone = left_out(text, lang, width)
    rows = blocks(text)
    words = status_words()
    for r in report.indicators:
        shown = tokens(rows[r.id])
        figures = {
            i18n._("Target"): target_text(r), i18n._("Value"): value_text(r), "%": percent(r.percent),
            i18n._("Exp."): expected_text(r), i18n._("Gap"): signed(r.gap),
            i18n._("Status"): words[r.status],
        }  # fmt: skip
        for header, figure in figures.items():
            if header in gone:
                continue
            for word in figure.split():
                if header == i18n._("Status"):  # a word of its own in colour (● 滞后), with its light without
                    assert any(t.startswith(word) for t in shown), (r.id, word, rows[r.id])
                elif re.search(r"\d", word) or word.isascii():  # a number, a word in letters: whole
                    assert word in shown, (r.id, header, word, rows[r.id])
                else:  # a Chinese word (a unit, a stage) may break between characters, never lose one
                    assert re.search(".*".join(map(re.escape, word)), rows[r.id], re.DOTALL), (r.id, word)
    assert "%" not in gone and i18n._("Status") not in gone and i18n._("ID") not in gone


@pytest.mark.parametrize(
    "args",
    [
        ["lagging", "--month", "6"],
        ["escalations", "--month", "6"],
        ["owners", "--month", "6"],
        ["missing", "--month", "6"],
        ["departments"],
        ["list"],
        ["show", "1"],
        ["show", "2.2"],
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_table_cuts_a_number_at_any_width(
    terminal: Callable[..., str], run: Run, qingdao: Path, args: list[str], lang: str
) -> None:
    """Every number on a narrow terminal is one of the wide table's, whole (not 350… nor 37,)."""
    result = run("--lang", lang, *args)  # in a pipe of 200 columns
    assert result.exit_code in (0, 1) and result.stderr == "", result
    wide = set(NUMBER.findall(result.stdout))
    for width in WIDTHS:
        text = COLOUR_CODE.sub("", terminal(width, lang, False, *args))
        assert not cut_numbers(text, terminal(200, lang, False, *args)), (width, text)
        cut = set(NUMBER.findall(text)) - wide - {str(width)}
        assert not cut, (width, cut, text)


def test_the_line_under_the_table_names_the_columns_left_out(
    terminal: Callable[..., str], qingdao: Path
) -> None:
    wide = terminal(200, "en", False, "report", "--month", "6")
    assert "Left out" not in wide
    # Below 140 columns the owners go, below 125 the change, below 110 the month (as before).
    at_100 = [line.rstrip() for line in terminal(100, "en", False, "report", "--month", "6").splitlines()]
    under = at_100.index(
        "16.4  一码应用多端   milestone    多端发布                        50          met (blue)"
    )
    assert at_100[under + 1 : under + 4] == [
        "      发布",
        "Left out at 100 columns: Owners, Δ, Month; a wider window or --format json shows them.",
        "Indicators: 10 met, 16 ahead, 5 on track, 4 lagging, 9 no data, 6 in progress",
    ]
    # At 80 columns the bar goes too (below 95), and, the status being 16 cells wide in Chinese
    # without colour, the expected percent: the first of those that go only when they must.
    at_80 = [line.rstrip() for line in terminal(80, "zh", False, "report", "--month", "6").splitlines()]
    assert at_80[1:3] == [
        " " * 73 + "进展评",
        "编号  指标              目标     进展       %    差距  状态              价",
    ]
    assert at_80[7:9] == [
        "1.1   城镇新增就业   350,000  180,400   51.54   +1.54  正常推进（绿灯）",
        " " * 26 + "人",
    ]
    note = next(n for n, line in enumerate(at_80) if line.startswith("受窗口宽度"))
    assert at_80[note : note + 2] == [  # (a space after each 、: a name is never cut, nor 加宽窗 over 口)
        "受窗口宽度（80列）所限，未显示：责任单位、 进度条、 时序进度、 较上月、",
        "月份；加宽窗口或使用 --format json 可查看。",
    ]


def test_a_terminal_too_narrow_for_the_table_gets_a_record_a_row(
    terminal: Callable[..., str], qingdao: Path
) -> None:
    text = terminal(40, "zh", False, "report", "--month", "6")
    record = blocks(text)["1.2"].splitlines()
    assert record == [
        "1.2  创设公益性岗位",
        "    目标：37,000 个  进展：38,100",
        "    %：102.97  时序进度：50",
        "    差距：+52.97  状态：已完成（蓝灯）",
        "    进展评价：",
        "    已实现既定目标（与计算状态一致）",
    ]
    assert blocks(text)["1"].splitlines() == [
        "1  实现城镇新增就业35万人以上,创设公益…",
        "    状态：正常推进（绿灯）",
    ]
    assert all(cell_width(line) <= 40 for line in text.splitlines())


def test_a_project_s_title_shortened_on_a_narrow_terminal_is_cut_before_a_number(
    terminal: Callable[..., str], qingdao: Path
) -> None:
    """Below 120 columns a project's long title is shortened to 36 cells with …: never inside a
    number, where 服务站100个 would read as the false 服务站1…."""
    rows = blocks(terminal(100, "en", False, "report", "--month", "6"))
    title = "".join(rows["13"].split())  # (folded onto lines of its column)
    assert title.endswith("养老服务站…") and "服务站1…" not in title
    assert "".join(rows["11"].split()).endswith("0.5个百分点;…")  # a number before the cut stays whole


def test_the_report_by_region_of_a_labelled_indicator_has_a_cell_for_each_column(
    qingdao: Path, run: Run
) -> None:
    """A region's row under an indicator, in a report whose table has a label column: one cell
    a column, in a pipe as on a terminal (it had one too few, and the plain table failed)."""
    ok(run, "add-region", "市南区")
    ok(run, "edit-indicator", "1.2", "--region-target", "市南区=37000")
    ok(run, "add-progress", "1.2", "20000", "--month", "6", "--region", "市南区")
    lines = ok(run, "report", "--month", "6", "--by-region").splitlines()
    region = next(line for line in lines if line.lstrip().startswith("市南区"))
    assert region.split() == [
        "市南区",
        "37,000",
        "个",
        "20,000",
        "#####.....",
        "54.05",
        "50",
        "+4.05",
        "on",
        "track",
        "(green)",
        "6",
    ]


@pytest.mark.parametrize("width", [60, 65, 70, 76, 80])
def test_a_department_s_statuses_keep_each_status_word_whole(
    terminal: Callable[..., str], qingdao: Path, width: int
) -> None:
    """owners' 状态 cell (已完成1项，超前5项，滞后3项 …) is never narrower than 正常推进."""
    text = COLOUR_CODE.sub("", terminal(width, "zh", False, "owners", "--month", "6"))
    lines = [line.rstrip() for line in text.splitlines()]
    for word in ("正常推进", "无数据", "推进中", "已完成", "超前", "滞后"):
        for cut in range(1, len(word)):
            head, tail = word[:cut], word[cut:]
            assert not any(
                line.endswith(head) and following.strip().startswith(tail)
                for line, following in zip(lines, lines[1:], strict=False)
            ), (width, word, text)


@pytest.mark.parametrize("width", [41, 43, 50, 61])
def test_the_report_s_counts_wrap_between_them_on_a_terminal(
    terminal: Callable[..., str], qingdao: Path, width: int
) -> None:
    """指标：已完成10项， 超前16项， … on a narrow terminal: a count is never cut (滞 over 后4项)."""
    text = COLOUR_CODE.sub("", terminal(width, "zh", False, "report", "--month", "6"))
    at = text.index("指标：")
    counts = text[at : text.index("时序进度", at)]
    for count in ("已完成10项", "超前16项", "正常推进5项", "滞后4项", "无数据9项", "推进中6项"):
        assert count in counts, (width, counts)
