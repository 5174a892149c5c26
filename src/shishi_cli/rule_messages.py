"""The words of each problem code of rules.py: for `check` and validation, and a command's refusal.

A code has one sentence, shown by `check` and by the models' validation. A command says the
same unless the code has a `command` sentence, which is there when the command's words name
its options (--counts) or a command would say it otherwise (a new id "already exists" where a
file's id "appears twice"). The hint says how to put it right on the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .errors import ConflictError, InputError, ShishiError, UsageError
from .i18n import N_, _, language, pgettext
from .rules import Code, Problem


@dataclass(frozen=True)
class _Wording:
    sentence: str
    hint: str | None = None
    command: str | None = None
    error: type[ShishiError] = InputError


_COUNTS = N_("--counts {counts} is not one of the stages {stages}")
_COUNTS_HINT = N_("name one of the stages, or give --stages")
_STAGES_HINT = N_("stages: {stages}")
_ID_HINT = N_("1 to 32 characters, no spaces")
_REMOVE = N_("remove it")

# Keyed by code and the problem's variant ("" for most).
_WORDINGS: dict[tuple[Code, str], _Wording] = {
    (Code.KIND_UNKNOWN, ""): _Wording(N_("kind {kind!r} is unknown"), N_("use quantity or milestone")),
    (Code.MILESTONE_WITHOUT_STAGES, ""): _Wording(
        N_("a milestone needs its stages, the last meaning done"), N_("e.g. --stages 方案设计,施工,建成")
    ),
    (Code.MILESTONE_WITH_TARGET, ""): _Wording(
        N_("a milestone has no target or baseline"), N_("leave them out")
    ),
    (Code.MILESTONE_WITH_COUNTS, ""): _Wording(N_("a milestone counts its last stage; remove 'counts'")),
    (Code.COUNTS_WITHOUT_STAGES, ""): _Wording(
        N_("'counts' names one of the stages, and only when there are stages"),
        N_("give the stages with --stages (e.g. --stages 开工,完工), or leave out --counts"),
        N_("--counts {counts} names a stage, and the indicator has no stages"),
    ),
    (Code.STAGES_WITHOUT_COUNTS, ""): _Wording(
        N_("'counts' names one of the stages, and only when there are stages")
    ),
    (Code.COUNTS_NOT_A_STAGE, ""): _Wording(
        N_("'counts' is {counts!r}, which is not one of the stages"), _COUNTS_HINT, _COUNTS
    ),
    (Code.BASELINE_WITHOUT_TARGET, ""): _Wording(N_("a baseline needs a target"), N_("give --target too")),
    (Code.TARGET_ZERO, ""): _Wording(
        N_("a target of 0 leaves nothing to measure"),
        N_("for a figure that goes down to 0, give where it starts: --baseline 50 --target 0"),
    ),
    (Code.TARGET_EQUALS_BASELINE, ""): _Wording(
        N_("the target equals the baseline"), N_("a target that goes down starts above it")
    ),
    (Code.LIMIT_OF_MILESTONE, ""): _Wording(
        N_("a milestone has no ceiling or floor"), N_("leave out --at-most and --at-least")
    ),
    (Code.LIMIT_WITH_TARGET, ""): _Wording(
        N_("a ceiling or floor takes the place of a target and a baseline"),
        N_("give either --target or --at-most/--at-least (--no-target removes a target)"),
    ),
    (Code.LIMIT_WITH_STAGES, ""): _Wording(
        N_("an indicator with a ceiling or floor has no stages"), N_("leave out --stages")
    ),
    (Code.LIMIT_WITH_TRAJECTORY, ""): _Wording(
        N_("an indicator with a ceiling or floor has no trajectory: the limit holds all year"),
        N_("leave out --trajectory (--no-trajectory removes one)"),
    ),
    (Code.LIMIT_RANGE_EMPTY, ""): _Wording(
        N_("the floor {at_least} is above the ceiling {at_most}"), N_("give --at-least below --at-most")
    ),
    (Code.STAGE_SCHEDULE_NO_STAGE, ""): _Wording(
        N_("the schedule of {stage!r} is not of one of the stages {stages}"),
        N_("schedule one of them (stages: {stages}), or remove it with --no-stage-schedule {stage}"),
    ),
    (Code.STAGE_SCHEDULE_NO_STAGE, "no stages"): _Wording(
        N_("the schedule of {stage!r} is of a stage, and the indicator has no stages"),
        N_("give the stages with --stages, or remove it with --no-stage-schedule {stage}"),
    ),
    (Code.STAGE_SCHEDULE_COUNTED, ""): _Wording(
        N_("stage {stage!r} is judged by the indicator's own target and deadline"),
        N_("schedule a stage before it, e.g. --stage-due 开工=2022-06-30"),
    ),
    (Code.STAGE_SCHEDULE_REPEATED, ""): _Wording(
        N_("stage {stage!r} has two schedules"), N_("give each stage one schedule")
    ),
    (Code.STAGE_SCHEDULE_WITHOUT_TARGET, ""): _Wording(
        N_("the schedule of stage {stage!r} has no target"),
        N_("give one, e.g. --stage-target {stage}=30 (the indicator's target is taken when it has one)"),
    ),
    (Code.STAGE_SCHEDULE_TARGET_ZERO, ""): _Wording(
        N_("a target of 0 for stage {stage!r} leaves nothing to measure"), N_("give a target above 0")
    ),
    (Code.STAGE_SCHEDULE_OF_MILESTONE, ""): _Wording(
        N_("a milestone's stage {stage!r} is reached or not: it takes a due date, no target or trajectory"),
        N_("give --stage-due {stage}=YYYY-MM-DD"),
    ),
    (Code.CHANGE_FIELD_UNKNOWN, ""): _Wording(
        N_("a kept change of {field!r} is not of a measure that changes"),
        N_("changes are of the target, deadline, trajectory, at_most or at_least"),
    ),
    (Code.CHANGE_MONTHS_NOT_RISING, ""): _Wording(
        N_("a change of the {field} from month {month} comes before the one from month {later}"),
        N_("approved changes of a measure go from later months on, in the order they are made"),
    ),
    (Code.CHANGE_WITHOUT_AMOUNT, ""): _Wording(
        N_("the {field} cannot be added or removed from month {month} on"),
        N_("change it for every month without --from-month, or give a value before and after"),
    ),
    (Code.CHANGE_VALUE_SHAPE, ""): _Wording(
        N_("a kept change of the {field} holds {value!r}, which the {field} cannot be")
    ),
    (Code.STAGE_REPEATED, ""): _Wording(
        N_("stages {stages} name a stage twice"), N_("e.g. --stages 开工,完工")
    ),
    (Code.TRAJECTORY_POINT_OUT_OF_RANGE, ""): _Wording(
        N_("trajectory point {month}:{percent} is out of range"),
        N_("months 1-12, percents 0-1000, e.g. 3:20,6:50,9:80 or a stretch 6:60,12:120"),
    ),
    (Code.TRAJECTORY_NOT_RISING, ""): _Wording(
        N_("trajectory months must increase and percents must not fall"), N_("e.g. 3:20,6:50,9:80")
    ),
    (Code.INDICATOR_ID_SHAPE, ""): _Wording(N_("indicator id {indicator_id!r} is not usable"), _ID_HINT),
    (Code.INDICATOR_ID_CONTROL, ""): _Wording(
        N_("an indicator id is printable text, without control characters"),
        _REMOVE,
        N_("indicator id {indicator_id!r} holds {character}"),
        UsageError,
    ),
    (Code.INDICATOR_ID_OF_ANOTHER_PROJECT, ""): _Wording(
        N_(
            "indicator id {indicator_id!r} is in project {project} but begins with {number}; "
            "rename it, e.g. shishi edit-indicator {indicator_id} --new-id {example}"
        ),
        N_("e.g. {example}"),
        N_("indicator id {indicator_id} does not belong to project {project}: its number comes first"),
        UsageError,
    ),
    (Code.INDICATOR_ID_TAKEN, ""): _Wording(
        N_("indicator id {indicator_id!r} appears twice"),
        N_("change it with: shishi edit-indicator {indicator_id} ..."),
        N_("indicator {indicator_id} already exists"),
        ConflictError,
    ),
    (Code.PROJECT_NUMBER_TAKEN, ""): _Wording(
        N_("project number {number} appears twice"),
        N_("change it with: shishi edit-project {number} --title ..."),
        N_("project {number} already exists in the {year} plan"),  # `year` comes from the command
        ConflictError,
    ),
    (Code.PROJECT_NUMBER_OUT_OF_RANGE, ""): _Wording(
        N_("project number {number} is out of range"), N_("use {low} to {high}")
    ),
    (Code.DEADLINE_BEFORE_PLAN_YEAR, ""): _Wording(
        N_("deadline {deadline} is before the plan year {year}"), N_("give a date in {year} or later")
    ),
    (Code.TRAJECTORY_AT_DEADLINE, ""): _Wording(
        N_(
            "trajectory point {month}:{percent} is at or after the "
            "deadline (month {due}), when 100 % is due; it is ignored"
        )
    ),
    (Code.TRAJECTORY_AT_DEADLINE, "stretch"): _Wording(
        N_(
            "trajectory point {month}:{percent} is after the deadline (month {due}), where the plan's "
            "expectations end; it is ignored"
        )
    ),
    (Code.MONTH_OUT_OF_RANGE, ""): _Wording(N_("month {month} is out of range"), N_("use 1 to 12")),
    (Code.STAGE_NOT_OF_MILESTONE, ""): _Wording(
        N_("{stage!r} is not a stage of milestone {indicator_id}"), _STAGES_HINT
    ),
    (Code.MILESTONE_ENTRY_WITH_VALUE, ""): _Wording(N_("a milestone entry names a stage and has no value")),
    (Code.STAGE_UNKNOWN, ""): _Wording(
        N_("stage {stage!r} is not one of {indicator_id}'s stages {stages}"),
        _STAGES_HINT,
        N_("{stage!r} is not a stage of {indicator_id}"),
    ),
    (Code.STAGE_WITHOUT_STAGES, ""): _Wording(
        N_("indicator {indicator_id} has no stages, got {stage!r}"),
        N_("leave out --stage"),
        N_("indicator {indicator_id} has no stages"),
    ),
    (Code.ENTRY_WITHOUT_VALUE, ""): _Wording(N_("entry of {indicator_id} has no value")),
    (Code.FIGURE_MOVES_AWAY, "falls"): _Wording(
        N_("{indicator_id} falls from month {before} to month {after}, away from its target")
    ),
    (Code.FIGURE_MOVES_AWAY, "falls, staged"): _Wording(
        N_("{indicator_id} ({stage}) falls from month {before} to month {after}, away from its target")
    ),
    (Code.FIGURE_MOVES_AWAY, "rises"): _Wording(
        N_("{indicator_id} rises from month {before} to month {after}, away from its target")
    ),
    (Code.FIGURE_MOVES_AWAY, "rises, staged"): _Wording(
        N_("{indicator_id} ({stage}) rises from month {before} to month {after}, away from its target")
    ),
    (Code.TEXT_EMPTY, "title"): _Wording(N_("the title is empty"), N_("give a title")),
    (Code.TEXT_EMPTY, "name"): _Wording(N_("the name is empty"), N_("give a name")),
    (Code.TEXT_EMPTY, "stage name"): _Wording(N_("the stage name is empty"), N_("give a stage name")),
    (Code.TEXT_EMPTY, "owner"): _Wording(N_("a department's name is empty"), N_("name the department")),
    (Code.TEXT_TOO_LONG, "title"): _Wording(N_("the title is {length} characters long"), N_("1000 at most")),
    (Code.TEXT_TOO_LONG, "name"): _Wording(N_("the name is {length} characters long"), N_("1000 at most")),
    (Code.TEXT_TOO_LONG, "stage name"): _Wording(
        N_("the stage name is {length} characters long"), N_("1000 at most")
    ),
    (Code.TEXT_TOO_LONG, "owner"): _Wording(
        N_("a department's name is longer than 200 characters"), N_("name the department")
    ),
    (Code.TEXT_TOO_LONG, "note"): _Wording(N_("the note is {length} characters long"), N_("4000 at most")),
    (Code.TEXT_EMPTY, "answer"): _Wording(N_("the answer is empty"), N_("give the department's answer")),
    (Code.TEXT_TOO_LONG, "answer"): _Wording(
        N_("the answer is {length} characters long"), N_("4000 at most")
    ),
    (Code.TEXT_TOO_LONG, "label"): _Wording(N_("the label is {length} characters long"), N_("100 at most")),
    (Code.TEXT_EMPTY, "label"): _Wording(
        N_("the label is empty"), N_("give the label, or leave out --label")
    ),
    (Code.TEXT_TOO_LONG, "reason"): _Wording(
        N_("the reason is {length} characters long"), N_("4000 at most")
    ),
    (Code.TEXT_EMPTY, "reason"): _Wording(N_("the reason is empty"), N_("say why, or leave out --reason")),
    (Code.TEXT_UNSAFE, "title"): _Wording(N_("the title holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_UNSAFE, "name"): _Wording(N_("the name holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_UNSAFE, "stage name"): _Wording(
        N_("a stage name holds {character}"), _REMOVE, error=UsageError
    ),
    (Code.TEXT_UNSAFE, "owner"): _Wording(
        N_("a department's name holds {character}"), _REMOVE, error=UsageError
    ),
    (Code.TEXT_UNSAFE, "note"): _Wording(N_("the note holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_UNSAFE, "unit"): _Wording(N_("the unit holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_UNSAFE, "label"): _Wording(N_("the label holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_UNSAFE, "answer"): _Wording(N_("the answer holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_UNSAFE, "reason"): _Wording(N_("the reason holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_UNSAFE, "action"): _Wording(N_("the action holds {character}"), _REMOVE, error=UsageError),
    (Code.TEXT_EMPTY, "region"): _Wording(N_("a region's name is empty"), N_("name the region")),
    (Code.TEXT_TOO_LONG, "region"): _Wording(
        N_("a region's name is longer than 200 characters"), N_("name the region")
    ),
    (Code.TEXT_UNSAFE, "region"): _Wording(
        N_("a region's name holds {character}"), _REMOVE, error=UsageError
    ),
    (Code.UNIT_TOO_LONG, ""): _Wording(N_("unit {unit!r} is too long"), N_("20 characters at most")),
    (Code.THRESHOLD_TOO_LARGE, "tolerance"): _Wording(
        N_("tolerance of {value} points is too large"), N_("from -1000 to 1000"), error=UsageError
    ),
    (Code.THRESHOLD_NEGATIVE, "ahead_margin"): _Wording(
        N_("ahead margin of {value} points is negative"),
        N_("0 or more (a negative --tolerance asks more than 时序进度)"),
        error=UsageError,
    ),
    (Code.THRESHOLD_NEGATIVE, "red_gap"): _Wording(
        N_("red gap of {value} points is negative"), N_("0 or more"), error=UsageError
    ),
    (Code.THRESHOLDS_OVERLAP, ""): _Wording(
        N_("an ahead margin of {ahead_margin} with a tolerance of {tolerance} leaves nothing on track"),
        N_("give an ahead margin of more than {minimum}"),
        error=UsageError,
    ),
    (Code.MODE_UNKNOWN, ""): _Wording(
        N_("rule mode {mode!r} is unknown"), N_("use points, relative or bands"), error=UsageError
    ),
    (Code.BANDS_MISSING, ""): _Wording(
        N_("the bands mode needs bands"), N_('e.g. --bands "ahead>=80,on_track>=60"'), error=UsageError
    ),
    (Code.BANDS_NOT_FROM_JANUARY, ""): _Wording(
        N_("the bands start at month {month}, which leaves the months before it without any"),
        N_(
            "give the first set without a month (for the whole year) or from month 1, e.g. "
            "ahead>=30,on_track>=20;7:ahead>=80,on_track>=60"
        ),
        error=UsageError,
    ),
    (Code.BANDS_MONTHS_NOT_RISING, ""): _Wording(
        N_("band month {month} is out of order or out of range"),
        N_("months 1-12, each set from a later month than the one before: 1:...;7:..."),
        error=UsageError,
    ),
    (Code.BAND_OUT_OF_RANGE, ""): _Wording(
        N_("band {value} (from month {month}) is out of range"),
        N_("percents of target from 0 to 1000"),
        error=UsageError,
    ),
    (Code.BANDS_NOT_DESCENDING, ""): _Wording(
        N_("the bands from month {month} do not descend"),
        N_("ahead >= on_track >= yellow, e.g. ahead>=80,on_track>=60,yellow>=40"),
        error=UsageError,
    ),
    (Code.OWNER_SEPARATOR, ""): _Wording(
        N_("the department {owner!r} holds {separator!r}, which separates departments in a spreadsheet cell"),
        N_("give each department its own --owner"),
    ),
    (Code.OWNER_SEPARATOR, "region"): _Wording(
        N_("the region {owner!r} holds {separator!r}, which separates names in a spreadsheet cell"),
        N_("give each short name its own --alias"),
    ),
    (Code.DEPARTMENT_REPEATED, ""): _Wording(
        N_("the department {department!r} is declared twice"),
        N_("'shishi departments' lists them; edit the one there with 'shishi edit-department'"),
        error=ConflictError,
    ),
    (Code.ALIAS_TAKEN, ""): _Wording(
        N_("the short name {alias!r} of {department!r} already names {other!r}"),
        N_("give {department} another short name, or edit {other}'s"),
        error=ConflictError,
    ),
    (Code.REGION_REPEATED, ""): _Wording(
        N_("the region {region!r} is declared twice"),
        N_("'shishi regions' lists them; edit the one there with 'shishi edit-region'"),
        error=ConflictError,
    ),
    (Code.REGION_ALIAS_TAKEN, ""): _Wording(
        N_("the short name {alias!r} of the region {region!r} already names {other!r}"),
        N_("give {region} another short name, or edit {other}'s"),
        error=ConflictError,
    ),
    (Code.BREAKDOWN_WITHOUT_TARGET, ""): _Wording(
        N_("indicator {indicator_id} has no target to break down by region"),
        N_("only a quantity with a target breaks down; give --target first"),
    ),
    (Code.BREAKDOWN_WITH_BASELINE, ""): _Wording(
        N_("indicator {indicator_id} counts from a baseline: its target does not break down by region"),
        N_("a breakdown is of a target counted from 0"),
    ),
    (Code.SHARE_REPEATED, ""): _Wording(
        N_("the region {region!r} has two shares of {indicator_id}"), N_("give each region once")
    ),
    (Code.SHARE_ZERO, ""): _Wording(
        N_("the share of {region!r} in {indicator_id} is 0, which leaves nothing to measure"),
        N_("leave the region out of the breakdown"),
    ),
    (Code.SHARE_REGION_UNKNOWN, ""): _Wording(
        N_("the share of {region!r} in {indicator_id} is of no region the plan declares"),
        N_("declare it with 'shishi add-region'"),
    ),
    (Code.SHARES_DO_NOT_ADD, ""): _Wording(
        N_("the region shares of {indicator_id} add up to {total}, not to its target {target}"),
        N_("correct the shares with 'shishi edit-indicator --region-target', or set a tolerance"),
    ),
    (Code.ENTRY_REGION_NOT_SHARED, ""): _Wording(
        N_("{indicator_id} has no share for the region {region!r}"),
        N_("regions with a share: {regions}"),
    ),
    (Code.ENTRY_REGION_STAGE, ""): _Wording(
        N_("{indicator_id} breaks down its stage {counts}: a region's figure of {stage} is not counted"),
        N_("give the region's figure of {counts}"),
    ),
    (Code.THRESHOLD_TOO_LARGE, "ahead_margin"): _Wording(
        N_("ahead margin of {value} points is too large"), N_("1000 at most"), error=UsageError
    ),
    (Code.THRESHOLD_TOO_LARGE, "share_tolerance"): _Wording(
        N_("a share tolerance of {value} percent is too large"), N_("1000 at most"), error=UsageError
    ),
    (Code.THRESHOLD_NEGATIVE, "share_tolerance"): _Wording(
        N_("a share tolerance of {value} percent is below 0"), N_("0 or more"), error=UsageError
    ),
    (Code.THRESHOLD_TOO_LARGE, "red_gap"): _Wording(
        N_("red gap of {value} points is too large"), N_("1000 at most"), error=UsageError
    ),
}


def sentence(problem: Problem) -> str:
    """What `check` and validation say of `problem`, in the interface language."""
    wording = _WORDINGS[problem.code, problem.variant]
    return _(wording.sentence).format(**_shown(problem.details))


def refusal(problem: Problem, *, hint: str | None = None, **context: object) -> ShishiError:
    """The error a command raises for `problem`. `context` adds or replaces data its sentence
    names: the plan's year, or a value as the user typed it; `hint`, already in the interface
    language, replaces the code's own where the command's situation calls for another."""
    return _refusal(problem, context, hint)


def raise_refusal(problems: Iterable[Problem], **context: object) -> None:
    """Raise the refusal of the first of `problems`, if any: for the plan changes."""
    for problem in problems:
        raise _refusal(problem, context, None)


def _refusal(problem: Problem, context: Mapping[str, object], hint: str | None) -> ShishiError:
    wording = _WORDINGS[problem.code, problem.variant]
    fields = _shown({**problem.details, **context})
    message = _(wording.command or wording.sentence).format(**fields)
    if hint is None and wording.hint is not None:
        hint = _(wording.hint).format(**fields)
    return wording.error(message, hint=hint)


def raise_invalid(problems: Iterable[Problem]) -> None:
    """Raise ValueError with the sentence of the first of `problems`, if any: for pydantic,
    which reports it with the field's path."""
    for problem in problems:
        raise ValueError(sentence(problem))


# A measure's name where a sentence names it (the field of a kept change).
_FIELD_WORDS = {
    "target": N_("target"), "deadline": N_("deadline"), "trajectory": N_("trajectory"),
    "at_most": N_("ceiling"), "at_least": N_("floor"),
}  # fmt: skip


def _shown(details: Mapping[str, object]) -> dict[str, object]:
    # A Decimal in fixed notation: a stored percent of 0.0000001 is not shown as 1E-7; a list of
    # names (stages, regions) as names, not as Python writes a list (['开工', '完工']).
    names = pgettext("list of names", ", ")
    shown = {
        k: format(v, "f") if isinstance(v, Decimal) else names.join(map(str, v)) if isinstance(v, list) else v
        for k, v in details.items()
    }
    field = shown.get("field")
    if isinstance(field, str) and field in _FIELD_WORDS:
        shown["field"] = _(_FIELD_WORDS[field])
    return shown


# pydantic's own words for a field that breaks the schema (its messages are English only), at the
# start of a finding's message, and what they are in the interface language. A limit or a count
# stops before the value found that follows it ("（实际为 13）").
_SCHEMA_WORDS = tuple(
    (re.compile(pattern), message)
    for pattern, message in (
        (r"Input should be less than or equal to (?P<limit>[^\s（(]+)", N_("should be {limit} or less")),
        (r"Input should be greater than or equal to (?P<limit>[^\s（(]+)", N_("should be {limit} or more")),
        (r"Input should be less than (?P<limit>[^\s（(]+)", N_("should be less than {limit}")),
        (r"Input should be greater than (?P<limit>[^\s（(]+)", N_("should be more than {limit}")),
        (r"Field required", N_("is missing")),
        (r"Extra inputs are not permitted", N_("is not a field of the store")),
        (r"Input should be a valid string", N_("should be text")),
        (r"Input should be a valid integer[^（(]*", N_("should be a whole number")),
        (
            r"Input should be a valid (?:number|decimal)[^（(]*|Decimal input should be [^（(]*",
            N_("should be a number"),
        ),
        (r"Input should be a valid list", N_("should be a list")),
        (r"Input should be a valid dictionary[^（(]*", N_("should be an object")),
        (r"Input should be a valid boolean[^（(]*", N_("should be true or false")),
        (r"Input should be a valid date[^（(]*", N_("should be a date (YYYY-MM-DD)")),
        (r"Input should be (?P<choices>'[^（(]*')", N_("should be one of {choices}")),
        (
            r"String should have at least (?P<count>\d+) characters?",
            N_("should have at least {count} characters"),
        ),
        (
            r"String should have at most (?P<count>\d+) characters?",
            N_("should have at most {count} characters"),
        ),
        (
            r"List should have at least (?P<count>\d+) items? after validation, not (?P<found>\d+)",
            N_("should have at least {count} items, not {found}"),
        ),
        (
            r"List should have at most (?P<count>\d+) items? after validation, not (?P<found>\d+)",
            N_("should have at most {count} items, not {found}"),
        ),
        # (an escalation step's name: models.LadderStep)
        (r"String should match pattern '\^\[\^\|>=<,:\]\+\$'", N_("should hold none of | > = < , :")),
        (
            r"String should match pattern '(?P<pattern>.*)'(?= |（|\(|$)",
            N_("does not have the form {pattern}"),
        ),
    )
)


def schema_message(message: str) -> str:
    """A finding's message with pydantic's English at its start said in the interface language:
    "Input should be less than or equal to 12（实际为 13）" is "应不大于 12（实际为 13）"."""
    if language() == "en":
        return message
    for pattern, words in _SCHEMA_WORDS:
        found = pattern.match(message)
        if found is not None:
            values = {k: v.replace("' or '", "', '") for k, v in found.groupdict().items()}
            return _(words).format(**values) + message[found.end() :]
    return message
