"""Reporting status (催报): the indicators with no figure of their own for a month, by department."""

from __future__ import annotations

from dataclasses import dataclass

from shishi_cli.records import PlanRecord

from .results import IndicatorResult, RegionResult, Report


@dataclass(slots=True, eq=False)
class MissingIndicator:
    """An indicator a department has not reported for the month (fields in the JSON's order)."""

    id: str
    project: int
    name: str
    status: str
    last_month: int | None  # the month of its latest figure before the month; None: none yet
    last_entered: str | None  # the date that figure was entered (YYYY-MM-DD), if recorded
    # Broken down by region: the regions with a share and no figure of their own for the month
    # (None: no breakdown).
    regions: list[str] | None = None


@dataclass(slots=True, eq=False)
class DepartmentMissing:
    department: str | None  # the lead unit (None: an indicator with no owner)
    indicators: list[MissingIndicator]


def chased(r: IndicatorResult) -> bool:
    """Whether the indicator is one to chase for its month's figure: it has none of its own (one
    broken down by region: a region has none), and is not met by an older one (met, it has
    nothing left to report). `missing`, `owners` and the bulletin all chase by this rule."""
    unreported = bool(unreported_regions(r)) if r.breakdown is not None else not r.reported
    return unreported and r.status != "met"


def missing(plan: PlanRecord, report: Report) -> list[DepartmentMissing]:
    """The report's indicators without a figure of their own for its month, under their lead unit
    in order of first mention. One met by an older figure has nothing left to report and is not
    listed; any other is, tracked-only and overdue ones included (their figure is still news)."""
    month = report.month
    regional = {
        r.id: [x.region for x in unreported_regions(r)] for r in report.indicators if r.breakdown is not None
    }
    wanted = {r.id for r in report.indicators if chased(r)}
    if not wanted:
        return []
    latest: dict[str, tuple[int, str | None]] = {}
    for entry in plan["progress"]:
        ident = entry["indicator"]
        # An indicator broken down by region may have figures of the month, from the regions
        # that reported: its latest is of the month then (the row names the regions that did not).
        if ident in wanted and (entry["month"] < month or (ident in regional and entry["month"] == month)):
            known = latest.get(ident)
            if known is None or entry["month"] >= known[0]:
                stamp = entry.get("at")
                latest[ident] = (entry["month"], None if stamp is None else stamp[:10])
    by_department: dict[str | None, list[MissingIndicator]] = {}
    for r in report.indicators:
        if r.id in wanted:
            last_month, entered = latest.get(r.id, (None, None))
            row = MissingIndicator(r.id, r.project, r.name, r.status, last_month, entered, regional.get(r.id))
            by_department.setdefault(r.lead, []).append(row)
    return [DepartmentMissing(name, rows) for name, rows in by_department.items()]


def unreported_regions(r: IndicatorResult) -> list[RegionResult]:
    """The regions of an indicator's breakdown with no figure of their own for the month (one met
    by an older figure has nothing left to report): those `missing` chases, in the plan's order."""
    assert r.breakdown is not None
    return [x for x in r.breakdown.regions if not x.reported and x.status != "met"]
