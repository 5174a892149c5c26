"""The pydantic models of the store file: what a valid store looks like, field by field.

The models validate a store that shishi did not write itself (a hand edit, a merge, an old
version) and give `shishi schema` its JSON Schema. Commands work on the validated plain data;
see store.py for why they do not build model objects on every run.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
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

from .i18n import _
from .numbers import format_decimal, storable
from .records import SCHEMA_VERSION

Quantity = Annotated[
    Decimal,
    Field(ge=0, allow_inf_nan=False),
    AfterValidator(storable),
    PlainSerializer(format_decimal, return_type=str, when_used="json"),
]
Points = Annotated[
    Decimal,
    Field(ge=0, le=1000, allow_inf_nan=False),
    PlainSerializer(format_decimal, return_type=str, when_used="json"),
]
Month = Annotated[StrictInt, Field(ge=1, le=12)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
Note = Annotated[str, StringConstraints(max_length=4000)]
Owner = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def _printable(text: str) -> str:
    if not text.isprintable():
        raise ValueError(_("an indicator id is printable text, without control characters"))
    return text


IndicatorId = Annotated[str, StringConstraints(pattern=r"^[^\s]{1,32}$"), AfterValidator(_printable)]
Stamp = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanSettings(_Strict):
    """Thresholds of the plan, in percentage points (DOMAIN.md, "Status" and "Light")."""

    tolerance: Points = Decimal(10)
    ahead_margin: Points = Decimal(5)
    red_gap: Points = Decimal(30)


class TrajectoryPoint(_Strict):
    """Cumulative percent of the target planned by the end of `month`."""

    month: Month
    percent: Annotated[Points, Field(le=100)]


class Indicator(_Strict):
    id: IndicatorId
    name: Name
    kind: Literal["quantity", "milestone"] = "quantity"
    target: Quantity | None = None
    unit: Annotated[str, StringConstraints(max_length=20)] = ""
    baseline: Quantity | None = None
    owners: list[Owner] = []
    deadline: date | None = None
    stages: list[Name] = []
    counts: Name | None = None
    trajectory: list[TrajectoryPoint] = []

    @field_validator("stages")
    @classmethod
    def _unique_stages(cls, stages: list[str]) -> list[str]:
        if len(set(stages)) != len(stages):
            raise ValueError(_("stage names must be different from each other"))
        return stages

    @field_validator("trajectory")
    @classmethod
    def _rising_trajectory(cls, points: list[TrajectoryPoint]) -> list[TrajectoryPoint]:
        for before, after in pairwise(points):
            if after.month <= before.month or after.percent < before.percent:
                raise ValueError(_("trajectory months must increase and percents must not fall"))
        return points

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.kind == "milestone":
            if not self.stages:
                raise ValueError(_("a milestone needs its stages, the last meaning done"))
            if self.target is not None or self.baseline is not None:
                raise ValueError(_("a milestone has no target or baseline"))
            if self.counts is not None:
                raise ValueError(_("a milestone counts its last stage; remove 'counts'"))
        else:
            if (self.counts is None) != (not self.stages):
                raise ValueError(_("'counts' names one of the stages, and only when there are stages"))
            if self.counts is not None and self.counts not in self.stages:
                raise ValueError(
                    _("'counts' is {counts!r}, which is not one of the stages").format(counts=self.counts)
                )
            if self.baseline is not None and self.target is None:
                raise ValueError(_("a baseline needs a target"))
            if self.target is not None and self.target == (self.baseline or 0):
                raise ValueError(_("the target must differ from the baseline (0 when there is none)"))
        return self


class Project(_Strict):
    number: Annotated[StrictInt, Field(ge=1, le=999)]
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


class HistoryEntry(_Strict):
    """One recorded change to the plan: when, which command, what it did."""

    at: Stamp
    command: Annotated[str, StringConstraints(max_length=40)]
    summary: Annotated[str, StringConstraints(max_length=20000)]


class Plan(_Strict):
    year: Annotated[StrictInt, Field(ge=1900, le=2999)]
    title: Name
    settings: PlanSettings = PlanSettings()
    projects: list[Project] = []
    progress: list[ProgressEntry] = []
    history: list[HistoryEntry] = []


class Store(_Strict):
    schema_version: Literal[SCHEMA_VERSION]  # type: ignore[valid-type]
    plans: dict[Annotated[str, StringConstraints(pattern=r"^\d{4}$")], Plan] = {}
    checksum: str | None = Field(
        default=None,
        description="Written by shishi: lets it skip re-validating a file it wrote itself. "
        "After a hand edit it no longer matches and the whole file is validated.",
    )
