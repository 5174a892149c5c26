"""Every view in every format: tables for people, JSON/CSV/markdown for scripts and bulletins.

Functions here receive computed results and an `Out`; they never read files or compute
statuses. Text users typed goes through `literal()`, so markup or escape sequences in a title
are shown, never acted on.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from .numbers import format_decimal, format_grouped, format_points
from .progress import (
    STATUSES,
    IndicatorDetail,
    IndicatorResult,
    ProjectDetail,
    Report,
    Warning,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .integrity import Finding
    from .plans import Added
    from .records import ChangeRecord, PlanRecord, StoreRecord

LIGHT_STYLE = {"blue": "bold blue", "green": "green", "yellow": "yellow", "red": "bold red", "grey": "dim"}
STATUS_WORDS = {
    "met": "met",
    "ahead": "ahead",
    "on_track": "on track",
    "lagging": "lagging",
    "overdue": "overdue",
    "no_data": "no data",
    "in_progress": "in progress",
}


class Out:
    """Where output goes: the raw stream for data formats, a rich console (made on demand) for tables."""

    def __init__(self, file: IO[str] | None = None) -> None:
        self.file = file if file is not None else sys.stdout

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(file=self.file, highlight=False, markup=False, emoji=False)

    @property
    def fancy(self) -> bool:
        """Colour and box art only on a terminal that accepts colour."""
        return self.console.is_terminal and not self.console.no_color

    def write(self, text: str) -> None:
        self.file.write(text)


def make_console() -> Out:
    return Out()


# --- safe text ---------------------------------------------------------------------------------

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def literal(text: str) -> str:
    """User text made inert for a terminal: control and bidi characters shown as escapes."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def _one_line(text: str) -> str:
    return literal(text.replace("\r\n", " ").replace("\n", " "))


# --- numbers for JSON --------------------------------------------------------------------------


def _num(value: Decimal | None) -> int | float | None:
    """A decimal as a JSON number: integers stay integers, 51.54 stays 51.54."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(format_decimal(value))


def _dump(obj: Any) -> str:
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2).decode() + "\n"


# --- messages ----------------------------------------------------------------------------------


def describe_added(added: Added) -> str:
    entry, ind = added.entry, added.indicator
    if entry["value"] is None:
        what = f"stage {entry['stage']}"
    else:
        unit = f" {ind['unit']}" if ind["unit"] else ""
        stage = f" ({entry['stage']})" if entry["stage"] else ""
        what = f"{format_grouped(Decimal(entry['value']))}{unit}{stage}"
    text = f"Recorded {ind['id']} month {entry['month']}: {what}"
    if added.replaced is not None:
        text += f", correcting {added.replaced}"
    if added.later_lower:
        months = ", ".join(map(str, added.later_lower))
        text += f"; note: the cumulative figure of month {months} is lower"
    return text


def describe_undo(now: StoreRecord, before: StoreRecord) -> str:
    """Name what `undo` took back by comparing the two versions of the store."""
    lines: list[str] = []
    for key in sorted(set(now["plans"]) | set(before["plans"])):
        restored, undone = now["plans"].get(key), before["plans"].get(key)
        if restored is None:
            lines.append(f"removed the {key} plan")
            continue
        if undone is None:
            lines.append(f"brought back the {key} plan")
            continue
        undone_changes = undone["history"][len(restored["history"]) :]
        lines.extend(f"{c['command']}: {c['summary']}" for c in undone_changes)
        extra = len(undone["progress"]) - len(restored["progress"])
        if extra > 0 and not undone_changes:
            for e in undone["progress"][-extra:]:
                lines.append(
                    f"add-progress {e['indicator']} month {e['month']}: {e['value'] or e['stage']}"
                )
        if not lines and restored != undone:
            lines.append(f"a change to the {key} plan")
    return "Undid " + ("; ".join(lines) if lines else "nothing that differs") + " (run undo again to redo)"


# --- report rows -------------------------------------------------------------------------------


def indicator_json(r: IndicatorResult) -> dict[str, Any]:
    return {
        "id": r.id,
        "project": r.project,
        "name": r.name,
        "owners": r.owners,
        "kind": r.kind,
        "unit": r.unit,
        "target": _num(r.target),
        "baseline": _num(r.baseline),
        "value": _num(r.value),
        "stage": r.stage,
        "as_of_month": r.as_of_month,
        "percent": _num(r.percent),
        "expected_percent": _num(r.expected_percent),
        "gap": _num(r.gap),
        "status": r.status,
        "light": r.light,
        "change": _num(r.change),
        "lagging_months": r.lagging_months,
        "deadline": r.deadline.isoformat(),
        "required_per_month": _num(r.required_per_month),
        "projected_at_deadline": _num(r.projected_at_deadline),
        "stages": {k: _num(v) for k, v in r.stages.items()} if r.stages is not None else None,
    }


CSV_FIELDS = [
    "id", "project", "name", "owners", "kind", "unit", "target", "baseline", "value", "stage",
    "as_of_month", "percent", "expected_percent", "gap", "status", "light", "change",
    "lagging_months", "deadline", "required_per_month", "projected_at_deadline", "stages",
]  # fmt: skip


def report_json(report: Report, indicators: list[IndicatorResult] | None = None) -> dict[str, Any]:
    rows = report.indicators if indicators is None else indicators
    wanted = {r.project for r in rows}
    return {
        "year": report.year,
        "title": report.title,
        "month": report.month,
        "as_of": report.as_of.isoformat(),
        "tolerance": _num(report.thresholds.tolerance),
        "ahead_margin": _num(report.thresholds.ahead_margin),
        "red_gap": _num(report.thresholds.red_gap),
        "summary": {"indicators": report.summary_indicators, "projects": report.summary_projects},
        "projects": [
            {
                "number": p.number,
                "title": p.title,
                "owners": p.owners,
                "status": p.status,
                "indicators": p.indicators,
            }
            for p in report.projects
            if p.number in wanted
        ],
        "indicators": [indicator_json(r) for r in rows],
        "warnings": [_warning_json(w) for w in report.warnings],
    }


def _warning_json(w: Warning) -> dict[str, Any]:
    return {
        "kind": w.kind,
        "indicator": w.indicator,
        "name": w.name,
        "months": w.months,
        "deadline": w.deadline.isoformat() if w.deadline else None,
        "message": warning_text(w),
    }


def warning_text(w: Warning) -> str:
    if w.kind == "overdue":
        return f"{w.indicator} {w.name}: overdue since {w.deadline}"
    if w.kind == "due_soon":
        return f"{w.indicator} {w.name}: due {w.deadline} and not met"
    if w.kind == "lagging_streak":
        return f"{w.indicator} {w.name}: lagging {w.months} months in a row"
    if w.kind == "stale":
        return f"{w.indicator} {w.name}: latest figure is {w.months} months old"
    return f"{w.indicator} {w.name}: no figure yet"


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(value)
    elif isinstance(value, dict):
        value = ";".join(f"{k}={'' if v is None else v}" for k, v in value.items())
    text = str(value)
    # A cell a spreadsheet would run as a formula is neutralised with a leading quote.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        text = "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


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


def _amount(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{format_grouped(value)}{' ' + unit if unit else ''}"


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
        return "milestone"
    if r.target is None:
        return f"tracked ({r.unit})" if r.unit else "tracked"
    if r.baseline is not None:
        return f"{format_grouped(r.baseline)} → {_amount(r.target, r.unit)}"
    return _amount(r.target, r.unit)


def _signed(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format_points(value)
    return text if text.startswith("-") or text == "0" else "+" + text


def _bar(percent: Decimal | None, fancy: bool, width: int = 10) -> str:
    if percent is None:
        return ""
    filled = int(min(max(percent, Decimal(0)), Decimal(100)) * width // 100)
    full, empty = ("█", "░") if fancy else ("#", ".")
    return full * filled + empty * (width - filled)


def _status_text(status: str, light: str, fancy: bool) -> Text:
    from rich.text import Text

    text = Text()
    text.append("● " if fancy else "", style=LIGHT_STYLE[light])
    text.append(f"{STATUS_WORDS[status]} ({light})", style=LIGHT_STYLE[light] if fancy else "")
    return text


def _table(out: Out, title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    fancy = out.fancy
    return Table(
        title=literal(title) if title else None,
        box=box.SIMPLE_HEAD if fancy else None,
        show_edge=False,
        pad_edge=False,
        header_style="bold" if fancy else "",
        title_style="bold" if fancy else "",
        title_justify="left",
    )


# Report columns, most important first; narrow terminals drop from the end of this order.
_OPTIONAL = ["owners", "change", "as_of", "bar"]


def _report_table(out: Out, rows: list[IndicatorResult], report: Report, title: str, grouped: bool) -> Table:
    fancy = out.fancy
    width = out.console.width
    dropped = set(_OPTIONAL[: max(0, (140 - width) // 15 + 1)]) if width < 140 else set()
    table = _table(out, title)
    table.add_column("ID", no_wrap=True)
    table.add_column("Indicator", ratio=3, min_width=8)
    if "owners" not in dropped:
        table.add_column("Owners", ratio=2, min_width=6)
    table.add_column("Target", justify="right", min_width=6)
    table.add_column("Value", justify="right", min_width=6)
    if "bar" not in dropped:
        table.add_column("Progress", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("Exp.", justify="right", no_wrap=True)
    table.add_column("Gap", justify="right", no_wrap=True)
    table.add_column("Status", min_width=9)
    if "change" not in dropped:
        table.add_column("Δ", justify="right", no_wrap=True)
    if "as_of" not in dropped:
        table.add_column("Month", justify="right", no_wrap=True)
    projects = {p.number: p for p in report.projects}
    current = None
    for r in rows:
        if grouped and r.project != current:
            current = r.project
            p = projects[r.project]
            cells: list[Any] = [str(p.number), _project_title(p.title, fancy)]
            if "owners" not in dropped:
                cells.append(literal("、".join(p.owners)))
            cells += ["", ""] + ([""] if "bar" not in dropped else []) + ["", "", ""]
            cells.append(_status_text(p.status, _project_light(p.status), fancy))
            cells += [""] * (len(table.columns) - len(cells))
            table.add_row(*cells, end_section=False)
        cells = [r.id, literal(r.name)]
        if "owners" not in dropped:
            cells.append(literal("、".join(r.owners)))
        cells += [literal(_target_text(r)), literal(_value_text(r))]
        if "bar" not in dropped:
            cells.append(_bar(r.percent, fancy))
        cells += [
            format_points(r.percent),
            format_points(r.expected_percent),
            _signed(r.gap),
            _status_text(r.status, r.light, fancy),
        ]
        if "change" not in dropped:
            cells.append(_signed(r.change))
        if "as_of" not in dropped:
            cells.append(str(r.as_of_month) if r.as_of_month else "—")
        table.add_row(*cells)
    return table


def _project_title(title: str, fancy: bool) -> Text:
    from rich.text import Text

    return Text(literal(title), style="bold" if fancy else "")


def _project_light(status: str) -> str:
    return {"met": "blue", "ahead": "green", "on_track": "green", "lagging": "yellow", "overdue": "red"}.get(
        status, "grey"
    )


def summary_text(counts: dict[str, int]) -> str:
    parts = [f"{n} {STATUS_WORDS[s]}" for s in STATUSES if (n := counts.get(s, 0))]
    return ", ".join(parts) if parts else "none"


def _markdown_rows(rows: list[IndicatorResult]) -> str:
    headers = ["ID", "Indicator", "Owners", "Target", "Value", "%", "Expected %", "Gap", "Status"]
    body = [
        [
            r.id,
            r.name,
            "、".join(r.owners),
            _target_text(r),
            _value_text(r),
            format_points(r.percent),
            format_points(r.expected_percent),
            _signed(r.gap),
            f"{STATUS_WORDS[r.status]} ({r.light})",
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
        head = f"## {report.title}: progress as of {report.as_of}\n\n"
        out.write(head + _markdown_rows(report.indicators) + "\n" + _summary_block(report, markdown=True))
    else:
        console = out.console
        title = f"{report.title} — as of {report.as_of} (month {report.month})"
        console.print(_report_table(out, report.indicators, report, title, grouped=True))
        console.print(_summary_block(report, markdown=False), end="")


def _summary_block(report: Report, *, markdown: bool) -> str:
    th = report.thresholds
    lines = [
        f"Indicators: {summary_text(report.summary_indicators)}",
        f"Projects: {summary_text(report.summary_projects)}",
        f"Expected progress (时序进度) as of month {report.month}; tolerance {format_points(th.tolerance)} "
        f"points, ahead margin {format_points(th.ahead_margin)}, red beyond {format_points(th.red_gap)}.",
    ]
    if report.warnings:
        lines.append("Warnings:")
        lines += [f"- {_one_line(warning_text(w))}" for w in report.warnings]
    else:
        lines.append("Warnings: none")
    sep = "\n\n" if markdown else "\n"
    return sep.join(lines[:3]) + "\n" + ("\n" if markdown else "") + "\n".join(lines[3:]) + "\n"


def render_lagging(report: Report, needing: list[IndicatorResult], fmt: str, out: Out) -> None:
    if fmt == "json":
        out.write(_dump(report_json(report, needing)))
    elif fmt == "csv":
        out.write(_csv([indicator_json(r) for r in needing], CSV_FIELDS))
    elif fmt == "markdown":
        head = f"## {report.title}: lagging and overdue as of {report.as_of}\n\n"
        out.write(head + (_markdown_rows(needing) if needing else "Nothing is lagging or overdue.\n"))
    elif not needing:
        out.console.print(f"Nothing is lagging or overdue as of {report.as_of} (month {report.month}).")
    else:
        title = f"Lagging and overdue as of {report.as_of} (month {report.month}): {len(needing)}"
        out.console.print(_report_table(out, needing, report, title, grouped=False))


def render_list(plan: PlanRecord, fmt: str, out: Out) -> None:
    if fmt == "json":
        out.write(_dump(_plan_json(plan)))
        return
    table = _table(out, f"{plan['title']} ({plan['year']})")
    for name in ("ID", "Project / indicator", "Target", "Stages", "Deadline", "Owners"):
        table.add_column(name, no_wrap=name in ("ID", "Deadline"))
    for project in plan["projects"]:
        table.add_row(str(project["number"]), _project_title(project["title"], out.fancy), "", "", "",
                      literal("、".join(project["owners"])))
        for ind in project["indicators"]:
            if ind["kind"] == "milestone":
                target = "milestone"
            elif ind["target"] is None:
                target = "tracked" + (f" ({ind['unit']})" if ind["unit"] else "")
            else:
                target = _amount(Decimal(ind["target"]), ind["unit"])
            stages = "→".join(ind["stages"])
            if ind["counts"] and len(ind["stages"]) > 1:
                stages += f" (counts {ind['counts']})"
            table.add_row(ind["id"], literal(ind["name"]), literal(target), literal(stages),
                          ind["deadline"] or "", literal("、".join(ind["owners"])))
    out.console.print(table)
    n_ind = sum(len(p["indicators"]) for p in plan["projects"])
    out.console.print(f"{len(plan['projects'])} projects, {n_ind} indicators, {len(plan['progress'])} progress entries")


def _plan_json(plan: PlanRecord) -> dict[str, Any]:
    def definition(ind: Any) -> dict[str, Any]:
        return {
            **ind,
            "target": _num(Decimal(ind["target"])) if ind["target"] is not None else None,
            "baseline": _num(Decimal(ind["baseline"])) if ind["baseline"] is not None else None,
            "trajectory": [{"month": p["month"], "percent": _num(Decimal(p["percent"]))} for p in ind["trajectory"]],
        }

    settings = plan["settings"]
    return {
        "year": plan["year"],
        "title": plan["title"],
        "settings": {k: _num(Decimal(v)) for k, v in settings.items()},
        "projects": [
            {**p, "indicators": [definition(i) for i in p["indicators"]]} for p in plan["projects"]
        ],
    }


def render_show(detail: IndicatorDetail | ProjectDetail, fmt: str, out: Out) -> None:
    if isinstance(detail, ProjectDetail):
        _show_project(detail, fmt, out)
    else:
        _show_indicator(detail, fmt, out)


def _show_project(d: ProjectDetail, fmt: str, out: Out) -> None:
    p = d.project
    if fmt == "json":
        out.write(_dump({"year": d.year, "month": d.month, "number": p.number, "title": p.title,
                         "owners": p.owners, "status": p.status,
                         "indicators": [indicator_json(r) for r in d.indicators]}))
    elif fmt == "csv":
        out.write(_csv([indicator_json(r) for r in d.indicators], CSV_FIELDS))
    elif fmt == "markdown":
        out.write(f"## 第{p.number}件 {_md(p.title)}\n\n" + _markdown_rows(d.indicators))
    else:
        from .progress import Report, Thresholds, month_end

        report = Report(d.year, p.title, d.month, month_end(d.year, d.month), Thresholds(), d.indicators, [p], {}, {})
        title = f"Project {p.number} as of {report.as_of} (month {d.month}): {STATUS_WORDS[p.status]}"
        out.console.print(_report_table(out, d.indicators, report, title, grouped=True))


def _entry_json(e: Any) -> dict[str, Any]:
    return {"month": e.month, "stage": e.stage, "value": _num(e.value), "note": e.note, "at": e.at,
            "superseded": e.superseded}


def _show_indicator(d: IndicatorDetail, fmt: str, out: Out) -> None:
    r = d.result
    months = [
        {"month": m.month, "value": _num(m.value), "stage": m.stage, "percent": _num(m.percent),
         "expected_percent": _num(m.expected_percent), "status": m.status}
        for m in d.months
    ]
    if fmt == "json":
        body = indicator_json(r) | {
            "month": d.month,
            "project_title": d.project_title,
            "stage_names": d.stages,
            "counts": d.counts,
            "trajectory": [{"month": m, "percent": _num(p)} for m, p in d.trajectory],
            "entries": [_entry_json(e) for e in d.entries],
            "months": months,
        }
        out.write(_dump(body))
        return
    if fmt == "csv":
        out.write(_csv(months, ["month", "value", "stage", "percent", "expected_percent", "status"]))
        return
    if fmt == "markdown":
        rows = [[str(m["month"]), _amount(mm.value, r.unit) if r.kind != "milestone" else (mm.stage or "—"),
                 format_points(mm.percent), format_points(mm.expected_percent), STATUS_WORDS[mm.status]]
                for m, mm in zip(months, d.months)]
        out.write(f"## {_md(r.id)} {_md(r.name)}\n\n" + _markdown(["Month", "Value", "%", "Expected %", "Status"], rows))
        return
    console = out.console
    lines = [
        f"{r.id} {r.name}",
        f"Project {d.project}: {d.project_title}",
        f"Owners: {'、'.join(r.owners) or '—'}",
        f"Target: {_target_text(r)}; deadline {r.deadline}"
        + (f"; stages {'→'.join(d.stages)}" if d.stages else "")
        + (f" (counts {d.counts})" if d.counts and r.kind != "milestone" else ""),
    ]
    if d.trajectory:
        lines.append("Trajectory: " + ", ".join(f"{m}:{format_points(p)}%" for m, p in d.trajectory))
    pct = f"{format_points(r.percent)} % of target, " if r.percent is not None else ""
    lines.append(
        f"As of month {d.month}: {_value_text(r)}; {pct}expected {format_points(r.expected_percent)} %"
        + (f", gap {_signed(r.gap)} points" if r.gap is not None else "")
        + f" — {STATUS_WORDS[r.status]} ({r.light})"
    )
    if r.required_per_month is not None:
        lines.append(f"Needs {_amount(r.required_per_month, r.unit)} a month to meet the target by {r.deadline}")
    for line in lines:
        console.print(literal(line))
    table = _table(out, "Month by month")
    for name in ("Month", "Value", "Progress", "%", "Exp.", "Status"):
        table.add_column(name, justify="right" if name not in ("Progress", "Status") else "left", no_wrap=True)
    for m in d.months:
        value = (m.stage or "—") if r.kind == "milestone" else _amount(m.value)
        table.add_row(str(m.month), literal(value), _bar(m.percent, out.fancy), format_points(m.percent),
                      format_points(m.expected_percent), STATUS_WORDS[m.status])
    console.print(table)
    entries = _table(out, "Entries")
    for name in ("Month", "Stage", "Value", "Note", "Recorded"):
        entries.add_column(name, ratio=3 if name == "Note" else None)
    for e in d.entries:
        value = _amount(e.value) if e.value is not None else ""
        if e.superseded:
            value += " (corrected later)"
        entries.add_row(str(e.month), literal(e.stage or ""), value, literal(e.note or ""), e.at or "")
    if d.entries:
        console.print(entries)
    else:
        console.print("No progress entries yet.")


def render_check(path: Path, findings: list[Finding], fmt: str, out: Out, store: StoreRecord | None = None) -> None:
    problems = [f for f in findings if not f.warning]
    warnings = [f for f in findings if f.warning]
    if fmt == "json":
        out.write(_dump({
            "store": str(path),
            "ok": not problems,
            "problems": [{"where": f.where, "message": f.message} for f in problems],
            "warnings": [{"where": f.where, "message": f.message} for f in warnings],
        }))
        return
    for f in problems:
        out.write(f"problem: {_one_line(str(f))}\n")
    for f in warnings:
        out.write(f"warning: {_one_line(str(f))}\n")
    if problems:
        out.write(f"{path}: {len(problems)} problem(s), {len(warnings)} warning(s)\n")
    else:
        out.write(f"{path}: sound" + (f", {len(warnings)} warning(s)" if warnings else "") + "\n")


def render_history(changes: list[ChangeRecord], out: Out) -> None:
    if not changes:
        out.console.print("No recorded changes.")
        return
    table = _table(out)
    table.add_column("When", no_wrap=True)
    table.add_column("Command", no_wrap=True)
    table.add_column("Change")
    for c in changes:
        table.add_row(c["at"], c["command"], literal(c["summary"]))
    out.console.print(table)

