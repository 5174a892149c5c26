"""Finding and changing plans, projects, indicators and progress entries (no I/O, no clock).

Every change checks its input first and raises before touching the store, so a failed
command changes nothing; each edit or removal is recorded in the plan's history. The
modules here split that by subject; this one is the API the rest of shishi uses.
"""

from __future__ import annotations

from .departments import (
    Departments,
    add_department,
    aliases,
    department_names,
    edit_department,
    remove_department,
    resolve,
    unknown,
)
from .entries import Added, add_progress, remove_progress
from .follow_ups import add_follow_up, answer_follow_up, open_follow_ups
from .history import FieldChange, change_text, record, schedule_text, shown, with_figures
from .indicators import (
    DONE_STAGE,
    IndicatorSpec,
    add_indicator,
    edit_indicator,
    new_indicator,
    remove_indicator,
)
from .lookup import (
    PlanIndex,
    answering,
    deadline_for,
    entries_of,
    find_indicator,
    find_project,
    indicator_owners,
    no_indicator,
    project_owners,
    select_plan,
)
from .projects import (
    add_project,
    edit_plan,
    edit_project,
    init_plan,
    remove_project,
    set_answer_days,
    set_count_units,
    set_escalation,
    set_thresholds,
)
from .regions import (
    add_region,
    declared_regions,
    edit_region,
    find_region,
    parse_shares,
    region_names,
    region_of,
    remove_region,
    resolve_region,
    set_share_tolerance,
    shares_warning,
    unknown_region,
)

__all__ = [
    "add_region",
    "declared_regions",
    "edit_region",
    "find_region",
    "parse_shares",
    "region_names",
    "region_of",
    "remove_region",
    "resolve_region",
    "set_share_tolerance",
    "shares_warning",
    "unknown_region",
    "add_department",
    "Departments",
    "aliases",
    "department_names",
    "edit_department",
    "remove_department",
    "resolve",
    "unknown",
    "answering",
    "DONE_STAGE",
    "Added",
    "FieldChange",
    "IndicatorSpec",
    "add_follow_up",
    "add_indicator",
    "add_progress",
    "add_project",
    "change_text",
    "deadline_for",
    "edit_indicator",
    "edit_plan",
    "edit_project",
    "entries_of",
    "find_indicator",
    "find_project",
    "indicator_owners",
    "no_indicator",
    "PlanIndex",
    "init_plan",
    "new_indicator",
    "open_follow_ups",
    "answer_follow_up",
    "project_owners",
    "record",
    "schedule_text",
    "remove_indicator",
    "remove_progress",
    "remove_project",
    "select_plan",
    "set_answer_days",
    "set_count_units",
    "set_escalation",
    "set_thresholds",
    "shown",
    "with_figures",
]
