"""The computations of DOMAIN.md: value, percent, expected percent, gap, status, light, roll-up.

Pure functions of a plan, a month and thresholds. Status rules compare exact rationals by
cross-multiplying decimals (never a rounded percent), so "exactly expected − tolerance" is
decided exactly; the numbers reported are rounded to 0.01 only at the end.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

from .numbers import to_decimal
from .plans import deadline_of, indicator_owners, project_owners
from .records import EntryRecord, IndicatorRecord, PlanRecord

STATUSES = ("met", "ahead", "on_track", "lagging", "overdue", "no_data", "in_progress")
LIGHTS = ("blue", "green", "yellow", "red", "grey")
NEEDS_ATTENTION = frozenset({"lagging", "overdue"})
# Project roll-up: the most severe status among measured indicators wins.
SEVERITY = {"overdue": 4, "lagging": 3, "on_track": 2, "ahead": 1}

_EXACT = Context(prec=120)  # products and sums of stored decimals are exact at this precision
_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_MILESTONE = ""  # index key of a milestone's stage-by-month series


@dataclass(frozen=True)
class Thresholds:
    tolerance: Decimal = Decimal(10)
    ahead_margin: Decimal = Decimal(5)
    red_gap: Decimal = Decimal(30)


@dataclass
class IndicatorResult:
    id: str
    project: int
    name: str
    owners: list[str]
    kind: str
    unit: str
    target: Decimal | None
    baseline: Decimal | None
    value: Decimal | None
    stage: str | None
    as_of_month: int | None
    percent: Decimal | None
    expected_percent: Decimal
    gap: Decimal | None
    status: str
    light: str
    change: Decimal | None
    lagging_months: int
    deadline: date
    required_per_month: Decimal | None
    projected_at_deadline: Decimal | None
    stages: dict[str, Decimal | None] | None
    stage_months: dict[str, int | None] | None = None


@dataclass
class ProjectResult:
    number: int
    title: str
    owners: list[str]
    status: str
    indicators: list[str]


@dataclass
class Warning:
    """Something a supervision office should look at; `kind` says what."""

    kind: str  # overdue, due_soon, lagging_streak, stale, no_data
    indicator: str
    name: str
    months: int | None = None  # lagging_streak: months in a row; stale: months since the entry
    deadline: date | None = None


@dataclass
class Report:
    year: int
    title: str
    month: int
    as_of: date
    thresholds: Thresholds
    indicators: list[IndicatorResult]
    projects: list[ProjectResult]
    summary_indicators: dict[str, int]
    summary_projects: dict[str, int]
    warnings: list[Warning] = field(default_factory=list)


@dataclass(frozen=True)
class Selection:
    projects: frozenset[int] = frozenset()
    owner: str | None = None
    statuses: frozenset[str] = frozenset()


# --- time --------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_month(plan_year: int, deadline: date) -> int:
    """D: the deadline's month counted from the start of the plan year (13 = next January)."""
    return (deadline.year - plan_year) * 12 + deadline.month


def expected_fraction(
    month: int, d: int, trajectory: list[tuple[int, Decimal]] | None = None
) -> tuple[Decimal, Decimal]:
    """Expected percent (时序进度) as an exact fraction (numerator, denominator > 0)."""
    if not trajectory:
        if month >= d:
            return _HUNDRED, Decimal(1)
        return Decimal(100 * month), Decimal(d)
    points = [(0, _ZERO), *trajectory]
    last_month, last_percent = points[-1]
    if last_percent < _HUNDRED and last_month < d:
        points.append((d, _HUNDRED))
    if month >= points[-1][0]:
        return min(points[-1][1], _HUNDRED), Decimal(1)
    for (m0, p0), (m1, p1) in zip(points, points[1:]):
        if m0 <= month <= m1:
            span = Decimal(m1 - m0)
            num = _EXACT.add(_EXACT.multiply(p0, span), _EXACT.multiply(p1 - p0, Decimal(month - m0)))
            return num, span
    raise AssertionError("unreachable: trajectory points cover 0..last")  # pragma: no cover


def expected_percent(month: int, d: int, trajectory: list[tuple[int, Decimal]] | None = None) -> Decimal:
    num, den = expected_fraction(month, d, trajectory)
    return _EXACT.divide(num, den)


# --- one indicator -----------------------------------------------------------------------------


@dataclass
class _Measure:
    """Status of one indicator at one month, with the exact fractions behind it."""

    status: str
    value: Decimal | None
    pn: Decimal | None = None  # percent = pn / pd, pd > 0
    pd: Decimal | None = None
    en: Decimal = _ZERO  # expected = en / ed, ed > 0
    ed: Decimal = Decimal(1)


class _Series:
    """An indicator's entries: per stage, month -> the last figure entered for that month."""

    __slots__ = ("by_stage",)

    def __init__(self) -> None:
        self.by_stage: dict[str | None, dict[int, str]] = {}

    def at(self, stage: str | None, month: int) -> tuple[int, str] | None:
        months = self.by_stage.get(stage)
        if not months:
            return None
        best = 0
        for m in months:
            if best < m <= month:
                best = m
        return (best, months[best]) if best else None


def index_entries(entries: Iterable[EntryRecord], milestones: set[str]) -> dict[str, _Series]:
    index: dict[str, _Series] = {}
    for entry in entries:
        indicator_id = entry["indicator"]
        series = index.get(indicator_id)
        if series is None:
            series = index[indicator_id] = _Series()
        if indicator_id in milestones:
            series.by_stage.setdefault(_MILESTONE, {})[entry["month"]] = entry["stage"] or ""
        else:
            series.by_stage.setdefault(entry["stage"], {})[entry["month"]] = entry["value"] or "0"
    return index


class _Indicator:
    """An indicator's definition in the exact terms the status rules need."""

    def __init__(self, plan: PlanRecord, ind: IndicatorRecord, series: _Series, th: Thresholds) -> None:
        self.ind = ind
        self.series = series
        self.th = th
        self.year = plan["year"]
        self.deadline = deadline_of(plan, ind)
        self.d = deadline_month(self.year, self.deadline)
        self.target = to_decimal(ind["target"]) if ind["target"] is not None else None
        self.baseline = to_decimal(ind["baseline"]) if ind["baseline"] is not None else _ZERO
        self.trajectory = [(p["month"], to_decimal(p["percent"])) for p in ind["trajectory"]] or None
        self.milestone = ind["kind"] == "milestone"
        self.counted = ind["counts"]

    def measure(self, month: int) -> _Measure:
        en, ed = expected_fraction(month, self.d, self.trajectory)
        overdue = month_end(self.year, month) > self.deadline
        if self.milestone:
            found = self.series.at(_MILESTONE, month)
            stages = self.ind["stages"]
            if found is not None and found[1] == stages[-1]:
                return _Measure("met", None, en=en, ed=ed)
            if overdue:
                return _Measure("overdue", None, en=en, ed=ed)
            return _Measure("no_data" if found is None else "in_progress", None, en=en, ed=ed)
        found = self.series.at(self.counted, month)
        value = to_decimal(found[1]) if found is not None else None
        if value is None or self.target is None:
            if overdue:
                return _Measure("overdue", value, en=en, ed=ed)
            return _Measure("no_data" if value is None else "in_progress", value, en=en, ed=ed)
        pn = _EXACT.multiply(_HUNDRED, _EXACT.subtract(value, self.baseline))
        pd = _EXACT.subtract(self.target, self.baseline)
        if pd < 0:
            pn, pd = -pn, -pd
        if pn >= _EXACT.multiply(_HUNDRED, pd):
            status = "met"
        elif overdue:
            status = "overdue"
        elif self._at_least(pn, pd, en, ed, self.th.ahead_margin):
            status = "ahead"
        elif self._at_least(pn, pd, en, ed, -self.th.tolerance):
            status = "on_track"
        else:
            status = "lagging"
        return _Measure(status, value, pn, pd, en, ed)

    @staticmethod
    def _at_least(pn: Decimal, pd: Decimal, en: Decimal, ed: Decimal, shift: Decimal) -> bool:
        """percent >= expected + shift, exactly."""
        right = _EXACT.multiply(_EXACT.add(en, _EXACT.multiply(shift, ed)), pd)
        return _EXACT.multiply(pn, ed) >= right

    def result(self, project: int, owners: list[str], month: int) -> IndicatorResult:
        ind = self.ind
        now = self.measure(month)
        status = now.status
        percent = gap = change = pace = projected = None
        if now.pn is not None and now.pd is not None:
            percent = _round(_EXACT.divide(now.pn, now.pd))
            gap = _round(
                _EXACT.divide(
                    _EXACT.subtract(_EXACT.multiply(now.pn, now.ed), _EXACT.multiply(now.en, now.pd)),
                    _EXACT.multiply(now.pd, now.ed),
                )
            )
            if month > 1:
                before = self.measure(month - 1)
                if before.pn is not None:
                    change = _round(_EXACT.divide(_EXACT.subtract(now.pn, before.pn), now.pd))
            if status != "met" and now.value is not None and self.target is not None:
                if month < self.d:
                    pace = _round(
                        _EXACT.divide(_EXACT.subtract(self.target, now.value), Decimal(self.d - month))
                    )
                projected = _round(
                    _EXACT.add(
                        self.baseline,
                        _EXACT.divide(
                            _EXACT.multiply(_EXACT.subtract(now.value, self.baseline), Decimal(self.d)),
                            Decimal(month),
                        ),
                    )
                )
        light = _light(status, now, self.th.red_gap)
        streak = 0
        m = month
        measure = now
        while measure.status in NEEDS_ATTENTION:
            streak += 1
            m -= 1
            if m < 1:
                break
            measure = self.measure(m)
        stage, as_of, stages, stage_months = self._stages(month)
        return IndicatorResult(
            id=ind["id"],
            project=project,
            name=ind["name"],
            owners=owners,
            kind=ind["kind"],
            unit=ind["unit"],
            target=self.target,
            baseline=to_decimal(ind["baseline"]) if ind["baseline"] is not None else None,
            value=now.value,
            stage=stage,
            as_of_month=as_of,
            percent=percent,
            expected_percent=_round(_EXACT.divide(now.en, now.ed)),
            gap=gap,
            status=status,
            light=light,
            change=change,
            lagging_months=streak,
            deadline=self.deadline,
            required_per_month=pace,
            projected_at_deadline=projected,
            stages=stages,
            stage_months=stage_months,
        )

    def _stages(
        self, month: int
    ) -> tuple[str | None, int | None, dict[str, Decimal | None] | None, dict[str, int | None] | None]:
        """(stage shown, month of the entry used, each stage's figure, each stage's entry month)."""
        if self.milestone:
            found = self.series.at(_MILESTONE, month)
            return (found[1], found[0], None, None) if found else (None, None, None, None)
        if not self.ind["stages"]:
            found = self.series.at(None, month)
            return None, (found[0] if found else None), None, None
        figures: dict[str, Decimal | None] = {}
        months: dict[str, int | None] = {}
        for stage in self.ind["stages"]:
            found = self.series.at(stage, month)
            figures[stage] = to_decimal(found[1]) if found else None
            months[stage] = found[0] if found else None
        return self.counted, months[self.counted or ""], figures, months


def _light(status: str, measure: _Measure, red_gap: Decimal) -> str:
    if status == "met":
        return "blue"
    if status in ("ahead", "on_track"):
        return "green"
    if status == "overdue":
        return "red"
    if status == "lagging":
        assert measure.pn is not None and measure.pd is not None
        within = _Indicator._at_least(measure.pn, measure.pd, measure.en, measure.ed, -red_gap)
        return "yellow" if within else "red"
    return "grey"


def _round(value: Decimal) -> Decimal:
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


# --- the report --------------------------------------------------------------------------------


def thresholds_of(
    plan: PlanRecord,
    tolerance: Decimal | None = None,
    ahead_margin: Decimal | None = None,
    red_gap: Decimal | None = None,
) -> Thresholds:
    settings = plan["settings"]
    return Thresholds(
        tolerance=tolerance if tolerance is not None else to_decimal(settings["tolerance"]),
        ahead_margin=ahead_margin if ahead_margin is not None else to_decimal(settings["ahead_margin"]),
        red_gap=red_gap if red_gap is not None else to_decimal(settings["red_gap"]),
    )


def latest_month(plan: PlanRecord) -> int | None:
    """The latest month with any progress entry: the default month of a report."""
    return max((e["month"] for e in plan["progress"]), default=None)


def project_status(statuses: list[str]) -> str:
    """DOMAIN.md rule 7: met when all are; else the most severe measured status."""
    if statuses and all(s == "met" for s in statuses):
        return "met"
    measured = [s for s in statuses if s in SEVERITY]
    if measured:
        return max(measured, key=SEVERITY.__getitem__)
    return "in_progress" if "in_progress" in statuses else "no_data"


def build_report(
    plan: PlanRecord,
    month: int,
    thresholds: Thresholds,
    selection: Selection = Selection(),
) -> Report:
    milestones = {
        i["id"] for p in plan["projects"] for i in p["indicators"] if i["kind"] == "milestone"
    }
    index = index_entries(plan["progress"], milestones)
    empty = _Series()
    results: list[IndicatorResult] = []
    projects: list[ProjectResult] = []
    owner_filter = selection.owner
    for project in plan["projects"]:
        if selection.projects and project["number"] not in selection.projects:
            continue
        own: list[IndicatorResult] = []
        for ind in project["indicators"]:
            owners = indicator_owners(project, ind)
            if owner_filter is not None and not any(owner_filter in o for o in owners):
                continue
            calc = _Indicator(plan, ind, index.get(ind["id"], empty), thresholds)
            own.append(calc.result(project["number"], owners, month))
        if not own:
            continue
        chosen = [r for r in own if not selection.statuses or r.status in selection.statuses]
        if not chosen:
            continue
        results.extend(chosen)
        projects.append(
            ProjectResult(
                number=project["number"],
                title=project["title"],
                owners=project_owners(project),
                status=project_status([r.status for r in own]),
                indicators=[r.id for r in chosen],
            )
        )
    return Report(
        year=plan["year"],
        title=plan["title"],
        month=month,
        as_of=month_end(plan["year"], month),
        thresholds=thresholds,
        indicators=results,
        projects=projects,
        summary_indicators=_count(r.status for r in results),
        summary_projects=_count(p.status for p in projects),
        warnings=_warnings(results, plan["year"], month),
    )


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def _warnings(results: list[IndicatorResult], year: int, month: int) -> list[Warning]:
    found: list[Warning] = []
    next_end = month_end(year + month // 12, month % 12 + 1)
    for r in results:
        if r.status == "overdue":
            found.append(Warning("overdue", r.id, r.name, deadline=r.deadline))
        elif r.status != "met" and r.deadline <= next_end:
            found.append(Warning("due_soon", r.id, r.name, deadline=r.deadline))
        if r.status == "lagging" and r.lagging_months >= 2:
            found.append(Warning("lagging_streak", r.id, r.name, months=r.lagging_months))
        if r.status == "no_data":
            found.append(Warning("no_data", r.id, r.name))
        elif r.status != "met" and r.as_of_month is not None and month - r.as_of_month >= 2:
            found.append(Warning("stale", r.id, r.name, months=month - r.as_of_month))
    order = {"overdue": 0, "due_soon": 1, "lagging_streak": 2, "stale": 3, "no_data": 4}
    found.sort(key=lambda w: order[w.kind])
    return found


def attention(report: Report) -> list[IndicatorResult]:
    """Lagging and overdue indicators, most behind first (no percent to compare: first of all)."""
    needing = [r for r in report.indicators if r.status in NEEDS_ATTENTION]
    return sorted(needing, key=lambda r: (r.gap is not None, r.gap if r.gap is not None else _ZERO))


# --- one indicator or project in detail (shishi show) -----------------------------------------


@dataclass
class MonthRow:
    month: int
    value: Decimal | None
    stage: str | None
    percent: Decimal | None
    expected_percent: Decimal
    status: str


@dataclass
class EntryRow:
    month: int
    stage: str | None
    value: Decimal | None
    note: str | None
    at: str | None
    superseded: bool  # a later entry for the same month and stage corrects it


@dataclass
class IndicatorDetail:
    year: int
    month: int
    project: int
    project_title: str
    baseline: Decimal | None
    stages: list[str]
    counts: str | None
    trajectory: list[tuple[int, Decimal]]
    result: IndicatorResult
    entries: list[EntryRow]
    months: list[MonthRow]


@dataclass
class ProjectDetail:
    year: int
    month: int
    project: ProjectResult
    indicators: list[IndicatorResult]


def describe(
    plan: PlanRecord, ident: str, month: int | None, thresholds: Thresholds
) -> IndicatorDetail | ProjectDetail:
    """What `shishi show ID` shows: an indicator id, or else a project number."""
    from .plans import find_indicator, find_project

    if month is None:
        month = latest_month(plan) or 1
    if ident.isdigit() and not any(
        i["id"] == ident for p in plan["projects"] for i in p["indicators"]
    ):
        number = int(ident)
        find_project(plan, number)
        report = build_report(plan, month, thresholds, Selection(projects=frozenset({number})))
        if not report.projects:
            project = find_project(plan, number)
            empty = ProjectResult(number, project["title"], project_owners(project), "no_data", [])
            return ProjectDetail(plan["year"], month, empty, [])
        return ProjectDetail(plan["year"], month, report.projects[0], report.indicators)
    project, ind = find_indicator(plan, ident)
    milestones = {ind["id"]} if ind["kind"] == "milestone" else set()
    own = [e for e in plan["progress"] if e["indicator"] == ind["id"]]
    calc = _Indicator(plan, ind, index_entries(own, milestones).get(ind["id"], _Series()), thresholds)
    result = calc.result(project["number"], indicator_owners(project, ind), month)
    last_of: dict[tuple[int, str | None], int] = {}
    for n, e in enumerate(own):
        last_of[(e["month"], e["stage"])] = n
    entries = [
        EntryRow(
            e["month"],
            e["stage"],
            to_decimal(e["value"]) if e["value"] is not None else None,
            e["note"],
            e["at"],
            last_of[(e["month"], e["stage"])] != n,
        )
        for n, e in enumerate(own)
    ]
    entries.sort(key=lambda r: r.month)
    rows = []
    for m in range(1, month + 1):
        measure = calc.measure(m)
        percent = (
            _round(_EXACT.divide(measure.pn, measure.pd))
            if measure.pn is not None and measure.pd is not None
            else None
        )
        stage = calc._stages(m)[0]
        rows.append(
            MonthRow(m, measure.value, stage, percent, _round(_EXACT.divide(measure.en, measure.ed)), measure.status)
        )
    return IndicatorDetail(
        year=plan["year"],
        month=month,
        project=project["number"],
        project_title=project["title"],
        baseline=calc.baseline if ind["baseline"] is not None else None,
        stages=list(ind["stages"]),
        counts=ind["counts"],
        trajectory=calc.trajectory or [],
        result=result,
        entries=entries,
        months=rows,
    )
