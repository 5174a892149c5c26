"""Finding and changing plans, projects, indicators and progress entries (no I/O, no clock).

Every change checks its input first and raises before touching the store, so a failed
command changes nothing; each edit or removal is recorded in the plan's history.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import ConflictError, InputError, NotFoundError, Unchanged, UsageError
from .i18n import N_, _
from .integrity import goes_down
from .numbers import format_decimal, parse_quantity, split_unit, storable, to_decimal
from .records import (
    EntryRecord,
    IndicatorRecord,
    PlanRecord,
    ProjectRecord,
    StoreRecord,
    TrajectoryPointRecord,
    default_settings,
)

DONE_STAGE = "完工"  # the stage a target counts unless the indicator says otherwise (DOMAIN.md)

# The sentences of a threshold that is too large, one whole sentence per threshold.
_TOO_LARGE = {
    "tolerance": N_("tolerance of {value} points is too large"),
    "ahead_margin": N_("ahead margin of {value} points is too large"),
    "red_gap": N_("red gap of {value} points is too large"),
}

# What a required text may be, with its sentences: (empty, hint for empty, too long).
_TEXT_MESSAGES = {
    "title": (
        N_("the title is empty"),
        N_("give a title"),
        N_("the title is {length} characters long"),
    ),
    "name": (
        N_("the name is empty"),
        N_("give a name"),
        N_("the name is {length} characters long"),
    ),
    "stage name": (
        N_("the stage name is empty"),
        N_("give a stage name"),
        N_("the stage name is {length} characters long"),
    ),
}


# --- finding -----------------------------------------------------------------------------------


def select_plan(store: StoreRecord, year: int | None) -> PlanRecord:
    """The plan of `year`, or the latest plan of the store."""
    plans = store["plans"]
    if not plans:
        raise NotFoundError(
            _("the store has no plan yet"),
            hint=_('create one with: shishi init --year 2022 --title "2022年市办实事"'),
        )
    if year is None:
        return plans[max(plans)]
    try:
        return plans[str(year)]
    except KeyError:
        raise NotFoundError(
            _("no plan for {year} in the store").format(year=year),
            hint=_("plans there: {plans}").format(plans=", ".join(sorted(plans))),
        ) from None


def find_project(plan: PlanRecord, number: int) -> ProjectRecord:
    for project in plan["projects"]:
        if project["number"] == number:
            return project
    raise NotFoundError(
        _("no project {number} in the {year} plan").format(number=number, year=plan["year"]),
        hint=_("projects there: {projects}").format(
            projects=_listing(str(p["number"]) for p in plan["projects"])
        ),
    )


def find_indicator(plan: PlanRecord, indicator_id: str) -> tuple[ProjectRecord, IndicatorRecord]:
    for project in plan["projects"]:
        for indicator in project["indicators"]:
            if indicator["id"] == indicator_id:
                return project, indicator
    raise NotFoundError(
        _("no indicator {indicator_id!r} in the {year} plan").format(
            indicator_id=indicator_id, year=plan["year"]
        ),
        hint=_("'shishi list' shows the indicator ids"),
    )


def indicator_owners(project: ProjectRecord, indicator: IndicatorRecord) -> list[str]:
    """An indicator's own departments, or else its project's."""
    return indicator["owners"] or project["owners"]


def project_owners(project: ProjectRecord) -> list[str]:
    """A project's departments: its own and its indicators', in order of first mention."""
    owners = list(project["owners"])
    for indicator in project["indicators"]:
        owners.extend(o for o in indicator["owners"] if o not in owners)
    return owners


def entries_of(plan: PlanRecord, indicator_id: str) -> list[EntryRecord]:
    return [e for e in plan["progress"] if e["indicator"] == indicator_id]


@functools.lru_cache(maxsize=256)
def deadline_for(text: str | None, year: int) -> date:
    return date.fromisoformat(text) if text else date(year, 12, 31)


def _listing(items: Iterable[str]) -> str:
    names = list(items)
    return ", ".join(names) if names else _("none yet")


def record(plan: PlanRecord, now: str, command: str, summary: str) -> None:
    """Write a change into the plan's history."""
    plan["history"].append({"at": now, "command": command, "summary": summary})


# --- plans and projects ------------------------------------------------------------------------


def init_plan(store: StoreRecord, year: int, title: str, now: str) -> PlanRecord:
    if str(year) in store["plans"]:
        raise ConflictError(
            _("the store already has a plan for {year}").format(year=year), hint=_("choose another --year")
        )
    _require_text(title, "title")
    plan: PlanRecord = {
        "year": year,
        "title": title,
        "settings": default_settings(),
        "projects": [],
        "progress": [],
        "history": [],
    }
    record(plan, now, "init", f"created the {year} plan {_quote(title)}")
    store["plans"][str(year)] = plan
    return plan


def set_thresholds(
    plan: PlanRecord,
    now: str,
    tolerance: Decimal | None = None,
    ahead_margin: Decimal | None = None,
    red_gap: Decimal | None = None,
) -> list[FieldChange]:
    changes: list[FieldChange] = []
    settings = plan["settings"]
    for name, value in (
        ("tolerance", tolerance),
        ("ahead_margin", ahead_margin),
        ("red_gap", red_gap),
    ):
        if value is None:
            continue
        if value > 1000:
            raise UsageError(_(_TOO_LARGE[name]).format(value=value), hint=_("1000 at most"))
        old = settings[name]  # type: ignore[literal-required]
        if to_decimal(old) == value:
            continue
        settings[name] = format_decimal(value)  # type: ignore[literal-required]
        changes.append(FieldChange(name, old, format_decimal(value)))
    if all(v is None for v in (tolerance, ahead_margin, red_gap)):
        raise UsageError(_("nothing to change"), hint=_("give --tolerance, --ahead-margin or --red-gap"))
    if changes:  # setting the values a plan already has is fine, and changes nothing
        record(plan, now, "set-thresholds", "; ".join(map(str, changes)))
    return changes


def add_project(plan: PlanRecord, number: int, title: str, owners: list[str], now: str) -> ProjectRecord:
    if any(p["number"] == number for p in plan["projects"]):
        raise ConflictError(
            _("project {number} already exists in the {year} plan").format(number=number, year=plan["year"]),
            hint=_("change it with: shishi edit-project {number} --title ...").format(number=number),
        )
    if not 1 <= number <= 999:
        raise InputError(
            _("project number {number} is out of range").format(number=number), hint=_("use 1 to 999")
        )
    _require_text(title, "title")
    project: ProjectRecord = {
        "number": number,
        "title": title,
        "owners": _clean_owners(owners),
        "indicators": [],
    }
    plan["projects"].append(project)
    plan["projects"].sort(key=lambda p: p["number"])
    record(plan, now, "add-project", f"added project {number} {_quote(title)}")
    return project


def edit_project(
    plan: PlanRecord, number: int, now: str, title: str | None, owners: list[str] | None
) -> list[FieldChange]:
    project = find_project(plan, number)
    changes: list[FieldChange] = []
    if title is None and owners is None:
        raise UsageError(_("nothing to change"), hint=_("give --title or --owner"))
    if title is not None:
        _require_text(title, "title")
        if title != project["title"]:
            changes.append(FieldChange("title", _quote(project["title"]), _quote(title)))
            project["title"] = title
    if owners is not None:
        cleaned = _clean_owners(owners)
        if cleaned != project["owners"]:
            changes.append(FieldChange("owners", _shown(project["owners"]), _shown(cleaned)))
            project["owners"] = cleaned
    if not changes:
        return []  # the values it has already: nothing to record
    record(plan, now, "edit-project", f"project {number}: " + "; ".join(map(str, changes)))
    return changes


def remove_project(plan: PlanRecord, number: int, now: str, force: bool) -> tuple[int, int]:
    project = find_project(plan, number)
    ids = {i["id"] for i in project["indicators"]}
    entries = [e for e in plan["progress"] if e["indicator"] in ids]
    if ids and not force:
        raise ConflictError(
            _("project {number} has {indicators} indicators and {entries} progress entries").format(
                number=number, indicators=len(ids), entries=len(entries)
            ),
            hint=_("pass --force to remove them with it"),
        )
    plan["projects"].remove(project)
    plan["progress"][:] = [e for e in plan["progress"] if e["indicator"] not in ids]
    record(
        plan,
        now,
        "remove-project",
        f"removed project {number} {_quote(project['title'])} with {len(ids)} indicators "
        f"and {len(entries)} progress entries",
    )
    return len(ids), len(entries)


# --- indicators --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field an edit changed, as shown: 'target 350000 -> 360000'. The history keeps it in
    English (str()); the render layer says it in the interface language."""

    field: str  # a field of the record, or "converted" (old: how many figures, new: the unit)
    old: str
    new: str

    def __str__(self) -> str:
        if self.field == "converted":
            return f"{self.old} figures converted to {self.new}"
        return f"{self.field} {self.old} -> {self.new}"


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


def add_indicator(
    plan: PlanRecord, project_number: int, spec: IndicatorSpec, now: str, indicator_id: str | None
) -> IndicatorRecord:
    project = find_project(plan, project_number)
    taken = {i["id"] for p in plan["projects"] for i in p["indicators"]}
    if indicator_id is None:
        n = len(project["indicators"]) + 1
        while f"{project_number}.{n}" in taken:
            n += 1
        indicator_id = f"{project_number}.{n}"
    elif indicator_id in taken:
        raise ConflictError(
            _("indicator {indicator_id} already exists").format(indicator_id=indicator_id),
            hint=_("change it with: shishi edit-indicator {indicator_id} ...").format(
                indicator_id=indicator_id
            ),
        )
    indicator = new_indicator(plan, indicator_id, spec)
    project["indicators"].append(indicator)
    record(plan, now, "add-indicator", f"added indicator {indicator_id} {_quote(indicator['name'])}")
    return indicator


def new_indicator(plan: PlanRecord, indicator_id: str, spec: IndicatorSpec) -> IndicatorRecord:
    """The record `spec` describes, checked, not yet in the plan."""
    _check_id(indicator_id)
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
    return _build(plan, blank, spec, counts_default=True)


def edit_indicator(
    plan: PlanRecord,
    indicator_id: str,
    spec: IndicatorSpec,
    now: str,
    *,
    new_id: str | None = None,
    clear: frozenset[str] = frozenset(),
) -> list[FieldChange]:
    _project, indicator = find_indicator(plan, indicator_id)
    for field in clear:
        if getattr(spec, field) is not None:
            raise InputError(
                _("both a new {field} and --no-{field} were given").format(field=field), hint=_("choose one")
            )
    # A value to clear becomes "" or [] so that _build tells it from "not given".
    if "target" in clear:
        spec.target = ""
    if "baseline" in clear:
        spec.baseline = ""
    if "trajectory" in clear:
        spec.trajectory = []
    updated = _build(plan, indicator, spec, counts_default=False)
    if "deadline" in clear:
        updated["deadline"] = None
    entries = entries_of(plan, indicator_id)
    _check_entries_fit(updated, entries)
    converted = _convert_unit(indicator, updated, spec, entries)
    changes = [
        FieldChange(key, _shown(indicator[key]), _shown(updated[key]))  # type: ignore[literal-required]
        for key in updated
        if updated[key] != indicator[key]  # type: ignore[literal-required]
    ]
    if new_id is not None and new_id != indicator_id:
        _check_id(new_id)
        if any(i["id"] == new_id for p in plan["projects"] for i in p["indicators"]):
            raise ConflictError(
                _("indicator {indicator_id} already exists").format(indicator_id=new_id),
                hint=_("choose another --new-id"),
            )
        updated["id"] = new_id
        for entry in entries:
            entry["indicator"] = new_id
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
    indicator.update(updated)
    record(plan, now, "edit-indicator", f"indicator {indicator_id}: " + "; ".join(map(str, changes)))
    return changes


def _convert_unit(
    old: IndicatorRecord, new: IndicatorRecord, spec: IndicatorSpec, entries: list[EntryRecord]
) -> list[tuple[EntryRecord, str]]:
    """A new unit of the same kind (万平方米 -> 平方米) converts the amounts exactly; a unit of
    another kind would change what the figures mean, so it needs them given anew."""
    if old["unit"] == new["unit"] or new["kind"] == "milestone":
        return []
    old_magnitude, old_base = split_unit(old["unit"])
    new_magnitude, new_base = split_unit(new["unit"])
    figures = [e for e in entries if e.get("value") is not None]
    if old_base != new_base:
        if figures or (old["target"] is not None and spec.target is None):
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
    record(
        plan,
        now,
        "remove-indicator",
        f"removed indicator {indicator_id} {_quote(indicator['name'])} with {len(entries)} entries",
    )
    return len(entries)


def _build(
    plan: PlanRecord, base: IndicatorRecord, spec: IndicatorSpec, *, counts_default: bool
) -> IndicatorRecord:
    """`base` with `spec` applied, checked as a whole; `base` itself is left unchanged."""
    new: IndicatorRecord = {**base}
    if spec.name is not None:
        _require_text(spec.name, "name")
        new["name"] = spec.name
    if spec.kind is not None:
        if spec.kind not in ("quantity", "milestone"):
            raise InputError(
                _("kind {kind!r} is unknown").format(kind=spec.kind), hint=_("use quantity or milestone")
            )
        new["kind"] = spec.kind
    if spec.unit is not None:
        if len(spec.unit) > 20:
            raise InputError(
                _("unit {unit!r} is too long").format(unit=spec.unit), hint=_("20 characters at most")
            )
        new["unit"] = spec.unit.strip()
    if spec.owners is not None:
        new["owners"] = _clean_owners(spec.owners)
    if spec.deadline is not None:
        if spec.deadline.year < plan["year"]:
            raise InputError(
                _("deadline {deadline} is before the plan year {year}").format(
                    deadline=spec.deadline, year=plan["year"]
                ),
                hint=_("give a date in {year} or later").format(year=plan["year"]),
            )
        new["deadline"] = spec.deadline.isoformat()
    if spec.stages is not None:
        stages = [s.strip() for s in spec.stages if s.strip()]
        for stage in stages:
            _require_text(stage, "stage name")
        if len(set(stages)) != len(stages):
            raise InputError(
                _("stages {stages} name a stage twice").format(stages=stages),
                hint=_("e.g. --stages 开工,完工"),
            )
        new["stages"] = stages
    if spec.trajectory is not None:
        new["trajectory"] = _trajectory(spec.trajectory)
    unit = new["unit"]
    if spec.target is not None:
        new["target"] = format_decimal(parse_quantity(spec.target, unit)) if spec.target else None
    if spec.baseline is not None:
        new["baseline"] = format_decimal(parse_quantity(spec.baseline, unit)) if spec.baseline else None
    if spec.counts is not None:
        new["counts"] = spec.counts
    elif counts_default or new["counts"] not in new["stages"]:
        stages = new["stages"]
        new["counts"] = (DONE_STAGE if DONE_STAGE in stages else stages[-1]) if stages else None
    _check_indicator(new)
    return new


def _check_indicator(ind: IndicatorRecord) -> None:
    if ind["kind"] == "milestone":
        if not ind["stages"]:
            raise InputError(
                _("a milestone needs its stages, the last meaning done"),
                hint=_("e.g. --stages 方案设计,施工,建成"),
            )
        if ind["target"] is not None or ind["baseline"] is not None:
            raise InputError(_("a milestone has no target or baseline"), hint=_("leave them out"))
        ind["counts"] = None
        return
    if ind["counts"] is not None and ind["counts"] not in ind["stages"]:
        raise InputError(
            _("--counts {counts} is not one of the stages {stages}").format(
                counts=ind["counts"], stages=ind["stages"]
            ),
            hint=_("name one of the stages, or give --stages"),
        )
    if ind["baseline"] is not None and ind["target"] is None:
        raise InputError(_("a baseline needs a target"), hint=_("give --target too"))
    if ind["target"] is not None and to_decimal(ind["target"]) == to_decimal(ind["baseline"] or "0"):
        if ind["baseline"] is None:
            raise InputError(
                _("a target of 0 leaves nothing to measure"),
                hint=_("for a figure that goes down to 0, give where it starts: --baseline 50 --target 0"),
            )
        raise InputError(
            _("the target equals the baseline"), hint=_("a target that goes down starts above it")
        )


def _check_entries_fit(indicator: IndicatorRecord, entries: list[EntryRecord]) -> None:
    for entry in entries:
        stage = entry.get("stage")
        if indicator["kind"] == "milestone":
            fits = stage in indicator["stages"] and entry.get("value") is None
        elif indicator["stages"]:
            fits = stage in indicator["stages"] and entry.get("value") is not None
        else:
            fits = stage is None and entry.get("value") is not None
        if not fits:
            if stage:
                message = _(
                    "indicator {indicator_id} has a month-{month} entry (stage {stage}) "
                    "that the change would not fit"
                )
            else:
                message = _(
                    "indicator {indicator_id} has a month-{month} entry that the change would not fit"
                )
            raise ConflictError(
                message.format(indicator_id=indicator["id"], month=entry["month"], stage=stage),
                hint=_("remove or correct those entries first"),
            )


def _trajectory(points: list[tuple[int, Decimal]]) -> list[TrajectoryPointRecord]:
    result: list[TrajectoryPointRecord] = []
    for month, percent in points:
        if not 1 <= month <= 12 or not 0 <= percent <= 100:
            raise InputError(
                _("trajectory point {month}:{percent} is out of range").format(month=month, percent=percent),
                hint=_("months 1-12, percents 0-100, e.g. 3:20,6:50,9:80"),
            )
        if result and (month <= result[-1]["month"] or percent < to_decimal(result[-1]["percent"])):
            raise InputError(
                _("trajectory months must increase and percents must not fall"),
                hint=_("e.g. 3:20,6:50,9:80"),
            )
        result.append({"month": month, "percent": format_decimal(percent)})
    return result


def _check_id(indicator_id: str) -> None:
    if not indicator_id or len(indicator_id) > 32 or not indicator_id.isprintable() or " " in indicator_id:
        raise InputError(
            _("indicator id {indicator_id!r} is not usable").format(indicator_id=indicator_id),
            hint=_("1 to 32 characters, no spaces"),
        )


def _require_text(text: str, what: str) -> None:
    """`what` is a key of _TEXT_MESSAGES: title, name or stage name."""
    empty, give, too_long = _TEXT_MESSAGES[what]
    if not text.strip():
        raise InputError(_(empty), hint=_(give))
    if len(text) > 1000:
        raise InputError(_(too_long).format(length=len(text)), hint=_("1000 at most"))


def _clean_owners(owners: list[str]) -> list[str]:
    cleaned: list[str] = []
    for owner in owners:
        owner = owner.strip()
        if not owner:
            raise InputError(_("an --owner is empty"), hint=_("name the department"))
        if len(owner) > 200:
            raise InputError(_("an --owner is longer than 200 characters"), hint=_("name the department"))
        if owner not in cleaned:
            cleaned.append(owner)
    return cleaned


def _shown(value: object) -> str:
    """A field's value in a history summary: 350000, 开工,完工, 3:20,6:50, none."""
    if value in (None, [], ""):
        return "none"
    if isinstance(value, list):
        parts = [f"{p['month']}:{p['percent']}" if isinstance(p, dict) else str(p) for p in value]
        return _clip(",".join(parts))
    return _clip(str(value))


def _clip(text: str, limit: int = 120) -> str:
    """Bounded text for the history: a summary must stay short whatever was typed."""
    return text if len(text) <= limit else text[:limit] + "…"


def _quote(text: str) -> str:
    return repr(_clip(text))


# --- progress ----------------------------------------------------------------------------------


@dataclass
class Added:
    """What add-progress did, for the message the CLI prints."""

    entry: EntryRecord
    indicator: IndicatorRecord
    replaced: str | None  # the value (or stage) of the same month and stage it corrects
    later_lower: list[int]  # later months whose cumulative figure is now below this one
    earlier_higher: tuple[int, str] | None = None  # the latest earlier month, when it was higher


def add_progress(
    plan: PlanRecord,
    indicator_id: str,
    value_text: str,
    month: int,
    now: str,
    *,
    stage: str | None = None,
    note: str | None = None,
    delta: bool = False,
) -> Added:
    _project, indicator = find_indicator(plan, indicator_id)
    if not 1 <= month <= 12:
        raise InputError(_("month {month} is out of range").format(month=month), hint=_("use 1 to 12"))
    if note is not None and len(note) > 4000:
        raise InputError(
            _("the note is {length} characters long").format(length=len(note)), hint=_("4000 at most")
        )
    stages = indicator["stages"]
    value: str | None
    if indicator["kind"] == "milestone":
        if delta:
            raise InputError(
                _("{indicator_id} is a milestone: --delta does not apply").format(indicator_id=indicator_id)
            )
        if stage is not None and stage != value_text:
            raise InputError(
                _("{indicator_id} is a milestone: give the stage reached as the value").format(
                    indicator_id=indicator_id
                ),
                hint=_("e.g. shishi add-progress {indicator_id} {stage} --month {month}").format(
                    indicator_id=indicator_id, stage=stages[-1], month=month
                ),
            )
        stage = value_text.strip()
        if stage not in stages:
            raise InputError(
                _("{stage!r} is not a stage of milestone {indicator_id}").format(
                    stage=value_text, indicator_id=indicator_id
                ),
                hint=_("stages: {stages}").format(stages=", ".join(stages)),
            )
        value = None
    else:
        if stages:
            stage = indicator["counts"] if stage is None else stage
            if stage not in stages:
                raise InputError(
                    _("{stage!r} is not a stage of {indicator_id}").format(
                        stage=stage, indicator_id=indicator_id
                    ),
                    hint=_("stages: {stages}").format(stages=", ".join(stages)),
                )
        elif stage is not None:
            raise InputError(
                _("indicator {indicator_id} has no stages").format(indicator_id=indicator_id),
                hint=_("leave out --stage"),
            )
        amount = parse_quantity(value_text, indicator["unit"])
        if delta:
            amount += _cumulative(plan, indicator_id, stage, month)
            try:
                storable(amount)
            except ValueError as error:
                raise InputError(
                    _("{total} after adding {value!r}: {error}").format(
                        total=format_decimal(amount), value=value_text, error=error
                    )
                ) from None
        value = format_decimal(amount)
    same = [
        e
        for e in plan["progress"]
        if e["indicator"] == indicator_id
        and e["month"] == month
        and (indicator["kind"] == "milestone" or e.get("stage") == stage)
    ]
    replaced = (same[-1].get("value") or same[-1].get("stage")) if same else None
    if same and (same[-1].get("value"), same[-1].get("stage")) == (value, stage):
        raise Unchanged(
            _("{indicator_id} month {month} has that figure already; nothing recorded").format(
                indicator_id=indicator_id, month=month
            )
        )
    entry: EntryRecord = {"indicator": indicator_id, "month": month}
    if stage is not None:
        entry["stage"] = stage
    if value is not None:
        entry["value"] = value
    if note:
        entry["note"] = note
    entry["at"] = now
    plan["progress"].append(entry)
    later_lower: list[int] = []
    earlier_higher = None
    if value is not None:
        # "Lower" in the indicator's direction: for a target going down, a figure that rises.
        sign = -1 if goes_down(indicator) else 1
        new = sign * to_decimal(value)
        by_month = {m: sign * v for m, v in _latest_by_month(plan, indicator_id, stage).items()}
        later_lower = [m for m, v in sorted(by_month.items()) if m > month and v < new]
        earlier = [m for m in by_month if m < month]
        if earlier and by_month[max(earlier)] > new:
            earlier_higher = (max(earlier), format_decimal(sign * by_month[max(earlier)]))
    return Added(entry, indicator, replaced, later_lower, earlier_higher)


def _latest_by_month(plan: PlanRecord, indicator_id: str, stage: str | None) -> dict[int, Decimal]:
    by_month: dict[int, Decimal] = {}
    for e in plan["progress"]:
        if e["indicator"] == indicator_id and e.get("stage") == stage and e.get("value") is not None:
            by_month[e["month"]] = to_decimal(e.get("value"))
    return by_month


def _cumulative(plan: PlanRecord, indicator_id: str, stage: str | None, month: int) -> Decimal:
    by_month = _latest_by_month(plan, indicator_id, stage)
    earlier = [m for m in by_month if m <= month]
    return by_month[max(earlier)] if earlier else Decimal(0)


def remove_progress(
    plan: PlanRecord, indicator_id: str, month: int, now: str, stage: str | None = None
) -> list[EntryRecord]:
    find_indicator(plan, indicator_id)
    doomed = [
        e
        for e in plan["progress"]
        if e["indicator"] == indicator_id
        and e["month"] == month
        and (stage is None or e.get("stage") == stage)
    ]
    if not doomed:
        if stage:
            message = _("no month-{month} stage {stage} entry of {indicator_id} to remove")
        else:
            message = _("no month-{month} entry of {indicator_id} to remove")
        raise NotFoundError(message.format(month=month, stage=stage, indicator_id=indicator_id))
    keep = [e for e in plan["progress"] if not any(e is d for d in doomed)]
    plan["progress"][:] = keep
    shown = ", ".join(
        (
            f"{e.get('stage')}={e.get('value')}"
            if e.get("stage") and e.get("value")
            else str(e.get("value") or e.get("stage"))
        )
        for e in doomed
    )
    record(
        plan,
        now,
        "remove-progress",
        f"removed {len(doomed)} month-{month} entries of {indicator_id}: {shown}",
    )
    return doomed
