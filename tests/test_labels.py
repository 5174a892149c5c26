"""The label a department or a bulletin gives (进展顺利, 已完成): kept on the figure, set beside
the computed status, and listed where they disagree."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from shishi_cli.progress.labels import LABEL_STATUSES, label_agrees

from .helpers import ROOT, Run, shishi, whole


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def rows(run: Run, month: int, *args: str) -> dict[str, dict[str, Any]]:
    body = json.loads(ok(run, "report", "--month", str(month), "--format", "json", *args))
    return {i["id"]: i for i in body["indicators"]}


@pytest.fixture
def labelled(plan: Run) -> Run:
    """Roads 10 of 30 (lagging) that the bulletin calls fast, jobs 18 of 35 (on track) 进展顺利."""
    ok(plan, "add-indicator", "1", "打通城市未贯通道路", "--target", "30", "--unit", "条")
    ok(plan, "add-indicator", "1", "城镇新增就业", "--target", "35", "--unit", "万人")
    ok(plan, "add-indicator", "1", "公益性岗位", "--target", "3.7", "--unit", "万个")
    assert ok(plan, "add-progress", "1.1", "10", "--month", "6", "--label", "进展迅速") == (
        "Recorded 1.1 month 6: 10 条, labelled 进展迅速\n"
    )
    ok(plan, "add-progress", "1.2", "18.04", "--month", "6", "--label", " 进展顺利 ")
    ok(plan, "add-progress", "1.3", "3.81", "--month", "6", "--label", "已实现既定目标")
    return plan


def test_the_label_is_kept_on_the_figure_and_compared_with_the_status(
    labelled: Run, store_path: Path
) -> None:
    stored = whole(store_path)["plans"]["2022"]["progress"]
    assert [e.get("label") for e in stored] == ["进展迅速", "进展顺利", "已实现既定目标"]
    found = rows(labelled, 6)
    assert [(r["status"], r["label"], r["label_agrees"]) for r in found.values()] == [
        ("lagging", "进展迅速", False),
        ("on_track", "进展顺利", True),
        ("met", "已实现既定目标", True),
    ]
    # The label is the figure's: a month before it, there is none.
    assert rows(labelled, 5)["1.1"]["label"] is None


def test_a_figure_without_a_label_has_none_and_a_correction_drops_it(labelled: Run) -> None:
    ok(labelled, "add-progress", "1.1", "12", "--month", "6")
    assert (rows(labelled, 6)["1.1"]["label"], rows(labelled, 6)["1.1"]["label_agrees"]) == (None, None)


def test_the_same_figure_with_another_label_changes_the_label(labelled: Run, store_path: Path) -> None:
    result = labelled("add-progress", "1.1", "10", "--month", "6", "--label", "进度滞后")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "Changed the label of 1.1 month 6: '进展迅速' -> '进度滞后'\n"
    plan = whole(store_path)["plans"]["2022"]
    assert [e.get("label") for e in plan["progress"]] == ["进度滞后", "进展顺利", "已实现既定目标"]
    assert plan["history"][-1]["summary"] == "label of 1.1 month 6: '进展迅速' -> '进度滞后'"
    assert rows(labelled, 6)["1.1"]["label_agrees"] is True
    again = labelled("add-progress", "1.1", "10", "--month", "6", "--label", "进度滞后")
    assert (again.exit_code, again.stderr) == (0, "")
    assert again.stdout == "1.1 month 6 has that figure already; nothing recorded\n"


def test_an_empty_label_is_refused(labelled: Run, store_path: Path) -> None:
    before = store_path.read_bytes()
    result = labelled("add-progress", "1.1", "11", "--month", "7", "--label", " ")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == "shishi: error: the label is empty; give the label, or leave out --label\n"
    assert store_path.read_bytes() == before


def test_an_unknown_label_is_kept_and_reported_as_unmapped(labelled: Run) -> None:
    ok(labelled, "add-progress", "1.2", "18.04", "--month", "6", "--label", "基本完成整治")
    body = json.loads(ok(labelled, "report", "--month", "6", "--format", "json"))
    jobs = body["indicators"][1]
    assert (jobs["label"], jobs["label_agrees"]) == ("基本完成整治", None)
    assert body["warnings"][-1] == {
        "kind": "unmapped_label", "indicator": "1.2", "name": "城镇新增就业", "months": None,
        "deadline": None, "points": None, "stage": None,
        "message": "1.2 城镇新增就业: label 基本完成整治 is not one shishi knows; "
        "not compared with the status",
    }  # fmt: skip
    assert "1.2" not in rows(labelled, 6, "--disagreements")


def test_report_disagreements_lists_only_those_in_every_format(labelled: Run) -> None:
    body = json.loads(ok(labelled, "report", "--month", "6", "--disagreements", "--format", "json"))
    assert [i["id"] for i in body["indicators"]] == ["1.1"]
    assert [(p["number"], p["status"], p["indicators"]) for p in body["projects"]] == [
        (1, "lagging", ["1.1"])
    ]
    assert body["summary"]["indicators"]["lagging"] == 1
    assert body["warnings"] == []
    assert ok(labelled, "report", "--month", "6", "--disagreements").splitlines()[1:4] == [
        "ID   Indicator           Owners    Target  Value  Progress        %  Exp.     Gap"
        "  Status            Δ  Month  Label",
        "1  就业 — lagging (yellow) — 市人社局",
        "1.1  打通城市未贯通道路  市人社局   30 条     10  ###.......  33.33    50  -16.67  lagging (yellow)"
        "         6  进展迅速 (disagrees)",
    ]  # fmt: skip
    csv_text = ok(labelled, "report", "--month", "6", "--disagreements", "--format", "csv")
    head, line = csv_text.splitlines()
    assert head.endswith(",changes,lead,reported,label,label_agrees,escalation")
    assert line.startswith("1.1,") and line.endswith(",进展迅速,false,提醒")
    markdown = ok(labelled, "report", "--month", "6", "--disagreements", "--format", "markdown")
    assert "| ID | Indicator | Owners | Target | Value | % | Expected % | Gap | Status | Label |" in markdown
    assert "| lagging (yellow) | 进展迅速 (disagrees) |" in markdown


def test_a_plan_without_labels_has_no_label_column(plan: Run) -> None:
    ok(plan, "add-indicator", "1", "就业", "--target", "35", "--unit", "人")
    ok(plan, "add-progress", "1.1", "18", "--month", "6")
    assert "Label" not in ok(plan, "report", "--month", "6")
    assert "Label" not in ok(plan, "report", "--month", "6", "--format", "markdown")
    assert "Label" not in ok(plan, "show", "1.1")


def test_labels_in_chinese(labelled: Run) -> None:
    table = ok(labelled, "--lang", "zh", "report", "--month", "6", "--disagreements")
    assert "进展评价" in table.splitlines()[1]
    assert table.splitlines()[3].endswith("进展迅速（与计算状态不一致）")
    shown = ok(labelled, "--lang", "zh", "show", "1.2", "--month", "6")
    assert "进展评价：进展顺利（与计算状态一致）\n" in shown
    result = labelled("--lang", "zh", "add-progress", "1.1", "11", "--month", "7", "--label", "")
    assert (result.exit_code, result.stderr) == (
        3,
        "shishi: 错误：进展评价为空；请给出进展评价，或不用 --label\n",
    )
    assert ok(
        labelled, "--lang", "zh", "add-progress", "1.1", "11", "--month", "7", "--label", "进展顺利"
    ) == ("已记录指标1.1的7月进展：11 条，进展评价为进展顺利\n")


def test_show_gives_each_entry_its_label(labelled: Run) -> None:
    body = json.loads(ok(labelled, "show", "1.1", "--month", "6", "--format", "json"))
    assert (body["label"], body["label_agrees"]) == ("进展迅速", False)
    assert [e["label"] for e in body["entries"]] == ["进展迅速"]
    table = ok(labelled, "show", "1.1", "--month", "6")
    assert "Label: 进展迅速 (disagrees)\n" in table
    assert table.splitlines()[-2:] == [
        "Month  Stage  Value  Note  Recorded             Label",
        "    6            10        2022-07-27T00:00:00  进展迅速",
    ]


def test_a_label_column_is_imported_and_exported(plan: Run, store_path: Path, tmp_path: Path) -> None:
    ok(plan, "add-indicator", "1", "就业", "--target", "35", "--unit", "人")
    sheet = tmp_path / "progress.csv"
    sheet.write_text("指标,月份,累计值,进展评价\n1.1,5,15,\n1.1,6,18,进度滞后\n", encoding="utf-8")
    assert ok(plan, "import-progress", str(sheet)) == f"Imported from {sheet}: 2 entries\n"
    stored = whole(store_path)["plans"]["2022"]["progress"]
    assert [e.get("label") for e in stored] == [None, "进度滞后"]
    out = tmp_path / "out.csv"
    ok(plan, "export", "--what", "progress", "-o", str(out))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "indicator,month,value,stage,note,at,label"
    assert lines[2] == "1.1,6,18,,,2022-07-27T00:00:00,进度滞后"
    # Exported and read back: nothing new; the label changed in the sheet: the figure made anew.
    assert ok(plan, "import-progress", str(out)) == f"Imported from {out}: 2 already there\n"


def test_the_installed_command_records_a_label(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    for args in (
        ("init", "--year", "2022", "--title", "t"),
        ("add-project", "1", "x"),
        ("add-indicator", "1", "roads", "--target", "30", "--unit", "条"),
    ):
        assert shishi(*args, store=store).returncode == 0
    done = shishi("add-progress", "1.1", "10", "--month", "6", "--label", "进展迅速", store=store)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "Recorded 1.1 month 6: 10 条, labelled 进展迅速\n",
        "",
    )
    report = shishi("report", "--month", "6", "--disagreements", "--format", "json", store=store)
    assert [(i["id"], i["label_agrees"]) for i in json.loads(report.stdout)["indicators"]] == [("1.1", False)]


@pytest.mark.parametrize(
    ("label", "status", "agrees"),
    [
        ("已完成", "met", True),
        ("已完成", "ahead", False),
        ("基本完成", "ahead", True),
        ("进展迅速", "lagging", False),
        ("进展顺利", "on_track", True),
        ("正在推进", "in_progress", True),
        ("进度滞后", "overdue", True),
        ("进度滞后", "on_track", False),
        ("未开工", "no_data", True),
        ("基本完成整治", "met", None),
        (None, "met", None),
    ],
)
def test_the_mapping(label: str | None, status: str, agrees: bool | None) -> None:
    assert label_agrees(label, status) is agrees


def test_the_documented_table_is_the_mapping() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    section = text.split("## Labels", 1)[1].split("\n## ", 1)[0]
    documented: dict[str, frozenset[str]] = {}
    for labels, statuses in re.findall(r"^\| ([^|`]+) \| (`[^|]+) \|$", section, flags=re.M):
        for label in labels.split(", "):
            documented[label] = frozenset(re.findall(r"`(\w+)`", statuses))
    assert documented == LABEL_STATUSES
