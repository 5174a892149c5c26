"""Commands that look: list, show, check, history, report, lagging."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from . import plans, store
from .cli import (
    Format,
    OptionalMonth,
    ReportFormat,
    Year,
    _console,
    _points,
    _read,
    _say,
    _settings,
    app,
)
from .errors import EXIT_ATTENTION, InputError, UsageError
from .files import write_output
from .i18n import _

# --- looking -----------------------------------------------------------------------------------


@app.command("list")
def list_plan(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
    year: Year = None,
) -> None:
    """List the plan's projects and indicators.

    \b
    Example:
      shishi list --format json
    """
    from .render import render_list

    plan = plans.select_plan(_read(ctx), year)
    render_list(plan, fmt.value, _console(ctx))


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="An indicator id (1.1) or a project number (1).")
    ],
    month: OptionalMonth = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = ReportFormat.table,
    year: Year = None,
) -> None:
    """Show an indicator (definition, every entry, month by month) or a project.

    \b
    Examples:
      shishi show 1.1
      shishi show 12 --format json
    """
    from . import progress
    from .render import render_show

    plan = plans.select_plan(_read(ctx), year)
    detail = progress.describe(plan, ident, month, progress.thresholds_of(plan))
    render_show(detail, fmt.value, _console(ctx))


@app.command()
def check(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table (text) or json.")] = Format.table,
) -> None:
    """Validate the store; exit 1 listing every problem, warnings do not count.

    \b
    Example:
      shishi check || echo "the store needs attention"
    """
    from .render import render_check

    path = _settings(ctx).store_path
    raw = store.read_bytes(path)
    _valid, findings = store.validate(path, raw)
    render_check(path, findings, fmt.value, _console(ctx))
    if any(not f.warning for f in findings):
        raise typer.Exit(EXIT_ATTENTION)


@app.command()
def history(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show the last N changes.")
    ] = 20,
    year: Year = None,
) -> None:
    """Show the recorded changes to the plan, newest last.

    \b
    Example:
      shishi history -n 5
    """
    from .render import render_history

    plan = plans.select_plan(_read(ctx), year)
    render_history(plan["history"][-limit:], _console(ctx))


# --- reports -----------------------------------------------------------------------------------

Projects = Annotated[
    list[int] | None,
    typer.Option("--project", "-p", metavar="N", help="Only this project (repeatable)."),
]
Owner = Annotated[
    str | None,
    typer.Option("--owner", metavar="DEPT", help="Only indicators whose department contains this text."),
]
Statuses = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        help="Only this status (repeatable): met, ahead, on_track, lagging, overdue, no_data, in_progress.",
    ),
]
Tolerance = Annotated[
    str | None,
    typer.Option(
        "--tolerance",
        metavar="POINTS",
        help="Points below expected still on track. Default: the plan's.",
    ),
]
AheadMargin = Annotated[
    str | None,
    typer.Option(
        "--ahead-margin",
        metavar="POINTS",
        help="Points above expected that count as ahead. Default: the plan's.",
    ),
]
RedGap = Annotated[
    str | None,
    typer.Option(
        "--red-gap",
        metavar="POINTS",
        help="Points behind beyond which the light is red. Default: the plan's.",
    ),
]
Formats = Annotated[ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")]


def build(
    ctx: typer.Context,
    month: int | None,
    year: int | None,
    project: list[int] | None,
    owner: str | None,
    status: list[str] | None,
    tolerance: str | None,
    ahead_margin: str | None,
    red_gap: str | None,
) -> Any:
    from . import progress

    unknown = sorted(set(status or ()) - set(progress.STATUSES))
    if unknown:
        raise UsageError(
            _("unknown status {statuses}").format(statuses=", ".join(unknown)),
            hint=_("use {statuses}").format(statuses=", ".join(progress.STATUSES)),
        )
    plan = plans.select_plan(_read(ctx), year)
    for number in project or ():
        plans.find_project(plan, number)
    if month is None:
        month = progress.latest_month(plan)
        if month is None:
            raise InputError(
                _("the {year} plan has no progress entries yet").format(year=plan["year"]),
                hint=_("give --month to report as of a month"),
            )
    thresholds = progress.thresholds_of(
        plan,
        _points(tolerance, "--tolerance"),
        _points(ahead_margin, "--ahead-margin"),
        _points(red_gap, "--red-gap"),
    )
    selection = progress.Selection(frozenset(project or ()), owner, frozenset(status or ()))
    return progress.build_report(plan, month, thresholds, selection)


@app.command()
def report(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owner = None,
    status: Statuses = None,
    tolerance: Tolerance = None,
    ahead_margin: AheadMargin = None,
    red_gap: RedGap = None,
    fmt: Formats = ReportFormat.table,
    svg: Annotated[
        Path | None, typer.Option("--svg", metavar="FILE", help="Also save the table as an SVG picture.")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", metavar="FILE", help="Also save the table as an HTML page.")
    ] = None,
    year: Year = None,
) -> None:
    """Every indicator as of a month: percent of target, expected progress, status, warnings.

    \b
    Examples:
      shishi report --month 6
      shishi report --month 6 --owner 住房 --format markdown
      shishi report --format json | jq '.indicators[] | select(.status=="lagging")'
      shishi report --month 6 --svg 6月进展.svg --html 6月进展.html
    """
    from .render import render_report, report_picture

    result = build(ctx, month, year, project, owner, status, tolerance, ahead_margin, red_gap)
    for path, kind in ((svg, "svg"), (html, "html")):
        if path is not None:
            write_output(path, report_picture(result, kind).encode("utf-8"))
    render_report(result, fmt.value, _console(ctx))


@app.command()
def lagging(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owner = None,
    status: Statuses = None,
    tolerance: Tolerance = None,
    ahead_margin: AheadMargin = None,
    red_gap: RedGap = None,
    fmt: Formats = ReportFormat.table,
    year: Year = None,
) -> None:
    """Only the indicators that need attention (lagging or overdue), most behind first.

    Exit status 0 when there are none, 1 when there are some.

    \b
    Example:
      shishi lagging --month 6 || notify-office
    """
    from .progress import NEEDS_ATTENTION, attention
    from .render import render_lagging

    if status and not set(status) <= NEEDS_ATTENTION:
        raise UsageError(
            _("lagging lists only lagging and overdue indicators"),
            hint=_("give --status lagging or --status overdue, or use report --status for others"),
        )
    wanted = sorted(status or NEEDS_ATTENTION)
    result = build(ctx, month, year, project, owner, wanted, tolerance, ahead_margin, red_gap)
    needing = attention(result)
    render_lagging(result, needing, fmt.value, _console(ctx))
    if needing:
        raise typer.Exit(EXIT_ATTENTION)


@app.command()
def bulletin(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owner = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the bulletin to FILE (Markdown)."),
    ] = None,
    year: Year = None,
) -> None:
    """Write a progress bulletin (进展情况通报) in Markdown, in the interface language.

    A lead paragraph counts the projects and indicators by status and names those met, ahead,
    lagging and overdue; then each project (第N件) with its promise, owners and 进展情况.

    \b
    Examples:
      shishi --lang zh bulletin --month 6 -o 6月进展通报.md
      shishi bulletin --month 6 --owner 住房
    """
    from .render import bulletin as write_bulletin

    result = build(ctx, month, year, project, owner, None, None, None, None)
    if not result.indicators:
        raise InputError(
            _("no indicator matches --project and --owner: there is nothing to write"),
            hint=_("'shishi list' shows the projects and their departments"),
        )
    text = write_bulletin(result)
    if output is None:
        _console(ctx).write(text)
        return
    write_output(output, text.encode("utf-8"))
    _say(ctx, _("Wrote the month-{month} bulletin to {file}").format(month=result.month, file=output))
