"""The progress bulletin (进展情况通报): a report written out as the office's Markdown prose.

Render layer: it receives a computed `Report` and words it, in the interface language, the way
such bulletins do: a lead paragraph with the counts, then 第N件, its promise and 进展情况.
It computes no status; numbers come from the report as they are.
"""

from __future__ import annotations

from decimal import Decimal

from .i18n import N_, _, language, ngettext, pgettext
from .numbers import format_decimal, format_grouped
from .progress import STATUSES, IndicatorResult, Number, ProjectResult, Report
from .text import literal

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip

# How the lead paragraph words each status, for projects (件) and for indicators (项).
PROJECT_PHRASES = {
    "met": N_("target met: {count} ({which})"),
    "ahead": N_("ahead of schedule: {count} ({which})"),
    "on_track": N_("on schedule: {count}"),
    "lagging": N_("lagging: {count} ({which})"),
    "overdue": N_("overdue: {count} ({which})"),
    "no_data": N_("no figures yet: {count}"),
    "in_progress": N_("under way: {count}"),
}
INDICATOR_PHRASES = {
    "met": N_("target met: {count} ({which})"),
    "ahead": N_("ahead of schedule: {count} ({which})"),
    "on_track": N_("on schedule: {count}"),
    "lagging": N_("lagging: {count} ({which})"),
    "overdue": N_("overdue: {count} ({which})"),
    "no_data": N_("no figures yet: {count}"),
    "in_progress": N_("under way: {count}"),
}


def amount(value: Number | str | None, unit: str) -> str:
    """A quantity as bulletins write it: 18.04万人, 196万平方米, 494.3公里 (English: 180,400 人)."""
    if value is None:
        return "—"
    exact = Decimal(value) if isinstance(value, str) else Decimal(repr(value))
    if language() != "zh":
        return f"{format_grouped(exact)} {unit}".rstrip()
    text = format_decimal(exact)
    # 万/亿 only where the unit is not one already and the figure stays exact in two decimals.
    if not unit.startswith(("万", "亿")):
        for scale, word in ((Decimal(10**8), "亿"), (Decimal(10**4), "万")):
            scaled = exact / scale
            if abs(exact) >= scale and scaled == scaled.quantize(Decimal("0.01")):
                text = format_decimal(scaled) + word
                break
    return text + unit


def percent(value: Number | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return "0" if text == "-0" else text


def bulletin(report: Report) -> str:
    """The whole bulletin, as Markdown."""
    by_id = {r.id: r for r in report.indicators}
    parts = [
        "# " + _("{title}: progress as of {when}").format(title=_md(report.title), when=_when(report)),
        _lead(report),
        _indicator_lead(report),
    ]
    for project in report.projects:
        rows = [by_id[i] for i in project.indicators if i in by_id]
        if rows:
            parts.append(_project(project, rows))
    parts.append(
        _(
            "Percent of target and expected progress (时序进度) as computed by shishi; "
            "tolerance {tolerance} points, ahead margin {ahead_margin} points."
        ).format(
            tolerance=format_decimal(report.thresholds.tolerance),
            ahead_margin=format_decimal(report.thresholds.ahead_margin),
        )
    )
    return "\n\n".join(parts) + "\n"


def _when(report: Report) -> str:
    return _("the end of {month} {year}").format(month=_(MONTHS[report.month - 1]), year=report.year)


def _md(text: str) -> str:
    """User text inside Markdown prose: one line, and no markup of its own."""
    text = literal(" ".join(text.split()))
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _names(names: list[str]) -> str:
    return pgettext("list of names", ", ").join(_md(n) for n in names)


def _lead(report: Report) -> str:
    """第N件 counts by status, naming the projects met, ahead, lagging and overdue."""
    projects = report.projects
    phrases = []
    for status in STATUSES:
        chosen = [p for p in projects if p.status == status]
        if chosen:
            which = _names([_("no. {number}").format(number=p.number) for p in chosen])
            phrases.append(_(PROJECT_PHRASES[status]).format(count=len(chosen), which=which))
    total = ngettext("{count} project", "{count} projects", len(projects)).format(count=len(projects))
    return _("As of {when}, of the {total} of {title}: {phrases}.").format(
        when=_when(report), total=total, title=_md(report.title), phrases=_("; ").join(phrases)
    )


def _indicator_lead(report: Report) -> str:
    """The same by indicator, naming them, as the seed's "创设公益性岗位、…2项工作已实现既定目标"."""
    rows = report.indicators
    phrases = []
    for status in STATUSES:
        chosen = [r for r in rows if r.status == status]
        if chosen:
            which = _names([r.name for r in chosen])
            phrases.append(_(INDICATOR_PHRASES[status]).format(count=len(chosen), which=which))
    total = ngettext("{count} indicator", "{count} indicators", len(rows)).format(count=len(rows))
    return _("Of the {total}: {phrases}.").format(total=total, phrases=_("; ").join(phrases))


def _project(project: ProjectResult, rows: list[IndicatorResult]) -> str:
    head = "## " + _("Project {number}").format(number=project.number)
    promise = _("{title} (responsible: {owners})").format(
        title=_md(project.title), owners=_names(project.owners)
    )
    progress = _("Progress: {sentences}.").format(sentences=_("; ").join(_sentence(r) for r in rows))
    lines = [head, promise, progress]
    attention = [r for r in rows if r.status in ("lagging", "overdue")]
    if attention:
        flagged = _("; ").join(_flag(r) for r in attention)
        lines.append("**" + _("Needs attention: {items}.").format(items=flagged) + "**")
    return "\n\n".join(lines)


def _sentence(r: IndicatorResult) -> str:
    """One indicator's facts: value (every stage), percent of target, expected progress, status."""
    name = _md(r.name)
    if r.kind == "milestone":
        where = _md(r.stage) if r.stage else _("no stage reached yet")
        return _("{name}: {stage}").format(name=name, stage=where) + _status_clause(r)
    if r.stages:
        reached = [
            _("{stage} {value}").format(stage=_md(s), value=amount(v, r.unit))
            for s, v in r.stages.items()
            if v is not None
        ]
        if r.stage is not None and r.stages.get(r.stage) is None:
            reached.append(_("{stage} no figure yet").format(stage=_md(r.stage)))
        figures = _(", ").join(reached)
    elif r.value is not None:
        figures = amount(r.value, r.unit)
    else:
        figures = _("no figure yet")
    text = _("{name} {figures}").format(name=name, figures=figures)
    if r.target is None:
        return text + _(" (tracked, no target)")
    target = amount(r.target, r.unit)
    if r.baseline is not None:
        target = _("from {baseline} to {target}").format(baseline=amount(r.baseline, r.unit), target=target)
    if r.percent is None:
        return text + _(", target {target}").format(target=target) + _status_clause(r)
    text += _(", {percent}% of the target {target} (expected {expected}%)").format(
        percent=percent(r.percent), target=target, expected=percent(r.expected_percent)
    )
    return text + _status_clause(r)


def _status_clause(r: IndicatorResult) -> str:
    gap = abs(r.gap) if r.gap is not None else None
    if r.status == "met":
        return _(", target met")
    if r.status == "ahead" and gap is not None:
        return _(", {points} points ahead of schedule").format(points=percent(gap))
    if r.status == "on_track":
        return _(", on schedule")
    if r.status == "lagging" and gap is not None:
        return _(", {points} points behind schedule, lagging").format(points=percent(gap))
    if r.status == "overdue":
        return _(", not done by the deadline {deadline}, overdue").format(deadline=r.deadline.isoformat())
    if r.status == "in_progress":
        return _(", under way")
    return ""


def _flag(r: IndicatorResult) -> str:
    if r.status == "overdue":
        return _("{id} {name} is overdue (deadline {deadline})").format(
            id=r.id, name=_md(r.name), deadline=r.deadline.isoformat()
        )
    return _("{id} {name} is {points} points behind its expected progress").format(
        id=r.id, name=_md(r.name), points=percent(abs(r.gap) if r.gap is not None else None)
    )
