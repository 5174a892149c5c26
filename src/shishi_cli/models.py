"""The pydantic models of the store file: what a valid store looks like, field by field.

The models validate a store that shishi did not write itself (a hand edit, a merge, an old
version) and give `shishi schema` its JSON Schema. Commands work on the validated plain data;
see store.py for why they do not build model objects on every run. The rules a record must keep
beyond its fields' types are in rules.py, shared with the plan changes and `check`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from . import rules
from .i18n import _
from .numbers import LADDER_STEPS_MAX, STEP_NAME_MAX, format_decimal, storable
from .records import SCHEMA_VERSION
from .rule_messages import raise_invalid

Quantity = Annotated[
    Decimal,
    Field(ge=0, allow_inf_nan=False),
    AfterValidator(storable),
    PlainSerializer(format_decimal, return_type=str, when_used="json"),
]
Points = Annotated[
    Decimal,
    Field(ge=0, le=rules.POINTS_MAX, allow_inf_nan=False),
    PlainSerializer(format_decimal, return_type=str, when_used="json"),
]
SignedPoints = Annotated[
    Decimal,
    Field(ge=-rules.POINTS_MAX, le=rules.POINTS_MAX, allow_inf_nan=False),
    PlainSerializer(format_decimal, return_type=str, when_used="json"),
]
Percent = Annotated[
    Decimal,
    Field(ge=0, le=rules.PERCENT_MAX, allow_inf_nan=False),
    PlainSerializer(format_decimal, return_type=str, when_used="json"),
]
Month = Annotated[StrictInt, Field(ge=rules.MONTH_MIN, le=rules.MONTH_MAX)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=rules.TEXT_MAX)]
Note = Annotated[str, StringConstraints(max_length=rules.NOTE_MAX)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=rules.LABEL_MAX)]
Owner = Annotated[str, StringConstraints(min_length=1, max_length=rules.OWNER_MAX)]


def _usable_id(text: str) -> str:
    raise_invalid(rules.indicator_id_problems(text))
    return text


# The pattern gives `shishi schema` an id's shape; the rule (which also keeps out control
# characters) says in words what is wrong.
IndicatorId = Annotated[
    str, StringConstraints(pattern=rf"^[^\s]{{1,{rules.ID_MAX}}}$"), AfterValidator(_usable_id)
]
Stamp = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Band(_Strict):
    """Absolute bands, in percent of target, from `month` until the next set."""

    month: Month
    ahead: Percent | None = None
    on_track: Percent
    yellow: Percent | None = None


class LadderCondition(_Strict):
    """`months` or more in a row, ending at the report's month, of a run: yellow (lagging or worse),
    red, or overdue."""

    run: Literal["yellow", "red", "overdue"]
    months: Month


class LadderStep(_Strict):
    step: Annotated[str, StringConstraints(min_length=1, max_length=STEP_NAME_MAX, pattern=r"^[^|>=<,:]+$")]
    when: Annotated[list[LadderCondition], Field(min_length=1)]


class PlanSettings(_Strict):
    """The plan's rule mode and thresholds (percentage points, or percent of the expected percent
    in the relative mode), its bands, and the units it counts whole things in."""

    tolerance: SignedPoints = Decimal(10)
    ahead_margin: Points = Decimal(5)
    red_gap: Points = Decimal(30)
    count_units: list[Annotated[str, StringConstraints(min_length=1, max_length=rules.UNIT_MAX)]] = Field(
        default=[],
        description="Units that count whole things (套, 栋 …) beyond the built-in ones; a fraction of "
        "one is taken with a warning.",
    )
    mode: Literal["points", "relative", "bands"] = "points"
    bands: list[Band] = []
    answer_days: Annotated[StrictInt, Field(ge=1, le=366)] | None = Field(
        default=None, description="Days a follow-up may wait for its answer; left out: 15."
    )
    escalation: Annotated[list[LadderStep], Field(min_length=1, max_length=LADDER_STEPS_MAX)] | None = Field(
        default=None,
        description="The escalation ladder, lowest step first; left out: the default one.",
    )
    share_tolerance: Points = Field(
        default=Decimal(0),
        description="How far, in percent of an indicator's target, its region shares may add up away "
        "from it before check and the report warn (0: exactly).",
    )

    @field_validator("escalation")
    @classmethod
    def _unique_steps(cls, steps: list[LadderStep] | None) -> list[LadderStep] | None:
        names = [s.step for s in steps or ()]
        if len(set(names)) != len(names):
            raise ValueError(_("a step is named twice"))
        return steps

    @model_validator(mode="after")
    def _consistent(self) -> PlanSettings:
        bands = [(b.month, b.ahead, b.on_track, b.yellow) for b in self.bands]
        problems = rules.settings_problems(self.mode, self.tolerance, self.ahead_margin, self.red_gap, bands)
        raise_invalid(problems)
        return self


class TrajectoryPoint(_Strict):
    """Cumulative percent of the target planned by the end of `month`."""

    month: Month
    percent: Annotated[Points, Field(le=rules.PERCENT_MAX)]


class StageSchedule(_Strict):
    """A target and a due date (or trajectory) of a stage the indicator's target does not count."""

    stage: Name
    target: Quantity | None = None
    deadline: date | None = None
    trajectory: list[TrajectoryPoint] = []

    @field_validator("trajectory")
    @classmethod
    def _rising_trajectory(cls, points: list[TrajectoryPoint]) -> list[TrajectoryPoint]:
        raise_invalid(rules.trajectory_problems([(p.month, p.percent) for p in points]))
        return points


ChangedValue = Annotated[str, StringConstraints(max_length=40)] | list[TrajectoryPoint] | None


class IndicatorChange(_Strict):
    """A change of one of an indicator's measures: approved from `from_month` on (reports of
    earlier months keep `old`), or, without a month, a correction for every month."""

    at: Stamp
    from_month: Month | None = None
    reason: Note | None = None
    field: Literal["target", "deadline", "trajectory", "at_most", "at_least"]
    old: ChangedValue = None
    new: ChangedValue = None


class RegionShare(_Strict):
    """A region's share of an indicator's target (任务分解): its planned amount."""

    region: Owner
    target: Quantity


class Indicator(_Strict):
    id: IndicatorId
    name: Name
    kind: Literal["quantity", "milestone"] = "quantity"
    target: Quantity | None = None
    unit: Annotated[str, StringConstraints(max_length=rules.UNIT_MAX)] = ""
    baseline: Quantity | None = None
    owners: list[Owner] = []
    deadline: date | None = None
    stages: list[Name] = []
    counts: Name | None = None
    trajectory: list[TrajectoryPoint] = []
    at_most: Quantity | None = Field(
        default=None, description="A ceiling the latest figure stays at or under (控制在4.3%以内)."
    )
    at_least: Quantity | None = Field(
        default=None, description="A floor the latest figure stays at or above."
    )
    stage_schedules: list[StageSchedule] = Field(
        default=[], description="Stages judged on their own schedule too (应开工未开工)."
    )
    changes: list[IndicatorChange] = Field(
        default=[],
        description="Changes of the target, deadline, trajectory and limits, in the order made; whether "
        "they can be is the plan's rule (check), as it knows the plan's year.",
    )
    regions: list[RegionShare] = Field(
        default=[],
        description="The target broken down by region (任务分解): the indicator's value is the sum of "
        "its regions' figures.",
    )

    @field_validator("stages")
    @classmethod
    def _unique_stages(cls, stages: list[str]) -> list[str]:
        raise_invalid(rules.stages_problems(stages))
        return stages

    @field_validator("trajectory")
    @classmethod
    def _rising_trajectory(cls, points: list[TrajectoryPoint]) -> list[TrajectoryPoint]:
        raise_invalid(rules.trajectory_problems([(p.month, p.percent) for p in points]))
        return points

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        raise_invalid(
            rules.indicator_problems(
                kind=self.kind,
                stages=self.stages,
                counts=self.counts,
                target=self.target,
                baseline=self.baseline,
                at_most=self.at_most,
                at_least=self.at_least,
                trajectory=bool(self.trajectory),
            )
        )
        schedules = [(s.stage, s.target, bool(s.trajectory)) for s in self.stage_schedules]
        raise_invalid(rules.stage_schedule_problems(self.kind, self.stages, self.counts, schedules))
        if self.regions:
            record = {"id": self.id, "kind": self.kind, "target": self.target, "baseline": self.baseline}
            shares = [(r.region, r.target) for r in self.regions]
            raise_invalid(rules.breakdown_problems(record, shares))  # type: ignore[arg-type]
        return self


class Project(_Strict):
    number: Annotated[StrictInt, Field(ge=rules.PROJECT_NUMBER_MIN, le=rules.PROJECT_NUMBER_MAX)]
    title: Name
    owners: list[Owner] = []
    indicators: list[Indicator] = []


class ProgressEntry(_Strict):
    """A cumulative figure of one indicator (and stage) as of the end of a month."""

    indicator: IndicatorId
    month: Month
    stage: Name | None = None
    value: Quantity | None = None
    note: Note | None = None
    at: Stamp | None = None
    label: Label | None = Field(
        default=None,
        description="The label the department or the published bulletin gives (进展顺利, 已完成); "
        "the report compares it with the computed status.",
    )
    region: Owner | None = Field(
        default=None, description="The region the figure is of, for an indicator broken down by region."
    )
    source: EntrySource | None = Field(
        default=None, description="Where import-progress read it: the file, the row, the form's department."
    )


class EntrySource(_Strict):
    """The file an imported entry was read from (its name, not its folder), the row of the sheet,
    and the department a form made by `shishi forms` names."""

    file: Annotated[str, StringConstraints(min_length=1, max_length=rules.FILE_NAME_MAX)]
    row: Annotated[StrictInt, Field(ge=1)]
    department: Owner | None = None


Day = date  # (a follow-up's field `date` hides the type in its class)


class FollowUp(_Strict):
    """An action the office took about an indicator (督办, 约谈 …) and the department's answer."""

    indicator: IndicatorId
    month: Month
    action: Annotated[str, StringConstraints(min_length=1, max_length=STEP_NAME_MAX)]
    date: Day
    at: Stamp
    note: Note | None = None
    answer: Note | None = None
    answered: Day | None = None


class HistoryEntry(_Strict):
    """One recorded change to the plan: when, which command, what it did."""

    at: Stamp
    command: Annotated[str, StringConstraints(max_length=40)]
    summary: Annotated[str, StringConstraints(max_length=20000)]


class Department(_Strict):
    """A department the plan declares, with the short names people use for it."""

    name: Owner
    aliases: list[Owner] = []


class Region(_Strict):
    """A region the plan declares (区市, 市州), with the short names people use for it."""

    name: Owner
    aliases: list[Owner] = []


class Plan(_Strict):
    year: Annotated[StrictInt, Field(ge=1900, le=2999)]
    title: Name
    settings: PlanSettings = PlanSettings()
    departments: list[Department] = Field(
        default=[],
        description="Departments declared with their short names (aliases), which --owner accepts; "
        "an owner of a project or indicator not declared here is a department too.",
    )
    regions: list[Region] = Field(
        default=[],
        description="Regions (区市, 市州) declared with their short names, among which an indicator's "
        "target may be broken down.",
    )
    projects: list[Project] = []
    progress: list[ProgressEntry] = []
    history: list[HistoryEntry] = []
    follow_ups: list[FollowUp] = Field(default=[], description="Actions taken and their answers, in order.")


class YearFile(_Strict):
    checksum: Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]
    size: Annotated[int, Field(ge=0)]


class Store(_Strict):
    schema_version: Literal[SCHEMA_VERSION]  # type: ignore[valid-type]
    years: dict[Annotated[str, StringConstraints(pattern=r"^\d{4}$")], YearFile] | None = Field(
        default=None,
        description="The plans kept in files of their own, STORE.years/YEAR.json beside the store file "
        "(each itself a store of that one plan), by year: the checksum and size of each file.",
    )
    plans: dict[Annotated[str, StringConstraints(pattern=r"^\d{4}$")], Plan] = Field(
        default={},
        description="The plans the file holds itself: a year's file holds its plan; a store file written "
        "by hand or by shishi before store format 4 holds them all.",
    )
    checksum: str | None = Field(
        default=None,
        description="Written by shishi: lets it skip re-validating a file it wrote itself. "
        "After a hand edit it no longer matches and the whole file is validated.",
    )
