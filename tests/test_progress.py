"""The computations of docs/rules.md, rule by rule, at their boundaries (pure functions, no CLI)."""

from __future__ import annotations

import calendar
import json
import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from shishi_cli import plans, progress
from shishi_cli.numbers import format_decimal, storable
from shishi_cli.plans import IndicatorSpec
from shishi_cli.records import PlanRecord, new_store

from .helpers import Run

NOW = "2022-07-27T00:00:00"


def make_plan(**settings: str) -> PlanRecord:
    store = new_store()
    plan = plans.init_plan(store, 2022, "测试", NOW)
    plan["settings"].update(settings)  # type: ignore[typeddict-item]
    plans.add_project(plan, 1, "项目一", ["市人社局"], NOW)
    return plan


def indicator(plan: PlanRecord, project: int = 1, **spec: object) -> str:
    spec.setdefault("name", "指标")
    return plans.add_indicator(plan, project, IndicatorSpec(**spec), NOW, None)["id"]  # type: ignore[arg-type]


def enter(plan: PlanRecord, ident: str, value: str, month: int, stage: str | None = None) -> None:
    plans.add_progress(plan, ident, value, month, NOW, stage=stage)


def result(plan: PlanRecord, ident: str, month: int, **th: Decimal) -> progress.IndicatorResult:
    report = progress.build_report(plan, month, progress.thresholds_of(plan, **th))
    return next(r for r in report.indicators if r.id == ident)


# --- expected percent (时序进度) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "d", "fraction"),
    [(6, 12, (600, 12)), (1, 12, (100, 12)), (12, 12, (100, 1)), (3, 6, (300, 6)), (9, 6, (100, 1)),
     (11, 11, (100, 1))],
)  # fmt: skip
def test_linear_expected_percent(month: int, d: int, fraction: tuple[int, int]) -> None:
    num, den = progress.expected_fraction(month, d)
    assert num * fraction[1] == den * fraction[0]


@pytest.mark.parametrize(
    ("month", "expected"),
    [(3, Decimal(20)), (4, Decimal(30)), (6, Decimal(50)), (9, Decimal(80)), (12, Decimal(100))],
)
def test_trajectory_expected_percent_is_linear_between_points(month: int, expected: Decimal) -> None:
    trajectory = ((3, Decimal(20)), (6, Decimal(50)), (9, Decimal(80)))
    assert progress.expected_percent(month, 12, trajectory) == expected


def test_trajectory_goes_on_to_100_at_the_deadline_after_its_last_point() -> None:
    trajectory = ((3, Decimal(20)), (6, Decimal(50)), (9, Decimal(80)))
    num, den = progress.expected_fraction(10, 12, trajectory)
    assert num / den * 3 == Decimal(260)  # 80 + 20/3 = 86.67, exactly 260/3


def test_trajectory_that_reaches_100_stays_at_100() -> None:
    trajectory = ((3, Decimal(50)), (6, Decimal(100)))
    assert progress.expected_percent(9, 12, trajectory) == 100
    num, den = progress.expected_fraction(2, 12, trajectory)
    assert num * 3 == den * 100  # 2/3 of the way to 50


def test_a_stretch_trajectory_expects_more_than_100_but_met_is_still_the_target() -> None:
    # A county plans 60 % of its annual plan by June and 120 % by December.
    stretch = ((6, Decimal(60)), (12, Decimal(120)))
    assert [progress.expected_percent(m, 12, stretch) for m in (6, 9, 11, 12)] == [60, 90, 110, 120]
    plan = make_plan()
    ahead, behind, done = (indicator(plan, target="100", trajectory=list(stretch)) for _ in range(3))
    plain = indicator(plan, target="100")
    for ident, value in ((ahead, "85"), (behind, "75"), (plain, "75"), (done, "100")):
        enter(plan, ident, value, 9)
    got = {i: result(plan, i, 9) for i in (ahead, behind, plain, done)}
    assert (got[ahead].expected_percent, got[ahead].gap, got[ahead].status) == (90, -5, "on_track")
    assert (got[behind].gap, got[behind].status, got[behind].light) == (-15, "lagging", "yellow")
    assert (got[plain].expected_percent, got[plain].status) == (75, "on_track")  # the plain line
    assert (got[done].status, got[done].light) == ("met", "blue")  # 100 % of target, not 120
    december = result(plan, behind, 12)
    assert (december.expected_percent, december.gap, december.status) == (120, -45, "overdue")
    enter(plan, behind, "100", 12)
    assert (result(plan, behind, 12).status, result(plan, behind, 12).gap) == ("met", -20)


def test_a_stretch_trajectory_through_the_cli(plan: Run) -> None:
    r = plan("add-indicator", "1", "新增就业", "--target", "100", "--trajectory", "6:60,12:120")
    assert (r.exit_code, r.stderr) == (0, "")
    assert plan("add-progress", "1.1", "75", "--month", "9").exit_code == 0
    row = json.loads(plan("report", "--month", "9", "--format", "json").stdout)["indicators"][0]
    assert (row["expected_percent"], row["gap"], row["status"]) == (90, -15, "lagging")
    assert plan("check").stdout.endswith(": sound\n")
    r = plan("edit-indicator", "1.1", "--trajectory", "6:60,12:1001")
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr == (
        "shishi: error: trajectory point 12:1001 is out of range; months 1-12, percents 0-1000, "
        "e.g. 3:20,6:50,9:80 or a stretch 6:60,12:120\n"
    )


def test_trajectory_changes_status_through_the_report() -> None:
    plan = make_plan()
    plain = indicator(plan, target="100")
    planned = indicator(plan, target="100", trajectory=[(6, Decimal(80))])
    enter(plan, plain, "60", 6)
    enter(plan, planned, "60", 6)
    assert result(plan, plain, 6).status == "ahead"  # 60 against 50
    late = result(plan, planned, 6)
    assert (late.expected_percent, late.status, late.gap) == (80.0, "lagging", -20.0)


# --- status and its boundaries -----------------------------------------------------------------


def test_seed_figures_from_the_domain_worked_example() -> None:
    plan = make_plan()
    jobs = indicator(plan, target="35万", unit="人")
    posts = indicator(plan, target="3.7万", unit="个")
    startups = indicator(plan, target="3万", unit="人")
    aed = indicator(plan, target="100", unit="台")
    for ident, value in ((jobs, "18.04万"), (posts, "3.81万"), (startups, "1.92万"), (aed, "19")):
        enter(plan, ident, value, 6)
    got = {i: result(plan, i, 6) for i in (jobs, posts, startups, aed)}
    assert (got[jobs].status, got[jobs].percent, got[jobs].value) == ("on_track", 51.54, 180400)
    assert (got[posts].status, got[posts].percent, got[posts].light) == ("met", 102.97, "blue")
    assert (got[startups].status, got[startups].percent) == ("ahead", 64.0)
    assert (got[aed].status, got[aed].percent, got[aed].gap, got[aed].light) == (
        "lagging", 19.0, -31.0, "red",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "status"),
    [("3.8", "on_track"), ("3.7999", "lagging"), ("3.8001", "on_track")],
)
def test_exactly_expected_minus_tolerance_is_on_track_even_when_neither_is_a_finite_decimal(
    value: str, status: str
) -> None:
    # Month 5 of 12: expected 41.666…%; minus 10 points is 31.666…%, which 3.8 of 12 is, exactly.
    plan = make_plan()
    ident = indicator(plan, target="12")
    enter(plan, ident, value, 5)
    assert result(plan, ident, 5).status == status


@pytest.mark.parametrize(
    ("value", "status"),
    [("55", "ahead"), ("54.99", "on_track"), ("40", "on_track"), ("39.99", "lagging")],
)
def test_ahead_margin_and_tolerance_boundaries(value: str, status: str) -> None:
    plan = make_plan()
    ident = indicator(plan, target="100")
    enter(plan, ident, value, 6)
    assert result(plan, ident, 6).status == status


def test_thresholds_come_from_the_plan_and_the_command_overrides_them() -> None:
    plan = make_plan(tolerance="20")
    ident = indicator(plan, target="100")
    enter(plan, ident, "35", 6)  # 15 points behind
    assert result(plan, ident, 6).status == "on_track"
    assert result(plan, ident, 6, tolerance=Decimal(10)).status == "lagging"
    assert result(plan, ident, 6, ahead_margin=Decimal(0)).status == "on_track"


@pytest.mark.parametrize(("value", "light"), [("20", "yellow"), ("19.99", "red"), ("39", "yellow")])
def test_red_light_beyond_the_red_gap(value: str, light: str) -> None:
    plan = make_plan()
    ident = indicator(plan, target="100")
    enter(plan, ident, value, 6)
    got = result(plan, ident, 6)
    assert (got.status, got.light) == ("lagging", light)


def test_red_gap_is_a_setting() -> None:
    plan = make_plan(red_gap="40")
    ident = indicator(plan, target="100")
    enter(plan, ident, "15", 6)
    assert result(plan, ident, 6).light == "yellow"
    assert result(plan, ident, 6, red_gap=Decimal(30)).light == "red"


def test_met_at_exactly_the_target_and_beyond_it_uncapped() -> None:
    plan = make_plan()
    exact = indicator(plan, target="3.7万")
    over = indicator(plan, target="100")
    enter(plan, exact, "37000", 2)
    enter(plan, over, "150", 2)
    assert (result(plan, exact, 2).status, result(plan, exact, 2).percent) == ("met", 100.0)
    assert (result(plan, over, 2).percent, result(plan, over, 2).light) == (150.0, "blue")


@pytest.mark.parametrize(
    ("deadline", "month", "status"),
    [("2022-10-31", 9, "lagging"), ("2022-10-31", 10, "overdue"),  # on the last day of month M
     ("2022-11-01", 10, "lagging"), ("2022-11-01", 11, "overdue"),  # on the first day of M + 1
     ("2022-10-15", 9, "lagging"), ("2022-10-15", 10, "overdue"),  # in the middle of M
     ("2022-12-31", 11, "lagging"), ("2022-12-31", 12, "overdue"),  # at month 12, all of the year
     ("2023-01-31", 12, "lagging")],
)  # fmt: skip
def test_overdue_from_the_report_of_the_deadline_month(deadline: str, month: int, status: str) -> None:
    # The report of month M is as of its last day: a deadline on or before it has come.
    plan = make_plan()
    ident = indicator(plan, target="100", deadline=date.fromisoformat(deadline))
    enter(plan, ident, "10", 1)
    got = result(plan, ident, month)
    assert got.status == status
    if status == "overdue":
        assert got.light == "red"


def test_due_at_60_percent_is_overdue_in_the_deadline_month_with_nothing_left_to_pace() -> None:
    plan = make_plan()
    ident = indicator(plan, target="100", deadline=date(2022, 10, 31))
    enter(plan, ident, "60", 9)
    before, due = result(plan, ident, 9), result(plan, ident, 10)
    assert (before.status, before.required_per_month, before.projected_at_deadline) == ("lagging", 40, 66.67)
    assert (due.status, due.light, due.lagging_months) == ("overdue", "red", 2)
    assert (due.expected_percent, due.gap) == (100, -40)
    # From the deadline month on no monthly pace is asked; the value at the deadline is the value.
    assert (due.required_per_month, due.projected_at_deadline) == (None, 60)
    assert result(plan, ident, 11).projected_at_deadline is None  # past it: nothing to project
    assert result(plan, ident, 12).lagging_months == 4


def test_due_on_the_last_day_of_the_month_through_the_cli(plan: Run) -> None:
    assert plan("add-indicator", "1", "就业", "--target", "100", "--deadline", "2022-10-31").exit_code == 0
    assert plan("add-progress", "1.1", "85", "--month", "9").exit_code == 0  # on track in September
    september = json.loads(plan("report", "--month", "9", "--format", "json").stdout)
    assert [(w["kind"], w["deadline"]) for w in september["warnings"]] == [("due_soon", "2022-10-31")]
    assert plan("lagging", "--month", "9").exit_code == 0
    october = plan("lagging", "--month", "10", "--format", "json")
    assert october.exit_code == 1
    row = json.loads(october.stdout)["indicators"][0]
    assert (row["status"], row["light"], row["percent"], row["gap"]) == ("overdue", "red", 85, -15)


def test_overdue_and_due_soon_warnings_do_not_overlap() -> None:
    plan = make_plan()
    last_day = indicator(plan, target="100", deadline=date(2022, 10, 31))
    first_day = indicator(plan, target="100", deadline=date(2022, 10, 1))
    next_month = indicator(plan, target="100", deadline=date(2022, 11, 1))
    for ident in (last_day, first_day, next_month):
        enter(plan, ident, "60", 9)

    def warned(month: int) -> list[tuple[str, str]]:
        report = progress.build_report(plan, month, progress.thresholds_of(plan))
        return [(w.kind, w.indicator) for w in report.warnings if w.kind in ("overdue", "due_soon")]

    assert warned(9) == [("due_soon", last_day), ("due_soon", first_day)]
    assert warned(10) == [("overdue", last_day), ("overdue", first_day), ("due_soon", next_month)]
    assert warned(11) == [("overdue", last_day), ("overdue", first_day), ("overdue", next_month)]


def test_met_wins_over_overdue_and_overdue_over_no_data() -> None:
    plan = make_plan()
    done = indicator(plan, target="10", deadline=date(2022, 3, 31))
    silent = indicator(plan, target="10", deadline=date(2022, 3, 31))
    enter(plan, done, "10", 2)
    assert result(plan, done, 6).status == "met"
    assert result(plan, silent, 2).status == "no_data"
    assert result(plan, silent, 3).status == "overdue"


def test_deadline_month_counts_into_the_next_year() -> None:
    plan = make_plan()
    ident = indicator(plan, target="100", deadline=date(2023, 6, 30))
    enter(plan, ident, "33.33", 6)
    got = result(plan, ident, 6)
    assert (got.expected_percent, got.status) == (33.33, "on_track")  # 6 of 18 months


def test_month_with_no_entry_uses_the_latest_earlier_one_and_warns_when_stale() -> None:
    plan = make_plan()
    ident = indicator(plan, target="100")
    enter(plan, ident, "30", 4)
    assert result(plan, ident, 3).status == "no_data"
    got = result(plan, ident, 6)
    assert (got.value, got.as_of_month, got.percent) == (30, 4, 30.0)
    report = progress.build_report(plan, 6, progress.thresholds_of(plan))
    # Month 4: 30 against 33.33, on track; months 5 and 6 behind by more than 10 points.
    assert [(w.kind, w.months) for w in report.warnings] == [("lagging_streak", 2), ("stale", 2)]
    report5 = progress.build_report(plan, 5, progress.thresholds_of(plan))
    assert "stale" not in [w.kind for w in report5.warnings]


def test_a_later_entry_for_the_same_month_corrects_the_earlier_one() -> None:
    plan = make_plan()
    ident = indicator(plan, target="100")
    enter(plan, ident, "80", 6)
    enter(plan, ident, "45", 6)
    enter(plan, ident, "70", 5)
    got = result(plan, ident, 6)
    assert (got.value, got.status, got.change) == (45, "on_track", -25.0)


def test_baseline_serves_a_target_that_goes_down() -> None:
    plan = make_plan()
    ident = indicator(plan, target="10", baseline="50")
    enter(plan, ident, "30", 6)
    got = result(plan, ident, 6)
    assert (got.percent, got.status, got.baseline) == (50.0, "on_track", 50)
    assert got.required_per_month == -3.33  # 20 more to shed in 6 months
    assert got.projected_at_deadline == 10.0  # 50 + (30 - 50) * 12 / 6
    enter(plan, ident, "10", 7)
    enter(plan, ident, "8", 8)
    assert result(plan, ident, 7).status == "met"
    assert (result(plan, ident, 8).status, result(plan, ident, 8).percent) == ("met", 105.0)


def test_staged_indicator_counts_its_counted_stage_and_shows_the_others() -> None:
    plan = make_plan()
    roads = indicator(plan, target="30", unit="条", stages=["开工", "完工"])
    enter(plan, roads, "42", 6, "开工")
    assert result(plan, roads, 6).status == "no_data"
    enter(plan, roads, "10", 6, "完工")
    got = result(plan, roads, 6)
    assert (got.stage, got.value, got.percent, got.status) == ("完工", 10, 33.33, "lagging")
    assert got.stages == {"开工": 42, "完工": 10}


def test_counts_can_name_another_stage() -> None:
    plan = make_plan()
    ident = indicator(plan, target="10", stages=["开工", "完工"], counts="开工")
    enter(plan, ident, "6", 6, "开工")
    assert (result(plan, ident, 6).percent, result(plan, ident, 6).status) == (60.0, "ahead")


def test_milestone_statuses() -> None:
    plan = make_plan()
    pipe = indicator(plan, kind="milestone", stages=["开工", "全面施工", "建成"], deadline=date(2022, 11, 30))
    assert result(plan, pipe, 6).status == "no_data"
    enter(plan, pipe, "全面施工", 6)
    got = result(plan, pipe, 6)
    assert (got.status, got.light, got.stage, got.percent, got.value) == (
        "in_progress", "grey", "全面施工", None, None,
    )  # fmt: skip
    assert result(plan, pipe, 12).status == "overdue"
    enter(plan, pipe, "建成", 10)
    assert (result(plan, pipe, 12).status, result(plan, pipe, 12).stage) == ("met", "建成")


@pytest.mark.parametrize(
    ("limits", "value", "status"),
    [({"at_most": "4.3"}, "4.3", "met"), ({"at_most": "4.3"}, "4.30000000000001", "breached"),
     ({"at_most": "4.3"}, "0", "met"), ({"at_least": "85"}, "85", "met"),
     ({"at_least": "85"}, "84.99999999999", "breached"),
     ({"at_least": "2", "at_most": "3"}, "3.01", "breached"),
     ({"at_least": "2", "at_most": "3"}, "1.99", "breached"),
     ({"at_least": "2", "at_most": "3"}, "2.5", "met")],
)  # fmt: skip
def test_a_limit_is_met_within_it_and_breached_beyond_it_exactly(
    limits: dict[str, str], value: str, status: str
) -> None:
    plan = make_plan()
    ident = indicator(plan, unit="%", **limits)
    assert result(plan, ident, 3).status == "no_data"
    enter(plan, ident, value, 3)
    got = result(plan, ident, 12)  # never due: a limit holds all year
    assert (got.status, got.light, got.percent, got.gap) == (
        status,
        "blue" if status == "met" else "red",
        None,
        None,
    )
    assert got.lagging_months == (10 if status == "breached" else 0)


def test_tracked_only_indicator_is_in_progress_never_lagging() -> None:
    plan = make_plan()
    pipes = indicator(plan, unit="户")
    enter(plan, pipes, "44.31万", 6)
    got = result(plan, pipes, 6)
    assert (got.status, got.value, got.percent, got.gap, got.light) == (
        "in_progress", 443100, None, None, "grey",
    )  # fmt: skip
    assert (got.required_per_month, got.projected_at_deadline) == (None, None)


def test_lagging_months_in_a_row() -> None:
    plan = make_plan(tolerance="0")
    ident = indicator(plan, target="120")
    for month, value in ((1, "10"), (2, "10"), (3, "12"), (4, "40"), (5, "42")):
        enter(plan, ident, value, month)
    # Expected 10 a month, no tolerance: 1 on track, 2 and 3 lagging, 4 on track (exactly),
    # 5 lagging, 6 (no new figure) lagging.
    assert [result(plan, ident, m).lagging_months for m in range(1, 7)] == [0, 1, 2, 0, 1, 2]


def test_rounding_is_half_up_at_the_edge_as_an_exact_calculation_gives_it() -> None:
    plan = make_plan()
    edge = indicator(plan, target="1000")
    third = indicator(plan, target="3")
    enter(plan, edge, "0.05", 6)  # exactly 0.005 %
    enter(plan, third, "2", 6)
    assert result(plan, edge, 6).percent == 0.01
    assert result(plan, third, 6).percent == 66.67


def test_pace_and_projection() -> None:
    plan = make_plan()
    jobs = indicator(plan, target="35万", unit="人")
    enter(plan, jobs, "18.04万", 6)
    got = result(plan, jobs, 6)
    assert (got.required_per_month, got.projected_at_deadline) == (28266.67, 360800.0)
    assert result(plan, jobs, 12).required_per_month is None  # M >= D
    done = indicator(plan, target="10")
    enter(plan, done, "10", 6)
    assert (
        result(plan, done, 6).required_per_month,
        result(plan, done, 6).projected_at_deadline,
    ) == (None, None)


# --- projects ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "project"),
    [(["met", "met"], "met"), (["met", "ahead"], "ahead"), (["ahead", "on_track", "met"], "on_track"),
     (["on_track", "lagging", "no_data"], "lagging"), (["lagging", "overdue"], "overdue"),
     (["met", "no_data"], "no_data"), (["met", "in_progress", "no_data"], "in_progress"),
     (["no_data", "no_data"], "no_data"), ([], "no_data")],
)  # fmt: skip
def test_project_status_roll_up(statuses: list[str], project: str) -> None:
    assert progress.project_status(statuses) == project


@pytest.mark.parametrize(
    ("statuses", "tracked", "project"),
    [(["met"], ["in_progress"], "met"), (["met", "met"], ["no_data"], "met"),
     (["met"], ["overdue"], "met"),  # tracked-only indicators do not hold a project back from met
     ([], ["in_progress"], "in_progress"), ([], ["in_progress", "no_data"], "in_progress"),
     ([], ["no_data"], "no_data"), ([], ["overdue", "in_progress"], "overdue"),
     (["ahead"], ["in_progress"], "ahead"), (["no_data"], ["in_progress"], "in_progress"),
     (["met", "lagging"], ["in_progress"], "lagging")],
)  # fmt: skip
def test_project_roll_up_with_tracked_only_indicators(
    statuses: list[str], tracked: list[str], project: str
) -> None:
    assert progress.project_status(statuses, tracked) == project


def test_tracked_only_indicators_in_the_report_s_projects() -> None:
    plan = make_plan()
    for number in (2, 3):
        plans.add_project(plan, number, f"项目{number}", [], NOW)
    met, tracked = indicator(plan, 1, target="10"), indicator(plan, 1, unit="户")
    alone = indicator(plan, 2, unit="户")
    pipe = indicator(plan, 3, kind="milestone", stages=["开工", "建成"])
    beside = indicator(plan, 3, unit="户")
    for ident, value in ((met, "10"), (tracked, "5"), (alone, "7"), (pipe, "建成"), (beside, "3")):
        enter(plan, ident, value, 6)
    report = progress.build_report(plan, 6, progress.thresholds_of(plan))
    assert [(p.number, p.status, p.light) for p in report.projects] == [
        (1, "met", "blue"), (2, "in_progress", "grey"), (3, "met", "blue"),
    ]  # fmt: skip
    assert report.summary_projects["met"] == 2
    # A tracked-only indicator promises no amount: it never falls due unmet, so a project of it
    # alone stays in progress at the deadline too (rule 7), and never shows as overdue.
    december = progress.build_report(plan, 12, progress.thresholds_of(plan))
    assert [r.status for r in december.indicators if r.id in (tracked, alone)] == ["in_progress"] * 2
    assert [(p.number, p.status) for p in december.projects] == [(1, "met"), (2, "in_progress"), (3, "met")]


def test_report_selection_and_summary() -> None:
    plan = make_plan()
    plans.add_project(plan, 2, "项目二", ["市住建局"], NOW)
    a = indicator(plan, 1, target="100")
    b = indicator(plan, 2, target="100")
    enter(plan, a, "60", 6)
    enter(plan, b, "10", 6)
    th = progress.thresholds_of(plan)
    full = progress.build_report(plan, 6, th)
    assert full.summary_indicators["ahead"] == 1 and full.summary_indicators["lagging"] == 1
    assert [p.status for p in full.projects] == ["ahead", "lagging"]
    by_owner = progress.build_report(plan, 6, th, progress.Selection(owners=frozenset({"市住建局"})))
    assert [r.id for r in by_owner.indicators] == [b]
    by_status = progress.build_report(plan, 6, th, progress.Selection(statuses=frozenset({"ahead"})))
    assert [r.id for r in by_status.indicators] == [a]
    assert [r.id for r in progress.attention(full)] == [b]


def test_due_soon_warning() -> None:
    plan = make_plan()
    ident = indicator(plan, target="100", deadline=date(2022, 7, 31))
    enter(plan, ident, "80", 6)
    kinds = [w.kind for w in progress.build_report(plan, 6, progress.thresholds_of(plan)).warnings]
    assert "due_soon" in kinds
    kinds5 = [w.kind for w in progress.build_report(plan, 5, progress.thresholds_of(plan)).warnings]
    assert "due_soon" not in kinds5


def test_from_the_deadline_on_everything_is_due_whatever_the_trajectory() -> None:
    plan = make_plan()
    ident = indicator(
        plan, target="100", deadline=date(2022, 6, 30), trajectory=[(3, Decimal(10)), (9, Decimal(80))]
    )
    enter(plan, ident, "60", 6)
    got = result(plan, ident, 6)
    assert (got.expected_percent, got.status) == (100, "overdue")
    # Before it, the points before the deadline lead on to 100 at the deadline.
    assert result(plan, ident, 3).expected_percent == 10
    assert progress.expected_fraction(5, 6, ((3, Decimal(10)), (9, Decimal(80)))) == (
        Decimal(210),
        Decimal(3),
    )


def test_a_target_going_down_is_not_a_falling_figure() -> None:
    plan = make_plan()
    ident = indicator(plan, target="10", baseline="50", unit="微克")
    enter(plan, ident, "40", 3)
    added = plans.add_progress(plan, ident, "30", 4, NOW)
    assert (added.earlier_higher, added.later_lower) == (None, [])
    wrong_way = plans.add_progress(plan, ident, "45", 5, NOW)
    assert wrong_way.earlier_higher == (4, "30")  # rising is the wrong way for this one
    from shishi_cli.integrity import check_plan

    warnings = [f.message for f in check_plan(plan, "plan") if f.warning]
    assert warnings == [f"{ident} rises from month 4 to month 5, away from its target"]


def test_huge_and_tiny_values_report_without_error() -> None:
    plan = make_plan()
    ident = indicator(plan, target="0.00000000000001")
    enter(plan, ident, "99999999999999", 6)
    got = result(plan, ident, 6)
    assert got.status == "met" and got.percent is not None and got.percent > 10**29


# --- target and baseline a last digit apart (issue 11) -------------------------------------------

# (value - baseline) / (target - baseline) = 0.0004 / 0.0010: exactly 40 %, exactly 50 - 10 at
# month 6, so on track; binary floats lose the difference and said 39.89 %, lagging.
CLOSE = {"target": "12345678901.2355", "baseline": "12345678901.2345", "value": "12345678901.2349"}


def test_target_and_baseline_a_last_digit_apart_are_compared_exactly() -> None:
    plan = make_plan()
    ident = indicator(plan, target=CLOSE["target"], baseline=CLOSE["baseline"])
    enter(plan, ident, CLOSE["value"], 6)
    got = result(plan, ident, 6)
    assert (got.percent, got.expected_percent, got.gap, got.status, got.light) == (
        40,
        50,
        -10,
        "on_track",
        "green",
    )
    assert (got.lagging_months, got.required_per_month) == (0, 0)  # 0.0006 in 6 months: 0.0001
    assert got.projected_at_deadline == 12345678901.24  # ...901.2353, to 0.01
    enter(plan, ident, "12345678901.2348", 7)  # 30 % against 58.33 - 10: lagging, by 28.33
    got = result(plan, ident, 7)
    assert (got.percent, got.gap, got.change, got.status, got.light) == (30, -28.33, -10, "lagging", "yellow")


def test_target_and_baseline_a_last_digit_apart_through_the_cli(plan: Run) -> None:
    r = plan("add-indicator", "1", "指标", "--target", CLOSE["target"], "--baseline", CLOSE["baseline"])
    assert r.exit_code == 0
    assert plan("add-progress", "1.1", CLOSE["value"], "--month", "6").exit_code == 0
    r = plan("report", "--month", "6", "--format", "json")
    assert (r.exit_code, r.stderr) == (0, "")
    row = json.loads(r.stdout)["indicators"][0]
    assert (row["value"], row["percent"], row["gap"], row["status"], row["light"]) == (
        12345678901.2349, 40, -10, "on_track", "green",
    )  # fmt: skip
    lagging = plan("lagging", "--month", "6")
    assert (lagging.exit_code, lagging.stdout, lagging.stderr) == (
        0, "Nothing is lagging or overdue as of 2022-06-30 (month 6).\n", "",
    )  # fmt: skip


# --- the report against the rules of docs/rules.md written plainly ---------------------------
#
# The rules below are docs/rules.md's, one after another, in Fractions: exact like the code, but
# with none of its integer scaling or precomputed lines. (Decimal division rounds at the
# context's precision, so a Decimal oracle could itself misjudge "exactly expected - tolerance".)

HALF = Fraction(1, 2)


def _q(text: str) -> Fraction:
    return Fraction(Decimal(text))


def _cent(x: Fraction) -> Fraction:
    """To 0.01, half up: a tie goes away from zero, as Decimal's ROUND_HALF_UP."""
    cents = math.floor(abs(x) * 100 + HALF)
    return Fraction(cents if x >= 0 else -cents, 100)


def _shown(x: Fraction | None) -> str:
    """A rounded figure as the JSON number it is written as (an int when whole), by its repr."""
    if x is None:
        return "None"
    number = float(x)  # correctly rounded: the float nearest the decimal
    return repr(int(number) if number.is_integer() else number)


def _plain_expected(month: int, d: int, trajectory: list[tuple[int, Fraction]]) -> Fraction:
    """docs/rules.md rule 3: from the deadline on everything is due, or the stretch planned for it."""
    due = max([Fraction(100), *(p for m, p in trajectory if m == d)])
    if not trajectory:
        return due if month >= d else Fraction(100 * month, d)
    points = [(0, Fraction(0)), *((m, p) for m, p in trajectory if m < d)]
    if due > 100:
        points.append((d, due))
    elif points[-1][1] < 100:
        points.append((d, Fraction(100)))
    for (m0, p0), (m1, p1) in pairwise(points):
        if m0 <= month <= m1:
            return p0 + (p1 - p0) * Fraction(month - m0, m1 - m0)
    return points[-1][1]


@dataclass
class Case:
    target: str
    baseline: str | None
    deadline: date | None
    trajectory: list[tuple[int, str]]
    tolerance: str
    ahead: str
    red: str
    entries: list[tuple[int, str]]  # in the order made: a later one corrects an earlier one
    mode: str = "points"
    bands: list[tuple[int, str | None, str, str | None]] = field(default_factory=list)
    # Targets changed from a month on (报市政府同意后调整): (from month, new target), months rising.
    changes: list[tuple[int, str]] = field(default_factory=list)

    def target_at(self, m: int) -> Fraction:
        """docs/rules.md: reports before the month of an approved change keep the old target."""
        return _q(next((new for start, new in reversed(self.changes) if start <= m), self.target))

    @property
    def d(self) -> int:
        due = self.deadline or date(2022, 12, 31)
        return (due.year - 2022) * 12 + due.month

    def lines(self, m: int) -> tuple[Fraction | None, Fraction, Fraction | None]:
        """docs/rules.md, "Rule modes": (ahead at or above, on track at or above, yellow at or above)
        in percent of target at month `m`; None: no such line (nothing ahead, no lagging red)."""
        expected = _plain_expected(m, self.d, [(month, _q(p)) for month, p in self.trajectory])
        tolerance, ahead, red = _q(self.tolerance), _q(self.ahead), _q(self.red)
        if self.mode == "relative":
            return expected * (1 + ahead / 100), expected * (1 - tolerance / 100), expected * (1 - red / 100)
        if self.mode == "bands":
            _from, a, o, y = [band for band in self.bands if band[0] <= max(m, 1)][-1]
            return None if a is None else _q(a), _q(o), None if y is None else _q(y)
        return expected + ahead, expected - tolerance, expected - red

    def plain(self, month: int) -> dict[str, str]:
        """Every figure of the indicator's report line as of `month`, as docs/rules.md words it."""
        b = _q(self.baseline or "0")
        due = self.deadline or date(2022, 12, 31)
        d = self.d
        trajectory = [(m, _q(p)) for m, p in self.trajectory]

        def value(m: int) -> Fraction | None:
            made = dict(self.entries)  # the last made for each month
            known = [k for k in made if k <= m]
            return _q(made[max(known)]) if known else None

        def percent(v: Fraction, m: int = month) -> Fraction:
            """Of the target in force at month `m` (a change is of the month's target)."""
            return 100 * (v - b) / (self.target_at(m) - b)

        def status(m: int) -> str:
            v, t = value(m), self.target_at(m)
            if v is not None and (v >= t if t > b else v <= t):
                return "met"
            if due <= date(2022, m, calendar.monthrange(2022, m)[1]):  # the deadline has come
                return "overdue"
            if v is None:
                return "no_data"
            ahead, on_track, _yellow = self.lines(m)
            if ahead is not None and percent(v, m) >= ahead:
                return "ahead"
            if percent(v, m) >= on_track:
                return "on_track"
            return "lagging"

        now, v, expected = status(month), value(month), _cent(_plain_expected(month, d, trajectory))
        streak = 0
        while streak < month and status(month - streak) in ("lagging", "overdue"):
            streak += 1
        light = {"met": "blue", "ahead": "green", "on_track": "green", "overdue": "red"}.get(now, "grey")
        if now == "lagging" and v is not None:
            yellow = self.lines(month)[2]
            light = "yellow" if yellow is None or percent(v) >= yellow else "red"
        shown = None if v is None else _cent(percent(v))
        before = value(month - 1) if month > 1 else None
        met = now == "met" or v is None
        return {
            "status": now,
            "light": light,
            "lagging_months": repr(streak),
            "expected_percent": _shown(expected),
            "value": _shown(v),
            "percent": _shown(shown),
            "gap": _shown(None if shown is None else shown - expected),
            "change": _shown(None if shown is None or before is None else shown - _cent(percent(before))),
            "required_per_month": _shown(
                None if met or month >= d else _cent((self.target_at(month) - v) / (d - month))
            ),
            "projected_at_deadline": _shown(None if met or month > d else _cent(b + (v - b) * d / month)),
        }


def _text(digits: int, places: int) -> str | None:
    """digits / 10^places as the store writes it, if the store can hold it."""
    if not 0 <= digits < 10**28:
        return None
    text = format_decimal(Decimal(digits).scaleb(-places))
    try:
        storable(Decimal(text))
    except ValueError:
        return None
    return text


_POINTS = st.one_of(
    st.sampled_from(["0", "5", "10", "12.5", "33.33", "0.001", "66.666"]),
    st.integers(0, 10000).map(lambda n: str(Decimal(n) / 100)),
)


@st.composite
def _band_sets(draw: st.DrawFn) -> list[tuple[int, str | None, str, str | None]]:
    """One to three band sets, from month 1 on; in each, ahead >= on track >= yellow, either
    left out at times."""
    months = [1, *sorted(draw(st.lists(st.integers(2, 12), unique=True, max_size=2)))]
    sets = []
    for month in months:
        on_track = Decimal(draw(_POINTS)) % 150
        ahead = on_track + Decimal(draw(_POINTS)) % 50
        yellow = on_track - min(on_track, Decimal(draw(_POINTS)) % 60)
        sets.append((
            month,
            draw(st.sampled_from([None, format_decimal(ahead)])),
            format_decimal(on_track),
            draw(st.sampled_from([None, format_decimal(yellow)])),
        ))  # fmt: skip
    return sets


_BANDS = _band_sets()
# A trajectory's percents: below 100, at it, and a stretch beyond it (6:60,12:120).
_PLANNED = st.one_of(_POINTS, st.sampled_from(["100", "110", "120", "133.33"]))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Targets and baselines often of 15 significant digits differing only in the last; values
    aimed at the status lines, the red line, the target and the 0.005 rounding edges."""
    places = draw(st.integers(0, 15))
    t = draw(st.one_of(st.integers(10**14, 10**15 - 1), st.integers(1, 10**4)))
    kind = draw(st.sampled_from(["close", "close", "far", "none"]))
    last_digit = draw(st.sampled_from([-10, -9, -5, -4, -2, -1, 1, 2, 3, 4, 5, 9, 10]))
    b = {"close": t + last_digit, "far": draw(st.integers(0, 2 * t)), "none": 0}[kind]
    target, baseline = _text(t, places), None if kind == "none" else _text(b, places)
    assume(b != t and target is not None and (kind == "none" or baseline is not None))
    assert target is not None
    deadline = draw(
        st.one_of(
            st.none(),
            st.sampled_from([date(2022, 6, 30), date(2022, 7, 1), date(2022, 11, 30), date(2022, 3, 15)]),
            st.dates(date(2022, 1, 1), date(2023, 3, 31)),
        )
    )
    months = sorted(draw(st.lists(st.integers(1, 12), unique=True, max_size=4)))
    percents = sorted(draw(st.lists(_PLANNED, min_size=len(months), max_size=len(months))), key=Decimal)
    tolerance, ahead = draw(st.one_of(_POINTS, _POINTS.map(lambda p: "-" + p))), draw(_POINTS)
    if Decimal(ahead) < -Decimal(tolerance):  # the rules refuse an ahead line below the on-track line
        ahead = format_decimal(-Decimal(tolerance))
    case = Case(target, baseline, deadline, list(zip(months, percents, strict=True)), tolerance, ahead,
                draw(_POINTS), [], draw(st.sampled_from(["points", "points", "relative", "bands"])),
                draw(_BANDS))  # fmt: skip
    start = 1
    for _ in range(draw(st.integers(0, 2))):  # targets changed from a month on, up or down, near or far
        moved = t + draw(st.sampled_from([-1, 1, 7, -(t // 10), t // 6, t]))
        new = _text(moved, places)
        start = draw(st.integers(start, 12))
        if moved > 0 and moved != b and new is not None:
            case.changes.append((start, new))
    due = deadline or date(2022, 12, 31)
    d = (due.year - 2022) * 12 + due.month
    base = Fraction(b, 10**places)
    trajectory = [(m, _q(p)) for m, p in case.trajectory]
    for _ in range(draw(st.integers(0, 14))):
        month = draw(st.integers(1, 12))
        expected = _plain_expected(month, d, trajectory)
        span = case.target_at(month) - base  # of the target in force at the month
        aim = draw(st.sampled_from(["line", "line", "edge", "pace", "near", "any"]))
        at, nudge = places + draw(st.integers(0, 5)), draw(st.sampled_from([0, 0, -1, 1]))
        if aim == "near":  # a few last digits from the target or the baseline
            digits, at = draw(st.sampled_from([t, b])) + draw(st.integers(-12, 12)), places
        elif aim == "any":
            digits, at = draw(st.integers(0, 10**15 - 1)), draw(st.integers(0, 15))
        else:
            if aim == "line":  # a status line, the red line, the target
                lines = [line for line in case.lines(month) if line is not None] + [Fraction(100)]
                value = base + draw(st.sampled_from(lines)) / 100 * span
            elif aim == "edge":  # a percent half a hundredth past a figure, below 0 too
                cents = math.floor(expected * 100) + draw(st.integers(-12000, 3000))
                value = base + (Fraction(cents, 100) + Fraction(1, 200)) / 100 * span
            else:  # a monthly pace to the deadline half a hundredth past a figure, below 0 too
                pace = Fraction(draw(st.integers(-(10**4), 10**4)), 100) + Fraction(1, 200)
                value = case.target_at(month) - pace * max(d - month, 1)
            digits = round(value * 10**at) + nudge
        text = _text(digits, at)
        if text is not None and (month, text) != next(
            (e for e in reversed(case.entries) if e[0] == month), None
        ):
            case.entries.append((month, text))
    return case


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def planned(case: Case) -> tuple[PlanRecord, str, progress.Thresholds]:
    """The plan of a case's one indicator, with its figures and changes, and its thresholds."""
    plan = make_plan()
    ident = indicator(
        plan, target=case.target, baseline=case.baseline, unit="个", deadline=case.deadline,
        trajectory=[(m, Decimal(p)) for m, p in case.trajectory],
    )  # fmt: skip
    for month, text in case.entries:
        enter(plan, ident, text, month)
    for start, new in case.changes:
        plans.edit_indicator(plan, ident, IndicatorSpec(target=new), NOW, from_month=start)
    th = progress.Thresholds(
        Decimal(case.tolerance), Decimal(case.ahead), Decimal(case.red), case.mode,
        tuple((m, _decimal(a), Decimal(o), _decimal(y)) for m, a, o, y in case.bands),
    )  # fmt: skip
    return plan, ident, th


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(case=cases())
def test_report_show_and_streaks_agree_with_the_rules_written_plainly(case: Case) -> None:
    plan, ident, th = planned(case)
    for month in range(1, 13):
        got = next(r for r in progress.build_report(plan, month, th).indicators if r.id == ident)
        plain = case.plain(month)
        shown = {k: v if isinstance(v := getattr(got, k), str) else repr(v) for k in plain}
        assert shown == plain, month
    detail = progress.describe(plan, ident, 12, th)
    assert isinstance(detail, progress.IndicatorDetail)
    rows = [(r.status, r.light, repr(r.percent), repr(r.expected_percent)) for r in detail.months]
    wanted = [
        (p["status"], p["light"], p["percent"], p["expected_percent"]) for p in map(case.plain, range(1, 13))
    ]
    assert rows == wanted


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(case=cases(), red_cap=st.sampled_from([0, 1, 2, 3, 12]))
def test_the_months_in_a_row_written_out_are_those_of_status_and_light(case: Case, red_cap: int) -> None:
    """runs() walks an indicator with a numeric target by the status and light rules written out
    (IndicatorCalc._measured_runs): in every month that needs attention, the months lagging, red
    and overdue in a row are those of the walk by status() and light()."""
    from shishi_cli.progress.indicator import calc_for, in_force, index_entries
    from shishi_cli.progress.timeline import Calendar

    plan, ident, th = planned(case)
    ind = plan["projects"][0]["indicators"][0]
    calc = calc_for(2022, ind, index_entries(plan["progress"])[ident], Calendar(th, red_cap))
    for judged in {calc, calc.at(1), calc.at(6)}:  # (a changed target: each definition on its own)
        assert judged.measure is not None
        for month in range(1, 13):
            found = in_force(judged.made, month)
            status = judged.status(month, found)
            if status in progress.NEEDS_ATTENTION:
                light = judged.light(month, status, None if found is None else found.get("value") or "0")
                assert judged.runs(month, status, light) == judged._runs(month, status, light), month
