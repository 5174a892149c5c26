"""The report of a month: every selected indicator, the roll-up into projects, counts and warnings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from shishi_cli.plans import answering, indicator_owners, project_owners
from shishi_cli.records import ANSWER_DAYS, EntryRecord, FollowUpRecord, PlanRecord
from shishi_cli.rules import bands_of, ladder_of

from .escalation import highest, step_name
from .indicator import IndicatorCalc, calc_for, in_force, index_entries
from .results import (
    LIGHT_OF,
    NEEDS_ATTENTION,
    SEVERITY,
    STATUSES,
    Band,
    IndicatorResult,
    ProjectResult,
    Report,
    ReportWarning,
    Selection,
    Thresholds,
)
from .timeline import Calendar, month_end

if TYPE_CHECKING:
    from .regions import Regional


def thresholds_of(
    plan: PlanRecord,
    tolerance: Decimal | None = None,
    ahead_margin: Decimal | None = None,
    red_gap: Decimal | None = None,
    mode: str | None = None,
    bands: Sequence[Band] | None = None,
) -> Thresholds:
    """The plan's rule mode, thresholds and bands, each replaced by the command's option where
    one was given."""
    settings = plan["settings"]
    return Thresholds(
        tolerance=Decimal(settings["tolerance"]) if tolerance is None else tolerance,
        ahead_margin=Decimal(settings["ahead_margin"]) if ahead_margin is None else ahead_margin,
        red_gap=Decimal(settings["red_gap"]) if red_gap is None else red_gap,
        mode=settings["mode"] if mode is None else mode,
        bands=tuple(bands_of(settings["bands"]) if bands is None else bands),
    )


def latest_month(plan: PlanRecord) -> int | None:
    """The latest month with any progress entry: the default month of a report."""
    return max((e["month"] for e in plan["progress"]), default=None)


def project_light(status: str, lights: list[str]) -> str:
    """A project's light follows its status; a lagging one is red if any of its lights is."""
    if status == "lagging":
        return "red" if "red" in lights else "yellow"
    return LIGHT_OF.get(status, "grey")


def project_status(statuses: list[str], tracked: Sequence[str] = ()) -> str:
    """docs/rules.md, "For each project". `statuses` are those of the project's indicators with a target, a
    limit or a milestone, `tracked` those of its tracked-only ones (a quantity without either).

    Met when all of the former are met: the tracked-only, having nothing to meet, do not hold
    a project back (and a project of them alone is never met). Otherwise the most severe
    status among all measured ones, else in progress if any is, else no data.
    """
    if statuses and all(s == "met" for s in statuses):
        return "met"
    every = [*statuses, *tracked]
    measured = [s for s in every if s in SEVERITY]
    if measured:
        return max(measured, key=SEVERITY.__getitem__)
    return "in_progress" if "in_progress" in every else "no_data"


def stage_behind(r: IndicatorResult) -> bool:
    """Whether a scheduled stage of the indicator is lagging or overdue."""
    return r.stage_status is not None and any(s.status in NEEDS_ATTENTION for s in r.stage_status.values())


_EVERYTHING = Selection()


def build_report(
    plan: PlanRecord,
    month: int,
    thresholds: Thresholds,
    selection: Selection = _EVERYTHING,
    today: date | None = None,
    warnings: bool = True,
) -> Report:
    """Every selected indicator as of the end of `month`, their projects, counts and warnings;
    `today`: the day a follow-up's answer is judged late by (none: not judged); `warnings`
    False: none are looked for (the output shows none)."""
    index = index_entries(plan["progress"])
    ladder = ladder_of(plan["settings"].get("escalation"))
    red_cap = max((months for _step, when in ladder for run, months in when if run == "red"), default=0)
    calendar = Calendar(thresholds, red_cap)
    year = plan["year"]
    nothing: list[EntryRecord] = []
    results: list[IndicatorResult] = []
    projects: list[ProjectResult] = []
    owner_filter = selection.owners
    wanted = selection.statuses
    stages = selection.stages
    staged = False  # any stage schedule: only then is there a stage to count as overdue
    selected: list[str] = []
    follow_ups: dict[str, list[FollowUpRecord]] | None = None
    if plan.get("follow_ups"):
        follow_ups = defaultdict(list)
        for f in plan.get("follow_ups", ()):
            follow_ups[f["indicator"]].append(f)
    share_tolerance = Decimal(plan["settings"].get("share_tolerance", "0"))
    region = selection.region
    for project in plan["projects"]:
        if selection.projects and project["number"] not in selection.projects:
            continue
        statuses: list[str] = []
        tracked: list[str] = []  # of the tracked-only indicators, apart (rule 7)
        lights: list[str] = []
        chosen: list[IndicatorResult] = []
        others: list[IndicatorCalc] = []  # of other departments: they count in the roll-up only
        steps: list[str | None] = []  # the steps reached by those not chosen, for the project's
        regional: dict[str, Regional] = {}
        for ind in project["indicators"]:
            owners = indicator_owners(project, ind)
            own = index.get(ind["id"], nothing)
            if "regions" in ind:  # (broken down by region: judged by its regions' sum)
                from .regions import Regional  # (only a plan broken down by region needs it)

                regional[ind["id"]] = split = Regional(ind, own)
                own = split.entries
            elif region is not None:
                continue
            if region is not None:  # the region's share alone, as an indicator of its own
                split = regional[ind["id"]]
                if not split.shares_of(region):
                    continue
                calc = split.calc_of(region, year, calendar)
            # (Most indicators have no kept changes: the plain calculation, without a call more.)
            else:
                calc = (
                    calc_for(year, ind, own, calendar)
                    if "changes" in ind
                    else IndicatorCalc(year, ind, own, calendar)
                )
            into = tracked if calc.tracked_only else statuses
            staged = staged or bool(calc.stage_calcs)
            if owner_filter is not None and owner_filter.isdisjoint(answering(project, ind)):
                others.append(calc)
                continue
            if wanted:  # the status alone decides; the full result only for those shown
                found = in_force(calc.made, month)
                status = calc.status(month, found)
                into.append(status)
                late = calc.stage_calcs and not stages.isdisjoint(calc.stage_statuses(month))
                if status in wanted or late:
                    chosen.append(calc.result(project["number"], owners, month, status))
                    lights.append(chosen[-1].light)
                elif status in NEEDS_ATTENTION:  # its light may make the project's red, its step higher
                    text = None if found is None or calc.milestone else found.get("value") or "0"
                    lights.append(light := calc.light(month, status, text))
                    steps.append(step_name(ladder, calc.runs(month, status, light)))
            else:
                chosen.append(calc.result(project["number"], owners, month))
                into.append(chosen[-1].status)
                lights.append(chosen[-1].light)
        selected += statuses
        selected += tracked
        if not chosen:
            continue
        for calc in others:  # a project's status is the whole project's, whichever part is shown
            found = in_force(calc.made, month)
            status = calc.status(month, found)
            (tracked if calc.tracked_only else statuses).append(status)
            if status in NEEDS_ATTENTION:
                text = None if found is None or calc.milestone else found.get("value") or "0"
                lights.append(light := calc.light(month, status, text))
                steps.append(step_name(ladder, calc.runs(month, status, light)))
        for r in chosen:
            if follow_ups is not None and r.id in follow_ups:
                r.follow_ups = [f for f in follow_ups[r.id] if f["month"] <= month]
            if r.runs[0]:
                r.escalation = step_name(ladder, r.runs)
                steps.append(r.escalation)
        for r in chosen if regional else ():
            if r.id in regional:
                lines = regional[r.id].at(year, calendar, r.project, r.owners, month, share_tolerance)
                if region is not None:  # (its own line only; the sum is not this region's business)
                    lines.regions = [x for x in lines.regions if x.region == region]
                    lines.missing, lines.total, lines.shares_off = [], None, False
                r.breakdown = lines
        results.extend(chosen)
        projects.append(
            ProjectResult(
                number=project["number"],
                title=project["title"],
                owners=project_owners(project),
                status=(roll_up := project_status(statuses, tracked)),
                light=project_light(roll_up, lights),
                indicators=[r.id for r in chosen],
                escalation=highest(ladder, steps) if steps else None,
            )
        )
    return Report(
        year=year,
        title=plan["title"],
        month=month,
        as_of=month_end(year, month),
        thresholds=thresholds,
        indicators=results,
        projects=projects,
        summary_indicators=_count(r.status for r in results),
        summary_projects=_count(p.status for p in projects),
        warnings=_warnings(results, year, month) + _unanswered(results, plan, today) if warnings else [],
        selected=_count(selected),
        stages_overdue=_stages_overdue(results) if staged else {"indicators": 0, "projects": 0},
        ladder=ladder,
    )


def _unanswered(results: list[IndicatorResult], plan: PlanRecord, today: date | None) -> list[ReportWarning]:
    """The follow-ups of the indicators listed still without an answer more than the plan's
    answer days after the action, as of `today`."""
    if today is None or not plan.get("follow_ups"):
        return []
    days = timedelta(days=plan["settings"].get("answer_days", ANSWER_DAYS))
    found = []
    for r in results:
        for f in r.follow_ups:
            due = date.fromisoformat(f["date"]) + days
            if "answer" not in f and today > due:
                found.append(ReportWarning("unanswered", r.id, r.name, None, due, follow_up=f))
    return found


def _stages_overdue(results: list[IndicatorResult]) -> dict[str, int]:
    """How many indicators listed, and of how many projects, have a stage due and not reached."""
    late = [
        r for r in results if r.stage_status and any(s.status == "overdue" for s in r.stage_status.values())
    ]
    return {"indicators": len(late), "projects": len({r.project for r in late})}


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def _warnings(results: list[IndicatorResult], year: int, month: int) -> list[ReportWarning]:
    """Overdue, breached, a stage overdue, changed since, due soon, lagging in a row, a stage
    lagging, falling, stale, no data, a label not in the table: in that order of kinds."""
    overdue: list[ReportWarning] = []
    breached: list[ReportWarning] = []
    stage_overdue: list[ReportWarning] = []
    changed: list[ReportWarning] = []
    stage_lagging: list[ReportWarning] = []
    due_soon: list[ReportWarning] = []
    streaks: list[ReportWarning] = []
    falls: list[ReportWarning] = []
    stale: list[ReportWarning] = []
    no_data: list[ReportWarning] = []
    unmapped: list[ReportWarning] = []
    regional: list[ReportWarning] = []
    next_end = month_end(year + month // 12, month % 12 + 1)
    for r in results:
        status = r.status
        if status == "overdue":
            overdue.append(ReportWarning("overdue", r.id, r.name, None, r.deadline))
        elif status == "breached":
            above = r.at_most is not None and r.value is not None and r.value > r.at_most
            limit = r.at_most if above else r.at_least
            breached.append(
                ReportWarning(
                    "breached",
                    r.id,
                    r.name,
                    r.lagging_months,
                    value=r.value,
                    limit=limit,
                    unit=r.unit,
                    above=above,
                )
            )
        elif status != "met" and r.deadline <= next_end and (r.target is not None or r.kind == "milestone"):
            due_soon.append(ReportWarning("due_soon", r.id, r.name, None, r.deadline))
        for stage, s in r.stage_status.items() if r.stage_status else ():
            if s.status == "overdue":
                stage_overdue.append(
                    ReportWarning(
                        "stage_overdue",
                        r.id,
                        r.name,
                        s.lagging_months,
                        s.deadline,
                        stage,
                        value=s.value,
                        limit=s.target,
                        unit=r.unit,
                        shortfall=s.shortfall,
                    )  # fmt: skip
                )
            elif s.status == "lagging":
                behind = None if s.gap is None else -s.gap
                stage_lagging.append(
                    ReportWarning("stage_lagging", r.id, r.name, s.lagging_months, s.deadline, stage, behind)
                )
        if r.changes:
            changed += _changed_since(r, year, month)
        if r.breakdown is not None:
            regional += _regional(r)
        if status == "lagging" and r.lagging_months >= 2:
            streaks.append(ReportWarning("lagging_streak", r.id, r.name, r.lagging_months))
        if r.change is not None and r.change < 0:  # cumulative figures should not fall
            downward = r.baseline is not None and r.target is not None and r.target < r.baseline
            falls.append(ReportWarning("falls", r.id, r.name, points=-r.change, downward=downward))
        if status == "no_data":
            no_data.append(ReportWarning("no_data", r.id, r.name, stage=r.stage if r.stages else None))
        elif status != "met" and r.as_of_month is not None and month - r.as_of_month >= 2:
            stale.append(ReportWarning("stale", r.id, r.name, month - r.as_of_month))
        if r.label is not None and r.label_agrees is None:
            unmapped.append(ReportWarning("unmapped_label", r.id, r.name, label=r.label))
    return (
        overdue
        + breached
        + stage_overdue
        + changed
        + due_soon
        + streaks
        + stage_lagging
        + falls
        + stale
        + no_data
        + unmapped
        + regional
    )


def _regional(r: IndicatorResult) -> list[ReportWarning]:
    """Shares that do not add up to the target, regions without a figure, and a total entered
    directly that differs from the regions' sum."""
    b = r.breakdown
    assert b is not None
    found: list[ReportWarning] = []
    if b.shares_off:
        found.append(ReportWarning("shares_off", r.id, r.name, value=b.shares, limit=r.target, unit=r.unit))
    if b.missing and len(b.missing) < len(b.regions):
        found.append(ReportWarning("regions_missing", r.id, r.name, regions=tuple(b.missing)))
    if b.total is not None:
        found.append(ReportWarning("total_differs", r.id, r.name, value=b.summed, limit=b.total, unit=r.unit))
    return found


def _changed_since(r: IndicatorResult, year: int, month: int) -> list[ReportWarning]:
    """The changes a report of `month` made before them did not see: made after the month ended,
    of what was in force at `month`. A correction holds for every month but those an approved
    change made before it keeps the old value for; an approved change, from its month on."""
    ended = month_end(year, month).isoformat()
    found: list[ReportWarning] = []
    for n, change in enumerate(r.changes):
        start, field = change["from_month"], change["field"]
        if change["at"][:10] <= ended or (start is not None and start > month):
            continue
        kept_old = any(c["field"] == field and (c["from_month"] or 0) > month for c in r.changes[:n])
        if not kept_old:
            found.append(ReportWarning("changed", r.id, r.name, change=change))
    return found


def disagreeing(report: Report) -> Report:
    """The report of only the indicators whose label disagrees with their computed status, their
    projects (as a whole project judges them) and their warnings."""
    rows = [r for r in report.indicators if r.label_agrees is False]
    ids = {r.id for r in rows}
    wanted = {r.project for r in rows}
    projects = [
        p.replace(indicators=[i for i in p.indicators if i in ids])
        for p in report.projects
        if p.number in wanted
    ]
    return report.replace(
        indicators=rows,
        projects=projects,
        summary_indicators=_count(r.status for r in rows),
        summary_projects=_count(p.status for p in projects),
        warnings=[w for w in report.warnings if w.indicator in ids],
    )


def escalated(report: Report) -> list[IndicatorResult]:
    """The indicators that reached a step of the ladder: the highest step first, then the longest
    run of months behind, then the most behind."""
    order = {name: n for n, (name, _when) in enumerate(report.ladder)}
    found = [r for r in report.indicators if r.escalation is not None]
    return sorted(found, key=lambda r: (-order[r.escalation or ""], -r.lagging_months, r.gap or 0.0))


def attention(report: Report) -> list[IndicatorResult]:
    """Lagging, overdue and breached indicators, and those with a scheduled stage lagging or overdue
    (应开工未开工), most behind first (no percent to compare, as a breached limit: first of all)."""
    needing = [r for r in report.indicators if r.status in NEEDS_ATTENTION or stage_behind(r)]
    return sorted(needing, key=lambda r: (r.gap is not None, r.gap or 0.0))
