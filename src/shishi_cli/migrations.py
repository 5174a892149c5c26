"""Older store formats brought up to the current one, step by step (pure: data in, data out).

A store written by an older shishi is read as it is and migrated in memory; the next write
saves it in the current format (the version before is kept as a version, so it can be put
back). Each step takes the data of one version to the next and touches nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .records import SCHEMA_VERSION

Data = dict[str, Any]


def _v1_to_v2(data: Data) -> Data:
    """Version 2: a plan's settings name its count units beyond the built-in list and its rule
    mode (with bands for the bands mode); an indicator may hold a figure within a ceiling or above
    a floor instead of reaching a target, schedule the stages its target does not count, and
    keep the changes of its target, deadline, trajectory and limits."""
    plans = data.get("plans")
    if isinstance(plans, dict):
        for plan in plans.values():
            if not isinstance(plan, dict):
                continue
            settings = plan.get("settings")
            if isinstance(settings, dict):
                settings.setdefault("count_units", [])
                settings.setdefault("mode", "points")
                settings.setdefault("bands", [])
            for indicator in _indicators(plan):
                indicator.setdefault("at_most", None)
                indicator.setdefault("at_least", None)
                indicator.setdefault("stage_schedules", [])
                indicator.setdefault("changes", [])
    return data


def _indicators(plan: Data) -> list[Data]:
    """The indicators of a plan that may not be sound yet: what is not a record is left to the
    validation, which says what is wrong with it."""
    projects = plan.get("projects")
    if not isinstance(projects, list):
        return []
    found: list[Data] = []
    for project in projects:
        indicators = project.get("indicators") if isinstance(project, dict) else None
        if isinstance(indicators, list):
            found += [i for i in indicators if isinstance(i, dict)]
    return found


STEPS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2}


def migrate(data: Data) -> Data:
    """`data` in the current format; a version this shishi does not know is left as it is (the
    caller refuses a newer one, the schema an invalid one)."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        return data
    while version < SCHEMA_VERSION and version in STEPS:
        data = STEPS[version](data)
        version += 1
        data["schema_version"] = version
    return data
