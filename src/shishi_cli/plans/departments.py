"""A plan's departments: those it declares with their short names, and those its owners name.

A department is any name a project or indicator gives as an owner (责任单位), declared or not:
stores made before departments could be declared keep working. Declaring one gives it short
names (aliases) that --owner accepts. Names are compared as rules.name_key compares them.
"""

from __future__ import annotations

from shishi_cli import rules
from shishi_cli.errors import ConflictError, NotFoundError, UsageError
from shishi_cli.i18n import _
from shishi_cli.records import DepartmentRecord, PlanRecord
from shishi_cli.rule_messages import raise_refusal
from shishi_cli.rules import name_key
from shishi_cli.said import said, said_plural

from .history import FieldChange, changes_said, quote, record, shown
from .names import clean, closest, named


def declared(plan: PlanRecord) -> list[DepartmentRecord]:
    return plan.get("departments", [])


def used_owners(plan: PlanRecord) -> list[str]:
    """Every owner the plan's projects and indicators name, in order of first mention."""
    seen: dict[str, None] = {}
    for project in plan["projects"]:
        seen.update(dict.fromkeys(project["owners"]))
        for indicator in project["indicators"]:
            seen.update(dict.fromkeys(indicator["owners"]))
    return list(seen)


def department_names(plan: PlanRecord) -> list[str]:
    """The plan's departments: the declared ones in their order, then the others its owners name."""
    names = [d["name"] for d in declared(plan)]
    keys = {name_key(n) for n in names}
    return names + [o for o in used_owners(plan) if name_key(o) not in keys]


def aliases(plan: PlanRecord) -> dict[str, list[str]]:
    """Each declared department's short names."""
    return {d["name"]: d["aliases"] for d in declared(plan)}


def resolve(plan: PlanRecord, text: str) -> str | None:
    """The department `text` names, by its full name or a short name; None: no department."""
    found = named(declared(plan), text)
    if found is not None:
        return found
    key = name_key(text)
    for owner in used_owners(plan) if key else ():
        if name_key(owner) == key:
            return owner
    return None


class Departments:
    """A plan's departments by name_key, for work over many rows (an import): `resolve` says what
    resolve() says, in constant time. Built once; what is added through it (`mentioned`,
    add_department given it) keeps it up to date."""

    def __init__(self, plan: PlanRecord) -> None:
        self.plan = plan
        self.owners: dict[str, None] = {}  # every owner named, in order of first mention (used_owners)
        self._used: dict[str, str] = {}  # name_key -> the first owner spelled so
        for project in plan["projects"]:
            self.mentioned(project["owners"])
            for indicator in project["indicators"]:
                self.mentioned(indicator["owners"])
        self._full: dict[str, str] = {}
        self._short: dict[str, str] = {}
        self.declared_changed()

    def mentioned(self, owners: list[str]) -> None:
        """Owners a project or indicator added to the plan names."""
        for owner in owners:
            if owner not in self.owners:
                self.owners[owner] = None
                self._used.setdefault(name_key(owner), owner)

    def declared_changed(self) -> None:
        """The plan's declared departments read again (few: rebuilt whole)."""
        self._full.clear()
        self._short.clear()
        for department in declared(self.plan):  # a full name before any short name, as named()
            self._full.setdefault(name_key(department["name"]), department["name"])
        for department in declared(self.plan):
            for alias in department["aliases"]:
                self._short.setdefault(name_key(alias), department["name"])

    def resolve(self, text: str) -> str | None:
        key = name_key(text)
        if not key:
            return None
        return self._full.get(key) or self._short.get(key) or self._used.get(key)


def unknown(plan: PlanRecord, text: str, option: str) -> UsageError:
    """The usage error of an --owner that names no department of the plan."""
    names = department_names(plan)
    listed, near = closest(names, aliases(plan), text)
    if not names:
        hint = _("the plan names no department yet")
    elif near:
        hint = _("departments there, closest first: {names}").format(names=listed)
    else:
        hint = _("departments there: {names}").format(names=listed)
    return UsageError(
        _("{option} {owner!r}: no department of the {year} plan is called that").format(
            option=option, owner=text, year=plan["year"]
        ),
        hint=hint,
    )


def _find(plan: PlanRecord, text: str) -> str:
    found = resolve(plan, text)
    if found is None:
        error = unknown(plan, text, "")
        raise NotFoundError(
            _("no department {name!r} in the {year} plan").format(name=text.strip(), year=plan["year"]),
            hint=error.hint,
        )
    return found


def _check(
    plan: PlanRecord,
    departments: list[DepartmentRecord],
    ignore: str | None = None,
    known: Departments | None = None,
) -> None:
    """Refuse departments whose names and short names do not each mean one department."""
    owners = [o for o in (used_owners(plan) if known is None else known.owners) if o != ignore]
    raise_refusal(rules.department_problems([(d["name"], d["aliases"]) for d in departments], owners))


def _store(plan: PlanRecord, departments: list[DepartmentRecord]) -> None:
    if departments:
        plan["departments"] = departments
    else:
        plan.pop("departments", None)


def add_department(
    plan: PlanRecord, name: str, short_names: list[str], now: str, known: Departments | None = None
) -> DepartmentRecord:
    """Declare a department (one the owners already name, or a new one) with its short names.
    `known`: the plan's departments indexed (an import's), kept up to date."""
    [name] = clean([name])
    have = resolve(plan, name) if known is None else known.resolve(name)
    if have is not None and have in aliases(plan):
        raise ConflictError(
            _("the department {name!r} is declared already").format(name=have),
            hint=_("change it with 'shishi edit-department'"),
        )
    if have is not None:
        name = have  # an owner's own spelling
    department: DepartmentRecord = {"name": name, "aliases": [a for a in clean(short_names) if a != name]}
    departments = [*declared(plan), department]
    _check(plan, departments, ignore=name, known=known)
    _store(plan, departments)
    if known is not None:
        known.declared_changed()
    if department["aliases"]:
        summary = said(
            "declared {name} with short names {aliases}",
            name=quote(name),
            aliases=shown(department["aliases"]),
        )
    else:
        summary = said("declared {name}", name=quote(name))
    record(plan, now, "add-department", summary)
    return department


def edit_department(
    plan: PlanRecord, text: str, now: str, new_name: str | None, short_names: list[str] | None
) -> list[FieldChange]:
    """Rename a department (its name as every project's and indicator's owner too) or replace
    its short names; a department used but not declared becomes declared."""
    if new_name is None and short_names is None:
        raise UsageError(_("nothing to change"), hint=_("give --name or --alias (or --no-aliases)"))
    name = _find(plan, text)
    departments: list[DepartmentRecord] = [
        {"name": d["name"], "aliases": list(d["aliases"])} for d in declared(plan)
    ]
    current = next((d for d in departments if d["name"] == name), None)
    if current is None:
        current = {"name": name, "aliases": []}
        departments.append(current)
    changes: list[FieldChange] = []
    if new_name is not None:
        [renamed] = clean([new_name])
        if renamed != name:
            other = resolve(plan, renamed)
            if other is not None and other != name:
                raise ConflictError(
                    _("{name!r} is already a department of the {year} plan").format(
                        name=other, year=plan["year"]
                    ),
                    hint=_(
                        "to merge {old} into it: shishi remove-department {old} --replace-with {new}"
                    ).format(old=name, new=other),
                )
            changes.append(FieldChange("name", quote(name), quote(renamed)))
            current["name"] = renamed
    if short_names is not None:
        cleaned = [a for a in clean(short_names) if a != current["name"]]
        if cleaned != current["aliases"]:
            changes.append(FieldChange("aliases", shown(current["aliases"]), shown(cleaned)))
            current["aliases"] = cleaned
    if not changes and current in declared(plan):
        return []
    _check(plan, departments, ignore=name)
    _rename_owners(plan, name, current["name"])
    _store(plan, departments)
    if changes:
        summary = said("department {name}: {changes}", name=quote(name), changes=changes_said(changes))
    else:
        summary = said("department {name}: declared", name=quote(name))
    record(plan, now, "edit-department", summary)
    return changes


def remove_department(plan: PlanRecord, text: str, now: str, replace_with: str | None) -> list[str]:
    """Remove a department; one still an owner only with `replace_with`, which takes its place
    there. Returns where it was an owner (project numbers and indicator ids)."""
    name = _find(plan, text)
    where = uses(plan, name)
    successor = None
    if replace_with is not None:
        successor = _find(plan, replace_with)
        if successor == name:
            raise UsageError(
                _("--replace-with names {name} itself").format(name=name), hint=_("name another department")
            )
    elif where:
        raise ConflictError(
            _("{name} is responsible for {where}").format(name=name, where=", ".join(where)),
            hint=_("pass --replace-with DEPT to hand those to another department"),
        )
    _store(plan, [d for d in declared(plan) if d["name"] != name])
    if successor is not None:
        _rename_owners(plan, name, successor)
    if successor and where:
        summary = said_plural(
            "removed department {name}, its {count} use handed to {successor}",
            "removed department {name}, its {count} uses handed to {successor}",
            len(where), name=quote(name), count=len(where), successor=quote(successor),
        )  # fmt: skip
    else:
        summary = said("removed department {name}", name=quote(name))
    record(plan, now, "remove-department", summary)
    return where


def uses(plan: PlanRecord, name: str) -> list[str]:
    """Where `name` is an owner: "project 3", "indicator 7.2"."""
    where: list[str] = []
    for project in plan["projects"]:
        if name in project["owners"]:
            where.append(_("project {number}").format(number=project["number"]))
        for indicator in project["indicators"]:
            if name in indicator["owners"]:
                where.append(_("indicator {indicator_id}").format(indicator_id=indicator["id"]))
    return where


def _rename_owners(plan: PlanRecord, old: str, new: str) -> None:
    """Every owner list naming `old` names `new` in its place (once, where it was first)."""
    if old == new:
        return
    for holder in [*plan["projects"], *(i for p in plan["projects"] for i in p["indicators"])]:
        owners = holder["owners"]
        if old in owners:
            replaced = [new if o == old else o for o in owners]
            holder["owners"] = list(dict.fromkeys(replaced))
