"""The computations of DOMAIN.md: value, percent, expected percent, gap, status, light, roll-up.

Pure functions of a plan, a month and thresholds; nothing here reads a file or the clock.

Exactness without slowness: a comparison or a rounding is first done in binary floats, and
whenever the float result lies too close to the boundary to be sure (a status threshold, or a
0.005 rounding edge), it is done again in exact decimal arithmetic. So "exactly expected −
tolerance" counts as on track, and 51.542857…% is shown as 51.54, as an exact calculation
would have it, while a report on 5,000 indicators runs in float time.
"""

from __future__ import annotations

import calendar
import functools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from itertools import pairwise

from .plans import deadline_for, indicator_owners, project_owners
from .records import EntryRecord, IndicatorRecord, PlanRecord

STATUSES = ("met", "ahead", "on_track", "lagging", "overdue", "no_data", "in_progress")
LIGHTS = ("blue", "green", "yellow", "red", "grey")
NEEDS_ATTENTION = frozenset({"lagging", "overdue"})
# Project roll-up: the most severe status among measured indicators wins.
SEVERITY = {"overdue": 4, "lagging": 3, "on_track": 2, "ahead": 1}

_EXACT = Context(prec=120)  # sums and products of stored decimals are exact at this precision
# A quotient only needs to be right to 0.01: a ratio of numbers of 20 digits cannot repeat
# 0 or 9 for 30 places, so 50 digits decide the rounding correctly.
_QUOTIENT = Context(prec=50)
_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_EPS = 1e-9  # relative closeness below which a float comparison is redone exactly


Number = int | float


def quantity(text: str) -> Number:
    """A stored quantity as a number: exact, for the store keeps 15 significant digits."""
    return float(text) if "." in text else int(text)


@dataclass(frozen=True)
class Thresholds:
    tolerance: Decimal = Decimal(10)
    ahead_margin: Decimal = Decimal(5)
    red_gap: Decimal = Decimal(30)


@dataclass(slots=True)
class IndicatorResult:
    """One indicator as of a month, its fields in the order of the JSON contract.

    Quantities are ints or floats holding the stored decimal exactly (the store allows 15
    significant digits); percents and points are floats rounded to 0.01 (51.54)."""

    id: str
    project: int
    name: str
    owners: list[str]
    kind: str
    unit: str
    target: Number | None
    baseline: Number | None
    value: Number | None
    stage: str | None
    as_of_month: int | None
    percent: Number | None
    expected_percent: Number
    gap: Number | None
    status: str
    light: str
    change: Number | None
    lagging_months: int
    deadline: date
    required_per_month: Number | None
    projected_at_deadline: Number | None
    stages: dict[str, Number | None] | None


@dataclass(slots=True)
class ProjectResult:
    number: int
    title: str
    owners: list[str]
    status: str
    light: str
    indicators: list[str]


@dataclass(slots=True)
class ReportWarning:
    """Something a supervision office should look at; `kind` says what."""

    kind: str  # overdue, due_soon, lagging_streak, falls, stale, no_data
    indicator: str
    name: str
    months: int | None = None  # lagging_streak: months in a row; stale: months since the entry
    deadline: date | None = None
    stage: str | None = None  # no_data of a staged indicator: the stage the target counts
    points: Number | None = None  # falls: by how many points progress fell since last month


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
    warnings: list[ReportWarning] = field(default_factory=list)


@dataclass(frozen=True)
class Selection:
    projects: frozenset[int] = frozenset()
    owners: frozenset[str] | None = None  # department names; None: every department
    statuses: frozenset[str] = frozenset()


# --- time --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_month(plan_year: int, deadline: date) -> int:
    """D: the deadline's month counted from the start of the plan year (13 = next January)."""
    return (deadline.year - plan_year) * 12 + deadline.month


@functools.lru_cache(maxsize=512)
def _late_from(year: int, deadline: date) -> int:
    """The first month whose end is past the deadline (13: none in the plan year)."""
    return next((m for m in range(1, 13) if month_end(year, m) > deadline), 13)


@functools.lru_cache(maxsize=512)
def _deadline_months(text: str | None, year: int) -> tuple[date, int, int]:
    """(deadline, D its month counted from the plan year, the first month it is overdue)."""
    deadline = deadline_for(text, year)
    return deadline, deadline_month(year, deadline), _late_from(year, deadline)


Trajectory = tuple[tuple[int, Decimal], ...]


def expected_fraction(month: int, d: int, trajectory: Trajectory = ()) -> tuple[Decimal, Decimal]:
    """Expected percent (时序进度) at the end of `month` as an exact fraction (num, den > 0).

    Without a trajectory: min(100, 100 × M ÷ D). With one: linear between its points, from 0 at
    month 0, and after the last point on to 100 at month D (unless it is already 100). From the
    deadline on, everything is due: 100 (points at or after D cannot say otherwise; `check`
    warns about them).
    """
    if month >= d:
        return _HUNDRED, Decimal(1)
    if not trajectory:
        return Decimal(100 * month), Decimal(d)
    points = [(0, _ZERO), *(p for p in trajectory if p[0] < d)]
    if points[-1][1] < _HUNDRED:
        points.append((d, _HUNDRED))
    if month >= points[-1][0]:
        return min(points[-1][1], _HUNDRED), Decimal(1)
    for (m0, p0), (m1, p1) in pairwise(points):
        if m0 <= month <= m1:
            span = Decimal(m1 - m0)
            rise = _EXACT.multiply(p1 - p0, Decimal(month - m0))
            return _EXACT.add(_EXACT.multiply(p0, span), rise), span
    raise AssertionError("unreachable: the points cover months 0 to the last")  # pragma: no cover


def expected_percent(month: int, d: int, trajectory: Trajectory = ()) -> Decimal:
    """Expected percent, exact to 50 digits (for tests and callers that want the number)."""
    num, den = expected_fraction(month, d, trajectory)
    return _QUOTIENT.divide(num, den)


@functools.lru_cache(maxsize=1024)
def _expected_table(d: int, trajectory: Trajectory) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per month 0..12: the expected percent as a float, and rounded to 0.01."""
    exact = [expected_fraction(m, d, trajectory) for m in range(13)]
    floats = tuple(float(n) / float(den) for n, den in exact)
    shown = tuple(_tidy(float(_round(_QUOTIENT.divide(n, den)))) for n, den in exact)
    return floats, shown


def _tidy(x: Number) -> Number:
    """50.0 -> 50: a whole number is written as one (in JSON too)."""
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _round(value: Decimal) -> Decimal:
    """To 0.01, half up (51.542857… -> 51.54), whatever the size of the number."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP, context=_EXACT)


def _ge_shifted(pn: Decimal, pd: Decimal, en: Decimal, ed: Decimal, shift: Decimal) -> bool:
    """pn/pd >= en/ed + shift, exactly (pd, ed > 0)."""
    right = _EXACT.multiply(_EXACT.add(en, _EXACT.multiply(shift, ed)), pd)
    return _EXACT.multiply(pn, ed) >= right


# --- entries -----------------------------------------------------------------------------------

# indicator id -> its entries in the order they were made (a later one corrects an earlier
# one of the same month and stage).
EntryIndex = dict[str, list[EntryRecord]]
Made = list[EntryRecord | None]  # month 0..12 -> the last entry made for it (0: none, ever)


def index_entries(entries: Iterable[EntryRecord]) -> EntryIndex:
    index: EntryIndex = defaultdict(list)
    for entry in entries:
        index[entry["indicator"]].append(entry)
    return index


_NO_ENTRIES: Made = [None] * 13


def _made(entries: list[EntryRecord], stage: str | None, any_stage: bool) -> Made:
    """Month 0..12 -> the last entry made for that month, of `stage` or of any stage (a later
    entry for the same month corrects an earlier one)."""
    made: Made = [None] * 13
    if any_stage:
        for entry in entries:
            made[entry["month"]] = entry
    else:
        for entry in entries:
            if entry.get("stage") == stage:
                made[entry["month"]] = entry
    return made


def _in_force(made: Made, month: int) -> EntryRecord | None:
    """The entry in force at the end of `month`: the one made for the latest month <= it."""
    while month and made[month] is None:
        month -= 1
    return made[month]


# --- one indicator -----------------------------------------------------------------------------

_LIGHTS = {"met": "blue", "ahead": "green", "on_track": "green", "overdue": "red"}


def _reached(value: Decimal, target: Decimal, rising: bool) -> bool:
    """percent >= 100: the value has reached the target, from below or from above."""
    return value >= target if rising else value <= target


class _Rules:
    """The thresholds of one report, in exact and float form."""

    def __init__(self, th: Thresholds) -> None:
        self.th = th
        self.ahead = float(th.ahead_margin)
        self.tolerance = float(th.tolerance)
        self.red = float(th.red_gap)


class _Indicator:
    """One indicator's definition in the terms the rules need, for any month of the plan."""

    __slots__ = (
        "ind", "entries", "rules", "deadline", "d", "late_from", "milestone", "counted", "made",
        "trajectory", "expected_f", "expected_shown", "target", "baseline", "target_n", "t_f", "b_f",
        "rising", "scale",
    )  # fmt: skip

    def __init__(self, year: int, ind: IndicatorRecord, entries: list[EntryRecord], rules: _Rules) -> None:
        self.ind = ind
        self.entries = entries
        self.rules = rules
        self.deadline, self.d, self.late_from = _deadline_months(ind["deadline"], year)
        self.milestone = milestone = ind["kind"] == "milestone"
        self.counted = ind["counts"]
        # An indicator without stages has entries without one: every entry is of "any stage".
        any_stage = milestone or not ind["stages"]
        self.made = _made(entries, self.counted, any_stage) if entries else _NO_ENTRIES
        points = ind["trajectory"]
        self.trajectory: Trajectory = (
            tuple((p["month"], Decimal(p["percent"])) for p in points) if points else ()
        )
        self.expected_f, self.expected_shown = _expected_table(self.d, self.trajectory)
        self.target = target = None if milestone else ind["target"]
        self.baseline = baseline = ind["baseline"] or "0"
        self.target_n = None
        if target is not None:
            self.target_n = quantity(target)
            self.t_f = t_f = float(target)
            self.b_f = b_f = float(baseline)
            self.rising = t_f > b_f if t_f != b_f else Decimal(target) > Decimal(baseline)
            self.scale = 100.0 / (t_f - b_f)

    # The status rules, in floats first --------------------------------------------------------

    def status(self, month: int, found: EntryRecord | None) -> str:
        """The status at the end of `month` (DOMAIN.md rule 5, first rule that applies)."""
        late = month >= self.late_from
        if self.milestone:
            if found is not None and found.get("stage") == self.ind["stages"][-1]:
                return "met"
            if late:
                return "overdue"
            return "no_data" if found is None else "in_progress"
        if found is None or self.target is None:
            if late:
                return "overdue"
            return "no_data" if found is None else "in_progress"
        text = found.get("value") or "0"
        v = float(text)
        if v != self.t_f:  # rounding to floats keeps order: a strict float answer is exact
            if (v > self.t_f) == self.rising:
                return "met"
        elif _reached(Decimal(text), Decimal(self.target or "0"), self.rising):
            return "met"
        if late:
            return "overdue"
        percent = (v - self.b_f) * self.scale
        expected = self.expected_f[month]
        rules = self.rules
        if self._at_least(month, percent, expected + rules.ahead, text, rules.th.ahead_margin):
            return "ahead"
        if self._at_least(month, percent, expected - rules.tolerance, text, -rules.th.tolerance):
            return "on_track"
        return "lagging"

    def _milestone_streak(self, month: int) -> int:
        """Months in a row, ending at `month`, that a target-less indicator needed attention."""
        streak = 0
        for m in range(month, 0, -1):
            if self.status(m, _in_force(self.made, m)) not in NEEDS_ATTENTION:
                break
            streak += 1
        return streak

    def _streak(self, month: int) -> int:
        """Months in a row, ending at `month` (which is lagging or overdue), lagging or overdue:
        status() cut to what the question needs and written out, as it runs for every month
        of every indicator behind."""
        made, late_from, expected_f = self.made, self.late_from, self.expected_f
        t_f, b_f, scale, rising = self.t_f, self.b_f, self.scale, self.rising
        tolerance = self.rules.tolerance
        streak = 1
        for m in range(month - 1, 0, -1):
            found = made[m]
            if found is None:  # the entry in force is an earlier month's, if any
                k = m - 1
                while k and made[k] is None:
                    k -= 1
                found = made[k]
            if found is None:
                if m < late_from:  # no data and not yet late: neither lagging nor overdue
                    break
            else:
                text = found.get("value") or "0"
                v = float(text)
                if v != t_f:
                    if (v > t_f) == rising:
                        break  # met
                elif _reached(Decimal(text), Decimal(self.target or "0"), rising):
                    break
                if m < late_from:  # not overdue: lagging unless on track (or better)
                    diff = (v - b_f) * scale - (expected_f[m] - tolerance)
                    if diff > 1e-6:
                        break
                    if diff >= -1e-6 and self._at_least(
                        m, (v - b_f) * scale, expected_f[m] - tolerance, text, -self.rules.th.tolerance
                    ):
                        break
            streak += 1
        return streak

    def _at_least(self, month: int, percent: float, threshold: float, text: str, shift: Decimal) -> bool:
        """percent >= expected + shift; decided exactly when the floats are too close to tell."""
        diff = percent - threshold
        if diff > 1e-6 or diff < -1e-6:
            return diff > 0
        pn, pd = self.fraction(Decimal(text))
        en, ed = expected_fraction(month, self.d, self.trajectory)
        return _ge_shifted(pn, pd, en, ed, shift)

    def fraction(self, value: Decimal) -> tuple[Decimal, Decimal]:
        """Percent of target as an exact fraction pn / pd with pd > 0."""
        baseline = Decimal(self.baseline)
        pn = _EXACT.multiply(_HUNDRED, _EXACT.subtract(value, baseline))
        pd = _EXACT.subtract(Decimal(self.target or "0"), baseline)
        return (-pn, -pd) if pd < 0 else (pn, pd)

    def percent_shown(self, text: str) -> Number:
        """Percent of target rounded to 0.01, as an exact calculation would round it
        (written out: this runs for every indicator and its previous month)."""
        scaled = (float(text) - self.b_f) * self.scale * 100.0
        floor = math.floor(scaled)
        if abs(scaled - floor - 0.5) <= 1e-6 + abs(scaled) * 1e-12:
            shown = float(_round(_QUOTIENT.divide(*self.fraction(Decimal(text)))))
        else:
            shown = (floor + 1 if scaled - floor > 0.5 else floor) / 100.0
        return int(shown) if shown.is_integer() else shown

    # The result for the report -----------------------------------------------------------------

    def result(self, project: int, owners: list[str], month: int) -> IndicatorResult:
        ind = self.ind
        made = self.made
        found = _in_force(made, month)
        status = self.status(month, found)
        expected = self.expected_shown[month]
        value = percent = gap = change = pace = projected = None
        light = _LIGHTS.get(status, "grey")
        if found is not None and not self.milestone:
            value = found.get("value") or "0"
            if self.target is not None:
                # Shown figures are rounded to 0.01; gap and change are differences of shown
                # figures, so that a reader's own subtraction agrees. Status and light are exact.
                percent = self.percent_shown(value)
                gap = round(percent - expected, 2)
                if type(gap) is float and gap.is_integer():  # (_tidy, without the call)
                    gap = int(gap)
                if status == "lagging":
                    light = self.light(month, status, value)
                before = _in_force(made, month - 1)
                if before is not None:
                    change = round(percent - self.percent_shown(before.get("value") or "0"), 2)
                    if type(change) is float and change.is_integer():
                        change = int(change)
                if status != "met":
                    pace, projected = self._pace(month, value)
        streak = 0
        if status in NEEDS_ATTENTION:
            streak = self._streak(month) if self.target is not None else self._milestone_streak(month)
        if self.milestone or ind["stages"]:
            stage, as_of, stages = self.stages_at(month, found)
        else:  # (stages_at's answer for a plain quantity, without the call)
            stage, as_of, stages = None, None if found is None else found["month"], None
        baseline = ind["baseline"]
        return IndicatorResult(
            ind["id"], project, ind["name"], owners, ind["kind"], ind["unit"],
            self.target_n, None if baseline is None else quantity(baseline),
            None if value is None else quantity(value), stage, as_of, percent, expected, gap,
            status, light, change, streak, self.deadline, pace, projected, stages,
        )  # fmt: skip

    def light(self, month: int, status: str, text: str | None) -> str:
        """The light of a status; a lagging one is yellow up to the red gap, exactly."""
        if status != "lagging" or text is None:
            return _LIGHTS.get(status, "grey")
        percent = (float(text) - self.b_f) * self.scale
        threshold = self.expected_f[month] - self.rules.red
        return "yellow" if self._at_least(month, percent, threshold, text, -self.rules.th.red_gap) else "red"

    def _pace(self, month: int, text: str) -> tuple[Number | None, Number | None]:
        """(required monthly pace to the deadline, projected value at the deadline), rounded to
        0.01 half up: floats first, exact when too near a 0.005 edge."""
        v = float(text)
        d = self.d
        pace: Number | None = None
        if month < d:
            months_left = d - month
            scaled = (self.t_f - v) / months_left * 100.0
            floor = math.floor(scaled)
            if abs(scaled - floor - 0.5) <= 1e-6 + abs(scaled) * 1e-12:
                exact = _QUOTIENT.divide(Decimal(self.target or "0") - Decimal(text), Decimal(months_left))
                pace = float(_round(exact))
            else:
                pace = (floor + 1 if scaled - floor > 0.5 else floor) / 100.0
            if pace.is_integer():
                pace = int(pace)
        if month > d:  # past the deadline there is nothing left to project
            return pace, None
        b_f = self.b_f
        scaled = (b_f + (v - b_f) * d / month) * 100.0
        floor = math.floor(scaled)
        if abs(scaled - floor - 0.5) <= 1e-6 + abs(scaled) * 1e-12:
            base = Decimal(self.baseline)
            grown = _EXACT.multiply(_EXACT.subtract(Decimal(text), base), Decimal(d))
            rounded = float(_round(_EXACT.add(base, _QUOTIENT.divide(grown, Decimal(month)))))
        else:
            rounded = (floor + 1 if scaled - floor > 0.5 else floor) / 100.0
        return pace, int(rounded) if rounded.is_integer() else rounded

    def stages_at(
        self, month: int, found: EntryRecord | None
    ) -> tuple[str | None, int | None, dict[str, Number | None] | None]:
        """(stage shown, month of the entry used, each stage's latest figure for staged ones)."""
        as_of = found["month"] if found is not None else None
        if self.milestone:
            return (found.get("stage"), as_of, None) if found is not None else (None, None, None)
        stages = self.ind["stages"]
        if not stages:
            return None, as_of, None
        figures: dict[str, Number | None] = {}
        for name in stages:
            other = found if name == self.counted else _in_force(_made(self.entries, name, False), month)
            figures[name] = quantity(other.get("value") or "0") if other is not None else None
        return self.counted, as_of, figures


# --- the report --------------------------------------------------------------------------------


def thresholds_of(
    plan: PlanRecord,
    tolerance: Decimal | None = None,
    ahead_margin: Decimal | None = None,
    red_gap: Decimal | None = None,
) -> Thresholds:
    """The plan's thresholds, each replaced by the command's option where one was given."""
    settings = plan["settings"]
    return Thresholds(
        tolerance=Decimal(settings["tolerance"]) if tolerance is None else tolerance,
        ahead_margin=Decimal(settings["ahead_margin"]) if ahead_margin is None else ahead_margin,
        red_gap=Decimal(settings["red_gap"]) if red_gap is None else red_gap,
    )


def latest_month(plan: PlanRecord) -> int | None:
    """The latest month with any progress entry: the default month of a report."""
    return max((e["month"] for e in plan["progress"]), default=None)


def project_light(status: str, lights: list[str]) -> str:
    """A project's light follows its status; a lagging one is red if any of its lights is."""
    if status == "lagging":
        return "red" if "red" in lights else "yellow"
    return {"met": "blue", "ahead": "green", "on_track": "green", "overdue": "red"}.get(status, "grey")


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
    """Every selected indicator as of the end of `month`, their projects, counts and warnings."""
    index = index_entries(plan["progress"])
    rules = _Rules(thresholds)
    year = plan["year"]
    nothing: list[EntryRecord] = []
    results: list[IndicatorResult] = []
    projects: list[ProjectResult] = []
    owner_filter = selection.owners
    wanted = selection.statuses
    for project in plan["projects"]:
        if selection.projects and project["number"] not in selection.projects:
            continue
        statuses: list[str] = []
        lights: list[str] = []
        chosen: list[IndicatorResult] = []
        for ind in project["indicators"]:
            owners = indicator_owners(project, ind)
            if owner_filter is not None and owner_filter.isdisjoint(owners):
                continue
            calc = _Indicator(year, ind, index.get(ind["id"], nothing), rules)
            if wanted:  # the status alone decides; the full result only for those shown
                status = calc.status(month, _in_force(calc.made, month))
                statuses.append(status)
                if status in wanted:
                    chosen.append(calc.result(project["number"], owners, month))
                    lights.append(chosen[-1].light)
                elif status == "lagging":
                    lights.append(calc.result(project["number"], owners, month).light)
            else:
                chosen.append(calc.result(project["number"], owners, month))
                statuses.append(chosen[-1].status)
                lights.append(chosen[-1].light)
        if not chosen:
            continue
        results.extend(chosen)
        projects.append(
            ProjectResult(
                number=project["number"],
                title=project["title"],
                owners=project_owners(project),
                status=(roll_up := project_status(statuses)),
                light=project_light(roll_up, lights),
                indicators=[r.id for r in chosen],
            )
        )
    return Report(
        year=year,
        title=plan["title"],
        month=month,
        as_of=month_end(year, month),
        thresholds=thresholds,
        indicators=results,
        projects=projects,
        summary_indicators=_count(r.status for r in results),
        summary_projects=_count(p.status for p in projects),
        warnings=_warnings(results, year, month),
    )


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def _warnings(results: list[IndicatorResult], year: int, month: int) -> list[ReportWarning]:
    """Overdue, due soon, lagging in a row, falling, stale, no data: in that order of kinds."""
    overdue: list[ReportWarning] = []
    due_soon: list[ReportWarning] = []
    streaks: list[ReportWarning] = []
    falls: list[ReportWarning] = []
    stale: list[ReportWarning] = []
    no_data: list[ReportWarning] = []
    next_end = month_end(year + month // 12, month % 12 + 1)
    for r in results:
        status = r.status
        if status == "overdue":
            overdue.append(ReportWarning("overdue", r.id, r.name, None, r.deadline))
        elif status != "met" and r.deadline <= next_end:
            due_soon.append(ReportWarning("due_soon", r.id, r.name, None, r.deadline))
        if status == "lagging" and r.lagging_months >= 2:
            streaks.append(ReportWarning("lagging_streak", r.id, r.name, r.lagging_months))
        if r.change is not None and r.change < 0:  # cumulative figures should not fall
            falls.append(ReportWarning("falls", r.id, r.name, points=-r.change))
        if status == "no_data":
            no_data.append(ReportWarning("no_data", r.id, r.name, stage=r.stage if r.stages else None))
        elif status != "met" and r.as_of_month is not None and month - r.as_of_month >= 2:
            stale.append(ReportWarning("stale", r.id, r.name, month - r.as_of_month))
    return overdue + due_soon + streaks + falls + stale + no_data


def attention(report: Report) -> list[IndicatorResult]:
    """Lagging and overdue indicators, most behind first (no percent to compare: first of all)."""
    needing = [r for r in report.indicators if r.status in NEEDS_ATTENTION]
    return sorted(needing, key=lambda r: (r.gap is not None, r.gap or 0.0))


# --- one indicator or project in detail (shishi show) -----------------------------------------


@dataclass
class MonthRow:
    month: int
    value: str | None
    stage: str | None
    percent: float | None
    expected_percent: float
    status: str
    light: str


@dataclass
class EntryRow:
    month: int
    stage: str | None
    value: str | None
    note: str | None
    at: str | None
    superseded: bool  # a later entry for the same month and stage corrects it


@dataclass
class IndicatorDetail:
    year: int
    month: int
    project: int
    project_title: str
    stages: list[str]
    counts: str | None
    trajectory: Trajectory
    result: IndicatorResult
    entries: list[EntryRow]
    months: list[MonthRow]


@dataclass
class ProjectDetail:
    report: Report  # the report of this one project
    project: ProjectResult


def describe(
    plan: PlanRecord, ident: str, month: int | None, thresholds: Thresholds
) -> IndicatorDetail | ProjectDetail:
    """What `shishi show ID` shows: an indicator id, or else a project number."""
    from .plans import find_indicator, find_project

    if month is None:
        month = latest_month(plan) or 1
    is_indicator = any(i["id"] == ident for p in plan["projects"] for i in p["indicators"])
    if ident.isascii() and ident.isdecimal() and not is_indicator:
        number = int(ident)
        project = find_project(plan, number)
        report = build_report(plan, month, thresholds, Selection(projects=frozenset({number})))
        if not report.projects:  # a project without indicators yet
            empty = ProjectResult(number, project["title"], project_owners(project), "no_data", "grey", [])
            report.projects.append(empty)
        return ProjectDetail(report, report.projects[0])
    project, ind = find_indicator(plan, ident)
    own = [e for e in plan["progress"] if e["indicator"] == ind["id"]]
    calc = _Indicator(plan["year"], ind, own, _Rules(thresholds))
    result = calc.result(project["number"], indicator_owners(project, ind), month)
    last_of = {(e["month"], e.get("stage")): n for n, e in enumerate(own)}
    entries = [
        EntryRow(
            e["month"],
            e.get("stage"),
            e.get("value"),
            e.get("note"),
            e.get("at"),
            last_of[(e["month"], e.get("stage"))] != n,
        )
        for n, e in enumerate(own)
    ]
    entries.sort(key=lambda row: row.month)
    rows = []
    for m in range(1, month + 1):
        found = _in_force(calc.made, m)
        value = None if calc.milestone or found is None else (found.get("value") or "0")
        status = calc.status(m, found)
        measured = value is not None and calc.target is not None
        rows.append(
            MonthRow(
                m,
                value,
                calc.stages_at(m, found)[0],
                calc.percent_shown(value) if value is not None and measured else None,
                calc.expected_shown[m],
                status,
                calc.light(m, status, value if measured else None),
            )
        )
    return IndicatorDetail(
        year=plan["year"],
        month=month,
        project=project["number"],
        project_title=project["title"],
        stages=list(ind["stages"]),
        counts=ind["counts"],
        trajectory=calc.trajectory,
        result=result,
        entries=entries,
        months=rows,
    )
