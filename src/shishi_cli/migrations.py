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


def _settings(data: Data) -> list[dict[str, Any]]:
    """Each plan's settings that are an object (what is not is left to the schema to refuse)."""
    plans = data.get("plans")
    if not isinstance(plans, dict):
        return []
    found = [plan.get("settings") for plan in plans.values() if isinstance(plan, dict)]
    return [settings for settings in found if isinstance(settings, dict)]


def _v1_to_v2(data: Data) -> Data:
    """Version 2 (shishi 0.1, December 2026): a plan's settings name its count units beyond the
    built-in list."""
    for settings in _settings(data):
        settings.setdefault("count_units", [])
    return data


def _v2_to_v3(data: Data) -> Data:
    """Version 3: a plan's settings hold its rule mode (with bands for the bands mode). A plan may
    declare its departments, an escalation ladder and answer days of its own, and follow-ups; an
    indicator may hold a ceiling or a floor, stage schedules and the changes of its measures, and
    an entry a label; left out, they are at their default (none), so a version 2 plan is a
    version 3 one as it is, but for its settings."""
    for settings in _settings(data):
        settings.setdefault("mode", "points")
        settings.setdefault("bands", [])
    return data


def _v3_to_v4(data: Data) -> Data:
    """Version 4: each plan is written to a file of its own beside the store, which names the
    files (store.py); what a plan holds is as in version 3."""
    return data


STEPS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


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
