"""The plan's history: recording a change, and the short English texts a record is made of."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shishi_cli.i18n import _
from shishi_cli.records import HistoryRecord, PlanRecord


def record(plan: PlanRecord, now: str, command: str, summary: str) -> None:
    """Write a change into the plan's history."""
    plan["history"].append({"at": now, "command": command, "summary": summary})


def with_figures(plan: PlanRecord) -> list[HistoryRecord]:
    """The plan's history with every figure recorded by add-progress in it, in time order.

    add-progress is not written into the history (the entries carry the time they were made,
    and 60,000 more records would double a store); they are listed here as records of their
    own. Entries an import made are the import's record already, and are not listed again.
    """
    imported = {c["at"] for c in plan["history"] if c["command"].startswith("import-")}
    figures: list[HistoryRecord] = []
    before: dict[tuple[str, int, str | None], str] = {}
    # Made now, not stored: said in the interface language (stored summaries stay as recorded).
    said, correcting, of_stage = (
        _("{indicator} month {month}: {value}"),
        _(", correcting {old}"),
        _("stage {stage}"),
    )
    for entry in plan["progress"]:
        stage = entry.get("stage")
        value = entry.get("value")
        key = (entry["indicator"], entry["month"], None if value is None else stage)
        shown_value = value if value is not None else of_stage.format(stage=stage)
        if value is not None and stage:
            shown_value += f" ({stage})"
        summary = said.format(indicator=entry["indicator"], month=entry["month"], value=shown_value)
        if key in before:
            summary += correcting.format(old=before[key])
        before[key] = shown_value
        at = entry.get("at", "")
        if at not in imported:
            figures.append({"at": at, "command": "add-progress", "summary": summary})
    return sorted([*plan["history"], *figures], key=lambda c: c["at"])  # stable: ties keep order


@dataclass(frozen=True)
class FieldChange:
    """One field an edit changed, as shown: 'target 350000 -> 360000'. The history keeps it in
    English (str()); the render layer says it in the interface language."""

    field: str  # a field of the record, or "converted" (old: how many figures, new: the unit)
    old: str
    new: str
    from_month: int | None = None  # an approved change, from that month on

    def __str__(self) -> str:
        if self.field == "converted":
            return f"{self.old} figures converted to {self.new}"
        start = f" from month {self.from_month}" if self.from_month is not None else ""
        return f"{self.field} {self.old} -> {self.new}{start}"


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


def schedule_text(schedule: Mapping[str, Any]) -> str:
    """A stage's schedule in a line: 开工 30 by 2022-06-30; 开工 30 (3:50,6:100); 开工 by 2022-06-30."""
    parts = [schedule["stage"]]
    if schedule["target"] is not None:
        parts.append(schedule["target"])
    if schedule["deadline"] is not None:
        parts.append(f"by {schedule['deadline']}")
    if schedule["trajectory"]:
        parts.append("(" + ",".join(f"{p['month']}:{p['percent']}" for p in schedule["trajectory"]) + ")")
    return " ".join(parts)


def change_text(change: Mapping[str, Any]) -> str:
    """A kept change in a line: target 300 -> 350 from month 9 (报市政府同意后调整), 2022-09-12."""
    start = f" from month {change['from_month']}" if change["from_month"] is not None else ""
    why = f" ({change['reason']})" if change["reason"] else ""
    return (
        f"{change['field']} {shown(change['old'])} -> {shown(change['new'])}{start}{why}, {change['at'][:10]}"
    )


def _clip(text: str, limit: int = 120) -> str:
    """Bounded text for the history: a summary must stay short whatever was typed."""
    return text if len(text) <= limit else text[:limit] + "…"


def quote(text: str) -> str:
    return repr(_clip(text))
