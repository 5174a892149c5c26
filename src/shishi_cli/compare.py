"""Two versions of a store side by side: what differs between them, and what one change added.

Pure functions of plain store data (no I/O, no clock). What they find is data; the render layer
words it for people, and the CLI records it in English. `summary` is the exception: the
one-line record of a change that the kept versions' index carries, a message (said.py) made of
the history's records as plans.py made them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import zip_longest
from typing import TYPE_CHECKING, Any, NamedTuple

from .numbers import bands_text
from .plans import change_text, record, said_of, schedule_text
from .records import EntryRecord, IndicatorRecord, PlanRecord, StoreRecord
from .rules import bands_of, id_order
from .said import Said, joined, said, said_plural
from .years import Plans

if TYPE_CHECKING:
    from .versions import Version

PLAN_FIELDS = ("title", "departments", "regions")
SETTINGS_FIELDS = ("tolerance", "ahead_margin", "red_gap", "mode", "bands")
PROJECT_FIELDS = ("title", "owners")
INDICATOR_FIELDS = (
    "name", "kind", "target", "unit", "baseline", "owners", "deadline", "stages", "counts", "trajectory",
    "at_most", "at_least", "stage_schedules", "changes", "regions",
)  # fmt: skip
ENTRY_FIELDS = ("value", "note", "at", "label", "region")
OUTSIDE_COMMAND = "outside shishi"  # the history's name for a change made outside shishi


class Difference(NamedTuple):
    """One thing that differs between an old and a new version of a store.

    `kind` is plan, project, indicator, entry or history; `change` is added, removed or changed.
    A changed thing names its `field` with `old` and `new` as shown in the history (350000,
    开工,完工, none = None). An added or removed plan, project or indicator gives its `name`
    (title or name) and how many indicators and entries went with it; an added or removed
    entry gives its value (or stage) as `new` or `old`.
    """

    year: str
    kind: str
    change: str
    project: int | None = None
    indicator: str | None = None
    month: int | None = None
    stage: str | None = None
    name: str | None = None
    field: str | None = None
    old: str | None = None
    new: str | None = None
    indicators: int | None = None
    entries: int | None = None


class Outside(NamedTuple):
    """A store changed outside shishi: the kept version it is compared with and what differs
    (both None when no version is kept to compare with)."""

    base: Version | None
    found: list[Difference] | None


def differences(old: StoreRecord, new: StoreRecord) -> list[Difference]:
    """What differs from `old` to `new`, plan by plan: the plan, its projects, indicators,
    entries, then its history. What went with an added or removed thing is counted, not listed."""
    found: list[Difference] = []
    aside = set(getattr(new["plans"], "damaged", ()))  # a damaged year's file, left as it is (store.py)
    for key in sorted(set(old["plans"]) | set(new["plans"])):
        if key in aside:
            continue
        before, after = old["plans"].get(key), new["plans"].get(key)
        if before is None or after is None:
            plan = after if before is None else before
            assert plan is not None
            found.append(
                Difference(
                    key,
                    "plan",
                    "added" if before is None else "removed",
                    name=plan["title"],
                    indicators=sum(len(p["indicators"]) for p in plan["projects"]),
                    entries=len(plan["progress"]),
                )  # fmt: skip
            )
        else:
            found += _plan(key, before, after)
    return found


def _plan(key: str, old: PlanRecord, new: PlanRecord) -> list[Difference]:
    found = _changed(Difference(key, "plan", "changed"), old, new, PLAN_FIELDS)
    found += _changed(Difference(key, "plan", "changed"), old["settings"], new["settings"], SETTINGS_FIELDS)
    entries_before, entries_after = _entries(old["progress"]), _entries(new["progress"])

    def count(ids: set[str], entries: dict[tuple[str, int, str | None], list[EntryRecord]]) -> int:
        return sum(len(v) for k, v in entries.items() if k[0] in ids)

    projects_before = {p["number"]: p for p in old["projects"]}
    projects_after = {p["number"]: p for p in new["projects"]}
    whole: set[str] = set()  # indicators counted with an added or removed project
    for number in sorted(set(projects_before) | set(projects_after)):
        a, b = projects_before.get(number), projects_after.get(number)
        if a is None or b is None:
            project = b if a is None else a
            assert project is not None
            ids = {i["id"] for i in project["indicators"]}
            whole |= ids
            found.append(
                Difference(
                    key,
                    "project",
                    "added" if a is None else "removed",
                    project=number,
                    name=project["title"],
                    indicators=len(ids),
                    entries=count(ids, entries_after if a is None else entries_before),
                )  # fmt: skip
            )
            continue
        found += _changed(Difference(key, "project", "changed", project=number), a, b, PROJECT_FIELDS)
    indicators_before, indicators_after = _indicators(old), _indicators(new)
    for ident in sorted(set(indicators_before) | set(indicators_after), key=id_order):
        was, now = indicators_before.get(ident), indicators_after.get(ident)
        if was is None or now is None:
            if ident in whole:
                continue
            number, indicator = now if was is None else was  # type: ignore[misc] # one of them is there
            whole.add(ident)
            found.append(
                Difference(
                    key,
                    "indicator",
                    "added" if was is None else "removed",
                    project=number,
                    indicator=ident,
                    name=indicator["name"],
                    entries=count({ident}, entries_after if was is None else entries_before),
                )  # fmt: skip
            )
            continue
        (number_was, indicator_was), (number_now, indicator_now) = was, now
        here = Difference(key, "indicator", "changed", project=number_now, indicator=ident)
        if number_was != number_now:
            found.append(here._replace(field="project", old=str(number_was), new=str(number_now)))
        found += _changed(here, indicator_was, indicator_now, INDICATOR_FIELDS)
    found += _entry_differences(key, entries_before, entries_after, whole)
    if old["history"] != new["history"]:
        found.append(
            Difference(key, "history", "changed", old=str(len(old["history"])), new=str(len(new["history"])))
        )
    return found


def _entry_differences(
    key: str,
    before: dict[tuple[str, int, str | None], list[EntryRecord]],
    after: dict[tuple[str, int, str | None], list[EntryRecord]],
    whole: set[str],
) -> list[Difference]:
    """Entries of the same indicator, month and stage compared in their order (a later one
    corrects an earlier one): a value or note changed, an entry added or removed."""
    found: list[Difference] = []
    for ident, month, stage in sorted(
        set(before) | set(after), key=lambda k: (id_order(k[0]), k[1], k[2] or "")
    ):
        if ident in whole:
            continue
        here = Difference(key, "entry", "changed", indicator=ident, month=month, stage=stage)
        pairs = zip_longest(before.get((ident, month, stage), []), after.get((ident, month, stage), []))
        for a, b in pairs:
            if a is None:
                found.append(here._replace(change="added", new=_entry_shown(b)))
            elif b is None:
                found.append(here._replace(change="removed", old=_entry_shown(a)))
            else:
                found += _changed(here, a, b, ENTRY_FIELDS)
    return found


def _changed(
    here: Difference, old: Mapping[str, Any], new: Mapping[str, Any], names: tuple[str, ...]
) -> list[Difference]:
    """`here` for each field of `names` that differs from `old` to `new`."""
    return [
        here._replace(field=name, old=_shown(old.get(name)), new=_shown(new.get(name)))
        for name in names
        if old.get(name) != new.get(name)
    ]


def _entry_shown(entry: EntryRecord | None) -> str | None:
    return None if entry is None else entry.get("value") or entry.get("stage")


def _entries(progress: list[EntryRecord]) -> dict[tuple[str, int, str | None], list[EntryRecord]]:
    by_key: dict[tuple[str, int, str | None], list[EntryRecord]] = defaultdict(list)
    for entry in progress:
        by_key[entry["indicator"], entry["month"], entry.get("stage")].append(entry)
    return by_key


def _indicators(plan: PlanRecord) -> dict[str, tuple[int, IndicatorRecord]]:
    return {i["id"]: (p["number"], i) for p in plan["projects"] for i in p["indicators"]}


def _shown(value: object) -> str | None:
    """A field's value as the history shows it: 350000, 开工,完工, 3:20,6:50; None for none."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, list) and all(isinstance(b, dict) and "on_track" in b for b in value):
        return bands_text(bands_of(value))
    if isinstance(value, list) and all(isinstance(s, dict) and "stage" in s for s in value):
        return "; ".join(schedule_text(s) for s in value)
    if isinstance(value, list) and all(isinstance(c, dict) and "field" in c for c in value):
        return "; ".join(change_text(c) for c in value)
    if isinstance(value, list) and all(isinstance(s, dict) and "region" in s for s in value):
        return ",".join(f"{s['region']}={s['target']}" for s in value)  # an indicator's region shares
    if isinstance(value, list) and all(isinstance(d, dict) and "aliases" in d for d in value):
        # declared departments or regions, each with its short names
        return "; ".join(d["name"] + (f" ({'、'.join(d['aliases'])})" if d["aliases"] else "") for d in value)
    if isinstance(value, list):
        return ",".join(f"{p['month']}:{p['percent']}" if isinstance(p, dict) else str(p) for p in value)
    return str(value)


# --- what one change did -----------------------------------------------------------------------


class Mark(NamedTuple):
    """How long each plan's history and progress were before a change: what came after is what
    the change added (commands add history records; add-progress adds entries)."""

    lengths: dict[str, tuple[int, int]]


def mark(store: StoreRecord) -> Mark:
    """The lengths now; a plan read later from its own file (years.Plans) counts as it was read."""
    plans = store["plans"]
    if isinstance(plans, Plans):
        return Mark(
            _Lengths({key: (len(p["history"]), len(p["progress"])) for key, p in _read(plans)}, plans)
        )
    return Mark({key: (len(p["history"]), len(p["progress"])) for key, p in plans.items()})


class _Lengths(dict):  # type: ignore[type-arg]
    """Each plan's lengths when the mark was made, or, for one not read then, when it was read."""

    def __init__(self, now: dict[str, tuple[int, int]], plans: Plans) -> None:
        super().__init__(now)
        self._plans = plans
        self._keys = set(plans)

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        if key in self._keys:
            return self._plans.read_at.get(key, default)
        return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys | set(dict.keys(self)))


def _read(plans: dict[str, PlanRecord]) -> list[tuple[str, PlanRecord]]:
    """The plans read so far, in year order: one not read is as it was."""
    if isinstance(plans, Plans):
        return [(key, plans[key]) for key in sorted(plans) if plans.is_read(key)]
    return sorted(plans.items())


def summary(before: Mark, store: StoreRecord) -> Said | None:
    """What was changed since `before`, on one line: the new history records as
    `command: summary`, else the new progress entries as `add-progress 1.1 month 6: 180400`;
    None when nothing was recorded."""
    parts: list[Said] = []
    # In a store of several years, each change says which plan it is of (a figure of 1.1 in 2021
    # and one in 2022 would read alike).
    several = len(store["plans"]) > 1 or len(before.lengths) > 1
    for key, plan in _read(store["plans"]):
        history, progress = before.lengths.get(key, (0, 0))
        records = plan["history"][history:]
        found: list[Said] = []
        if records:
            found = [
                said("{command}: {summary}", command=_command(r["command"]), summary=said_of(r))
                for r in records
            ]
        else:
            entries = plan["progress"][progress:]
            found = [_entry_summary(e) for e in entries[:3]]
            if len(entries) > 3:
                more = len(entries) - 3
                found.append(
                    said_plural("and {count} more entry", "and {count} more entries", more, count=more)
                )
        if several and found:
            found[0] = said("{year} plan: {change}", year=key, change=found[0])
        parts += found
    parts += [
        said("removed the {year} plan", year=key) for key in sorted(set(before.lengths) - set(store["plans"]))
    ]
    return joined(parts) if parts else None


def _command(name: str) -> Said:
    """A history record's command: its name as typed, or what stands for one made outside shishi."""
    return said("outside shishi") if name == OUTSIDE_COMMAND else name


def _entry_summary(entry: EntryRecord) -> Said:
    value, stage = entry.get("value"), entry.get("stage")
    shown: Said = (
        said("{value} ({stage})", value=value, stage=stage)
        if value is not None and stage
        else (value or stage or "")
    )
    if entry.get("region") is not None:  # a region's figure, not the indicator's
        shown = said("{value} ({region})", value=shown, region=entry["region"])
    return said(
        "add-progress {indicator} month {month}: {value}",
        indicator=entry["indicator"],
        month=entry["month"],
        value=shown,
    )


def record_outside(store: StoreRecord, before: Mark, texts: dict[str, Said], at: str) -> None:
    """Record a change made outside shishi in the history of each plan it changed (`texts`: plan
    key -> what changed), before what the change since `before` recorded."""
    for key, text in texts.items():
        plan = store["plans"].get(key)
        if plan is not None:
            where = min(before.lengths.get(key, (0, 0))[0], len(plan["history"]))
            record(plan, at, OUTSIDE_COMMAND, text)
            plan["history"].insert(where, plan["history"].pop())
