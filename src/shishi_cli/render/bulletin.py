"""The progress bulletin (进展情况通报): a report written out as the office's Markdown prose.

Render layer: it receives a computed `Report` and words it, in the interface language, the way
such bulletins do: a lead paragraph with the counts, then 第N件, its promise and 进展情况.
It computes no status; numbers come from the report as they are.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from shishi_cli.i18n import N_, NP_, _, language, ngettext, pgettext
from shishi_cli.numbers import format_decimal
from shishi_cli.progress import (
    STATUSES,
    IndicatorResult,
    Number,
    ProjectResult,
    RegionResult,
    Report,
    stage_behind,
    unreported_regions,
)
from shishi_cli.text import markdown_inline

from .words import amount, follow_up_text, percent, rules_text, scoped_title, stages_overdue_text

if TYPE_CHECKING:
    from shishi_cli.progress import DepartmentStanding

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip

# How the lead paragraph words each status, for projects (件) and for indicators (项).
PROJECT_PHRASES = {
    "met": NP_("projects", "{count} met the target ({which})"),
    "ahead": NP_("projects", "{count} ahead of schedule ({which})"),
    "on_track": NP_("projects", "{count} on schedule"),
    "lagging": NP_("projects", "{count} lagging ({which})"),
    "overdue": NP_("projects", "{count} overdue ({which})"),
    "no_data": NP_("projects", "{count} without figures yet"),
    "in_progress": NP_("projects", "{count} under way"),
    "breached": NP_("projects", "{count} outside a limit ({which})"),
}
INDICATOR_PHRASES = {
    "met": NP_("indicators", "{count} met the target ({which})"),
    "ahead": NP_("indicators", "{count} ahead of schedule ({which})"),
    "on_track": NP_("indicators", "{count} on schedule"),
    "lagging": NP_("indicators", "{count} lagging ({which})"),
    "overdue": NP_("indicators", "{count} overdue ({which})"),
    "no_data": NP_("indicators", "{count} without figures yet"),
    "in_progress": NP_("indicators", "{count} under way"),
    "breached": NP_("indicators", "{count} outside their limit ({which})"),
}


def bulletin_amount(value: Number | str | None, unit: str) -> str:
    """A quantity as bulletins write it: 18.04万人, 196万平方米, 494.3公里 (English: 180,400 人)."""
    if value is None or language() != "zh":
        return amount(value, unit)
    exact = Decimal(value) if isinstance(value, str) else Decimal(repr(value))
    text = format_decimal(exact)
    if unit.startswith("万") and abs(exact) >= _WAN and _fits(exact / _WAN):  # 12000万元: 1.2亿元
        return format_decimal(exact / _WAN) + "亿" + unit[1:]
    if not unit.startswith(("万", "亿")):  # figures stay exact: 18.04万, 1.2345万, not 1.23万
        for scale, word in ((_YI, "亿"), (_WAN, "万")):
            if abs(exact) >= scale and _fits(exact / scale):
                return format_decimal(exact / scale) + word + unit
    return text + unit


_WAN, _YI = Decimal(10**4), Decimal(10**8)


def _fits(scaled: Decimal) -> bool:
    """At most four decimals, as bulletins write 万 and 亿 figures (1.2345万)."""
    return scaled == scaled.quantize(Decimal("0.0001"))


def bulletin(report: Report, departments: list[DepartmentStanding] | None = None) -> str:
    """The whole bulletin, as Markdown; with `departments` (the league table), a paragraph on
    the departments behind and those not reported."""
    by_id = {r.id: r for r in report.indicators}
    title = markdown_inline(scoped_title(report))
    parts = [
        "# " + _("{title}: progress as of {when}").format(title=title, when=_when(report)),
        _lead(report),
        _indicator_lead(report),
        *_regions_leads(report),
    ]
    if departments:
        parts.append(_departments(report, departments))
    for project in report.projects:
        rows = [by_id[i] for i in project.indicators if i in by_id]
        if rows:
            parts.append(_project(project, rows, report.month))
    th = report.thresholds
    if th.mode == "points":
        note = _(
            "Percent of target and expected progress (时序进度) as computed by shishi; "
            "tolerance {tolerance} points, ahead margin {ahead_margin} points. A staged indicator's "
            "percent counts the stage its target names (完工 unless it says otherwise)."
        ).format(tolerance=format_decimal(th.tolerance), ahead_margin=format_decimal(th.ahead_margin))
    else:
        note = _(
            "Percent of target and expected progress (时序进度) as computed by shishi. {rule} A staged "
            "indicator's percent counts the stage its target names (完工 unless it says otherwise)."
        ).format(rule=rules_text(th, report.month))
    parts.append(note)
    return "\n\n".join(parts) + "\n"


def _regions_leads(report: Report) -> list[str]:
    """For each indicator broken down by region, the regions leading and those trailing on percent
    of their share, up to three each, as Hunan's bulletin names them (居全省前三位, 排名靠后)."""
    found: list[str] = []
    for r in report.indicators:
        shares = r.breakdown.regions if r.breakdown is not None else ()
        rows = [x for x in shares if x.percent is not None]
        silent = [x.region for x in shares if x.value is None]  # behind every region with a figure
        count = min(3, len(rows) // 2)
        silent_line = (
            _("By region, on {indicator}: no figure yet from {regions}.").format(
                indicator=_names([r.name], quoted=True),
                regions=pgettext("list of names", ", ").join(markdown_inline(name) for name in silent),
            )
            if silent
            else None
        )
        # Regions with an older figure and none for the month: chased as `missing` chases them.
        late = [x.region for x in unreported_regions(r) if x.value is not None] if shares else []
        chased = [silent_line] if silent_line else []
        if late:
            chased.append(
                _("By region, on {indicator}: no {month} figure yet from {regions}.").format(
                    indicator=_names([r.name], quoted=True),
                    month=_(MONTHS[report.month - 1]),
                    regions=pgettext("list of names", ", ").join(markdown_inline(name) for name in late),
                )
            )
        if not count:
            found += chased
            continue
        ranked = sorted(rows, key=lambda x: -(x.percent or 0))  # (a tie keeps the plan's order)
        leading, trailing = ranked[:count], ranked[::-1][:count]

        def named(regions: list[RegionResult]) -> str:
            return pgettext("list of names", ", ").join(
                _("{region} ({percent} %)").format(
                    region=markdown_inline(x.region), percent=percent(x.percent)
                )
                for x in regions
            )

        found.append(
            _("By region, on {indicator}: leading, {leading}; trailing, {trailing}.").format(
                indicator=_names([r.name], quoted=True), leading=named(leading), trailing=named(trailing)
            )
        )
        found += chased
    return found


def _when(report: Report) -> str:
    return _("the end of {month} {year}").format(month=_(MONTHS[report.month - 1]), year=report.year)


def _date(day: date) -> str:
    """2022-11-30, or 2022年11月30日 in Chinese."""
    return _("{year}-{month:02d}-{day:02d}").format(year=day.year, month=day.month, day=day.day)


def _owners(names: list[str]) -> str:
    """A project's departments: as other names, unless one holds a 、 itself, when ； separates
    them (in English, the comma does already)."""
    if language() == "zh" and any("、" in name for name in names):
        return "；".join(markdown_inline(n) for n in names)
    return _names(names)


def _names(names: list[str], quoted: bool = False) -> str:
    """Names in a sentence; an indicator's name may hold 、 itself, so those are quoted."""
    shown = [markdown_inline(n) for n in names]
    quote = pgettext("quoted name", "{name}")
    if quoted and quote != "{name}":  # “…” around names: quotes inside them become ‘…’
        shown = [quote.format(name=n.replace("“", "‘").replace("”", "’")) for n in shown]
    return pgettext("list of names", ", ").join(shown)


def _lead(report: Report) -> str:
    """第N件 counts by status, naming the projects met, ahead, lagging and overdue."""
    projects = report.projects
    named = {p.number: _("no. {number}").format(number=p.number) for p in projects}
    phrases = _phrases(
        [(p.status, named[p.number]) for p in projects], "projects", PROJECT_PHRASES, quoted=False
    )
    total = ngettext("{count} project", "{count} projects", len(projects)).format(count=len(projects))
    return _("As of {when}, of the {total} of {title}: {phrases}.").format(
        when=_when(report), total=total, title=markdown_inline(scoped_title(report)), phrases=phrases
    )


def _indicator_lead(report: Report) -> str:
    """The same by indicator, naming them, as the seed's "创设公益性岗位、…2项工作已实现既定目标"."""
    rows = report.indicators
    phrases = _phrases([(r.status, r.name) for r in rows], "indicators", INDICATOR_PHRASES, quoted=True)
    total = ngettext("{count} indicator", "{count} indicators", len(rows)).format(count=len(rows))
    lead = _("Of the {total}: {phrases}.").format(total=total, phrases=phrases)
    if report.stages_overdue.get("indicators"):
        lead = _("{lead} {stages_overdue}.").format(
            lead=lead, stages_overdue=stages_overdue_text(report.stages_overdue)
        )
    return lead


def _departments(report: Report, rows: list[DepartmentStanding]) -> str:
    """The departments with items lagging, overdue or breached, most behind first, and those with
    indicators not reported for the month, most first (`rows` counts each indicator for its lead
    unit)."""
    behind = [
        _("{department} ({counts})").format(department=markdown_inline(s.department), counts=_behind(s))
        for s in rows
        if s.behind()
    ]
    silent = sorted((s for s in rows if s.missing), key=lambda s: -s.missing)  # (stable: by rank)
    unreported = [
        _("{department} ({counts})").format(
            department=markdown_inline(s.department),
            counts=ngettext("{count} indicator", "{count} indicators", s.missing).format(count=s.missing),
        )
        for s in silent
    ]
    month = _(MONTHS[report.month - 1])
    sentences = []
    if behind:
        sentences.append(
            _("Departments with items behind: {departments}.").format(departments=_names_said(behind))
        )
    if unreported:
        sentences.append(
            _("Not reported for {month}: {departments}.").format(
                month=month, departments=_names_said(unreported)
            )
        )
    if not sentences:
        return _("Every department has reported for {month}, and none has an item behind.").format(
            month=month
        )
    return " ".join(sentences) if language() != "zh" else "".join(sentences)


def _behind(s: DepartmentStanding) -> str:
    """ "2 lagging, 1 overdue": a department's items behind."""
    said = [
        phrase.format(count=s.statuses[status])
        for status, phrase in (
            ("overdue", _("{count} overdue")),
            ("breached", _("{count} outside a limit")),
            ("lagging", _("{count} lagging")),
        )
        if s.statuses[status]
    ]
    return _(", ").join(said)


def _names_said(parts: list[str]) -> str:
    return pgettext("list of names", ", ").join(parts)


def _phrases(items: list[tuple[str, str]], context: str, phrases: dict[str, str], *, quoted: bool) -> str:
    """ "5 ahead of schedule (…); 4 on schedule; …" for (status, name) pairs, statuses in order."""
    said = []
    for status in STATUSES:
        names = [name for state, name in items if state == status]
        if names:
            which = _names(names, quoted=quoted)
            said.append(pgettext(context, phrases[status]).format(count=len(names), which=which))
    return _("; ").join(said)


def _project(project: ProjectResult, rows: list[IndicatorResult], month: int) -> str:
    head = "## " + _("Project {number}").format(number=project.number)
    promise = _("{title} (responsible: {owners})").format(
        title=markdown_inline(project.title), owners=_owners(project.owners)
    )
    sentences = _("; ").join(_sentence(r, month) for r in rows)
    progress = _("Progress: {sentences}.").format(sentences=sentences)
    lines = [head, promise, progress]
    attention = [r for r in rows if r.status in ("lagging", "overdue", "breached") or stage_behind(r)]
    if attention:
        flagged = _("; ").join(_flag(r) for r in attention)
        lines.append("**" + _("Needs attention: {items}.").format(items=flagged) + "**")
    return "\n\n".join(lines)


# A name that ends in a figure (新增学位3.7万个以上, 就业35万人（含高校毕业生12.5万人）): its own figure
# would run into the figure after it, so a colon comes between them. (PM2.5年均浓度 is no such name.)
_ENDS_WITH_FIGURE = re.compile(r"\d[\d.,]*[万亿千百]?\D{0,2}(?:以上|以下|左右)?[）)]?$")


def _sentence(r: IndicatorResult, month: int) -> str:
    """One indicator's facts: value (every stage), percent of target, expected progress, status."""
    name = markdown_inline(r.name)
    old = ""
    if r.as_of_month is not None and r.as_of_month < month:  # the latest figure is older
        old = _(" (figure of month {month})").format(month=r.as_of_month)
    if r.kind == "milestone":
        if r.stage and r.status == "met":
            text = _("{name}: {stage}, done").format(name=name, stage=markdown_inline(r.stage))
            return text + old
        if r.stage:
            text = _("{name}: stage {stage} reached").format(name=name, stage=markdown_inline(r.stage))
        else:
            text = _("{name}: no stage reached yet").format(name=name)
        return text + old + _status_clause(r) + _stage_clauses(r)
    if r.stages:
        reached = [
            _("{stage} {value}").format(stage=markdown_inline(s), value=bulletin_amount(v, r.unit))
            for s, v in r.stages.items()
            if v is not None
        ]
        if r.stage is not None and r.stages.get(r.stage) is None:
            reached.append(_("{stage} no figure yet").format(stage=markdown_inline(r.stage)))
        figures = _(", ").join(reached)
    elif r.value is not None:
        figures = bulletin_amount(r.value, r.unit)
    else:
        figures = _("no figure yet")
    if _ENDS_WITH_FIGURE.search(r.name):  # a name ending in a figure of its own (学位3.7万个以上)
        text = _("{name}: {figures}").format(name=name, figures=figures) + old
    else:  # as bulletins write it: 城镇新增就业18.04万人
        text = _("{name} {figures}").format(name=name, figures=figures) + old
    if r.at_most is not None or r.at_least is not None:
        return text + _(", limit {limit}").format(limit=_limit(r)) + _status_clause(r)
    if r.target is None:
        return text + _(" (tracked, no target)")
    target = bulletin_amount(r.target, r.unit)
    if r.baseline is not None:
        down = Decimal(repr(r.target)) < Decimal(repr(r.baseline))
        change = _("from {baseline} down to {target}") if down else _("from {baseline} up to {target}")
        target = change.format(baseline=bulletin_amount(r.baseline, r.unit), target=target)
    if r.percent is None:
        return text + _(", target {target}").format(target=target) + _status_clause(r) + _stage_clauses(r)
    text += _(", {percent}% of the target {target} (expected {expected}%)").format(
        percent=percent(r.percent), target=target, expected=percent(r.expected_percent)
    )
    return text + _status_clause(r) + _stage_clauses(r)


def _stage_clauses(r: IndicatorResult) -> str:
    """Each scheduled stage behind: 应开工未开工 once due, points behind before."""
    said = ""
    for stage, s in (r.stage_status or {}).items():
        shown = markdown_inline(stage)
        if s.status == "overdue" and s.shortfall is not None:
            said += _("; {stage} {target} was due {deadline}, {shortfall} short").format(
                stage=shown, target=bulletin_amount(s.target, r.unit), deadline=_date(s.deadline),
                shortfall=bulletin_amount(s.shortfall, r.unit),
            )  # fmt: skip
        elif s.status == "overdue":
            said += _("; {stage} was due {deadline} and is not reached").format(
                stage=shown, deadline=_date(s.deadline)
            )
        elif s.status == "lagging" and s.gap is not None:
            said += _("; {stage} {points} points behind its schedule").format(
                stage=shown, points=percent(-s.gap)
            )
    return said


def _limit(r: IndicatorResult) -> str:
    """A ceiling or floor as bulletins write it: 不高于4.3%, 不低于95%, 3%至5%."""
    low, high = r.at_least, r.at_most
    if low is not None and high is not None:
        return _("{low} to {high}").format(
            low=bulletin_amount(low, r.unit), high=bulletin_amount(high, r.unit)
        )
    if high is not None:
        return _("at most {limit}").format(limit=bulletin_amount(high, r.unit))
    return _("at least {limit}").format(limit=bulletin_amount(low, r.unit))


def _status_clause(r: IndicatorResult) -> str:
    """The status in words, and the gap by its sign: under bands or a negative tolerance a
    status and the side of 时序进度 the figure is on can differ, and both are said then."""
    gap = r.gap
    if r.status == "met" and (r.at_most is not None or r.at_least is not None):
        return _(", within the limit")
    if r.status == "breached":
        return _(", outside the limit")
    if r.status == "met":
        return _(", target met")
    if r.status == "ahead" and gap is not None:
        if gap > 0:
            return _(", {points} points ahead of schedule").format(points=percent(gap))
        return _(", {points} points behind schedule, ahead by the plan's rule").format(points=percent(-gap))
    if r.status == "on_track":
        return _(", on schedule")
    if r.status == "lagging" and gap is not None:
        if gap < 0:
            return _(", {points} points behind schedule, lagging").format(points=percent(-gap))
        return _(", {points} points ahead of schedule, lagging by the plan's rule").format(
            points=percent(gap)
        )
    if r.status == "overdue":
        return _(", not done by the deadline {deadline}, overdue").format(deadline=_date(r.deadline))
    if r.status == "in_progress":
        return _(", under way")
    return ""


def _flag(r: IndicatorResult) -> str:
    return _flagged(r) + _followed(r)


def _flagged(r: IndicatorResult) -> str:
    if r.status not in ("lagging", "overdue", "breached"):  # a scheduled stage behind
        behind = [
            markdown_inline(s)
            for s, j in (r.stage_status or {}).items()
            if j.status in ("lagging", "overdue")
        ]
        return _("{id} {name} is behind the schedule of {stages}").format(
            id=r.id, name=markdown_inline(r.name), stages=_names(behind)
        )
    if r.status == "breached":
        return _("{id} {name} is outside its limit ({limit})").format(
            id=r.id, name=markdown_inline(r.name), limit=_limit(r)
        )
    if r.status == "overdue":
        return _("{id} {name} is overdue (deadline {deadline})").format(
            id=r.id, name=markdown_inline(r.name), deadline=_date(r.deadline)
        )
    if r.gap is not None and r.gap >= 0:  # lagging by the plan's rule, level with 时序进度 or above it
        return _(
            "{id} {name} is lagging by the plan's rule, {points} points ahead of its expected progress"
        ).format(id=r.id, name=markdown_inline(r.name), points=percent(r.gap))
    return _("{id} {name} is {points} points behind its expected progress").format(
        id=r.id, name=markdown_inline(r.name), points=percent(-r.gap if r.gap is not None else None, "—")
    )


def _followed(r: IndicatorResult) -> str:
    """The office's follow-ups of a flagged indicator, and their answers."""
    if not r.follow_ups:
        return ""
    shown = _("; ").join(markdown_inline(follow_up_text(f)) for f in r.follow_ups)
    return _(" (follow-up: {follow_ups})").format(follow_ups=shown)


# The bulletin's Markdown is a short grammar of its own: a title (#), a heading per project (##),
# paragraphs, and a paragraph in bold (**…**). User text in it is escaped (text.markdown_inline).
_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|#])")


def bulletin_blocks(markdown: str) -> list[tuple[str, str]]:
    """The bulletin as (kind, plain text) blocks, kind one of title, heading, bold, paragraph:
    what the Word document (render.document) lays out, the same words as the Markdown."""
    blocks = []
    for block in markdown.strip("\n").split("\n\n"):
        if block.startswith("# "):
            kind, text = "title", block[2:]
        elif block.startswith("## "):
            kind, text = "heading", block[3:]
        elif block.startswith("**") and block.endswith("**") and len(block) > 4:
            kind, text = "bold", block[2:-2]
        else:
            kind, text = "paragraph", block
        blocks.append((kind, _ESCAPED.sub(r"\1", text)))
    return blocks
