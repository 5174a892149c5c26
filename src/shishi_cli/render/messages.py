"""What a change did, in a sentence: a recorded figure, an edit's changed fields, what undo took back."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from shishi_cli.i18n import _
from shishi_cli.numbers import format_grouped
from shishi_cli.plans import changes_text
from shishi_cli.records import EntryRecord, PlanRecord
from shishi_cli.text import one_line

if TYPE_CHECKING:
    from shishi_cli.plans import Added, FieldChange


def describe_added(added: Added) -> str:
    entry, ind = added.entry, added.indicator
    unit = f" {ind['unit']}" if ind["unit"] else ""
    value = entry.get("value")
    if added.note_was is not None or added.label_was is not None:  # the same figure, other words
        said = []
        note = _("Changed the note of {indicator} month {month}: {old} -> {new}")
        label = _("Changed the label of {indicator} month {month}: {old} -> {new}")
        for was, new, template in (
            (added.note_was, entry.get("note", ""), note),
            (added.label_was, entry.get("label", ""), label),
        ):
            if was is not None:
                old = repr(one_line(was)) if was else _("none")
                shown = repr(one_line(new)) if new else _("none")
                ident = (
                    ind["id"]
                    if entry.get("region") is None
                    else _("{value} ({region})").format(value=ind["id"], region=entry["region"])
                )
                said.append(template.format(indicator=ident, month=entry["month"], old=old, new=shown))
        return "\n".join(said)
    if value is None:
        what = _("stage {stage}").format(stage=entry.get("stage"))
    else:
        stage = f" ({entry.get('stage')})" if entry.get("stage") else ""
        what = f"{format_grouped(Decimal(value))}{unit}{stage}"
    region = entry.get("region")
    recorded = (
        _("Recorded {indicator} month {month}: {value}")
        if region is None
        else _("Recorded {indicator} month {month} of {region}: {value}")
    )
    text = recorded.format(indicator=ind["id"], month=entry["month"], value=what, region=region)
    if added.replaced is not None:
        old = added.replaced if value is None else format_grouped(Decimal(added.replaced))
        text += _(", correcting {old}").format(old=old)
    if entry.get("label"):
        text += _(", labelled {label}").format(label=one_line(entry.get("label", "")))
    if added.earlier_higher is not None:
        month, figure = added.earlier_higher
        if added.downward:  # a figure that should go down, and rose
            note = _("; note: higher than month {month}'s {value}, away from the target")
        else:
            note = _("; note: lower than month {month}'s {value}, and figures are cumulative (累计)")
        text += note.format(month=month, value=f"{format_grouped(Decimal(figure))}{unit}")
    if added.later_lower:
        months = ", ".join(map(str, added.later_lower))
        if added.downward:
            text += _("; note: the figure of month {months} is higher").format(months=months)
        else:
            text += _("; note: the cumulative figure of month {months} is lower").format(months=months)
    if added.fraction and value is not None:
        text += _("; note: {value} is not a whole number of {unit}, a unit that counts whole things").format(
            value=format_grouped(Decimal(value)), unit=ind["unit"]
        )
    return text


def describe_changes(changes: list[FieldChange]) -> str:
    """What an edit changed, in the interface language: "target 350000 -> 360000; …" (in
    English word for word as the history records it)."""
    return changes_text(changes)


def import_lines(plan: PlanRecord, taken: list[tuple[int, EntryRecord, EntryRecord | None]]) -> list[str]:
    """What an import would change, a line a figure: "  1.1 month 7: 190,000 人 (was 187,407)"."""
    units: dict[str, str] = {}  # each indicator's unit, found once, not at every line
    for project in plan["projects"]:
        for indicator in project["indicators"]:
            units.setdefault(indicator["id"], indicator["unit"])
    lines = []
    for _row, entry, before in taken:
        unit = units[entry["indicator"]]
        figure = _figure_words(entry, unit)
        where = entry["indicator"] + (f" ({entry['region']})" if entry.get("region") else "")
        if before is None:
            line = _("{indicator} month {month}: {figure}").format(
                indicator=where, month=entry["month"], figure=figure
            )
        else:
            line = _("{indicator} month {month}: {figure} (was {before})").format(
                indicator=where, month=entry["month"], figure=figure, before=_figure_words(before, unit)
            )
        lines.append("  " + one_line(line))
    return lines


def _figure_words(entry: EntryRecord, unit: str) -> str:
    """A figure as the import would take it: its value and unit, its stage, its label."""
    value, stage, label = entry.get("value"), entry.get("stage"), entry.get("label")
    if value is None:
        shown = stage or ""
    else:
        shown = format_grouped(Decimal(value)) + (f" {unit}" if unit else "")
        shown = f"{shown} ({stage})" if stage else shown
    return _("{figure}, labelled {label}").format(figure=shown, label=label) if label else shown
