"""The render layer: one module per view, each receiving computed results and an `Out`.

output.py lays out text and knows no domain; words.py says domain values for people;
contract.py holds the JSON and CSV fields scripts rely on; report, show, plan, bulletin and
messages are the views. Nothing here reads a file or computes a status.
"""

from .bulletin import bulletin
from .contract import report_json, report_table
from .messages import describe_added, describe_changes
from .output import Out, json_bytes, make_console
from .plan import render_check, render_count_units, render_follow_ups, render_history, render_list
from .report import render_escalations, render_lagging, render_report
from .show import render_show

__all__ = [
    "Out",
    "bulletin",
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
    "render_report",
    "render_show",
    "report_json",
    "report_table",
]
