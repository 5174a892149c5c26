"""Commands that look: list, show, check, history, report, lagging."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from .. import plans, store
from ..errors import EXIT_ATTENTION, EXIT_DATA, Unchanged, UsageError
from ..i18n import _
from ..query import ReportQuery
from .app import (
    BandsOption,
    Format,
    ModeOption,
    OptionalMonth,
    Owners,
    Projects,
    RegionFilter,
    ReportFormat,
    Statuses,
    Year,
    bands,
    command_group,
    compared,
    kept,
    lock_timeout,
    mode_of,
    now,
    options,
    out,
    outside_change,
    points,
    read,
    record_outside,
    say,
    write_file,
)

group = command_group()

# --- looking -----------------------------------------------------------------------------------


@group.command("list")
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
    from ..render import render_list

    plan = plans.select_plan(read(ctx), year)
    render_list(plan, fmt.value, out(ctx))


@group.command("plans")
def list_plans(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
) -> None:
    """List the store's plans, the latest year first: projects, indicators, figures, latest month.

    Reads every year's file (other commands read only the year they use). A year whose file is
    damaged is left out and named on stderr, with how to mend it; the exit status is then 3.

    \b
    Example:
      shishi plans --format json
    """
    from ..render import render_plans

    data = read(ctx)
    render_plans(plans.plan_summaries(data), fmt.value, out(ctx))
    if getattr(data["plans"], "damaged", None):
        raise typer.Exit(EXIT_DATA)


@group.command()
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
    from .. import progress
    from ..render import render_show

    plan = plans.select_plan(read(ctx), year)
    detail = progress.describe(plan, ident, month, progress.thresholds_of(plan))
    render_show(detail, fmt.value, out(ctx))


@group.command()
def check(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table (text) or json.")] = Format.table,
    accept: Annotated[
        bool,
        typer.Option(
            "--accept",
            help="Record a change made outside shishi: a new version, and a record in the history "
            "of each plan it changed.",
        ),
    ] = False,
) -> None:
    """Validate the store; exit 1 listing every problem, warnings do not count.

    A file changed outside shishi since shishi last wrote it is a warning that says what differs
    from the kept version; a damaged file names the newest sound version to restore.

    \b
    Examples:
      shishi check || echo "the store needs attention"
      shishi check --accept
    """
    from ..render import render_check

    if accept:
        _accept(ctx)
        return
    path = options(ctx).store_path
    raw = store.read_bytes(path)
    live = store.live_state(path, raw, thorough=True)  # each year's file read once, for both
    valid, findings = store.validate(path, raw, found=live.years)
    problems = any(not f.warning for f in findings)
    damaged = any(not f.warning and not f.mendable for f in findings)
    outside = rescue = None
    if valid is None or damaged:  # (a store that does not parse has a problem too)
        rescue = store.rescue(path, raw)
    elif live.outside:
        outside = compared(store.base_store(path, raw, live), valid)
    render_check(path, findings, fmt.value, out(ctx), outside=outside, rescue=rescue)
    if problems:
        raise typer.Exit(EXIT_ATTENTION)


def _accept(ctx: typer.Context) -> None:
    """check --accept: the change made outside shishi recorded as a new version."""
    from .. import compare
    from ..render.versions import accepted_text

    path = options(ctx).store_path
    stamp = now()
    with store.session(path, at=stamp, timeout=lock_timeout(), thorough=True) as held:
        data = held.load()
        data["plans"].values()  # every year is accepted as it is: a damaged one is refused
        outside = outside_change(held, data)
        if outside is None:
            raise Unchanged(_("nothing to accept: {path} is as shishi last wrote it").format(path=path))
        before = compare.mark(data)
        found = record_outside(data, before, outside, stamp)
        summary = compare.summary(before, data) or found
        made = held.write(held.encode(data), command="check --accept", summary=summary, found=found)
    say(ctx, accepted_text(made, outside))


@group.command()
def history(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show the last N changes.")
    ] = 20,
    year: Year = None,
) -> None:
    """Show the recorded changes to the plan and the figures entered, newest last.

    \b
    Example:
      shishi history -n 5
    """
    from ..render import render_history

    plan = plans.select_plan(read(ctx), year)
    render_history(plans.with_figures(plan)[-limit:], out(ctx))


# --- reports -----------------------------------------------------------------------------------

Tolerance = Annotated[
    str | None,
    typer.Option(
        "--tolerance",
        metavar="POINTS",
        help="Points below expected still on track (negative: that far above it; percent of the "
        "expected percent in the relative mode). Default: the plan's.",
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


def query(
    month: int | None,
    year: int | None,
    project: list[int] | None,
    owner: list[str] | None,
    status: list[str] | None,
    tolerance: str | None = None,
    ahead_margin: str | None = None,
    red_gap: str | None = None,
    mode: ModeOption = None,
    band_sets: list[str] | None = None,
    region: str | None = None,
) -> ReportQuery:
    """The report the options ask for (thresholds in points, bands: a malformed one is exit 2)."""
    given = bands(band_sets)
    return ReportQuery(
        year=year,
        month=month,
        projects=tuple(project or ()),
        owners=tuple(owner or ()),
        statuses=tuple(status or ()),
        tolerance=points(tolerance, "--tolerance"),
        ahead_margin=points(ahead_margin, "--ahead-margin"),
        red_gap=points(red_gap, "--red-gap"),
        mode=mode_of(mode, given, judging=True),
        bands=None if given is None else tuple(given),
        today=date.fromisoformat(now()[:10]),
        region=region,
    )


@group.command()
def report(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owners = None,
    status: Statuses = None,
    tolerance: Tolerance = None,
    ahead_margin: AheadMargin = None,
    red_gap: RedGap = None,
    mode: ModeOption = None,
    band_sets: BandsOption = None,
    fmt: Formats = ReportFormat.table,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="FILE", help="Also save a chart of the indicators as an SVG picture."),
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", metavar="FILE", help="Also save the report as an HTML page.")
    ] = None,
    disagreements: Annotated[
        bool,
        typer.Option(
            "--disagreements",
            help="Only the indicators whose label (add-progress --label) disagrees with the computed status.",
        ),
    ] = False,
    region: RegionFilter = None,
    by_region: Annotated[
        bool,
        typer.Option(
            "--by-region",
            help="Under each indicator broken down by region, a line for each region (table, markdown, "
            "--html; JSON always has them, as each indicator's regions; the --svg chart shows indicators).",
        ),
    ] = False,
    year: Year = None,
) -> None:
    """Every indicator as of a month: percent of target, expected progress, status, warnings.

    \b
    Examples:
      shishi report --month 6
      shishi report --month 6 --owner 住建局 --format markdown
      shishi report --format json | jq '.indicators[] | select(.status=="lagging")'
      shishi report --month 6 --svg 6月进展.svg --html 6月进展.html
      shishi report --month 7 --bands "ahead>=80,on_track>=60"
      shishi report --month 6 --disagreements
      shishi report --month 8 --by-region
    """
    from ..query import report as build_report
    from ..render import render_report

    chosen = query(
        month, year, project, owner, status, tolerance, ahead_margin, red_gap, mode, band_sets, region
    )
    data = read(ctx)
    result = kept(build_report(data, chosen._replace(disagreements=disagreements)))
    if svg is not None:
        from ..render.chart import report_chart

        write_file(ctx, svg, report_chart(result).encode("utf-8"))
    if html is not None:
        from ..query import published
        from ..render.page import report_page

        write_file(
            ctx, html, report_page(result, published(data, year, result), by_region=by_region).encode("utf-8")
        )
    render_report(result, fmt.value, out(ctx), by_region=by_region)


@group.command()
def lagging(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owners = None,
    status: Statuses = None,
    tolerance: Tolerance = None,
    ahead_margin: AheadMargin = None,
    red_gap: RedGap = None,
    mode: ModeOption = None,
    band_sets: BandsOption = None,
    fmt: Formats = ReportFormat.table,
    region: RegionFilter = None,
    year: Year = None,
) -> None:
    """Only the indicators that need attention (lagging, overdue, outside a limit, or with a scheduled
    stage behind: 应开工未开工), most behind first.

    Exit status 0 when there are none, 1 when there are some.

    \b
    Example:
      shishi lagging --month 6 || notify-office
    """
    from ..progress import NEEDS_ATTENTION, attention
    from ..query import report as build_report
    from ..render import render_lagging

    if status and not set(status) <= NEEDS_ATTENTION:
        raise UsageError(
            _("lagging lists only lagging, overdue and breached indicators"),
            hint=_("give --status lagging, overdue or breached, or use report --status for others"),
        )
    wanted = sorted(status or NEEDS_ATTENTION)
    chosen = query(
        month, year, project, owner, wanted, tolerance, ahead_margin, red_gap, mode, band_sets, region
    )
    # A scheduled stage behind (应开工未开工) needs attention too, whatever its indicator's status.
    # Only the JSON lists the report's warnings.
    chosen = chosen._replace(stages=tuple(wanted), warnings=fmt is ReportFormat.json)
    result = kept(build_report(read(ctx), chosen))
    needing = attention(result)
    render_lagging(result, needing, fmt.value, out(ctx))
    if needing:
        raise typer.Exit(EXIT_ATTENTION)


@group.command()
def escalations(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owners = None,
    fmt: Formats = ReportFormat.table,
    year: Year = None,
) -> None:
    """The indicators that reached a step of the escalation ladder (set-escalation), the highest
    step first, then the longest run of months behind.

    Exit status 1 when any is at the top step (约谈 by default), else 0.

    \b
    Examples:
      shishi escalations --month 6
      shishi escalations --month 8 --format json || notify-office
    """
    from ..progress import NEEDS_ATTENTION, escalated
    from ..query import report as build_report
    from ..render import render_escalations

    # Only an indicator behind this month is on a step: the report need not judge the others in full.
    # Only the JSON lists the report's warnings.
    chosen = query(month, year, project, owner, sorted(NEEDS_ATTENTION))
    result = kept(build_report(read(ctx), chosen._replace(warnings=fmt is ReportFormat.json)))
    rows = escalated(result)
    render_escalations(result, rows, fmt.value, out(ctx))
    if result.ladder and any(r.escalation == result.ladder[-1][0] for r in rows):
        raise typer.Exit(EXIT_ATTENTION)


@group.command()
def bulletin(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owners = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the bulletin to FILE (Markdown)."),
    ] = None,
    region: RegionFilter = None,
    docx: Annotated[
        Path | None,
        typer.Option("--docx", metavar="FILE", help="Write the bulletin to FILE as a Word document (.docx)."),
    ] = None,
    year: Year = None,
) -> None:
    """Write a progress bulletin (进展情况通报) in Markdown, in the interface language.

    A lead paragraph counts the projects and indicators by status and names those met, ahead,
    lagging and overdue; a paragraph names the lead units (牵头单位) with items behind and those
    not reported (as `owners --lead-only` counts them); then each project (第N件) with its
    promise, owners and 进展情况.

    With --docx, the same bulletin as a Word document laid out as a notice (公文): A4, the title
    in 小标宋, 第N件 in 黑体, the text in 仿宋 at 三号 with a two-character indent.

    \b
    Examples:
      shishi --lang zh bulletin --month 6 -o 6月进展通报.md
      shishi --lang zh bulletin --month 6 --docx 6月进展通报.docx
      shishi bulletin --month 6 --owner 住建局
    """
    from ..progress import league
    from ..query import report as build_report
    from ..render.bulletin import bulletin as write_bulletin

    data = read(ctx)
    result = kept(build_report(data, query(month, year, project, owner, None, region=region)))
    # A published bulletin names the lead units, as `missing` chases them: a supporting unit was
    # not asked for the figure.
    text = write_bulletin(result, league(plans.select_plan(data, year), result, lead_only=True))
    if output is None and docx is None:
        out(ctx).write(text)
        return
    if docx is not None:
        from ..render.document import bulletin_docx

        write_file(ctx, docx, bulletin_docx(text))
    if output is not None:
        write_file(ctx, output, text.encode("utf-8"))
    for written in (output, docx):
        if written is not None:
            say(ctx, _("Wrote the month-{month} bulletin to {file}").format(month=result.month, file=written))
