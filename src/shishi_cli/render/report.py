"""The report and lagging views, in each format (the report's page and chart: page.py, chart.py).

The table of indicators drawn here is also `show PROJECT`'s. Text users typed goes through
`literal()`, so markup or escape sequences in a title are shown, never acted on.
"""

from __future__ import annotations

from shishi_cli.i18n import _, ngettext
from shishi_cli.progress import IndicatorResult, Report
from shishi_cli.rules import ladder_text
from shishi_cli.text import literal, markdown_cell, one_line

from .contract import indicators_csv, report_json
from .output import Column, Grid, Out, Section, Styled, bar, clip, json_bytes, markdown_table, print_grid
from .words import (
    LIGHT_STYLE,
    amount,
    departments,
    expected_text,
    label_text,
    light_words,
    percent,
    rules_text,
    scoped_title,
    signed,
    stages_overdue_text,
    status_and_light,
    status_words,
    summary_text,
    target_text,
    value_text,
    warning_text,
)


def render_report(report: Report, fmt: str, out: Out, *, by_region: bool = False) -> None:
    if fmt == "json":
        out.write(json_bytes(report_json(report)))
    elif fmt == "csv":
        out.write(indicators_csv(report.indicators))
    elif fmt == "markdown":
        head = "## " + _("{title}: progress as of {date}").format(
            title=markdown_cell(scoped_title(report)), date=report.as_of
        )
        head += "\n\n"
        rows = markdown_rows(report.indicators, by_region=by_region)
        out.write(head + rows + "\n" + _summary_block(report, markdown=True))
    else:
        title = _("{title} — as of {date} (month {month})").format(
            title=literal(scoped_title(report)), date=report.as_of, month=report.month
        )
        print_grid(out, report_grid(out, report.indicators, report, title, grouped=True, by_region=by_region))
        out.prose(_summary_block(report, markdown=False, spaced=out.is_terminal))


def render_lagging(report: Report, needing: list[IndicatorResult], fmt: str, out: Out) -> None:
    if fmt == "json":
        out.write(json_bytes(report_json(report, needing)))
    elif fmt == "csv":
        out.write(indicators_csv(needing))
    elif fmt == "markdown":
        if _beyond_lagging(needing):
            head = _("{title}: needing attention as of {date}")
        else:
            head = _("{title}: lagging and overdue as of {date}")
        head = "## " + head.format(title=markdown_cell(scoped_title(report)), date=report.as_of)
        none = _("Nothing is lagging or overdue.") + "\n"
        out.write(
            head + "\n\n" + (markdown_rows(needing) if needing else none) + _unreported(report, needing)
        )
    elif not needing:
        out.write(
            _("Nothing is lagging or overdue as of {date} (month {month}).").format(
                date=report.as_of, month=report.month
            )
            + "\n"
            + _unreported(report, needing)
        )
    else:
        # A breached limit or a stage behind (listed whatever its indicator's status) is more than
        # lagging or overdue: the title says so only then, and stays as it was otherwise.
        if _beyond_lagging(needing):
            title = _("Needing attention as of {date} (month {month}): {count}")
        else:
            title = _("Lagging and overdue as of {date} (month {month}): {count}")
        title = title.format(date=report.as_of, month=report.month, count=len(needing))
        print_grid(out, report_grid(out, needing, report, title, grouped=False))
        out.prose(_unreported(report, needing))


def render_escalations(report: Report, rows: list[IndicatorResult], fmt: str, out: Out) -> None:
    """The indicators that reached a step of the escalation ladder, the highest step first."""
    if fmt == "json":
        out.write(json_bytes(report_json(report, rows)))
        return
    if fmt == "csv":
        out.write(indicators_csv(rows))
        return
    ladder = _("Ladder: {ladder}").format(ladder=ladder_text(report.ladder))
    if not rows:
        out.write(
            _("Nothing has reached a step of the escalation ladder as of {date} (month {month}).").format(
                date=report.as_of, month=report.month
            )
            + "\n"
            + ladder
            + "\n"
        )
        return
    title = _("Escalations as of {date} (month {month}): {count}").format(
        date=report.as_of, month=report.month, count=len(rows)
    )
    headers = [_("Step"), _("ID"), _("Indicator"), _("Owners"), "%", _("Gap"), _("Status"), _("Months")]
    cells = [
        [
            r.escalation or "", r.id, r.name, departments(r.owners), percent(r.percent), signed(r.gap),
            status_and_light(r.status, r.light), str(r.lagging_months),
        ]
        for r in rows
    ]  # fmt: skip
    if fmt == "markdown":
        head = "## " + markdown_cell(title) + "\n\n"
        out.write(head + markdown_table(headers, cells) + "\n" + ladder + "\n")
        return
    grid = Grid(literal(title), [
        Column(headers[0], wrap=False, whole=True), Column(headers[1], wrap=False, whole=True),
        Column(headers[2], min_width=12), Column(headers[3], optional=1),
        Column("%", "right", wrap=False, whole=True),
        Column(headers[5], "right", wrap=False, optional=5, whole=True),
        Column(headers[6], whole=True), Column(headers[7], "right", wrap=False, whole=True),
    ])  # fmt: skip
    for row in cells:
        grid.rows.append([literal(cell) for cell in row])
    print_grid(out, grid)
    out.write(literal(ladder) + "\n")


def _beyond_lagging(needing: list[IndicatorResult]) -> bool:
    """Whether the list holds more than lagging and overdue: a breached limit, a stage behind."""
    return not all(r.status in ("lagging", "overdue") for r in needing)


def _unreported(report: Report, listed: list[IndicatorResult]) -> str:
    """What `lagging` does not list but an office must chase: indicators with no figure yet
    (one listed for a stage behind is not counted again)."""
    count = report.selected.get("no_data", 0) - sum(r.status == "no_data" for r in listed)
    if count <= 0:
        return ""
    text = ngettext(
        "Not listed: {count} indicator with no figure yet ('report --status no_data' lists it).",
        "Not listed: {count} indicators with no figure yet ('report --status no_data' lists them).",
        count,
    )
    return text.format(count=count) + "\n"


def _summary_block(report: Report, *, markdown: bool, spaced: bool = False) -> str:
    """The lines under the table; `spaced` (on a terminal): its counts apart by spaces too, for a
    narrow one to wrap between them (滞后4项 whole, not 滞 over 后4项)."""
    head = [
        _("Indicators: {counts}").format(counts=summary_text(report.summary_indicators, spaced=spaced)),
        _("Projects: {counts}").format(counts=summary_text(report.summary_projects, spaced=spaced)),
    ]
    if report.stages_overdue.get("indicators"):
        head.append(stages_overdue_text(report.stages_overdue))
    head.append(rules_text(report.thresholds, report.month))
    if report.warnings:
        lines = [_("Warnings:"), *(f"- {one_line(warning_text(w))}" for w in report.warnings)]
    else:
        lines = [_("Warnings: none")]
    sep = "\n\n" if markdown else "\n"
    return sep.join(head) + "\n" + ("\n" if markdown else "") + "\n".join(lines) + "\n"


# --- the table of indicators, shared with show PROJECT -----------------------------------------


class StatusCells:
    """The status in words with its light: in colour on a terminal that has it, else named. A
    table has thousands of rows and a few statuses: each cell is made once and shown again."""

    def __init__(self, colour: bool = False) -> None:
        self.colour = colour
        self.words = status_words()
        self.lights = light_words()
        self.template = _("{status} ({light})")
        self.made: dict[tuple[str, str], Styled] = {}

    def __call__(self, status: str, light: str) -> Styled:
        found = self.made.get((status, light))
        if found is None:
            found = self.made[status, light] = self._cell(status, light)
        return found

    def _cell(self, status: str, light: str) -> Styled:
        if self.colour:
            return Styled(f"● {self.words[status]}", LIGHT_STYLE[light])
        return Styled(
            self.template.format(status=self.words[status], light=self.lights[light]), LIGHT_STYLE[light]
        )


def report_grid(
    out: Out, rows: list[IndicatorResult], report: Report, title: str, grouped: bool, by_region: bool = False
) -> Grid:
    """Indicators as table rows; `grouped`, each project's row above its indicators."""
    terminal = out.is_terminal
    colour = terminal and not out.console.no_color
    # On a narrow terminal a project's long promise would fill a dozen lines of its column:
    # it is cut there (`show N` and the other formats give it whole).
    title_cells = 36 if terminal and (out.width or 0) < 120 else None
    grid = Grid(title, [
        Column(_("ID"), wrap=False, whole=True),
        Column(_("Indicator"), min_width=12),
        Column(_("Owners"), optional=1),
        Column(_("Target"), "right", optional=8, whole=True),
        Column(_("Value"), "right", optional=9, whole=True),
        Column(_("Progress"), wrap=False, optional=4, whole=True),
        Column("%", "right", wrap=False, whole=True),
        Column(_("Exp."), "right", wrap=False, optional=5, whole=True),
        Column(_("Gap"), "right", wrap=False, optional=7, whole=True),
        Column(_("Status"), min_width=8, whole=True),
        Column(_("Δ"), "right", wrap=False, optional=2, whole=True),
        Column(_("Month"), "right", wrap=False, optional=3, whole=True),
    ])  # fmt: skip
    # Narrower still, the optional columns go in the order of their levels: owners, change,
    # month, the bar (below fixed widths), then only as the figures need it the expected
    # percent, the label, the gap, the target and the value; the id, the %, the status stay.
    # The label a department or bulletin gave, beside the status: a column only where one was given.
    labelled = any(r.label is not None for r in rows)
    if labelled:
        grid.columns.append(Column(_("Label"), min_width=6, optional=6))
    status_cell = StatusCells(colour)
    projects = {p.number: p for p in report.projects}
    current = None
    for r in rows:
        if grouped and r.project != current:
            current = r.project
            p = projects[r.project]
            status = status_cell(p.status, p.light)
            owners = literal(departments(p.owners))
            shown = literal(p.title) if title_cells is None else clip(literal(p.title), title_cells)
            grid.rows.append(Section([
                str(p.number), Styled(shown, "bold"), owners,
                "", "", "", "", "", "", status, "", "", *([""] if labelled else []),
            ], f"{p.number}  {literal(p.title)} — {status.text} — {owners}"))  # fmt: skip
        grid.rows.append([
            literal(r.id), literal(r.name), literal(departments(r.owners)), literal(target_text(r)),
            literal(value_text(r)), bar(r.percent, terminal), percent(r.percent),
            expected_text(r), signed(r.gap), status_cell(r.status, r.light),
            signed(r.change), str(r.as_of_month) if r.as_of_month else "—",
            *([literal(label_text(r))] if labelled else []),
        ])  # fmt: skip
        for x in r.breakdown.regions if by_region and r.breakdown is not None else ():
            grid.rows.append([
                "", "  " + literal(x.region), "", amount(x.target, r.unit), amount(x.value),
                bar(x.percent, terminal), percent(x.percent), percent(x.expected_percent), signed(x.gap),
                status_cell(x.status, x.light), "", str(x.as_of_month) if x.as_of_month else "—",
                *([""] if labelled else []),
            ])  # fmt: skip
    return grid


def markdown_rows(rows: list[IndicatorResult], *, by_region: bool = False) -> str:
    """Indicators as a Markdown table (`by_region`: each region's line under its indicator)."""
    headers = [_("ID"), _("Indicator"), _("Owners"), _("Target"), _("Value"), "%", _("Expected %"), _("Gap")]
    headers.append(_("Status"))
    labelled = any(r.label is not None for r in rows)
    if labelled:
        headers.append(_("Label"))
    body = [
        [
            r.id,
            r.name,
            departments(r.owners),
            target_text(r),
            value_text(r),
            percent(r.percent),
            expected_text(r),
            signed(r.gap),
            status_and_light(r.status, r.light),
            *([label_text(r)] if labelled else []),
        ]
        for r in rows
    ]
    if by_region:
        body = []
        for r in rows:
            body.append(
                [r.id, r.name, departments(r.owners), target_text(r), value_text(r), percent(r.percent),
                 expected_text(r), signed(r.gap), status_and_light(r.status, r.light)]
            )  # fmt: skip
            body += [
                ["", "· " + x.region, "", amount(x.target, r.unit), amount(x.value), percent(x.percent),
                 percent(x.expected_percent), signed(x.gap), status_and_light(x.status, x.light)]
                for x in (r.breakdown.regions if r.breakdown is not None else ())
            ]  # fmt: skip
    return markdown_table(headers, body)
