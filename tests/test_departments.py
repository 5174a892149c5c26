"""Departments as names of their own: declared with short names, matched exactly, renamed and
removed with the owners that name them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .helpers import Run, shishi, whole


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def stored(path: Path) -> dict[str, Any]:
    plan: dict[str, Any] = whole(path)["plans"]["2022"]
    return plan


@pytest.fixture
def housing(run: Run) -> Run:
    """住建局 leads project 2 and supports 交通局 on project 3."""
    ok(run, "init", "--year", "2022", "--title", "t")
    ok(run, "add-project", "2", "老旧小区", "--owner", "市住房城乡建设局")
    ok(run, "add-indicator", "2", "改造老旧小区", "--target", "300", "--unit", "个")
    ok(run, "add-project", "3", "道路", "--owner", "市交通运输局", "--owner", "市住房城乡建设局")
    ok(run, "add-indicator", "3", "打通道路", "--target", "30", "--unit", "条")
    ok(run, "add-progress", "2.1", "100", "--month", "6")
    return run


def test_a_department_by_short_name_and_by_full_name_gives_the_same_rows(
    housing: Run, store_path: Path
) -> None:
    assert ok(
        housing, "add-department", "市住房城乡建设局", "--alias", "住建局", "--alias", " 市住建局 "
    ) == ("Declared the department 市住房城乡建设局\n")
    assert stored(store_path)["departments"] == [
        {"name": "市住房城乡建设局", "aliases": ["住建局", "市住建局"]}
    ]
    full = ok(housing, "report", "--month", "6", "--owner", "市住房城乡建设局", "-f", "csv")
    for spelling in ("住建局", "市住建局", "　住建局 ", "市住房城乡建设局"):
        assert ok(housing, "report", "--month", "6", "--owner", spelling, "-f", "csv") == full
    assert [line.split(",")[0] for line in full.splitlines()[1:]] == ["2.1", "3.1"]


def test_an_unknown_department_is_a_usage_error_naming_the_closest_first(housing: Run) -> None:
    ok(housing, "add-department", "市住房城乡建设局", "--alias", "住建局")
    for command in (["report"], ["lagging"], ["bulletin"]):
        result = housing(*command, "--month", "6", "--owner", "住房")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "shishi: error: --owner '住房': no department of the 2022 plan is called that; "
            "departments there, "
            "closest first: 市住房城乡建设局 (住建局), 市交通运输局\n"
        )


def test_an_unknown_department_in_chinese_and_one_near_none(housing: Run) -> None:
    ok(housing, "add-department", "市住房城乡建设局", "--alias", "住建局", "--alias", "市住建局")
    near = housing("--lang", "zh", "lagging", "--month", "6", "--owner", "住房")
    assert (near.exit_code, near.stderr) == (
        2, "shishi: 错误：--owner '住房'：2022年计划中没有这个名称的责任单位；"
        "计划中的责任单位（最接近的在前）：市住房城乡建设局（住建局、市住建局）、市交通运输局\n",
    )  # fmt: skip
    far = housing(
        "lagging", "--month", "6", "--owner", "XYZ"
    )  # nothing near: the plan's order, not "closest"
    assert (far.exit_code, far.stderr) == (
        2, "shishi: error: --owner 'XYZ': no department of the 2022 plan is called that; departments there: "
        "市住房城乡建设局 (住建局、市住建局), 市交通运输局\n",
    )  # fmt: skip


def test_a_declared_department_with_nothing_to_answer_for_is_no_all_clear(housing: Run) -> None:
    """Declared, but no project or indicator names it: a filter on it finds nothing to judge, and
    says so rather than 'nothing is lagging' or 'all reported'."""
    ok(housing, "add-department", "市教育局", "--alias", "教育局")
    for command in (["report"], ["lagging"], ["bulletin"], ["missing"]):
        result = housing(*command, "--month", "6", "--owner", "教育局")
        assert (result.exit_code, result.stdout, result.stderr) == (
            2, "", "shishi: error: 市教育局 answers for no indicator of the 2022 plan; 'shishi list' shows "
            "the projects and their departments\n",
        )  # fmt: skip
    chinese = housing("--lang", "zh", "missing", "--month", "6", "--owner", "市教育局")
    assert (chinese.exit_code, chinese.stderr) == (
        2, "shishi: 错误：市教育局在2022年计划中没有负责的指标；可用 'shishi list' 查看项目及其责任单位\n",
    )  # fmt: skip


def test_short_names_given_and_removed_at_once_are_a_usage_error(housing: Run, store_path: Path) -> None:
    ok(housing, "add-department", "市城市管理局", "--alias", "城管局")
    before = store_path.read_bytes()
    result = housing("edit-department", "城管局", "--alias", "市城管局", "--no-aliases")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "shishi: error: both --alias and --no-aliases were given; choose one; --alias replaces the "
        "short names, --no-aliases removes them all\n",
    )  # fmt: skip
    assert store_path.read_bytes() == before


def test_a_plan_that_declares_no_department_is_written_as_before(housing: Run, store_path: Path) -> None:
    assert "departments" not in stored(store_path)
    ok(housing, "add-department", "市交通运输局", "--alias", "交通局")
    ok(housing, "remove-department", "交通局", "--replace-with", "市住房城乡建设局")
    plan = stored(store_path)
    assert "departments" not in plan
    assert [p["owners"] for p in plan["projects"]] == [["市住房城乡建设局"], ["市住房城乡建设局"]]


def test_a_short_name_of_another_department_is_refused_and_check_finds_one_made_by_hand(
    housing: Run, store_path: Path
) -> None:
    ok(housing, "add-department", "市住房城乡建设局", "--alias", "住建局")
    before = store_path.read_bytes()
    result = housing("add-department", "市交通运输局", "--alias", "住建局")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        "shishi: error: the short name '住建局' of '市交通运输局' already names '市住房城乡建设局'; "
        "give 市交通运输局 another short name, or edit 市住房城乡建设局's\n"
    )
    assert store_path.read_bytes() == before
    data = whole(store_path)
    data["plans"]["2022"]["departments"].append({"name": "市交通运输局", "aliases": ["住建局"]})
    store_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = housing("check")
    assert result.exit_code == 1
    assert (
        "plans.2022.departments: the short name '住建局' of '市交通运输局' already names '市住房城乡建设局'"
        in result.stdout
    )


def test_a_rename_renames_every_owner_in_one_write(housing: Run, store_path: Path) -> None:
    ok(housing, "add-department", "市住房城乡建设局", "--alias", "住建局")
    assert ok(housing, "edit-department", "住建局", "--name", "市住房和城乡建设局") == (
        "Changed the department 住建局: name '市住房城乡建设局' -> '市住房和城乡建设局'\n"
    )
    plan = stored(store_path)
    assert plan["departments"] == [{"name": "市住房和城乡建设局", "aliases": ["住建局"]}]
    assert [p["owners"] for p in plan["projects"]] == [
        ["市住房和城乡建设局"],
        ["市交通运输局", "市住房和城乡建设局"],
    ]
    assert (
        plan["history"][-1]["summary"]
        == "department '市住房城乡建设局': name '市住房城乡建设局' -> '市住房和城乡建设局'"
    )
    result = housing("edit-department", "住建局", "--name", "市交通运输局")
    assert (result.exit_code, result.stderr) == (
        3,
        "shishi: error: '市交通运输局' is already a department of the 2022 plan; to merge 市住房和城乡建设局 "
        "into it: shishi remove-department 市住房和城乡建设局 --replace-with 市交通运输局\n",
    )


def test_a_department_still_an_owner_is_not_removed(housing: Run, store_path: Path) -> None:
    before = store_path.read_bytes()
    result = housing("remove-department", "市住房城乡建设局")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        "shishi: error: 市住房城乡建设局 is responsible for project 2, project 3; pass --replace-with DEPT "
        "to hand those to another department\n"
    )
    assert store_path.read_bytes() == before
    result = housing("remove-department", "住建局")
    assert (result.exit_code, result.stderr.split(";")[0]) == (
        3,
        "shishi: error: no department '住建局' in the 2022 plan",
    )


def test_an_owner_given_by_its_short_name_is_stored_by_its_full_name(housing: Run, store_path: Path) -> None:
    ok(housing, "add-department", "市住房城乡建设局", "--alias", "住建局")
    ok(housing, "add-indicator", "3", "人行过街设施", "--target", "10", "--owner", "住建局")
    assert stored(store_path)["projects"][1]["indicators"][1]["owners"] == ["市住房城乡建设局"]


def test_departments_lists_declared_and_used_ones_in_both_languages(housing: Run) -> None:
    ok(housing, "add-department", "市住房城乡建设局", "--alias", "住建局", "--alias", "市住建局")
    assert json.loads(ok(housing, "departments", "--format", "json")) == [
        {"name": "市住房城乡建设局", "aliases": ["住建局", "市住建局"], "declared": True},
        {"name": "市交通运输局", "aliases": [], "declared": False},
    ]
    text = ok(housing, "--lang", "zh", "departments")
    assert "2022年计划的责任单位" in text
    assert "市住房城乡建设局  住建局、市住建局  是" in text
    result = housing("--lang", "zh", "report", "--month", "6", "--owner", "住房")
    assert (result.exit_code, result.stderr.split("；")[0]) == (
        2,
        "shishi: 错误：--owner '住房'：2022年计划中没有这个名称的责任单位",
    )


def test_the_installed_command_declares_a_department(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    assert shishi("init", "--year", "2022", "--title", "t", store=store).returncode == 0
    done = shishi("add-department", "市医保局", "--alias", "医保局", store=store)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Declared the department 市医保局\n", "")


# --- reporting status: missing -----------------------------------------------------------------


@pytest.fixture
def reporting(run: Run) -> Run:
    """Month 7: 2.1 reported; 2.2 met in June (not chased); 2.3 tracked-only, 3.1 only a June
    figure, 3.2 nothing ever (all chased)."""
    ok(run, "init", "--year", "2022", "--title", "t")
    ok(run, "add-department", "市住房城乡建设局", "--alias", "住建局")
    ok(run, "add-project", "2", "住房", "--owner", "住建局")
    ok(run, "add-indicator", "2", "改造", "--target", "300", "--unit", "个")
    ok(run, "add-indicator", "2", "加装电梯", "--target", "10", "--unit", "台")
    ok(run, "add-indicator", "2", "更换波纹管", "--unit", "户")
    ok(run, "add-project", "3", "道路", "--owner", "市交通运输局", "--owner", "住建局")
    ok(run, "add-indicator", "3", "打通道路", "--target", "30", "--unit", "条")
    ok(run, "add-indicator", "3", "人行过街设施", "--target", "10", "--unit", "处")
    ok(run, "add-progress", "2.1", "100", "--month", "6")
    ok(run, "add-progress", "2.1", "150", "--month", "7")
    ok(run, "add-progress", "2.2", "10", "--month", "6")
    ok(run, "add-progress", "2.3", "100", "--month", "6")
    ok(run, "add-progress", "3.1", "10", "--month", "6")
    return run


def test_missing_lists_what_has_no_figure_of_its_own_and_exits_1(reporting: Run) -> None:
    result = reporting("missing", "--month", "7")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "Not reported for month 7 (2022-07-31): 3 indicators\n"
        "Department        ID   Indicator     Status       Latest figure\n"
        "市住房城乡建设局  2.3  更换波纹管    in progress  month 6, entered 2022-07-27\n"
        "市交通运输局      3.1  打通道路      lagging      month 6, entered 2022-07-27\n"
        "市交通运输局      3.2  人行过街设施  no data      none yet\n"
    )
    csv = ok_status(reporting, 1, "missing", "--month", "7", "--format", "csv", "--owner", "市交通运输局")
    assert csv == (
        "department,id,project,name,status,last_month,last_entered\n"
        "市交通运输局,3.1,3,打通道路,lagging,6,2022-07-27\n"
        "市交通运输局,3.2,3,人行过街设施,no_data,,\n"
    )


def ok_status(run: Run, status: int, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (status, ""), result
    return result.stdout


def test_missing_in_json_and_markdown_and_chinese(reporting: Run) -> None:
    body = json.loads(ok_status(reporting, 1, "missing", "--month", "7", "-f", "json", "--owner", "住建局"))
    assert list(body) == ["year", "title", "month", "as_of", "missing", "departments"]
    assert body["missing"] == 3
    assert body["departments"][1] == {
        "department": "市交通运输局",
        "indicators": [
            {
                "id": "3.1",
                "project": 3,
                "name": "打通道路",
                "status": "lagging",
                "last_month": 6,
                "last_entered": "2022-07-27",
            },
            {
                "id": "3.2",
                "project": 3,
                "name": "人行过街设施",
                "status": "no_data",
                "last_month": None,
                "last_entered": None,
            },
        ],
    }
    markdown = ok_status(reporting, 1, "missing", "--month", "7", "-f", "markdown")
    assert markdown.startswith(
        "## Not reported for month 7 (2022-07-31): 3 indicators\n\n| Department | ID |"
    )
    chinese = ok_status(reporting, 1, "--lang", "zh", "missing", "--month", "7")
    assert chinese.startswith("7月（2022-07-31）未报送：3项指标\n")
    assert "市交通运输局      3.2   人行过街设施  无数据  暂无\n" in chinese


def test_nothing_missing_is_exit_0_and_report_says_reported(reporting: Run) -> None:
    assert ok_status(reporting, 1, "missing", "--month", "7", "--project", "2").startswith(
        "Not reported for month 7 (2022-07-31): 1 indicators\n"
    )  # 2.3, tracked only, is chased; 2.2, met in June, is not
    ok(reporting, "add-progress", "2.3", "120", "--month", "7")
    assert ok(reporting, "missing", "--month", "7", "--project", "2") == (
        "Every indicator has its figure for month 7 (2022-07-31).\n"
    )
    body = json.loads(ok(reporting, "report", "--month", "7", "-f", "json"))
    assert [(i["id"], i["reported"], i["lead"]) for i in body["indicators"]] == [
        ("2.1", True, "市住房城乡建设局"),
        ("2.2", False, "市住房城乡建设局"),
        ("2.3", True, "市住房城乡建设局"),
        ("3.1", False, "市交通运输局"),
        ("3.2", False, "市交通运输局"),
    ]


def test_missing_with_an_unknown_department_is_exit_2(reporting: Run) -> None:
    result = reporting("missing", "--month", "7", "--owner", "住房")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "shishi: error: --owner '住房': no department of the 2022 plan is called that"
    )


def test_what_a_report_is_limited_to_is_in_its_titles(run: Run, qingdao: Path) -> None:
    """A bulletin of one department must not read as the whole plan's."""
    chinese = run("--lang", "zh", "bulletin", "--month", "6", "--owner", "住建局").stdout.splitlines()
    assert chinese[0] == "# 青岛市2022年市办实事（市住房城乡建设局）进展情况（截至2022年6月底）"
    assert chinese[2].startswith("截至2022年6月底，青岛市2022年市办实事（市住房城乡建设局）4件中，")
    english = run("bulletin", "--month", "6", "--project", "3").stdout.splitlines()
    assert english[0] == "# 青岛市2022年市办实事 (no. 3): progress as of the end of June 2022"
    markdown = run("report", "--month", "6", "--owner", "住建局", "--format", "markdown").stdout
    assert markdown.startswith("## 青岛市2022年市办实事 (市住房城乡建设局): progress as of 2022-06-30\n")
    assert run("bulletin", "--month", "6").stdout.startswith("# 青岛市2022年市办实事: progress as of")
