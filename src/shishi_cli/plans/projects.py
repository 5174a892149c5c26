"""Creating a plan, setting its thresholds, and adding, editing and removing its projects."""

from __future__ import annotations

import copy
from decimal import Decimal

from shishi_cli import rules
from shishi_cli.errors import ConflictError, Unchanged, UsageError
from shishi_cli.i18n import _, ngettext
from shishi_cli.numbers import Ladder, bands_text, format_decimal, to_decimal
from shishi_cli.records import ANSWER_DAYS, PlanRecord, ProjectRecord, StoreRecord, default_settings
from shishi_cli.rule_messages import raise_refusal
from shishi_cli.said import said, said_plural

from .departments import Departments, resolve
from .history import FieldChange, changes_said, quote, record, shown
from .lookup import PlanIndex, find_project, in_order


def init_plan(
    store: StoreRecord, year: int, title: str, now: str, like: PlanRecord | None = None
) -> PlanRecord:
    """A new plan for `year`; `like`: another year's plan whose rules (thresholds, mode, bands,
    count units, escalation ladder, answer days, share tolerance), departments and regions it
    starts with. Its projects, figures and history are that year's own and are not copied."""
    if str(year) in store["plans"]:
        raise ConflictError(
            _("the store already has a plan for {year}").format(year=year), hint=_("choose another --year")
        )
    raise_refusal(rules.text_problems(title, "title"))
    plan: PlanRecord = {
        "year": year,
        "title": title,
        "settings": copy.deepcopy(like["settings"]) if like is not None else default_settings(),
        "projects": [],
        "progress": [],
        "history": [],
    }
    if like is None:
        record(plan, now, "init", said("created the {year} plan {title}", year=year, title=quote(title)))
    else:
        for part in ("departments", "regions"):
            if like.get(part):
                plan[part] = copy.deepcopy(like[part])
        record(plan, now, "init", said(
            "created the {year} plan {title} with the rules, departments and regions of the {like} plan",
            year=year, title=quote(title), like=like["year"],
        ))  # fmt: skip
    store["plans"][str(year)] = plan
    return plan


def remove_plan(store: StoreRecord, year: int, force: bool = False) -> PlanRecord | None:
    """Take the plan of `year` out of the store (one made by mistake, say `init --year 2032`);
    the plan taken, or None with `force`, which removes it unread (the store refuses to remove a
    year whose file is damaged: it would lose what the file holds). One holding projects or
    figures is refused without `force`, saying what it holds. The store's kept versions still
    hold it: undo puts it back."""
    key = str(year)
    if key not in store["plans"]:
        raise UsageError(
            _("--year {year}: no plan for {year} in the store").format(year=year),
            hint=_("plans there: {plans}").format(plans=", ".join(sorted(store["plans"])) or _("none yet")),
        )
    if force:
        del store["plans"][key]
        return None
    plan = store["plans"][key]
    projects = len(plan["projects"])
    entries = len(plan["progress"])
    if projects or entries:
        raise ConflictError(
            _("the {year} plan holds {projects} and {entries}").format(
                year=year,
                projects=ngettext("{count} project", "{count} projects", projects).format(
                    count=f"{projects:,}"
                ),
                entries=ngettext("{count} figure", "{count} figures", entries).format(count=f"{entries:,}"),
            ),
            hint=_("add --force to remove it with them; shishi undo puts it back"),
        )
    del store["plans"][key]
    return plan


def edit_plan(plan: PlanRecord, now: str, title: str) -> list[FieldChange]:
    """Change the plan's title (the change is recorded in its history)."""
    raise_refusal(rules.text_problems(title, "title"))
    if title == plan["title"]:
        return []
    change = FieldChange("title", quote(plan["title"]), quote(title))
    plan["title"] = title
    record(plan, now, "edit-plan", said("plan {year}: {change}", year=plan["year"], change=change.said()))
    return [change]


def set_count_units(plan: PlanRecord, now: str, add: list[str], remove: list[str]) -> list[FieldChange]:
    """Add units the plan counts whole things in (beyond rules.COUNT_UNITS), or take them away."""
    old = list(plan["settings"]["count_units"])
    units = list(old)
    for unit in add:
        unit = unit.strip()
        if not unit:
            raise UsageError(_("a count unit is empty"), hint=_("name the unit, e.g. 套"))
        raise_refusal(rules.unit_problems(unit))
        if unit not in units and unit not in rules.COUNT_UNITS:
            units.append(unit)
    for unit in remove:
        unit = unit.strip()
        if unit in rules.COUNT_UNITS:
            raise UsageError(
                _("{unit} is one of the built-in count units").format(unit=unit),
                hint=_("only units a plan added can be removed"),
            )
        if unit not in units:
            raise UsageError(
                _("{unit} is not one of the plan's count units").format(unit=unit),
                hint=_("the plan's own: {units}").format(units=", ".join(units) or _("none yet")),
            )
        units.remove(unit)
    if units == old:
        return []
    plan["settings"]["count_units"] = units
    change = FieldChange("count_units", shown(old), shown(units))
    record(plan, now, "count-units", change.said())
    return [change]


def set_thresholds(
    plan: PlanRecord,
    now: str,
    tolerance: Decimal | None = None,
    ahead_margin: Decimal | None = None,
    red_gap: Decimal | None = None,
    mode: str | None = None,
    bands: list[rules.Band] | None = None,
) -> list[FieldChange]:
    """The plan's rule mode, thresholds and bands; the settings they make are checked as a whole."""
    if all(v is None for v in (tolerance, ahead_margin, red_gap, mode, bands)):
        raise UsageError(
            _("nothing to change"), hint=_("give --mode, --tolerance, --ahead-margin, --red-gap or --bands")
        )
    settings = plan["settings"]
    old_bands = rules.bands_of(settings["bands"])
    given = {"tolerance": tolerance, "ahead_margin": ahead_margin, "red_gap": red_gap}
    new_mode = settings["mode"] if mode is None else mode
    new_bands = old_bands if bands is None else bands
    raise_refusal(
        rules.settings_problems(
            new_mode,
            to_decimal(settings["tolerance"]) if tolerance is None else tolerance,
            to_decimal(settings["ahead_margin"]) if ahead_margin is None else ahead_margin,
            to_decimal(settings["red_gap"]) if red_gap is None else red_gap,
            new_bands,
        )
    )
    changes: list[FieldChange] = []
    if new_mode != settings["mode"]:
        changes.append(FieldChange("mode", settings["mode"], new_mode))
        settings["mode"] = new_mode
    for name, value in given.items():
        old = settings[name]  # type: ignore[literal-required]
        if value is None or to_decimal(old) == value:
            continue
        settings[name] = format_decimal(value)  # type: ignore[literal-required]
        changes.append(FieldChange(name, old, format_decimal(value)))
    if new_bands != old_bands:
        changes.append(FieldChange("bands", bands_text(old_bands) or "none", bands_text(new_bands)))
        settings["bands"] = [
            {"month": m, "ahead": _text(a), "on_track": format_decimal(o), "yellow": _text(y)}
            for m, a, o, y in new_bands
        ]
    if changes:  # setting the values a plan already has is fine, and changes nothing
        record(plan, now, "set-thresholds", changes_said(changes))
    return changes


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)


def add_project(
    plan: PlanRecord, number: int, title: str, owners: list[str], now: str, index: PlanIndex | None = None
) -> ProjectRecord:
    """A new project, in the order of the numbers; with `index` (an import's), appended and the
    index kept up to date (index.in_order puts it in order at the end)."""
    taken = index.projects if index is not None else {p["number"] for p in plan["projects"]}
    raise_refusal(rules.project_number_problems(number, taken), year=plan["year"])
    raise_refusal(rules.text_problems(title, "title"))
    project: ProjectRecord = {
        "number": number,
        "title": title,
        "owners": clean_owners(owners, plan, None if index is None else index.departments),
        "indicators": [],
    }
    plan["projects"].append(project)
    if index is None:
        in_order(plan, ())
    else:
        index.added_project(project)
    record(
        plan, now, "add-project", said("added project {number} {title}", number=number, title=quote(title))
    )
    return project


def edit_project(
    plan: PlanRecord, number: int, now: str, title: str | None, owners: list[str] | None
) -> list[FieldChange]:
    project = find_project(plan, number)
    changes: list[FieldChange] = []
    if title is None and owners is None:
        raise UsageError(_("nothing to change"), hint=_("give --title or --owner"))
    if title is not None:
        raise_refusal(rules.text_problems(title, "title"))
        if title != project["title"]:
            changes.append(FieldChange("title", quote(project["title"]), quote(title)))
            project["title"] = title
    if owners is not None:
        cleaned = clean_owners(owners, plan)
        if cleaned != project["owners"]:
            changes.append(FieldChange("owners", shown(project["owners"]), shown(cleaned)))
            project["owners"] = cleaned
    if not changes:
        return []  # the values it has already: nothing to record
    record(
        plan,
        now,
        "edit-project",
        said("project {number}: {changes}", number=number, changes=changes_said(changes)),
    )
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
        said(
            "removed project {number} {title} with {indicators} and {entries}",
            number=number,
            title=quote(project["title"]),
            indicators=said_plural("{count} indicator", "{count} indicators", len(ids), count=len(ids)),
            entries=said_plural(
                "{count} progress entry", "{count} progress entries", len(entries), count=len(entries)
            ),
        ),
    )
    return len(ids), len(entries)


def clean_owners(owners: list[str], plan: PlanRecord, known: Departments | None = None) -> list[str]:
    """Departments as typed, trimmed, each once, in order (a project's or an indicator's); a
    declared department's short name or another spelling of its name is its full name.
    `known`: the plan's departments indexed (an import's)."""
    cleaned: list[str] = []
    for owner in owners:
        owner = owner.strip()
        raise_refusal(rules.owner_problems(owner))
        owner = (resolve(plan, owner) if known is None else known.resolve(owner)) or owner
        if owner not in cleaned:
            cleaned.append(owner)
    return cleaned


def set_escalation(plan: PlanRecord, now: str, ladder: Ladder | None) -> FieldChange:
    """The plan's escalation ladder (None: back to the default one); Unchanged if it is that already."""
    settings = plan["settings"]
    old = rules.ladder_of(settings.get("escalation"))
    new = rules.DEFAULT_LADDER if ladder is None else ladder
    if new == old and (ladder is not None or "escalation" not in settings):
        raise Unchanged(_("Escalation ladder unchanged: the plan has that one already"))
    if ladder is None:
        del settings["escalation"]
    else:
        settings["escalation"] = rules.ladder_records(ladder)
    change = FieldChange("escalation", rules.ladder_text(old), rules.ladder_text(new))
    record(plan, now, "set-escalation", change.said())
    return change


def set_answer_days(plan: PlanRecord, now: str, days: int) -> FieldChange:
    """Days a follow-up may wait for its answer (the default ANSWER_DAYS is left out)."""
    settings = plan["settings"]
    old = settings.get("answer_days", ANSWER_DAYS)
    if days == old:
        raise Unchanged(_("Answer days unchanged: the plan has {days} already").format(days=days))
    if days == ANSWER_DAYS:
        del settings["answer_days"]
    else:
        settings["answer_days"] = days
    change = FieldChange("answer_days", str(old), str(days))
    record(plan, now, "set-escalation", change.said())
    return change
