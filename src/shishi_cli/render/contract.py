"""The JSON and CSV scripts rely on: each object's fields named once, in order, and built from those lists.

A field is added, renamed or moved here and nowhere else; tests/test_contract.py pins every
list, so such a change is a decision, never an accident. Values keep their types (numbers as
numbers, null for none); statuses and lights stay the values of docs/rules.md, never words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from shishi_cli import plans
from shishi_cli.numbers import format_decimal
from shishi_cli.plans import change_text
from shishi_cli.progress import STATUSES, IndicatorResult, Number, StageResult, quantity
from shishi_cli.text import cell_text, csv_cell

from .output import csv_text
from .words import warning_text

if TYPE_CHECKING:
    from pathlib import Path

    from shishi_cli.compare import Outside
    from shishi_cli.integrity import Finding
    from shishi_cli.numbers import Ladder
    from shishi_cli.plans import PlanSummary
    from shishi_cli.progress import (
        DepartmentMissing,
        DepartmentStanding,
        EntryRow,
        IndicatorDetail,
        MissingIndicator,
        MonthRow,
        ProjectDetail,
        ProjectResult,
        RegionResult,
        Report,
        ReportWarning,
    )
    from shishi_cli.records import (
        ChangeRecord,
        FollowUpRecord,
        IndicatorRecord,
        PlanRecord,
        ProjectRecord,
        StageScheduleRecord,
        TrajectoryPointRecord,
    )
    from shishi_cli.store import Look, Rescue
    from shishi_cli.versions import Version

# One indicator as of a month: in the JSON of report, lagging and show, and the columns of their
# CSV and of `export --what report`. Fields added since the first release come after every field
# of the objects that hold them (show ID's own too): ADDED_INDICATOR_FIELDS.
FIRST_INDICATOR_FIELDS = (
    "id", "project", "name", "owners", "kind", "unit", "target", "baseline", "value", "stage",
    "as_of_month", "percent", "expected_percent", "gap", "status", "light", "change",
    "lagging_months", "deadline", "required_per_month", "projected_at_deadline", "stages",
)  # fmt: skip
ADDED_INDICATOR_FIELDS = ("at_most", "at_least", "stage_status", "changes", "lead", "reported")
# (show ID had a field of its own, stage_schedules, before lead and reported came)
SHOW_ADDED_FIELDS = ("at_most", "at_least", "stage_status", "changes", "stage_schedules", "lead", "reported")
# Added later to both: the label given and whether the status agrees, the escalation step.
LATER_INDICATOR_FIELDS = ("label", "label_agrees", "escalation")
# Each kept change of an indicator's measures, in its `changes` (and `list`'s).
CHANGE_FIELDS = ("field", "old", "new", "from_month", "reason", "at")
# Each scheduled stage in an indicator's `stage_status`, keyed by the stage.
STAGE_STATUS_FIELDS = (
    "target", "deadline", "value", "percent", "expected_percent", "gap", "status", "light",
    "lagging_months", "shortfall",
)  # fmt: skip
INDICATOR_FIELDS = (*FIRST_INDICATOR_FIELDS, *ADDED_INDICATOR_FIELDS, *LATER_INDICATOR_FIELDS)
_indicator_values = attrgetter(*INDICATOR_FIELDS)
PROJECT_FIELDS = ("number", "title", "owners", "status", "light", "indicators", "escalation")
WARNING_FIELDS = ("kind", "indicator", "name", "months", "deadline", "points", "message", "stage")
SUMMARY_FIELDS = ("indicators", "projects", "stages_overdue")
REPORT_FIELDS = (
    "year", "title", "month", "as_of", "tolerance", "ahead_margin", "red_gap",
    "summary", "projects", "indicators", "warnings", "selected", "mode", "bands", "ladder",
)  # fmt: skip
# Each step of the report's escalation `ladder`, lowest first, and each of its conditions.
LADDER_STEP_FIELDS = ("step", "when")
LADDER_CONDITION_FIELDS = ("run", "months")
BAND_FIELDS = ("month", "ahead", "on_track", "yellow")

# shishi show: a project, or an indicator with its definition, entries and months.
SHOW_PROJECT_FIELDS = ("year", "month", "number", "title", "owners", "status", "light", "indicators")
SHOW_INDICATOR_FIELDS = (
    *FIRST_INDICATOR_FIELDS, "month", "project_title", "stage_names", "counts", "trajectory", "entries",
    "months", *SHOW_ADDED_FIELDS, *LATER_INDICATOR_FIELDS, "follow_ups",
)  # fmt: skip
# Each follow-up: in show ID's `follow_ups` and `follow-up list`'s (which adds its `number`).
FOLLOW_UP_FIELDS = ("indicator", "month", "action", "date", "note", "answer", "answered", "at")
FOLLOW_UPS_FIELDS = ("year", "open", "follow_ups")
TRAJECTORY_FIELDS = ("month", "percent")
ENTRY_FIELDS = ("month", "stage", "value", "note", "at", "superseded", "label", "source", "region")
# An entry's `source`: the file import-progress read it from, its row, the form's department.
SOURCE_FIELDS = ("file", "row", "department")
MONTH_FIELDS = ("month", "value", "stage", "percent", "expected_percent", "status")  # and show's CSV

# shishi list: the plan as defined.
LIST_FIELDS = ("year", "title", "settings", "projects", "departments")
# Each department of the plan, in `list`'s and `departments`' JSON: declared or only named as an owner.
DEPARTMENT_FIELDS = ("name", "aliases", "declared")
PLANS_FIELDS = ("plans",)
PLAN_SUMMARY_FIELDS = ("year", "title", "projects", "indicators", "entries", "latest_month")
# shishi missing: the indicators without a figure of their own for the month, by lead unit; its
# CSV has a row per indicator, the department first.
MISSING_FIELDS = ("year", "title", "month", "as_of", "missing", "departments")
MISSING_DEPARTMENT_FIELDS = ("department", "indicators")
MISSING_INDICATOR_FIELDS = ("id", "project", "name", "status", "last_month", "last_entered")
# shishi owners: the departments ranked, most behind first (docs/guide.md, "Departments ranked");
# its CSV has a row per department, with a column per status in place of `statuses`.
OWNERS_FIELDS = ("year", "title", "month", "as_of", "lead_only", "departments")
OWNER_FIELDS = (
    "rank", "department", "aliases", "led", "supported", "indicators", "statuses", "worst_gap",
    "worst_indicator", "worst_lagging_months", "mean_gap", "missing", "escalation",
)  # fmt: skip
OWNER_CSV_FIELDS = (*OWNER_FIELDS[:6], *STATUSES, *OWNER_FIELDS[7:])
SETTINGS_FIELDS = ("tolerance", "ahead_margin", "red_gap", "count_units", "mode", "bands")
LIST_PROJECT_FIELDS = ("number", "title", "owners", "indicators")
LIST_INDICATOR_FIELDS = (
    "id", "name", "kind", "target", "unit", "baseline", "owners", "deadline", "stages", "counts",
    "trajectory", "at_most", "at_least", "stage_schedules", "changes", "regions",
)  # fmt: skip
SHARE_FIELDS = ("region", "target")  # an indicator's target broken down by region
STAGE_SCHEDULE_FIELDS = ("stage", "target", "deadline", "trajectory")

# shishi check.
CHECK_FIELDS = (
    "store", "ok", "problems", "warnings", "changed_outside", "compared_with", "differences", "restore",
)  # fmt: skip
DIFFERENCE_FIELDS = (
    "year", "kind", "change", "project", "indicator", "month", "stage", "name", "field", "old", "new",
    "indicators", "entries", "message",
)  # fmt: skip
RESTORE_FIELDS = ("version", "at", "command", "run")
# shishi versions.
VERSIONS_FIELDS = ("store", "folder", "keep", "current", "redo", "changed", "versions")
VERSION_FIELDS = (
    "number", "at", "command", "summary", "size", "checksum", "current", "redo", "sound", "file",
)  # fmt: skip
FINDING_FIELDS = ("where", "message")


def _pick(fields: tuple[str, ...], values: dict[str, Any]) -> dict[str, Any]:
    """The object of `fields`, in their order; `values` holds those fields and no others."""
    extra = values.keys() - set(fields)
    if extra:
        raise ValueError(f"not in the contract: {sorted(extra)}")
    return {name: values[name] for name in fields}


def _num(value: str | float | None) -> int | float | None:
    """A quantity's text or a rounded percent as a JSON number: 180400, 494.3, 51.54, 50."""
    if value is None:
        return None
    return quantity(value) if isinstance(value, str) else value


def _setting(value: object) -> object:
    """A plan setting in JSON: thresholds as numbers (10), lists as they are."""
    return _num(value) if isinstance(value, str) else value


# --- report, lagging ---------------------------------------------------------------------------


def _fields_of(cls: type) -> tuple[str, ...]:
    return tuple(name for name in cls.__dataclass_fields__ if not name.startswith("_"))  # type: ignore[attr-defined]


# orjson writes a dataclass as the object of its fields in their order, leaving out those named
# with "_". A result whose fields are the contract's is handed to it as it is: one without kept
# changes (their amounts become numbers here) or regions (a field added here) needs no dict of
# its own (a report has thousands of them). tests/test_contract.py holds both ways to the same bytes.
AS_IT_IS = _fields_of(IndicatorResult) == INDICATOR_FIELDS and _fields_of(StageResult) == STAGE_STATUS_FIELDS


def indicator_object(r: IndicatorResult) -> IndicatorResult | dict[str, Any]:
    """What json_bytes writes as an indicator's JSON object: the result itself where it can be."""
    if AS_IT_IS and not r.changes and r.breakdown is None:
        return r
    return indicator_json(r)


def indicator_json(r: IndicatorResult) -> dict[str, Any]:
    """An indicator's JSON object: the result's fields are already the contract's types."""
    found = dict(zip(INDICATOR_FIELDS, _indicator_values(r), strict=True))  # (thousands of them)
    if r.stage_status is not None:
        found["stage_status"] = {stage: stage_json(s) for stage, s in r.stage_status.items()}
    if r.changes:
        found["changes"] = [change_json(c) for c in r.changes]
    if r.breakdown is not None:  # (absent for an indicator without a breakdown by region)
        found["regions"] = [region_json(x) for x in r.breakdown.regions]
    return found


# Each region of an indicator broken down by region, in its `regions` (report and lagging JSON).
REGION_RESULT_FIELDS = (
    "region", "target", "value", "as_of_month", "percent", "expected_percent", "gap", "status", "light",
    "lagging_months", "reported",
)  # fmt: skip


def region_json(x: RegionResult) -> dict[str, Any]:
    return {name: getattr(x, name) for name in REGION_RESULT_FIELDS}


def change_json(c: ChangeRecord) -> dict[str, Any]:
    """A kept change: amounts as numbers, a deadline as its date, a trajectory as its points."""

    def value(v: str | list[TrajectoryPointRecord] | None) -> object:
        if isinstance(v, list):
            return [_pick(TRAJECTORY_FIELDS, {"month": p["month"], "percent": _num(p["percent"])}) for p in v]
        return v if c["field"] == "deadline" else _num(v)

    return _pick(CHANGE_FIELDS, {**c, "old": value(c["old"]), "new": value(c["new"])})


def stage_json(s: StageResult) -> dict[str, Any]:
    return {name: getattr(s, name) for name in STAGE_STATUS_FIELDS}


def project_json(p: ProjectResult) -> dict[str, Any]:
    return {name: getattr(p, name) for name in PROJECT_FIELDS}


def warning_json(w: ReportWarning) -> dict[str, Any]:
    # In the order of WARNING_FIELDS, which zip holds to its length (a report has thousands).
    values = (
        w.kind, w.indicator, w.name, w.months, w.deadline.isoformat() if w.deadline else None, w.points,
        warning_text(w), w.stage,
    )  # fmt: skip
    return dict(zip(WARNING_FIELDS, values, strict=True))


def report_json(report: Report, indicators: list[IndicatorResult] | None = None) -> dict[str, Any]:
    """The report, or only `indicators` of it and their projects (lagging); every warning."""
    rows = report.indicators if indicators is None else indicators
    wanted = {r.project for r in rows}
    th = report.thresholds
    summary = {
        "indicators": report.summary_indicators, "projects": report.summary_projects,
        "stages_overdue": report.stages_overdue,
    }  # fmt: skip
    return _pick(REPORT_FIELDS, {
        "year": report.year, "title": report.title, "month": report.month,
        "as_of": report.as_of.isoformat(), "tolerance": _num(format_decimal(th.tolerance)),
        "ahead_margin": _num(format_decimal(th.ahead_margin)), "red_gap": _num(format_decimal(th.red_gap)),
        "summary": _pick(SUMMARY_FIELDS, summary),
        "projects": [project_json(p) for p in report.projects if p.number in wanted],
        "indicators": [indicator_object(r) for r in rows],
        "warnings": [warning_json(w) for w in report.warnings],
        # Every indicator --project and --owner select, by status, before --status: what `lagging`
        # does not list (those with no figure yet) is counted here.
        "selected": report.selected,
        # The band sets judged by, in the bands mode only.
        "mode": th.mode, "bands": [_band(*b) for b in th.bands] if th.mode == "bands" else None,
        "ladder": ladder_json(report.ladder),
    })  # fmt: skip


def ladder_json(ladder: Ladder) -> list[dict[str, Any]]:
    return [
        _pick(
            LADDER_STEP_FIELDS,
            {
                "step": name,
                "when": [
                    _pick(LADDER_CONDITION_FIELDS, {"run": run, "months": months}) for run, months in when
                ],
            },
        )  # fmt: skip
        for name, when in ladder
    ]


def _band(month: int, ahead: Decimal | None, on_track: Decimal, yellow: Decimal | None) -> dict[str, Any]:
    def number(value: Decimal | None) -> Number | None:
        return None if value is None else quantity(format_decimal(value))

    return _pick(BAND_FIELDS, {
        "month": month, "ahead": number(ahead), "on_track": number(on_track), "yellow": number(yellow),
    })  # fmt: skip


def report_table(report: Report) -> tuple[list[str], list[list[object]]]:
    """The report as spreadsheet rows: numbers stay numbers, lists and stages become text."""
    return list(INDICATOR_FIELDS), [_sheet_row(r) for r in report.indicators]


def indicators_csv(rows: list[IndicatorResult]) -> str:
    return csv_text(INDICATOR_FIELDS, ([csv_cell(value) for value in _sheet_row(r)] for r in rows))


def _sheet_row(r: IndicatorResult) -> list[object]:
    row: list[object] = []
    for name, value in zip(INDICATOR_FIELDS, _indicator_values(r), strict=True):
        if name == "changes":  # one cell: target 300 -> 350 from month 9 (…), 2022-09-12; …
            row.append("; ".join(change_text(c) for c in r.changes))
        elif name == "stage_status":  # one cell: 开工=overdue;投用=on_track
            row.append(";".join(f"{k}={s.status}" for k, s in (r.stage_status or {}).items()))
        else:
            row.append(_sheet_cell(value))
    return row


def _sheet_cell(value: Any) -> object:
    """A field in one cell: owners as "a;b", stages as "开工=42;完工=10", a date in ISO form."""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, dict):
        return ";".join(f"{k}={cell_text(v)}" for k, v in value.items())
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


# --- show --------------------------------------------------------------------------------------


def show_project_json(d: ProjectDetail) -> dict[str, Any]:
    p, report = d.project, d.report
    return _pick(SHOW_PROJECT_FIELDS, {
        "year": report.year, "month": report.month, "number": p.number, "title": p.title,
        "owners": p.owners, "status": p.status, "light": p.light,
        "indicators": [indicator_json(r) for r in report.indicators],
    })  # fmt: skip


def show_indicator_json(d: IndicatorDetail) -> dict[str, Any]:
    trajectory = [
        _pick(TRAJECTORY_FIELDS, {"month": m, "percent": _num(format_decimal(p))}) for m, p in d.trajectory
    ]
    return _pick(SHOW_INDICATOR_FIELDS, {
        **indicator_json(d.result), "month": d.month, "project_title": d.project_title,
        "stage_names": d.stages, "counts": d.counts, "trajectory": trajectory,
        "entries": [entry_json(e) for e in d.entries], "months": [month_json(m) for m in d.months],
        "stage_schedules": _schedules_json(d.stage_schedules),
        "follow_ups": [follow_up_json(f) for f in d.result.follow_ups],
    })  # fmt: skip


def follow_up_json(f: FollowUpRecord, number: int | None = None) -> dict[str, Any]:
    """A follow-up: `number` first when listed on its own (follow-up list)."""
    found = {name: f.get(name) for name in FOLLOW_UP_FIELDS}
    return found if number is None else {"number": number, **found}


def follow_ups_json(year: int, open_only: bool, rows: list[tuple[int, FollowUpRecord]]) -> dict[str, Any]:
    return _pick(FOLLOW_UPS_FIELDS, {
        "year": year, "open": open_only, "follow_ups": [follow_up_json(f, n) for n, f in rows],
    })  # fmt: skip


def follow_ups_csv(rows: list[tuple[int, FollowUpRecord]]) -> str:
    return csv_text(
        ("number", *FOLLOW_UP_FIELDS), ([csv_cell(v) for v in follow_up_json(f, n).values()] for n, f in rows)
    )


def entry_json(e: EntryRow) -> dict[str, Any]:
    return _pick(ENTRY_FIELDS, {
        "month": e.month, "stage": e.stage, "value": _num(e.value), "note": e.note, "at": e.at,
        "superseded": e.superseded, "label": e.label,
        "source": None if e.source is None else {name: e.source.get(name) for name in SOURCE_FIELDS},
        "region": e.region,
    })  # fmt: skip


def month_json(m: MonthRow) -> dict[str, Any]:
    return _pick(MONTH_FIELDS, {
        "month": m.month, "value": _num(m.value), "stage": m.stage, "percent": _num(m.percent),
        "expected_percent": _num(m.expected_percent), "status": m.status,
    })  # fmt: skip


def months_csv(d: IndicatorDetail) -> str:
    return csv_text(MONTH_FIELDS, ([csv_cell(v) for v in month_json(m).values()] for m in d.months))


# --- list, check -------------------------------------------------------------------------------


def plan_json(plan: PlanRecord) -> dict[str, Any]:
    """The plan as defined: quantities and percents as numbers, the store's texts as they are."""
    settings: Mapping[str, object] = plan["settings"]
    shown = {name: _setting(settings[name]) for name in SETTINGS_FIELDS if name not in ("mode", "bands")}
    shown["mode"] = plan["settings"]["mode"]
    shown["bands"] = [
        _pick(BAND_FIELDS, {name: _setting(value) for name, value in band.items()})
        for band in plan["settings"]["bands"]
    ]
    return _pick(LIST_FIELDS, {
        "year": plan["year"], "title": plan["title"],
        "settings": _pick(SETTINGS_FIELDS, shown),
        "projects": [_plan_project(p) for p in plan["projects"]],
        "departments": departments_json(plan),
    })  # fmt: skip


def plans_json(summaries: Sequence[PlanSummary]) -> dict[str, Any]:
    """`shishi plans --format json`: each plan of the store in a line, the latest year first."""
    return _pick(PLANS_FIELDS, {"plans": [_pick(PLAN_SUMMARY_FIELDS, s._asdict()) for s in summaries]})


def departments_json(plan: PlanRecord) -> list[dict[str, Any]]:
    """The plan's departments: the declared ones first, with their short names."""
    short = plans.aliases(plan)
    return [
        _pick(DEPARTMENT_FIELDS, {"name": name, "aliases": short.get(name, []), "declared": name in short})
        for name in plans.department_names(plan)
    ]


def _plan_project(p: ProjectRecord) -> dict[str, Any]:
    values = {**p, "indicators": [_plan_indicator(i) for i in p["indicators"]]}
    return _pick(LIST_PROJECT_FIELDS, values)


def _plan_indicator(ind: IndicatorRecord) -> dict[str, Any]:
    trajectory = [
        _pick(TRAJECTORY_FIELDS, {"month": p["month"], "percent": _num(p["percent"])})
        for p in ind["trajectory"]
    ]
    values = {
        **ind,
        "target": _num(ind["target"]),
        "baseline": _num(ind["baseline"]),
        "trajectory": trajectory,
        "at_most": _num(ind.get("at_most")),
        "at_least": _num(ind.get("at_least")),
        "stage_schedules": _schedules_json(ind.get("stage_schedules", [])),
        "changes": [change_json(c) for c in ind.get("changes", ())],
        "regions": [
            _pick(SHARE_FIELDS, {"region": s["region"], "target": _num(s["target"])})
            for s in ind.get("regions", ())
        ],
    }
    return _pick(LIST_INDICATOR_FIELDS, values)


def _schedules_json(schedules: list[StageScheduleRecord]) -> list[dict[str, Any]]:
    return [
        _pick(
            STAGE_SCHEDULE_FIELDS,
            {
                **s,
                "target": _num(s["target"]),
                "trajectory": [
                    _pick(TRAJECTORY_FIELDS, {"month": p["month"], "percent": _num(p["percent"])})
                    for p in s["trajectory"]
                ],
            },
        )  # fmt: skip
        for s in schedules
    ]


def check_json(
    path: Path,
    problems: list[Finding],
    warnings: list[Finding],
    outside: Outside | None = None,
    rescue: Rescue | None = None,
) -> dict[str, Any]:
    """`check` for scripts: problems and warnings; a change made outside shishi, with what differs
    from the kept version it is compared with; the version that puts a damaged store back."""
    from .versions import difference_text, outside_warning  # versions builds on this module

    def finding(where: str, message: str) -> dict[str, Any]:
        return _pick(FINDING_FIELDS, {"where": where, "message": message})

    found = [finding(f.where, f.message) for f in warnings]
    if outside is not None:
        found.append(finding("checksum", outside_warning(outside)))
    differences = [
        _pick(DIFFERENCE_FIELDS, {**d._asdict(), "message": difference_text(d)})
        for d in (outside.found or [] if outside is not None else [])
    ]
    restore = None
    if rescue is not None:
        version = rescue.version
        restore = _pick(RESTORE_FIELDS, {
            "version": version.number, "at": version.at, "command": version.command, "run": rescue.command,
        })  # fmt: skip
    return _pick(CHECK_FIELDS, {
        "store": str(path), "ok": not problems,
        "problems": [finding(f.where, f.message) for f in problems], "warnings": found,
        "changed_outside": outside is not None,
        "compared_with": outside.base.number if outside is not None and outside.base is not None else None,
        "differences": differences, "restore": restore,
    })  # fmt: skip


def versions_json(look: Look, newest: list[Version], steps: dict[int, int]) -> dict[str, Any]:
    """`versions` for scripts: the kept versions, newest first, and where the store is."""
    kept = look.kept
    # The store file is the current version only if it is there and unchanged (a damaged or
    # missing store is no version: the table says "last written").
    current = kept.current if look.live is not None and not look.changed else None
    rows = [_version_json(v, current, steps, look.folder) for v in newest]
    return _pick(VERSIONS_FIELDS, {
        "store": str(look.path), "folder": str(look.folder), "keep": kept.keep, "current": kept.current,
        "redo": list(kept.redo), "changed": look.changed, "versions": rows,
    })  # fmt: skip


def _version_json(v: Version, current: int | None, steps: dict[int, int], folder: Path) -> dict[str, Any]:
    from .versions import version_summary  # versions builds on this module

    values = {
        "number": v.number, "at": v.at, "command": v.command, "summary": version_summary(v), "size": v.size,
        "checksum": v.checksum, "current": v.number == current, "redo": steps.get(v.number),
        "sound": v.sound, "file": str(folder / f"{v.number:06d}.json"),
    }  # fmt: skip
    return _pick(VERSION_FIELDS, values)


def _missing_indicator(i: MissingIndicator) -> dict[str, Any]:
    found = {n: getattr(i, n) for n in MISSING_INDICATOR_FIELDS}
    if i.regions is not None:  # (only an indicator broken down by region has them)
        found["regions"] = i.regions
    return found


def missing_json(report: Report, found: list[DepartmentMissing]) -> dict[str, Any]:
    return _pick(MISSING_FIELDS, {
        "year": report.year, "title": report.title, "month": report.month, "as_of": report.as_of,
        "missing": sum(len(d.indicators) for d in found),
        "departments": [
            _pick(MISSING_DEPARTMENT_FIELDS, {
                "department": d.department,
                "indicators": [_missing_indicator(i) for i in d.indicators],
            })
            for d in found
        ],
    })  # fmt: skip


def missing_csv(found: list[DepartmentMissing]) -> str:
    # A regions column (names joined by ;) only when an indicator listed is broken down by region.
    regional = any(i.regions is not None for d in found for i in d.indicators)
    rows = (
        [csv_cell(d.department or ""), *(csv_cell(getattr(i, n)) for n in MISSING_INDICATOR_FIELDS)]
        + ([csv_cell(";".join(i.regions or ()))] if regional else [])
        for d in found
        for i in d.indicators
    )
    extra = ("regions",) if regional else ()
    return csv_text(("department", *MISSING_INDICATOR_FIELDS, *extra), rows)


def owners_json(report: Report, rows: list[DepartmentStanding], lead_only: bool) -> dict[str, Any]:
    return _pick(OWNERS_FIELDS, {
        "year": report.year, "title": report.title, "month": report.month, "as_of": report.as_of,
        "lead_only": lead_only,
        "departments": [{n: getattr(s, n) for n in OWNER_FIELDS} for s in rows],
    })  # fmt: skip


def owners_csv(rows: list[DepartmentStanding]) -> str:
    def cells(s: DepartmentStanding) -> list[str]:
        values = {n: getattr(s, n) for n in OWNER_FIELDS if n != "statuses"}
        values.update(s.statuses)
        values["aliases"] = ";".join(s.aliases)
        return [csv_cell(values[n]) for n in OWNER_CSV_FIELDS]

    return csv_text(OWNER_CSV_FIELDS, (cells(s) for s in rows))
