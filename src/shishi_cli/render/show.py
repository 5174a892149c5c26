"""The show view: one indicator (definition, month by month, every entry) or one project, in each format."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.i18n import _
from shishi_cli.numbers import format_decimal
from shishi_cli.progress import Number
from shishi_cli.text import cell_width, literal, markdown_cell

from .contract import indicators_csv, months_csv, show_indicator_json, show_project_json
from .output import Cell, Column, Grid, Out, Styled, bar, json_bytes, markdown_table, print_grid, spark
from .report import markdown_rows, report_grid

if TYPE_CHECKING:
    from shishi_cli.progress import IndicatorDetail, ProjectDetail

from .words import (
    LIGHT_STYLE,
    amount,
    change_words,
    departments,
    follow_up_text,
    label_text,
    percent,
    schedule_text,
    signed,
    source_text,
    stage_status_text,
    status_and_light,
    status_words,
    target_text,
    value_text,
)


def render_show(detail: IndicatorDetail | ProjectDetail, fmt: str, out: Out) -> None:
    from shishi_cli.progress import ProjectDetail  # (show's own: imported when asked for)

    if isinstance(detail, ProjectDetail):
        _show_project(detail, fmt, out)
    else:
        _show_indicator(detail, fmt, out)


def _show_project(d: ProjectDetail, fmt: str, out: Out) -> None:
    p, report = d.project, d.report
    if fmt == "json":
        out.write(json_bytes(show_project_json(d)))
    elif fmt == "csv":
        out.write(indicators_csv(report.indicators))
    elif fmt == "markdown":
        out.write(f"## 第{p.number}件 {markdown_cell(p.title)}\n\n" + markdown_rows(report.indicators))
    else:
        title = _("Project {number} as of {date} (month {month}): {status}").format(
            number=p.number, date=report.as_of, month=report.month, status=status_words()[p.status]
        )
        print_grid(out, report_grid(out, report.indicators, report, title, grouped=True))


def _show_indicator(d: IndicatorDetail, fmt: str, out: Out) -> None:
    r = d.result
    if fmt == "json":
        out.write(json_bytes(show_indicator_json(d)))
    elif fmt == "csv":
        out.write(months_csv(d))
    elif fmt == "markdown":
        rows = [
            [
                str(m.month),
                amount(m.value, r.unit) if r.kind != "milestone" else (m.stage or "—"),
                percent(m.percent),
                percent(m.expected_percent),
                status_words()[m.status],
            ]
            for m in d.months
        ]
        out.write(
            f"## {markdown_cell(r.id)} {markdown_cell(r.name)}\n\n"
            + markdown_table([_("Month"), _("Value"), "%", _("Expected %"), _("Status")], rows)
        )
    else:
        out.prose("".join(literal(line) + "\n" for line in _facts(d)) + "\n")
        _tables(d, out)


def _facts(d: IndicatorDetail) -> list[str]:
    """The indicator in sentences: its definition, where it stands, the pace it needs, sparklines."""
    r = d.result
    limited = r.at_most is not None or r.at_least is not None
    if r.kind == "milestone":
        defined = _("A milestone; deadline {deadline}").format(deadline=r.deadline)
    elif limited:
        defined = _("Limit: {limit}, held all year by the latest figure").format(limit=target_text(r))
    else:
        defined = _("Target: {target}; deadline {deadline}").format(
            target=target_text(r), deadline=r.deadline
        )
    lines = [
        f"{r.id} {r.name}",
        _("Project {number}: {title}").format(number=d.project, title=d.project_title),
        _("Owners: {owners}").format(owners=departments(r.owners) or "—"),
        defined
        + (_("; stages {stages}").format(stages="→".join(d.stages)) if d.stages else "")
        + (_(" (counts {stage})").format(stage=d.counts) if d.counts and r.kind != "milestone" else ""),
    ]
    if d.trajectory:
        planned = ", ".join(f"{m}:{format_decimal(p)}%" for m, p in d.trajectory)
        lines.append(_("Trajectory: {trajectory}").format(trajectory=planned))
    for schedule in d.stage_schedules:
        lines.append(_("Stage schedule: {schedule}").format(schedule=schedule_text(schedule, r.unit)))
    for change in r.changes:
        lines.append(_("Change: {change}").format(change=change_words(change)))
    where = _("As of month {month}: {value}").format(month=d.month, value=value_text(r))
    if r.percent is not None:
        where += _("; {percent} % of target, expected {expected} %").format(
            percent=percent(r.percent), expected=percent(r.expected_percent)
        )
    elif not limited:  # a limit expects nothing of the calendar
        where += _("; expected {expected} %").format(expected=percent(r.expected_percent))
    if r.gap is not None:
        where += _(", gap {gap} points").format(gap=signed(r.gap))
    lines.append(f"{where} — {status_and_light(r.status, r.light)}")
    if r.label is not None:
        lines.append(_("Label: {label}").format(label=label_text(r)))
    for f in r.follow_ups:
        lines.append(_("Follow-up: {follow_up}").format(follow_up=follow_up_text(f)))
    for stage, s in (r.stage_status or {}).items():
        lines.append(_("Stage {stage}").format(stage=stage_status_text(stage, s, r.unit)))
    if r.required_per_month is not None:
        pace = r.required_per_month
        if pace >= 0:
            need = _("Needs {amount} more a month to meet the target by {deadline}")
        else:
            need = _("Needs to go down by {amount} a month to meet the target by {deadline}")
        lines.append(need.format(amount=amount(abs(pace), r.unit), deadline=r.deadline))
    if any(m.percent is not None for m in d.months):
        labels = [_("Progress by month"), _("Expected")]
        pad = max(cell_width(label) for label in labels)
        series: list[list[Number | None]] = [
            [m.percent for m in d.months],
            [m.expected_percent for m in d.months],
        ]
        for label, line, note in zip(
            labels, series, (_("(percent of target)"), _("(时序进度)")), strict=True
        ):
            lines.append(f"{label}{' ' * (pad - cell_width(label))} {spark(line)}  {note}".rstrip())
    return lines


def _tables(d: IndicatorDetail, out: Out) -> None:
    """Month by month, then every entry (a corrected one marked)."""
    r = d.result
    words = status_words()
    # (On a narrow terminal the bar goes, then the expected percent, where the figures need the room.)
    by_month = Grid(_("Month by month"), [
        Column(_("Month"), "right", whole=True), Column(_("Value"), "right", whole=True),
        Column(_("Progress"), wrap=False, optional=5, whole=True), Column("%", "right", whole=True),
        Column(_("Exp."), "right", optional=6, whole=True), Column(_("Status"), wrap=False, whole=True),
    ])  # fmt: skip
    terminal = out.is_terminal
    limited = r.at_most is not None or r.at_least is not None  # which the calendar does not judge
    for m in d.months:
        value = (m.stage or "—") if r.kind == "milestone" else amount(m.value)
        status = Styled(words[m.status], LIGHT_STYLE[m.light])
        expected = "" if limited else percent(m.expected_percent)
        by_month.rows.append([str(m.month), literal(value), bar(m.percent, terminal), percent(m.percent),
                              expected, status])  # fmt: skip
    print_grid(out, by_month)
    if not d.entries:
        out.write(_("No progress entries yet.") + "\n")
        return
    entries = Grid(_("Entries"), [
        Column(_("Month"), "right", whole=True), Column(_("Stage")), Column(_("Value"), "right", whole=True),
        Column(_("Note")), Column(_("Recorded"), wrap=False, whole=True),
    ])  # fmt: skip
    labelled = any(e.label for e in d.entries)  # (the column only where a label was given)
    if labelled:
        entries.columns.append(Column(_("Label")))
    imported = any(e.source for e in d.entries)  # (and only where a figure was imported)
    if imported:
        entries.columns.append(Column(_("Source")))
    regional = any(e.region for e in d.entries)  # (and only where a figure is a region's)
    if regional:
        entries.columns.insert(1, Column(_("Region")))
    for e in d.entries:
        value = amount(e.value) if e.value is not None else ""
        if e.superseded:
            value += _(" (corrected later)")
        row: list[Cell] = [str(e.month), literal(e.stage or ""), value, literal(e.note or ""), e.at or ""]
        if regional:
            row.insert(1, literal(e.region or ""))
        if labelled:
            row.append(literal(e.label or ""))
        if imported:
            row.append(literal(source_text(e.source) if e.source else ""))
        entries.rows.append(row)
    print_grid(out, entries)
