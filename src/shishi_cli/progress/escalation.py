"""The escalation ladder: the highest step an indicator's runs of months reach (docs/rules.md,
"Escalation"), and the roll-up of steps into projects."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from shishi_cli.numbers import Ladder

# A run's place in IndicatorResult.runs.
_RUN = {"yellow": 0, "red": 1, "overdue": 2}


@functools.lru_cache(
    maxsize=4096
)  # (few ladders, and runs of at most 12 months: a report asks again and again)
def step_index(ladder: Ladder, runs: tuple[int, int, int]) -> int:
    """The index of the highest step any of whose conditions `runs` meets; -1: none."""
    if not runs[0]:  # not behind this month: no run, no step
        return -1
    for n in range(len(ladder) - 1, -1, -1):
        if any(runs[_RUN[run]] >= months for run, months in ladder[n][1]):
            return n
    return -1


def step_name(ladder: Ladder, runs: tuple[int, int, int]) -> str | None:
    n = step_index(ladder, runs)
    return None if n < 0 else ladder[n][0]


def highest(ladder: Ladder, steps: Iterable[str | None]) -> str | None:
    """The highest of `steps` on the ladder (a project's, a department's); None if none."""
    order = {name: n for n, (name, _when) in enumerate(ladder)}
    found = [s for s in steps if s is not None]
    return max(found, key=order.__getitem__) if found else None
