"""The departments' league table (责任单位排名): a month's report counted by department and ranked,
most behind first. It counts the report's statuses and gaps; it judges nothing anew."""

from __future__ import annotations

from dataclasses import dataclass

from shishi_cli.plans import aliases, department_names
from shishi_cli.records import PlanRecord

from .escalation import highest
from .exact import hundredths, rounded
from .missing import chased
from .results import SEVERITY, STATUSES, IndicatorResult, Number, Report

BEHIND = ("overdue", "breached")  # past saving this year, or outside a limit now: ranked first


@dataclass(slots=True, eq=False)
class DepartmentStanding:
    """One department's row (fields in the JSON's order)."""

    rank: int  # 1 is the most behind; departments level on every ranking key share a rank
    department: str
    aliases: list[str]
    led: int  # indicators of the report it leads (the first owner, 牵头单位), counted or not
    supported: int  # indicators it supports (another owner, 配合单位), counted or not
    indicators: int  # those counted: led and supported, or with lead_only those led
    statuses: dict[str, int]  # the counted ones by status, in the order of STATUSES
    worst_gap: Number | None  # the lowest gap of a measured one (None: none measured)
    worst_indicator: str | None
    worst_lagging_months: int | None  # of that indicator
    mean_gap: Number | None  # of the measured ones, rounded to 0.01
    missing: int  # counted ones with no figure of their own for the month, as `missing` chases them
    escalation: str | None = None  # the highest step of the plan's ladder a counted one reached
    step: int = -1  # that step's place on the ladder (-1: none), for the ranking

    def behind(self) -> bool:
        """Whether any counted indicator is lagging, overdue or breached: what makes exit 1."""
        return any(self.statuses[s] for s in ("lagging", *BEHIND))

    def ranking_key(self) -> tuple[int, int, int, float, float, int, int]:
        """Most behind first: overdue and breached, then the highest escalation step (a unit at
        约谈 before one at 提醒), then lagging, then the worst gap and the mean gap (lowest first;
        none after any), then more indicators without data, then more not reported."""
        none = float("inf")
        return (
            -sum(self.statuses[s] for s in BEHIND),
            -self.step,
            -self.statuses["lagging"],
            none if self.worst_gap is None else self.worst_gap,
            none if self.mean_gap is None else self.mean_gap,
            -self.statuses["no_data"],
            -self.missing,
        )


def league(plan: PlanRecord, report: Report, lead_only: bool = False) -> list[DepartmentStanding]:
    """Every department owning an indicator counted, ranked by `DepartmentStanding.ranking_key`;
    departments level on it share a rank and are listed in the plan's order of departments.

    An indicator counts for each of its owners, or with `lead_only` for its lead unit alone. Its
    gap counts when it is measured (lagging, on track, ahead, overdue or breached) and has one."""
    short = aliases(plan)
    rows: dict[str, DepartmentStanding] = {}
    gaps: dict[str, list[int]] = {}  # each department's gaps in hundredths
    steps: dict[str, list[str | None]] = {}  # the escalation steps of each department's counted ones

    def row(name: str) -> DepartmentStanding:
        found = rows.get(name)
        if found is None:
            statuses = dict.fromkeys(STATUSES, 0)
            found = DepartmentStanding(
                0, name, short.get(name, []), 0, 0, 0, statuses, None, None, None, None, 0
            )
            rows[name] = found
        return found

    for r in report.indicators:
        for place, name in enumerate(r.owners):
            standing = row(name)
            if place:
                standing.supported += 1
            else:
                standing.led += 1
            if not (place and lead_only):
                _count(standing, r, gaps.setdefault(name, []))
                steps.setdefault(name, []).append(r.escalation)
    places = {name: n for n, (name, _when) in enumerate(report.ladder)}
    for standing in rows.values():
        standing.escalation = highest(report.ladder, steps.get(standing.department, ()))
        standing.step = places.get(standing.escalation or "", -1)
    for name, hundreds in gaps.items():
        if hundreds:
            rows[name].mean_gap = hundredths(rounded(sum(hundreds), len(hundreds)))
    rows = {name: s for name, s in rows.items() if s.indicators}  # (with lead_only: who leads)
    order = {name: place for place, name in enumerate(department_names(plan))}
    # (a stable sort: the plan's order stays among departments that are level)
    listed = sorted(rows.values(), key=lambda s: order.get(s.department, len(order)))
    listed.sort(key=DepartmentStanding.ranking_key)
    rank, previous = 0, None
    for place, standing in enumerate(listed, 1):
        key = standing.ranking_key()
        if key != previous:
            rank, previous = place, key
        standing.rank = rank
    return listed


def _count(standing: DepartmentStanding, r: IndicatorResult, gaps: list[int]) -> None:
    standing.indicators += 1
    standing.statuses[r.status] += 1
    if chased(r):
        standing.missing += 1
    if r.status in SEVERITY and r.gap is not None:
        gaps.append(round(r.gap * 100))  # (a gap is rounded to 0.01 already)
        if standing.worst_gap is None or r.gap < standing.worst_gap:
            standing.worst_gap = r.gap
            standing.worst_indicator = r.id
            standing.worst_lagging_months = r.lagging_months
