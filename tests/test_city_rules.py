"""Other cities' rules, through the CLI, with the figures of their published bulletins and rule
pages: ceilings and floors, rule modes, stage schedules (应开工未开工), approved changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from .helpers import Run


def report(run: Run, month: int, *args: str) -> dict[str, Any]:
    result = run("report", "--month", str(month), "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    body: dict[str, Any] = json.loads(result.stdout)
    return body


def row(run: Run, month: int, ident: str, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in report(run, month, *args)["indicators"] if i["id"] == ident)
    return found


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


# --- ceilings and floors -----------------------------------------------------------------------


@pytest.fixture
def capped(plan: Run) -> Run:
    """城镇登记失业率控制在4.3%以内 beside a counted target, in one project."""
    assert ok(plan, "add-indicator", "1", "城镇登记失业率", "--at-most", "4.3", "--unit", "%") == (
        "Added indicator 1.1: 城镇登记失业率\n"
    )
    ok(plan, "add-indicator", "1", "城镇新增就业", "--target", "100", "--unit", "人")
    ok(plan, "add-progress", "1.1", "4.1", "--month", "3")
    ok(plan, "add-progress", "1.1", "4.5%", "--month", "6")
    ok(plan, "add-progress", "1.2", "50", "--month", "6")
    return plan


def test_an_unemployment_rate_within_its_cap_is_met_and_above_it_breached(capped: Run) -> None:
    march = row(capped, 3, "1.1")
    assert (march["value"], march["status"], march["light"], march["at_most"], march["at_least"]) == (
        4.1, "met", "blue", 4.3, None,
    )  # fmt: skip
    assert (march["target"], march["percent"], march["gap"], march["required_per_month"]) == (None,) * 4
    june = report(capped, 6)
    rate = june["indicators"][0]
    assert (rate["value"], rate["status"], rate["light"], rate["lagging_months"]) == (
        4.5,
        "breached",
        "red",
        1,
    )
    assert june["summary"]["indicators"]["breached"] == june["summary"]["projects"]["breached"] == 1
    # Breached ranks just below overdue in a project: above the jobs' on track.
    assert [(p["status"], p["light"]) for p in june["projects"]] == [("breached", "red")]
    assert june["warnings"][0] == {
        "kind": "breached", "indicator": "1.1", "name": "城镇登记失业率", "months": 1, "deadline": None,
        "points": None, "message": "1.1 城镇登记失业率: 4.5 % is above the ceiling of 4.3 %",
    }  # fmt: skip
    # Held all year by the latest figure: never due, never overdue, only breached.
    december = row(capped, 12, "1.1")
    assert (december["status"], december["lagging_months"]) == ("breached", 7)


def test_lagging_lists_a_breached_limit_and_exits_1(capped: Run) -> None:
    assert capped("lagging", "--month", "3").exit_code == 0
    result = capped("lagging", "--month", "6")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "Lagging, overdue and breached as of 2022-06-30 (month 6): 1\n"
        "ID   Indicator       Owners     Target  Value  Progress  %  Exp.  Gap  Status          Δ  Month\n"
        "1.1  城镇登记失业率  市人社局  ≤ 4.3 %    4.5                          breached (red)         6\n"
    )
    listed = json.loads(capped("lagging", "--month", "6", "--status", "breached", "-f", "json").stdout)
    assert [i["id"] for i in listed["indicators"]] == ["1.1"]


def test_a_floor_and_a_range(plan: Run) -> None:
    ok(plan, "add-indicator", "1", "空气质量优良天数比例", "--at-least", "85", "--unit", "%")
    ok(plan, "add-indicator", "1", "居民消费价格涨幅", "--at-least", "2", "--at-most", "3", "--unit", "%")
    ok(plan, "add-progress", "1.1", "84.9", "--month", "6")
    ok(plan, "add-progress", "1.2", "3", "--month", "6")
    body = report(plan, 6)
    assert [(i["status"], i["at_least"], i["at_most"]) for i in body["indicators"]] == [
        ("breached", 85, None), ("met", 2, 3),
    ]  # fmt: skip
    assert body["warnings"][0]["message"] == "1.1 空气质量优良天数比例: 84.9 % is below the floor of 85 %"
    assert ok(plan, "list").splitlines()[3:5] == [
        "1.1  空气质量优良天数比例  ≥ 85 %",
        "1.2  居民消费价格涨幅       2–3 %",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--target", "5"),
            "a ceiling or floor takes the place of a target and a baseline; give either --target or "
            "--at-most/--at-least (--no-target removes a target)",
        ),
        (("--at-least", "5"), "the floor 5 is above the ceiling 4.3; give --at-least below --at-most"),
        (
            ("--trajectory", "6:50"),
            "an indicator with a ceiling or floor has no trajectory: the limit holds all year; leave out "
            "--trajectory (--no-trajectory removes one)",
        ),
        (("--at-most", "4", "--no-at-most"), "both a new at-most and --no-at-most were given; choose one"),
    ],
)
def test_a_limit_refuses_what_does_not_go_with_it(
    capped: Run, store_path: Path, args: tuple[str, ...], message: str
) -> None:
    before = store_path.read_bytes()
    result = capped("edit-indicator", "1.1", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", f"shishi: error: {message}\n")
    assert store_path.read_bytes() == before


def test_a_limit_is_changed_removed_and_made_a_target(capped: Run, store_path: Path) -> None:
    assert ok(capped, "edit-indicator", "1.1", "--at-most", "4.5") == "Changed 1.1: at_most 4.3 -> 4.5\n"
    assert row(capped, 6, "1.1")["status"] == "met"
    ok(capped, "edit-indicator", "1.1", "--no-at-most", "--target", "4")
    indicator = orjson.loads(store_path.read_bytes())["plans"]["2022"]["projects"][0]["indicators"][0]
    assert (indicator["target"], indicator["at_most"], indicator["at_least"]) == ("4", None, None)
    assert ok(capped, "check") == f"{store_path}: sound\n"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_limits_go_through_the_plan_sheet(capped: Run, tmp_path: Path, store_path: Path, suffix: str) -> None:
    ok(capped, "add-indicator", "1", "居民消费价格涨幅", "--at-least", "2", "--at-most", "3", "--unit", "%")
    sheet = tmp_path / f"plan.{suffix}"
    ok(capped, "export", "--what", "plan", "-o", str(sheet))
    fresh = tmp_path / "fresh.json"
    ok(capped, "--store", str(fresh), "init", "--year", "2022", "--title", "2022年市办实事")
    assert ok(capped, "--store", str(fresh), "import-plan", str(sheet)) == (
        f"Imported from {sheet}: 1 project, 3 indicators\n"
    )
    original = orjson.loads(store_path.read_bytes())["plans"]["2022"]["projects"]
    assert orjson.loads(fresh.read_bytes())["plans"]["2022"]["projects"] == original
