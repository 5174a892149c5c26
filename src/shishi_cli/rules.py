"""The rules a plan's records obey, as pure checks that return problem codes.

Each rule is written once, here, and called three ways: the pydantic models refuse a record that
breaks it (models.py), a change to a plan refuses to make it (plans/), and `check` reports it
(integrity.py). A check returns every problem it finds, in the order a user should hear them;
a caller that stops at one takes the first. The words are in rule_messages.py.
"""

from __future__ import annotations

import enum
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise

from .numbers import DEPARTMENT_SEPARATORS, split_unit
from .records import IndicatorRecord
from .text import character_name, first_unsafe

# Limits, shared by the models' declared constraints (and so `shishi schema`) and the checks here.
ID_MAX = 32
TEXT_MAX = 1000  # a title, a name, a stage
OWNER_MAX = 200
UNIT_MAX = 20
NOTE_MAX = 4000
POINTS_MAX = 1000  # a threshold, in percentage points
PERCENT_MAX = 100  # a trajectory point
MONTH_MIN, MONTH_MAX = 1, 12
PROJECT_NUMBER_MIN, PROJECT_NUMBER_MAX = 1, 999
KINDS = ("quantity", "milestone")  # models.Indicator.kind spells them out for the schema
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
    STAGE_REPEATED = "stage-repeated"
    TRAJECTORY_POINT_OUT_OF_RANGE = "trajectory-point-out-of-range"
    TRAJECTORY_NOT_RISING = "trajectory-not-rising"
    INDICATOR_ID_SHAPE = "indicator-id-shape"  # empty, too long, or with a space
    INDICATOR_ID_CONTROL = "indicator-id-control"  # a control or other unprintable character
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
    THRESHOLD_TOO_LARGE = "threshold-too-large"
    OWNER_SEPARATOR = "owner-separator"  # a warning in a store: ; or a line break inside one name


WARNINGS = frozenset({Code.TRAJECTORY_AT_DEADLINE, Code.FIGURE_MOVES_AWAY, Code.OWNER_SEPARATOR})
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
) -> list[Problem]:
    """Whether an indicator's kind, stages, counted stage, target and baseline go together."""
    found: list[Problem] = []
    if kind == "milestone":
        if not stages:
            found.append(_problem(Code.MILESTONE_WITHOUT_STAGES))
        if target is not None or baseline is not None:
            found.append(_problem(Code.MILESTONE_WITH_TARGET))
        if counts is not None:
            found.append(_problem(Code.MILESTONE_WITH_COUNTS))
        return found
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


def indicator_id_problems(indicator_id: str, taken: Container[str] = ()) -> list[Problem]:
    """An id a command line and a file name can carry; not one of `taken`."""
    if not indicator_id or len(indicator_id) > ID_MAX or " " in indicator_id:
        return [_problem(Code.INDICATOR_ID_SHAPE, indicator_id=indicator_id)]
    # Every other whitespace character is unprintable too, so this also keeps out tabs and
    # ideographic spaces.
    if not indicator_id.isprintable():
        bad = next(ch for ch in indicator_id if not ch.isprintable())
        return [_problem(Code.INDICATOR_ID_CONTROL, indicator_id=indicator_id, character=character_name(bad))]
    if indicator_id in taken:
        return [_problem(Code.INDICATOR_ID_TAKEN, indicator_id=indicator_id)]
    return []


# --- an indicator or project in its plan -------------------------------------------------------


def project_number_problems(number: int, taken: Container[int] = ()) -> list[Problem]:
    if number in taken:
        return [_problem(Code.PROJECT_NUMBER_TAKEN, number=number)]
    if not PROJECT_NUMBER_MIN <= number <= PROJECT_NUMBER_MAX:
        return [_problem(Code.PROJECT_NUMBER_OUT_OF_RANGE, number=number)]
    return []


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
    """Warnings: a point short of 100 % at or after the deadline, which the reports ignore
    (the expected percent is 100 from the deadline's month on)."""
    due = deadline_month(year, deadline) if deadline is not None else MONTH_MAX
    return [
        _problem(Code.TRAJECTORY_AT_DEADLINE, month=month, percent=percent, due=due)
        for month, percent in points
        if month >= due and percent < PERCENT_MAX
    ]


def indicator_record_problems(indicator: IndicatorRecord, year: int) -> list[Problem]:
    """Every rule above an indicator of the plan of `year` must keep, but for its id's."""
    target, baseline = indicator["target"], indicator["baseline"]
    points = [(p["month"], Decimal(p["percent"])) for p in indicator["trajectory"]]
    deadline = date.fromisoformat(indicator["deadline"]) if indicator["deadline"] else None
    return [
        *stages_problems(indicator["stages"]),
        *trajectory_problems(points),
        *indicator_problems(
            kind=indicator["kind"],
            stages=indicator["stages"],
            counts=indicator["counts"],
            target=None if target is None else Decimal(target),
            baseline=None if baseline is None else Decimal(baseline),
        ),
        *deadline_problems(deadline, year),
        *trajectory_deadline_problems(points, deadline, year),
    ]


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


def owner_problems(owner: str) -> list[Problem]:
    """A department's name, as typed: not blank, not too long, and without what separates
    departments in a spreadsheet cell (an export would read it back as two)."""
    problems = text_problems(owner, "owner", OWNER_MAX)
    for separator in DEPARTMENT_SEPARATORS:
        if separator in owner:
            problems.append(_problem(Code.OWNER_SEPARATOR, owner=owner, separator=separator))
            break
    return problems


def unit_problems(unit: str) -> list[Problem]:
    if len(unit) > UNIT_MAX:
        return [_problem(Code.UNIT_TOO_LONG, unit=unit)]
    return unsafe_problems(unit, "unit")


def threshold_problems(name: str, value: Decimal) -> list[Problem]:
    """A plan's threshold (tolerance, ahead_margin, red_gap) in points."""
    if value > POINTS_MAX:
        return [_problem(Code.THRESHOLD_TOO_LARGE, name, value=value)]
    return []
