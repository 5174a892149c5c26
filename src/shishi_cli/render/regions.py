"""The regions' views: the plan's regions, their short names and shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shishi_cli.i18n import _
from shishi_cli.text import literal

from .output import Column, Grid, Out, json_bytes, print_grid

if TYPE_CHECKING:
    from shishi_cli.records import PlanRecord

REGION_FIELDS = ("name", "aliases", "shares")


def regions_json(plan: PlanRecord) -> list[dict[str, Any]]:
    """Each declared region: its name, short names and the ids of the indicators giving it a share."""
    shares: dict[str, list[str]] = {}
    for project in plan["projects"]:
        for indicator in project["indicators"]:
            for share in indicator.get("regions", ()):
                shares.setdefault(share["region"], []).append(indicator["id"])
    return [
        {"name": r["name"], "aliases": r["aliases"], "shares": shares.get(r["name"], [])}
        for r in plan.get("regions", [])
    ]


def render_regions(plan: PlanRecord, fmt: str, out: Out) -> None:
    rows = regions_json(plan)
    if fmt == "json":
        out.write(json_bytes(rows))
        return
    if not rows:
        out.write(_("The {year} plan declares no region yet.").format(year=plan["year"]) + "\n")
        return
    grid = Grid(
        _("Regions of the {year} plan").format(year=plan["year"]),
        [Column(_("Region")), Column(_("Short names")), Column(_("Shares of"))],
    )
    for row in rows:
        grid.rows.append([literal(row["name"]), literal("、".join(row["aliases"])), ", ".join(row["shares"])])
    print_grid(out, grid)
