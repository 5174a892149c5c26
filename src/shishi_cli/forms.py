"""The month's forms (填报表): one workbook per department, its indicators and empty cells for
the new figures, locked but for those cells, marked with the plan year, month and department."""

from __future__ import annotations

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
    ("region", "地区"),  # only on a form with an indicator broken down by region
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
    region: str | None = None  # a region's row of an indicator broken down by region (its share)


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
    last, by_region = _last_figures(plan, report.month)
    by_department: dict[str, list[FormRow]] = {}
    for project in plan["projects"]:
        for indicator in project["indicators"]:
            owners = plans.answering(project, indicator)
            chosen = owners if all_owners else owners[:1]
            rows = _rows(project["number"], indicator, expected.get(indicator["id"]), last, by_region)
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
    number: int,
    indicator: Any,
    expected: Any,
    last: dict[tuple[str, str | None], Any],
    by_region: dict[tuple[str, str | None], dict[str, Any]],
) -> list[FormRow]:
    """An indicator's rows: one, a milestone's; one a stage; the stage its target counts, when
    its target is broken down by region, a row a region (its share, its last figure): the
    department reports each region's figure, which add up to the indicator's."""
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
        counted = stage in (None, indicator["counts"])
        if counted and indicator.get("regions"):
            figures = by_region.get((ident, stage), {})
            for share in indicator["regions"]:
                figure = figures.get(share["region"])
                rows.append(
                    FormRow(ident, number, indicator["name"], stage, indicator["unit"], share["target"],
                            figure and figure.get("value"), figure and figure["month"], expected, None,
                            share["region"])
                )  # fmt: skip
            continue
        figure = last.get((ident, stage))
        target = indicator["target"] if counted else targets.get(stage)
        rows.append(
            FormRow(ident, number, indicator["name"], stage, indicator["unit"], target,
                    figure and figure["value"], figure and figure["month"], expected, None)
        )  # fmt: skip
    return rows


def _last_figures(
    plan: PlanRecord, month: int
) -> tuple[dict[tuple[str, str | None], Any], dict[tuple[str, str | None], dict[str, Any]]]:
    """Each indicator's and stage's figure in force before `month` (a milestone: one series), and
    each region's of an indicator broken down by region (its rows are the regions')."""
    milestones = {i["id"] for p in plan["projects"] for i in p["indicators"] if i["kind"] == "milestone"}
    latest: dict[tuple[str, str | None, str | None], Any] = {}
    for entry in plan["progress"]:
        if entry["month"] >= month:
            continue
        ident = entry["indicator"]
        key = (ident, None if ident in milestones else entry.get("stage"), entry.get("region"))
        known = latest.get(key)
        if known is None or entry["month"] >= known["month"]:
            latest[key] = entry
    found: dict[tuple[str, str | None], Any] = {}
    by_region: dict[tuple[str, str | None], dict[str, Any]] = {}
    for (ident, stage, region), entry in latest.items():
        if region is None:
            found[ident, stage] = entry
        else:
            by_region.setdefault((ident, stage), {})[region] = entry
    return found, by_region


def workbook(plan: PlanRecord, form: Form, month: int, due: date | None, chinese: bool) -> bytes:
    """The form as .xlsx bytes."""
    from .xlsx import Look, Validation, Workbook

    book = Workbook()
    sheet = book.add("填报表" if chinese else "form")
    regional = any(row.region is not None for row in form.rows)
    named = [h for h in _HEADERS if regional or h[0] != "region"]
    headers = [zh if chinese else en for en, zh in named]
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
    sheet.append_merged(title, book.look(Look(bold=True, size=14, horizontal="center")), width)
    sheet.append_merged(line, 0, width)
    sheet.append(headers, [book.look(Look(bold=True))] * width)
    widths = [cell_width(h) for h in headers]
    numbers = Validation(
        "decimal", ">=", 0, show_error=True,  # a rule: refused as typed
        error="请填写不小于0的数字" if chinese else "Give a number, 0 or more",
    )  # fmt: skip
    labels = Validation("list", values=list(LABELS))  # a suggestion, not a rule
    sheet.validations += [numbers, labels]
    by_stages: dict[tuple[str, ...], Validation] = {}
    # The input cells (value, label, note): filled and left unlocked on the locked sheet.
    looks = [0] * (width - INPUT_COLUMNS) + [book.look(Look(fill="FFF2CC", locked=False))] * INPUT_COLUMNS
    value_letter, label_letter = sheet.letter(width - INPUT_COLUMNS), sheet.letter(width - INPUT_COLUMNS + 1)
    for number, row in enumerate(form.rows, start=4):
        cells: list[object] = [
            row.indicator, row.project, row.name, row.stage or "", *([row.region or ""] if regional else []),
            row.unit, _number(row.target),
            _number(row.last) if row.milestone_stages is None else (row.last or ""),
            row.last_month or "", row.expected,
        ]  # fmt: skip
        sheet.append([*cells, None, None, None], looks)
        for index, value in enumerate(cells):
            widths[index] = max(widths[index], cell_width(str(value)))
        if row.milestone_stages is not None:
            stages = tuple(row.milestone_stages)
            if stages not in by_stages:
                by_stages[stages] = Validation("list", values=list(stages), show_error=True)
                sheet.validations.append(by_stages[stages])
            by_stages[stages].cells.append(f"{value_letter}{number}")
        else:
            numbers.cells.append(f"{value_letter}{number}")
        labels.cells.append(f"{label_letter}{number}")
    for index, column_width in enumerate(widths):
        sheet.widths[index] = min(50, max(8, column_width + 2))
    for index in (width - 2, width - 1):
        sheet.widths[index] = max(sheet.widths.get(index, 0), 16)
    sheet.protected = True  # no password: a lock against slips, not against people
    sheet.landscape_fit = True
    sheet.print_rows = (3, 3)
    sheet.frozen_rows = 3
    marks = book.add(MARK_SHEET, hidden=True)
    for key, value in (
        ("form", MARK_KIND), ("year", plan["year"]), ("month", month), ("department", form.department),
    ):  # fmt: skip
        marks.append([key, value])
    marks.protected = True
    return book.save()


def _number(text: str | None) -> object:
    if text is None:
        return ""
    value = to_decimal(text)
    return int(value) if value == value.to_integral_value() else float(format_decimal(value))
