"""The departments' views: the plan's departments and their short names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.i18n import _
from shishi_cli.text import literal

from .contract import departments_json, missing_csv, missing_json
from .output import Column, Grid, Out, json_bytes, markdown_table, print_grid
from .words import status_words

if TYPE_CHECKING:
    from shishi_cli.progress import DepartmentMissing, Report
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


def render_missing(report: Report, found: list[DepartmentMissing], fmt: str, out: Out) -> None:
    """The indicators without a figure of their own for the month, by lead unit."""
    if fmt == "json":
        out.write(json_bytes(missing_json(report, found)))
        return
    if fmt == "csv":
        out.write(missing_csv(found))
        return
    count = sum(len(d.indicators) for d in found)
    if not count:
        out.write(
            _("Every indicator has its figure for month {month} ({date}).").format(
                month=report.month, date=report.as_of
            )
            + "\n"
        )
        return
    title = _("Not reported for month {month} ({date}): {count} indicators").format(
        month=report.month, date=report.as_of, count=count
    )
    words = status_words()
    headers = [_("Department"), _("ID"), _("Indicator"), _("Status"), _("Latest figure")]
    rows = [
        [
            d.department or "—",
            i.id,
            i.name,
            words.get(i.status, i.status),
            _("month {month}, entered {date}").format(month=i.last_month, date=i.last_entered or "—")
            if i.last_month is not None
            else _("none yet"),
        ]
        for d in found
        for i in d.indicators
    ]
    if any(i.regions is not None for d in found for i in d.indicators):  # (a breakdown by region)
        headers.append(_("Regions not reported"))
        listed = [i.regions for d in found for i in d.indicators]
        rows = [[*row, "、".join(regions or ())] for row, regions in zip(rows, listed, strict=True)]
    if fmt == "markdown":
        out.write("## " + title + "\n\n" + markdown_table(headers, rows))
        return
    grid = Grid(title, [Column(h) for h in headers])
    grid.rows.extend([[literal(c) for c in row] for row in rows])
    print_grid(out, grid)
