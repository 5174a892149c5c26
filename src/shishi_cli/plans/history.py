"""The plan's history: recording a change, and the short English texts a record is made of.

A record is said as a message (said.py): the history keeps its English, and the version the
change is kept as keeps the message too, to say it in the language of whoever reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from shishi_cli.i18n import N_, _
from shishi_cli.records import HistoryRecord, PlanRecord
from shishi_cli.said import (
    DATA,
    Joined,
    Plural,
    Said,
    Shape,
    Within,
    any_of,
    english,
    joined,
    message,
    read,
    said,
    said_as,
    said_plural,
    term,
    terms,
    text,
)

# The fields an edit can change, as people name them (the history names them by their keys).
FIELD_WORDS = {
    "id": N_("id"), "name": N_("name"), "title": N_("title"), "owners": N_("owners"),
    "kind": N_("kind"), "target": N_("target"), "unit": N_("unit"), "baseline": N_("baseline"),
    "deadline": N_("deadline"), "stages": N_("stages"), "counts": N_("counted stage"),
    "trajectory": N_("trajectory"), "tolerance": N_("tolerance"), "ahead_margin": N_("ahead margin"),
    "red_gap": N_("red gap"), "at_most": N_("ceiling"), "at_least": N_("floor"), "mode": N_("rule mode"),
    "bands": N_("bands"), "stage_schedules": N_("stage schedules"), "aliases": N_("short names"),
    "escalation": N_("escalation ladder"), "answer_days": N_("days to answer"),
    "count_units": N_("units counted whole"), "share_tolerance": N_("share tolerance"),
    "regions": N_("regions"), "changes": N_("changes"), "project": N_("project"), "note": N_("note"),
    "label": N_("label"), "departments": N_("departments"), "region": N_("region"),
}  # fmt: skip


class _Recorded(dict):  # type: ignore[type-arg]
    """A history record made in this run, with the message its summary is the English of."""

    __slots__ = ("said",)
    said: Said


def record(plan: PlanRecord, now: str, command: str, summary: Said) -> None:
    """Write a change into the plan's history (its summary in English)."""
    made = _Recorded(at=now, command=command, summary=english(summary))
    made.said = summary
    plan["history"].append(cast(HistoryRecord, made))


def said_of(made: HistoryRecord) -> Said:
    """What a history record says: its message when it was made in this run, else the message
    its English is of (recorded by this shishi or an earlier one), else its text as recorded."""
    if isinstance(made, _Recorded):
        return made.said
    summary = made["summary"]
    return read(summary, RECORDED, NAMED) or summary


def with_figures(plan: PlanRecord) -> list[HistoryRecord]:
    """The plan's history with every figure recorded by add-progress in it, in time order.

    add-progress is not written into the history (the entries carry the time they were made,
    and 60,000 more records would double a store); they are listed here as records of their
    own. Entries an import made are the import's record already, and are not listed again.
    """
    imported = {c["at"] for c in plan["history"] if c["command"].startswith("import-")}
    figures: list[HistoryRecord] = []
    before: dict[tuple[str, int, str | None, str | None], str] = {}
    # Made now, not stored: said in the interface language (stored summaries stay as recorded).
    said, correcting, of_stage, of_region, with_stage = (
        _("{indicator} month {month}: {value}"),
        _(", correcting {old}"),
        _("stage {stage}"),
        _("{value} ({region})"),
        _("{value} ({stage})"),
    )
    for entry in plan["progress"]:
        stage = entry.get("stage")
        value = entry.get("value")
        region = entry.get("region")  # a region's figure corrects only that region's
        key = (entry["indicator"], entry["month"], None if value is None else stage, region)
        shown_value = value if value is not None else of_stage.format(stage=stage)
        if value is not None and stage:
            shown_value = with_stage.format(value=shown_value, stage=stage)
        if region is not None:
            shown_value = of_region.format(value=shown_value, region=region)
        summary = said.format(indicator=entry["indicator"], month=entry["month"], value=shown_value)
        if key in before:
            summary += correcting.format(old=before[key])
        before[key] = shown_value
        at = entry.get("at", "")
        if at not in imported:
            figures.append({"at": at, "command": "add-progress", "summary": summary})
    return sorted([*plan["history"], *figures], key=lambda c: c["at"])  # stable: ties keep order


# --- the shapes of what the history records, to read a recorded English text back --------------

_NONE = message("none")
# A field's value: "none", or data where a stage's deadline is in words (开工 30 by 2022-06-30).
_VALUE = any_of(_NONE, Within("by {date}"))
FIELD_CHANGE = any_of(
    message("{field} {old} -> {new} from month {month}"),
    message("{field} {old} -> {new}"),
    Plural("{count} figure converted to {unit}", "{count} figures converted to {unit}"),
)
# The kept changes of an indicator (its `changes`), as a value: change_said's, one after the other.
KEPT_CHANGES = Joined(
    message("{change}, {date}", change=any_of(message("{change} ({reason})", reason=DATA), FIELD_CHANGE))
)
VALUE = any_of(KEPT_CHANGES, _VALUE)
_ENTRY = any_of(
    message("{indicator} month {month} ({stage})"),
    message("{indicator} month {month}"),
)
_IMPORTED = any_of(
    Plural("{n} project", "{n} projects", "n"),
    Plural("{n} indicator", "{n} indicators", "n"),
    Plural("{n} department", "{n} departments", "n"),
    Plural("{entries} ({n} correction)", "{entries} ({n} corrections)", "n"),
    Plural("{n} entry", "{n} entries", "n"),
    message("{n} already there"),
)
# A placeholder's shape by its name (a message's placeholder of another name is data).
NAMED: dict[str, Shape] = {
    "field": terms(FIELD_WORDS),
    "old": _VALUE,
    "new": _VALUE,
    "change": FIELD_CHANGE,
    "changes": Joined(FIELD_CHANGE),
    "entry": any_of(message("{value} ({region})", value=_ENTRY), _ENTRY),
    "indicators": Plural("{count} indicator", "{count} indicators"),
    "entries": any_of(
        Plural("{count} progress entry", "{count} progress entries"),
        Plural("{n} entry", "{n} entries", "n"),
    ),
    "summary": any_of(message("nothing new"), Joined(_IMPORTED, ", ")),
}
# What a history record's summary is made of, by the plans' writers and imports (what a change
# made outside shishi records is the render layer's, render/versions.py).
RECORDED = any_of(
    message("created the {year} plan {title} with the rules, departments and regions of the {like} plan"),
    message("created the {year} plan {title}"),
    message("plan {year}: {change}"),
    message("added project {number} {title}"),
    message("project {number}: {changes}"),
    message("removed project {number} {title} with {indicators} and {entries}"),
    message("added indicator {indicator} {name}"),
    message("indicator {indicator}: {changes} (reason: {reason})"),
    message("indicator {indicator}: {changes}"),
    message("removed indicator {indicator} {name} with {entries}"),
    message("removed {count} month-{month} entries of {indicator}: {values}"),
    Joined(message("{field} of {entry}: {old} -> {new}", old=any_of(_NONE, DATA), new=any_of(_NONE, DATA))),
    message("follow-up {number}: {action} of {indicator} month {month} on {day} ({note})"),
    message("follow-up {number}: {action} of {indicator} month {month} on {day}"),
    message("follow-up {number} answered on {day}: {answer}, was {old}", old=DATA),
    message("follow-up {number} answered on {day}: {answer}"),
    message("department {name}: declared"),
    message("department {name}: {changes}"),
    Plural(
        "removed department {name}, its {count} use handed to {successor}",
        "removed department {name}, its {count} uses handed to {successor}",
    ),
    message("removed department {name}"),
    message("declared the region {name} with short names {aliases}"),
    message("declared the region {name}"),
    message("declared {name} with short names {aliases}"),
    message("declared {name}"),
    message("region {name}: {changes}"),
    message("removed the region {name}"),
    message("{file}: {summary}"),
    Joined(FIELD_CHANGE),
)


@dataclass(frozen=True)
class FieldChange:
    """One field an edit changed, as shown: 'target 350000 -> 360000'. The history keeps it in
    English (str()), naming the field by its key; `said()` is it to say in any language."""

    field: str  # a field of the record, or "converted" (old: how many figures, new: the unit)
    old: Said  # as `shown` or `shown_said` gives it
    new: Said
    from_month: int | None = None  # an approved change, from that month on

    def said(self) -> Said:
        if self.field == "converted":
            count = int(english(self.old))
            return said_plural(
                "{count} figure converted to {unit}", "{count} figures converted to {unit}", count,
                count=count, unit=self.new,
            )  # fmt: skip
        field = term(self.field, FIELD_WORDS.get(self.field))
        old, new = (said("none") if v == "none" else v for v in (self.old, self.new))
        if self.from_month is not None:
            return said(
                "{field} {old} -> {new} from month {month}",
                field=field,
                old=old,
                new=new,
                month=self.from_month,
            )
        return said("{field} {old} -> {new}", field=field, old=old, new=new)

    def __str__(self) -> str:
        return english(self.said())


def changes_said(changes: list[FieldChange]) -> Said:
    """Changes one after the other: "target 350000 -> 360000; unit 人 -> 万人"."""
    return joined([c.said() for c in changes])


def changes_text(changes: list[FieldChange]) -> str:
    """Changes in the interface language (in English word for word as the history records them)."""
    return text(changes_said(changes)) if changes else ""


def shown(value: object) -> str:
    """A field's value in a history summary: 350000, 开工,完工, 3:20,6:50, none."""
    if value in (None, [], ""):
        return "none"
    if isinstance(value, list) and isinstance(value[0], dict) and "stage" in value[0]:
        return _clip("; ".join(schedule_text(s) for s in value))
    if isinstance(value, list) and isinstance(value[0], dict) and "region" in value[0]:
        return _clip(",".join(f"{s['region']}={s['target']}" for s in value))
    if isinstance(value, list) and isinstance(value[0], dict) and "field" in value[0]:
        return _clip("; ".join(change_text(c) for c in value))
    if isinstance(value, list):
        parts = [f"{p['month']}:{p['percent']}" if isinstance(p, dict) else str(p) for p in value]
        return _clip(",".join(parts))
    return _clip(str(value))


def shown_said(value: object) -> Said:
    """A field's value as `shown` gives it, to say in any language: the deadline of a stage's
    schedule is in words ("by 2022-06-30"); any other value is data."""
    text = shown(value)
    if isinstance(value, list) and value and isinstance(value[0], dict) and "stage" in value[0]:
        return said_as(text, joined([schedule_said(s) for s in value]))
    return text


def schedule_said(schedule: Mapping[str, Any]) -> Said:
    """A stage's schedule in a line: 开工 30 by 2022-06-30; 开工 30 (3:50,6:100); 开工 by 2022-06-30."""
    parts: list[Said] = [schedule["stage"]]
    if schedule["target"] is not None:
        parts.append(schedule["target"])
    if schedule["deadline"] is not None:
        parts.append(said("by {date}", date=schedule["deadline"]))
    if schedule["trajectory"]:
        parts.append("(" + ",".join(f"{p['month']}:{p['percent']}" for p in schedule["trajectory"]) + ")")
    return joined(parts, " ")


def schedule_text(schedule: Mapping[str, Any]) -> str:
    """A stage's schedule in a line, in English (as the history records it)."""
    return english(schedule_said(schedule))


def change_said(change: Mapping[str, Any]) -> Said:
    """A kept change in a line: target 300 -> 350 from month 9 (报市政府同意后调整), 2022-09-12."""
    said_change = FieldChange(
        change["field"], shown_said(change["old"]), shown_said(change["new"]), change["from_month"]
    ).said()
    if change["reason"]:
        said_change = said("{change} ({reason})", change=said_change, reason=change["reason"])
    return said("{change}, {date}", change=said_change, date=change["at"][:10])


def change_text(change: Mapping[str, Any]) -> str:
    """A kept change in a line, in English (as the history records it)."""
    return english(change_said(change))


def _clip(text: str, limit: int = 120) -> str:
    """Bounded text for the history: a summary must stay short whatever was typed."""
    return text if len(text) <= limit else text[:limit] + "…"


def quote(text: str) -> str:
    return repr(_clip(text))
