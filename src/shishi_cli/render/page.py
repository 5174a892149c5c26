"""The report as a page (report --html): one self-contained HTML file from a Jinja2 template
(templates/report.html), in the interface language, with inline CSS and SVG and no scripts.

This module words and places what the report and `query.published` computed; the template lays
it out. Jinja2 escapes every value (autoescape), so a name like <script> shows as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shishi_cli.i18n import _, language, pgettext
from shishi_cli.progress.results import LIGHT_OF

from .words import (
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
    status_words,
    summary_text,
    target_text,
    value_text,
    warning_text,
)

if TYPE_CHECKING:
    from shishi_cli.progress import IndicatorResult, Report, TrendPoint
    from shishi_cli.progress.results import RegionResult
    from shishi_cli.query import Published

# The lights as a page shows them (also the chart's, render.chart).
LIGHT_COLOUR = {
    "blue": "#1f6fd1",
    "green": "#2e9d4b",
    "yellow": "#e6a700",
    "red": "#d93025",
    "grey": "#9aa0a6",
}
FONTS = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
TREND_WIDTH, TREND_HEIGHT = 120, 36


def report_page(report: Report, extra: Published, *, by_region: bool = False) -> str:
    """The whole page, as text; `by_region`: each region's line under its indicator."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("shishi_cli", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("report.html").render(page=_page(report, extra, by_region))


def _page(report: Report, extra: Published, by_region: bool = False) -> dict[str, Any]:
    words, lights = status_words(), light_words()
    by_id = {r.id: r for r in report.indicators}
    projects = []
    for p in report.projects:
        rows = [by_id[i] for i in p.indicators if i in by_id]
        if not rows:
            continue
        projects.append({
            "number": p.number, "heading": _("Project {number}").format(number=p.number),
            "title": p.title, "light": p.light,
            "owners": pgettext("page", "Owners: {owners}").format(owners=departments(p.owners)),
            "status": words[p.status], "escalation": p.escalation or "",
            "rows": [_row(r, p.owners, extra.trends.get(r.id, []), by_region) for r in rows],
        })  # fmt: skip
    counts = [
        {"status": words[s], "light": _light_of(s), "count": n}
        for s, n in report.summary_indicators.items()
        if n
    ]
    return {
        "lang": "zh-CN" if language() == "zh" else "en",
        "fonts": FONTS,
        "colours": LIGHT_COLOUR,
        "title": scoped_title(report),
        "heading": _("{title}: progress as of {date}").format(title=scoped_title(report), date=report.as_of),
        "as_of": _("As of {date} (month {month})").format(date=report.as_of, month=report.month),
        "expected": _("Expected progress (时序进度): {percent}%").format(percent=percent(extra.expected)),
        "counts": counts,
        "lights": lights,
        "indicators_line": _("Indicators: {counts}").format(counts=summary_text(report.summary_indicators)),
        "projects_line": _("Projects: {counts}").format(counts=summary_text(report.summary_projects)),
        "stages_overdue": stages_overdue_text(report.stages_overdue)
        if report.stages_overdue.get("indicators")
        else "",
        "rules": rules_text(report.thresholds, report.month),
        "projects": projects,
        "head": {
            "id": _("ID"),
            "indicator": _("Indicator"),
            "light": _("Status"),
            "progress": _("Progress"),
            "value": pgettext("page", "Value / target"),
            "gap": _("Gap"),
            "label": _("Label"),
            "trend": pgettext("page", "By month"),
            "owners": _("Owners"),
            "step": _("Step"),
        },  # fmt: skip
        "warnings_heading": pgettext("page", "Warnings"),
        "warnings": [warning_text(w) for w in report.warnings],
        "no_warnings": _("Warnings: none"),
        "league": _league(extra),
        "escalations": _escalations(extra.escalated),
        "legend": pgettext("page", "The bar is percent of target; the mark is the expected progress."),
    }


def _light_of(status: str) -> str:
    return LIGHT_OF.get(status, "yellow" if status == "lagging" else "grey")


def _row(
    r: IndicatorResult, project_owners: list[str], points: list[TrendPoint], by_region: bool = False
) -> dict[str, Any]:
    shown = None if r.percent is None else max(0.0, min(float(r.percent), 100.0))
    expected = expected_text(r)
    shares = r.breakdown.regions if by_region and r.breakdown is not None else ()
    return {
        "id": r.id,
        "name": r.name,
        "owners": departments(r.owners) if r.owners != project_owners else "",
        "light": r.light,
        "status": status_words()[r.status],
        "light_word": light_words()[r.light],
        "percent": percent(r.percent, "—") + ("%" if r.percent is not None else ""),
        "bar": shown,
        "expected": None if not expected else max(0.0, min(float(r.expected_percent), 100.0)),
        "expected_text": _("expected {percent}%").format(percent=expected) if expected else "",
        "value": value_text(r) + (f" {r.unit}" if r.unit and not r.stages and r.value is not None else ""),
        "target": target_text(r),
        "gap": signed(r.gap),
        "label": label_text(r),
        "escalation": pgettext("page", "Step: {step}").format(step=r.escalation) if r.escalation else "",
        "trend": _trend(points, r.light),
        "regions": [_region_row(x, r.unit) for x in shares],
    }


def _region_row(x: RegionResult, unit: str | None) -> dict[str, Any]:
    """A region's share of an indicator, on a line of its own under it (report --by-region)."""
    return {
        "name": x.region,
        "light": x.light,
        "status": status_words()[x.status],
        "light_word": light_words()[x.light],
        "percent": percent(x.percent, "—") + ("%" if x.percent is not None else ""),
        "bar": None if x.percent is None else max(0.0, min(float(x.percent), 100.0)),
        "expected": max(0.0, min(float(x.expected_percent), 100.0)),
        "expected_text": _("expected {percent}%").format(percent=percent(x.expected_percent)),
        "value": amount(x.value),
        "target": amount(x.target, unit or ""),
        "gap": signed(x.gap),
    }


def _trend(points: list[TrendPoint], light: str) -> dict[str, Any]:
    """A small chart's geometry: months 1 to 12 across, 0 to 100 % up (higher figures at the top)."""

    def x(month: int) -> float:
        return round(4 + (month - 1) * (TREND_WIDTH - 8) / 11, 1)

    def y(value: float) -> float:
        return round(TREND_HEIGHT - 4 - max(0.0, min(value, 110.0)) * (TREND_HEIGHT - 8) / 110, 1)

    expected = " ".join(f"{x(p.month)},{y(float(p.expected_percent))}" for p in points)
    measured = [(x(p.month), y(float(p.percent))) for p in points if p.percent is not None]
    return {
        "width": TREND_WIDTH,
        "height": TREND_HEIGHT,
        "expected": expected,
        "line": " ".join(f"{a},{b}" for a, b in measured),
        "dots": measured,
        "colour": LIGHT_COLOUR[light],
        "full": y(100.0),
        "label": pgettext("page", "percent of target by month, against the expected line"),
    }


def _league(extra: Published) -> dict[str, Any] | None:
    if not extra.standings:
        return None
    return {
        "heading": pgettext("page", "Departments ranked, most behind first"),
        "head": [
            _("Rank"),
            _("Department"),
            _("Led"),
            _("Supported"),
            _("Statuses"),
            _("Worst gap"),
            _("Mean gap"),
            _("Not reported"),
            _("Step"),
        ],  # fmt: skip
        "rows": [
            {
                "light": "red"
                if s.statuses["overdue"] or s.statuses["breached"]
                else "yellow"
                if s.statuses["lagging"]
                else "green",
                "cells": [
                    str(s.rank),
                    s.department,
                    str(s.led),
                    str(s.supported),
                    summary_text(s.statuses),
                    _("{gap} ({indicator})").format(gap=signed(s.worst_gap), indicator=s.worst_indicator)
                    if s.worst_indicator is not None
                    else "—",
                    signed(s.mean_gap) or "—",
                    str(s.missing),
                    s.escalation or "",
                ],
            }  # fmt: skip
            for s in extra.standings
        ],
    }


def _escalations(rows: list[IndicatorResult]) -> dict[str, Any] | None:
    if not rows:
        return None
    return {
        "heading": pgettext("page", "Escalations"),
        "head": [_("Step"), _("ID"), _("Indicator"), _("Owners"), _("Gap"), _("Months")],
        "rows": [
            {
                "light": r.light,
                "cells": [
                    r.escalation or "",
                    r.id,
                    r.name,
                    departments(r.owners),
                    signed(r.gap),
                    str(r.lagging_months),
                ],
            }  # fmt: skip
            for r in rows
        ],
    }
