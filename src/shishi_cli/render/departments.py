"""The departments' views: the plan's departments and their short names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.i18n import _
from shishi_cli.text import literal

from .contract import departments_json
from .output import Column, Grid, Out, json_bytes, print_grid

if TYPE_CHECKING:
    from shishi_cli.records import PlanRecord


def render_departments(plan: PlanRecord, fmt: str, out: Out) -> None:
    rows = departments_json(plan)
    if fmt == "json":
        out.write(json_bytes(rows))
        return
    grid = Grid(
        _("Departments of the {year} plan").format(year=plan["year"]),
        [Column(_("Department")), Column(_("Short names")), Column(_("Declared"))],
    )
    for row in rows:
        declared = _("yes") if row["declared"] else _("no")
        grid.rows.append([literal(row["name"]), literal("、".join(row["aliases"])), declared])
    print_grid(out, grid)
