"""Where a terminal's text breaks (render/breaks.py): Chinese text between its characters, a
number never in two, and English as rich wraps it."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from shishi_cli.render import terminal
from shishi_cli.render.breaks import Breaking
from shishi_cli.render.output import Column, Styled
from shishi_cli.text import cell_width


def console_of(width: int) -> Console:
    return Console(
        file=io.StringIO(), force_terminal=True, width=width, highlight=False, markup=False, emoji=False
    )


def lines_of(text: Text, width: int) -> list[str]:
    return [line.plain.rstrip() for line in text.wrap(console_of(80), width)]


def test_a_number_in_chinese_text_is_never_cut_in_two() -> None:
    name = "实现城镇新增就业35万人以上,创设公益性岗位3.7万个以上"
    # rich alone folds at the edge: 3 ends a line and 5万 begins the next, 3 and .7 likewise.
    assert lines_of(Text(name), 9) == [
        "实现城镇",
        "新增就业3",
        "5万人以上",
        ",创设公益",
        "性岗位3.7",
        "万个以上",
    ]
    assert lines_of(Breaking(name), 9) == [
        "实现城镇", "新增就业", "35万人以", "上,创设公", "益性岗位", "3.7万个以", "上"
    ]  # fmt: skip
    # 300 keeps the 个 after it: a number is read with its word (300个, 35万, 1项).
    assert lines_of(Breaking("改造城镇老旧小区300个以上"), 7) == ["改造城", "镇老旧", "小区", "300个以", "上"]
    assert lines_of(Text("滞后1项，无数据"), 5) == ["滞后1", "项，", "无数", "据"]
    assert lines_of(Breaking("滞后1项，无数据"), 5) == ["滞后", "1项，", "无数", "据"]


def test_closing_punctuation_does_not_begin_a_line_nor_opening_end_one() -> None:
    assert lines_of(Text("新增就业35万人以上（含高校毕业生）"), 8)[-1] == "）"
    assert lines_of(Breaking("新增就业35万人以上（含高校毕业生）"), 8) == [
        "新增就业", "35万人以", "上（含高", "校毕业", "生）"
    ]  # fmt: skip
    # 》 may not begin a line, nor （《 end one: the line before 划 is the last place to break.
    assert lines_of(Breaking("完成既有建筑改造（《规划》内）"), 9) == [
        "完成既有",
        "建筑改造",
        "（《规",
        "划》内）",
    ]


def test_a_number_wider_than_the_line_is_folded_where_it_must_be() -> None:
    assert lines_of(Breaking("编号12345678901"), 6) == ["编号", "123456", "78901"]


CHINESE = st.text(alphabet=st.sampled_from(list("改造城镇老旧小区以上个万人")), min_size=1, max_size=4)
RUNS = st.from_regex(r"\A[0-9A-Za-z.%²-]{1,6}\Z")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CHINESE, RUNS), min_size=1, max_size=12), st.integers(min_value=6, max_value=30))
def test_any_chinese_text_keeps_its_numbers_whole_and_loses_nothing(
    parts: list[tuple[str, str]], width: int
) -> None:
    """Chinese words and numbers (runs no wider than the line) in any order, at any width."""
    text = "".join(chinese + run for chinese, run in parts)
    lines = [line.plain for line in Breaking(text).wrap(console_of(80), width, overflow="fold")]
    assert "".join(lines) == text  # (no space to lose: every character is on a line)
    assert all(cell_width(line) <= width for line in lines)
    for line, following in zip(lines, lines[1:], strict=False):
        assert not (re.search(r"[0-9A-Za-z.%²-]\Z", line) and re.match(r"[0-9A-Za-z.%²-]", following))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Install", "AED", "in", "public", "places", "x" * 25, "3,000", "km²"]), max_size=10
    ),
    st.sampled_from([" ", "  "]),
    st.integers(min_value=1, max_value=30),
)
def test_english_wraps_and_folds_as_rich_does(words: list[str], space: str, width: int) -> None:
    text = space.join(words)
    console = console_of(80)
    assert [line.plain for line in Breaking(text).wrap(console, width)] == [
        line.plain for line in Text(text).wrap(console, width)
    ]


def test_a_table_on_a_narrow_terminal_keeps_the_figures_of_its_names_whole() -> None:
    """The terminal's table (its fast path), as a person on a narrow terminal sees it."""
    console = console_of(40)
    columns = [
        Column("ID", wrap=False),
        Column("指标"),
        Column("目标", "right"),
        Column("%", "right", wrap=False),
    ]
    rows = [
        ["1.1", "城镇新增就业35万人以上", "350,000 人", "51.54"],
        ["2.1", Styled("改造城镇老旧小区300个以上", "bold"), "300 个", "100"],
    ]
    terminal.print_table(console, None, columns, rows, [5, 11, 11, 5])
    assert isinstance(console.file, io.StringIO)
    shown = [line.rstrip() for line in re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue()).splitlines()]
    assert shown[2:] == [
        "1.1   城镇新增就  350,000 人  51.54",
        "      业35万人以",
        "      上",
        "2.1   改造城镇老      300 个    100",
        "      旧小区",
        "      300个以上",
    ]


def test_sentences_on_a_terminal_break_as_chinese_text_does() -> None:
    """The notes under a table, and show's sentences: a line never begins with ， or ）."""
    note = (
        "排名从最落后起：先看逾期和超限指标数，再看督办阶梯的最高一级，再看滞后指标数，再看已衡量指标的"
        "最大差距和平均差距（百分点），再看无数据指标数，最后看未报送指标数；各项均相同的单位名次并列。\n"
        "目标：300 个；完成时限：2022-12-31；阶段：开工→完工（以完工计）\n"
    )
    console = console_of(60)
    terminal.print_prose(console, note)
    assert isinstance(console.file, io.StringIO)
    lines = console.file.getvalue().splitlines()
    assert lines[:2] == [
        "排名从最落后起：先看逾期和超限指标数，再看督办阶梯的最高一",
        "级，再看滞后指标数，再看已衡量指标的最大差距和平均差距（百分",
    ]  # (rich alone: …最高一级 over ，再看…, and …（百分点 over ），再看…)
    assert not any(line.startswith(("，", "）", "；", "。")) for line in lines)
    narrow = console_of(30)
    terminal.print_prose(narrow, note.splitlines()[1])
    assert isinstance(narrow.file, io.StringIO)
    # 300 and 个 on one line: the long word after the space begins where it comes.
    assert narrow.file.getvalue().splitlines()[:2] == [
        "目标：300 个；完成时限：",
        "2022-12-31；阶段：开工→完工",
    ]


def test_a_number_and_the_word_after_its_space_go_to_the_next_line_together() -> None:
    """5 处 and 30,000 人 are one figure: rich would leave 5 at a line's end and 处 at the next's start."""
    assert lines_of(Text("目标：5 处"), 7) == ["目标：5", "处"]
    assert lines_of(Breaking("目标：5 处"), 7) == ["目标：", "5 处"]
    assert lines_of(Breaking("目标：5 处；完成时限：2022-12-31"), 10) == [
        "目标：",
        "5 处；完成",
        "时限：",
        "2022-12-31",
    ]
    # In a column too narrow for both, the figure keeps its number whole and its word below.
    assert lines_of(Breaking("350,000 人"), 7) == ["350,000", "人"]
    assert lines_of(Breaking("Install 3000 AED"), 9) == ["Install", "3000 AED"]  # (English: rich's own)
