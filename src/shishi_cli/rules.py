"""The rules a plan's records obey, as pure checks that return problem codes.

Each rule is written once, here, and called three ways: the pydantic models refuse a record that
breaks it (models.py), a change to a plan refuses to make it (plans/), and `check` reports it
(integrity.py). A check returns every problem it finds, in the order a user should hear them;
a caller that stops at one takes the first. The words are in rule_messages.py.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import cast

from .numbers import DEPARTMENT_SEPARATORS, Ladder, split_unit
from .records import BandRecord, IndicatorRecord, LadderStepRecord, SettingsRecord
from .text import character_name, first_unsafe

# Limits, shared by the models' declared constraints (and so `shishi schema`) and the checks here.
ID_MAX = 32
TEXT_MAX = 1000  # a title, a name, a stage
OWNER_MAX = 200
UNIT_MAX = 20
NOTE_MAX = 4000
# The escalation ladder (docs/rules.md, "Escalation"): steps, lowest first, each reached by any
# of its conditions, a run of months in a row ending at the report's month (numbers.parse_ladder).
# Sanya summons (约谈) after two yellow cards in a row, Nanjing after two months behind 时序进度;
# an office reminds (提醒) at the first, and issues a 督办单 for a month far behind (red).
DEFAULT_LADDER: Ladder = (
    ("提醒", (("yellow", 1),)),
    ("督办", (("red", 1),)),
    ("约谈", (("yellow", 2), ("overdue", 1))),
)
LABEL_MAX = 100  # a label a bulletin gives (进展顺利)
FILE_NAME_MAX = 255  # an imported entry's file name: what a file system allows
POINTS_MAX = 1000  # a threshold, in percentage points
PERCENT_MAX = 1000  # a trajectory point: a stretch plan may go beyond 100 (12:120)
DUE_PERCENT = 100  # what is due at the deadline, whatever a trajectory says below it
MONTH_MIN, MONTH_MAX = 1, 12
PROJECT_NUMBER_MIN, PROJECT_NUMBER_MAX = 1, 99_999  # a province's key projects run to thousands
KINDS = ("quantity", "milestone")  # models.Indicator.kind spells them out for the schema
# How a plan judges progress against 时序进度 (docs/rules.md, "Rule modes"); models.PlanSettings
# spells them out for the schema.
MODES = ("points", "relative", "bands")
BAND_NAMES = ("ahead", "on_track", "yellow")
# A band set: (from month, ahead at or above, on track at or above, yellow at or above), percents
# of target; ahead and yellow may be left out.
Band = tuple[int, Decimal | None, Decimal, Decimal | None]
# The measures an edit may change from a month on (an approved change, 报市政府同意后调整) or for
# every month (a correction); each change is kept with the indicator.
CHANGEABLE = ("target", "deadline", "trajectory", "at_most", "at_least")
# A stage's schedule as the rules see it: (stage, target, whether it has a trajectory).
StageSchedule = tuple[str, Decimal | None, bool]
# Units that count whole things: a figure in one of them (or in 万/亿 of one) is a whole number,
# and a fraction is taken with a warning (it may be a slip of 16.5 for 165). A plan adds its own
# (套, 栋 …) with `shishi count-units --add`.
COUNT_UNITS = (
    "个", "台", "处", "所", "条", "人", "户", "家", "辆", "座", "套", "项", "件", "名", "次",
    "场", "栋", "幢", "间", "张", "棵", "株", "只", "头", "艘", "架", "本", "册", "批", "位",
    "支", "块", "根", "口", "盏", "部", "起", "宗", "笔", "床", "人次", "户次",
)  # fmt: skip


class Code(enum.Enum):
    # An indicator on its own.
    KIND_UNKNOWN = "kind-unknown"
    MILESTONE_WITHOUT_STAGES = "milestone-without-stages"
    MILESTONE_WITH_TARGET = "milestone-with-target"  # or a baseline
    MILESTONE_WITH_COUNTS = "milestone-with-counts"
    COUNTS_WITHOUT_STAGES = "counts-without-stages"
    STAGES_WITHOUT_COUNTS = "stages-without-counts"
    COUNTS_NOT_A_STAGE = "counts-not-a-stage"
    BASELINE_WITHOUT_TARGET = "baseline-without-target"
    TARGET_ZERO = "target-zero"  # no baseline, so the target equals the 0 it starts from
    TARGET_EQUALS_BASELINE = "target-equals-baseline"
    LIMIT_OF_MILESTONE = "limit-of-milestone"
    LIMIT_WITH_TARGET = "limit-with-target"  # or a baseline: a limit takes their place
    LIMIT_WITH_STAGES = "limit-with-stages"
    LIMIT_WITH_TRAJECTORY = "limit-with-trajectory"
    LIMIT_RANGE_EMPTY = "limit-range-empty"  # a floor above the ceiling
    STAGE_SCHEDULE_NO_STAGE = "stage-schedule-no-stage"
    STAGE_SCHEDULE_COUNTED = "stage-schedule-counted"  # the stage the indicator's own schedule judges
    STAGE_SCHEDULE_REPEATED = "stage-schedule-repeated"
    STAGE_SCHEDULE_WITHOUT_TARGET = "stage-schedule-without-target"
    STAGE_SCHEDULE_TARGET_ZERO = "stage-schedule-target-zero"
    STAGE_SCHEDULE_OF_MILESTONE = "stage-schedule-of-milestone"  # a milestone's stage with an amount
    # The kept changes of an indicator's measures.
    CHANGE_FIELD_UNKNOWN = "change-field-unknown"
    CHANGE_MONTHS_NOT_RISING = "change-months-not-rising"  # an approved change before a later one
    CHANGE_WITHOUT_AMOUNT = "change-without-amount"  # a target or limit added or removed from a month on
    CHANGE_VALUE_SHAPE = "change-value-shape"  # an old or new value that is not what the field holds
    STAGE_REPEATED = "stage-repeated"
    TRAJECTORY_POINT_OUT_OF_RANGE = "trajectory-point-out-of-range"
    TRAJECTORY_NOT_RISING = "trajectory-not-rising"
    INDICATOR_ID_SHAPE = "indicator-id-shape"  # empty, too long, or with a space
    INDICATOR_ID_CONTROL = "indicator-id-control"  # a control or other unprintable character
    # An id whose first part is a number naming another project than its own (6.1 in project 5): a
    # warning in a store (an older shishi took it), refused as a new id.
    INDICATOR_ID_OF_ANOTHER_PROJECT = "indicator-id-of-another-project"
    # An indicator or project among the others of its plan.
    INDICATOR_ID_TAKEN = "indicator-id-taken"
    PROJECT_NUMBER_TAKEN = "project-number-taken"
    PROJECT_NUMBER_OUT_OF_RANGE = "project-number-out-of-range"
    DEADLINE_BEFORE_PLAN_YEAR = "deadline-before-plan-year"
    TRAJECTORY_AT_DEADLINE = "trajectory-at-deadline"  # a warning
    # A progress entry and its indicator.
    MONTH_OUT_OF_RANGE = "month-out-of-range"
    STAGE_NOT_OF_MILESTONE = "stage-not-of-milestone"
    MILESTONE_ENTRY_WITH_VALUE = "milestone-entry-with-value"
    STAGE_UNKNOWN = "stage-unknown"
    STAGE_WITHOUT_STAGES = "stage-without-stages"
    ENTRY_WITHOUT_VALUE = "entry-without-value"
    FIGURE_MOVES_AWAY = "figure-moves-away"  # a warning: a cumulative figure going the wrong way
    # Texts and numbers as a user gives them.
    TEXT_EMPTY = "text-empty"
    TEXT_TOO_LONG = "text-too-long"
    # A control, bidi or invisible character (text.py lists them). Refused where text comes in;
    # in a store it is a problem `check` names, yet the store stays readable so an edit can mend it.
    TEXT_UNSAFE = "text-unsafe"
    UNIT_TOO_LONG = "unit-too-long"
    THRESHOLD_TOO_LARGE = "threshold-too-large"  # beyond ±POINTS_MAX
    THRESHOLD_NEGATIVE = "threshold-negative"  # only the tolerance may be negative
    THRESHOLDS_OVERLAP = "thresholds-overlap"  # the ahead line below the on-track line
    # A plan's rule mode and its bands.
    MODE_UNKNOWN = "mode-unknown"
    BANDS_MISSING = "bands-missing"
    BANDS_NOT_FROM_JANUARY = "bands-not-from-january"
    BANDS_MONTHS_NOT_RISING = "bands-months-not-rising"
    BAND_OUT_OF_RANGE = "band-out-of-range"
    BANDS_NOT_DESCENDING = "bands-not-descending"
    OWNER_SEPARATOR = "owner-separator"  # a warning in a store: ; or a line break inside one name
    # A plan's departments and their short names (aliases).
    DEPARTMENT_REPEATED = "department-repeated"  # declared twice, or named as another's alias
    ALIAS_TAKEN = "alias-taken"  # another department's name or alias
    # A plan's regions (区市, 市州) and an indicator's target broken down among them (任务分解).
    REGION_REPEATED = "region-repeated"  # declared twice, or named as another's alias
    REGION_ALIAS_TAKEN = "region-alias-taken"  # another region's name or alias
    BREAKDOWN_WITHOUT_TARGET = "breakdown-without-target"  # a milestone, a limit, no target
    BREAKDOWN_WITH_BASELINE = "breakdown-with-baseline"
    SHARE_REPEATED = "share-repeated"  # one region given two shares
    SHARE_ZERO = "share-zero"
    SHARE_REGION_UNKNOWN = "share-region-unknown"  # not a region the plan declares
    SHARES_DO_NOT_ADD = "shares-do-not-add"  # a warning: the shares' sum is not the target
    ENTRY_REGION_NOT_SHARED = "entry-region-not-shared"  # a figure of a region without a share
    ENTRY_REGION_STAGE = "entry-region-stage"  # a region's figure of a stage the breakdown is not of


WARNINGS = frozenset(
    {
        Code.TRAJECTORY_AT_DEADLINE,
        Code.FIGURE_MOVES_AWAY,
        Code.OWNER_SEPARATOR,
        Code.SHARES_DO_NOT_ADD,
        Code.INDICATOR_ID_OF_ANOTHER_PROJECT,
    }
)
MENDABLE = frozenset({Code.TEXT_UNSAFE})  # problems that leave a store readable, to be mended


@dataclass(frozen=True)
class Problem:
    """A rule broken: its code, the data its sentence names, and `variant` where the sentence
    depends on what the problem is about (which text, which threshold, which way a figure went)."""

    code: Code
    details: dict[str, object] = field(default_factory=dict)
    variant: str = ""

    @property
    def warning(self) -> bool:
        return self.code in WARNINGS

    @property
    def mendable(self) -> bool:
        return self.code in MENDABLE


def _problem(code: Code, variant: str = "", **details: object) -> Problem:
    return Problem(code, details, variant)


# --- an indicator ------------------------------------------------------------------------------


def kind_problems(kind: str) -> list[Problem]:
    if kind not in KINDS:
        return [_problem(Code.KIND_UNKNOWN, kind=kind)]
    return []


def indicator_problems(
    *,
    kind: str,
    stages: Sequence[str],
    counts: str | None,
    target: Decimal | None,
    baseline: Decimal | None,
    at_most: Decimal | None = None,
    at_least: Decimal | None = None,
    trajectory: bool = False,
) -> list[Problem]:
    """Whether an indicator's kind, stages, counted stage, target, baseline and limits go
    together (`trajectory`: whether it has one)."""
    found: list[Problem] = []
    if kind == "milestone":
        if not stages:
            found.append(_problem(Code.MILESTONE_WITHOUT_STAGES))
        if target is not None or baseline is not None:
            found.append(_problem(Code.MILESTONE_WITH_TARGET))
        if counts is not None:
            found.append(_problem(Code.MILESTONE_WITH_COUNTS))
        if at_most is not None or at_least is not None:
            found.append(_problem(Code.LIMIT_OF_MILESTONE))
        return found
    if at_most is not None or at_least is not None:
        found += limit_problems(at_most, at_least, target, baseline, stages, trajectory)
    if counts is not None and not stages:
        found.append(_problem(Code.COUNTS_WITHOUT_STAGES, counts=counts, stages=list(stages)))
    elif counts is None and stages:
        found.append(_problem(Code.STAGES_WITHOUT_COUNTS, stages=list(stages)))
    elif counts is not None and counts not in stages:
        found.append(_problem(Code.COUNTS_NOT_A_STAGE, counts=counts, stages=list(stages)))
    if baseline is not None and target is None:
        found.append(_problem(Code.BASELINE_WITHOUT_TARGET))
    if target is not None and target == (baseline if baseline is not None else 0):
        code = Code.TARGET_ZERO if baseline is None else Code.TARGET_EQUALS_BASELINE
        found.append(_problem(code))
    return found


def stage_schedule_problems(
    kind: str, stages: Sequence[str], counts: str | None, schedules: Sequence[StageSchedule]
) -> list[Problem]:
    """Schedules of stages the indicator's own target and deadline do not judge: a quantity's
    stages but the counted one, each with a target above 0; a milestone's stages but the last,
    each with a due date only (a milestone's stage is reached or not)."""
    found: list[Problem] = []
    seen: set[str] = set()
    judged = stages[-1] if kind == "milestone" and stages else counts
    for stage, target, trajectory in schedules:
        if stage in seen:
            found.append(_problem(Code.STAGE_SCHEDULE_REPEATED, stage=stage))
        seen.add(stage)
        if stage not in stages:
            variant = "" if stages else "no stages"  # (not "one of the stages" of none)
            found.append(_problem(Code.STAGE_SCHEDULE_NO_STAGE, variant, stage=stage, stages=list(stages)))
        elif stage == judged:
            found.append(_problem(Code.STAGE_SCHEDULE_COUNTED, stage=stage))
        if kind == "milestone":
            if target is not None or trajectory:
                found.append(_problem(Code.STAGE_SCHEDULE_OF_MILESTONE, stage=stage))
        elif target is None:
            found.append(_problem(Code.STAGE_SCHEDULE_WITHOUT_TARGET, stage=stage))
        elif target == 0:
            found.append(_problem(Code.STAGE_SCHEDULE_TARGET_ZERO, stage=stage))
    return found


def limit_problems(
    at_most: Decimal | None,
    at_least: Decimal | None,
    target: Decimal | None,
    baseline: Decimal | None,
    stages: Sequence[str],
    trajectory: bool,
) -> list[Problem]:
    """A ceiling or floor is held all year by the latest figure: it takes the place of a target,
    and has no stages or trajectory to judge progress by."""
    found: list[Problem] = []
    if target is not None or baseline is not None:
        found.append(_problem(Code.LIMIT_WITH_TARGET))
    if stages:
        found.append(_problem(Code.LIMIT_WITH_STAGES))
    if trajectory:
        found.append(_problem(Code.LIMIT_WITH_TRAJECTORY))
    if at_most is not None and at_least is not None and at_least > at_most:
        found.append(_problem(Code.LIMIT_RANGE_EMPTY, at_most=at_most, at_least=at_least))
    return found


def stages_problems(stages: Sequence[str]) -> list[Problem]:
    if len(set(stages)) != len(stages):
        return [_problem(Code.STAGE_REPEATED, stages=list(stages))]
    return []


def trajectory_problems(points: Sequence[tuple[int, Decimal]]) -> list[Problem]:
    """Points (month, cumulative percent) in range, months rising, percents never falling."""
    found: list[Problem] = []
    for n, (month, percent) in enumerate(points):
        if not MONTH_MIN <= month <= MONTH_MAX or not 0 <= percent <= PERCENT_MAX:
            found.append(_problem(Code.TRAJECTORY_POINT_OUT_OF_RANGE, month=month, percent=percent))
        if n and (month <= points[n - 1][0] or percent < points[n - 1][1]):
            found.append(_problem(Code.TRAJECTORY_NOT_RISING))
    return found


def record_problems(indicator: IndicatorRecord) -> list[Problem]:
    """indicator_problems and stage_schedule_problems of a record as the store holds it."""

    def number(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    schedules = [
        (s["stage"], number(s["target"]), bool(s["trajectory"])) for s in indicator.get("stage_schedules", ())
    ]
    consistency = indicator_problems(
        kind=indicator["kind"],
        stages=indicator["stages"],
        counts=indicator["counts"],
        target=number(indicator["target"]),
        baseline=number(indicator["baseline"]),
        at_most=number(indicator.get("at_most")),
        at_least=number(indicator.get("at_least")),
        trajectory=bool(indicator["trajectory"]),
    )
    shares = [(s["region"], Decimal(s["target"])) for s in indicator.get("regions", ())]
    return (
        consistency
        + stage_schedule_problems(indicator["kind"], indicator["stages"], indicator["counts"], schedules)
        + breakdown_problems(indicator, shares)
    )


def indicator_id_problems(
    indicator_id: str, taken: Container[str] = (), project: int | None = None
) -> list[Problem]:
    """An id a command line and a file name can carry; of its own `project` (when given, see
    id_project_problems); not one of `taken`."""
    if not indicator_id or len(indicator_id) > ID_MAX or " " in indicator_id:
        return [_problem(Code.INDICATOR_ID_SHAPE, indicator_id=indicator_id)]
    # Every other whitespace character is unprintable too, so this also keeps out tabs and
    # ideographic spaces.
    if not indicator_id.isprintable():
        bad = next(ch for ch in indicator_id if not ch.isprintable())
        return [_problem(Code.INDICATOR_ID_CONTROL, indicator_id=indicator_id, character=character_name(bad))]
    found = [] if project is None else id_project_problems(indicator_id, project, taken)
    if indicator_id in taken:
        found.append(_problem(Code.INDICATOR_ID_TAKEN, indicator_id=indicator_id))
    return found


def id_project_problems(indicator_id: str, project: int, taken: Container[str] = ()) -> list[Problem]:
    """An id whose first part (before the first dot: 12 in 12.3 and 12.3a) is a number names its
    own project: 6.1 in project 5 is a slip of a sheet or a command line, and an office reading
    6.1 looks for it under 第6件. An id without a leading number (area) names no project. The
    problem carries an id that would be right: the project's number in place of the first part,
    or the next PROJECT.n when that one is taken."""
    lead = indicator_id.partition(".")[0]
    if not lead.isdecimal() or int(lead) == project:
        return []
    example = f"{project}{indicator_id[len(lead) :]}"
    n = 1
    while example in taken:
        example, n = f"{project}.{n}", n + 1
    return [
        _problem(
            Code.INDICATOR_ID_OF_ANOTHER_PROJECT,
            indicator_id=indicator_id,
            project=project,
            number=int(lead),
            example=example,
        )
    ]


# --- an indicator or project in its plan -------------------------------------------------------


def project_number_problems(number: int, taken: Container[int] = ()) -> list[Problem]:
    if number in taken:
        return [_problem(Code.PROJECT_NUMBER_TAKEN, number=number)]
    if not PROJECT_NUMBER_MIN <= number <= PROJECT_NUMBER_MAX:
        low, high = PROJECT_NUMBER_MIN, PROJECT_NUMBER_MAX
        return [_problem(Code.PROJECT_NUMBER_OUT_OF_RANGE, number=number, low=low, high=high)]
    return []


_ID_PARTS = re.compile(r"(\d+)|[^\d.\-]+")  # a number, or a text between the dots and dashes


def id_order(ident: str) -> tuple[tuple[int, int, str], ...]:
    """An indicator id's place in the order people count them, number by number: 1.2 before
    1.10, 9.1 before 10.1 before 1234.12; a part in letters after the numbers (1.1 before 1.1a
    before 1.2, and an id such as "area" after them). The one key every list of indicators is
    sorted by: a plan keeps each project's indicators so, and its projects by number."""
    return tuple((0, int(m[1]), "") if m[1] else (1, 0, m[0]) for m in _ID_PARTS.finditer(ident))


def deadline_problems(deadline: date | None, year: int) -> list[Problem]:
    if deadline is not None and deadline.year < year:
        return [_problem(Code.DEADLINE_BEFORE_PLAN_YEAR, deadline=deadline, year=year)]
    return []


def deadline_month(plan_year: int, deadline: date) -> int:
    """D: the deadline's month counted from the start of the plan year (13 = next January)."""
    return (deadline.year - plan_year) * 12 + deadline.month


def trajectory_deadline_problems(
    points: Sequence[tuple[int, Decimal]], deadline: date | None, year: int
) -> list[Problem]:
    """Warnings: points the reports ignore. A point short of 100 % at or after the deadline
    (100 is due from the deadline's month on), and a stretch point beyond 100 after it (the plan's
    expectations end at the deadline)."""
    due = deadline_month(year, deadline) if deadline is not None else MONTH_MAX
    found: list[Problem] = []
    for month, percent in points:
        if month >= due and percent < DUE_PERCENT:
            found.append(_problem(Code.TRAJECTORY_AT_DEADLINE, month=month, percent=percent, due=due))
        elif month > due and percent > DUE_PERCENT:
            found.append(
                _problem(Code.TRAJECTORY_AT_DEADLINE, "stretch", month=month, percent=percent, due=due)
            )
    return found


def indicator_record_problems(
    indicator: IndicatorRecord, year: int, *, changes: bool = True
) -> list[Problem]:
    """Every rule above an indicator of the plan of `year` must keep, but for its id's (and, with
    `changes`, its kept changes')."""
    points = [(p["month"], Decimal(p["percent"])) for p in indicator["trajectory"]]
    deadline = date.fromisoformat(indicator["deadline"]) if indicator["deadline"] else None
    found = [
        *stages_problems(indicator["stages"]),
        *trajectory_problems(points),
        *record_problems(indicator),
        *deadline_problems(deadline, year),
        *trajectory_deadline_problems(points, deadline, year),
    ]
    for schedule in indicator.get("stage_schedules", ()):  # each stage's own, as the indicator's
        points = [(p["month"], Decimal(p["percent"])) for p in schedule["trajectory"]]
        deadline = date.fromisoformat(schedule["deadline"]) if schedule["deadline"] else None
        found += trajectory_problems(points)
        found += deadline_problems(deadline, year)
        found += trajectory_deadline_problems(points, deadline, year)
    if changes and indicator.get("changes"):
        found += change_problems(indicator, year)
    return found


# --- changes from a month on ------------------------------------------------------------------


def definition_at(indicator: IndicatorRecord, month: int) -> IndicatorRecord:
    """The indicator as in force at `month`: the changes approved from a later month undone,
    newest first (a correction holds for every month)."""
    undone: dict[str, object] = {}
    for change in reversed(indicator.get("changes", ())):
        start = change["from_month"]
        if start is not None and start > month:
            undone[change["field"]] = change["old"]
    return cast(IndicatorRecord, {**indicator, **undone}) if undone else indicator


def change_problems(indicator: IndicatorRecord, year: int) -> list[Problem]:
    """Whether an indicator's kept changes can be: of a measure, each value of its shape; those
    approved from a month on in the order of their months, field by field, never adding or
    removing a target or limit; and the indicator as in force before each of them sound."""
    found: list[Problem] = []
    started: dict[str, int] = {}
    for change in indicator.get("changes", ()):
        field, start = change["field"], change["from_month"]
        if field not in CHANGEABLE:
            found.append(_problem(Code.CHANGE_FIELD_UNKNOWN, field=field))
            continue
        for value in (change["old"], change["new"]):
            if not _fits(field, value):
                found.append(_problem(Code.CHANGE_VALUE_SHAPE, field=field, value=value))
        if start is None:
            continue
        if start < started.get(field, MONTH_MIN):
            found.append(
                _problem(Code.CHANGE_MONTHS_NOT_RISING, field=field, month=start, later=started[field])
            )
        started[field] = max(start, started.get(field, MONTH_MIN))
        if field in ("target", "at_most", "at_least") and (change["old"] is None or change["new"] is None):
            found.append(_problem(Code.CHANGE_WITHOUT_AMOUNT, field=field, month=start))
    if found:
        return found
    for start in sorted({c["from_month"] for c in indicator.get("changes", ()) if c["from_month"]}):
        if start > MONTH_MIN:  # the indicator before it, as the reports of earlier months take it
            for problem in indicator_record_problems(
                definition_at(indicator, start - 1), year, changes=False
            ):
                if problem not in found and not problem.warning:
                    found.append(problem)
    return found


def _fits(field: str, value: object) -> bool:
    """A kept value of `field`: a quantity or a date as the store writes them, a trajectory's
    points, or none."""
    if value is None:
        return True
    if field == "trajectory":
        return isinstance(value, list)
    if not isinstance(value, str):
        return False
    try:
        if field == "deadline":
            date.fromisoformat(value)
        else:
            Decimal(value)
    except (ValueError, ArithmeticError):  # (decimal.InvalidOperation is an ArithmeticError)
        return False
    return field == "deadline" or Decimal(value).is_finite()


# --- progress entries --------------------------------------------------------------------------


def month_problems(month: int) -> list[Problem]:
    if not MONTH_MIN <= month <= MONTH_MAX:
        return [_problem(Code.MONTH_OUT_OF_RANGE, month=month)]
    return []


def entry_problems(indicator: IndicatorRecord, stage: str | None, has_value: bool) -> list[Problem]:
    """Whether an entry of `stage`, with or without a value, fits `indicator`: a milestone's
    entry names one of its stages and has no value; a staged indicator's names one of its
    stages and has a value; a plain indicator's has a value and no stage. At most one problem:
    an entry in the wrong stage is not also asked for its value."""
    ident, stages = indicator["id"], indicator["stages"]
    if indicator["kind"] == "milestone":
        if stage not in stages:
            return [_problem(Code.STAGE_NOT_OF_MILESTONE, stage=stage, indicator_id=ident, stages=stages)]
        if has_value:
            return [_problem(Code.MILESTONE_ENTRY_WITH_VALUE, indicator_id=ident)]
        return []
    if stages and stage not in stages:
        return [_problem(Code.STAGE_UNKNOWN, stage=stage, indicator_id=ident, stages=stages)]
    if not stages and stage is not None:
        return [_problem(Code.STAGE_WITHOUT_STAGES, stage=stage, indicator_id=ident)]
    if not has_value:
        return [_problem(Code.ENTRY_WITHOUT_VALUE, indicator_id=ident)]
    return []


def goes_down(indicator: IndicatorRecord) -> bool:
    """A target below its baseline (由50降至10): progress is the figure going down."""
    target, baseline = indicator["target"], indicator["baseline"]
    return target is not None and baseline is not None and Decimal(target) < Decimal(baseline)


def is_limit(indicator: IndicatorRecord) -> bool:
    """A ceiling or floor: its figure is a level held all year (a rate), not a cumulative count,
    so it may fall or rise as it likes."""
    return indicator.get("at_most") is not None or indicator.get("at_least") is not None


def moves_away(before: Decimal, after: Decimal, downward: bool) -> bool:
    """Whether a cumulative figure going from `before` to `after` moves away from its target."""
    return after > before if downward else after < before


def series_problems(
    indicator_id: str, stage: str | None, by_month: Mapping[int, Decimal], downward: bool
) -> list[Problem]:
    """Warnings: each month whose cumulative figure moves away from the target (falls, or
    rises for a target going down) since the month before it that has one."""
    variant = ("rises" if downward else "falls") + (", staged" if stage is not None else "")
    months = sorted(by_month)
    return [
        _problem(Code.FIGURE_MOVES_AWAY, variant, indicator_id=indicator_id, stage=stage, before=a, after=b)
        for a, b in pairwise(months)
        if moves_away(by_month[a], by_month[b], downward)
    ]


# --- texts and numbers a user gives ------------------------------------------------------------


def text_problems(
    text: str, subject: str, limit: int = TEXT_MAX, *, required: bool = True, multiline: bool = False
) -> list[Problem]:
    """A text a user typed for `subject` (title, name, stage name, owner, note): not blank
    when required, at most `limit` characters, and without control, bidi or invisible
    characters (a `multiline` one, a note, may hold tabs and line breaks)."""
    if required and not text.strip():
        return [_problem(Code.TEXT_EMPTY, subject)]
    if len(text) > limit:
        return [_problem(Code.TEXT_TOO_LONG, subject, length=len(text), limit=limit)]
    return unsafe_problems(text, subject, multiline=multiline)


def unsafe_problems(text: str, subject: str, *, multiline: bool = False) -> list[Problem]:
    """A control, bidi or invisible character in a text for `subject`, named."""
    bad = first_unsafe(text, multiline=multiline)
    if bad is None:
        return []
    return [_problem(Code.TEXT_UNSAFE, subject, character=character_name(bad))]


def is_fraction_of_count(value: Decimal, unit: str, extra: Sequence[str] = ()) -> bool:
    """A figure in a unit of whole things (or 万/亿 of one) that is not a whole number of them
    (16.5 个; 1.00005万人)."""
    magnitude, base = split_unit(unit)
    if base not in COUNT_UNITS and base not in extra and unit not in extra:
        return False
    whole = value * magnitude
    return whole != whole.to_integral_value()


def owner_problems(owner: str, subject: str = "owner") -> list[Problem]:
    """A department's name (or a region's, `subject` "region"), as typed: not blank, not too
    long, and without what separates names in a spreadsheet cell (an export would read it back
    as two)."""
    problems = text_problems(owner, subject, OWNER_MAX)
    for separator in DEPARTMENT_SEPARATORS:
        if separator in owner:
            variant = "" if subject == "owner" else subject
            problems.append(_problem(Code.OWNER_SEPARATOR, variant, owner=owner, separator=separator))
            break
    return problems


def name_key(text: str) -> str:
    """What two spellings of one department's name have in common: full-width letters, digits and
    brackets as half-width ones (ＡＢＣ（一）: ABC(一)), without surrounding spaces, any case."""
    import unicodedata  # only a department's name needs it

    return unicodedata.normalize("NFKC", text).strip().casefold()


def department_problems(
    departments: Sequence[tuple[str, Sequence[str]]], owners: Sequence[str] = ()
) -> list[Problem]:
    """A plan's declared departments (name, aliases) beside the owners its projects and indicators
    name: each name and alias means one department, compared as name_key compares them. An
    alias that is its own department's name is harmless; one that is another department's name
    or alias is a problem (which would --owner mean?)."""
    problems: list[Problem] = []
    meaning: dict[str, str] = {}  # name_key -> the department it names
    for name, _aliases in departments:
        key = name_key(name)
        if key in meaning:
            problems.append(_problem(Code.DEPARTMENT_REPEATED, department=name))
        meaning.setdefault(key, name)
    for owner in owners:
        meaning.setdefault(name_key(owner), owner)
    for name, aliases in departments:
        for alias in aliases:
            key = name_key(alias)
            other = meaning.setdefault(key, name)
            if other != name:
                problems.append(_problem(Code.ALIAS_TAKEN, alias=alias, department=name, other=other))
    return problems


def region_problems(regions: Sequence[tuple[str, Sequence[str]]]) -> list[Problem]:
    """A plan's regions (name, aliases): each name and alias means one region, compared as
    name_key compares them (湘西州 and 湘西土家族苗族自治州 may name one region, not two)."""
    problems: list[Problem] = []
    meaning: dict[str, str] = {}
    for name, _aliases in regions:
        key = name_key(name)
        if key in meaning:
            problems.append(_problem(Code.REGION_REPEATED, region=name))
        meaning.setdefault(key, name)
    for name, aliases in regions:
        for alias in aliases:
            other = meaning.setdefault(name_key(alias), name)
            if other != name:
                problems.append(_problem(Code.REGION_ALIAS_TAKEN, alias=alias, region=name, other=other))
    return problems


# --- a target broken down by region (任务分解) ----------------------------------------------------

ShareRow = tuple[str, Decimal]  # (region, its share of the target)


def breakdown_problems(indicator: IndicatorRecord, shares: Sequence[ShareRow]) -> list[Problem]:
    """Whether an indicator can carry `shares`: a quantity with a target counted from 0 (a
    staged one breaks down its counted stage), each region once, each share above 0. Whether the
    shares add up is shares_sum_problems', a warning: an office enters the table as published."""
    if not shares:
        return []
    found: list[Problem] = []
    if indicator["kind"] == "milestone" or indicator["target"] is None:
        found.append(_problem(Code.BREAKDOWN_WITHOUT_TARGET, indicator_id=indicator["id"]))
    elif indicator["baseline"] is not None:
        found.append(_problem(Code.BREAKDOWN_WITH_BASELINE, indicator_id=indicator["id"]))
    seen: set[str] = set()
    for region, share in shares:
        key = name_key(region)
        if key in seen:
            found.append(_problem(Code.SHARE_REPEATED, region=region, indicator_id=indicator["id"]))
        seen.add(key)
        if share == 0:
            found.append(_problem(Code.SHARE_ZERO, region=region, indicator_id=indicator["id"]))
    return found


def share_region_unknown(indicator_id: str, region: str) -> Problem:
    return _problem(Code.SHARE_REGION_UNKNOWN, indicator_id=indicator_id, region=region)


def entry_region_problems(indicator: IndicatorRecord, region: str, stage: str | None) -> list[Problem]:
    """A figure of a region is of an indicator that gives that region a share, and of its
    counted stage (the stage its breakdown is of)."""
    shared = [s["region"] for s in indicator.get("regions", ())]
    if region not in shared:
        return [
            _problem(
                Code.ENTRY_REGION_NOT_SHARED, indicator_id=indicator["id"], region=region, regions=shared
            )
        ]
    if stage != indicator["counts"]:
        ident, counts = indicator["id"], indicator["counts"]
        return [_problem(Code.ENTRY_REGION_STAGE, indicator_id=ident, stage=stage, counts=counts)]
    return []


def shares_sum_problems(
    indicator_id: str, target: Decimal, shares: Sequence[ShareRow], tolerance: Decimal
) -> list[Problem]:
    """A warning when the shares do not add up to the target: exactly, or within `tolerance`
    percent of the target (the plan's share_tolerance)."""
    total = sum((share for _region, share in shares), Decimal(0))
    if abs(total - target) * 100 > tolerance * target:
        return [
            _problem(
                Code.SHARES_DO_NOT_ADD,
                indicator_id=indicator_id,
                total=total,
                target=target,
                difference=total - target,
            )
        ]
    return []


def unit_problems(unit: str) -> list[Problem]:
    if len(unit) > UNIT_MAX:
        return [_problem(Code.UNIT_TOO_LONG, unit=unit)]
    return unsafe_problems(unit, "unit")


def threshold_problems(name: str, value: Decimal) -> list[Problem]:
    """A plan's threshold (tolerance, ahead_margin, red_gap), in points or, in the relative mode,
    in percent of the expected percent. A negative tolerance asks more than 时序进度: on track
    only at or above expected + |tolerance|; the other two are 0 or more."""
    if abs(value) > POINTS_MAX:
        return [_problem(Code.THRESHOLD_TOO_LARGE, name, value=value)]
    if value < 0 and name != "tolerance":
        return [_problem(Code.THRESHOLD_NEGATIVE, name, value=value)]
    return []


def settings_problems(
    mode: str, tolerance: Decimal, ahead_margin: Decimal, red_gap: Decimal, bands: Sequence[Band]
) -> list[Problem]:
    """A plan's rule mode, thresholds and bands, as a whole (a plan's settings, or a report's
    with the options that override them)."""
    found = [_problem(Code.MODE_UNKNOWN, mode=mode)] if mode not in MODES else []
    thresholds = [
        *threshold_problems("tolerance", tolerance),
        *threshold_problems("ahead_margin", ahead_margin),
        *threshold_problems("red_gap", red_gap),
    ]
    found += thresholds
    if not thresholds and tolerance < 0 and ahead_margin <= -tolerance:
        # The ahead line (expected + A) would fall on or below the on-track line (expected - T):
        # nothing could be on track. (A tolerance of 0 or more is below any margin of 0 or more.)
        found.append(
            _problem(
                Code.THRESHOLDS_OVERLAP, tolerance=tolerance, ahead_margin=ahead_margin, minimum=-tolerance
            )
        )
    found += bands_problems(bands)
    if mode == "bands" and not bands:
        found.append(_problem(Code.BANDS_MISSING))
    return found


def settings_record_problems(settings: SettingsRecord) -> list[Problem]:
    """settings_problems of a plan's settings as the store holds them."""
    return settings_problems(
        settings["mode"],
        Decimal(settings["tolerance"]),
        Decimal(settings["ahead_margin"]),
        Decimal(settings["red_gap"]),
        bands_of(settings["bands"]),
    )


def bands_of(bands: Sequence[BandRecord]) -> list[Band]:
    """A plan's band sets as the rules and reports take them."""

    def number(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return [(b["month"], number(b["ahead"]), Decimal(b["on_track"]), number(b["yellow"])) for b in bands]


def bands_problems(bands: Sequence[Band]) -> list[Problem]:
    """Band sets from month 1 on, each from a later month than the one before; in each, percents
    of target from 0 to PERCENT_MAX, ahead at or above on track, on track at or above yellow."""
    found: list[Problem] = []
    months_wrong = False
    for n, (month, ahead, on_track, yellow) in enumerate(bands):
        if n and month <= bands[n - 1][0] or not MONTH_MIN <= month <= MONTH_MAX:
            found.append(_problem(Code.BANDS_MONTHS_NOT_RISING, month=month))
            months_wrong = True
        for value in (ahead, on_track, yellow):
            if value is not None and not 0 <= value <= PERCENT_MAX:
                found.append(_problem(Code.BAND_OUT_OF_RANGE, month=month, value=value))
        if (ahead is not None and ahead < on_track) or (yellow is not None and yellow > on_track):
            found.append(_problem(Code.BANDS_NOT_DESCENDING, month=month))
    if bands and not months_wrong and bands[0][0] != MONTH_MIN:  # (sets out of order: said above)
        found.insert(0, _problem(Code.BANDS_NOT_FROM_JANUARY, month=bands[0][0]))
    return found


def ladder_of(steps: Sequence[LadderStepRecord] | None) -> Ladder:
    """A plan's escalation ladder as the report takes it; the default without one of its own."""
    if not steps:
        return DEFAULT_LADDER
    return tuple((s["step"], tuple((c["run"], c["months"]) for c in s["when"])) for s in steps)


def hidden_steps(ladder: Ladder) -> list[tuple[str, str]]:
    """(step, higher step) for each step never the highest one reached: whenever any of its
    conditions holds, one of the higher step's does too (the same run, as many months or fewer;
    a run of red or overdue months is a run of yellow ones too). A ladder given in the wrong order
    says so."""

    def implies(held: tuple[str, int], other: tuple[str, int]) -> bool:
        (run, months), (other_run, other_months) = held, other
        return other_months <= months and other_run in (run, "yellow")

    found = []
    for at, (name, when) in enumerate(ladder):
        for higher, above in ladder[at + 1 :]:
            if all(any(implies(held, other) for other in above) for held in when):
                found.append((name, higher))
                break
    return found


def ladder_records(ladder: Ladder) -> list[LadderStepRecord]:
    return [
        {"step": name, "when": [{"run": run, "months": months} for run, months in when]}
        for name, when in ladder
    ]


def ladder_text(ladder: Ladder) -> str:
    """The ladder as set-escalation reads it: "提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1"."""
    return ", ".join(
        f"{name}:" + "|".join(f"{run}>={months}" for run, months in when) for name, when in ladder
    )
