"""Adding, editing and removing indicators, each checked as a whole before it is taken.

What a user may say of an indicator is an IndicatorSpec; a new unit of the same kind converts the
indicator's figures exactly.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from shishi_cli import rules
from shishi_cli.errors import ConflictError, InputError, UsageError
from shishi_cli.i18n import _
from shishi_cli.numbers import clean_unit, format_decimal, parse_quantity, split_unit, storable, to_decimal
from shishi_cli.records import (
    ChangeRecord,
    EntryRecord,
    IndicatorRecord,
    PlanRecord,
    StageScheduleRecord,
    compact,
)
from shishi_cli.rule_messages import raise_refusal, refusal
from shishi_cli.said import said, said_plural
from shishi_cli.text import mended

from .departments import Departments
from .entries import check_entries_fit
from .history import FieldChange, changes_said, quote, record, shown_said
from .lookup import PlanIndex, entries_of, find_indicator, find_project, in_order
from .projects import clean_owners
from .regions import parse_shares

DONE_STAGE = "完工"  # the stage a target counts unless the indicator says otherwise (docs/rules.md)


@dataclass
class IndicatorSpec:
    """What a user may say of an indicator; None means "not given"."""

    name: str | None = None
    target: str | None = None
    unit: str | None = None
    owners: list[str] | None = None
    deadline: date | None = None
    kind: str | None = None
    stages: list[str] | None = None
    counts: str | None = None
    baseline: str | None = None
    trajectory: list[tuple[int, Decimal]] | None = None
    at_most: str | None = None
    at_least: str | None = None
    # Stage schedules, by stage: what is given is set, the rest of a stage's schedule kept.
    stage_targets: dict[str, str] | None = None
    stage_deadlines: dict[str, date] | None = None
    stage_trajectories: dict[str, list[tuple[int, Decimal]]] | None = None
    unscheduled: list[str] | None = None  # stages whose schedule is removed
    # The target broken down by region: REGION=AMOUNT texts, replacing the breakdown ([]: none).
    region_targets: list[str] | None = None


def add_indicator(
    plan: PlanRecord,
    project_number: int,
    spec: IndicatorSpec,
    now: str,
    indicator_id: str | None,
    index: PlanIndex | None = None,
) -> IndicatorRecord:
    """A new indicator of a project, in the order of the ids (rules.id_order); with `index` (an
    import's), appended and the index kept up to date (index.in_order puts it in order at the end).
    An id given that begins with a number begins with the project's (rules.id_project_problems)."""
    taken: Container[str]
    if index is None:
        project = find_project(plan, project_number)
        taken = {i["id"] for p in plan["projects"] for i in p["indicators"]}
    else:
        project, taken = index.project(project_number), index.indicators
    if indicator_id is None:
        n = len(project["indicators"]) + 1
        while f"{project_number}.{n}" in taken:
            n += 1
        indicator_id = f"{project_number}.{n}"
    else:
        raise_refusal(rules.indicator_id_problems(indicator_id, taken, project_number))
    indicator = new_indicator(plan, indicator_id, spec, None if index is None else index.departments)
    project["indicators"].append(indicator)
    if index is None:
        in_order(plan, [project])
    else:
        index.added_indicator(project, indicator)
    record(
        plan, now, "add-indicator",
        said("added indicator {indicator} {name}", indicator=indicator_id, name=quote(indicator["name"])),
    )  # fmt: skip
    return indicator


def new_indicator(
    plan: PlanRecord, indicator_id: str, spec: IndicatorSpec, known: Departments | None = None
) -> IndicatorRecord:
    """The record `spec` describes, checked, not yet in the plan (`known`: the plan's
    departments indexed, an import's)."""
    raise_refusal(rules.indicator_id_problems(indicator_id))
    blank: IndicatorRecord = {
        "id": indicator_id,
        "name": "",
        "kind": "quantity",
        "target": None,
        "unit": "",
        "baseline": None,
        "owners": [],
        "deadline": None,
        "stages": [],
        "counts": None,
        "trajectory": [],
    }
    return _build(plan, blank, spec, counts_default=True, known=known)


def edit_indicator(
    plan: PlanRecord,
    indicator_id: str,
    spec: IndicatorSpec,
    now: str,
    *,
    new_id: str | None = None,
    clear: frozenset[str] = frozenset(),
    from_month: int | None = None,
    reason: str | None = None,
) -> list[FieldChange]:
    """Change an indicator. Its measures (rules.CHANGEABLE) changed are kept with it: from
    `from_month` on, an approved change that reports of earlier months do not see; without it, a
    correction for every month. `reason` says why."""
    project, indicator = find_indicator(plan, indicator_id)
    given_fields = {f for f in vars(spec) if getattr(spec, f) is not None} | set(clear)
    if from_month is not None:
        _only_measures(given_fields, new_id)
    if reason is not None:
        raise_refusal(rules.text_problems(reason, "reason", rules.NOTE_MAX))
    for field in clear:
        if getattr(spec, field) is not None:
            raise InputError(
                _("both a new {field} and --no-{field} were given").format(field=field.replace("_", "-")),
                hint=_("choose one"),
            )
    # A value to clear becomes "" or [] so that _build tells it from "not given".
    if "target" in clear:
        spec.target = ""
    if "baseline" in clear:
        spec.baseline = ""
    if "at_most" in clear:
        spec.at_most = ""
    if "at_least" in clear:
        spec.at_least = ""
    if "trajectory" in clear:
        spec.trajectory = []
    updated = _build(plan, indicator, spec, counts_default=False)
    if "deadline" in clear:
        updated["deadline"] = None
    entries = entries_of(plan, indicator_id)
    check_entries_fit(updated, entries)
    converted = _convert_unit(indicator, updated, spec, entries)
    kept = [
        _change(now, from_month, reason, field, indicator, updated)
        for field in rules.CHANGEABLE
        if field in given_fields and updated.get(field) != indicator.get(field)
    ]
    changes: list[FieldChange] = []
    for key in dict.fromkeys([*indicator, *updated]):  # (a field at its default is left out)
        was, value = indicator.get(key), updated.get(key)
        if key != "changes" and value != was:  # (the kept changes are the record of these)
            start = from_month if key in rules.CHANGEABLE else None
            changes.append(FieldChange(key, shown_said(was), shown_said(value), start))
    if kept:
        updated["changes"] = [*indicator.get("changes", []), *kept]
        raise_refusal(rules.change_problems(updated, plan["year"]))
    if new_id is not None and new_id != indicator_id:
        taken = {i["id"] for p in plan["projects"] for i in p["indicators"]}
        for problem in rules.indicator_id_problems(new_id, taken, project["number"]):
            if problem.code is rules.Code.INDICATOR_ID_TAKEN:  # the way out is another id, not an edit
                raise refusal(problem, hint=_("choose another --new-id"))
            raise refusal(problem)
        updated["id"] = new_id
        for entry in entries:
            entry["indicator"] = new_id
        for follow_up in plan.get("follow_ups", ()):  # (the office's actions follow it too)
            if follow_up["indicator"] == indicator_id:
                follow_up["indicator"] = new_id
        changes.insert(0, FieldChange("id", indicator_id, new_id))
    given = any(getattr(spec, f) is not None for f in vars(spec)) or clear or new_id is not None
    if not given:
        raise UsageError(
            _("nothing to change in {indicator_id}").format(indicator_id=indicator_id),
            hint=_("give the fields to change"),
        )
    if not changes:  # the values it already has: fine, and nothing to record
        return []
    for entry, value in converted:
        entry["value"] = value
    if converted:
        changes.append(FieldChange("converted", str(len(converted)), updated["unit"]))
    cast(dict[str, object], indicator).clear()  # (what went back to its default is left out)
    indicator.update(updated)
    if new_id is not None and new_id != indicator_id:
        in_order(plan, [project])  # (a new id takes its place among the others)
    if reason:
        summary = said(
            "indicator {indicator}: {changes} (reason: {reason})",
            indicator=indicator_id, changes=changes_said(changes), reason=reason,
        )  # fmt: skip
    else:
        summary = said(
            "indicator {indicator}: {changes}", indicator=indicator_id, changes=changes_said(changes)
        )
    record(plan, now, "edit-indicator", summary)
    return changes


def _only_measures(given: set[str], new_id: str | None) -> None:
    """A change from a month on is of the measures a plan's approval changes, nothing else."""
    # The options as typed: --name, --new-id.
    others = ", ".join(
        "--" + f.replace("_", "-")
        for f in sorted(given - set(rules.CHANGEABLE) | ({"new_id"} if new_id else set()))
    )
    if others:
        raise UsageError(
            _("--from-month changes the target, deadline, trajectory and limits, not {fields}").format(
                fields=others
            ),
            hint=_("change {fields} in an edit of its own, without --from-month").format(fields=others),
        )


def _change(
    now: str,
    from_month: int | None,
    reason: str | None,
    field: str,
    old: IndicatorRecord,
    new: IndicatorRecord,
) -> ChangeRecord:
    return {
        "at": now,
        "from_month": from_month,
        "reason": reason,
        "field": field,
        "old": old.get(field),  # type: ignore[typeddict-item]
        "new": new.get(field),  # type: ignore[typeddict-item]
    }


def _convert_unit(
    old: IndicatorRecord, new: IndicatorRecord, spec: IndicatorSpec, entries: list[EntryRecord]
) -> list[tuple[EntryRecord, str]]:
    """A new unit of the same kind (万平方米 -> 平方米) converts the amounts exactly; a unit of
    another kind would change what the figures mean, so it needs them given anew."""
    if old["unit"] == new["unit"] or new["kind"] == "milestone" or mended(old["unit"]) == new["unit"]:
        return []  # (the same unit, rid of a control character an older shishi took, converts nothing)
    old_magnitude, old_base = split_unit(old["unit"])
    new_magnitude, new_base = split_unit(new["unit"])
    figures = [e for e in entries if e.get("value") is not None]
    if old_base != new_base:
        kept = (
            (old["target"] is not None and spec.target is None)
            or (bool(old.get("regions")) and spec.region_targets is None)
            or (old.get("at_most") is not None and spec.at_most is None)
            or (old.get("at_least") is not None and spec.at_least is None)
        )
        if figures or kept:
            raise ConflictError(
                _(
                    "changing the unit from {old_unit!r} to {new_unit!r} would "
                    "change what the target and figures mean"
                ).format(old_unit=old["unit"] or _("none"), new_unit=new["unit"] or _("none")),
                hint=_("give the target in the new unit with --target, and remove the figures first"),
            )
        return []
    factor = old_magnitude / new_magnitude

    def scaled(text: str) -> str:
        value = to_decimal(text) * factor
        try:
            return format_decimal(storable(value))
        except ValueError:
            raise InputError(
                _("{value} {old_unit} in {new_unit} would need more than 15 digits").format(
                    value=text, old_unit=old["unit"], new_unit=new["unit"]
                )
            ) from None

    if spec.target is None and old["target"] is not None:
        new["target"] = scaled(old["target"])
    if spec.baseline is None and old["baseline"] is not None:
        new["baseline"] = scaled(old["baseline"])
    at_most, at_least = old.get("at_most"), old.get("at_least")
    if spec.at_most is None and at_most is not None:
        new["at_most"] = scaled(at_most)
    if spec.at_least is None and at_least is not None:
        new["at_least"] = scaled(at_least)
    if spec.region_targets is None and old.get("regions"):
        new["regions"] = [{"region": s["region"], "target": scaled(s["target"])} for s in old["regions"]]
    return [(e, scaled(e.get("value") or "0")) for e in figures]


def remove_indicator(plan: PlanRecord, indicator_id: str, now: str, force: bool) -> int:
    project, indicator = find_indicator(plan, indicator_id)
    entries = entries_of(plan, indicator_id)
    if entries and not force:
        raise ConflictError(
            _("indicator {indicator_id} has {entries} progress entries").format(
                indicator_id=indicator_id, entries=len(entries)
            ),
            hint=_("pass --force to remove them with it"),
        )
    project["indicators"].remove(indicator)
    plan["progress"][:] = [e for e in plan["progress"] if e["indicator"] != indicator_id]
    if plan.get("follow_ups"):  # its follow-ups go with it (undo brings them back)
        plan["follow_ups"] = [f for f in plan["follow_ups"] if f["indicator"] != indicator_id]
        if not plan["follow_ups"]:
            del plan["follow_ups"]
    record(
        plan,
        now,
        "remove-indicator",
        said(
            "removed indicator {indicator} {name} with {entries}",
            indicator=indicator_id,
            name=quote(indicator["name"]),
            entries=said_plural("{n} entry", "{n} entries", len(entries), n=len(entries)),
        ),
    )
    return len(entries)


def _build(
    plan: PlanRecord,
    base: IndicatorRecord,
    spec: IndicatorSpec,
    *,
    counts_default: bool,
    known: Departments | None = None,
) -> IndicatorRecord:
    """`base` with `spec` applied, checked as a whole; `base` itself is left unchanged."""
    new: IndicatorRecord = {**base}
    if spec.name is not None:
        raise_refusal(rules.text_problems(spec.name, "name"))
        new["name"] = spec.name
    if spec.kind is not None:
        raise_refusal(rules.kind_problems(spec.kind))
        new["kind"] = spec.kind
    if spec.unit is not None:
        raise_refusal(rules.unit_problems(spec.unit))
        new["unit"] = clean_unit(spec.unit)
    if spec.owners is not None:
        new["owners"] = clean_owners(spec.owners, plan, known)
    if spec.deadline is not None:
        raise_refusal(rules.deadline_problems(spec.deadline, plan["year"]))
        new["deadline"] = spec.deadline.isoformat()
    if spec.stages is not None:
        stages = [s.strip() for s in spec.stages if s.strip()]
        for stage in stages:
            raise_refusal(rules.text_problems(stage, "stage name"))
        raise_refusal(rules.stages_problems(stages))
        new["stages"] = stages
    if spec.trajectory is not None:
        raise_refusal(rules.trajectory_problems(spec.trajectory))
        new["trajectory"] = [{"month": m, "percent": format_decimal(p)} for m, p in spec.trajectory]
    unit = new["unit"]
    if spec.target is not None:
        new["target"] = format_decimal(parse_quantity(spec.target, unit)) if spec.target else None
    if spec.baseline is not None:
        new["baseline"] = format_decimal(parse_quantity(spec.baseline, unit)) if spec.baseline else None
    if spec.at_most is not None:
        new["at_most"] = format_decimal(parse_quantity(spec.at_most, unit)) if spec.at_most else None
    if spec.at_least is not None:
        new["at_least"] = format_decimal(parse_quantity(spec.at_least, unit)) if spec.at_least else None
    if spec.counts is not None:
        new["counts"] = spec.counts
    elif counts_default or new["counts"] not in new["stages"]:
        stages = new["stages"]
        new["counts"] = (DONE_STAGE if DONE_STAGE in stages else stages[-1]) if stages else None
    scheduled = {*(spec.stage_targets or {}), *(spec.stage_deadlines or {}), *(spec.stage_trajectories or {})}
    for stage in set(spec.unscheduled or ()) & scheduled:
        raise InputError(
            _("both a schedule of {stage} and --no-stage-schedule {stage} were given").format(stage=stage),
            hint=_("choose one"),
        )
    if scheduled:
        new["stage_schedules"] = _schedules(plan, new, spec)
    if spec.unscheduled is not None:
        new["stage_schedules"] = _unscheduled(new, spec.unscheduled)
    if spec.region_targets is not None:
        new["regions"] = parse_shares(plan, spec.region_targets, unit)
    _check_indicator(new)
    compact(new)
    return new


def _schedules(plan: PlanRecord, ind: IndicatorRecord, spec: IndicatorSpec) -> list[StageScheduleRecord]:
    """The indicator's stage schedules with `spec`'s targets, due dates and trajectories set; a
    quantity's new schedule takes the indicator's target unless one is given."""
    schedules: dict[str, StageScheduleRecord] = {s["stage"]: {**s} for s in ind.get("stage_schedules", [])}

    def schedule(stage: str) -> StageScheduleRecord:
        stage = stage.strip()
        raise_refusal(rules.text_problems(stage, "stage name"))
        if stage not in schedules:
            target = ind["target"] if ind["kind"] != "milestone" else None
            schedules[stage] = {"stage": stage, "target": target, "deadline": None, "trajectory": []}
        return schedules[stage]

    for stage, text in (spec.stage_targets or {}).items():
        schedule(stage)["target"] = format_decimal(parse_quantity(text, ind["unit"]))
    for stage, day in (spec.stage_deadlines or {}).items():
        raise_refusal(rules.deadline_problems(day, plan["year"]))
        schedule(stage)["deadline"] = day.isoformat()
    for stage, points in (spec.stage_trajectories or {}).items():
        raise_refusal(rules.trajectory_problems(points))
        schedule(stage)["trajectory"] = [{"month": m, "percent": format_decimal(p)} for m, p in points]
    order = {stage: n for n, stage in enumerate(ind["stages"])}
    return sorted(schedules.values(), key=lambda s: order.get(s["stage"], len(order)))


def _unscheduled(ind: IndicatorRecord, stages: list[str]) -> list[StageScheduleRecord]:
    scheduled = [s["stage"] for s in ind.get("stage_schedules", [])]
    for stage in stages:
        if stage.strip() not in scheduled:
            raise InputError(
                _("stage {stage!r} of {indicator} has no schedule").format(stage=stage, indicator=ind["id"]),
                hint=_("scheduled: {stages}").format(stages=", ".join(scheduled) or _("none")),
            )
    gone = {stage.strip() for stage in stages}
    return [s for s in ind.get("stage_schedules", []) if s["stage"] not in gone]


def _check_indicator(ind: IndicatorRecord) -> None:
    if ind["kind"] == "milestone":
        ind["counts"] = None  # a milestone counts its last stage: a --counts given for it is dropped
    raise_refusal(rules.record_problems(ind))
