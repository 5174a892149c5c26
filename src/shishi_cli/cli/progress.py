"""Commands that record progress and thresholds."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .. import plans
from ..errors import UsageError
from ..i18n import _
from .app import (
    BandsOption,
    ModeOption,
    Month,
    ReportFormat,
    Year,
    bands,
    changes_text,
    command_group,
    edit,
    mode_of,
    month_type,
    now,
    out,
    parse_ladder,
    points,
    read,
    say,
    tell,
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
    label: Annotated[
        str | None,
        typer.Option(
            "--label",
            metavar="TEXT",
            help="What the department or the bulletin calls it (进展顺利, 已完成): the report sets it "
            "beside the computed status.",
        ),
    ] = None,
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
      shishi add-progress 3.1 10 --month 6 --label 进展迅速
      shishi add-progress 1.1 143 --month 8 --region 长沙市
    """
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        added = plans.add_progress(
            plan,
            indicator_id,
            value,
            month,
            now(),
            stage=stage,
            note=note,
            delta=delta,
            label=label,
            region=region,
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
    region: Annotated[
        str | None,
        typer.Option("--region", metavar="REGION", help="Only this region's entries (full or short name)."),
    ] = None,
    year: Year = None,
) -> None:
    """Remove an indicator's entries of a month (all its corrections too).

    To fix a wrong figure, add the right one for the same month instead: it corrects the old one.

    \b
    Examples:
      shishi remove-progress 1.1 --month 6
      shishi remove-progress 1.1 --month 8 --region 长沙市
    """
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        named = None
        if region is not None:
            named = plans.resolve_region(plan, region)
            if named is None:
                raise plans.unknown_region(plan, region, "--region")
        removed = plans.remove_progress(plan, indicator_id, month, now(), stage, named)
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


@group.command("set-escalation")
def set_escalation(
    ctx: typer.Context,
    ladder: Annotated[
        str | None,
        typer.Argument(
            metavar="LADDER",
            help="Steps, lowest first: NAME:RUN>=MONTHS, conditions joined by | (any one reaches the step), "
            "steps by commas. RUN is yellow (lagging, yellow or red), red or overdue.",
        ),
    ] = None,
    default: Annotated[bool, typer.Option("--default", help="Go back to the default ladder.")] = False,
    answer_days: Annotated[
        int | None,
        typer.Option(
            "--answer-days",
            min=1,
            max=366,
            metavar="DAYS",
            help="Days a follow-up may wait for its answer before the report warns (default 15).",
        ),
    ] = None,
    year: Year = None,
) -> None:
    """Show or set the plan's escalation ladder: how many months in a row behind reach each step.

    An indicator's step in a month's report (its `escalation`) is the highest whose condition its
    months in a row up to that month meet; `escalations` lists them. The default ladder is
    提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1 (docs/rules.md, "Escalation").

    \b
    Examples:
      shishi set-escalation
      shishi set-escalation "提醒:yellow>=1, 督办:yellow>=2|red>=1, 约谈:red>=2|overdue>=1"
      shishi set-escalation --default
      shishi set-escalation --answer-days 10
    """
    from ..rules import ladder_of, ladder_text

    if answer_days is not None:
        if ladder is not None or default:
            raise UsageError(_("give --answer-days on its own"))
        with edit(ctx) as data:
            days = plans.set_answer_days(plans.select_plan(data, year), now(), answer_days)
        say(ctx, _("Answer days: {old} -> {new}").format(old=days.old, new=days.new))
        return
    if ladder is None and not default:
        settings = plans.select_plan(read(ctx), year)["settings"]
        say(
            ctx,
            _("Escalation ladder: {ladder}").format(
                ladder=ladder_text(ladder_of(settings.get("escalation")))
            ),
        )
        return
    if ladder is not None and default:
        raise UsageError(_("give a LADDER or --default, not both"))
    steps = None if ladder is None else parse_ladder(ladder)
    with edit(ctx) as data:
        change = plans.set_escalation(plans.select_plan(data, year), now(), steps)
    say(ctx, _("Escalation ladder: {old} -> {new}").format(old=change.old, new=change.new))
    from ..rules import hidden_steps

    for step, higher in hidden_steps(steps or ()):
        tell(
            ctx,
            _(
                "step {step} is never the highest one reached: {higher}, above it, is reached whenever "
                "it is; give the steps from the soonest reached to the latest"
            ).format(step=step, higher=higher),
        )


class FollowUpWhat(str, Enum):
    add = "add"
    answer = "answer"
    list = "list"


@group.command("follow-up")
def follow_up(
    ctx: typer.Context,
    what: Annotated[
        FollowUpWhat, typer.Argument(metavar="add|answer|list", help="What to do.", show_default=False)
    ],
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID|NUMBER]", help="add: the indicator's id; answer: the follow-up's number."
        ),
    ] = None,
    month: Annotated[
        int | None,
        typer.Option(
            "--month", "-m", click_type=month_type(), metavar="M", help="add: the report month it follows up."
        ),
    ] = None,
    action: Annotated[
        str | None, typer.Option("--action", metavar="STEP", help="add: what the office did (督办, 约谈 …).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="add: the document, e.g. its number.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="add: the day of the action. Default: today.")
    ] = None,
    answer: Annotated[
        str | None, typer.Option("--answer", metavar="TEXT", help="add, answer: the department's answer.")
    ] = None,
    answered: Annotated[
        str | None,
        typer.Option(
            "--answered", metavar="DATE", help="add, answer: the day of the answer. Default: today."
        ),
    ] = None,
    open_only: Annotated[bool, typer.Option("--open", help="list: only those without an answer.")] = False,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="list: table, json, csv or markdown.")
    ] = ReportFormat.table,
    year: Year = None,
) -> None:
    """Record what the office did about an indicator (督办, 约谈 …) and the department's answer;
    list them.

    An action still without an answer more than the plan's answer days after it (15 unless
    set-escalation --answer-days says) is a warning in the report; show and the bulletin's
    attention lines give each action with its answer.

    \b
    Examples:
      shishi follow-up add 3.1 --month 7 --action 督办 --note "市督查室督办单〔2022〕12号"
      shishi follow-up answer 1 --answer "已制定倒排工期计划" --answered 2022-08-10
      shishi follow-up list --open
    """
    if what is FollowUpWhat.list:
        from ..render import render_follow_ups

        plan = plans.select_plan(read(ctx), year)
        everything = list(enumerate(plan.get("follow_ups", []), 1))
        rows = plans.open_follow_ups(plan) if open_only else everything
        render_follow_ups(plan["year"], rows, open_only, fmt.value, out(ctx))
        return
    stamp = now()
    today = stamp[:10]
    if what is FollowUpWhat.add:
        if target is None or month is None or action is None:
            raise UsageError(_("follow-up add needs an indicator, --month and --action"))
        with edit(ctx) as data:
            plan = plans.select_plan(data, year)
            number, _found = plans.add_follow_up(plan, target, month, action, today, stamp, note=note, on=on)
            if answer is not None:
                plans.answer_follow_up(plan, number, answer, today, stamp, answered)
        said = _("Follow-up {number}: {action} of {indicator} (month {month})").format(
            number=number, action=action.strip(), indicator=target, month=month
        )
        say(ctx, said + (_(", answered") if answer is not None else ""))
        return
    if target is None or not target.isdecimal() or answer is None:
        raise UsageError(_("follow-up answer needs the follow-up's number and --answer"))
    with edit(ctx) as data:
        found = plans.answer_follow_up(
            plans.select_plan(data, year), int(target), answer, today, stamp, answered
        )
    say(ctx, _("Follow-up {number} answered on {date}").format(number=target, date=found.get("answered")))


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
