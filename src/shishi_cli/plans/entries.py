"""Adding and removing progress entries, and whether the entries of an indicator fit it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from shishi_cli.errors import ConflictError, InputError, NotFoundError, Unchanged
from shishi_cli.i18n import _
from shishi_cli.integrity import goes_down
from shishi_cli.numbers import format_decimal, parse_quantity, storable, to_decimal
from shishi_cli.records import EntryRecord, IndicatorRecord, PlanRecord

from .history import record
from .lookup import find_indicator


def check_entries_fit(indicator: IndicatorRecord, entries: list[EntryRecord]) -> None:
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
