"""An indicator's id agrees with its project (6.1 is not project 5's), and a project's number as a
sheet writes it (第8件): refused at every door with what would be right, warned of in a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import planted, whole, year_file


@pytest.fixture
def projects(run):
    """A 2022 plan with projects 5, 12346 and 99999, none with indicators yet."""
    assert run("init", "--year", "2022", "--title", "2022年市办实事").exit_code == 0
    for number in ("5", "12346", "99999"):
        assert run("add-project", number, f"第{number}件").exit_code == 0
    return run


def ids(store_path: Path) -> dict[int, list[str]]:
    plan = whole(store_path)["plans"]["2022"]
    return {p["number"]: [i["id"] for i in p["indicators"]] for p in plan["projects"]}


@pytest.mark.parametrize(
    ("project", "ident"),
    [("5", "5.1"), ("5", "5.1a"), ("5", "5"), ("5", "area"), ("5", "a.6"), ("99999", "99999.1")],
)
def test_an_id_that_begins_with_its_project_number_or_with_no_number_is_taken(
    projects, store_path: Path, project: str, ident: str
) -> None:
    r = projects("add-indicator", project, "指标", "--target", "10", "--id", ident)
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"Added indicator {ident}: 指标\n", "")
    assert ids(store_path)[int(project)] == [ident]


@pytest.mark.parametrize(
    ("project", "ident", "example"),
    [
        ("5", "6.1", "5.1"),
        ("5", "6", "5"),
        ("5", "6.1a", "5.1a"),
        ("5", "0.1", "5.1"),
        ("12346", "12345.50", "12346.50"),  # a province-sized plan's slip of one
        ("99999", "100000.1", "99999.1"),  # a number no project can have
    ],
)
def test_add_indicator_refuses_an_id_of_another_project_saying_what_would_be_right(
    projects, store_path: Path, project: str, ident: str, example: str
) -> None:
    before = year_file(store_path).read_bytes()
    r = projects("add-indicator", project, "指标", "--target", "10", "--id", ident)
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (
        f"shishi: error: indicator id {ident} does not belong to project {project}: "
        f"its number comes first; e.g. {example}\n"
    )
    assert year_file(store_path).read_bytes() == before


def test_the_id_suggested_is_one_not_taken(projects) -> None:
    assert projects("add-indicator", "5", "甲", "--target", "1").exit_code == 0  # 5.1
    r = projects("add-indicator", "5", "乙", "--target", "1", "--id", "6.1")
    assert r.stderr.endswith("its number comes first; e.g. 5.2\n")
    assert projects("add-indicator", "5", "乙", "--target", "1", "--id", "5.2").exit_code == 0


def test_the_refusal_in_chinese(projects) -> None:
    r = projects("--lang", "zh", "add-indicator", "5", "指标", "--target", "10", "--id", "6.1")
    assert (r.exit_code, r.stderr) == (
        2,
        "shishi: 错误：指标编号 6.1 与第5件不符：编号应以该项目编号开头；例如 5.1\n",
    )


def test_edit_indicator_new_id_keeps_to_its_project(projects, store_path: Path) -> None:
    assert projects("add-indicator", "99999", "指标", "--target", "10").exit_code == 0  # 99999.1
    before = year_file(store_path).read_bytes()
    r = projects("edit-indicator", "99999.1", "--new-id", "100000.1")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (
        "shishi: error: indicator id 100000.1 does not belong to project 99999: "
        "its number comes first; e.g. 99999.2\n"
    )
    r = projects("edit-indicator", "99999.1", "--new-id", "5.1")  # another project's, and free
    assert r.stderr.startswith("shishi: error: indicator id 5.1 does not belong to project 99999")
    assert year_file(store_path).read_bytes() == before
    r = projects("edit-indicator", "99999.1", "--new-id", "99999.1a")
    assert (r.exit_code, r.stdout) == (0, "Changed 99999.1: id 99999.1 -> 99999.1a\n")
    assert projects("edit-indicator", "99999.1a", "--new-id", "jobs").exit_code == 0
    assert ids(store_path)[99999] == ["jobs"]


def test_an_import_row_of_another_projects_id_is_refused_naming_file_and_row(
    projects, store_path: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "计划.csv"
    sheet.write_text(
        "项目,项目标题,指标编号,指标名称,目标,单位\n"
        "5,第5件,5.1,甲,10,个\n"
        "5,第5件,6.1,乙,10,个\n"
        "5,第5件,area,丙,10,个\n",
        encoding="utf-8",
    )
    before = year_file(store_path).read_bytes()
    r = projects("import-plan", str(sheet))
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr == (
        f"shishi: error: {sheet}: row 3: indicator id 6.1 does not belong to project 5: "
        "its number comes first; e.g. 5.2\n"
        f"shishi: error: {sheet}: 1 bad row; nothing was imported\n"
    )
    assert year_file(store_path).read_bytes() == before


def _mismatched(data: dict) -> None:
    """Project 5's indicator 5.1 renamed 6.1, as a store written before the rule may hold it."""
    (indicator,) = data["plans"]["2022"]["projects"][0]["indicators"]
    indicator["id"] = "6.1"


def test_a_store_holding_another_projects_id_loads_works_and_check_warns(
    projects, store_path: Path, tmp_path: Path
) -> None:
    assert projects("add-indicator", "5", "指标", "--target", "10").exit_code == 0
    planted(store_path, _mismatched)
    r = projects("check")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "warning: plans.2022.projects[0].indicators[0]: indicator id '6.1' is in project 5 but begins "
        "with 6; rename it, e.g. shishi edit-indicator 6.1 --new-id 5.1\n"
        f"{store_path}: sound, 1 warning(s)\n"
    )
    body = json.loads(projects("check", "--format", "json").stdout)
    assert (body["problems"], len(body["warnings"])) == ([], 1)
    # Every command reads and changes it as before.
    assert projects("add-progress", "6.1", "4", "--month", "6").exit_code == 0
    assert projects("edit-indicator", "6.1", "--target", "20").exit_code == 0
    report = json.loads(projects("report", "--month", "6", "--format", "json").stdout)
    assert [(i["id"], i["project"], i["percent"]) for i in report["indicators"]] == [("6.1", 5, 20.0)]
    # The same plan imported again into it finds the indicator there: nothing new, nothing refused.
    exported = tmp_path / "plan.csv"
    assert projects("export", "--what", "plan", "-o", str(exported)).exit_code == 0
    assert projects("import-plan", str(exported)).exit_code == 0
    # The rename check suggests mends it, the entries following.
    assert projects("edit-indicator", "6.1", "--new-id", "5.1").exit_code == 0
    assert projects("check").stdout == f"{store_path}: sound\n"
    assert whole(store_path)["plans"]["2022"]["progress"][0]["indicator"] == "5.1"


# --- a project's number in a sheet ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "number"),
    [("8", 8), ("8.0", 8), ("８", 8), ("第8件", 8), ("第 8 件", 8), ("第八件", 8), ("第十六件", 16),
     ("第九十九件", 99), ("99999", 99999), ("第99999件", 99999)],
)  # fmt: skip
def test_a_project_cell_as_offices_write_it(
    run, store_path: Path, tmp_path: Path, cell: str, number: int
) -> None:
    assert run("init", "--year", "2022", "--title", "t").exit_code == 0
    sheet = tmp_path / "plan.csv"
    sheet.write_text(f"项目,项目标题,指标名称,目标,单位\n{cell},标题,指标,10,个\n", encoding="utf-8")
    r = run("import-plan", str(sheet))
    assert (r.exit_code, r.stderr) == (0, ""), r
    assert ids(store_path) == {number: [f"{number}.1"]}


NOT_A_NUMBER = (
    "project {cell!r} is not a project number; write a whole number from 1 to 99,999, such as 8 or 第8件"
)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("8.5", NOT_A_NUMBER.format(cell="8.5")),
        ("（八）", NOT_A_NUMBER.format(cell="（八）")),
        ("第一百件", NOT_A_NUMBER.format(cell="第一百件")),  # in words up to 九十九 only
        ("100000", "project number 100000 is out of range; use 1 to 99999"),
        ("第0件", "project number 0 is out of range; use 1 to 99999"),
        ("", "no project number; give the project's number, such as 8 or 第8件"),
    ],
)
def test_a_project_cell_refused_says_what_would_be_right(
    run, store_path: Path, tmp_path: Path, cell: str, reason: str
) -> None:
    assert run("init", "--year", "2022", "--title", "t").exit_code == 0
    sheet = tmp_path / "plan.csv"
    sheet.write_text(f"项目,项目标题,指标名称,目标,单位\n{cell},标题,指标,10,个\n", encoding="utf-8")
    r = run("import-plan", str(sheet))
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr == (
        f"shishi: error: {sheet}: row 2: {reason}\nshishi: error: {sheet}: 1 bad row; nothing was imported\n"
    )
    assert ids(store_path) == {}


def test_a_number_cell_formatted_with_decimals_and_its_projects_departments(
    run, store_path: Path, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["项目", "项目标题", "指标名称", "目标", "单位", "责任单位"])
    sheet.append([8, "标题", "甲", 10, "个", "市住建局"])
    sheet.append(["第8件", "", "乙", 10, "个", "市交通局"])
    sheet["A2"].number_format = "0.0"  # shown as 8.0
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert run("init", "--year", "2022", "--title", "t").exit_code == 0
    r = run("import-plan", str(path))
    assert (r.exit_code, r.stderr) == (0, ""), r
    (project,) = whole(store_path)["plans"]["2022"]["projects"]
    # Both rows are project 8's: the project takes the departments of both.
    assert (project["number"], project["owners"]) == (8, ["市住建局", "市交通局"])
    assert [i["id"] for i in project["indicators"]] == ["8.1", "8.2"]


# --- a project written once over its indicators' rows -------------------------------------------


def test_a_project_merged_down_its_indicators_rows_is_each_rows_project(
    run, store_path: Path, tmp_path: Path
) -> None:
    """An office's plan sheet: a title and a date line above the header, 项目 and 项目名称 merged
    down the rows of their indicators, a footer."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2023年市办实事项目任务分解表"])
    sheet.merge_cells("A1:G1")
    sheet.append(["2023年1月10日"])
    sheet.append(["项目", "项目名称", "指标编号", "指标名称", "目标值", "单位", "责任单位", "完成时限"])
    sheet.append([1, "稳定和扩大就业", "1.1", "城镇新增就业", 35, "万人", "市人社局", "2023-12-31"])
    sheet.append([None, None, "1.2", "扶持创业", 2.5, "万人", "市人社局", None])
    sheet.append([None, None, "1.3", "农村劳动力转移就业", 1.2, "万人", "市人社局", None])
    sheet.append(["第2件", "老旧小区改造", None, "改造老旧小区", 300, "个", "市住建局", "2023-11-30"])
    sheet.append([None, None, None, "加装电梯", 500, "部", None, None])
    # 责任单位 and 完成时限 merged down too: each row's, as Excel shows them.
    for cells in ("A4:A6", "B4:B6", "H4:H6", "A7:A8", "B7:B8", "G7:G8", "H7:H8"):
        sheet.merge_cells(cells)
    sheet.append(["制表人：张三", None, None, "联系电话：12345678"])
    path = tmp_path / "任务分解表.xlsx"
    book.save(path)
    assert run("init", "--year", "2023", "--title", "t").exit_code == 0
    r = run("--lang", "zh", "import-plan", str(path))
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"已从 {path} 导入：2 个项目，5 项指标\n", ""), r
    projects = whole(store_path)["plans"]["2023"]["projects"]
    assert [(p["number"], p["title"], p["owners"]) for p in projects] == [
        (1, "稳定和扩大就业", ["市人社局"]),
        (2, "老旧小区改造", ["市住建局"]),
    ]
    assert [[i["id"] for i in p["indicators"]] for p in projects] == [["1.1", "1.2", "1.3"], ["2.1", "2.2"]]
    assert [[i["deadline"] for i in p["indicators"]] for p in projects] == [
        ["2023-12-31", "2023-12-31", "2023-12-31"], ["2023-11-30", "2023-11-30"]
    ]  # fmt: skip
    # Imported again, the sheet is the plan's already: nothing new, nothing refused.
    again = run("import-plan", str(path))
    assert (again.exit_code, again.stderr) == (0, ""), again


def test_blank_project_cells_under_a_project_in_a_csv_and_what_they_do_not_cover(
    run, store_path: Path, tmp_path: Path
) -> None:
    """A CSV saved from such a sheet has blanks: they are the project above. A row with a title of
    its own is a new project without its number, and an id of another project is not taken into
    the one above: both said, nothing imported."""
    assert run("init", "--year", "2022", "--title", "t").exit_code == 0
    sheet = tmp_path / "plan.csv"
    head = "项目,项目标题,项目责任单位,指标编号,指标名称,目标,单位\n"
    sheet.write_text(head + "1,就业,市人社局,1.1,甲,10,个\n,,,1.2,乙,10,个\n", encoding="utf-8")
    r = run("import-plan", str(sheet))
    assert (r.exit_code, r.stderr) == (0, ""), r
    (project,) = whole(store_path)["plans"]["2022"]["projects"]
    assert (project["owners"], [i["id"] for i in project["indicators"]]) == (["市人社局"], ["1.1", "1.2"])

    bad = tmp_path / "bad.csv"
    rows = "1,就业,市人社局,1.3,丙,10,个\n,,,2.1,丁,10,个\n,新项目,,,戊,5,个\n"
    bad.write_text(head + rows, encoding="utf-8")
    r = run("import-plan", str(bad))
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr == (
        f"shishi: error: {bad}: row 3: indicator id 2.1 does not belong to project 1: its number "
        "comes first; e.g. 1.4\n"
        f"shishi: error: {bad}: row 4: no project number; give the project's number, such as 8 or 第8件\n"
        f"shishi: error: {bad}: 2 bad rows; nothing was imported\n"
    )
    assert ids(store_path) == {1: ["1.1", "1.2"]}


def test_another_projects_id_under_a_project_is_said_as_such_when_the_plan_has_it(
    run, store_path: Path, tmp_path: Path
) -> None:
    """The plan has 2.1 in 第2件: a sheet putting 2.1 under 第1件 (a merged project cell above
    it) is a slip of the sheet, not a definition that would move it to project 1."""
    assert run("init", "--year", "2022", "--title", "t").exit_code == 0
    head = "项目,项目标题,指标编号,指标名称,目标,单位\n"
    first = tmp_path / "first.csv"
    first.write_text(head + "1,就业,1.1,甲,10,个\n2,学位,2.1,乙,10,个\n", encoding="utf-8")
    assert run("import-plan", str(first)).exit_code == 0
    slip = tmp_path / "slip.csv"
    slip.write_text(head + "1,就业,1.1,甲,10,个\n,,2.1,乙,10,个\n", encoding="utf-8")
    r = run("--lang", "zh", "import-plan", str(slip))
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr.splitlines()[0] == (
        f"shishi: 错误：{slip}：第 3 行：指标编号 2.1 与第1件不符：编号应以该项目编号开头；例如 1.2"
    )
    assert run("import-plan", str(first)).stdout == f"Imported from {first}: 2 already there\n"


def test_a_deadline_written_as_a_month_s_end_is_its_last_day(run, store_path: Path, tmp_path: Path) -> None:
    assert run("init", "--year", "2024", "--title", "t").exit_code == 0
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "项目,项目标题,指标名称,目标,单位,完成时限\n1,就业,甲,10,个,2024年2月底\n1,,乙,10,个,2024年11月末\n"
        "1,,丁,10,个,9月底\n1,,戊,10,个,6月15日\n1,,丙,10,个,2024年13月底\n",
        encoding="utf-8",
    )
    refused = run("import-plan", str(sheet))
    assert refused.stderr.splitlines()[0] == (
        f"shishi: error: {sheet}: row 6: '2024年13月底' is not a date; write it as 2022-11-30, "
        "2022年11月30日 or 2022年11月底"
    )
    sheet.write_text(sheet.read_text(encoding="utf-8").rsplit("1,,丙", 1)[0], encoding="utf-8")
    assert run("import-plan", str(sheet)).exit_code == 0
    plan = whole(store_path)["plans"]["2024"]
    # (without its year, a date in a plan sheet is of the plan's year)
    assert [i["deadline"] for i in plan["projects"][0]["indicators"]] == [
        "2024-02-29", "2024-11-30", "2024-09-30", "2024-06-15"
    ]  # fmt: skip
    assert run("add-indicator", "1", "己", "--target", "5", "--deadline", "2024年6月底").exit_code == 0
    assert whole(store_path)["plans"]["2024"]["projects"][0]["indicators"][-1]["deadline"] == "2024-06-30"


def test_a_project_on_the_command_line_as_offices_write_it(run, store_path: Path) -> None:
    """第8件 and 第八件 are taken where a project's number is asked for, as a sheet's cell is."""
    assert run("init", "--year", "2022", "--title", "t").exit_code == 0
    assert run("add-project", "第十七件", "新项目").stdout == "Added project 17: 新项目\n"
    assert run("add-indicator", "第17件", "指标", "--target", "10").exit_code == 0
    assert ids(store_path) == {17: ["17.1"]}
    assert run("show", "第十七件").stdout.startswith("Project 17 as of")
    assert run("edit-project", "17", "--title", "改名").exit_code == 0
    assert run("remove-project", "第17件", "--force").stdout.startswith("Removed project 17")
    out_of_range = run("--lang", "zh", "add-project", "第0件", "x")
    assert out_of_range.exit_code == 2 and "不在 1 到 99999 之间" in out_of_range.stderr
    words = run("add-project", "第一百件", "x")  # in words up to 九十九, as in a sheet
    assert words.exit_code == 2 and "'第一百件' is not a valid integer" in words.stderr
