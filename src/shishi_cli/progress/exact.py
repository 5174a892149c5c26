"""Exact arithmetic on stored quantities: scaled once to integers, compared by cross-multiplying.

A stored quantity is a canonical decimal string of at most 15 significant digits and 15
decimal places (numbers.py), so "494.3" is exactly 4943 / 10. Percents, gaps, paces and
projections are fractions of such integers, rounded to 0.01 half up (ties away from zero, as
Decimal's ROUND_HALF_UP) by one integer division. Nothing here goes through a binary float
until a rounded figure is handed over as a JSON number.
"""

from __future__ import annotations

import functools

from .results import Number, quantity

POW10 = tuple(10**k for k in range(32))  # a stored quantity has at most 15 decimal places


def rounded(num: int, den: int) -> int:
    """num ÷ den (den > 0) to the nearest integer, a tie away from zero (2.5 -> 3, -2.5 -> -3)."""
    q, r = divmod(num, den)  # floor division: 0 <= r < den whatever the sign of num
    twice = r + r
    if twice > den or (twice == den and q >= 0):
        return q + 1
    return q


def hundredths(cents: int) -> Number:
    """A figure rounded to 0.01, given in hundredths, as the JSON number shown: 5154 -> 51.54,
    5000 -> 50 (a whole number is written as one). The float is the one nearest the decimal,
    as float("51.54") is."""
    shown = cents / 100  # int / int is correctly rounded
    return int(shown) if shown.is_integer() else shown


class Measure:
    """An indicator's target and baseline, scaled once: where a value stands between them.

    With u = 10^k, k the most decimal places among target, baseline and the value, the three
    are integers t, b, v at scale u, and the share of the way done is (v - b) / (t - b), kept
    as x / s with s > 0 (a target going down flips both signs): percent = 100 x / s, exactly.
    """

    __slots__ = ("target", "places", "unit", "base", "span", "sign")

    def __init__(self, target: str, baseline: str) -> None:
        self.target = quantity(target)  # as shown
        t_digits, t_places = scaled(target)
        b_digits, b_places = scaled(baseline)
        self.places = places = max(t_places, b_places)
        self.unit = POW10[places]
        t = t_digits * POW10[places - t_places]
        self.base = b = b_digits * POW10[places - b_places]
        self.sign = 1 if t > b else -1  # the store keeps target != baseline
        self.span = abs(t - b)

    def position(self, text: str) -> tuple[int, int, int]:
        """(x, s, u): the value `text` is x / s of the way from baseline to target, s > 0, all
        three at the scale u (written out: this runs for every entry a report looks at)."""
        if "." not in text:
            return (int(text) * self.unit - self.base) * self.sign, self.span, self.unit
        whole, _, fraction = text.partition(".")
        digits, places = int(whole + fraction), len(fraction)
        if places <= self.places:
            return (digits * POW10[self.places - places] - self.base) * self.sign, self.span, self.unit
        shift = POW10[places - self.places]  # a value finer than target and baseline
        return (digits - self.base * shift) * self.sign, self.span * shift, POW10[places]

    def percent_cents(self, text: str) -> int:
        """Percent of target in hundredths, rounded half up: 51.542857… % -> 5154."""
        x, s, _ = self.position(text)
        return rounded(10000 * x, s)

    def pace(self, x: int, s: int, u: int, month: int, d: int) -> tuple[Number | None, Number | None]:
        """(required monthly pace to the deadline, projected value at the deadline at the pace so
        far), each rounded to 0.01; the pace only before the deadline month D, the projection
        up to it. (x, s, u) is the value's position."""
        required = None
        if month < d:  # (target - value) / (D - M), and target - value = sign (s - x) / u
            required = hundredths(rounded(100 * self.sign * (s - x), u * (d - month)))
        if month > d:
            return required, None
        # baseline + (value - baseline) D / M, with value - baseline = sign x / u
        base = self.base * (u // self.unit)
        return required, hundredths(rounded(100 * (base * month + self.sign * x * d), u * month))


@functools.lru_cache(maxsize=8192)
def measure_of(target: str, baseline: str) -> Measure:
    """The Measure of a target and baseline (a plan's targets repeat: 100, 30, 1万 ...)."""
    return Measure(target, baseline)


def scaled(text: str) -> tuple[int, int]:
    """A stored quantity as (digits, places), its value digits / 10^places: "494.3" -> (4943, 1)."""
    whole, dot, fraction = text.partition(".")
    if not dot:
        return int(text), 0
    return int(whole + fraction), len(fraction)
