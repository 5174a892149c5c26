"""One indicator as of any month of its plan: the entry in force, its status, light, streak and result."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from shishi_cli.numbers import format_decimal
from shishi_cli.records import EntryRecord, IndicatorRecord
from shishi_cli.rules import definition_at

from .exact import hundredths, measure_of, rounded
from .labels import label_agrees
from .results import LIGHT_OF, NEEDS_ATTENTION, IndicatorResult, Number, StageResult, quantity
from .timeline import Calendar, Trajectory, deadline_months

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


NO_ENTRIES: Made = [None] * 13


def made_by_month(entries: list[EntryRecord], stage: str | None, any_stage: bool) -> Made:
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


def in_force(made: Made, month: int) -> EntryRecord | None:
    """The entry in force at the end of `month`: the one made for the latest month <= it."""
    while month and made[month] is None:
        month -= 1
    return made[month]


# --- one indicator -----------------------------------------------------------------------------

Position = tuple[int, int, int]  # exact.Measure.position: (x, s, u)
_NOTHING: frozenset[str] = frozenset()
_NO_RUNS = (0, 0, 0)


def _exact(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _number(value: Decimal | None) -> Number | None:
    return None if value is None else quantity(format_decimal(value))


def _stage_calcs(
    year: int, ind: IndicatorRecord, entries: list[EntryRecord], calendar: Calendar
) -> tuple[tuple[str, IndicatorCalc], ...]:
    """A calculation for each scheduled stage, as an indicator of its own: a quantity's stage
    with its target, due date and trajectory; a milestone's stage, reached or not by its due date.
    A later stage's figure counts for an earlier one: 30 roads completed have all been started."""
    calcs = []
    stages = ind["stages"]
    for schedule in ind.get("stage_schedules", ()):
        stage = schedule["stage"]
        milestone = ind["kind"] == "milestone"
        record: IndicatorRecord = {
            **ind, "target": schedule["target"], "baseline": None, "deadline": schedule["deadline"],
            "trajectory": schedule["trajectory"], "at_most": None, "at_least": None, "stage_schedules": [],
            "changes": [], "stages": stages if milestone else [stage], "counts": None if milestone else stage,
        }  # fmt: skip
        own = entries if milestone else _at_least_as_far(ind["id"], entries, stages[stages.index(stage) :])
        calcs.append((stage, IndicatorCalc(year, record, own, calendar, stage if milestone else None)))
    return tuple(calcs)


def _at_least_as_far(ident: str, entries: list[EntryRecord], stages: list[str]) -> list[EntryRecord]:
    """The figures of `stages[0]` month by month, each the largest of that stage's and the later
    stages' figures in force then (the later ones are cumulative beyond it)."""
    mades = [made_by_month(entries, stage, False) for stage in stages]
    merged: list[EntryRecord] = []
    for month in range(1, 13):
        if all(made[month] is None for made in mades):
            continue
        figures = [e.get("value") or "0" for made in mades if (e := in_force(made, month)) is not None]
        merged.append(
            {"indicator": ident, "month": month, "stage": stages[0], "value": max(figures, key=Decimal)}
        )
    return merged


class IndicatorCalc:
    """One indicator's definition in the terms the rules need, for any month of the plan."""

    __slots__ = (
        "ind", "entries", "deadline", "d", "milestone", "reached", "made", "trajectory",
        "schedule", "measure", "limit", "stage_calcs", "tracked_only", "red_cap",
    )  # fmt: skip

    def __init__(
        self,
        year: int,
        ind: IndicatorRecord,
        entries: list[EntryRecord],
        calendar: Calendar,
        done_at: str | None = None,
    ) -> None:
        """`done_at`: for a milestone, the stage that means done (its last unless a stage's own
        schedule is judged: then that stage or any after it)."""
        self.ind = ind
        self.entries = entries
        self.deadline, self.d = deadline_months(ind["deadline"], year)
        self.milestone = milestone = ind["kind"] == "milestone"
        stages = ind["stages"]
        self.reached = frozenset(stages[stages.index(done_at or stages[-1]) :]) if milestone else _NOTHING
        # An indicator without stages has entries without one: every entry is of "any stage".
        any_stage = milestone or not stages
        self.made = made_by_month(entries, ind["counts"], any_stage) if entries else NO_ENTRIES
        points = ind["trajectory"]
        self.trajectory: Trajectory = (
            tuple((p["month"], Decimal(p["percent"])) for p in points) if points else ()
        )
        self.schedule = calendar.schedule(self.d, self.trajectory)
        self.red_cap = calendar.red_cap
        # measure None: no numeric target (a milestone, a tracked-only quantity or a limit), no percent.
        target = ind["target"]  # (a milestone has none)
        # (floor, ceiling), either may be None; None: no limit to hold. A limit takes the place of a
        # target, and only a staged indicator schedules stages: most indicators look no further.
        self.limit = None
        if target is None:
            self.measure = None
            low, high = ind.get("at_least"), ind.get("at_most")
            if low is not None or high is not None:
                self.limit = (_exact(low), _exact(high))
        else:
            self.measure = measure_of(target, ind["baseline"] or "0")
        # A quantity without a target or a limit: nothing to meet, so it never holds a project back.
        self.tracked_only = self.measure is None and self.limit is None and not milestone
        self.stage_calcs = (
            _stage_calcs(year, ind, entries, calendar) if stages and ind.get("stage_schedules") else ()
        )

    def status(self, month: int, found: EntryRecord | None, position: Position | None = None) -> str:
        """docs/rules.md rule 5 at the end of `month`, `found` being the entry in force then: the
        one status rule, for the report, the months lagging in a row and `show` alike. From the
        deadline's month D on, the deadline falls on or before the end of `month`: overdue.
        `position`: found's, when the caller has it already (the report needs it too)."""
        measure = self.measure
        if measure is None:
            if self.limit is not None:  # held all year by the latest figure, never due
                if found is None:
                    return "no_data"
                return "met" if self.broken(found.get("value") or "0") is None else "breached"
            if self.milestone and found is not None and found.get("stage") in self.reached:
                return "met"
            # A tracked quantity promises no amount, so it cannot fall due unmet: never overdue
            # (and so a project of tracked quantities alone stays in progress, rule 7).
            if month >= self.d and self.milestone:
                return "overdue"
            return "no_data" if found is None else "in_progress"
        if found is None:
            return "overdue" if month >= self.d else "no_data"
        x, s, _ = position or measure.position(found.get("value") or "0")
        if x >= s:  # percent >= 100, from below or from above
            return "met"
        if month >= self.d:
            return "overdue"
        schedule = self.schedule
        done = x * schedule.scale[month]
        if done >= schedule.ahead[month] * s:
            return "ahead"
        if done >= schedule.on_track[month] * s:
            return "on_track"
        return "lagging"

    def broken(self, text: str) -> tuple[bool, Decimal] | None:
        """(above, the limit) a figure breaks: above the ceiling, or (False) below the floor."""
        assert self.limit is not None
        low, high = self.limit
        value = Decimal(text)
        if high is not None and value > high:
            return True, high
        if low is not None and value < low:
            return False, low
        return None

    def streak(self, month: int) -> int:
        """Months in a row, ending at `month`, whose status was lagging or overdue."""
        made = self.made
        months = 0
        while month and self.status(month, in_force(made, month)) in NEEDS_ATTENTION:
            months += 1
            month -= 1
        return months

    def runs(self, month: int, status: str, light: str) -> tuple[int, int, int]:
        """Months in a row ending at `month` (whose status and light are given): lagging or worse
        (yellow or red: the months lagging_months counts), red, overdue. One walk back through the
        months the streak walks, a month's light worked out only while the red run lasts. A month
        without a figure of its own is judged by the figure in force then, as the streak judges it;
        one before any figure has no data and ends every run."""
        if status not in NEEDS_ATTENTION:
            return _NO_RUNS
        if self.measure is not None:
            return self._measured_runs(month, status == "overdue", light == "red")
        return self._runs(month, status, light)

    def _runs(self, month: int, status: str, light: str) -> tuple[int, int, int]:
        """runs() by status() and light() month by month: any indicator, any definition."""
        made = self.made
        red_cap = self.red_cap
        attention, red, overdue = 1, int(light == "red"), int(status == "overdue")
        reds, overdues = red == 1, overdue == 1
        month -= 1
        while month:
            found = in_force(made, month)
            status = self.status(month, found)
            if status not in NEEDS_ATTENTION:
                break
            attention += 1
            if reds and red < red_cap:  # (counted as far as the ladder asks)
                text = None if found is None or self.milestone else found.get("value") or "0"
                reds = self.light(month, status, text) == "red"
                red += reds
            if overdues:
                overdues = status == "overdue"
                overdue += overdues
            month -= 1
        return attention, red, overdue

    def _measured_runs(self, month: int, overdue_now: bool, red_now: bool) -> tuple[int, int, int]:
        """_runs() of an indicator with a numeric target, judged by this one definition: status()
        and light() written out for the months before `month` (most indicators lagging walk back
        through several months, and a report has thousands of them). A month needs attention when
        it is overdue (from D on, not met) or lagging (below both the ahead and the on-track line);
        its light is red when overdue, or lagging below the yellow line."""
        measure = self.measure
        assert measure is not None
        made = self.made
        d = self.d
        schedule = self.schedule
        scale, ahead, on_track, yellow = schedule.scale, schedule.ahead, schedule.on_track, schedule.yellow
        position = measure.position
        unit, base, sign, span = measure.unit, measure.base, measure.sign, measure.span
        red_cap = self.red_cap
        attention, red, overdue = 1, int(red_now), int(overdue_now)
        reds, overdues = red_now, overdue_now
        month -= 1
        while month:
            at = month  # the figure in force: made for the latest month <= this one
            found = made[at]
            while found is None and at:
                at -= 1
                found = made[at]
            if found is None:  # no figure yet: overdue from D on, else no data
                late = month >= d
                if not late:
                    break
                lagging_red = True
            else:
                text = found.get("value") or "0"
                if "." in text:
                    x, s, _ = position(text)
                else:  # (measure.position's first case, written out)
                    x, s = (int(text) * unit - base) * sign, span
                if x >= s:  # met
                    break
                late = month >= d
                if late:
                    lagging_red = True
                else:
                    done = x * scale[month]
                    if done >= ahead[month] * s or done >= on_track[month] * s:  # ahead, on track
                        break
                    lagging_red = done < yellow[month] * s
            attention += 1
            if reds and red < red_cap:  # (counted as far as the ladder asks)
                reds = lagging_red
                red += reds
            if overdues:
                overdues = late
                overdue += overdues
            month -= 1
        return attention, red, overdue

    def light(self, month: int, status: str, text: str | None) -> str:
        """The light of a status; a lagging one is yellow down to the red gap, red below it."""
        if status != "lagging" or text is None or self.measure is None:
            return LIGHT_OF.get(status, "grey")
        x, s, _ = self.measure.position(text)
        return self._lagging_light(month, x, s)

    def _lagging_light(self, month: int, x: int, s: int) -> str:
        schedule = self.schedule
        return "yellow" if x * schedule.scale[month] >= schedule.yellow[month] * s else "red"

    def stage_statuses(self, month: int) -> list[str]:
        """The status of each scheduled stage at the end of `month`."""
        return [calc.status(month, in_force(calc.made, month)) for _stage, calc in self.stage_calcs]

    def stage_results(self, project: int, owners: list[str], month: int) -> dict[str, StageResult]:
        """Each scheduled stage judged as an indicator of its own at the end of `month`."""
        found: dict[str, StageResult] = {}
        for stage, calc in self.stage_calcs:
            r = calc.result(project, owners, month)
            shortfall = None
            if r.status == "overdue" and calc.measure is not None:  # 应开工未开工: what the stage lacks
                done = in_force(calc.made, month)
                value = "0" if done is None else done.get("value") or "0"
                shortfall = quantity(format_decimal(Decimal(calc.ind["target"] or "0") - Decimal(value)))
            found[stage] = StageResult(
                r.target, r.deadline, r.value, r.percent, r.expected_percent, r.gap, r.status, r.light,
                r.lagging_months, shortfall,
            )  # fmt: skip
        return found

    def percent_shown(self, text: str) -> Number | None:
        """Percent of target rounded to 0.01 (None without a target)."""
        return None if self.measure is None else hundredths(self.measure.percent_cents(text))

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
        counted = self.ind["counts"]
        figures: dict[str, Number | None] = {}
        for name in stages:
            other = found if name == counted else in_force(made_by_month(self.entries, name, False), month)
            figures[name] = quantity(other.get("value") or "0") if other is not None else None
        return counted, as_of, figures

    def result(
        self, project: int, owners: list[str], month: int, status: str | None = None
    ) -> IndicatorResult:
        """The indicator's line in the report of `month`; `status`: the one status() gave, when the
        caller has it (a report chooses its lines by status)."""
        ind = self.ind
        made = self.made
        found = in_force(made, month)
        measure = self.measure
        text = None if found is None or self.milestone else found.get("value") or "0"
        value = percent = gap = change = pace = projected = None
        if text is None or measure is None:
            if status is None:
                status = self.status(month, found)
            light = LIGHT_OF.get(status, "grey")
            if text is not None:
                value = quantity(text)
        else:
            position = x, s, u = measure.position(text)
            if status is None:
                status = self.status(month, found, position)
            light = LIGHT_OF.get(status, "grey")
            value = quantity(text)
            # Shown figures are rounded to 0.01; gap and change are differences of shown
            # figures, so that a reader's own subtraction agrees. Status and light are exact.
            cents = rounded(10000 * x, s)
            percent = hundredths(cents)
            gap = hundredths(cents - self.schedule.expected_cents[month])
            if status == "lagging":
                light = self._lagging_light(month, x, s)
            before = in_force(made, month - 1)
            if before is not None:
                change = hundredths(cents - measure.percent_cents(before.get("value") or "0"))
            if status != "met":
                pace, projected = measure.pace(x, s, u, month, self.d)
        # This month lags or is overdue: count it and the months in a row before it.
        runs = self.runs(month, status, light) if status in NEEDS_ATTENTION else _NO_RUNS
        if self.milestone or ind["stages"]:
            stage, as_of, stages = self.stages_at(month, found)
        else:  # (stages_at's answer for a plain quantity, without the call)
            stage, as_of, stages = None, None if found is None else found["month"], None
        baseline = ind["baseline"]
        at_most = at_least = None
        if self.limit is not None:  # (a limit is in place of a target: only then to look up)
            low, high = self.limit
            at_most, at_least = _number(high), _number(low)
        return IndicatorResult(
            ind["id"], project, ind["name"], owners, ind["kind"], ind["unit"],
            None if measure is None else measure.target, None if baseline is None else quantity(baseline),
            value, stage, as_of, percent, self.schedule.expected_shown[month], gap,
            status, light, change, runs[0], self.deadline, pace, projected, stages, at_most, at_least,
            self.stage_results(project, owners, month) if self.stage_calcs else None, ind.get("changes", ()),
            owners[0] if owners else None,
            made[month] is not None or any(e["month"] == month for e in self.entries),
            label := None if found is None else found.get("label"),
            None if label is None else label_agrees(label, status), None, runs,
        )  # fmt: skip

    def at(self, month: int) -> IndicatorCalc:
        """The calculation of the definition in force at `month` (see ChangingCalc)."""
        return self


class ChangingCalc(IndicatorCalc):
    """An indicator with changes approved from a month on (报市政府同意后调整): each month is judged
    by the definition in force then (rules.definition_at), and the months lagging in a row run
    across them. The calculation of the definition in force now is this one."""

    __slots__ = ("by_month",)

    def __init__(
        self, year: int, ind: IndicatorRecord, entries: list[EntryRecord], calendar: Calendar
    ) -> None:
        super().__init__(year, ind, entries, calendar)
        starts = sorted({c["from_month"] for c in ind.get("changes", ()) if c["from_month"] is not None})
        by_month: list[IndicatorCalc] = [self] * 13
        begin = 0
        for start in starts:  # months begin..start-1 are judged as the month before `start` is
            if start > max(begin, 1):  # (from month 1 on, a change holds for every month)
                earlier = IndicatorCalc(year, definition_at(ind, start - 1), entries, calendar)
                by_month[begin:start] = [earlier] * (start - begin)
            begin = start
        self.by_month = by_month

    def at(self, month: int) -> IndicatorCalc:
        return self.by_month[month]

    def status(self, month: int, found: EntryRecord | None, position: Position | None = None) -> str:
        calc = self.by_month[month]
        if calc is self:
            return super().status(month, found, position)
        return calc.status(month, found)

    def runs(self, month: int, status: str, light: str) -> tuple[int, int, int]:
        # Each month as its own definition judges it: by status() and light(), which ask it.
        return self._runs(month, status, light) if status in NEEDS_ATTENTION else _NO_RUNS

    def light(self, month: int, status: str, text: str | None) -> str:
        calc = self.by_month[month]
        return super().light(month, status, text) if calc is self else calc.light(month, status, text)

    def result(
        self, project: int, owners: list[str], month: int, status: str | None = None
    ) -> IndicatorResult:
        calc = self.by_month[month]
        if calc is self:
            return super().result(project, owners, month, status)
        found = calc.result(project, owners, month, status)
        # The months before, each as its own definition judges it.
        found.runs = self.runs(month, found.status, found.light)
        found.lagging_months = found.runs[0]
        return found


def calc_for(
    year: int, ind: IndicatorRecord, entries: list[EntryRecord], calendar: Calendar
) -> IndicatorCalc:
    """The calculation of an indicator: one that follows changes approved from a month on, if it has
    any (corrections hold for every month, so they need none)."""
    if any(c["from_month"] is not None for c in ind.get("changes", ())):
        return ChangingCalc(year, ind, entries, calendar)
    return IndicatorCalc(year, ind, entries, calendar)
