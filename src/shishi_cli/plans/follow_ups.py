"""Follow-ups: the actions an office takes about an indicator (督办, 约谈 …) and the answers."""

from __future__ import annotations

from datetime import date

from shishi_cli import rules
from shishi_cli.errors import InputError, NotFoundError, UsageError
from shishi_cli.i18n import _
from shishi_cli.numbers import STEP_NAME_MAX
from shishi_cli.records import FollowUpRecord, PlanRecord
from shishi_cli.rule_messages import raise_refusal
from shishi_cli.said import Said, said

from .history import quote, record
from .lookup import find_indicator


def _day(text: str, option: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(
            _("{option} {value!r} is not a date").format(option=option, value=text),
            hint=_("write it as 2022-08-10"),
        ) from None


def add_follow_up(
    plan: PlanRecord,
    indicator_id: str,
    month: int,
    action: str,
    today: str,
    now: str,
    *,
    note: str | None = None,
    on: str | None = None,
) -> tuple[int, FollowUpRecord]:
    """Record an action about an indicator as of a report month; (its number, the record)."""
    find_indicator(plan, indicator_id)
    raise_refusal(rules.month_problems(month))
    action = action.strip()
    if not action or len(action) > STEP_NAME_MAX:
        raise UsageError(
            _("--action {action!r} is not usable").format(action=action),
            hint=_("name it as the ladder does, e.g. 督办 (at most 20 characters)"),
        )
    raise_refusal(rules.unsafe_problems(action, "action"))
    if note is not None:
        raise_refusal(rules.text_problems(note, "note", rules.NOTE_MAX, required=False))
    day = today if on is None else _day(on, "--on")
    found: FollowUpRecord = {
        "indicator": indicator_id,
        "month": month,
        "action": action,
        "date": day,
        "at": now,
    }
    if note:
        found["note"] = note
    follow_ups = plan.setdefault("follow_ups", [])
    follow_ups.append(found)
    number = len(follow_ups)
    said_as: dict[str, Said] = {
        "number": number,
        "action": action,
        "indicator": indicator_id,
        "month": month,
        "day": day,
    }
    if note:
        summary = said(
            "follow-up {number}: {action} of {indicator} month {month} on {day} ({note})",
            **said_as,
            note=quote(note),
        )
    else:
        summary = said("follow-up {number}: {action} of {indicator} month {month} on {day}", **said_as)
    record(plan, now, "follow-up", summary)
    return number, found


def answer_follow_up(
    plan: PlanRecord, number: int, answer: str, today: str, now: str, answered: str | None = None
) -> FollowUpRecord:
    """Record the department's answer to follow-up `number` (1, 2 … in the order made)."""
    follow_ups = plan.get("follow_ups", [])
    if not 1 <= number <= len(follow_ups):
        raise NotFoundError(
            _("no follow-up {number} in the {year} plan").format(number=number, year=plan["year"]),
            hint=_("'shishi follow-up list' shows them"),
        )
    answer = answer.strip()
    raise_refusal(rules.text_problems(answer, "answer", rules.NOTE_MAX))
    found = follow_ups[number - 1]
    day = today if answered is None else _day(answered, "--answered")
    if day < found["date"]:
        raise InputError(
            _("--answered {day} is before the day of the action, {date}").format(day=day, date=found["date"]),
            hint=_("give the day the answer came"),
        )
    old = found.get("answer")
    found["answer"] = answer
    found["answered"] = day
    if old:
        summary = said(
            "follow-up {number} answered on {day}: {answer}, was {old}",
            number=number, day=day, answer=quote(answer), old=quote(old),
        )  # fmt: skip
    else:
        summary = said(
            "follow-up {number} answered on {day}: {answer}", number=number, day=day, answer=quote(answer)
        )
    record(plan, now, "follow-up", summary)
    return found


def open_follow_ups(plan: PlanRecord) -> list[tuple[int, FollowUpRecord]]:
    """(number, follow-up) of those still without an answer."""
    return [(n, f) for n, f in enumerate(plan.get("follow_ups", []), 1) if "answer" not in f]
