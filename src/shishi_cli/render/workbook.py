"""The report as a workbook for people (export --what report as .xlsx): in the interface language,
a sheet per view (indicators, projects, departments ranked, warnings), the light as a cell's fill.

CSV and JSON stay the English contract scripts read (contract.py); this is for reading.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from shishi_cli.i18n import _, pgettext
from shishi_cli.tables import Cell, Sheet

from .words import (
    amount,
    departments,
    expected_text,
    label_text,
    scoped_title,
    status_and_light,
    summary_text,
    target_text,
    value_text,
    warning_text,
)

if TYPE_CHECKING:
    from shishi_cli.progress import DepartmentStanding, Number, Report

# A light as a cell's fill: soft enough to read black text on, printed or on screen.
LIGHT_FILL = {"blue": "BDD7EE", "green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "grey": "E7E6E6"}
PERCENT_FORMAT = "0.00%"
POINTS_FORMAT = "+0.00;-0.00;0"


def report_sheets(report: Report, standings: list[DepartmentStanding]) -> list[Sheet]:
    """The workbook's sheets: 指标, 项目, 责任单位 (the league table) and 预警."""
    title = _("{title} — as of {date} (month {month})").format(
        title=scoped_title(report), date=report.as_of, month=report.month
    )
    sheets = [
        Sheet(pgettext("sheet", "Indicators"), title, _indicator_header(), _indicator_rows(report)),
        Sheet(pgettext("sheet", "Projects"), title, _project_header(), _project_rows(report)),
    ]
    if standings:
        sheets.append(
            Sheet(pgettext("sheet", "Departments"), title, _league_header(), _league_rows(standings))
        )
    sheets.append(
        Sheet(
            pgettext("sheet", "Warnings"),
            title,
            [_("ID"), _("Indicator"), pgettext("sheet", "Warning")],
            [[w.indicator, w.name, warning_text(w)] for w in report.warnings],
        )
    )
    return sheets


def _fraction(value: Number | None) -> Cell | None:
    """A percent as a spreadsheet number (51.54 -> 0.5154) shown as 51.54%."""
    if value is None:
        return None
    return Cell(round(value / 100, 6), number_format=PERCENT_FORMAT, shown=f"{value:.2f}%")


def _points(value: Number | None) -> Cell | None:
    return None if value is None else Cell(value, number_format=POINTS_FORMAT, shown=f"+{value:.2f}")


def _status(status: str, light: str) -> Cell:
    return Cell(status_and_light(status, light), fill=LIGHT_FILL[light])


def _indicator_header() -> list[str]:
    return [
        _("ID"), _("Indicator"), _("Owners"), _("Target"), _("Value"), _("Unit"),
        pgettext("sheet", "Percent"), _("Expected %"), _("Gap"), _("Status"), _("Label"), _("Month"),
        _("Step"),
    ]  # fmt: skip


def _amount(value: Number) -> Cell:
    """A quantity as a number a leader can sort and sum, grouped as people write it, with the
    decimals it has (494.3 as 494.3, 18.04 as 18.04, not to a fixed two), as the terminal shows it."""
    places = 0 if type(value) is int else max(0, -int(Decimal(repr(value)).normalize().as_tuple().exponent))
    return Cell(value, number_format="#,##0." + "0" * places if places else "#,##0", shown=amount(value))


def _indicator_rows(report: Report) -> list[list[object]]:
    rows: list[list[object]] = []
    for r in report.indicators:
        # Numbers where the line is a plain quantity; words where it says more (a limit, a
        # baseline, a milestone's stage, the other stages' figures).
        plain = r.kind != "milestone" and r.at_most is None and r.at_least is None and r.baseline is None
        target = _amount(r.target) if plain and r.target is not None else target_text(r)
        value = _amount(r.value) if plain and r.value is not None and not r.stages else value_text(r)
        rows.append([
            r.id, r.name, departments(r.owners), target, value, r.unit or None, _fraction(r.percent),
            _fraction(r.expected_percent) if expected_text(r) else None, _points(r.gap),
            _status(r.status, r.light), label_text(r) or None, r.as_of_month, r.escalation,
        ])  # fmt: skip
    return rows


def _project_header() -> list[str]:
    return [
        pgettext("sheet", "No."), pgettext("sheet", "Project"), _("Owners"),
        pgettext("sheet", "Indicators"), _("Status"), _("Step"),
    ]  # fmt: skip


def _project_rows(report: Report) -> list[list[object]]:
    return [
        [
            p.number,
            p.title,
            departments(p.owners),
            len(p.indicators),
            _status(p.status, p.light),
            p.escalation,
        ]  # fmt: skip
        for p in report.projects
    ]


def _league_header() -> list[str]:
    return [
        _("Rank"), _("Department"), _("Short names"), _("Led"), _("Supported"), _("Statuses"),
        _("Worst gap"), pgettext("sheet", "Worst indicator"), _("Mean gap"), _("Months lagging"),
        _("Not reported"), _("Step"),
    ]  # fmt: skip


def _league_rows(standings: list[DepartmentStanding]) -> list[list[object]]:
    rows: list[list[object]] = []
    for s in standings:
        fill = "FFC7CE" if any(s.statuses[k] for k in ("overdue", "breached")) else None
        if fill is None and s.statuses["lagging"]:
            fill = "FFEB9C"
        rows.append([
            s.rank, Cell(s.department, fill=fill), "、".join(s.aliases), s.led, s.supported,
            summary_text(s.statuses), _points(s.worst_gap), s.worst_indicator, _points(s.mean_gap),
            s.worst_lagging_months, s.missing, s.escalation,
        ])  # fmt: skip
    return rows
