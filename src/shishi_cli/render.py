"""Every view in every format: tables for people, JSON/CSV/markdown for scripts and bulletins.

Functions here receive computed results and an `Out`; they never read files or compute
statuses. Text users typed goes through `literal()`, so markup or escape sequences in a title
are shown, never acted on.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from .i18n import N_, _, language, ngettext
from .numbers import format_decimal, format_grouped
from .progress import (
    STATUSES,
    IndicatorDetail,
    IndicatorResult,
    Number,
    ProjectDetail,
    Report,
    ReportWarning,
    quantity,
)
from .text import cell_width, literal, neutralise

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from .integrity import Finding
    from .plans import Added, FieldChange
    from .records import HistoryRecord, PlanRecord

LIGHT_STYLE = {
    "blue": "bold blue",
    "green": "green",
    "yellow": "yellow",
    "red": "bold red",
    "grey": "dim",
}
STATUS_WORDS = {
    "met": N_("met"),
    "ahead": N_("ahead"),
    "on_track": N_("on track"),
    "lagging": N_("lagging"),
    "overdue": N_("overdue"),
    "no_data": N_("no data"),
    "in_progress": N_("in progress"),
}
LIGHT_WORDS = {
    "blue": N_("blue"),
    "green": N_("green"),
    "yellow": N_("yellow"),
    "red": N_("red"),
    "grey": N_("grey"),
}


def status_words() -> dict[str, str]:
    """Status values (the JSON contract) as people read them, in the interface language."""
    return {status: _(word) for status, word in STATUS_WORDS.items()}


def light_words() -> dict[str, str]:
    return {light: _(word) for light, word in LIGHT_WORDS.items()}


class Out:
    """Where output goes: the raw stream for data formats, a rich console (made on demand) for tables."""

    def __init__(self, file: IO[str] | None = None) -> None:
        self.file = file if file is not None else sys.stdout

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(file=self.file, highlight=False, markup=False, emoji=False)

    @cached_property
    def is_terminal(self) -> bool:
        """Output to a terminal gets rich tables; a pipe or a file gets plain text (and needs
        no rich console at all, which keeps a cron job's start-up short)."""
        isatty = getattr(self.file, "isatty", None)
        return bool(isatty is not None and isatty())

    @property
    def width(self) -> int | None:
        """Columns to fit: the terminal's; in a pipe, $COLUMNS if set, else no limit."""
        if self.is_terminal:
            return self.console.width
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isascii() and columns.isdecimal() else None

    def prose(self, text: str) -> None:
        """Sentences: wrapped to a terminal's width, written as they are elsewhere."""
        if self.is_terminal:
            self.console.print(text, end="", highlight=False)
        else:
            self.file.write(text)

    def write(self, text: str | bytes) -> None:
        if isinstance(text, bytes):
            buffer = getattr(self.file, "buffer", None)
            if buffer is not None:
                self.file.flush()
                buffer.write(text)
                buffer.flush()
                return
            text = text.decode()
        self.file.write(text)


def make_console() -> Out:
    return Out()


# --- safe text ---------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return literal(text.replace("\r\n", " ").replace("\n", " "))


# --- numbers for JSON --------------------------------------------------------------------------


def _num(value: str | float | None) -> int | float | None:
    """A quantity's text or a rounded percent as a JSON number: 180400, 494.3, 51.54, 50."""
    if value is None:
        return None
    return quantity(value) if isinstance(value, str) else value


def _pts(value: float | None) -> str:
    """Percent or points as shown: 51.54, 50, -31."""
    if value is None:
        return ""
    if type(value) is int:
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def json_bytes(obj: Any) -> bytes:
    """JSON as shishi writes it for people and scripts: indented, Chinese as UTF-8."""
    return _dump(obj)


def _dump(obj: Any) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# --- messages ----------------------------------------------------------------------------------


def describe_added(added: Added) -> str:
    entry, ind = added.entry, added.indicator
    unit = f" {ind['unit']}" if ind["unit"] else ""
    value = entry.get("value")
    if value is None:
        what = _("stage {stage}").format(stage=entry.get("stage"))
    else:
        stage = f" ({entry.get('stage')})" if entry.get("stage") else ""
        what = f"{format_grouped(Decimal(value))}{unit}{stage}"
    text = _("Recorded {indicator} month {month}: {value}").format(
        indicator=ind["id"], month=entry["month"], value=what
    )
    if added.replaced is not None:
        old = added.replaced if value is None else format_grouped(Decimal(added.replaced))
        text += _(", correcting {old}").format(old=old)
    if added.earlier_higher is not None:
        month, figure = added.earlier_higher
        text += _("; note: lower than month {month}'s {value}, and figures are cumulative (累计)").format(
            month=month, value=f"{format_grouped(Decimal(figure))}{unit}"
        )
    if added.later_lower:
        months = ", ".join(map(str, added.later_lower))
        text += _("; note: the cumulative figure of month {months} is lower").format(months=months)
    return text


CHANGED_FIELDS = {
    "id": N_("id"), "name": N_("name"), "title": N_("title"), "owners": N_("owners"),
    "kind": N_("kind"), "target": N_("target"), "unit": N_("unit"), "baseline": N_("baseline"),
    "deadline": N_("deadline"), "stages": N_("stages"), "counts": N_("counted stage"),
    "trajectory": N_("trajectory"), "tolerance": N_("tolerance"), "ahead_margin": N_("ahead margin"),
    "red_gap": N_("red gap"),
}  # fmt: skip


def describe_changes(changes: list[FieldChange]) -> str:
    """What an edit changed, in the interface language: "target 350000 -> 360000; …" (in
    English word for word as the history records it)."""
    if language() == "en":
        return "; ".join(map(str, changes))
    shown = []
    for c in changes:
        if c.field == "converted":
            count = int(c.old)
            text = ngettext(
                "{count} figure converted to {unit}", "{count} figures converted to {unit}", count
            )
            shown.append(text.format(count=count, unit=c.new))
        else:
            old, new = (_("none") if v == "none" else v for v in (c.old, c.new))
            field_name = _(CHANGED_FIELDS[c.field]) if c.field in CHANGED_FIELDS else c.field
            shown.append(_("{field} {old} -> {new}").format(field=field_name, old=old, new=new))
    return _("; ").join(shown)


# --- report rows -------------------------------------------------------------------------------


def indicator_json(r: IndicatorResult) -> dict[str, Any]:
    """An indicator's JSON object: its fields are already in the contract's order and types."""
    return {name: getattr(r, name) for name in CSV_FIELDS}


CSV_FIELDS = [
    "id", "project", "name", "owners", "kind", "unit", "target", "baseline", "value", "stage",
    "as_of_month", "percent", "expected_percent", "gap", "status", "light", "change",
    "lagging_months", "deadline", "required_per_month", "projected_at_deadline", "stages",
]  # fmt: skip


def report_table(report: Report) -> tuple[list[str], list[list[object]]]:
    """The report as spreadsheet rows: the CSV fields, lists and stages as text."""

    def cell(value: Any) -> object:
        if isinstance(value, list):
            return ";".join(value)
        if isinstance(value, dict):
            return ";".join(f"{k}={'' if v is None else v}" for k, v in value.items())
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else value

    return CSV_FIELDS, [[cell(getattr(r, name)) for name in CSV_FIELDS] for r in report.indicators]


def report_json(report: Report, indicators: list[IndicatorResult] | None = None) -> dict[str, Any]:
    rows = report.indicators if indicators is None else indicators
    wanted = {r.project for r in rows}
    return {
        "year": report.year,
        "title": report.title,
        "month": report.month,
        "as_of": report.as_of.isoformat(),
        "tolerance": _num(format_decimal(report.thresholds.tolerance)),
        "ahead_margin": _num(format_decimal(report.thresholds.ahead_margin)),
        "red_gap": _num(format_decimal(report.thresholds.red_gap)),
        "summary": {"indicators": report.summary_indicators, "projects": report.summary_projects},
        "projects": [
            {
                "number": p.number,
                "title": p.title,
                "owners": p.owners,
                "status": p.status,
                "light": p.light,
                "indicators": p.indicators,
            }
            for p in report.projects
            if p.number in wanted
        ],
        "indicators": rows,  # dataclasses: orjson writes their fields directly
        "warnings": [_warning_json(w) for w in report.warnings],
    }


def _warning_json(w: ReportWarning) -> dict[str, Any]:
    return {
        "kind": w.kind,
        "indicator": w.indicator,
        "name": w.name,
        "months": w.months,
        "deadline": w.deadline.isoformat() if w.deadline else None,
        "points": w.points,
        "message": warning_text(w),
    }


def warning_text(w: ReportWarning) -> str:
    kind, indicator, name = w.kind, w.indicator, w.name
    if kind == "overdue":
        return _("{indicator} {name}: overdue since {deadline}").format(
            indicator=indicator, name=name, deadline=w.deadline
        )
    if kind == "due_soon":
        return _("{indicator} {name}: due {deadline} and not met").format(
            indicator=indicator, name=name, deadline=w.deadline
        )
    if kind == "lagging_streak":
        return _("{indicator} {name}: lagging {months} months in a row").format(
            indicator=indicator, name=name, months=w.months
        )
    if kind == "falls":
        return _(
            "{indicator} {name}: progress fell by {points} points since last month; "
            "figures are cumulative (累计)"
        ).format(indicator=indicator, name=name, points=_pts(w.points))
    if kind == "stale":
        return _("{indicator} {name}: latest figure is {months} months old").format(
            indicator=indicator, name=name, months=w.months
        )
    if w.stage:
        return _("{indicator} {name}: no figure of the counted stage {stage} yet").format(
            indicator=indicator, name=name, stage=w.stage
        )
    return _("{indicator} {name}: no figure yet").format(indicator=indicator, name=name)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_decimal(Decimal(repr(value)))  # 0.00001, not 1e-05
    if isinstance(value, list):
        value = ";".join(value)
    elif isinstance(value, dict):
        value = ";".join(f"{k}={_csv_cell(v)}" for k, v in value.items())
    return neutralise(str(value))


def _csv(rows: list[dict[str, Any]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_csv_cell(row.get(f)) for f in fields])
    return buffer.getvalue()


def _md(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _markdown(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --- table pieces ------------------------------------------------------------------------------


def _amount(value: str | float | None, unit: str = "") -> str:
    """A quantity for people, grouped: 180,400 人; 494.3 公里."""
    if value is None:
        return "—"
    if type(value) is int:
        text = f"{value:,}"
    else:
        text = format_grouped(Decimal(value) if isinstance(value, str) else Decimal(repr(value)))
    return f"{text} {unit}" if unit else text


def _value_text(r: IndicatorResult) -> str:
    if r.kind == "milestone":
        return r.stage or "—"
    main = _amount(r.value)
    if r.stages:
        others = [f"{s} {_amount(v)}" for s, v in r.stages.items() if s != r.stage and v is not None]
        main = f"{main} {r.stage}" if r.value is not None else f"— {r.stage}"
        if others:
            main += " (" + ", ".join(others) + ")"
    return main


def _target_text(r: IndicatorResult) -> str:
    if r.kind == "milestone":
        return _("milestone")
    if r.target is None:
        return _("tracked ({unit})").format(unit=r.unit) if r.unit else _("tracked")
    if r.baseline is not None:
        return f"{_amount(r.baseline)} → {_amount(r.target, r.unit)}"
    return _amount(r.target, r.unit)


def _signed(value: float | None) -> str:
    if value is None:
        return ""
    text = _pts(value)
    return text if text.startswith("-") or text == "0" else "+" + text


def _bar(percent: float | None, fancy: bool, width: int = 10) -> str:
    if percent is None:
        return ""
    filled = int(min(max(percent, 0.0), 100.0) * width // 100)
    full, empty = ("█", "░") if fancy else ("#", ".")
    return full * filled + empty * (width - filled)


# --- tables: rich on a terminal, plain aligned text in a pipe or a file ------------------------


@dataclass
class Styled:
    """A cell with a style (bold, or a light's colour) that only a terminal shows."""

    text: str
    style: str


Cell = str | Styled


@dataclass
class Section:
    """A heading row (a project above its indicators): its own line in plain text."""

    cells: list[Cell]
    line: str


@dataclass
class Column:
    header: str
    justify: str = "left"
    wrap: bool = True
    optional: int = 0  # dropped on narrow screens, highest first
    min_width: int | None = None  # on a terminal: the narrowest it may be squeezed to
    cut: bool = False  # too narrow a terminal: end with … rather than fold onto more lines


@dataclass
class Grid:
    title: str | None
    columns: list[Column]
    rows: list[list[Cell] | Section] = field(default_factory=list)


def show(out: Out, grid: Grid) -> None:
    """Print a table: rich (colour, box) on a terminal; plain aligned columns otherwise, which
    stays readable in a pipe and renders thousands of rows in milliseconds."""
    width = out.width
    dropped = {
        i for i, c in enumerate(grid.columns) if c.optional and width is not None and _drop(c.optional, width)
    }
    columns = [c for i, c in enumerate(grid.columns) if i not in dropped]

    def keep(cells: list[Cell]) -> list[Cell]:
        return [cell for i, cell in enumerate(cells) if i not in dropped]

    rows = [
        Section(keep(row.cells), row.line) if isinstance(row, Section) else keep(row) for row in grid.rows
    ]
    if out.is_terminal:
        out.console.print(_rich_table(out, grid.title, columns, rows))
    else:
        out.write(_plain_table(grid.title, columns, rows))


def _drop(level: int, width: int) -> bool:
    # Level 1 goes below 140 columns, level 2 below 125, level 3 below 110, level 4 below 95.
    return width < 155 - 15 * level


def _rich_table(
    out: Out, title: str | None, columns: list[Column], rows: list[list[Cell] | Section]
) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    colour = not out.console.no_color
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold" if colour else "",
        title_style="bold" if colour else "",
        title_justify="left",
    )
    for c in columns:
        table.add_column(
            c.header,
            justify=c.justify,  # type: ignore[arg-type]
            no_wrap=not c.wrap,
            overflow="fold" if c.justify == "left" and not c.cut else "ellipsis",
            min_width=c.min_width,
        )
    for row in rows:
        cells = row.cells if isinstance(row, Section) else row
        table.add_row(
            *(Text(c.text, style=c.style if colour else "") if isinstance(c, Styled) else c for c in cells)
        )
    return table


def _plain_table(title: str | None, columns: list[Column], rows: list[list[Cell] | Section]) -> str:
    plain = [row for row in rows if not isinstance(row, Section)]
    known: dict[str, int] = {}  # owners, units and statuses repeat: measure each text once

    def width_of(text: str) -> int:
        n = known.get(text)
        if n is None:
            n = known[text] = cell_width(text)
        return n

    # Column by column (thousands of rows): each cell padded to its column's width, which
    # counts a Chinese character as two; one line per row, whatever a note holds.
    padded: list[list[str]] = []
    for at, column in enumerate(columns):
        given = [row[at] for row in plain]
        texts = [c if isinstance(c, str) else c.text for c in given]
        texts = [t.replace("\n", " ") if "\n" in t else t for t in texts]
        header = column.header
        sizes = [len(t) if t.isascii() else width_of(t) for t in texts]
        width = max([width_of(header), *sizes])
        if column.justify == "right":
            cells = [" " * (width - n) + t for t, n in zip(texts, sizes, strict=True)]
            head = " " * (width - width_of(header)) + header
        else:
            cells = [t + " " * (width - n) for t, n in zip(texts, sizes, strict=True)]
            head = header + " " * (width - width_of(header))
        padded.append([head, *cells])
    lines = [title] if title else []
    body = iter(["  ".join(cells).rstrip() for cells in zip(*padded, strict=True)])
    lines.append(next(body))  # the headers
    lines.extend(row.line.replace("\n", " ") if isinstance(row, Section) else next(body) for row in rows)
    return "\n".join(lines) + "\n"


_SPARK = "▁▂▃▄▅▆▇█"


def _spark(percents: list[Number | None]) -> str:
    """One character a month, from ▁ (nothing) to █ (100 % or more); a space where no figure."""
    return "".join(
        " " if p is None else _SPARK[min(len(_SPARK) - 1, max(0, int(p * len(_SPARK) / 100.0)))]
        for p in percents
    )


class StatusCells:
    """The status in words with its light: in colour on a terminal that has it, else named."""

    def __init__(self, colour: bool = False) -> None:
        self.colour = colour
        self.words = status_words()
        self.lights = light_words()
        self.template = _("{status} ({light})")

    def __call__(self, status: str, light: str) -> Styled:
        if self.colour:
            return Styled(f"● {self.words[status]}", LIGHT_STYLE[light])
        return Styled(
            self.template.format(status=self.words[status], light=self.lights[light]), LIGHT_STYLE[light]
        )


def _clip(text: str, cells: int) -> str:
    """At most `cells` columns of text, with … where it was cut."""
    if cell_width(text) <= cells:
        return text
    kept = ""
    for ch in text:
        if cell_width(kept + ch) > cells - 1:
            break
        kept += ch
    return kept + "…"


def _report_grid(out: Out, rows: list[IndicatorResult], report: Report, title: str, grouped: bool) -> Grid:
    terminal = out.is_terminal
    colour = terminal and not out.console.no_color
    # On a narrow terminal a project's long promise would fill a dozen lines of its column:
    # it is cut there (`show N` and the other formats give it whole).
    title_cells = 36 if terminal and (out.width or 0) < 120 else None
    grid = Grid(title, [
        Column(_("ID"), wrap=False),
        Column(_("Indicator"), min_width=12),
        Column(_("Owners"), optional=1),
        Column(_("Target"), "right"),
        Column(_("Value"), "right"),
        Column(_("Progress"), wrap=False, optional=4),
        Column("%", "right", wrap=False),
        Column(_("Exp."), "right", wrap=False),
        Column(_("Gap"), "right", wrap=False),
        Column(_("Status"), min_width=8, cut=True),
        Column(_("Δ"), "right", wrap=False, optional=2),
        Column(_("Month"), "right", wrap=False, optional=3),
    ])  # fmt: skip
    _status_cell = StatusCells(colour)
    projects = {p.number: p for p in report.projects}
    current = None
    for r in rows:
        if grouped and r.project != current:
            current = r.project
            p = projects[r.project]
            status = _status_cell(p.status, p.light)
            owners = literal("、".join(p.owners))
            shown = literal(p.title) if title_cells is None else _clip(literal(p.title), title_cells)
            grid.rows.append(Section([
                str(p.number), Styled(shown, "bold"), owners,
                "", "", "", "", "", "", status, "", "",
            ], f"{p.number}  {literal(p.title)} — {status.text} — {owners}"))  # fmt: skip
        grid.rows.append([
            literal(r.id), literal(r.name), literal("、".join(r.owners)), literal(_target_text(r)),
            literal(_value_text(r)), _bar(r.percent, terminal), _pts(r.percent),
            _pts(r.expected_percent), _signed(r.gap), _status_cell(r.status, r.light),
            _signed(r.change), str(r.as_of_month) if r.as_of_month else "—",
        ])  # fmt: skip
    return grid


def summary_text(counts: dict[str, int]) -> str:
    words = status_words()
    parts = [
        _("{count} {status}").format(count=n, status=words[s]) for s in STATUSES if (n := counts.get(s, 0))
    ]
    return _(", ").join(parts) if parts else _("none")


def _markdown_rows(rows: list[IndicatorResult]) -> str:
    headers = [_("ID"), _("Indicator"), _("Owners"), _("Target"), _("Value"), "%", _("Expected %"), _("Gap")]
    headers.append(_("Status"))
    words, lights = status_words(), light_words()
    body = [
        [
            r.id,
            r.name,
            "、".join(r.owners),
            _target_text(r),
            _value_text(r),
            _pts(r.percent),
            _pts(r.expected_percent),
            _signed(r.gap),
            _("{status} ({light})").format(status=words[r.status], light=lights[r.light]),
        ]
        for r in rows
    ]
    return _markdown(headers, body)


# --- views -------------------------------------------------------------------------------------


def render_report(report: Report, fmt: str, out: Out) -> None:
    if fmt == "json":
        out.write(_dump(report_json(report)))
    elif fmt == "csv":
        out.write(_csv([indicator_json(r) for r in report.indicators], CSV_FIELDS))
    elif fmt == "markdown":
        head = "## " + _("{title}: progress as of {date}").format(title=_md(report.title), date=report.as_of)
        head += "\n\n"
        out.write(head + _markdown_rows(report.indicators) + "\n" + _summary_block(report, markdown=True))
    else:
        title = _("{title} — as of {date} (month {month})").format(
            title=literal(report.title), date=report.as_of, month=report.month
        )
        show(out, _report_grid(out, report.indicators, report, title, grouped=True))
        out.prose(_summary_block(report, markdown=False))


def report_picture(report: Report, kind: str, width: int = 170) -> str:
    """The report's table as a terminal shows it, recorded as an SVG picture or an HTML page."""
    from rich.console import Console

    console = Console(
        record=True, file=io.StringIO(), force_terminal=True, color_system="truecolor", width=width,
        highlight=False, markup=False, emoji=False, no_color=False,  # a picture is in colour
    )  # fmt: skip
    out = Out(console.file)
    out.__dict__["console"] = console  # the cached property, given the recording console
    out.__dict__["is_terminal"] = True
    render_report(report, "table", out)
    title = f"{report.title} {report.as_of}"
    if kind == "svg":
        return console.export_svg(title=title)
    return console.export_html(inline_styles=True)


def _summary_block(report: Report, *, markdown: bool) -> str:
    th = report.thresholds
    lines = [
        _("Indicators: {counts}").format(counts=summary_text(report.summary_indicators)),
        _("Projects: {counts}").format(counts=summary_text(report.summary_projects)),
        _(
            "Expected progress (时序进度) as of month {month}; tolerance {tolerance} points, "
            "ahead margin {ahead_margin}, red beyond {red_gap}."
        ).format(
            month=report.month,
            tolerance=format_decimal(th.tolerance),
            ahead_margin=format_decimal(th.ahead_margin),
            red_gap=format_decimal(th.red_gap),
        ),
    ]
    if report.warnings:
        lines.append(_("Warnings:"))
        lines += [f"- {_one_line(warning_text(w))}" for w in report.warnings]
    else:
        lines.append(_("Warnings: none"))
    sep = "\n\n" if markdown else "\n"
    return sep.join(lines[:3]) + "\n" + ("\n" if markdown else "") + "\n".join(lines[3:]) + "\n"


def render_lagging(report: Report, needing: list[IndicatorResult], fmt: str, out: Out) -> None:
    if fmt == "json":
        out.write(_dump(report_json(report, needing)))
    elif fmt == "csv":
        out.write(_csv([indicator_json(r) for r in needing], CSV_FIELDS))
    elif fmt == "markdown":
        head = "## " + _("{title}: lagging and overdue as of {date}").format(
            title=_md(report.title), date=report.as_of
        )
        none = _("Nothing is lagging or overdue.") + "\n"
        out.write(head + "\n\n" + (_markdown_rows(needing) if needing else none))
    elif not needing:
        out.write(
            _("Nothing is lagging or overdue as of {date} (month {month}).").format(
                date=report.as_of, month=report.month
            )
            + "\n"
        )
    else:
        title = _("Lagging and overdue as of {date} (month {month}): {count}").format(
            date=report.as_of, month=report.month, count=len(needing)
        )
        show(out, _report_grid(out, needing, report, title, grouped=False))


def render_list(plan: PlanRecord, fmt: str, out: Out) -> None:
    if fmt == "json":
        out.write(_dump(_plan_json(plan)))
        return
    grid = Grid(f"{literal(plan['title'])} ({plan['year']})", [
        Column(_("ID"), wrap=False), Column(_("Project / indicator")), Column(_("Target"), "right"),
        Column(_("Stages")), Column(_("Deadline"), wrap=False), Column(_("Owners")),
    ])  # fmt: skip
    for project in plan["projects"]:
        owners = literal("、".join(project["owners"]))
        grid.rows.append(Section(
            [str(project["number"]), Styled(literal(project["title"]), "bold"), "", "", "", owners],
            f"{project['number']}  {literal(project['title'])} — {owners}",
        ))  # fmt: skip
        for ind in project["indicators"]:
            if ind["kind"] == "milestone":
                target = _("milestone")
            elif ind["target"] is None:
                target = _("tracked ({unit})").format(unit=ind["unit"]) if ind["unit"] else _("tracked")
            else:
                target = _amount(ind["target"], ind["unit"])
            stages = "→".join(ind["stages"])
            if ind["counts"] and len(ind["stages"]) > 1:
                stages += _(" (counts {stage})").format(stage=ind["counts"])
            grid.rows.append(
                [
                    literal(ind["id"]),
                    literal(ind["name"]),
                    literal(target),
                    literal(stages),
                    ind["deadline"] or "",
                    literal("、".join(ind["owners"])),
                ]
            )
    show(out, grid)
    n_ind = sum(len(p["indicators"]) for p in plan["projects"])
    counts = (
        ngettext("{count} project", "{count} projects", len(plan["projects"])).format(
            count=len(plan["projects"])
        ),
        ngettext("{count} indicator", "{count} indicators", n_ind).format(count=n_ind),
        ngettext("{count} progress entry", "{count} progress entries", len(plan["progress"])).format(
            count=len(plan["progress"])
        ),
    )
    out.write(_(", ").join(counts) + "\n")


def _plan_json(plan: PlanRecord) -> dict[str, Any]:
    def definition(ind: Any) -> dict[str, Any]:
        return {
            **ind,
            "target": _num(ind["target"]),
            "baseline": _num(ind["baseline"]),
            "trajectory": [{"month": p["month"], "percent": _num(p["percent"])} for p in ind["trajectory"]],
        }

    settings = plan["settings"]
    return {
        "year": plan["year"],
        "title": plan["title"],
        "settings": {k: _num(str(v)) for k, v in settings.items()},
        "projects": [{**p, "indicators": [definition(i) for i in p["indicators"]]} for p in plan["projects"]],
    }


def render_show(detail: IndicatorDetail | ProjectDetail, fmt: str, out: Out) -> None:
    if isinstance(detail, ProjectDetail):
        _show_project(detail, fmt, out)
    else:
        _show_indicator(detail, fmt, out)


def _show_project(d: ProjectDetail, fmt: str, out: Out) -> None:
    p, report = d.project, d.report
    if fmt == "json":
        body = {
            "year": report.year, "month": report.month, "number": p.number, "title": p.title,
            "owners": p.owners, "status": p.status, "light": p.light, "indicators": report.indicators,
        }  # fmt: skip
        out.write(_dump(body))
    elif fmt == "csv":
        out.write(_csv([indicator_json(r) for r in report.indicators], CSV_FIELDS))
    elif fmt == "markdown":
        out.write(f"## 第{p.number}件 {_md(p.title)}\n\n" + _markdown_rows(report.indicators))
    else:
        title = _("Project {number} as of {date} (month {month}): {status}").format(
            number=p.number, date=report.as_of, month=report.month, status=status_words()[p.status]
        )
        show(out, _report_grid(out, report.indicators, report, title, grouped=True))


def _entry_json(e: Any) -> dict[str, Any]:
    return {
        "month": e.month,
        "stage": e.stage,
        "value": _num(e.value),
        "note": e.note,
        "at": e.at,
        "superseded": e.superseded,
    }


def _show_indicator(d: IndicatorDetail, fmt: str, out: Out) -> None:
    r = d.result
    months = [
        {
            "month": m.month,
            "value": _num(m.value),
            "stage": m.stage,
            "percent": _num(m.percent),
            "expected_percent": _num(m.expected_percent),
            "status": m.status,
        }
        for m in d.months
    ]
    if fmt == "json":
        body = indicator_json(r) | {
            "month": d.month,
            "project_title": d.project_title,
            "stage_names": d.stages,
            "counts": d.counts,
            "trajectory": [{"month": m, "percent": _num(format_decimal(p))} for m, p in d.trajectory],
            "entries": [_entry_json(e) for e in d.entries],
            "months": months,
        }
        out.write(_dump(body))
        return
    if fmt == "csv":
        out.write(_csv(months, ["month", "value", "stage", "percent", "expected_percent", "status"]))
        return
    words, lights = status_words(), light_words()
    if fmt == "markdown":
        rows = [
            [
                str(m["month"]),
                _amount(mm.value, r.unit) if r.kind != "milestone" else (mm.stage or "—"),
                _pts(mm.percent),
                _pts(mm.expected_percent),
                words[mm.status],
            ]
            for m, mm in zip(months, d.months, strict=True)
        ]
        out.write(
            f"## {_md(r.id)} {_md(r.name)}\n\n"
            + _markdown([_("Month"), _("Value"), "%", _("Expected %"), _("Status")], rows)
        )
        return
    lines = [
        f"{r.id} {r.name}",
        _("Project {number}: {title}").format(number=d.project, title=d.project_title),
        _("Owners: {owners}").format(owners="、".join(r.owners) or "—"),
        (
            _("A milestone; deadline {deadline}").format(deadline=r.deadline)
            if r.kind == "milestone"
            else _("Target: {target}; deadline {deadline}").format(
                target=_target_text(r), deadline=r.deadline
            )
        )
        + (_("; stages {stages}").format(stages="→".join(d.stages)) if d.stages else "")
        + (_(" (counts {stage})").format(stage=d.counts) if d.counts and r.kind != "milestone" else ""),
    ]
    if d.trajectory:
        planned = ", ".join(f"{m}:{format_decimal(p)}%" for m, p in d.trajectory)
        lines.append(_("Trajectory: {trajectory}").format(trajectory=planned))
    where = _("As of month {month}: {value}").format(month=d.month, value=_value_text(r))
    if r.percent is not None:
        where += _("; {percent} % of target, expected {expected} %").format(
            percent=_pts(r.percent), expected=_pts(r.expected_percent)
        )
    else:
        where += _("; expected {expected} %").format(expected=_pts(r.expected_percent))
    if r.gap is not None:
        where += _(", gap {gap} points").format(gap=_signed(r.gap))
    shown = _("{status} ({light})").format(status=words[r.status], light=lights[r.light])
    lines.append(f"{where} — {shown}")
    if r.required_per_month is not None:
        pace = r.required_per_month
        if pace >= 0:
            need = _("Needs {amount} more a month to meet the target by {deadline}")
        else:
            need = _("Needs to go down by {amount} a month to meet the target by {deadline}")
        lines.append(need.format(amount=_amount(abs(pace), r.unit), deadline=r.deadline))
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
            lines.append(f"{label}{' ' * (pad - cell_width(label))} {_spark(line)}  {note}".rstrip())
    out.write("".join(literal(line) + "\n" for line in lines) + "\n")
    terminal = out.is_terminal
    by_month = Grid(_("Month by month"), [
        Column(_("Month"), "right"), Column(_("Value"), "right"), Column(_("Progress"), wrap=False),
        Column("%", "right"), Column(_("Exp."), "right"), Column(_("Status"), wrap=False, cut=True),
    ])  # fmt: skip
    for m in d.months:
        value = (m.stage or "—") if r.kind == "milestone" else _amount(m.value)
        status = Styled(words[m.status], LIGHT_STYLE[m.light])
        by_month.rows.append([str(m.month), literal(value), _bar(m.percent, terminal), _pts(m.percent),
                              _pts(m.expected_percent), status])  # fmt: skip
    show(out, by_month)
    if not d.entries:
        out.write(_("No progress entries yet.") + "\n")
        return
    entries = Grid(_("Entries"), [
        Column(_("Month"), "right"), Column(_("Stage")), Column(_("Value"), "right"), Column(_("Note")),
        Column(_("Recorded"), wrap=False),
    ])  # fmt: skip
    for e in d.entries:
        value = _amount(e.value) if e.value is not None else ""
        if e.superseded:
            value += _(" (corrected later)")
        entries.rows.append([str(e.month), literal(e.stage or ""), value, literal(e.note or ""), e.at or ""])
    show(out, entries)


def render_check(path: Path, findings: list[Finding], fmt: str, out: Out) -> None:
    problems = [f for f in findings if not f.warning]
    warnings = [f for f in findings if f.warning]
    if fmt == "json":
        out.write(
            _dump(
                {
                    "store": str(path),
                    "ok": not problems,
                    "problems": [{"where": f.where, "message": f.message} for f in problems],
                    "warnings": [{"where": f.where, "message": f.message} for f in warnings],
                }
            )
        )
        return
    for f in problems:
        out.write(_("problem: {finding}").format(finding=_one_line(str(f))) + "\n")
    for f in warnings:
        out.write(_("warning: {finding}").format(finding=_one_line(str(f))) + "\n")
    if problems:
        summary = _("{path}: {problems} problem(s), {warnings} warning(s)")
    elif warnings:
        summary = _("{path}: sound, {warnings} warning(s)")
    else:
        summary = _("{path}: sound")
    out.write(summary.format(path=path, problems=len(problems), warnings=len(warnings)) + "\n")


def render_history(changes: list[HistoryRecord], out: Out) -> None:
    if not changes:
        out.write(_("No recorded changes.") + "\n")
        return
    grid = Grid(None, [Column(_("When"), wrap=False), Column(_("Command"), wrap=False), Column(_("Change"))])
    for c in changes:
        grid.rows.append([literal(c["at"]), literal(c["command"]), literal(c["summary"])])
    show(out, grid)
