"""What the computations return: the status words, the thresholds and the plain result objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from collections.abc import Sequence

if TYPE_CHECKING:
    from shishi_cli.numbers import Ladder
    from shishi_cli.records import ChangeRecord, FollowUpRecord

# `breached` came later: a status is only ever added at the end (the JSON's summary counts follow
# this order).
STATUSES = ("met", "ahead", "on_track", "lagging", "overdue", "no_data", "in_progress", "breached")
NEEDS_ATTENTION = frozenset({"lagging", "overdue", "breached"})
# Project roll-up: the most severe status among measured indicators wins. A ceiling breached now
# may be back within it next month; a deadline passed unmet cannot be undone: just below overdue.
SEVERITY = {"overdue": 5, "breached": 4, "lagging": 3, "on_track": 2, "ahead": 1}
# The light of each status but lagging, whose light depends on how far behind it is.
LIGHT_OF = {"met": "blue", "ahead": "green", "on_track": "green", "overdue": "red", "breached": "red"}


Number = int | float


def quantity(text: str) -> Number:
    """A stored quantity as a number: exact, for the store keeps 15 significant digits."""
    return float(text) if "." in text else int(text)


# A band set: (from month, ahead at or above, on track at or above, yellow at or above), in
# percent of target (rules.Band).
Band = tuple[int, Decimal | None, Decimal, Decimal | None]
# The objects below are made at the import of every run of every command, and a dataclass costs
# about half a millisecond to make then: only the results orjson writes as they are (the JSON
# contract's indicators and stages, render/contract.py) are dataclasses. The values a report is
# asked for are named tuples; the other results are plain records. They are read field by field
# and never compared whole.


class Thresholds(NamedTuple):
    """How a report judges progress: the rule mode, its thresholds (points, or percent of the
    expected percent in the relative mode) and, in the bands mode, the band sets."""

    tolerance: Decimal = Decimal(10)
    ahead_margin: Decimal = Decimal(5)
    red_gap: Decimal = Decimal(30)
    mode: str = "points"
    bands: tuple[Band, ...] = ()


class _Record:
    """A plain result: its fields are its slots, each set by __init__, shown by repr and changed
    in a copy by replace() as a dataclass's are."""

    __slots__ = ()

    def fields(self) -> dict[str, Any]:
        """Each field's value by its name, in order."""
        names: tuple[str, ...] = self.__slots__
        return {name: getattr(self, name) for name in names}

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.fields().items())
        return f"{type(self).__name__}({shown})"

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with `changes` made (as dataclasses.replace)."""
        return type(self)(**{**self.fields(), **changes})


_R = TypeVar("_R", bound=_Record)


@dataclass(slots=True, eq=False)
class IndicatorResult:
    """One indicator as of a month, its fields in the order of the JSON contract.

    Quantities are ints or floats holding the stored decimal exactly (the store allows 15
    significant digits); percents and points are floats rounded to 0.01 (51.54)."""

    id: str
    project: int
    name: str
    owners: list[str]
    kind: str
    unit: str
    target: Number | None
    baseline: Number | None
    value: Number | None
    stage: str | None
    as_of_month: int | None
    percent: Number | None
    expected_percent: Number
    gap: Number | None
    status: str
    light: str
    change: Number | None
    lagging_months: int
    deadline: date
    required_per_month: Number | None
    projected_at_deadline: Number | None
    stages: dict[str, Number | None] | None
    at_most: Number | None
    at_least: Number | None
    stage_status: dict[str, StageResult] | None  # each scheduled stage judged on its own
    changes: Sequence[ChangeRecord]  # of its target, deadline, trajectory and limits, as kept
    lead: str | None  # the first of its owners (牵头单位); the others support it (配合单位)
    reported: bool  # the month has a figure of its own (of any stage), not only an older one
    label: str | None = None  # what the department or bulletin called the figure in force
    label_agrees: bool | None = None  # None: no label, or one not in progress.labels' table
    escalation: str | None = None  # the highest step of the plan's ladder reached as of the month
    # Not in the JSON contract, so named with "_": orjson leaves such fields out, and writes a
    # result as the contract's object without a dict made for it (render/contract.py). Read and
    # set them by the names below.
    _runs: tuple[int, int, int] = (0, 0, 0)
    _follow_ups: Sequence[FollowUpRecord] = ()
    _breakdown: RegionBreakdown | None = None

    @property
    def runs(self) -> tuple[int, int, int]:
        """Months in a row, ending at the month: lagging or worse (yellow or red), red, overdue."""
        return self._runs

    @runs.setter
    def runs(self, value: tuple[int, int, int]) -> None:
        self._runs = value

    @property
    def follow_ups(self) -> Sequence[FollowUpRecord]:
        """The office's follow-ups of it made by the month (in show and the bulletin, not the
        report JSON)."""
        return self._follow_ups

    @follow_ups.setter
    def follow_ups(self, value: Sequence[FollowUpRecord]) -> None:
        self._follow_ups = value

    @property
    def breakdown(self) -> RegionBreakdown | None:
        """A target broken down by region: each region's line, and what does not add up."""
        return self._breakdown

    @breakdown.setter
    def breakdown(self, value: RegionBreakdown | None) -> None:
        self._breakdown = value


class RegionResult(_Record):
    """A region's share of an indicator as of a month (its fields in the order of the JSON contract)."""

    __slots__ = (
        "region", "target", "value", "as_of_month", "percent", "expected_percent", "gap", "status",
        "light", "lagging_months", "reported",
    )  # fmt: skip

    def __init__(
        self,
        region: str,
        target: Number,  # the region's share
        value: Number | None,
        as_of_month: int | None,
        percent: Number | None,
        expected_percent: Number,
        gap: Number | None,
        status: str,
        light: str,
        lagging_months: int,
        reported: bool,  # the month has a figure of the region's own
    ) -> None:
        self.region = region
        self.target = target
        self.value = value
        self.as_of_month = as_of_month
        self.percent = percent
        self.expected_percent = expected_percent
        self.gap = gap
        self.status = status
        self.light = light
        self.lagging_months = lagging_months
        self.reported = reported


class RegionBreakdown(_Record):
    """An indicator's regions as of a month, and what does not add up."""

    __slots__ = ("regions", "missing", "total", "summed", "shares", "shares_off")

    def __init__(
        self,
        regions: list[RegionResult],
        missing: list[str],  # regions with a share and no figure in force yet (missing, not zero)
        total: Number | None,  # a total entered directly, in force, where it differs from the regions' sum
        summed: Number | None,  # the regions' sum then
        shares: Number = 0,  # what the shares add up to
        shares_off: bool = False,  # they do not add up to the target (within the plan's tolerance)
    ) -> None:
        self.regions = regions
        self.missing = missing
        self.total = total
        self.summed = summed
        self.shares = shares
        self.shares_off = shares_off


@dataclass(slots=True, eq=False)
class StageResult:
    """A scheduled stage as of a month, judged as an indicator of its own (its fields in the
    order of the JSON contract)."""

    target: Number | None  # None: a milestone's stage
    deadline: date
    value: Number | None
    percent: Number | None
    expected_percent: Number
    gap: Number | None
    status: str
    light: str
    lagging_months: int
    shortfall: Number | None  # once due and not reached (应开工未开工): what the stage still lacks


class ProjectResult(_Record):
    """A project as of a month: the roll-up of its indicators (its fields in the order of the JSON
    contract)."""

    __slots__ = ("number", "title", "owners", "status", "light", "indicators", "escalation")

    def __init__(
        self,
        number: int,
        title: str,
        owners: list[str],
        status: str,
        light: str,
        indicators: list[str],
        escalation: str | None = None,  # the highest step any of its indicators reached
    ) -> None:
        self.number = number
        self.title = title
        self.owners = owners
        self.status = status
        self.light = light
        self.indicators = indicators
        self.escalation = escalation


class ReportWarning(_Record):
    """Something a supervision office should look at; `kind` says what: breached, overdue,
    stage_overdue, changed, due_soon, lagging_streak, stage_lagging, falls, stale, no_data,
    unmapped_label, unanswered, shares_off, regions_missing, total_differs."""

    __slots__ = (
        "kind", "indicator", "name", "months", "deadline", "stage", "points", "downward", "value",
        "limit", "shortfall", "change", "unit", "above", "label", "follow_up", "regions",
    )  # fmt: skip

    def __init__(
        self,
        kind: str,
        indicator: str,
        name: str,
        # lagging_streak, breached, stage_*: months in a row; stale: months since the entry
        months: int | None = None,
        deadline: date | None = None,
        stage: str | None = None,  # no_data: the stage the target counts; stage_*: the stage
        points: Number | None = None,  # falls: by how many points progress fell; stage_lagging: behind
        downward: bool = False,  # falls of a target that goes down: the figure rose
        value: Number | None = None,  # breached: the figure, beyond; stage_overdue: the stage's figure
        limit: Number | None = None,  # the ceiling (above) or floor it broke; the stage's target
        shortfall: Number | None = None,  # stage_overdue: what the stage still lacks (应开工未开工)
        change: ChangeRecord | None = None,  # changed: the change that a report made before it did not see
        unit: str = "",
        above: bool = False,
        label: str | None = None,  # unmapped_label: the label
        # unanswered: the follow-up (its deadline: the answer's due day)
        follow_up: FollowUpRecord | None = None,
        regions: tuple[str, ...] = (),  # regions_missing: the regions without a figure yet
    ) -> None:
        self.kind = kind
        self.indicator = indicator
        self.name = name
        self.months = months
        self.deadline = deadline
        self.stage = stage
        self.points = points
        self.downward = downward
        self.value = value
        self.limit = limit
        self.shortfall = shortfall
        self.change = change
        self.unit = unit
        self.above = above
        self.label = label
        self.follow_up = follow_up
        self.regions = regions


class Report(_Record):
    """A month's report: the indicators chosen, their projects, the counts and the warnings."""

    __slots__ = (
        "year", "title", "month", "as_of", "thresholds", "indicators", "projects", "summary_indicators",
        "summary_projects", "warnings", "selected", "stages_overdue", "ladder", "projects_chosen", "scope",
    )  # fmt: skip

    def __init__(
        self,
        year: int,
        title: str,
        month: int,
        as_of: date,
        thresholds: Thresholds,
        indicators: list[IndicatorResult],
        projects: list[ProjectResult],
        summary_indicators: dict[str, int],
        summary_projects: dict[str, int],
        warnings: list[ReportWarning] | None = None,
        # Every indicator the projects and departments chosen hold, by status, before a status
        # filter (what `lagging` does not list, such as those with no figure yet, is still counted).
        selected: dict[str, int] | None = None,
        # Indicators listed with a scheduled stage due and not reached (应开工未开工), and their projects.
        stages_overdue: dict[str, int] | None = None,
        # The plan's escalation ladder the indicators' `escalation` was found by.
        ladder: Ladder = (),
        # What the report is limited to, as its titles say it: the projects (--project), then the
        # departments and the region (their full names), none for the whole plan.
        projects_chosen: tuple[int, ...] = (),
        scope: tuple[str, ...] = (),
    ) -> None:
        self.year = year
        self.title = title
        self.month = month
        self.as_of = as_of
        self.thresholds = thresholds
        self.indicators = indicators
        self.projects = projects
        self.summary_indicators = summary_indicators
        self.summary_projects = summary_projects
        self.warnings = [] if warnings is None else warnings
        self.selected = {} if selected is None else selected
        self.stages_overdue = {} if stages_overdue is None else stages_overdue
        self.ladder = ladder
        self.projects_chosen = projects_chosen
        self.scope = scope


class Selection(NamedTuple):
    """What a report is limited to; empty: the whole plan."""

    projects: frozenset[int] = frozenset()
    owners: frozenset[str] | None = None  # department names; None: every department
    statuses: frozenset[str] = frozenset()
    # With `statuses`: an indicator is also chosen when a scheduled stage of it has one of these.
    stages: frozenset[str] = frozenset()
    # A region: only the indicators giving it a share, each judged as that region's share alone.
    region: str | None = None
