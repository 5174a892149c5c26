"""import-progress of forms as offices make them: titles, two-level headers, footers, Chinese
headers and months, indicators named instead of numbered (issue 15, item 3)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .helpers import Run, whole

# An office's own form: a merged title, a 填报单位 line, a two-level header, names for ids,
# the month in the title only, a total and a footer under the table.
OFFICE_ROWS: list[list[object]] = [
    ["2022年9月份市办实事进展情况表"],
    ["填报单位：市人社局", None, None, "填报日期：2022年10月5日"],
    ["序号", "指标名称", "计量单位", "进展情况", None, "备注"],
    [None, None, None, "本月完成", "累计完成", None],
    [1, "城镇新增就业", "人", "3万", "28.5万", "含高校毕业生"],
    [2, "创设 公益性岗位", "个", None, "39000", None],
    [3, "扶持创业", "人", "2000", None, None],
    ["合计", None, None, None, None, None],
    ["填表人：王芳  联系电话：0532-85911234"],
    ["审核人：李强"],
    ["2022年10月5日"],  # the day it was signed off, under the 序号 column
]


def office_book(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:F1")
    sheet.merge_cells("D3:E3")
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    book.save(path)
    return path


def september(store: Path) -> list[tuple[str, int, str | None, str | None]]:
    data = whole(store)
    return [
        (e["indicator"], e["month"], e.get("value"), e.get("note"))
        for e in data["plans"]["2022"]["progress"]
        if e["month"] == 9
    ]


def test_an_offices_own_form_is_read_as_people_make_it(run: Run, qingdao: Path, tmp_path: Path) -> None:
    form = office_book(tmp_path / "人社局9月.xlsx", OFFICE_ROWS)
    result = run("import-progress", str(form))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"Imported from {form}: 3 entries\n"
    # 扶持创业 gives only this month's 2000: added to June's 19200.
    assert september(qingdao) == [
        ("1.1", 9, "285000", "含高校毕业生"),
        ("1.2", 9, "39000", None),
        ("1.3", 9, "21200", None),
    ]


def test_a_gb18030_csv_of_the_same_form(run: Run, qingdao: Path, tmp_path: Path) -> None:
    lines = [",".join("" if c is None else str(c) for c in row) for row in OFFICE_ROWS]
    lines[3] = ",,,本月完成,累计完成,"  # (a CSV has no merged cells: the group title stands alone)
    form = tmp_path / "人社局9月.csv"
    form.write_bytes("\r\n".join(lines).encode("gb18030"))
    result = run("import-progress", str(form))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"Imported from {form}: 3 entries\n", "")
    assert [e[:3] for e in september(qingdao)] == [
        ("1.1", 9, "285000"),
        ("1.2", 9, "39000"),
        ("1.3", 9, "21200"),
    ]


@pytest.mark.parametrize("month", ["9", "9月", "2022年9月", "1-9月", "九月", "2022-09-30", "截至9月底"])
@pytest.mark.parametrize("header", ["累计完成值", "累计完成"])
def test_chinese_months_and_headers(run: Run, qingdao: Path, tmp_path: Path, month: str, header: str) -> None:
    form = tmp_path / "进展.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["指标编号", "月份", header])
    book.active.append(["1.1", month, "28.5万"])
    book.save(form)
    result = run("import-progress", str(form))
    assert (result.exit_code, result.stderr) == (0, ""), result
    assert september(qingdao) == [("1.1", 9, "285000", None)]


def test_a_date_cell_is_its_month(run: Run, qingdao: Path, tmp_path: Path) -> None:
    from datetime import date

    form = tmp_path / "进展.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["指标", "月份", "累计完成"])
    book.active.append(["1.1", date(2022, 9, 30), 285000])
    book.save(form)
    assert run("import-progress", str(form)).exit_code == 0
    assert september(qingdao) == [("1.1", 9, "285000", None)]


@pytest.mark.parametrize("header", ["1-9月累计", "截至9月底累计完成", "2022年1-9月累计完成值", "1～9月累计"])
def test_the_month_in_the_figures_header(run: Run, qingdao: Path, tmp_path: Path, header: str) -> None:
    form = tmp_path / "进展.csv"
    form.write_text(f"指标编号,指标名称,{header},完成率\n1.1,城镇新增就业,28.5万,81.4%\n", encoding="utf-8")
    result = run("import-progress", str(form))
    assert (result.exit_code, result.stderr) == (0, ""), result
    assert september(qingdao) == [("1.1", 9, "285000", None)]


def test_names_unknown_shared_and_not_numbers_are_said(run: Run, qingdao: Path, tmp_path: Path) -> None:
    form = tmp_path / "进展.csv"
    form.write_text(
        "指标,月份,累计完成\n城镇就业,9月,1\n城镇新增就业,9月,1O20\n没有这个,9月,1\n9.9,9月,1\n",
        encoding="utf-8",
    )
    before = qingdao.read_bytes()
    result = run("import-progress", str(form))
    assert result.exit_code == 3
    assert result.stdout == ""
    error = f"shishi: error: {form}: "
    assert result.stderr.splitlines() == [
        error + "row 2: no indicator '城镇就业' in the 2022 plan; the closest: 1.1 城镇新增就业",
        error + "row 3: '1O20' is not a number; write it like 35万, 18.04万 or 3,700",
        error + "row 4: no indicator '没有这个' in the 2022 plan; 'shishi list' shows the indicators",
        error + "row 5: no indicator '9.9' in the 2022 plan; 'shishi list' shows the indicator ids",
        error + "4 bad rows; nothing was imported",
    ]
    assert qingdao.read_bytes() == before


def test_a_name_shared_by_two_indicators_asks_for_the_id(run: Run, qingdao: Path, tmp_path: Path) -> None:
    assert run("add-indicator", "1", "扶持 创业").exit_code == 0  # 1.3's name once spaces go
    form = tmp_path / "进展.csv"
    form.write_text("指标名称,月份,累计完成\n扶持创业,9,1\n扶持　创业,9,1\n扶 持创业,9,1\n", encoding="utf-8")
    result = run("import-progress", str(form))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"shishi: error: {form}: row 3: '扶持\\u3000创业' is the name of more than one indicator "
        "(1.3 扶持创业, 1.5 扶持 创业); give the id",
        f"shishi: error: {form}: row 4: '扶 持创业' is the name of more than one indicator "
        "(1.3 扶持创业, 1.5 扶持 创业); give the id",
        f"shishi: error: {form}: 2 bad rows; nothing was imported",
    ]  # (row 2 names 1.3 exactly)


def test_a_figure_without_an_indicator_is_no_footer(run: Run, qingdao: Path, tmp_path: Path) -> None:
    form = tmp_path / "进展.csv"
    form.write_text("指标编号,月份,累计完成\n1.1,9,1\n,9,2\n填表人：王芳,,\n", encoding="utf-8")
    result = run("import-progress", str(form))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        3,
        f"shishi: error: {form}: row 3: no indicator id",
    )


def test_a_date_alone_under_the_figures_is_the_day_signed_off(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    """Written in the id column, it is no indicator to look for; with anything beside it, it is."""
    form = tmp_path / "进展.csv"
    form.write_text("指标编号,月份,累计完成\n1.1,9,190000\n2022年10月5日,,\n2022-10-05,,\n", encoding="utf-8")
    result = run("import-progress", str(form))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"Imported from {form}: 1 entry\n", "")
    form.write_text("指标编号,月份,累计完成\n1.1,9,190000\n2022年10月5日,9,\n", encoding="utf-8")
    refused = run("import-progress", str(form))
    assert refused.exit_code == 3
    assert refused.stderr.splitlines()[0].startswith(
        f"shishi: error: {form}: row 3: no indicator '2022年10月5日'"
    )


def test_no_month_anywhere_is_said_in_the_offices_words(run: Run, qingdao: Path, tmp_path: Path) -> None:
    form = tmp_path / "进展.csv"
    form.write_text("指标编号,累计完成\n1.1,1\n", encoding="utf-8")
    result = run("--lang", "zh", "import-progress", str(form))
    assert result.exit_code == 3
    assert result.stderr == (
        f"shishi: 错误：{form}：表头行中没有 “月份” 列；"
        "请在“月份”列、标题（2022年9月）或表头（1-9月累计）中写明数据所属月份\n"
    )
