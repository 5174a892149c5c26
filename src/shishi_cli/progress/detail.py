"""One indicator or project in detail, as `shishi show` presents it: entries and month by month."""

from __future__ import annotations

from dataclasses import dataclass

from shishi_cli.numbers import project_number_of
from shishi_cli.plans import indicator_owners, project_owners
from shishi_cli.records import EntryRecord, PlanRecord, SourceRecord, StageScheduleRecord

from .indicator import calc_for, in_force
from .regions import Regional
from .report import build_report, latest_month
from .results import IndicatorResult, ProjectResult, Report, Selection, Thresholds
from .timeline import Calendar, Trajectory


@dataclass
class MonthRow:
    month: int
    value: str | None
    stage: str | None
    percent: float | None
    expected_percent: float
    status: str
    light: str


@dataclass
class EntryRow:
    month: int
    stage: str | None
    value: str | None
    note: str | None
    at: str | None
    superseded: bool  # a later entry for the same month and stage corrects it
    label: str | None = None
    source: SourceRecord | None = None  # the file and row it was imported from
    region: str | None = None  # of an indicator broken down by region: the region it is of


@dataclass
class IndicatorDetail:
    year: int
    month: int
    project: int
    project_title: str
    stages: list[str]
    counts: str | None
    trajectory: Trajectory
    result: IndicatorResult
    stage_schedules: list[StageScheduleRecord]
    entries: list[EntryRow]
    months: list[MonthRow]


@dataclass
class ProjectDetail:
    report: Report  # the report of this one project
    project: ProjectResult


def describe(
    plan: PlanRecord, ident: str, month: int | None, thresholds: Thresholds
) -> IndicatorDetail | ProjectDetail:
    """What `shishi show ID` shows: an indicator id, or else a project number."""
    from shishi_cli.plans import find_indicator, find_project

    if month is None:
        month = latest_month(plan) or 1
    is_indicator = any(i["id"] == ident for p in plan["projects"] for i in p["indicators"])
    written = None if is_indicator or "." in ident else project_number_of(ident)  # 12, 第12件, 第十二件
    if written is not None:
        number = written
        project = find_project(plan, number)
        report = build_report(plan, month, thresholds, Selection(projects=frozenset({number})))
        if not report.projects:  # a project without indicators yet
            empty = ProjectResult(number, project["title"], project_owners(project), "no_data", "grey", [])
            report.projects.append(empty)
        return ProjectDetail(report, report.projects[0])
    project, ind = find_indicator(plan, ident)
    own = [e for e in plan["progress"] if e["indicator"] == ind["id"]]
    judged = Regional(ind, own).entries if "regions" in ind else own  # (its regions' sum)
    calc = calc_for(plan["year"], ind, judged, Calendar(thresholds))
    # A later entry corrects an earlier one of the same month and stage; a milestone's stages
    # are one series (the stage reached), so any later entry of the month corrects it.
    milestone = ind["kind"] == "milestone"
    # (A region's figure corrects only that region's: the regions' figures add up.)
    series = [(e["month"], None if milestone else e.get("stage"), e.get("region")) for e in own]
    last_of = {key: n for n, key in enumerate(series)}
    entries = [
        EntryRow(
            e["month"],
            e.get("stage"),
            e.get("value"),
            e.get("note"),
            e.get("at"),
            last_of[key] != n,
            e.get("label"),
            e.get("source"),
            e.get("region"),
        )  # fmt: skip
        for n, (e, key) in enumerate(zip(own, series, strict=True))
    ]
    entries.sort(key=lambda row: row.month)
    rows = []
    for m in range(1, month + 1):
        found = in_force(calc.made, m)
        value = None if calc.milestone or found is None else (found.get("value") or "0")
        status = calc.status(m, found)
        rows.append(
            MonthRow(
                m,
                value,
                calc.stages_at(m, found)[0],
                None if value is None else calc.at(m).percent_shown(value),
                calc.at(m).schedule.expected_shown[m],
                status,
                calc.light(m, status, value),
            )
        )
    return IndicatorDetail(
        year=plan["year"],
        month=month,
        project=project["number"],
        project_title=project["title"],
        stages=list(ind["stages"]),
        counts=ind["counts"],
        trajectory=calc.at(month).trajectory,
        result=_with_follow_ups(
            calc.result(project["number"], indicator_owners(project, ind), month), plan, month
        ),
        stage_schedules=ind.get("stage_schedules", []),
        entries=entries,
        months=rows,
    )


def _with_follow_ups(result: IndicatorResult, plan: PlanRecord, month: int) -> IndicatorResult:
    """The result with the office's follow-ups of the indicator made for `month` or before."""
    result.follow_ups = [
        f for f in plan.get("follow_ups", ()) if f["indicator"] == result.id and f["month"] <= month
    ]
    return result


@dataclass(slots=True, eq=False)
class TrendPoint:
    """An indicator's percent of target at the end of a month (None: no figure), and the percent
    expected then: a point of the trend line on the report's page."""

    month: int
    percent: float | None
    expected_percent: float


def trends(
    plan: PlanRecord, month: int, thresholds: Thresholds, ids: set[str]
) -> dict[str, list[TrendPoint]]:
    """The indicators `ids` month by month to `month`, as `show ID` works out each month's
    percent (a milestone, which has no percent, has only its expected line)."""
    entries: dict[str, list[EntryRecord]] = {}
    for e in plan["progress"]:
        if e["indicator"] in ids:
            entries.setdefault(e["indicator"], []).append(e)
    calendar = Calendar(thresholds)
    found: dict[str, list[TrendPoint]] = {}
    for project in plan["projects"]:
        for ind in project["indicators"]:
            if ind["id"] not in ids:
                continue
            own = entries.get(ind["id"], [])
            judged = Regional(ind, own).entries if "regions" in ind else own  # (its regions' sum)
            calc = calc_for(plan["year"], ind, judged, calendar)
            points = []
            for m in range(1, month + 1):
                entry = in_force(calc.made, m)
                value = None if calc.milestone or entry is None else (entry.get("value") or "0")
                at = calc.at(m)
                shown = None if value is None else at.percent_shown(value)
                points.append(TrendPoint(m, shown, at.schedule.expected_shown[m]))
            found[ind["id"]] = points
    return found
