"""Adding and removing progress entries, and whether the entries of an indicator fit it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from shishi_cli import rules
from shishi_cli.errors import ConflictError, InputError, NotFoundError, Unchanged
from shishi_cli.i18n import _
from shishi_cli.numbers import format_decimal, parse_quantity, storable, to_decimal
from shishi_cli.records import EntryRecord, IndicatorRecord, PlanRecord
from shishi_cli.rule_messages import raise_refusal
from shishi_cli.said import Said, joined, said, term

from .history import FIELD_WORDS, quote, record
from .lookup import find_indicator
from .regions import region_of


def check_entries_fit(indicator: IndicatorRecord, entries: list[EntryRecord]) -> None:
    """Refuse a change to `indicator` (as it would be) that leaves one of its entries unfit."""
    for entry in entries:
        stage = entry.get("stage")
        region = entry.get("region")
        if rules.entry_problems(indicator, stage, entry.get("value") is not None) or (
            region is not None and rules.entry_region_problems(indicator, region, stage)
        ):
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


@dataclass
class Added:
    """What add-progress did, for the message the CLI prints."""

    entry: EntryRecord
    indicator: IndicatorRecord
    replaced: str | None  # the value (or stage) of the same month and stage it corrects
    later_lower: list[int]  # later months whose cumulative figure is now below this one
    earlier_higher: tuple[int, str] | None = None  # the latest earlier month, when it was higher
    fraction: bool = False  # a fraction of a unit that counts whole things (16.5 个)
    note_was: str | None = None  # the same figure with a new note: the note it had ("" if none)
    label_was: str | None = None  # the same figure with a new label: the label it had ("" if none)
    downward: bool = False  # the target goes down: moving away from it is a figure that rises


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
    label: str | None = None,
    region: str | None = None,
) -> Added:
    """`region`: the figure is of that region of the indicator's breakdown (its counted stage)."""
    _project, indicator = find_indicator(plan, indicator_id)
    if region is not None:
        region = region_of(plan, indicator, region)
    raise_refusal(rules.month_problems(month))
    if note is not None:
        raise_refusal(rules.text_problems(note, "note", rules.NOTE_MAX, required=False, multiline=True))
    if label is not None:
        label = label.strip()
        raise_refusal(rules.text_problems(label, "label", rules.LABEL_MAX))
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
        raise_refusal(rules.entry_problems(indicator, stage, has_value=False), stage=value_text)
        value = None
    else:
        if stages and stage is None:
            stage = indicator["counts"]
        raise_refusal(rules.entry_problems(indicator, stage, has_value=True))
        if region is not None:
            raise_refusal(rules.entry_region_problems(indicator, region, stage))
        amount = parse_quantity(value_text, indicator["unit"])
        if delta:
            amount += _cumulative(plan, indicator_id, stage, month, region)
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
        and e.get("region") == region
    ]
    replaced = (same[-1].get("value") or same[-1].get("stage")) if same else None
    if same and (same[-1].get("value"), same[-1].get("stage")) == (value, stage):
        return _change_words(plan, indicator, same[-1], note, label, now)
    entry: EntryRecord = {"indicator": indicator_id, "month": month}
    if stage is not None:
        entry["stage"] = stage
    if value is not None:
        entry["value"] = value
    if note:
        entry["note"] = note
    entry["at"] = now
    if label:
        entry["label"] = label
    if region is not None:
        entry["region"] = region
    plan["progress"].append(entry)
    later_lower: list[int] = []
    earlier_higher = None
    downward = rules.goes_down(indicator)
    if value is not None and not rules.is_limit(indicator):
        # "Lower" in the indicator's direction: for a target going down, a figure that rises.
        figure = to_decimal(value)
        by_month = _latest_by_month(plan, indicator_id, stage, region)
        later_lower = [
            m for m, v in sorted(by_month.items()) if m > month and rules.moves_away(figure, v, downward)
        ]
        earlier = [m for m in by_month if m < month]
        if earlier and rules.moves_away(by_month[max(earlier)], figure, downward):
            earlier_higher = (max(earlier), format_decimal(by_month[max(earlier)]))
    fraction = value is not None and rules.is_fraction_of_count(
        to_decimal(value), indicator["unit"], plan["settings"]["count_units"]
    )
    return Added(entry, indicator, replaced, later_lower, earlier_higher, fraction, downward=downward)


def _change_words(
    plan: PlanRecord,
    indicator: IndicatorRecord,
    entry: EntryRecord,
    note: str | None,
    label: str | None,
    now: str,
) -> Added:
    """The figure in force again, with another note or label: they change, the old ones stay in
    the history (a note is where a figure comes from, a label what a bulletin called it; an office
    corrects either)."""
    old_note, old_label = entry.get("note", ""), entry.get("label", "")
    new_note = note is not None and note != old_note
    new_label = label is not None and label != old_label
    if not new_note and not new_label:
        raise Unchanged(
            _("{indicator_id} month {month} has that figure already; nothing recorded").format(
                indicator_id=indicator["id"], month=entry["month"]
            )
        )
    where = (
        said(
            "{indicator} month {month} ({stage})",
            indicator=indicator["id"],
            month=entry["month"],
            stage=stage,
        )
        if (stage := entry.get("stage"))
        else said("{indicator} month {month}", indicator=indicator["id"], month=entry["month"])
    )
    if entry.get("region") is not None:  # a region's figure: said with its region
        where = said("{value} ({region})", value=where, region=entry["region"])
    changed: list[Said] = []
    for key, old, new in (("note", old_note, note if new_note else None), ("label", old_label, label)):
        if new is None or new == old:
            continue
        if new:
            entry[key] = new  # type: ignore[literal-required]
        else:
            del entry[key]  # type: ignore[misc]
        changed.append(
            said(
                "{field} of {entry}: {old} -> {new}",
                field=term(key, FIELD_WORDS[key]),
                entry=where,
                old=quote(old) if old else said("none"),
                new=quote(new) if new else said("none"),
            )
        )
    record(plan, now, "add-progress", joined(changed))
    return Added(
        entry,
        indicator,
        None,
        [],
        None,
        note_was=old_note if new_note else None,
        label_was=old_label if new_label else None,
    )


def _latest_by_month(
    plan: PlanRecord, indicator_id: str, stage: str | None, region: str | None = None
) -> dict[int, Decimal]:
    by_month: dict[int, Decimal] = {}
    for e in plan["progress"]:
        if (
            e["indicator"] == indicator_id
            and e.get("stage") == stage
            and e.get("value") is not None
            and e.get("region") == region
        ):
            by_month[e["month"]] = to_decimal(e.get("value"))
    return by_month


def _cumulative(
    plan: PlanRecord, indicator_id: str, stage: str | None, month: int, region: str | None = None
) -> Decimal:
    by_month = _latest_by_month(plan, indicator_id, stage, region)
    earlier = [m for m in by_month if m <= month]
    return by_month[max(earlier)] if earlier else Decimal(0)


def remove_progress(
    plan: PlanRecord,
    indicator_id: str,
    month: int,
    now: str,
    stage: str | None = None,
    region: str | None = None,
) -> list[EntryRecord]:
    """Remove an indicator's entries of a month (only a stage's, or only a region's, if given:
    the region's full name)."""
    find_indicator(plan, indicator_id)
    doomed = [
        e
        for e in plan["progress"]
        if e["indicator"] == indicator_id
        and e["month"] == month
        and (stage is None or e.get("stage") == stage)
        and (region is None or e.get("region") == region)
    ]
    if not doomed:
        if region:
            message = _("no month-{month} entry of {indicator_id} for {region} to remove")
        elif stage:
            message = _("no month-{month} stage {stage} entry of {indicator_id} to remove")
        else:
            message = _("no month-{month} entry of {indicator_id} to remove")
        raise NotFoundError(
            message.format(month=month, stage=stage, indicator_id=indicator_id, region=region)
        )
    keep = [e for e in plan["progress"] if not any(e is d for d in doomed)]
    plan["progress"][:] = keep
    shown = ", ".join(
        (
            f"{e.get('stage')}={e.get('value')}"
            if e.get("stage") and e.get("value")
            else str(e.get("value") or e.get("stage"))
        )
        + (f" ({e['region']})" if e.get("region") else "")
        for e in doomed
    )
    record(
        plan,
        now,
        "remove-progress",
        said(
            "removed {count} month-{month} entries of {indicator}: {values}",
            count=len(doomed),
            month=month,
            indicator=indicator_id,
            values=shown,
        ),
    )
    return doomed
