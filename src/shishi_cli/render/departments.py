"""The departments' views: the plan's departments and their short names, what they have not
reported (missing), and the departments ranked (owners)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.i18n import _
from shishi_cli.text import cell_width, literal

from .contract import departments_json, missing_csv, missing_json, owners_csv, owners_json
from .output import Column, Grid, Out, json_bytes, markdown_table, print_grid
from .words import signed, status_words, summary_text

if TYPE_CHECKING:
    from shishi_cli.progress import DepartmentMissing, DepartmentStanding, Report
    from shishi_cli.records import PlanRecord


def render_departments(plan: PlanRecord, fmt: str, out: Out) -> None:
    rows = departments_json(plan)
    if fmt == "json":
        out.write(json_bytes(rows))
        return
    grid = Grid(
        _("Departments of the {year} plan").format(year=plan["year"]),
        [Column(_("Department")), Column(_("Short names")), Column(_("Declared"), whole=True)],
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
    grid = Grid(title, [Column(h, whole=i in (1, 3)) for i, h in enumerate(headers)])
    grid.rows.extend([[literal(c) for c in row] for row in rows])
    print_grid(out, grid)


def render_owners(
    report: Report, rows: list[DepartmentStanding], lead_only: bool, fmt: str, out: Out
) -> None:
    """The departments ranked, most behind first, with the rule they are ranked by."""
    if fmt == "json":
        out.write(json_bytes(owners_json(report, rows, lead_only)))
        return
    if fmt == "csv":
        out.write(owners_csv(rows))
        return
    if not rows:
        out.write(_("No indicator here has a department yet.") + "\n")
        return
    title = (
        _("Departments ranked by what they lead, month {month} ({date}), most behind first")
        if lead_only
        else _("Departments ranked, month {month} ({date}), most behind first")
    ).format(month=report.month, date=report.as_of)
    headers = [
        _("Rank"), _("Department"), _("Short names"), _("Led"), _("Supported"), _("Statuses"),
        _("Worst gap"), _("Mean gap"), _("Months lagging"), _("Not reported"), _("Step"),
    ]  # fmt: skip
    table = [
        [
            str(s.rank),
            s.department,
            "、".join(s.aliases),
            str(s.led),
            str(s.supported),
            summary_text(s.statuses, spaced=fmt != "markdown" and out.is_terminal),
            _("{gap} ({indicator})").format(gap=signed(s.worst_gap), indicator=s.worst_indicator)
            if s.worst_indicator is not None
            else "—",
            signed(s.mean_gap) or "—",
            "—" if s.worst_lagging_months is None else str(s.worst_lagging_months),
            str(s.missing),
            s.escalation or "",
        ]
        for s in rows
    ]
    rule = _(
        "Most behind first: overdue and breached indicators, then the highest escalation step, then "
        "lagging indicators, then the worst gap and the mean gap of the measured ones (points), then "
        "those without data, then those not reported; level departments share a rank."
    )
    if fmt == "markdown":
        out.write("## " + title + "\n\n" + markdown_table(headers, table) + "\n" + rule + "\n")
        return
    right = {0, 3, 4, 6, 7, 8, 9}
    widest = max((cell_width(item) for row in table for item in row[5].split()), default=1)
    grid = Grid(
        title,
        [
            Column(
                h,
                "right" if i in right else "left",
                optional=1 if i == 2 else 0,
                whole=i not in (1, 2, 5),
                min_width=widest if i == 5 else None,  # (each status whole: 正常推进 never 正常推 over 进)
            )
            for i, h in enumerate(headers)
        ],
    )
    grid.rows.extend([[literal(c) for c in row] for row in table])
    print_grid(out, grid)
    out.prose(rule + "\n")
