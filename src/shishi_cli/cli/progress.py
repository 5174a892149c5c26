"""Commands that record progress and thresholds."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import plans
from ..i18n import _
from .app import (
    BandsOption,
    ModeOption,
    Month,
    Year,
    bands,
    changes_text,
    command_group,
    edit,
    mode_of,
    now,
    out,
    points,
    read,
    say,
)

group = command_group()

# --- progress ----------------------------------------------------------------------------------


@group.command("add-progress")
def add_progress(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator's id, e.g. 1.1.")],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE", help="Cumulative figure as of the month's end (18.04万), or a milestone's stage."
        ),
    ],
    month: Month,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            help="Which stage the figure is for. Default: the counted one.",
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Where the figure comes from.")
    ] = None,
    delta: Annotated[
        bool,
        typer.Option("--delta", help="VALUE is this month's increase, added to the figure so far."),
    ] = False,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help="The figure is of this region of the indicator's breakdown (full or short name).",
        ),
    ] = None,
    year: Year = None,
) -> None:
    """Record an indicator's cumulative progress as of the end of a month.

    A second figure for the same month and stage corrects the first (both are kept).

    \b
    Examples:
      shishi add-progress 1.1 18.04万 --month 6 --note "全市城镇新增就业18.04万人"
      shishi add-progress 3.1 42 --stage 开工 --month 6
      shishi add-progress 8.1 全面施工 --month 6
      shishi add-progress 1.1 143 --month 8 --region 长沙市
    """
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        added = plans.add_progress(
            plan, indicator_id, value, month, now(), stage=stage, note=note, delta=delta, region=region
        )
    from ..render.messages import describe_added  # not the whole render package: a script runs this

    say(ctx, describe_added(added))


@group.command("remove-progress")
def remove_progress(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator's id.")],
    month: Month,
    stage: Annotated[
        str | None, typer.Option("--stage", metavar="STAGE", help="Only this stage's entries.")
    ] = None,
    year: Year = None,
) -> None:
    """Remove an indicator's entries of a month (all its corrections too).

    To fix a wrong figure, add the right one for the same month instead: it corrects the old one.

    \b
    Example:
      shishi remove-progress 1.1 --month 6
    """
    with edit(ctx) as data:
        removed = plans.remove_progress(plans.select_plan(data, year), indicator_id, month, now(), stage)
    say(
        ctx,
        _("Removed {count} month-{month} entries of {indicator}").format(
            count=len(removed), month=month, indicator=indicator_id
        ),
    )


@group.command("set-thresholds")
def set_thresholds(
    ctx: typer.Context,
    mode: ModeOption = None,
    tolerance: Annotated[
        str | None,
        typer.Option(
            "--tolerance",
            metavar="POINTS",
            help="Points below expected still on track (default 10); negative: on track only that far "
            "above it. In the relative mode, percent of the expected percent.",
        ),
    ] = None,
    ahead_margin: Annotated[
        str | None,
        typer.Option(
            "--ahead-margin",
            metavar="POINTS",
            help="Points above expected to count as ahead (default 5).",
        ),
    ] = None,
    red_gap: Annotated[
        str | None,
        typer.Option(
            "--red-gap",
            metavar="POINTS",
            help="Points behind beyond which lagging is red (default 30).",
        ),
    ] = None,
    band_sets: BandsOption = None,
    year: Year = None,
) -> None:
    """Set how the plan judges progress: the rule mode, its thresholds and bands.

    points (the default): the gap to 时序进度 in percentage points. relative: the shortfall in
    percent of the expected percent (Sanya: within 50 % of 时序进度 is yellow). bands: absolute
    percents of target, for the year or from a month on (Changsha at month 7: 80 % and more is
    ahead, 60 % and more on track). docs/rules.md has each with its city's figures.

    \b
    Examples:
      shishi set-thresholds --tolerance 10 --ahead-margin 5 --red-gap 30
      shishi set-thresholds --tolerance 0 --red-gap 30
      shishi set-thresholds --mode relative --tolerance 0 --red-gap 50
      shishi set-thresholds --bands "1:ahead>=20,on_track>=10;7:ahead>=80,on_track>=60"
    """
    given = bands(band_sets)
    values = (
        points(tolerance, "--tolerance"),
        points(ahead_margin, "--ahead-margin"),
        points(red_gap, "--red-gap"),
    )
    with edit(ctx) as data:
        changes = plans.set_thresholds(
            plans.select_plan(data, year), now(), *values, mode=mode_of(mode, given), bands=given
        )
    if changes:
        say(ctx, _("Thresholds: {changes}").format(changes=changes_text(changes)))
    else:
        say(ctx, _("Thresholds unchanged: the plan has those values already"))


@group.command("count-units")
def count_units(
    ctx: typer.Context,
    add: Annotated[
        list[str] | None,
        typer.Option("--add", metavar="UNIT", help="A unit of whole things the plan uses (repeatable)."),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", metavar="UNIT", help="A unit the plan added, taken away (repeatable)."),
    ] = None,
    year: Year = None,
) -> None:
    """Show or change the units that count whole things: 16.5 of one is taken with a warning.

    Built in: 个, 台, 处, 所, 条, 人, 户, 家, 辆, 座, 套, 项, 件, 名 and more (with 万 or 亿 in
    front too: 万人, 万户). A plan adds the ones it uses.

    \b
    Examples:
      shishi count-units
      shishi count-units --add 标段 --add 辆次
    """
    if not add and not remove:
        from ..render import render_count_units

        render_count_units(plans.select_plan(read(ctx), year), out(ctx))
        return
    with edit(ctx) as data:
        changes = plans.set_count_units(plans.select_plan(data, year), now(), add or [], remove or [])
    if changes:
        (change,) = changes
        shown = [_("none") if v == "none" else v for v in (change.old, change.new)]
        say(ctx, _("Count units: {old} -> {new}").format(old=shown[0], new=shown[1]))
    else:
        say(ctx, _("Count units unchanged: the plan has those already"))
