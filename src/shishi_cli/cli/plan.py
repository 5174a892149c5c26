"""Commands that make and change the plan: init, projects, indicators."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import typer

from .. import plans
from ..errors import InputError, UsageError
from ..i18n import N_, _
from ..numbers import parse_trajectory, split_names
from ..records import IndicatorRecord, PlanRecord
from .app import Year, changes_text, command_group, edit, now, options, parse_date, project_type, say, tell

group = command_group()


class Kind(str, Enum):
    quantity = "quantity"
    milestone = "milestone"


# --- plans and projects ------------------------------------------------------------------------


@group.command()
def init(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", metavar="YEAR", min=1900, max=2999, help="The plan's year.")],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The plan's title.")],
    like: Annotated[
        int | None,
        typer.Option(
            "--like",
            metavar="YEAR",
            help="Start with the rules (thresholds, mode, escalation ladder, count units), departments "
            "and regions of this year's plan; not its projects or figures.",
        ),
    ] = None,
) -> None:
    """Create the store (if there is none) and a plan for a year.

    \b
    Examples:
      shishi init --year 2022 --title "2022年市办实事"
      shishi init --year 2023 --title "2023年市办实事" --like 2022
    """
    with edit(ctx, create=like is None) as data:
        model = None
        if like is not None:
            if str(like) not in data["plans"]:
                raise UsageError(
                    _("--like {year}: no plan for {year} in the store").format(year=like),
                    hint=_("plans there: {plans}").format(
                        plans=", ".join(sorted(data["plans"])) or _("none yet")
                    ),
                )
            model = data["plans"][str(like)]
        plans.init_plan(data, year, title, now(), like=model)
    if like is None:
        message = _("Created the {year} plan {title!r} in {path}")
    else:
        message = _(
            "Created the {year} plan {title!r} in {path}, with the rules, departments and regions of {like}"
        )
    say(ctx, message.format(year=year, title=title, path=options(ctx).store_path, like=like))


@group.command("edit-plan")
def edit_plan(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The plan's new title.")],
    year: Year = None,
) -> None:
    """Change a plan's title (the change is recorded in the history).

    \b
    Example:
      shishi edit-plan --title "青岛市2022年市办实事项目" --year 2022
    """
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        changes = plans.edit_plan(plan, now(), title)
    if changes:
        say(
            ctx,
            _("Changed the {year} plan: {changes}").format(year=plan["year"], changes=changes_text(changes)),
        )
    else:
        say(ctx, _("The {year} plan unchanged: it has that title already").format(year=plan["year"]))


@group.command("remove-plan")
def remove_plan(
    ctx: typer.Context,
    year: Annotated[
        int,
        typer.Option("--year", metavar="YEAR", min=1900, max=2999, help="The year of the plan to remove."),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Remove it even with its projects and figures, unread.")
    ] = False,
) -> None:
    """Remove a year's plan from the store (one created by mistake); with --force, also one that
    holds projects and figures. The kept versions hold it still: shishi undo puts it back.

    \b
    Example:
      shishi remove-plan --year 2032
    """
    with edit(ctx) as data:
        removed = plans.remove_plan(data, year, force)
    if removed is None:
        say(ctx, _("Removed the {year} plan; shishi undo puts it back").format(year=year))
    else:
        say(
            ctx,
            _("Removed the {year} plan {title!r}; shishi undo puts it back").format(
                year=year, title=removed["title"]
            ),
        )


@group.command("add-project")
def add_project(
    ctx: typer.Context,
    number: Annotated[
        int,
        typer.Argument(
            metavar="NUMBER", click_type=project_type(), help="The project's number in the plan (8 or 第8件)."
        ),
    ],
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What the project promises.")],
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", metavar="DEPT", help="A responsible department (repeatable)."),
    ] = None,
    year: Year = None,
) -> None:
    """Add a numbered project (第N件) to the plan.

    \b
    Example:
      shishi add-project 1 "实现城镇新增就业35万人以上" --owner 市人力资源社会保障局
    """
    with edit(ctx) as data:
        plans.add_project(plans.select_plan(data, year), number, title, owner or [], now())
    say(ctx, _("Added project {number}: {title}").format(number=number, title=title))


@group.command("edit-project")
def edit_project(
    ctx: typer.Context,
    number: Annotated[
        int,
        typer.Argument(
            metavar="NUMBER", click_type=project_type(), help="The project's number (8 or 第8件)."
        ),
    ],
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="A new title.")] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", metavar="DEPT", help="The departments, replacing the old list (repeatable)."),
    ] = None,
    year: Year = None,
) -> None:
    """Change a project's title or departments (the change is recorded in the history).

    \b
    Example:
      shishi edit-project 1 --owner 市人力资源社会保障局 --owner 市农业农村局
    """
    with edit(ctx) as data:
        changes = plans.edit_project(plans.select_plan(data, year), number, now(), title, owner)
    if changes:
        say(
            ctx, _("Changed project {number}: {changes}").format(number=number, changes=changes_text(changes))
        )
    else:
        say(ctx, _("Project {number} unchanged: it has those values already").format(number=number))


@group.command("remove-project")
def remove_project(
    ctx: typer.Context,
    number: Annotated[
        int,
        typer.Argument(
            metavar="NUMBER", click_type=project_type(), help="The project's number (8 or 第8件)."
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Also remove its indicators and their progress.")
    ] = False,
    year: Year = None,
) -> None:
    """Remove a project (with --force, also its indicators and their progress).

    \b
    Example:
      shishi remove-project 16 --force
    """
    with edit(ctx) as data:
        n_ind, n_entries = plans.remove_project(plans.select_plan(data, year), number, now(), force)
    say(
        ctx,
        _("Removed project {number} ({indicators} indicators, {entries} progress entries)").format(
            number=number, indicators=n_ind, entries=n_entries
        ),
    )


# --- indicators --------------------------------------------------------------------------------

Target = Annotated[
    str | None,
    typer.Option(
        "--target",
        metavar="AMOUNT",
        help="The promised amount, e.g. 35万 (quantities only; leave out to track only).",
    ),
]
NewTarget = Annotated[
    str | None,
    typer.Option("--target", metavar="AMOUNT", help="A new target, e.g. 36万 (--no-target: track only)."),
]
Unit = Annotated[
    str | None,
    typer.Option("--unit", metavar="UNIT", help="Unit of measure, e.g. 人, 个, 万平方米."),
]
Owners = Annotated[
    list[str] | None,
    typer.Option("--owner", metavar="DEPT", help="A responsible department (repeatable)."),
]
Deadline = Annotated[
    str | None,
    typer.Option("--deadline", metavar="YYYY-MM-DD", help="Due date, YYYY-MM-DD. Default: 31 December."),
]
Stages = Annotated[
    str | None,
    typer.Option(
        "--stages",
        metavar="A,B",
        help="Ordered stage names, e.g. 开工,完工 (a milestone's last = done).",
    ),
]
Counts = Annotated[
    str | None,
    typer.Option(
        "--counts",
        metavar="STAGE",
        help="The stage the target counts. Default: 完工 if a stage, else the last.",
    ),
]
Baseline = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        metavar="AMOUNT",
        help="Starting level for a target that goes down (由50降至10: --baseline 50 --target 10).",
    ),
]
Trajectory = Annotated[
    str | None,
    typer.Option(
        "--trajectory",
        metavar="M:P,…",
        help="Planned cumulative percent by month, e.g. 3:20,6:50,9:80; beyond 100 for a stretch plan "
        "(6:60,12:120).",
    ),
]

AtMost = Annotated[
    str | None,
    typer.Option(
        "--at-most",
        metavar="AMOUNT",
        help="A ceiling instead of a target: met while the latest figure is at or under it "
        "(控制在4.3%以内: --at-most 4.3 --unit %).",
    ),
]
AtLeast = Annotated[
    str | None,
    typer.Option(
        "--at-least",
        metavar="AMOUNT",
        help="A floor instead of a target: met while the latest figure is at or above it.",
    ),
]
StageTargets = Annotated[
    list[str] | None,
    typer.Option(
        "--stage-target",
        metavar="STAGE=AMOUNT",
        help="A target for a stage the target does not count, e.g. 开工=30 (repeatable). Default: the "
        "indicator's target.",
        show_default=False,
    ),
]
StageDues = Annotated[
    list[str] | None,
    typer.Option(
        "--stage-due",
        metavar="STAGE=YYYY-MM-DD",
        help="When that stage is due, e.g. 开工=2022-06-30 (repeatable): from that month on, what has not "
        "reached it is 应开工未开工.",
        show_default=False,
    ),
]
StageTrajectories = Annotated[
    list[str] | None,
    typer.Option(
        "--stage-trajectory",
        metavar="STAGE=M:P,…",
        help="A stage's planned cumulative percent by month, e.g. 开工=3:50,6:100 (repeatable).",
        show_default=False,
    ),
]

RegionTargets = Annotated[
    list[str] | None,
    typer.Option(
        "--region-target",
        metavar="REGION=AMOUNT",
        help="A region's share of the target (任务分解), e.g. 长沙市=150 (repeatable; on edit-indicator, "
        "the shares given replace the breakdown). The indicator's value is then its regions' sum.",
        show_default=False,
    ),
]


def _stage_pairs(texts: list[str] | None, option: str, example: str) -> dict[str, str] | None:
    """STAGE=VALUE options by stage: one without = is a usage error (exit 2)."""
    if not texts:
        return None
    pairs: dict[str, str] = {}
    for text in texts:
        stage, sep, value = text.replace("＝", "=").partition("=")
        if not sep or not stage.strip():
            raise UsageError(
                _("{option} {value!r} is not STAGE=VALUE").format(option=option, value=text),
                hint=_("e.g. {option} {example}").format(option=option, example=example),
            )
        pairs[stage.strip()] = value.strip()
    return pairs


def _amount_text(text: str | None, option: str, instead: str) -> str | None:
    if text is not None and not text.strip():
        raise InputError(
            _("{option} is empty").format(option=option),
            hint=_("give an amount, or {instead}").format(instead=_(instead)),
        )
    return text


def _spec(
    name: str | None = None,
    target: str | None = None,
    unit: str | None = None,
    owner: list[str] | None = None,
    deadline: str | None = None,
    kind: Kind | None = None,
    stages: str | None = None,
    counts: str | None = None,
    baseline: str | None = None,
    trajectory: str | None = None,
    at_most: str | None = None,
    at_least: str | None = None,
    stage_target: list[str] | None = None,
    stage_due: list[str] | None = None,
    stage_trajectory: list[str] | None = None,
    unscheduled: list[str] | None = None,
    region_targets: list[str] | None = None,
) -> plans.IndicatorSpec:
    dues = _stage_pairs(stage_due, "--stage-due", "开工=2022-06-30")
    trajectories = _stage_pairs(stage_trajectory, "--stage-trajectory", "开工=3:50,6:100")
    return plans.IndicatorSpec(
        name=name,
        target=_amount_text(target, "--target", N_("--no-target to track it only")),
        unit=unit,
        owners=owner,
        deadline=parse_date(deadline, N_("deadline")),
        kind=kind.value if kind is not None else None,
        stages=split_names(stages) if stages is not None else None,
        counts=counts,
        baseline=_amount_text(baseline, "--baseline", N_("--no-baseline to remove it")),
        trajectory=parse_trajectory(trajectory) if trajectory is not None else None,
        at_most=_amount_text(at_most, "--at-most", N_("--no-at-most to remove it")),
        at_least=_amount_text(at_least, "--at-least", N_("--no-at-least to remove it")),
        stage_targets=_stage_pairs(stage_target, "--stage-target", "开工=30"),
        stage_deadlines=None if dues is None else {s: _due(d) for s, d in dues.items()},
        stage_trajectories=None
        if trajectories is None
        else {s: parse_trajectory(t) for s, t in trajectories.items()},
        unscheduled=unscheduled,
        region_targets=region_targets,
    )


def _due(text: str) -> date:
    day = parse_date(text, N_("stage due date"))
    assert day is not None
    return day


@group.command("add-indicator")
def add_indicator(
    ctx: typer.Context,
    project: Annotated[
        int,
        typer.Argument(
            metavar="PROJECT",
            click_type=project_type(),
            help="Number of the project it belongs to (8 or 第8件).",
        ),
    ],
    name: Annotated[str, typer.Argument(metavar="NAME", help="What is measured, e.g. 城镇新增就业.")],
    target: Target = None,
    unit: Unit = None,
    indicator_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="Its id. Default: PROJECT.n, e.g. 1.2. An id that begins with a number begins with "
            "PROJECT (5.1, 5.1a in project 5); one that does not (area) may be any text.",
        ),
    ] = None,
    owner: Owners = None,
    deadline: Deadline = None,
    kind: Annotated[
        Kind, typer.Option("--kind", help="quantity (a number) or milestone (stages).")
    ] = Kind.quantity,
    stages: Stages = None,
    counts: Counts = None,
    baseline: Baseline = None,
    trajectory: Trajectory = None,
    at_most: AtMost = None,
    at_least: AtLeast = None,
    stage_target: StageTargets = None,
    stage_due: StageDues = None,
    stage_trajectory: StageTrajectories = None,
    region_target: RegionTargets = None,
    year: Year = None,
) -> None:
    """Add a measurable indicator to a project.

    \b
    Examples:
      shishi add-indicator 1 城镇新增就业 --target 35万 --unit 人
      shishi add-indicator 3 打通城市未贯通道路 --target 30 --unit 条 --stages 开工,完工
      shishi add-indicator 8 胶州湾海底天然气管线工程 --kind milestone --stages 开工,全面施工,建成
      shishi add-indicator 1 城镇登记失业率 --at-most 4.3 --unit %
      shishi add-indicator 3 未贯通道路 --target 30 --unit 条 --stages 开工,完工 --stage-due 开工=2022-06-30
      shishi add-indicator 1 开工改造老旧小区 --target 1500 --unit 个 --region-target 长沙市=150
    """
    spec = _spec(
        name, target, unit, owner, deadline, kind, stages, counts, baseline, trajectory, at_most, at_least,
        stage_target, stage_due, stage_trajectory, None, region_target,
    )  # fmt: skip
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        indicator = plans.add_indicator(plan, project, spec, now(), indicator_id)
    say(
        ctx,
        _("Added indicator {indicator}: {name}").format(indicator=indicator["id"], name=indicator["name"]),
    )
    _shares_note(ctx, plan, indicator)


@group.command("edit-indicator")
def edit_indicator(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator's id, e.g. 1.1.")],
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="A new name.")] = None,
    target: NewTarget = None,
    unit: Unit = None,
    owner: Owners = None,
    deadline: Deadline = None,
    kind: Annotated[Kind | None, typer.Option("--kind", help="quantity or milestone.")] = None,
    stages: Stages = None,
    counts: Counts = None,
    baseline: Baseline = None,
    trajectory: Trajectory = None,
    at_most: AtMost = None,
    at_least: AtLeast = None,
    stage_target: StageTargets = None,
    stage_due: StageDues = None,
    stage_trajectory: StageTrajectories = None,
    new_id: Annotated[
        str | None,
        typer.Option(
            "--new-id",
            metavar="ID",
            help="Rename it (its entries follow); a number first is its project's (5.2 in project 5).",
        ),
    ] = None,
    no_target: Annotated[bool, typer.Option("--no-target", help="Remove the target: track only.")] = False,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Remove the baseline.")] = False,
    no_deadline: Annotated[bool, typer.Option("--no-deadline", help="Back to 31 December.")] = False,
    no_trajectory: Annotated[
        bool, typer.Option("--no-trajectory", help="Back to the straight line to the deadline.")
    ] = False,
    no_at_most: Annotated[bool, typer.Option("--no-at-most", help="Remove the ceiling.")] = False,
    no_at_least: Annotated[bool, typer.Option("--no-at-least", help="Remove the floor.")] = False,
    from_month: Annotated[
        int | None,
        typer.Option(
            "--from-month",
            metavar="M",
            min=1,
            max=12,
            help="An approved change (报市政府同意后调整) of the target, deadline, trajectory or limits "
            "from month M on: reports of earlier months keep the old ones. Without it, an edit corrects "
            "every month.",
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", metavar="TEXT", help="Why it changed, kept with the change.", show_default=False
        ),
    ] = None,
    no_stage_schedule: Annotated[
        list[str] | None,
        typer.Option(
            "--no-stage-schedule",
            metavar="STAGE",
            help="Remove that stage's schedule (repeatable).",
            show_default=False,
        ),
    ] = None,
    region_target: RegionTargets = None,
    no_region_targets: Annotated[
        bool, typer.Option("--no-region-targets", help="Remove the breakdown by region.")
    ] = False,
    year: Year = None,
) -> None:
    """Change an indicator: a wrong target, a new deadline, a trajectory (recorded in the history).

    A change of the target, deadline, trajectory or limits is kept with the indicator: a
    correction for every month (a report of an earlier month made before it then warns that it
    differs), or, with --from-month, an approved change that reports before that month do not see.

    \b
    Examples:
      shishi edit-indicator 1.1 --target 36万
      shishi edit-indicator 12.3 --trajectory 3:20,6:50,9:80
      shishi edit-indicator 1.5 --at-most 4.5 --no-target
      shishi edit-indicator 3.1 --stage-target 开工=30 --stage-due 开工=2022-06-30
      shishi edit-indicator 2.2 --target 350 --from-month 9 --reason "报市政府同意后调整"
      shishi edit-indicator 1.1 --region-target 长沙市=150 --region-target 株洲市=71
    """
    if no_region_targets and region_target:
        raise UsageError(
            _("both --region-target and --no-region-targets were given; choose one"),
            hint=_("--region-target replaces the breakdown, --no-region-targets removes it"),
        )
    spec = _spec(
        name, target, unit, owner, deadline, kind, stages, counts, baseline, trajectory, at_most, at_least,
        stage_target, stage_due, stage_trajectory, no_stage_schedule,
        [] if no_region_targets else region_target,
    )  # fmt: skip
    flags = {
        "target": no_target,
        "baseline": no_baseline,
        "deadline": no_deadline,
        "trajectory": no_trajectory,
        "at_most": no_at_most,
        "at_least": no_at_least,
    }
    clear = frozenset(k for k, v in flags.items() if v)
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        changes = plans.edit_indicator(
            plan, indicator_id, spec, now(), new_id=new_id, clear=clear, from_month=from_month, reason=reason
        )
    if changes:
        say(
            ctx,
            _("Changed {indicator}: {changes}").format(indicator=indicator_id, changes=changes_text(changes)),
        )
    else:
        say(ctx, _("{indicator} unchanged: it has those values already").format(indicator=indicator_id))
    _shares_note(ctx, plan, plans.find_indicator(plan, new_id or indicator_id)[1])


def _shares_note(ctx: typer.Context, plan: PlanRecord, indicator: IndicatorRecord) -> None:
    """Shares that do not add up to the target are taken (an office enters the table as published),
    with a note on stderr; check and the report warn of them too."""
    warning = plans.shares_warning(plan, indicator)
    if warning is not None:
        tell(ctx, warning)


@group.command("remove-indicator")
def remove_indicator(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator's id.")],
    force: Annotated[bool, typer.Option("--force", help="Also remove its progress entries.")] = False,
    year: Year = None,
) -> None:
    """Remove an indicator (with --force, also its progress entries).

    \b
    Example:
      shishi remove-indicator 6.3 --force
    """
    with edit(ctx) as data:
        removed = plans.remove_indicator(plans.select_plan(data, year), indicator_id, now(), force)
    say(
        ctx,
        _("Removed indicator {indicator} and {entries} progress entries").format(
            indicator=indicator_id, entries=removed
        ),
    )
