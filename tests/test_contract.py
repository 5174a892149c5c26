"""The scripting contract: every JSON object's keys and every CSV header, exactly and in order.

Scripts read shishi's JSON by key and its CSV by column, so a field added, renamed or moved
must fail here and be decided, not slip out. The lists are written out on purpose, not taken
from render/contract.py, which they check.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from .helpers import INDICATOR_KEYS, REPORT_KEYS, Run, whole

PROJECT_KEYS = ["number", "title", "owners", "status", "light", "indicators", "escalation"]
WARNING_KEYS = ["kind", "indicator", "name", "months", "deadline", "points", "message", "stage"]
SUMMARY_KEYS = ["indicators", "projects", "stages_overdue"]
STAGES_OVERDUE_KEYS = ["indicators", "projects"]
STAGE_STATUS_KEYS = [
    "target", "deadline", "value", "percent", "expected_percent", "gap", "status", "light",
    "lagging_months", "shortfall",
]  # fmt: skip
STAGE_SCHEDULE_KEYS = ["stage", "target", "deadline", "trajectory"]
CHANGE_KEYS = ["field", "old", "new", "from_month", "reason", "at"]
STATUS_KEYS = ["met", "ahead", "on_track", "lagging", "overdue", "no_data", "in_progress", "breached"]
SHOW_PROJECT_KEYS = ["year", "month", "number", "title", "owners", "status", "light", "indicators"]
SHOW_INDICATOR_KEYS = [
    "id", "project", "name", "owners", "kind", "unit", "target", "baseline", "value", "stage",
    "as_of_month", "percent", "expected_percent", "gap", "status", "light", "change",
    "lagging_months", "deadline", "required_per_month", "projected_at_deadline", "stages",
    "month", "project_title", "stage_names", "counts", "trajectory", "entries", "months",
    "at_most", "at_least", "stage_status", "changes", "stage_schedules", "lead", "reported", "label",
    "label_agrees", "escalation", "follow_ups",
]  # fmt: skip
TRAJECTORY_KEYS = ["month", "percent"]
ENTRY_KEYS = ["month", "stage", "value", "note", "at", "superseded", "label", "source", "region"]
MONTH_KEYS = ["month", "value", "stage", "percent", "expected_percent", "status"]
LIST_KEYS = ["year", "title", "settings", "projects", "departments"]
PLANS_KEYS = ["plans"]
PLAN_SUMMARY_KEYS = ["year", "title", "projects", "indicators", "entries", "latest_month"]
SETTINGS_KEYS = ["tolerance", "ahead_margin", "red_gap", "count_units", "mode", "bands"]
BAND_KEYS = ["month", "ahead", "on_track", "yellow"]
LIST_PROJECT_KEYS = ["number", "title", "owners", "indicators"]
LIST_INDICATOR_KEYS = [
    "id", "name", "kind", "target", "unit", "baseline", "owners", "deadline", "stages", "counts",
    "trajectory", "at_most", "at_least", "stage_schedules", "changes", "regions",
]  # fmt: skip
CHECK_KEYS = [
    "store", "ok", "problems", "warnings", "changed_outside", "compared_with", "differences", "restore",
]  # fmt: skip
DIFFERENCE_KEYS = [
    "year", "kind", "change", "project", "indicator", "month", "stage", "name", "field", "old", "new",
    "indicators", "entries", "message",
]  # fmt: skip
RESTORE_KEYS = ["version", "at", "command", "run"]
VERSIONS_KEYS = ["store", "folder", "keep", "current", "redo", "changed", "versions"]
VERSION_KEYS = ["number", "at", "command", "summary", "size", "checksum", "current", "redo", "sound", "file"]
FINDING_KEYS = ["where", "message"]


def _json(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code in (0, 1), result
    return json.loads(result.stdout)


def _header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)))


def _every(objects: list[dict[str, Any]], keys: list[str]) -> None:
    assert objects, "nothing to check the keys of"
    for obj in objects:
        assert list(obj) == keys


@pytest.fixture
def with_trajectory(run: Run, qingdao: Path) -> Path:
    """The example, one indicator given a trajectory (the example has none) and a corrected entry."""
    assert run("edit-indicator", "1.1", "--trajectory", "3:20,6:50").exit_code == 0
    assert run("add-progress", "1.1", "18.1万", "--month", "6").exit_code == 0
    assert run("edit-indicator", "3.1", "--stage-due", "开工=2022-06-30").exit_code == 0  # 42 started of 30
    assert (
        run("edit-indicator", "1.2", "--target", "4万", "--from-month", "9", "--reason", "调整").exit_code
        == 0
    )
    return qingdao


def check_report(body: dict[str, Any]) -> None:
    assert list(body) == REPORT_KEYS
    assert list(body["summary"]) == SUMMARY_KEYS
    assert list(body["summary"]["stages_overdue"]) == STAGES_OVERDUE_KEYS
    assert list(body["summary"]["indicators"]) == list(body["summary"]["projects"]) == STATUS_KEYS
    _every(body["projects"], PROJECT_KEYS)
    _every(body["indicators"], INDICATOR_KEYS)
    _every(body["warnings"], WARNING_KEYS)


def test_report_json(run: Run, qingdao: Path) -> None:
    check_report(_json(run, "report", "--month", "6", "--format", "json"))


def test_lagging_json_is_the_report_of_fewer_indicators(run: Run, qingdao: Path) -> None:
    body = _json(run, "lagging", "--month", "8", "--format", "json")  # with warnings
    check_report(body)
    assert {i["status"] for i in body["indicators"]} <= {"lagging", "overdue"}


def test_exported_report_json_is_the_report(run: Run, qingdao: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    assert run("export", "--what", "report", "--month", "6", "-o", str(target)).exit_code == 0
    body = json.loads(target.read_text(encoding="utf-8"))
    check_report(body)
    assert body == _json(run, "report", "--month", "6", "--format", "json")


def test_a_result_written_as_it_is_is_the_bytes_of_its_dict(
    run: Run, with_trajectory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """orjson is handed most results as they are, not a dict made for each (render/contract.py):
    the report's bytes are those of the dicts, stages judged on their own included."""
    from shishi_cli import query, store
    from shishi_cli.render import contract
    from shishi_cli.render.output import json_bytes

    assert contract.AS_IT_IS
    for region in ("市南区", "市北区"):
        assert run("add-region", region).exit_code == 0
    shares = ("--region-target", "市南区=1", "--region-target", "市北区=2")
    assert run("edit-indicator", "1.3", *shares).exit_code == 0
    data = store.read_store(with_trajectory)
    for month in (6, 9):
        report = query.report(data, query.ReportQuery(month=month))
        as_is = [r for r in report.indicators if contract.indicator_object(r) is r]
        assert any(r.stage_status for r in as_is)
        assert len(as_is) < len(report.indicators)  # a changed target, a breakdown by region: dicts
        direct = json_bytes(contract.report_json(report))
        monkeypatch.setattr(contract, "AS_IT_IS", False)
        assert json_bytes(contract.report_json(report)) == direct
        monkeypatch.setattr(contract, "AS_IT_IS", True)


def test_report_json_in_the_bands_mode_lists_its_bands(run: Run, qingdao: Path) -> None:
    points = _json(run, "report", "--month", "6", "--format", "json")
    assert (points["mode"], points["bands"]) == ("points", None)
    body = _json(
        run, "report", "--month", "6", "--format", "json", "--bands", "on_track>=40;6:ahead>=80,on_track>=60"
    )
    check_report(body)
    assert body["mode"] == "bands"
    _every(body["bands"], BAND_KEYS)
    assert body["bands"][1] == {"month": 6, "ahead": 80, "on_track": 60, "yellow": None}


def test_show_indicator_json(run: Run, with_trajectory: Path) -> None:
    body = _json(run, "show", "1.1", "--month", "6", "--format", "json")
    assert list(body) == SHOW_INDICATOR_KEYS
    _every(body["trajectory"], TRAJECTORY_KEYS)
    _every(body["entries"], ENTRY_KEYS)
    assert any(e["superseded"] for e in body["entries"])
    _every(body["months"], MONTH_KEYS)
    staged = _json(run, "show", "3.1", "--month", "6", "--format", "json")
    _every(list(staged["stage_status"].values()), STAGE_STATUS_KEYS)
    _every(staged["stage_schedules"], STAGE_SCHEDULE_KEYS)
    assert staged["stage_status"]["开工"]["status"] == "met"
    changed = _json(run, "show", "1.2", "--month", "6", "--format", "json")
    _every(changed["changes"], CHANGE_KEYS)


def test_show_project_json(run: Run, qingdao: Path) -> None:
    body = _json(run, "show", "3", "--month", "6", "--format", "json")
    assert list(body) == SHOW_PROJECT_KEYS
    _every(body["indicators"], INDICATOR_KEYS)


def test_plans_json(run: Run, qingdao: Path) -> None:
    assert run("init", "--year", "2023", "--title", "x").exit_code == 0
    body = _json(run, "plans", "--format", "json")
    assert list(body) == PLANS_KEYS
    _every(body["plans"], PLAN_SUMMARY_KEYS)


def test_list_json(run: Run, with_trajectory: Path) -> None:
    assert (
        run("set-thresholds", "--mode", "points", "--bands", "ahead>=80,on_track>=60,yellow>=40").exit_code
        == 0
    )
    body = _json(run, "list", "--format", "json")
    assert list(body) == LIST_KEYS
    assert list(body["settings"]) == SETTINGS_KEYS
    _every(body["settings"]["bands"], BAND_KEYS)
    assert body["settings"]["bands"] == [{"month": 1, "ahead": 80, "on_track": 60, "yellow": 40}]
    _every(body["projects"], LIST_PROJECT_KEYS)
    indicators = [i for p in body["projects"] for i in p["indicators"]]
    _every(indicators, LIST_INDICATOR_KEYS)
    _every([t for i in indicators for t in i["trajectory"]], TRAJECTORY_KEYS)
    _every([s for i in indicators for s in i["stage_schedules"]], STAGE_SCHEDULE_KEYS)
    _every([c for i in indicators for c in i["changes"]], CHANGE_KEYS)


def test_check_json(run: Run, qingdao: Path, store_path: Path) -> None:
    assert list(_json(run, "check", "--format", "json")) == CHECK_KEYS
    data = whole(store_path)
    progress = data["plans"]["2022"]["progress"]
    progress.append({"indicator": "1.1", "month": 7, "value": "100"})  # falls: a warning
    store_path.write_bytes(orjson.dumps(data))  # changed outside shishi, still sound
    body = _json(run, "check", "--format", "json")
    assert list(body) == CHECK_KEYS
    _every(body["warnings"], FINDING_KEYS)
    assert body["changed_outside"] and body["differences"] == []  # no kept version to compare with
    assert run("check", "--accept").exit_code == 0  # now one is kept
    data["plans"]["2022"]["title"] = "改过的标题"
    store_path.write_bytes(orjson.dumps(data))
    body = _json(run, "check", "--format", "json")
    assert body["compared_with"] is not None and body["differences"]
    _every(body["differences"], DIFFERENCE_KEYS)
    progress.append({"indicator": "99.9", "month": 7, "value": "1"})  # unknown: a problem
    store_path.write_bytes(orjson.dumps(data))
    body = _json(run, "check", "--format", "json")
    assert list(body) == CHECK_KEYS
    _every(body["problems"], FINDING_KEYS)


def test_check_json_of_a_damaged_store_names_the_version_to_restore(
    run: Run, qingdao: Path, store_path: Path
) -> None:
    assert run("add-progress", "1.1", "19万", "--month", "7").exit_code == 0  # keeps a version
    store_path.write_bytes(store_path.read_bytes()[:-40])
    body = _json(run, "check", "--format", "json")
    assert list(body) == CHECK_KEYS
    assert list(body["restore"]) == RESTORE_KEYS


def test_versions_json(run: Run, qingdao: Path) -> None:
    assert run("add-progress", "1.1", "19万", "--month", "7").exit_code == 0
    body = _json(run, "versions", "--format", "json")
    assert list(body) == VERSIONS_KEYS
    _every(body["versions"], VERSION_KEYS)


@pytest.mark.parametrize(
    "args",
    [("report", "--month", "6"), ("lagging", "--month", "6"), ("show", "3", "--month", "6")],
    ids=["report", "lagging", "show-project"],
)
def test_csv_of_indicators(run: Run, qingdao: Path, args: tuple[str, ...]) -> None:
    assert _header(run(*args, "--format", "csv").stdout) == INDICATOR_KEYS


def test_csv_of_an_indicator_by_month(run: Run, qingdao: Path) -> None:
    assert _header(run("show", "1.1", "--month", "6", "--format", "csv").stdout) == MONTH_KEYS


def test_exported_report_csv_and_xlsx(run: Run, qingdao: Path, tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped]

    for name in ("report.csv", "report.xlsx"):
        assert run("export", "--what", "report", "--month", "6", "-o", str(tmp_path / name)).exit_code == 0
    assert _header((tmp_path / "report.csv").read_text(encoding="utf-8-sig")) == INDICATOR_KEYS
    # The workbook is for people (tests/test_publish.py): its header row is words, not fields.
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Indicators"]
    assert [cell.value for cell in sheet[2]][:3] == ["ID", "Indicator", "Owners"]
