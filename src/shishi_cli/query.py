"""What a report asks for, checked against the plan: its year, month, thresholds and filters.

`report`, `lagging`, `bulletin` and `export --what report` build their report here. A filter that
matches nothing in the plan is a usage error naming what the plan has, never an empty all-clear
that a cron job would take for "nothing is lagging".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from . import plans, rules
from .errors import InputError, UsageError
from .i18n import _, ngettext
from .progress import (
    STATUSES,
    IndicatorResult,
    Report,
    Selection,
    build_report,
    disagreeing,
    escalated,
    expected_percent,
    latest_month,
    thresholds_of,
)
from .records import PlanRecord, StoreRecord
from .rule_messages import raise_refusal
from .rules import Band
from .text import number_ranges

if TYPE_CHECKING:
    from .progress import DepartmentStanding, TrendPoint


class ReportQuery(NamedTuple):
    """A report as a command asks for it; None and () mean "not given". (A named tuple: a
    dataclass would cost half a millisecond more to make at the import of every run.)"""

    year: int | None = None
    month: int | None = None
    projects: tuple[int, ...] = ()
    owners: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    tolerance: Decimal | None = None
    ahead_margin: Decimal | None = None
    red_gap: Decimal | None = None
    mode: str | None = None
    bands: tuple[Band, ...] | None = None
    stages: tuple[str, ...] = ()  # with `statuses`: also the indicators with a stage of these
    disagreements: bool = False  # only the indicators whose label disagrees with their status
    today: date | None = None  # the day follow-ups' answers are judged late by
    region: str | None = None  # only the indicators giving this region a share, as its share
    warnings: bool = True  # False: the output shows no warnings, none are looked for


def report(store: StoreRecord, query: ReportQuery) -> Report:
    """The report `query` asks for; UsageError for a filter that matches nothing in the plan."""
    check_statuses(query.statuses)
    plan = plans.select_plan(store, query.year)
    check_projects(plan, query.projects)
    owners = match_owners(plan, query.owners)
    check_overlap(plan, query.projects, owners)
    month = query.month if query.month is not None else latest_month(plan)
    if month is None:
        raise InputError(
            _("the {year} plan has no progress entries yet").format(year=plan["year"]),
            hint=_("give --month to report as of a month"),
        )
    thresholds = thresholds_of(
        plan, query.tolerance, query.ahead_margin, query.red_gap, query.mode, query.bands
    )
    # The plan's settings are sound; what the options make of them is checked as a whole.
    th = thresholds
    raise_refusal(rules.settings_problems(th.mode, th.tolerance, th.ahead_margin, th.red_gap, th.bands))
    region = None if query.region is None else match_region(plan, query.region)
    selection = Selection(
        frozenset(query.projects), owners, frozenset(query.statuses), frozenset(query.stages), region
    )
    found = build_report(plan, month, thresholds, selection, query.today, query.warnings)
    found.projects_chosen = tuple(sorted(set(query.projects)))
    found.scope = (*sorted(owners or ()), *(() if region is None else (region,)))
    return disagreeing(found) if query.disagreements else found


class Published(NamedTuple):
    """What the report's page shows besides the report: the departments ranked, the indicators
    on a step of the escalation ladder, each indicator's months, and the 时序进度 of the month
    for an indicator due at the year's end."""

    standings: list[DepartmentStanding]
    escalated: list[IndicatorResult]
    trends: dict[str, list[TrendPoint]]
    expected: float


def published(store: StoreRecord, year: int | None, built: Report) -> Published:
    """The rest of what `report --html` shows of `built`, the report of `year`'s plan."""
    from .progress import league, trends  # (imported when first asked for: see progress/__init__)

    plan = plans.select_plan(store, year)
    ids = {r.id for r in built.indicators}
    return Published(
        standings=league(plan, built),
        escalated=escalated(built),
        trends=trends(plan, built.month, built.thresholds, ids),
        expected=float(round(expected_percent(built.month, 12), 2)),
    )


def league_table(
    store: StoreRecord, query: ReportQuery, lead_only: bool = False
) -> tuple[Report, list[DepartmentStanding]]:
    """The report of `query`'s projects and month, and its departments ranked (`owners`). Its
    `owners` choose the rows shown, each ranked among them all; one that owns no indicator
    counted is a usage error, never an empty table."""
    plan = plans.select_plan(store, query.year)
    check_projects(plan, query.projects)
    named = match_owners(plan, query.owners)
    check_overlap(plan, query.projects, named)
    built = report(store, ReportQuery(year=query.year, month=query.month, projects=query.projects))
    from .progress import league

    rows = league(plan, built, lead_only)
    if named is None:
        return built, rows
    shown = [s for s in rows if s.department in named]
    idle = sorted(named - {s.department for s in shown})
    if idle:
        message = (
            ngettext(
                "--lead-only: {owners} leads no indicator of the {year} plan",
                "--lead-only: {owners} lead no indicator of the {year} plan",
                len(idle),
            )
            if lead_only
            else ngettext(
                "{owners} is named on a project of the {year} plan but owns none of its indicators",
                "{owners} are named on a project of the {year} plan but own none of its indicators",
                len(idle),
            )
        )
        hint = (
            _("without --lead-only, the indicators it supports are counted")
            if lead_only
            else _("'shishi list' shows the projects and their departments")
        )
        raise UsageError(message.format(owners="、".join(idle), year=plan["year"]), hint=hint)
    return built, shown


def check_statuses(statuses: Iterable[str]) -> None:
    unknown = sorted(set(statuses) - set(STATUSES))
    if unknown:
        raise UsageError(
            _("unknown status {statuses}").format(statuses=", ".join(unknown)),
            hint=_("use {statuses}, or the status as the report words it").format(
                statuses=", ".join(STATUSES)
            ),
        )


def check_projects(plan: PlanRecord, numbers: Iterable[int]) -> None:
    have = [p["number"] for p in plan["projects"]]
    for number in numbers:
        if number not in have:
            raise UsageError(
                _("--project {number}: no project {number} in the {year} plan").format(
                    number=number, year=plan["year"]
                ),
                hint=_("projects there: {projects}").format(projects=number_ranges(have) or _("none yet")),
            )


def check_overlap(plan: PlanRecord, numbers: Sequence[int], owners: frozenset[str] | None) -> None:
    """--project and --owner, alone or together, must leave some indicator to report on."""
    for project in plan["projects"]:
        if numbers and project["number"] not in numbers:
            continue
        for indicator in project["indicators"]:
            if owners is None or not owners.isdisjoint(plans.answering(project, indicator)):
                return
    if not numbers and owners is None:
        return  # a plan without indicators yet
    if not numbers:  # a department declared, or named by a project, that answers for no indicator
        message = ngettext(
            "{owners} answers for no indicator of the {year} plan",
            "{owners} answer for no indicator of the {year} plan",
            len(owners or ()),
        )
    elif owners is None:
        message = _("project {projects} of the {year} plan has no indicator yet")
    else:
        message = _("no indicator of the {year} plan is both in project {projects} and of {owners}")
    raise UsageError(
        message.format(
            year=plan["year"], projects=number_ranges(numbers), owners="、".join(sorted(owners or ()))
        ),
        hint=_("'shishi list' shows the projects and their departments"),
    )


def match_owners(plan: PlanRecord, wanted: Sequence[str]) -> frozenset[str] | None:
    """The departments the --owner texts name, each by its full name or a short name, compared
    as rules.name_key compares them (None: no filter). A text that names none is a usage error
    listing the plan's departments, closest first."""
    if not wanted:
        return None
    matched: set[str] = set()
    for text in wanted:
        found = plans.resolve(plan, text)
        if found is None:
            raise plans.unknown(plan, text, "--owner")
        matched.add(found)
    return frozenset(matched)


def match_region(plan: PlanRecord, text: str) -> str:
    """The region --region names (full or short name), which some indicator gives a share; a usage
    error otherwise, listing the regions closest first or the indicators broken down."""
    region = plans.find_region(plan, text, "--region")
    for project in plan["projects"]:
        for indicator in project["indicators"]:
            if any(s["region"] == region for s in indicator.get("regions", ())):
                return region
    raise UsageError(
        _("--region {region}: no indicator of the {year} plan gives {region} a share").format(
            region=region, year=plan["year"]
        ),
        hint=_("give it one with: shishi edit-indicator ID --region-target {region}=AMOUNT").format(
            region=region
        ),
    )


def broken_down(plan: PlanRecord, indicator_id: str | None) -> str | None:
    """The indicator region-table ranks on (None: all), which must be broken down by region; a
    usage error naming those that are, when it is not (or when none is)."""
    ids = [i["id"] for p in plan["projects"] for i in p["indicators"] if i.get("regions")]
    if not ids:
        raise UsageError(
            _("no indicator of the {year} plan is broken down by region").format(year=plan["year"]),
            hint=_(
                "give one its regions' shares with: shishi edit-indicator ID --region-target REGION=AMOUNT"
            ),
        )
    if indicator_id is None or indicator_id in ids:
        return indicator_id
    plans.find_indicator(plan, indicator_id)  # (an id the plan does not have: said so)
    raise UsageError(
        _("--indicator {indicator_id}: it is not broken down by region").format(indicator_id=indicator_id),
        hint=_("broken down: {ids}").format(ids=", ".join(ids)),
    )
