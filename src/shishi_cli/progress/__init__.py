"""The computations of docs/rules.md: value, percent, expected percent, gap, status, light, roll-up.

Pure functions of a plan, a month and thresholds; nothing here reads a file or the clock.
Every decision and every shown figure comes from one exact arithmetic: stored quantities
scaled to integers, compared by cross-multiplying, rounded to 0.01 by integer division.

    results    the status words, thresholds and result objects (the JSON contract)
    exact      integers from stored quantities; rounding half up
    timeline   month ends, deadlines, expected percent, the per-month lines of a report
    indicator  one indicator: entry in force, status, light, streak, result
    report     a month's report: indicators, project roll-up, counts, warnings
    detail     one indicator or project for `shishi show`
    missing    reporting status (催报): what has no figure of its own for the month
    owners     the departments' league table, most behind first
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.lazy import exports
from shishi_cli.rules import deadline_month

from .indicator import EntryIndex, Made, index_entries
from .report import (
    attention,
    build_report,
    disagreeing,
    escalated,
    latest_month,
    project_light,
    project_status,
    stage_behind,
    thresholds_of,
)
from .results import (
    NEEDS_ATTENTION,
    SEVERITY,
    STATUSES,
    IndicatorResult,
    Number,
    ProjectResult,
    RegionBreakdown,
    RegionResult,
    Report,
    ReportWarning,
    Selection,
    StageResult,
    Thresholds,
    quantity,
)
from .timeline import Trajectory, expected_fraction, expected_percent, month_end

if TYPE_CHECKING:
    from .detail import EntryRow, IndicatorDetail, MonthRow, ProjectDetail, TrendPoint, describe, trends
    from .missing import DepartmentMissing, MissingIndicator, chased, unreported_regions
    from .owners import DepartmentStanding, league
    from .regions import RegionStanding, ranked_rows, standings

# What only some commands need (show, missing, owners, the regions' table, the report page) is
# imported when first asked for: a cron job's `report` or `add-progress` does not wait for it.
# (`missing` itself is progress.missing.missing: a name the submodule's own would shadow.)
_LATER = {
    **dict.fromkeys(
        ("EntryRow", "IndicatorDetail", "MonthRow", "ProjectDetail", "TrendPoint", "describe", "trends"),
        "detail",
    ),
    **dict.fromkeys(("DepartmentMissing", "MissingIndicator", "chased", "unreported_regions"), "missing"),
    **dict.fromkeys(("DepartmentStanding", "league"), "owners"),
    **dict.fromkeys(("RegionStanding", "ranked_rows", "standings"), "regions"),
}


__getattr__ = exports(__name__, _LATER, globals())


__all__ = [
    "RegionStanding",
    "ranked_rows",
    "standings",
    "RegionBreakdown",
    "RegionResult",
    "DepartmentMissing",
    "MissingIndicator",
    "chased",
    "unreported_regions",
    "DepartmentStanding",
    "league",
    "NEEDS_ATTENTION",
    "SEVERITY",
    "STATUSES",
    "EntryIndex",
    "EntryRow",
    "IndicatorDetail",
    "IndicatorResult",
    "Made",
    "MonthRow",
    "Number",
    "ProjectDetail",
    "ProjectResult",
    "Report",
    "ReportWarning",
    "Selection",
    "StageResult",
    "Thresholds",
    "Trajectory",
    "TrendPoint",
    "attention",
    "build_report",
    "deadline_month",
    "describe",
    "disagreeing",
    "escalated",
    "expected_fraction",
    "expected_percent",
    "index_entries",
    "latest_month",
    "month_end",
    "project_light",
    "project_status",
    "quantity",
    "stage_behind",
    "thresholds_of",
    "trends",
]
