"""Commands about the regions (区市, 市州): declaring them with their short names, listing them."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import plans
from ..errors import UsageError
from ..i18n import _
from .app import (
    Format,
    OptionalMonth,
    RegionFilter,
    ReportFormat,
    Year,
    changes_text,
    command_group,
    edit,
    now,
    out,
    points,
    read,
    say,
)

group = command_group()

Region = Annotated[
    str, typer.Argument(metavar="REGION", help="The region's full name, or one of its short names.")
]
Aliases = Annotated[
    list[str] | None,
    typer.Option("--alias", metavar="SHORT", help="A short name people use for it (repeatable)."),
]


@group.command()
def regions(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
    year: Year = None,
) -> None:
    """List the plan's regions with their short names and the indicators that give each a share.

    \b
    Example:
      shishi regions --format json
    """
    from ..render.regions import render_regions

    render_regions(plans.select_plan(read(ctx), year), fmt.value, out(ctx))


@group.command("add-region")
def add_region(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The region's full name.")],
    alias: Aliases = None,
    year: Year = None,
) -> None:
    """Declare a region (区市, 市州) with the short names people use for it.

    An indicator's target can then be broken down among the regions (edit-indicator
    --region-target), and each region's figures entered (add-progress --region).

    \b
    Example:
      shishi add-region 湘西土家族苗族自治州 --alias 湘西州
    """
    with edit(ctx) as data:
        made = plans.add_region(plans.select_plan(data, year), name, alias or [], now())
    say(ctx, _("Declared the region {name}").format(name=made["name"]))


@group.command("edit-region")
def edit_region(
    ctx: typer.Context,
    name: Region,
    new_name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="A new full name, also in every share and figure."),
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option(
            "--alias", metavar="SHORT", help="The short names, replacing the old ones (repeatable)."
        ),
    ] = None,
    no_aliases: Annotated[bool, typer.Option("--no-aliases", help="Remove every short name.")] = False,
    year: Year = None,
) -> None:
    """Rename a region or replace its short names.

    \b
    Example:
      shishi edit-region 湘西州 --alias 湘西州 --alias 湘西
    """
    if no_aliases and alias:
        raise UsageError(
            _("both --alias and --no-aliases were given; choose one"),
            hint=_("--alias replaces the short names, --no-aliases removes them all"),
        )
    with edit(ctx) as data:
        changes = plans.edit_region(
            plans.select_plan(data, year), name, now(), new_name, [] if no_aliases else alias
        )
    if changes:
        say(ctx, _("Changed the region {name}: {changes}").format(name=name, changes=changes_text(changes)))
    else:
        say(ctx, _("The region {name} is unchanged: it has those values already").format(name=name))


@group.command("remove-region")
def remove_region(ctx: typer.Context, name: Region, year: Year = None) -> None:
    """Remove a region no indicator gives a share.

    \b
    Example:
      shishi remove-region 长沙市
    """
    with edit(ctx) as data:
        plans.remove_region(plans.select_plan(data, year), name, now())
    say(ctx, _("Removed the region {name}").format(name=name))


@group.command("share-tolerance")
def share_tolerance(
    ctx: typer.Context,
    percent: Annotated[
        str,
        typer.Argument(
            metavar="PERCENT",
            help="How far region shares may add up away from their target, in percent of it (0: exactly).",
        ),
    ],
    year: Year = None,
) -> None:
    """Set how far an indicator's region shares may add up away from its target before check and
    the report warn, in percent of the target (default 0: they must add up exactly).

    \b
    Example:
      shishi share-tolerance 0.01
    """
    tolerance = points(percent, "PERCENT")
    assert tolerance is not None
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        changes = plans.set_share_tolerance(plan, now(), tolerance)
    if changes:
        say(
            ctx,
            _("Changed the {year} plan: {changes}").format(year=plan["year"], changes=changes_text(changes)),
        )
    else:
        say(ctx, _("The share tolerance is {percent} percent already").format(percent=percent))


@group.command("region-table")
def region_table(
    ctx: typer.Context,
    month: OptionalMonth = None,
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            metavar="ID",
            help="Rank the regions on this indicator: each one's share, figure, percent, gap and status.",
        ),
    ] = None,
    best_first: Annotated[
        bool, typer.Option("--best-first", help="The regions furthest ahead first.")
    ] = False,
    region: RegionFilter = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = ReportFormat.table,
    year: Year = None,
) -> None:
    """The regional league table: the regions ranked, most behind first (like lagging).

    With --indicator, one row per region on that indicator: its share, figure, percent, expected
    percent, gap and status. Without, one row per region over every indicator broken down by
    region: how many it has of each status, its mean gap and the indicator it is furthest behind
    on. A region without a figure yet counts as most behind.

    \b
    Examples:
      shishi region-table --month 8 --indicator 1.1
      shishi region-table --month 8 --best-first --format markdown
    """
    from ..query import ReportQuery, broken_down
    from ..query import report as build_report
    from ..render.regions import render_region_table

    data = read(ctx)
    chosen = broken_down(plans.select_plan(data, year), indicator)
    result = build_report(data, ReportQuery(year=year, month=month, region=region))
    row = next((r for r in result.indicators if r.id == chosen), None) if chosen else None
    render_region_table(result, row, fmt.value, out(ctx), best_first=best_first)
