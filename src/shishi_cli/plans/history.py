"""The plan's history: recording a change, and the short English texts a record is made of."""

from __future__ import annotations

from dataclasses import dataclass

from shishi_cli.records import PlanRecord


def record(plan: PlanRecord, now: str, command: str, summary: str) -> None:
    """Write a change into the plan's history."""
    plan["history"].append({"at": now, "command": command, "summary": summary})


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


def shown(value: object) -> str:
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


def quote(text: str) -> str:
    return repr(_clip(text))
