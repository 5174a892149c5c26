"""Time: month ends, deadlines, the expected percent (时序进度) and the lines a percent is held against.

Expected percents and thresholds are exact fractions of integers, made once per (deadline
month, trajectory) and report: the per-entry work of a report is then a few integer products.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date
from decimal import Context, Decimal
from itertools import pairwise
from math import lcm
from typing import NamedTuple

from shishi_cli.plans import deadline_for
from shishi_cli.rules import deadline_month

from .exact import hundredths, rounded
from .results import Number, Thresholds

# expected_percent's answer: a quotient is shown to 0.01, 50 digits are plenty for callers.
_QUOTIENT = Context(prec=50)

Trajectory = tuple[tuple[int, Decimal], ...]


@functools.lru_cache(maxsize=64)
def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=512)
def deadline_months(text: str | None, year: int) -> tuple[date, int]:
    """(deadline, D its month counted from the plan year).

    From the report of month D on, the deadline falls on or before the report's date (the end
    of the month): everything is due, and an indicator not met is overdue. A deadline of 31
    October or of 15 October is due in October's report; at month 12 every deadline of the
    plan year is.
    """
    deadline = deadline_for(text, year)
    return deadline, deadline_month(year, deadline)


def expected_ratio(month: int, d: int, trajectory: Trajectory = ()) -> tuple[int, int]:
    """Expected percent (时序进度) at the end of `month` as integers (num, den), den > 0.

    Without a trajectory: min(100, 100 × M ÷ D). With one: linear between its points, from 0 at
    month 0, and after the last point before D on to 100 at D (unless it is 100 or more already,
    when it stays there). From the deadline on, everything is due: 100, or more where the
    trajectory plans a stretch at D (6:60,12:120 expects 120 % at a December deadline). A point
    at D short of 100, or after D, cannot say otherwise; `check` warns about them.
    """
    if not trajectory:
        return (100, 1) if month >= d else (100 * month, d)
    # The percents over one common denominator: 33.33 and 12.5 are 3333/100 and 1250/100.
    ratios = [(m, *percent.as_integer_ratio()) for m, percent in trajectory]
    den = lcm(*(r for _, _, r in ratios))
    hundred = 100 * den
    points = [(0, 0), *((m, n * (den // r)) for m, n, r in ratios if m < d)]
    stretch = [n * (den // r) for m, n, r in ratios if m == d and n * (den // r) > hundred]
    if stretch:
        points.append((d, stretch[0]))
    elif points[-1][1] < hundred:
        points.append((d, hundred))
    last, level = points[-1]  # at D at the latest, and 100 or more
    if month >= last:
        return level, den
    for (m0, p0), (m1, p1) in pairwise(points):
        if m0 <= month <= m1:
            return p0 * (m1 - m0) + (p1 - p0) * (month - m0), (m1 - m0) * den
    raise AssertionError("unreachable: the points cover months 0 to the last")  # pragma: no cover


def expected_fraction(month: int, d: int, trajectory: Trajectory = ()) -> tuple[Decimal, Decimal]:
    """Expected percent at the end of `month` as an exact fraction (num, den > 0) of Decimals."""
    num, den = expected_ratio(month, d, trajectory)
    return Decimal(num), Decimal(den)


def expected_percent(month: int, d: int, trajectory: Trajectory = ()) -> Decimal:
    """Expected percent, exact to 50 digits (for tests and callers that want the number)."""
    num, den = expected_ratio(month, d, trajectory)
    return _QUOTIENT.divide(Decimal(num), Decimal(den))


class Schedule(NamedTuple):
    """One (deadline month, trajectory) under one report's thresholds, month by month (0..12).

    A percent 100 x / s stands at or above a line n / L exactly when x × 100 L >= n × s, so each
    month keeps `scale` = 100 L and the numerators of its lines over that one L."""

    expected_shown: tuple[Number, ...]  # the expected percent rounded to 0.01
    expected_cents: tuple[int, ...]  # the same in hundredths, for gaps
    scale: tuple[int, ...]
    ahead: tuple[int, ...]  # expected + ahead margin
    on_track: tuple[int, ...]  # expected - tolerance
    yellow: tuple[int, ...]  # expected - red gap: lagging at or above it is yellow, below red


# A line no percent reaches: a stored figure is below 10^15 and a span at least 10^-15, so a
# percent stays below 10^33. An ahead band left out is this line; a yellow band left out, its
# negative, which every percent reaches.
NEVER = 10**40

# (common denominator L, ahead, on track, yellow): a month's three lines, as numerators over L.
Lines = tuple[int, int, int, int]


@functools.lru_cache(maxsize=1024)
def schedule(d: int, trajectory: Trajectory, thresholds: Thresholds) -> Schedule:
    lines_of = _LINES[thresholds.mode]
    shown: list[Number] = []
    cents: list[int] = []
    scale: list[int] = []
    ahead: list[int] = []
    on_track: list[int] = []
    yellow: list[int] = []
    for month in range(13):
        num, den = expected_ratio(month, d, trajectory)
        cents.append(rounded(100 * num, den))
        shown.append(hundredths(cents[-1]))
        common, above, within, red_line = lines_of(month, num, den, thresholds)
        scale.append(100 * common)
        ahead.append(above)
        on_track.append(within)
        yellow.append(red_line)
    return Schedule(tuple(shown), tuple(cents), tuple(scale), tuple(ahead), tuple(on_track), tuple(yellow))


def _points_lines(month: int, num: int, den: int, th: Thresholds) -> Lines:
    """Expected + A, expected - T, expected - R, in percentage points."""
    ahead_n, ahead_d = th.ahead_margin.as_integer_ratio()
    tolerance_n, tolerance_d = th.tolerance.as_integer_ratio()
    red_n, red_d = th.red_gap.as_integer_ratio()
    common = lcm(den, ahead_d, tolerance_d, red_d)
    expected = num * (common // den)
    return (
        common,
        expected + ahead_n * (common // ahead_d),
        expected - tolerance_n * (common // tolerance_d),
        expected - red_n * (common // red_d),
    )


def _relative_lines(month: int, num: int, den: int, th: Thresholds) -> Lines:
    """Expected × (1 + A/100), × (1 - T/100), × (1 - R/100): the thresholds in percent of the
    expected percent (三亚: "低于序时进度50%以内" yellow is R = 50)."""
    factors = [
        (100 * f_d + sign * f_n, 100 * f_d)  # 1 ± f as a fraction
        for sign, (f_n, f_d) in (
            (1, th.ahead_margin.as_integer_ratio()),
            (-1, th.tolerance.as_integer_ratio()),
            (-1, th.red_gap.as_integer_ratio()),
        )
    ]
    common = lcm(*(den * f_den for _, f_den in factors))
    above, within, red_line = (num * f_num * (common // (den * f_den)) for f_num, f_den in factors)
    return common, above, within, red_line


def _bands_lines(month: int, num: int, den: int, th: Thresholds) -> Lines:
    """The band set in force at `month`: absolute percents of target, whatever is expected."""
    _from, ahead, on_track, yellow = next(b for b in reversed(th.bands) if b[0] <= max(month, 1))
    ratios = [None if v is None else v.as_integer_ratio() for v in (ahead, on_track, yellow)]
    common = lcm(*(r[1] for r in ratios if r is not None))
    above, within, red_line = (None if r is None else r[0] * (common // r[1]) for r in ratios)
    assert within is not None
    return (
        common,
        NEVER * common if above is None else above,
        within,
        -NEVER * common if red_line is None else red_line,
    )


_LINES = {"points": _points_lines, "relative": _relative_lines, "bands": _bands_lines}


class Calendar:
    """One report's thresholds, and the schedule of each (deadline month, trajectory) it meets."""

    __slots__ = ("thresholds", "_known", "red_cap")

    def __init__(self, thresholds: Thresholds, red_cap: int = 12) -> None:
        self.thresholds = thresholds
        self._known: dict[tuple[int, Trajectory], Schedule] = {}
        # The most red months in a row the escalation ladder asks about: a run counted that far
        # reaches every step it can, and the lights of months before need not be worked out.
        self.red_cap = red_cap

    def schedule(self, d: int, trajectory: Trajectory) -> Schedule:
        # A dict of small keys first: hashing the thresholds' Decimals for every indicator is not free.
        key = (d, trajectory)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = schedule(d, trajectory, self.thresholds)
        return found
