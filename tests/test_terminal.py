"""Tables on a terminal (render/terminal.py): rich's table, byte for byte, at about a pipe's speed.

Each test sets what it compares against as rich draws it: a rich Table built here as the
terminal's table always was, of text that folds where a number stays whole (breaks.Breaking),
printed by rich itself. The fast path must write the same text (widths, borders, alignment,
Chinese, folding and wrapping on a narrow terminal, colours), whatever it leaves to rich.
tests/test_breaks.py holds where the text breaks.
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from shishi_cli import i18n, plans, progress, render, store
from shishi_cli.render import terminal
from shishi_cli.render.breaks import Breaking
from shishi_cli.render.output import Column, Grid, Out, Section, Styled, print_grid
from shishi_cli.text import cell_width, literal

from .helpers import EXAMPLE, SCRIPT, bench_module, copy_store

COLOURS = ["bold", "red", "bold red", "green", "yellow", "blue", ""]


def console_of(width: int, colour: str | None = "standard") -> Console:
    """A terminal `width` cells wide: `colour` its colour system, None for NO_COLOR."""
    return Console(
        file=io.StringIO(), force_terminal=True, width=width, no_color=colour is None,
        color_system=colour or "standard", highlight=False, markup=False, emoji=False,
    )  # fmt: skip


def as_rich_draws_it(
    console: Console, title: str | None, columns: list[Column], rows: list, widths: list[int] | None = None
) -> str:
    """The table as the terminal's table has always been made (a rich Table of the cells, text
    as str, a style only in colour), printed by rich; `widths`, each column's with its padding
    where they are fixed (a table fitted to a narrow terminal)."""
    colour = not console.no_color
    title_text = Breaking(title, style="bold" if colour else "") if title else None
    table = Table(
        title=title_text, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
        header_style="bold" if colour else "", title_style="bold" if colour else "", title_justify="left",
    )  # fmt: skip
    for at, c in enumerate(columns):
        overflow = "fold" if c.whole or (c.justify == "left" and not c.cut) else "ellipsis"
        table.add_column(
            c.header, justify=c.justify, no_wrap=not c.wrap, overflow=overflow, min_width=c.min_width,
            width=None if widths is None else widths[at] - (at < len(columns) - 1),
        )  # fmt: skip
    for row in rows:
        cells = row.cells if isinstance(row, Section) else row
        table.add_row(
            *(
                Breaking(c.text, style=c.style if colour else "") if isinstance(c, Styled) else Breaking(c)
                for c in cells
            )
        )
    with console.capture() as capture:
        console.print(table)
    return capture.get()


def printed(
    console: Console, title: str | None, columns: list[Column], rows: list, widths: list[int] | None = None
) -> str:
    """What print_table writes to the console's terminal."""
    assert isinstance(console.file, io.StringIO)
    console.file.seek(0)
    console.file.truncate()
    terminal.print_table(console, title, columns, rows, widths)
    return console.file.getvalue()


# A report's columns, and rows of Chinese text: a project's long title, names that fit, fold
# (no space to wrap at) and wrap (English, at spaces), wide and narrow forms, a combining mark.
COLUMNS = [
    Column("ID", wrap=False),
    Column("指标 Indicator", min_width=12),
    Column("责任单位"),
    Column("目标", "right"),
    Column("%", "right", wrap=False),
    Column("状态", min_width=8, cut=True),
    Column("Month", "right", wrap=False),
]
ROWS: list = [
    Section(
        ["1", Styled("就业创业：城镇新增就业18万人以上，开发城乡公益性岗位5000个", "bold"), "市人社局",
         "", "", Styled("● lagging", "bold red"), ""],
        "1  就业创业",
    ),
    ["1.1", "城镇新增就业", "市人社局、市财政局", "180,000 人", "51.54", Styled("● on track", "green"), "6"],
    ["1.2", "Install 3000 AED devices in public places", "市卫健委", "3,000 台", "12.3",
     Styled("● lagging", "bold red"), "5"],
    ["1.3", "改造老旧小区（手改）", "", "196 个", "", Styled("● no figure yet", "yellow"), "—"],
    ["1.10", "e\u0301 한국어 ｆｕｌｌ　全角", "区县", "1 km²", "100", Styled("● done", "blue"), "12"],
    ["1.11", "", "", "", "", Styled("", "red"), ""],
]  # fmt: skip


@pytest.mark.parametrize("width", [24, 40, 60, 80, 100, 120, 200])
@pytest.mark.parametrize("colour", [None, "standard", "256", "truecolor"])
def test_the_table_is_rich_s_own(width: int, colour: str | None) -> None:
    console = console_of(width, colour)
    expected = as_rich_draws_it(console, "2022年市办实事 — as of 2022-06-30 (month 6)", COLUMNS, ROWS)
    assert printed(console, "2022年市办实事 — as of 2022-06-30 (month 6)", COLUMNS, ROWS) == expected
    if colour is None:
        assert "\x1b" not in expected
    else:
        assert "\x1b[" in expected
    if width >= 40:  # laid out without rich's table: what follows is not a fallback
        assert terminal.table_text(console, "t", COLUMNS, ROWS) is not None


def test_narrow_terminals_fold_chinese_and_wrap_english_as_rich_does() -> None:
    console = console_of(44, "256")
    text = printed(
        console, None, COLUMNS[:4], [row.cells[:4] if isinstance(row, Section) else row[:4] for row in ROWS]
    )
    assert text == as_rich_draws_it(
        console, None, COLUMNS[:4], [r.cells[:4] if isinstance(r, Section) else r[:4] for r in ROWS]
    )
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in text.splitlines()]
    assert all(cell_width(line) <= 44 for line in lines)
    assert any(line.startswith("1.2 ") for line in lines) and "AED" in text  # wrapped at spaces
    assert any(line.startswith("1  ") and "就业创业" in line for line in lines)  # folded onto more lines
    assert len(lines) > len(ROWS) + 2


def test_no_colour_codes_with_no_color_or_a_terminal_without_colour() -> None:
    plain = Console(file=io.StringIO(), force_terminal=True, width=100, color_system=None)
    assert "\x1b" not in printed(plain, "t", COLUMNS, ROWS)
    assert printed(plain, "t", COLUMNS, ROWS) == as_rich_draws_it(plain, "t", COLUMNS, ROWS)
    assert "\x1b" not in printed(console_of(100, None), "t", COLUMNS, ROWS)
    coloured = printed(console_of(100, "truecolor"), "t", COLUMNS, ROWS)
    assert "\x1b[1;31m● lagging" in coloured and "\x1b[32m● on track" in coloured


# --- any table: text of every kind, columns of every kind, any width --------------------------

ALPHABET = [
    "a", "b", "Z", "1", "-", " ", " ", "城", "镇", "就", "业", "，", "（", "\u0301", "한", "ｆ", "😀",
    "\u3000", "\n", "\t", "…", "●", "\ufe0f", "\x07", "\u200d", "\u202e", "é",
]  # fmt: skip
# Any text as it reaches a table (every view passes user text through literal(), which shows a
# control or invisible character escaped: rich itself fails on some, such as "\u200d\u200d"),
# and words as names mostly are: printable, no space (rich folds them).
texts = st.one_of(
    st.text(alphabet=st.sampled_from(ALPHABET), max_size=24).map(literal),
    st.text(alphabet=st.sampled_from([c for c in ALPHABET if c.isprintable() and c != " "]), max_size=30),
)
cells = st.one_of(texts, st.builds(Styled, texts, st.sampled_from(COLOURS)))
columns = st.builds(
    Column,
    st.text(alphabet=st.sampled_from(ALPHABET[:14]), min_size=1, max_size=8),
    st.sampled_from(["left", "right"]),
    st.booleans(),
    st.sampled_from([0, 0, 1, 5, 6]),
    st.sampled_from([None, 1, 3, 8, 12]),
    st.booleans(),
    st.booleans(),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[Column], list]:
    header = draw(st.lists(columns, min_size=1, max_size=6))
    row = st.lists(cells, min_size=len(header), max_size=len(header))
    rows = draw(st.lists(st.one_of(row, st.builds(Section, row, st.just("-"))), max_size=8))
    return header, rows


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tables(),
    st.integers(min_value=8, max_value=140),
    st.sampled_from([None, "standard", "256", "truecolor"]),
    st.one_of(st.none(), texts),
)
def test_any_table_is_rich_s_own(
    table: tuple[list[Column], list], width: int, colour: str | None, title: str | None
) -> None:
    header, rows = table
    console = console_of(width, colour)
    assert printed(console, title, header, rows) == as_rich_draws_it(console, title, header, rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tables(),
    st.integers(min_value=8, max_value=140),
    st.sampled_from([None, "standard", "256"]),
    st.one_of(st.none(), texts),
)
def test_a_table_fitted_to_any_terminal_is_rich_s_own_and_keeps_its_numbers_whole(
    table: tuple[list[Column], list], width: int, colour: str | None, title: str | None
) -> None:
    """The table print_grid draws on a terminal of any width (its optional columns left out as
    they must, its widths fixed where rich's would cut a whole column): rich's own at those
    widths, within the terminal, and each number of a whole column on one line of it."""
    header, rows = table
    console = console_of(width, colour)
    fit = terminal.fit_table(console, header, rows)
    if fit is None:  # not even its least fits: a record a row, each number whole that fits a line
        terminal.print_records(console, title, header, rows, "{header}: {value}")
        shown = re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())  # type: ignore[attr-defined]
        for at, column in enumerate(header):
            for row in rows if column.whole else ():
                cell = (row.cells if isinstance(row, Section) else row)[at]
                said = cell if isinstance(cell, str) else cell.text
                for word in said.split() if said.isprintable() else ():
                    # (measured as rich measures it: 1️, a digit with its emoji selector, is two)
                    if any(c.isdigit() for c in word) and cell_len(word) <= width - 4:
                        assert word in shown, (word, shown)
        return
    assert fit.widths is not None and len(fit.widths) == len(fit.shown) == len(fit.columns)
    kept = [
        Section([r.cells[at] for at in fit.shown], r.line)
        if isinstance(r, Section)
        else [r[at] for at in fit.shown]
        for r in rows
    ]
    text = printed(console, title, fit.columns, kept, fit.widths)
    assert text == as_rich_draws_it(console, title, fit.columns, kept, fit.widths)
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in text.splitlines()]
    assert all(cell_width(line) <= width for line in lines)
    for at, column in zip(fit.shown, fit.columns, strict=True):
        for row in rows if column.whole else ():
            cell = (row.cells if isinstance(row, Section) else row)[at]
            said = cell if isinstance(cell, str) else cell.text
            if "\t" in said:  # (rich measures a tab as nothing, and expands it: never a figure's)
                continue
            if any(line[:1].isspace() for line in said.split("\n")):  # (rich wraps a leading space
                continue  # with the first word of its line: never a figure's)
            for word in said.split():
                if any(c.isdigit() for c in word) and word.isprintable():
                    assert any(word in line for line in lines), (word, text)


WORDS = [c for c in ALPHABET if c.isprintable() and c != " "]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(alphabet=st.sampled_from(WORDS), min_size=8, max_size=40), min_size=1, max_size=8),
    st.integers(min_value=12, max_value=40),
    st.sampled_from([None, 2, 4, 12]),
    st.sampled_from([None, "standard"]),
)
def test_words_are_folded_as_rich_folds_them(
    words: list[str], width: int, least: int | None, colour: str | None
) -> None:
    """Names without a space (Chinese ones) on a terminal too narrow for them: folded."""
    header = [Column("ID", wrap=False), Column("指标", min_width=least), Column("%", "right", wrap=False)]
    rows = [[f"{n}.1", Styled(word, "bold") if n % 2 else word, f"{n * 7.5}"] for n, word in enumerate(words)]
    console = console_of(width, colour)
    assert printed(console, None, header, rows) == as_rich_draws_it(console, None, header, rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, max_size=6), st.integers(min_value=4, max_value=60))
def test_prose_is_rich_s_own(lines: list[str], width: int) -> None:
    text = "\n".join(lines)
    for ending in ("", "\n"):
        console = console_of(width, "standard")
        terminal.print_prose(console, text + ending)
        assert isinstance(console.file, io.StringIO)
        with console.capture() as capture:
            console.print(Breaking.alone(text + ending, ""))
        assert console.file.getvalue() == capture.get()


# --- long tables ---------------------------------------------------------------------------------


def long_table(count: int) -> tuple[list[Column], list]:
    rows: list = []
    for n in range(1, count + 1):
        project = n // 10 + 1
        if n % 10 == 1:
            title = Styled(f"第{project}件实事：改造提升农贸市场", "bold")
            rows.append(Section([str(project), title, "", "", Styled("● lagging", "red")], "-"))
        status = Styled("● on track", "green") if n % 3 else Styled("● lagging", "red")
        name = f"第{n}项指标" + "新建" * (n % 7)
        rows.append([f"{project}.{n % 10 + 1}", name, f"市第{n % 40}局", f"{n * 37:,}", status])
    header = [Column("ID", wrap=False), Column("Indicator", min_width=12), Column("Owners"),
              Column("Value", "right"), Column("Status", min_width=8, cut=True)]  # fmt: skip
    return header, rows


@pytest.mark.parametrize("width", [30, 60, 160])
def test_a_long_table_is_rich_s_own_and_keeps_every_row_and_cell(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal, "_LINES_A_WRITE", 7)  # written in many chunks
    header, rows = long_table(600)
    console = console_of(width, "256")
    text = printed(console, "Long", header, rows)
    assert text == as_rich_draws_it(console, "Long", header, rows)
    if width == 160:  # every row on its line, every cell in it
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in text.splitlines()[3:]]
        assert len(lines) == len(rows)
        for line, row in zip(lines, rows, strict=True):
            cells = row.cells if isinstance(row, Section) else row
            words = [c.text if isinstance(c, Styled) else c for c in cells]
            assert line.split() == [word for cell in words for word in cell.split()]


def test_thousands_of_rows_are_laid_out_without_rich_s_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """rich measures two rows and draws the header; no cell of the body goes through it."""
    header, rows = long_table(3000)
    drawn: list[int] = []
    original = terminal.rich_table

    def spy(console: Console, title: str | None, columns: list[Column], given: list, *rest: object) -> Table:
        drawn.append(len(given))
        return original(console, title, columns, given, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(terminal, "rich_table", spy)
    monkeypatch.setattr(terminal, "_rich_segments", lambda *args: pytest.fail("a cell went through rich"))
    out = Out(io.StringIO())
    out.__dict__["is_terminal"] = True
    out.__dict__["console"] = console_of(60, "standard")
    print_grid(out, Grid("Long", header, rows))
    text = out.console.file.getvalue()  # type: ignore[attr-defined]
    assert drawn == [2, 0]  # the widths' sample, the header
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    starts = set(re.findall(r"^(\d+\.\d+) ", plain, re.MULTILINE))
    assert starts == {row[0] for row in rows if not isinstance(row, Section)}  # every row
    assert plain.count("● on track") + plain.count("● lagging") == len(rows)  # every status cell


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_example_report_on_terminals_of_every_width(lang: str) -> None:
    """Fitted to each width (columns left out, widths fixed, a record a row at the narrowest),
    the report is the same with the fast path as rich alone draws it."""
    i18n.activate(lang)
    plan = plans.select_plan(store.read_store(EXAMPLE), None)
    report = progress.build_report(plan, 6, progress.thresholds_of(plan))
    for width in (30, 40, 50, 60, 70, 80, 100, 120, 200):
        for colour in (None, "256"):
            shown = []
            for fast in (True, False):
                out = Out(io.StringIO())
                out.__dict__["is_terminal"] = True
                out.__dict__["console"] = console = console_of(width, colour)
                out.file = console.file
                with pytest.MonkeyPatch.context() as patch:
                    if not fast:
                        patch.setattr(terminal, "table_chunks", lambda *args: None)
                        patch.setattr(terminal, "prose_chunks", lambda *args: None)
                    render.render_report(report, "table", out)
                shown.append(out.file.getvalue())  # type: ignore[attr-defined]
            assert shown[0] == shown[1], (width, colour)


# --- the installed shishi on a pseudo-terminal ---------------------------------------------------


def on_a_terminal(argv: list[str], store_path: Path, **env: str) -> str:
    """What a command writes to a pseudo-terminal of 90 columns (unless `env` says) that shows
    256 colours."""
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "COLORTERM", "TTY_COMPATIBLE")
    }
    full |= {"SHISHI_STORE": str(store_path), "COLUMNS": "90", "TERM": "xterm-256color", **env}
    _elapsed, code, output = bench_module("terminal").on_pty(argv, full, timeout=120)
    assert code in (0, 1), output
    return output.decode().replace("\r\n", "\n")


# The same command with the fast path taken away: the table as rich alone draws it.
RICH_ONLY = [
    sys.executable, "-c",
    "import sys; from shishi_cli.render import terminal as t;"
    " t.table_chunks = t.prose_chunks = lambda *a: None;"
    " from shishi_cli.cli import main; sys.argv[0] = 'shishi'; main()",
]  # fmt: skip
SHISHI_ON_PATH = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "shishi_cli"]


def test_the_installed_shishi_on_a_terminal_writes_rich_s_table(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    bench_module("benchmark").build_store(path, 300)
    for args in (["report", "--month", "6"], ["lagging", "--month", "6"]):
        for columns in ("90", "56"):  # 56: narrower than the report's columns: fitted to it
            shown = on_a_terminal([*SHISHI_ON_PATH, *args], path, COLUMNS=columns)
            assert "\x1b[" in shown  # in colour
            assert shown == on_a_terminal([*RICH_ONLY, *args], path, COLUMNS=columns), (args, columns)
            lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in shown.splitlines()]
            assert all(cell_width(line) <= int(columns) for line in lines)
    report = on_a_terminal([*SHISHI_ON_PATH, "report", "--month", "6"], path, NO_COLOR="1")
    assert "\x1b" not in report and "(red)" in report
    ids = set(re.findall(r"^(\d+\.\d+) ", report, re.MULTILINE))
    assert ids == {f"{p}.{i}" for p in range(1, 31) for i in range(1, 11)}  # every row


@pytest.mark.parametrize(
    "args",
    [
        ["owners", "--month", "6"],
        ["show", "1"],
        ["show", "1.1"],
        ["departments"],
        ["missing", "--month", "6"],
        ["escalations", "--month", "6"],
        ["report", "--month", "6", "--status", "lagging"],
    ],
)
@pytest.mark.parametrize(
    ("columns", "lang"),
    [
        ("90", "en"),
        ("60", "en"),
        pytest.param("60", "zh", marks=pytest.mark.slow),
        pytest.param("40", "zh", marks=pytest.mark.slow),
        pytest.param("40", "en", marks=pytest.mark.slow),
    ],
)
def test_every_table_of_the_installed_shishi_is_rich_s(
    args: list[str], columns: str, lang: str, tmp_path: Path
) -> None:
    """At each width, fitted (columns left out, widths fixed, a record a row at the narrowest):
    the same text as rich alone draws."""
    path = copy_store(EXAMPLE, tmp_path / "store.json")
    shown = on_a_terminal([*SHISHI_ON_PATH, *args], path, COLUMNS=columns, SHISHI_LANG=lang)
    assert "\x1b[" in shown
    assert shown == on_a_terminal([*RICH_ONLY, *args], path, COLUMNS=columns, SHISHI_LANG=lang)
