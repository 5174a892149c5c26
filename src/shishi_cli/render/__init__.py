"""The render layer: one module per view, each receiving computed results and an `Out`.

output.py lays out text and knows no domain; words.py says domain values for people;
contract.py holds the JSON and CSV fields scripts rely on; report, show, plan, bulletin and
messages are the views. Nothing here reads a file or computes a status.

Each view is imported when first asked for: a cron job's `report --format json` does not wait
for the bulletin, `show` or the plan's views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.lazy import exports

if TYPE_CHECKING:
    from .contract import report_json, report_table
    from .messages import describe_added, describe_changes
    from .output import Out, json_bytes, make_console
    from .plan import (
        render_check,
        render_count_units,
        render_follow_ups,
        render_history,
        render_list,
        render_plans,
    )
    from .report import render_escalations, render_lagging, render_report
    from .show import render_show

# (The bulletin is render.bulletin.bulletin: a name the submodule's own would shadow once imported.)
_WHERE = {
    **dict.fromkeys(("report_json", "report_table"), "contract"),
    **dict.fromkeys(("describe_added", "describe_changes"), "messages"),
    **dict.fromkeys(("Out", "json_bytes", "make_console"), "output"),
    **dict.fromkeys(
        (
            "render_check",
            "render_count_units",
            "render_follow_ups",
            "render_history",
            "render_list",
            "render_plans",
        ),
        "plan",
    ),
    **dict.fromkeys(("render_escalations", "render_lagging", "render_report"), "report"),
    "render_show": "show",
}


__getattr__ = exports(__name__, _WHERE, globals())


__all__ = [
    "Out",
    "describe_added",
    "describe_changes",
    "json_bytes",
    "make_console",
    "render_check",
    "render_count_units",
    "render_escalations",
    "render_follow_ups",
    "render_history",
    "render_lagging",
    "render_list",
    "render_plans",
    "render_report",
    "render_show",
    "report_json",
    "report_table",
]
