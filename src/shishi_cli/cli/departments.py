"""Commands about the departments (责任单位): declaring them with their short names, listing them."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import plans
from ..errors import EXIT_ATTENTION, UsageError
from ..i18n import _
from .app import (
    Format,
    Month,
    Owners,
    Projects,
    RegionFilter,
    ReportFormat,
    Year,
    changes_text,
    command_group,
    edit,
    now,
    out,
    read,
    say,
)

group = command_group()

Department = Annotated[
    str, typer.Argument(metavar="DEPT", help="The department's full name, or one of its short names.")
]
Aliases = Annotated[
    list[str] | None,
    typer.Option("--alias", metavar="SHORT", help="A short name people use for it (repeatable)."),
]


@group.command()
def departments(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
    year: Year = None,
) -> None:
    """List the plan's departments: those declared, with their short names, then the others its
    projects and indicators name.

    \b
    Example:
      shishi departments --format json
    """
    from ..render.departments import render_departments

    render_departments(plans.select_plan(read(ctx), year), fmt.value, out(ctx))


@group.command("add-department")
def add_department(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The department's full name.")],
    alias: Aliases = None,
    year: Year = None,
) -> None:
    """Declare a department with the short names people use for it; --owner then takes any of them.

    A department named as an owner is a department without being declared; declaring it gives it
    short names. A short name may not be another department's name or short name.

    \b
    Example:
      shishi add-department 市住房城乡建设局 --alias 住建局 --alias 市住建局
    """
    with edit(ctx) as data:
        made = plans.add_department(plans.select_plan(data, year), name, alias or [], now())
    say(ctx, _("Declared the department {name}").format(name=made["name"]))


@group.command("edit-department")
def edit_department(
    ctx: typer.Context,
    name: Department,
    new_name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="A new full name, also for every project and indicator."),
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
    """Rename a department or replace its short names.

    A new name replaces the old one wherever a project or indicator names it, in the same write.

    \b
    Examples:
      shishi edit-department 住建局 --name 市住房和城乡建设局
      shishi edit-department 市交通运输局 --alias 交通局 --alias 市交通局
    """
    if no_aliases and alias:
        raise UsageError(
            _("both --alias and --no-aliases were given; choose one"),
            hint=_("--alias replaces the short names, --no-aliases removes them all"),
        )
    short = [] if no_aliases else alias
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        changes = plans.edit_department(plan, name, now(), new_name, short)
    if changes:
        say(
            ctx,
            _("Changed the department {name}: {changes}").format(name=name, changes=changes_text(changes)),
        )
    else:
        say(ctx, _("The department {name} is unchanged: it has those values already").format(name=name))


@group.command("remove-department")
def remove_department(
    ctx: typer.Context,
    name: Department,
    replace_with: Annotated[
        str | None,
        typer.Option(
            "--replace-with",
            metavar="DEPT",
            help="The department that takes its place wherever it is an owner (a merger).",
        ),
    ] = None,
    year: Year = None,
) -> None:
    """Remove a department; one that is still an owner only with --replace-with.

    \b
    Example:
      shishi remove-department 市大数据局 --replace-with 市行政审批局
    """
    with edit(ctx) as data:
        plan = plans.select_plan(data, year)
        where = plans.remove_department(plan, name, now(), replace_with)
    if where and replace_with is not None:
        say(
            ctx,
            _("Removed the department {name}; {other} takes its place in {where}").format(
                name=name, other=replace_with, where=", ".join(where)
            ),
        )
    else:
        say(ctx, _("Removed the department {name}").format(name=name))


@group.command()
def missing(
    ctx: typer.Context,
    month: Month,
    project: Projects = None,
    owner: Owners = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = ReportFormat.table,
    region: RegionFilter = None,
    year: Year = None,
) -> None:
    """List, by lead department, the indicators with no figure of their own for month M (催报).

    An older figure does not count. An indicator already met by an older figure is not listed;
    tracked-only and overdue ones are. Exit status 1 when any is listed.

    \b
    Example:
      shishi missing --month 7 || send-reminders
    """
    from ..progress.missing import missing as find_missing
    from ..query import ReportQuery
    from ..query import report as build_report
    from ..render.departments import render_missing

    data = read(ctx)
    chosen = ReportQuery(
        year=year, month=month, projects=tuple(project or ()), owners=tuple(owner or ()), region=region
    )
    result = build_report(data, chosen)
    found = find_missing(plans.select_plan(data, year), result)
    render_missing(result, found, fmt.value, out(ctx))
    if found:
        raise typer.Exit(EXIT_ATTENTION)


@group.command()
def owners(
    ctx: typer.Context,
    month: Month,
    lead_only: Annotated[
        bool, typer.Option("--lead-only", help="Count only the indicators each department leads.")
    ] = False,
    project: Projects = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner",
            metavar="DEPT",
            help="Only this department's row, ranked among all; its full name or a short name (repeatable).",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = ReportFormat.table,
    year: Year = None,
) -> None:
    """Rank the departments as of month M, most behind first (责任单位排名).

    A row per department: the indicators it leads and supports, how many have each status, its
    worst gap and that indicator's months lagging, the mean gap of its measured indicators, and
    how many have no figure of their own for M. An indicator counts for each of its owners, or
    with --lead-only for its lead unit alone. Ranked by overdue and breached, then the highest
    escalation step, then lagging, then the worst gap, the mean gap, those without data and those
    not reported; level departments share a rank. Exit status 1 when a department shown has an
    indicator lagging, overdue or breached.

    \b
    Examples:
      shishi owners --month 6
      shishi owners --month 6 --lead-only --owner 住建局 --format json
    """
    from ..query import ReportQuery, league_table
    from ..render.departments import render_owners

    chosen = ReportQuery(year=year, month=month, projects=tuple(project or ()), owners=tuple(owner or ()))
    result, rows = league_table(read(ctx), chosen, lead_only)
    render_owners(result, rows, lead_only, fmt.value, out(ctx))
    if any(s.behind() for s in rows):
        raise typer.Exit(EXIT_ATTENTION)
