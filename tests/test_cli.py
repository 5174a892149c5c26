"""Every command through Typer's CliRunner: exit status, exact messages, and the file on disk."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import orjson
import pytest

from shishi_cli.cli import app
from shishi_cli.store import checksum_matches

from .helpers import INDICATOR_KEYS, REPORT_KEYS, Result, planted, whole, year_file

# --- creating a plan -----------------------------------------------------------------------------


def test_init_creates_the_store_with_a_plan(run, store_path: Path) -> None:
    r = run("init", "--year", "2022", "--title", "2022年市办实事")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == f"Created the 2022 plan '2022年市办实事' in {store_path}\n"
    data = whole(store_path)
    assert data["schema_version"] == 4
    assert data["plans"]["2022"]["title"] == "2022年市办实事"
    assert data["plans"]["2022"]["settings"] == {
        "tolerance": "10",
        "ahead_margin": "5",
        "red_gap": "30",
        "count_units": [],
        "mode": "points",
        "bands": [],
    }
    assert "2022年市办实事" in year_file(store_path).read_text(encoding="utf-8")  # readable, not \\u-escaped
    assert checksum_matches(store_path.read_bytes())


def test_init_refuses_a_second_plan_of_the_same_year_and_writes_nothing(plan, store_path: Path) -> None:
    before = store_path.read_bytes()
    r = plan("init", "--year", "2022", "--title", "again")
    assert r.exit_code == 3
    assert r.stderr == "shishi: error: the store already has a plan for 2022; choose another --year\n"
    assert r.stdout == ""
    assert store_path.read_bytes() == before


def test_the_latest_plan_is_the_default_and_year_selects_another(plan) -> None:
    assert plan("init", "--year", "2023", "--title", "2023年").exit_code == 0
    assert plan("add-project", "5", "明年的").exit_code == 0
    assert '"number": 5' in plan("list", "--format", "json", "--year", "2023").stdout
    listed = json.loads(plan("list", "--format", "json").stdout)
    assert listed["year"] == 2023
    r = plan("list", "--year", "2024")
    assert (r.exit_code, r.stderr) == (
        2,
        "shishi: error: --year 2024: no plan for 2024 in the store; plans there: 2022, 2023\n",
    )


def test_commands_on_a_missing_store_say_how_to_create_one(run, store_path: Path) -> None:
    r = run("add-project", "1", "x")
    assert r.exit_code == 3
    assert r.stderr.startswith(f"shishi: error: no store at {store_path}; create one with: shishi init")
    assert not store_path.exists()


def test_add_project_and_duplicate(plan, store_path: Path) -> None:
    r = plan("add-project", "2", "改造老旧小区", "--owner", "市住建局", "--owner", "市城管局")
    assert (r.exit_code, r.stdout) == (0, "Added project 2: 改造老旧小区\n")
    project = whole(store_path)["plans"]["2022"]["projects"][1]
    assert project == {
        "number": 2,
        "title": "改造老旧小区",
        "owners": ["市住建局", "市城管局"],
        "indicators": [],
    }
    r = plan("add-project", "2", "again")
    assert r.exit_code == 3
    assert "project 2 already exists" in r.stderr


# --- indicators ----------------------------------------------------------------------------------


def stored(store_path: Path) -> dict:
    return whole(store_path)["plans"]["2022"]


def test_add_indicator_defaults_and_forms(plan, store_path: Path) -> None:
    assert plan("add-indicator", "1", "城镇新增就业", "--target", "35万", "--unit", "人").stdout == (
        "Added indicator 1.1: 城镇新增就业\n"
    )
    assert (
        plan(
            "add-indicator", "1", "道路", "--target", "30", "--unit", "条", "--stages", "开工、完工"
        ).exit_code
        == 0
    )
    assert (
        plan("add-indicator", "1", "面积", "--target", "230", "--unit", "万平方米", "--id", "area").exit_code
        == 0
    )
    assert plan("add-indicator", "1", "管线", "--kind", "milestone", "--stages", "开工,全面施工,建成",
                "--deadline", "2022-11-30").exit_code == 0  # fmt: skip
    assert plan("add-indicator", "1", "波纹管", "--unit", "户").exit_code == 0
    inds = stored(store_path)["projects"][0]["indicators"]
    assert [i["id"] for i in inds] == ["1.1", "1.2", "1.4", "1.5", "area"]  # (numbers first: rules.id_order)
    assert (inds[0]["target"], inds[0]["unit"], inds[0]["kind"]) == ("350000", "人", "quantity")
    assert (inds[1]["stages"], inds[1]["counts"]) == (["开工", "完工"], "完工")
    assert inds[4]["target"] == "230"
    assert (inds[2]["kind"], inds[2]["deadline"], inds[2]["counts"]) == (
        "milestone",
        "2022-11-30",
        None,
    )
    assert inds[3]["target"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--target", "5公里", "--unit", "个"],
            "'5公里': unit '公里' does not match the indicator's unit '个'",
        ),
        (["--kind", "milestone"], "a milestone needs its stages, the last meaning done"),
        (
            ["--kind", "milestone", "--stages", "a,b", "--target", "5"],
            "a milestone has no target or baseline",
        ),
        (
            ["--stages", "开工,完工", "--counts", "投用", "--target", "5"],
            "--counts 投用 is not one of the stages",
        ),
        (["--target", "10", "--baseline", "10"], "the target equals the baseline"),
        (["--baseline", "10"], "a baseline needs a target"),
        (
            ["--deadline", "2022-13-01"],
            "deadline '2022-13-01' is not a date; write it as YYYY-MM-DD",
        ),
        (["--deadline", "2021-12-31"], "deadline 2021-12-31 is before the plan year 2022"),
        (["--trajectory", "3:20,2:50"], "trajectory months must increase"),
        (["--trajectory", "13:20"], "trajectory point 13:20 is out of range"),
        (["--id", "1 1"], "indicator id '1 1' is not usable"),
        (["--stages", "开工,开工"], "name a stage twice"),
    ],
)
def test_add_indicator_refusals_write_nothing(plan, store_path: Path, args: list[str], message: str) -> None:
    before = store_path.read_bytes()
    r = plan("add-indicator", "1", "指标", *args)
    assert r.exit_code == 3, r
    assert r.stderr.startswith("shishi: error: ") and message in r.stderr
    assert r.stderr.count("\n") == 1
    assert store_path.read_bytes() == before


def test_add_indicator_to_unknown_project(plan) -> None:
    r = plan("add-indicator", "9", "x")
    assert (r.exit_code, r.stderr) == (
        3,
        "shishi: error: no project 9 in the 2022 plan; projects there: 1\n",
    )


def test_edit_indicator_fixes_a_wrong_target_and_records_it(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "城镇新增就业", "--target", "3.5万", "--unit", "人")
    r = plan("edit-indicator", "1.1", "--target", "35万")
    assert (r.exit_code, r.stdout) == (0, "Changed 1.1: target 35000 -> 350000\n")
    data = stored(store_path)
    assert data["projects"][0]["indicators"][0]["target"] == "350000"
    assert data["history"][-1]["command"] == "edit-indicator"
    assert data["history"][-1]["summary"] == "indicator 1.1: target 35000 -> 350000"
    assert "target 35000 -> 350000" in plan("history").stdout


def test_edit_indicator_rename_moves_its_entries_and_clearing(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100", "--deadline", "2022-06-30")
    plan("add-progress", "1.1", "50", "--month", "3")
    assert plan("edit-indicator", "1.1", "--new-id", "jobs", "--no-deadline", "--no-target").exit_code == 0
    data = stored(store_path)
    ind = data["projects"][0]["indicators"][0]
    assert (ind["id"], ind["deadline"], ind["target"]) == ("jobs", None, None)
    assert [e["indicator"] for e in data["progress"]] == ["jobs"]
    r = plan("edit-indicator", "jobs")
    assert (r.exit_code, r.stderr) == (
        2,
        "shishi: error: nothing to change in jobs; give the fields to change\n",
    )


def test_edit_indicator_refuses_stages_that_would_orphan_entries(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "道路", "--target", "30", "--stages", "开工,完工")
    plan("add-progress", "1.1", "42", "--stage", "开工", "--month", "6")
    before = store_path.read_bytes()
    r = plan("edit-indicator", "1.1", "--stages", "完工")
    assert r.exit_code == 3 and "would not fit" in r.stderr
    assert store_path.read_bytes() == before


def test_trajectory_can_be_set_later(plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "60", "--month", "6")
    assert json.loads(plan("report", "--format", "json").stdout)["indicators"][0]["status"] == "ahead"
    assert plan("edit-indicator", "1.1", "--trajectory", "6:80").exit_code == 0
    row = json.loads(plan("report", "--format", "json").stdout)["indicators"][0]
    assert (row["expected_percent"], row["status"]) == (80, "lagging")
    assert plan("edit-indicator", "1.1", "--no-trajectory").exit_code == 0
    assert json.loads(plan("report", "--format", "json").stdout)["indicators"][0]["expected_percent"] == 50


def test_remove_indicator_needs_force_when_it_has_entries(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "60", "--month", "6")
    r = plan("remove-indicator", "1.1")
    assert (r.exit_code, r.stderr) == (
        3, "shishi: error: indicator 1.1 has 1 progress entries; pass --force to remove them with it\n",
    )  # fmt: skip
    r = plan("remove-indicator", "1.1", "--force")
    assert (r.exit_code, r.stdout) == (0, "Removed indicator 1.1 and 1 progress entries\n")
    data = stored(store_path)
    assert data["projects"][0]["indicators"] == [] and data["progress"] == []
    assert data["history"][-1]["command"] == "remove-indicator"


def test_edit_and_remove_project(plan, store_path: Path) -> None:
    assert (
        plan(
            "edit-project",
            "1",
            "--title",
            "就业创业",
            "--owner",
            "市人社局",
            "--owner",
            "市农业农村局",
        ).exit_code
        == 0
    )
    assert stored(store_path)["projects"][0]["owners"] == ["市人社局", "市农业农村局"]
    plan("add-indicator", "1", "就业", "--target", "100")
    assert plan("remove-project", "1").exit_code == 3
    r = plan("remove-project", "1", "--force")
    assert (r.exit_code, r.stdout) == (0, "Removed project 1 (1 indicators, 0 progress entries)\n")
    assert stored(store_path)["projects"] == []


# --- progress ------------------------------------------------------------------------------------


def test_add_progress_keeps_the_exact_value_and_the_note(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "城镇新增就业", "--target", "35万", "--unit", "人")
    r = plan("add-progress", "1.1", "18.04万", "--month", "6", "--note", "全市城镇新增就业18.04万人")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Recorded 1.1 month 6: 180,400 人\n", "")
    entry = stored(store_path)["progress"][0]
    assert entry == {"indicator": "1.1", "month": 6, "value": "180400", "note": "全市城镇新增就业18.04万人",
                     "at": "2022-07-27T00:00:00"}  # fmt: skip
    assert '{"indicator":"1.1","month":6,"value":"180400"' in year_file(store_path).read_text(
        encoding="utf-8"
    )


def test_a_second_figure_for_the_month_is_a_correction(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "80", "--month", "6")
    r = plan("add-progress", "1.1", "45", "--month", "6")
    assert r.stdout == "Recorded 1.1 month 6: 45, correcting 80\n"
    assert len(stored(store_path)["progress"]) == 2
    show = json.loads(plan("show", "1.1", "--format", "json").stdout)
    assert show["value"] == 45
    assert [(e["value"], e["superseded"]) for e in show["entries"]] == [(80, True), (45, False)]


def test_delta_adds_to_the_cumulative_figure(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "35万", "--unit", "人")
    plan("add-progress", "1.1", "10万", "--month", "5")
    r = plan("add-progress", "1.1", "8.04万", "--month", "6", "--delta")
    assert r.stdout == "Recorded 1.1 month 6: 180,400 人\n"
    assert stored(store_path)["progress"][-1]["value"] == "180400"


def test_stages_and_milestones(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "道路", "--target", "30", "--unit", "条", "--stages", "开工,完工")
    plan("add-indicator", "1", "管线", "--kind", "milestone", "--stages", "开工,全面施工,建成")
    assert plan("add-progress", "1.1", "42", "--stage", "开工", "--month", "6").stdout == (
        "Recorded 1.1 month 6: 42 条 (开工)\n"
    )
    assert plan("add-progress", "1.1", "10", "--month", "6").stdout == "Recorded 1.1 month 6: 10 条 (完工)\n"
    assert plan("add-progress", "1.2", "全面施工", "--month", "6").stdout == (
        "Recorded 1.2 month 6: stage 全面施工\n"
    )
    r = plan("add-progress", "1.2", "竣工", "--month", "6")
    assert (r.exit_code, r.stderr) == (
        3, "shishi: error: '竣工' is not a stage of milestone 1.2; stages: 开工, 全面施工, 建成\n",
    )  # fmt: skip
    r = plan("add-progress", "1.1", "3", "--stage", "投用", "--month", "6")
    assert r.exit_code == 3 and "'投用' is not a stage of 1.1" in r.stderr
    assert [e.get("stage") for e in stored(store_path)["progress"]] == ["开工", "完工", "全面施工"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["1.1", "5", "--month", "0"], 2, "Invalid value for '--month'"),
        (["1.1", "5", "--month", "13"], 2, "13 is not in the range 1<=x<=12"),
        (["1.1", "5", "--month", "13月"], 2, "13 is not in the range 1<=x<=12"),
        (["1.1", "5", "--month", "3-9月"], 2, "'3-9月' is not a valid integer"),
        (["1.1", "1O20", "--month", "6"], 3, "'1O20' is not a number"),
        (["1.1", "5"], 2, "Missing option '--month'"),
        (["1.1", "-1", "--month", "6"], 3, "negative value '-1'"),
        (["1.1", "NaN", "--month", "6"], 3, "'NaN' is not a number"),
        (["1.1", "1e400", "--month", "6"], 3, "'1e400' is in exponent notation"),
        (["1.1", "", "--month", "6"], 3, "empty value"),
        (["9.9", "5", "--month", "6"], 3, "no indicator '9.9' in the 2022 plan"),
        (
            ["1.1", "5公里", "--month", "6"],
            3,
            "unit '公里' does not match the indicator's unit '人'",
        ),
    ],
)
def test_add_progress_mistakes(plan, store_path: Path, args: list[str], code: int, message: str) -> None:
    plan("add-indicator", "1", "就业", "--target", "35万", "--unit", "人")
    before = store_path.read_bytes()
    r = plan("add-progress", *args)
    assert r.exit_code == code, r
    assert message in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stdout == ""
    assert store_path.read_bytes() == before


@pytest.mark.parametrize("month", ["9", "9月", "09", "九月", "1-9月", "1至9月", "截至9月底", "９月"])
def test_add_progress_month_as_offices_write_it(plan, store_path: Path, month: str) -> None:
    plan("add-indicator", "1", "就业", "--target", "35万", "--unit", "人")
    r = plan("add-progress", "1.1", "20万", "--month", month)
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Recorded 1.1 month 9: 200,000 人\n", "")
    assert [(e["month"], e["value"]) for e in stored(store_path)["progress"]] == [(9, "200000")]


def test_remove_progress(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "10", "--month", "5")
    plan("add-progress", "1.1", "20", "--month", "6")
    plan("add-progress", "1.1", "25", "--month", "6")
    r = plan("remove-progress", "1.1", "--month", "6")
    assert (r.exit_code, r.stdout) == (0, "Removed 2 month-6 entries of 1.1\n")
    assert [e["value"] for e in stored(store_path)["progress"]] == ["10"]
    assert plan("remove-progress", "1.1", "--month", "6").exit_code == 3


def test_undo_reverts_and_names_the_change(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    before = store_path.read_bytes()
    plan("add-progress", "1.1", "10", "--month", "5")
    after = store_path.read_bytes()
    r = plan("undo")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "Undid add-progress 1.1 month 5: 10\nNow at version 3; 'shishi redo' puts it back\n",
        "",
    )
    assert store_path.read_bytes() == before
    r = plan("undo")  # undo again goes further back, it does not redo
    assert r.stdout == (
        "Undid add-indicator: added indicator 1.1 '就业'\nNow at version 2; 'shishi redo' puts it back\n"
    )
    r = plan("redo", "-n", "2")
    assert r.stdout == (
        "Redid add-indicator: added indicator 1.1 '就业'\nRedid add-progress 1.1 month 5: 10\n"
        "Now at version 4; 'shishi undo -n 2' takes them back\n"
    )
    assert store_path.read_bytes() == after
    plan("remove-progress", "1.1", "--month", "5")
    assert plan("undo").stdout.startswith("Undid remove-progress: removed 1 month-5 entries of 1.1")
    assert plan("redo").stdout.startswith("Redid remove-progress: removed 1 month-5 entries of 1.1")


def test_undo_and_redo_say_what_is_possible(plan, store_path: Path) -> None:
    r = plan("redo")
    assert (r.exit_code, r.stderr) == (
        3,
        "shishi: error: nothing to redo: no change was undone since the last one was made; "
        "'shishi undo' takes back the last change (1 can be undone)\n",
    )
    r = plan("undo", "-n", "5")
    assert (r.exit_code, r.stderr) == (
        3,
        "shishi: error: cannot undo 5 changes: only 1 can be undone; "
        "shishi undo -n 1 goes back to the oldest kept version\n",
    )
    before = store_path.read_bytes()
    assert plan("undo", "-n", "0").exit_code == 2
    assert plan("undo", "-n", "x").exit_code == 2
    assert plan("redo", "-n", "-1").exit_code == 2
    assert store_path.read_bytes() == before
    plan("undo")
    r = plan("undo")
    assert (r.exit_code, r.stderr) == (
        3,
        "shishi: error: nothing to undo: version 1 is the oldest kept; "
        "'shishi redo' goes forward again (1 can be redone)\n",
    )


def test_undo_without_a_store_leaves_nothing_behind(run, store_path: Path) -> None:
    r = run("undo")
    assert r.exit_code == 3 and r.stderr.startswith(f"shishi: error: no store at {store_path}")
    assert list(store_path.parent.iterdir()) == []


def test_set_thresholds_changes_status_and_is_recorded(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "35", "--month", "6")
    assert json.loads(plan("report", "-f", "json").stdout)["indicators"][0]["status"] == "lagging"
    r = plan("set-thresholds", "--tolerance", "20")
    assert (r.exit_code, r.stdout) == (0, "Thresholds: tolerance 10 -> 20\n")
    report = json.loads(plan("report", "-f", "json").stdout)
    assert (report["tolerance"], report["indicators"][0]["status"]) == (20, "on_track")
    assert stored(store_path)["history"][-1]["summary"] == "tolerance 10 -> 20"
    assert plan("set-thresholds").exit_code == 2  # no option: a usage error
    before = store_path.read_bytes()
    r = plan("set-thresholds", "--tolerance", "20")  # the value it has: fine, and nothing written
    assert (r.exit_code, r.stdout) == (0, "Thresholds unchanged: the plan has those values already\n")
    assert store_path.read_bytes() == before
    r = plan("report", "--tolerance", "abc")
    assert (r.exit_code, r.stderr) == (
        2, "shishi: error: --tolerance: 'abc' is not a number of points; give points as a number, e.g. 10\n",
    )  # fmt: skip


# --- looking -------------------------------------------------------------------------------------


def test_show_on_the_example_gives_the_jobs_figures(run, qingdao: Path) -> None:
    r = run("show", "1.1", "--format", "json")
    assert r.exit_code == 0
    body = json.loads(r.stdout)
    assert (body["target"], body["unit"]) == (350000, "人")
    june = next(m for m in body["months"] if m["month"] == 6)
    assert (june["value"], june["percent"], june["status"]) == (180400, 51.54, "on_track")
    assert body["entries"][0]["note"] == "全市城镇新增就业18.04万人"


def test_show_a_project_and_tables(run, qingdao: Path) -> None:
    body = json.loads(run("show", "12", "--format", "json").stdout)
    assert (body["number"], body["status"]) == (12, "lagging")
    assert [i["id"] for i in body["indicators"]] == ["12.1", "12.2", "12.3"]
    table = run("show", "1.1").stdout
    assert "城镇新增就业" in table and "Month by month" in table and "51.54" in table
    assert run("show", "99").exit_code == 3


def test_list_table_and_json(run, qingdao: Path) -> None:
    table = run("list").stdout
    assert "16 projects, 50 indicators, 56 progress entries" in table
    listing = json.loads(run("list", "--format", "json").stdout)
    assert len(listing["projects"]) == 16
    assert listing["projects"][0]["indicators"][0]["target"] == 350000


def test_check_sound_problems_and_warnings(run, qingdao: Path, store_path: Path) -> None:
    r = run("check")
    assert (r.exit_code, r.stdout) == (0, f"{store_path}: sound\n")
    data = whole(store_path)
    progress = data["plans"]["2022"]["progress"]
    progress.append({"indicator": "1.1", "month": 7, "value": "100"})  # falls: a warning
    progress.append({"indicator": "99.9", "month": 7, "value": "1"})  # unknown: a problem
    progress.append({"indicator": "1.1", "month": 13, "value": "1"})  # out of range: a problem
    store_path.write_bytes(orjson.dumps(data))
    r = run("check")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert (
        "problem: plans.2022.progress[58].month: Input should be less than or equal to 12 (found 13)" in lines
    )
    assert lines[-1] == f"{store_path}: 1 problem(s), 0 warning(s)"
    progress.pop()
    store_path.write_bytes(orjson.dumps(data))
    r = run("check", "--format", "json")
    assert r.exit_code == 1
    body = json.loads(r.stdout)
    assert body["problems"] == [
        {"where": "plans.2022.progress[57]", "message": "entry of unknown indicator '99.9'"}
    ]
    assert "falls from month 6 to month 7" in body["warnings"][0]["message"]
    progress.pop()
    store_path.write_bytes(orjson.dumps(data))
    r = run("check")
    assert r.exit_code == 0 and r.stdout.startswith("warning: ")


def test_a_damaged_store_is_never_overwritten(run, qingdao: Path, store_path: Path) -> None:
    damaged = store_path.read_bytes()[:-200]
    store_path.write_bytes(damaged)
    r = run("add-progress", "1.1", "20万", "--month", "7")
    assert r.exit_code == 3
    assert r.stderr.startswith(f"shishi: error: {store_path}: line ")
    assert "the file was not changed" in r.stderr
    assert store_path.read_bytes() == damaged
    assert not store_path.with_name(store_path.name + ".bak").exists()


# --- reports -------------------------------------------------------------------------------------


def test_report_json_contract_on_the_example(run, qingdao: Path) -> None:
    r = run("report", "--month", "6", "--format", "json")
    body = json.loads(r.stdout)
    assert list(body) == REPORT_KEYS
    assert (body["year"], body["month"], body["as_of"], body["tolerance"]) == (
        2022,
        6,
        "2022-06-30",
        10,
    )
    rows = {i["id"]: i for i in body["indicators"]}
    assert list(rows["1.1"]) == INDICATOR_KEYS
    assert (rows["1.1"]["status"], rows["1.1"]["percent"]) == ("on_track", 51.54)
    assert (rows["1.2"]["status"], rows["1.2"]["percent"]) == ("met", 102.97)
    assert (rows["1.3"]["status"], rows["1.3"]["percent"]) == ("ahead", 64)
    assert (rows["12.3"]["status"], rows["12.3"]["percent"], rows["12.3"]["light"]) == (
        "lagging",
        19,
        "red",
    )
    assert rows["3.1"]["stages"] == {"开工": 42, "完工": 10}
    assert rows["15.1"]["percent"] is None and rows["15.1"]["value"] == 443100
    assert rows["8.1"]["value"] is None and rows["8.1"]["stage"] == "全面施工"
    assert sum(body["summary"]["indicators"].values()) == len(body["indicators"]) == 50
    assert sum(body["summary"]["projects"].values()) == 16
    assert body["projects"][11]["indicators"] == ["12.1", "12.2", "12.3"]


def test_report_defaults_to_the_latest_month_with_progress(run, qingdao: Path) -> None:
    assert json.loads(run("report", "--format", "json").stdout)["month"] == 6


def test_report_csv_and_markdown(run, qingdao: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("report", "--month", "6", "-f", "csv").stdout)))
    assert len(rows) == 50
    assert (rows[0]["id"], rows[0]["percent"], rows[0]["status"], rows[0]["owners"]) == (
        "1.1", "51.54", "on_track", "市人力资源社会保障局;市农业农村局",
    )  # fmt: skip
    md = run("report", "--month", "6", "-f", "markdown").stdout
    assert "| 12.3 | 人员密集场所增设自动体外除颤器(AED) |" in md
    assert "| ID | Indicator | Owners | Target | Value | % | Expected % | Gap | Status |" in md


def test_report_table_shows_status_in_words_without_colour(run, qingdao: Path) -> None:
    out = run("report", "--month", "6").stdout
    assert "\x1b[" not in out
    assert "lagging (red)" in out and "met (blue)" in out
    assert "Indicators: 10 met, 16 ahead, 5 on track, 4 lagging, 9 no data, 6 in progress" in out
    assert "- 6.3 改造农村薄弱幼儿园: no figure yet" in out


def test_report_filters(run, qingdao: Path) -> None:
    def ids(*args: str) -> list[str]:
        return [
            i["id"]
            for i in json.loads(run("report", "--month", "6", "-f", "json", *args).stdout)["indicators"]
        ]

    assert ids("--project", "12") == ["12.1", "12.2", "12.3"]
    assert ids("--project", "1", "--project", "11") == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "11.1",
        "11.2",
        "11.3",
    ]
    assert ids("--owner", "医保局") == ["11.1", "11.2", "11.3"]
    assert ids("--status", "lagging") == ["3.1", "7.5", "8.2", "12.3"]
    assert ids("--tolerance", "50", "--status", "lagging") == []
    r = run("report", "--project", "99")
    assert (r.exit_code, r.stdout, r.stderr) == (
        2,
        "",
        "shishi: error: --project 99: no project 99 in the 2022 plan; projects there: 1-16\n",
    )


def test_lagging_exit_status_and_order(run, qingdao: Path) -> None:
    r = run("lagging", "--month", "6", "--format", "json")
    assert r.exit_code == 1
    ids = [i["id"] for i in json.loads(r.stdout)["indicators"]]
    assert ids == ["8.2", "12.3", "7.5", "3.1"]  # most behind first
    table = run("lagging", "--month", "6")
    assert table.exit_code == 1 and "人员密集场所增设自动体外除颤器(AED)" in table.stdout
    none = run("lagging", "--month", "6", "--project", "11")
    assert (none.exit_code, none.stdout) == (
        0,
        "Nothing is lagging or overdue as of 2022-06-30 (month 6).\n",
    )


def test_lagging_exit_0_when_all_on_time_and_3_on_data_error(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "50", "--month", "6")
    assert plan("lagging").exit_code == 0
    store_path.write_text("{", encoding="utf-8")
    assert plan("lagging").exit_code == 3
    assert plan("lagging", "--month", "x").exit_code == 2


# --- help, text safety ---------------------------------------------------------------------------


def commands() -> list[str]:
    from typer.main import get_command

    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_with_an_example(run, command: str) -> None:
    r = run(command, "--help")
    assert r.exit_code == 0
    assert "Example" in r.stdout and f"shishi {command}" in r.stdout


def test_top_level_help_lists_the_commands(run) -> None:
    r = run("--help")
    assert r.exit_code == 0
    for command in ("init", "add-progress", "report", "lagging", "check", "undo"):
        assert command in r.stdout


def test_markup_and_escape_sequences_in_user_text_are_shown_literally(plan, store_path: Path) -> None:
    title = "[bold red]醒目[/] \x1b[31m红\x1b[0m [link=http://x]点[/link]"
    plan("add-indicator", "1", "x", "--target", "10")
    plan("add-progress", "1.1", "5", "--month", "6", "--note", "n")

    def older_shishi(data: dict) -> None:  # took escape sequences in (shishi now refuses them)
        data["plans"]["2022"]["projects"][0]["indicators"][0]["name"] = title
        data["plans"]["2022"]["progress"][0]["note"] = "\x1b]0;pwned\x07"

    planted(store_path, older_shishi)
    for output in (plan("report").stdout, plan("list").stdout, plan("show", "1.1").stdout):
        assert "\x1b" not in output and "\x07" not in output
        assert "[bold red]醒目[/]" in output and "\\x1b[31m" in output
    markdown = plan("report", "-f", "markdown").stdout  # Markdown's own syntax escaped too
    assert "\x1b" not in markdown and r"\[bold red\]醒目\[/\] \\x1b\[31m红" in markdown
    body = json.loads(plan("report", "-f", "json").stdout)
    assert body["indicators"][0]["name"] == title  # data formats keep the text exactly


def test_csv_neutralises_formulas(plan) -> None:
    plan("add-indicator", "1", '=HYPERLINK("http://x")', "--target", "10")
    rows = list(csv.reader(io.StringIO(plan("report", "--month", "6", "-f", "csv").stdout)))
    assert rows[1][2] == '\'=HYPERLINK("http://x")'


def test_debug_shows_the_traceback(run, monkeypatch: pytest.MonkeyPatch) -> None:
    r = run("report")
    assert r.exit_code == 3 and "Traceback" not in r.stderr
    r = run("--debug", "report")
    assert r.exit_code == 3  # the contract's status, with the traceback for a bug report
    assert "Traceback" in r.stderr and "StoreError" in r.stderr
    assert r.stderr.splitlines()[-1].startswith("shishi: error: no store at")


def result_lines(r: Result) -> list[str]:
    return r.stdout.splitlines()


def test_the_console_script_builds_only_the_command_it_runs() -> None:
    from shishi_cli.cli import app, app_for

    assert [
        c.callback.__name__
        for c in app_for(["--store", "x.json", "-q", "report", "-m", "6"]).registered_commands
    ] == ["report"]
    assert [c.name for c in app_for(["add-progress", "1.1", "5"]).registered_commands] == ["add-progress"]
    assert app_for(["--help"]) is app
    assert app_for(["frobnicate"]) is app
    assert app_for([]) is app


# --- what a first user ran into --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "0"], "a target of 0 leaves nothing to measure"),
        (["--target", ""], "--target is empty; give an amount, or --no-target to track it only"),
        (["--target", "10", "--baseline", " "], "--baseline is empty"),
    ],
)
def test_targets_that_would_leave_nothing_to_measure(plan, args: list[str], message: str) -> None:
    r = plan("add-indicator", "1", "x", *args)
    assert r.exit_code == 3 and message in r.stderr


def test_a_target_going_down_to_zero_is_fine(plan) -> None:
    plan("add-indicator", "1", "事故", "--baseline", "20", "--target", "0")
    plan("add-progress", "1.1", "10", "--month", "6")
    row = json.loads(plan("report", "-f", "json").stdout)["indicators"][0]
    assert (row["percent"], row["status"]) == (50, "on_track")


def test_a_falling_cumulative_figure_is_noted_and_warned(plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "35万", "--unit", "人")
    plan("add-progress", "1.1", "18.04万", "--month", "6")
    r = plan("add-progress", "1.1", "2.1万", "--month", "7")
    assert r.stdout == (
        "Recorded 1.1 month 7: 21,000 人; note: lower than month 6's 180,400 人, "
        "and figures are cumulative (累计)\n"
    )
    body = json.loads(plan("report", "--month", "7", "-f", "json").stdout)
    falls = [w for w in body["warnings"] if w["kind"] == "falls"]
    assert falls and falls[0]["indicator"] == "1.1" and falls[0]["points"] == 45.54
    assert "progress fell by 45.54 points since last month" in plan("report", "--month", "7").stdout


def test_a_negative_value_and_option_slips_get_the_right_message(plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    r = plan("add-progress", "1.1", "-5", "--month", "6")
    assert (r.exit_code, r.stderr) == (
        3,
        "shishi: error: negative value '-5'; progress and targets are 0 or more\n",
    )
    r = plan("add-progress", "1.1", "5", "--mnth", "6")
    assert r.exit_code == 2 and r.stderr.startswith("shishi: error: No such option: --mnth")
    r = plan("report", "--store", "x.json")
    assert r.exit_code == 2
    assert "global options such as --store go before the command: shishi --store ..." in r.stderr


def test_lagging_takes_only_lagging_overdue_or_breached_as_status(run, qingdao: Path) -> None:
    r = run("lagging", "--month", "6", "--status", "met")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (
        "shishi: error: lagging lists only lagging, overdue and breached indicators; give --status "
        "lagging, overdue or breached, or use report --status for others\n"
    )
    body = json.loads(run("lagging", "--month", "6", "--status", "lagging", "-f", "json").stdout)
    assert sum(body["summary"]["indicators"].values()) == len(body["indicators"]) == 4


def test_a_unit_of_the_same_kind_converts_target_and_figures(run, qingdao: Path, store_path: Path) -> None:
    before = json.loads(run("show", "2.2", "-f", "json").stdout)
    r = run("edit-indicator", "2.2", "--unit", "平方米")
    assert r.exit_code == 0 and "2 figures converted to 平方米" in r.stdout
    after = json.loads(run("show", "2.2", "-f", "json").stdout)
    assert (after["target"], after["stages"]) == (2300000, {"开工": 1960000, "完工": 1540000})
    assert after["percent"] == before["percent"] == 66.96
    r = run("edit-indicator", "2.2", "--unit", "公里")
    assert r.exit_code == 3 and "would change what the target and figures mean" in r.stderr


def test_nothing_to_project_past_the_deadline(plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100", "--deadline", "2022-03-31")
    plan("add-progress", "1.1", "50", "--month", "3")
    row = json.loads(plan("report", "--month", "6", "-f", "json").stdout)["indicators"][0]
    assert (row["status"], row["projected_at_deadline"], row["required_per_month"]) == ("overdue", None, None)
    row3 = json.loads(plan("report", "--month", "3", "-f", "json").stdout)["indicators"][0]
    assert row3["projected_at_deadline"] == 50  # at the deadline month: the figure itself


def test_project_light_follows_its_reddest_lagging_indicator(run, qingdao: Path) -> None:
    body = json.loads(run("report", "--month", "6", "-f", "json").stdout)
    lights = {p["number"]: (p["status"], p["light"]) for p in body["projects"]}
    assert lights[12] == ("lagging", "red") and lights[7] == ("lagging", "yellow")
    assert lights[11] == ("met", "blue") and lights[15] == ("in_progress", "grey")


def test_markdown_and_plain_tables_keep_one_line_per_row(plan, store_path: Path) -> None:
    plan("init", "--year", "2023", "--title", "标题")
    planted(store_path, lambda data: data["plans"]["2023"].update(title="标题\x1b[31m红"))
    plan("add-project", "1", "p")
    plan("add-indicator", "1", "x", "--target", "10")
    plan("add-progress", "1.1", "5", "--month", "6", "--note", "第一行\n第二行")
    md = plan("report", "-f", "markdown").stdout
    assert "\x1b" not in md and md.startswith(r"## 标题\\x1b\[31m红: progress")
    entries = plan("show", "1.1").stdout.split("Entries\n")[1].splitlines()
    assert len(entries) == 2 and "第一行 第二行" in entries[1]


# --- what a review found -------------------------------------------------------------------------


def test_the_same_figure_twice_records_nothing(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "50", "--month", "6")
    before = store_path.read_bytes()
    r = plan("add-progress", "1.1", "50", "--month", "6")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "1.1 month 6 has that figure already; nothing recorded\n",
        "",
    )
    assert store_path.read_bytes() == before


def test_delta_keeps_within_what_the_store_holds(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "大数", "--target", "999999999999999")
    plan("add-progress", "1.1", "999999999999999", "--month", "5")
    r = plan("add-progress", "1.1", "999999999999999", "--month", "6", "--delta")
    assert r.exit_code == 3 and "1999999999999998 after adding" in r.stderr
    assert plan("check").exit_code == 0


def test_export_refuses_to_write_over_the_store(run, qingdao: Path) -> None:
    before = qingdao.read_bytes()
    r = run("export", "--what", "progress", "-o", str(qingdao))
    assert r.exit_code == 2 and "is the store itself" in r.stderr
    assert qingdao.read_bytes() == before


def test_dry_run_and_no_op_edits_leave_a_hand_edited_store_alone(run, qingdao: Path, tmp_path: Path) -> None:
    edited = qingdao.read_bytes().replace(
        "青岛市2022年市办实事".encode(), "青岛市2022年市办实事(手改)".encode(), 1
    )
    qingdao.write_bytes(edited)
    rows = tmp_path / "p.csv"
    rows.write_text("indicator,month,value\n1.1,7,20万\n", encoding="utf-8")
    assert run("import-progress", str(rows), "--dry-run").exit_code == 0
    assert run("set-thresholds", "--tolerance", "10").stdout.startswith("Thresholds unchanged")
    assert (
        run("edit-project", "1", "--owner", "市人力资源社会保障局", "--owner", "市农业农村局").exit_code == 0
    )
    assert qingdao.read_bytes() == edited
    assert not qingdao.with_name(qingdao.name + ".bak").exists()


def test_editing_stages_keeps_an_explicit_counted_stage(plan, store_path: Path) -> None:
    plan("add-indicator", "1", "场站", "--target", "5", "--stages", "开工,完工,投用", "--counts", "投用")
    assert plan("edit-indicator", "1.1", "--stages", "开工,完工,投用,验收").exit_code == 0
    assert stored(store_path)["projects"][0]["indicators"][0]["counts"] == "投用"
    assert plan("edit-indicator", "1.1", "--stages", "开工,完工").exit_code == 0
    assert stored(store_path)["projects"][0]["indicators"][0]["counts"] == "完工"


@pytest.mark.parametrize(
    ("args", "code"),
    [(["show", "²"], 3), (["add-indicator", "1", "x", "--trajectory", "²:50"], 3),
     (["add-indicator", "1", "x", "--id", "a\x1bb"], 2), (["show", "-1"], 2)],
)  # fmt: skip
def test_odd_digits_and_ids_are_refused_cleanly(plan, args: list[str], code: int) -> None:
    r = plan(*args)
    assert r.exit_code == code and "internal error" not in r.stderr and "\x1b" not in r.stderr, r


def test_thresholds_accept_percent_signs(plan) -> None:
    r = plan("set-thresholds", "--tolerance", "15%")
    assert r.stdout == "Thresholds: tolerance 10 -> 15\n"
    r = plan("report", "--month", "6", "--red-gap", "10公里")
    assert (r.exit_code, r.stderr) == (
        2, "shishi: error: --red-gap: '10公里' is not a number of points; give points as a number, e.g. 10\n",
    )  # fmt: skip


def test_show_colours_each_month_by_its_own_light(run, qingdao: Path) -> None:
    body = json.loads(run("show", "12.3", "-f", "json").stdout)
    assert body["light"] == "red"
    from shishi_cli import plans as plans_module
    from shishi_cli import progress, store

    plan = plans_module.select_plan(store.read_store(qingdao), None)
    detail = progress.describe(plan, "12.3", 6, progress.thresholds_of(plan))
    assert [m.light for m in detail.months] == ["grey"] * 5 + ["red"]  # type: ignore[union-attr]


def test_shishi_alone_shows_the_help(run) -> None:
    r = run()
    assert r.exit_code == 2
    assert r.stderr.startswith("Usage: shishi [OPTIONS] COMMAND [ARGS]...")
    assert "report" in r.stderr and "shishi: error" not in r.stderr


def test_one_parser_of_global_options() -> None:
    from shishi_cli.cli import app_for
    from shishi_cli.cli.boundary import CommandLine, parse_command_line

    assert parse_command_line(["--lang", "zh", "--store", "x.json", "-q", "report", "-q"]) == CommandLine(
        lang="zh", quiet=True, debug=False, command="report"
    )
    assert parse_command_line(["--store=-q", "--lang=en", "lagging"]) == CommandLine(
        "en", False, False, "lagging"
    )
    assert parse_command_line(["add-progress", "1.1", "5", "--note", "-q", "--debug"]) == CommandLine(
        command="add-progress"
    )
    assert parse_command_line(["--debug", "--help"]) == CommandLine(debug=True)
    # `--lang zh` is not mistaken for a command: the slim app still has only the report
    assert [c.name for c in app_for(["--lang", "zh", "report"]).registered_commands] == [None]
    assert [c.callback.__name__ for c in app_for(["--lang", "zh", "report"]).registered_commands] == [
        "report"
    ]


def test_a_note_that_reads_like_a_global_option_does_not_silence_a_message(run, plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    assert run("add-progress", "1.1", "5", "--month", "6", "--note", "-q").exit_code == 0
    again = run("add-progress", "1.1", "5", "--month", "6", "--note", "-q")
    assert (again.exit_code, again.stdout) == (0, "1.1 month 6 has that figure already; nothing recorded\n")
    quiet = run("-q", "add-progress", "1.1", "5", "--month", "6", "--note", "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_a_status_is_given_as_the_report_words_it_too(run, qingdao: Path) -> None:
    def ids(*options: str, lang: str = "en") -> list[str]:
        result = run("--lang", lang, "report", "--month", "6", "--format", "json", *options)
        assert result.exit_code == 0, result
        return [i["id"] for i in json.loads(result.stdout)["indicators"]]

    lagging = ids("--status", "lagging")
    assert lagging == ["3.1", "7.5", "8.2", "12.3"]
    assert ids("--status", "滞后", lang="zh") == lagging
    assert ids("--status", "滞后（红灯）", lang="zh") == ids("--status", "lagging (red)") == lagging
    assert ids("--status", "on track") == ids("--status", "on_track") != []
    refused = run("--lang", "zh", "report", "--month", "6", "--status", "落后")
    assert refused.exit_code == 2 and "未知状态 落后" in refused.stderr and "滞后、正常推进" in refused.stderr


def test_a_report_month_is_taken_as_offices_write_it(run, qingdao: Path) -> None:
    plain = run("report", "--month", "6", "--format", "json")
    for written in ("6月", "六月", "1-6月"):
        result = run("report", "--month", written, "--format", "json")
        assert (result.exit_code, result.stdout) == (0, plain.stdout), written
    refused = run("report", "--month", "13月")
    assert refused.exit_code == 2 and "13 is not in the range 1<=x<=12" in refused.stderr
