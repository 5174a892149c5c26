"""The month's forms (填报表): one workbook per department, its indicators and empty cells for
the new figures, locked but for those cells, marked with the plan year, month and department."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import plans
from .numbers import format_decimal, to_decimal
from .progress.results import Report
from .records import PlanRecord
from .tables import MARK_SHEET
from .text import cell_width

MARK_KIND = "shishi progress form 1"
LABELS = ("已完成", "进展迅速", "进展顺利", "进度滞后", "未开工")  # each in the labels table (docs/rules.md)

# (English, Chinese) headers; the input columns' names are those import-progress reads.
_HEADERS = [
    ("indicator", "指标编号"), ("project", "项目"), ("name", "指标名称"), ("stage", "阶段"),
    ("unit", "单位"), ("target", "目标"), ("last figure", "上期累计"), ("last month", "上期月份"),
    ("expected %", "时序进度(%)"), ("value", "累计完成"), ("label", "进展标签"), ("note", "备注"),
]  # fmt: skip
INPUT_COLUMNS = 3  # the last three: value, label, note
_WINDOWS_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$", re.IGNORECASE)
_MONTHS_EN = ("January February March April May June July August September October November December").split()


@dataclass(slots=True)
class FormRow:
    indicator: str
    project: int
    name: str
    stage: str | None  # the stage this row's figure is for (None: unstaged, or a milestone)
    unit: str
    target: str | None
    last: str | None  # the last figure before the month (a milestone: its stage reached)
    last_month: int | None
    expected: Any  # the expected percent as of the month
    milestone_stages: list[str] | None  # a milestone's stages: its input is one of them


@dataclass(slots=True)
class Form:
    department: str
    file_name: str
    rows: list[FormRow]


def safe_file_name(name: str) -> str:
    """A department's name as a file name Windows accepts (no <>:"/\\|?*, no trailing dot)."""
    cleaned = _WINDOWS_UNSAFE.sub("_", name).strip().rstrip(". ") or "_"
    return f"_{cleaned}" if _WINDOWS_RESERVED.match(cleaned) else cleaned


def plan_forms(
    plan: PlanRecord, report: Report, departments: list[str] | None, all_owners: bool
) -> list[Form]:
    """A form per department (the plan's order) with the indicators it leads (with
    `all_owners`, also those it supports); `departments`: only these."""
    expected = {r.id: r.expected_percent for r in report.indicators}
    last = _last_figures(plan, report.month)
    by_department: dict[str, list[FormRow]] = {}
    for project in plan["projects"]:
        for indicator in project["indicators"]:
            owners = plans.answering(project, indicator)
            chosen = owners if all_owners else owners[:1]
            rows = _rows(project["number"], indicator, expected.get(indicator["id"]), last)
            for owner in chosen:
                by_department.setdefault(owner, []).extend(rows)
    order = plans.department_names(plan)
    short = plans.aliases(plan)
    forms = []
    for name in sorted(by_department, key=lambda n: order.index(n) if n in order else len(order)):
        if departments is not None and name not in departments:
            continue
        file_name = safe_file_name((short.get(name) or [name])[0]) + ".xlsx"
        forms.append(Form(name, file_name, by_department[name]))
    return forms


def _rows(
    number: int, indicator: Any, expected: Any, last: dict[tuple[str, str | None], Any]
) -> list[FormRow]:
    ident = indicator["id"]
    if indicator["kind"] == "milestone":
        figure = last.get((ident, None))
        return [
            FormRow(ident, number, indicator["name"], None, "", None,
                    figure and figure["stage"], figure and figure["month"], expected, indicator["stages"])
        ]  # fmt: skip
    stages: list[str | None] = list(indicator["stages"]) or [None]
    targets = {s["stage"]: s["target"] for s in indicator.get("stage_schedules", [])}
    rows = []
    for stage in stages:
        figure = last.get((ident, stage))
        target = indicator["target"] if stage in (None, indicator["counts"]) else targets.get(stage)
        rows.append(
            FormRow(ident, number, indicator["name"], stage, indicator["unit"], target,
                    figure and figure["value"], figure and figure["month"], expected, None)
        )  # fmt: skip
    return rows


def _last_figures(plan: PlanRecord, month: int) -> dict[tuple[str, str | None], Any]:
    """Each indicator's and stage's figure in force before `month` (a milestone: one series)."""
    milestones = {i["id"] for p in plan["projects"] for i in p["indicators"] if i["kind"] == "milestone"}
    found: dict[tuple[str, str | None], Any] = {}
    for entry in plan["progress"]:
        if entry["month"] >= month:
            continue
        ident = entry["indicator"]
        key = (ident, None if ident in milestones else entry.get("stage"))
        known = found.get(key)
        if known is None or entry["month"] >= known["month"]:
            found[key] = entry
    return found


def workbook(plan: PlanRecord, form: Form, month: int, due: date | None, chinese: bool) -> bytes:
    """The form as .xlsx bytes."""
    import openpyxl  # type: ignore[import-untyped]  # lazily: start-up time matters
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "填报表" if chinese else "form"
    headers = [zh if chinese else en for en, zh in _HEADERS]
    width = len(headers)
    if chinese:
        title = f"{plan['title']} {plan['year']}年{month}月进展填报表"
        line = f"填报单位：{form.department}    填报月份：{plan['year']}年{month}月"
        if due is not None:
            line += f"    报送截止：{due.year}年{due.month}月{due.day}日"
    else:
        title = f"{plan['title']}: progress form for {_MONTHS_EN[month - 1]} {plan['year']}"
        line = f"Department: {form.department}    Month: {plan['year']}-{month:02d}"
        if due is not None:
            line += f"    Return by: {due.isoformat()}"
    sheet.append([title])
    sheet.append([line])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(headers)
    bold = Font(bold=True)
    for cell in sheet[3]:
        cell.font = bold
    widths = [cell_width(h) for h in headers]
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    numbers.error = "请填写不小于0的数字" if chinese else "Give a number, 0 or more"
    numbers.showErrorMessage = True  # a rule: Excel and WPS refuse anything else as it is typed
    labels = DataValidation(type="list", formula1='"' + ",".join(LABELS) + '"', allow_blank=True)
    labels.showErrorMessage = False  # a suggestion, not a rule
    sheet.add_data_validation(numbers)
    sheet.add_data_validation(labels)
    by_stages: dict[tuple[str, ...], Any] = {}
    fill = PatternFill("solid", fgColor="FFF2CC")
    for number, row in enumerate(form.rows, start=4):
        cells: list[object] = [
            row.indicator, row.project, row.name, row.stage or "", row.unit,
            _number(row.target), _number(row.last) if row.milestone_stages is None else (row.last or ""),
            row.last_month or "", row.expected,
        ]  # fmt: skip
        sheet.append(cells)
        sheet.cell(row=number, column=1).data_type = "s"
        for index, value in enumerate(cells):
            widths[index] = max(widths[index], cell_width(str(value)))
        for column in range(width - INPUT_COLUMNS + 1, width + 1):
            cell = sheet.cell(row=number, column=column)
            cell.protection = Protection(locked=False)
            cell.fill = fill
        value_cell = sheet.cell(row=number, column=width - INPUT_COLUMNS + 1).coordinate
        if row.milestone_stages is not None:
            stages = tuple(row.milestone_stages)
            if stages not in by_stages:
                by_stages[stages] = DataValidation(
                    type="list",
                    formula1='"' + ",".join(stages) + '"',
                    allow_blank=True,
                    showErrorMessage=True,
                )
                sheet.add_data_validation(by_stages[stages])
            by_stages[stages].add(value_cell)
        else:
            numbers.add(value_cell)
        labels.add(sheet.cell(row=number, column=width - 1).coordinate)
    for index, column_width in enumerate(widths):
        letter = openpyxl.utils.get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = min(50, max(8, column_width + 2))
    for letter in (openpyxl.utils.get_column_letter(width - 1), openpyxl.utils.get_column_letter(width)):
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width, 16)
    sheet.protection.sheet = True  # no password: a lock against slips, not against people
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "3:3"
    sheet.freeze_panes = "A4"
    marks = book.create_sheet(MARK_SHEET)
    for key, value in (
        ("form", MARK_KIND), ("year", plan["year"]), ("month", month), ("department", form.department),
    ):  # fmt: skip
        marks.append([key, value])
    marks.sheet_state = "hidden"
    marks.protection.sheet = True
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def _number(text: str | None) -> object:
    if text is None:
        return ""
    value = to_decimal(text)
    return int(value) if value == value.to_integral_value() else float(format_decimal(value))
