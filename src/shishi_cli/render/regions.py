"""The regions' views: the plan's regions, their short names and shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shishi_cli.i18n import _, ngettext
from shishi_cli.progress import STATUSES
from shishi_cli.text import csv_cell, literal, markdown_cell

from .contract import REGION_RESULT_FIELDS, region_json
from .output import Column, Grid, Out, csv_text, json_bytes, markdown_table, print_grid
from .words import amount, percent, signed, status_and_light, status_words

if TYPE_CHECKING:
    from shishi_cli.progress import IndicatorResult, Report
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
        [Column(_("Region")), Column(_("Short names")), Column(_("Shares of"), whole=True)],
    )
    for row in rows:
        grid.rows.append([literal(row["name"]), literal("、".join(row["aliases"])), ", ".join(row["shares"])])
    print_grid(out, grid)


# --- the regional league table (region-table) ---------------------------------------------------

STANDING_FIELDS = ("rank", "region", "indicators", "counts", "mean_gap", "worst_indicator", "worst_gap")
TABLE_FIELDS = ("year", "title", "month", "as_of", "indicator", "order", "regions")


def render_region_table(
    report: Report,
    chosen: IndicatorResult | None,
    fmt: str,
    out: Out,
    *,
    best_first: bool,
) -> None:
    """The regions ranked on one indicator (`chosen`), or over every indicator broken down."""
    from shishi_cli.progress import ranked_rows, standings

    order = _("best first") if best_first else _("most behind first")
    if chosen is not None:
        rows = ranked_rows(chosen.breakdown.regions if chosen.breakdown is not None else [], best_first)
        title = _("Regions on {indicator} {name} as of {date} (month {month}), {order}").format(
            indicator=chosen.id, name=literal(chosen.name), date=report.as_of, month=report.month, order=order
        )
        objects = [{"rank": n, **region_json(x)} for n, x in enumerate(rows, 1)]
        headers = ["#", _("Region"), _("Target"), _("Value"), "%", _("Exp."), _("Gap"), _("Status")]
        cells = [
            [str(n), x.region, amount(x.target, chosen.unit), amount(x.value), percent(x.percent),
             percent(x.expected_percent), signed(x.gap), status_and_light(x.status, x.light)]
            for n, x in enumerate(rows, 1)
        ]  # fmt: skip
    else:
        broken = [r for r in report.indicators if r.breakdown is not None]
        found = standings(broken, best_first)
        title = ngettext(
            "Regions over {count} indicator broken down, as of {date} (month {month}), {order}",
            "Regions over {count} indicators broken down, as of {date} (month {month}), {order}",
            len(broken),
        ).format(count=len(broken), date=report.as_of, month=report.month, order=order)
        objects = [
            dict(zip(STANDING_FIELDS, (n, s.region, s.indicators, s.counts, s.mean_gap, s.worst_indicator,
                                       s.worst_gap), strict=True))
            for n, s in enumerate(found, 1)
        ]  # fmt: skip
        words = status_words()
        shown = ("met", "ahead", "on_track", "lagging", "overdue", "no_data")
        headers = [
            "#",
            _("Region"),
            _("Indicators"),
            *(words[s] for s in shown),
            _("Mean gap"),
            _("Furthest behind"),
        ]
        cells = [
            [str(n), s.region, str(s.indicators), *(str(s.counts[k]) for k in shown), signed(s.mean_gap),
             _("{indicator} ({gap})").format(indicator=s.worst_indicator, gap=signed(s.worst_gap))
             if s.worst_indicator else "—"]
            for n, s in enumerate(found, 1)
        ]  # fmt: skip
    if fmt == "json":
        about = None
        if chosen is not None:
            about = {"id": chosen.id, "name": chosen.name, "unit": chosen.unit, "target": chosen.target,
                     "value": chosen.value, "percent": chosen.percent}  # fmt: skip
        body = dict(zip(TABLE_FIELDS, (
            report.year, report.title, report.month, report.as_of.isoformat(), about,
            "best_first" if best_first else "most_behind_first", objects,
        ), strict=True))  # fmt: skip
        out.write(json_bytes(body))
    elif fmt == "csv":
        if chosen is not None:
            header = ["rank", *REGION_RESULT_FIELDS]
            lines = [[csv_cell(o[k]) for k in header] for o in objects]
        else:
            header = ["rank", "region", "indicators", *STATUSES, "mean_gap", "worst_indicator", "worst_gap"]
            lines = [
                [csv_cell(o["rank"]), csv_cell(o["region"]), csv_cell(o["indicators"]),
                 *(csv_cell(o["counts"][k]) for k in STATUSES), csv_cell(o["mean_gap"]),
                 csv_cell(o["worst_indicator"]), csv_cell(o["worst_gap"])]
                for o in objects
            ]  # fmt: skip
        out.write(csv_text(header, lines))
    elif fmt == "markdown":
        out.write("## " + markdown_cell(title) + "\n\n" + markdown_table(headers, cells))
    else:
        grid = Grid(
            title, [Column(h, "left" if i == 1 else "right", whole=i != 1) for i, h in enumerate(headers)]
        )
        grid.rows.extend([[literal(c) for c in row] for row in cells])
        print_grid(out, grid)
