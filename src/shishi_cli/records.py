"""The validated store as plain data: the shapes commands read and change.

Every field of models.py is present here (shishi writes them all) but the optional ones of an
entry and those version 3 gave an indicator, which are left out at their default; quantities
are canonical decimal strings ("180400", "494.3") and dates ISO strings.
"""

from __future__ import annotations

from typing import TypedDict

SCHEMA_VERSION = 4  # migrations.py brings older stores up to it
ANSWER_DAYS = 15  # a follow-up unanswered longer than this is warned about, unless the plan says


class BandRecord(TypedDict):
    """Absolute bands of percent of target, from `month` until the next set (version 3)."""

    month: int
    ahead: str | None
    on_track: str
    yellow: str | None


class LadderConditionRecord(TypedDict):
    """A condition of an escalation step: `months` or more in a row of a run (yellow: lagging or
    worse, red, overdue), ending at the report's month."""

    run: str
    months: int


class LadderStepRecord(TypedDict):
    step: str  # 提醒, 督办, 约谈 …
    when: list[LadderConditionRecord]  # any one of them reaches the step


class _SettingsFields(TypedDict):
    tolerance: str
    ahead_margin: str
    red_gap: str
    count_units: list[str]  # units that count whole things, beyond the built-in ones (version 2)
    mode: str  # points, relative or bands (version 3)
    bands: list[BandRecord]  # for the bands mode (version 3)


class SettingsRecord(_SettingsFields, total=False):
    """What version 3 added later is left out at its default: a plan without its own escalation
    ladder is judged by the default one (rules.DEFAULT_LADDER) and stored as it was before, and
    `share_tolerance` at "0" means region shares add up exactly."""

    escalation: list[LadderStepRecord]  # the steps, lowest first
    answer_days: int  # days a follow-up may wait for its answer (default ANSWER_DAYS)
    share_tolerance: str  # percent of an indicator's target its region shares may be off by


class TrajectoryPointRecord(TypedDict):
    month: int
    percent: str


class StageScheduleRecord(TypedDict):
    """A target and a due date (or trajectory) for a stage the indicator's target does not count:
    应开工未开工 is its shortfall once due (version 3). A milestone's stage has no target."""

    stage: str
    target: str | None
    deadline: str | None
    trajectory: list[TrajectoryPointRecord]


class ChangeRecord(TypedDict):
    """A change of one of an indicator's measures (rules.CHANGEABLE), version 3: approved from a
    month on (`from_month`: reports before it keep `old`), or a correction for every month (None)."""

    at: str
    from_month: int | None
    reason: str | None
    field: str
    old: str | list[TrajectoryPointRecord] | None
    new: str | list[TrajectoryPointRecord] | None


class ShareRecord(TypedDict):
    """A region's share of an indicator's target (version 3)."""

    region: str
    target: str


class _IndicatorFields(TypedDict):
    id: str
    name: str
    kind: str
    target: str | None
    unit: str
    baseline: str | None
    owners: list[str]
    deadline: str | None
    stages: list[str]
    counts: str | None
    trajectory: list[TrajectoryPointRecord]


class IndicatorRecord(_IndicatorFields, total=False):
    """What version 3 added is left out at its default (none, none, [], []): most indicators have
    no limit, stage schedule or change, and are stored, read and written as they were before."""

    at_most: str | None  # a ceiling (控制在4.3%以内)
    at_least: str | None  # a floor
    stage_schedules: list[StageScheduleRecord]
    changes: list[ChangeRecord]  # in the order made
    regions: list[ShareRecord]  # the target broken down by region (任务分解)


# What is left out of an indicator's record at its default (see IndicatorRecord).
INDICATOR_DEFAULTS: dict[str, object] = {
    "at_most": None,
    "at_least": None,
    "stage_schedules": [],
    "changes": [],
    "regions": [],
}


def compact(indicator: IndicatorRecord) -> IndicatorRecord:
    """`indicator` without the fields that hold their default, as the store keeps it."""
    for key, default in INDICATOR_DEFAULTS.items():
        if key in indicator and indicator[key] == default:  # type: ignore[literal-required]
            del indicator[key]  # type: ignore[misc]
    return indicator


class ProjectRecord(TypedDict):
    number: int
    title: str
    owners: list[str]
    indicators: list[IndicatorRecord]


class _EntryKey(TypedDict):
    indicator: str
    month: int


class _SourceKey(TypedDict):
    file: str
    row: int


class SourceRecord(_SourceKey, total=False):
    """Where an imported entry came from (version 3): the file's name and the sheet row, and
    the department of a form made by `shishi forms` (left out for any other file)."""

    department: str


class EntryRecord(_EntryKey, total=False):
    """Optional fields are left out rather than null: 60,000 entries parse faster."""

    stage: str
    value: str
    note: str
    at: str
    label: str  # the department's or the bulletin's own word for it (进展顺利), version 3
    region: str  # of an indicator broken down by region: the region the figure is of
    source: SourceRecord  # the file and row import-progress read it from, version 3


class HistoryRecord(TypedDict):
    at: str
    command: str
    summary: str


class _FollowUpFields(TypedDict):
    indicator: str
    month: int  # the report month it follows up
    action: str  # 督办, 约谈 …
    date: str  # the day the action was taken (ISO)
    at: str  # when it was recorded


class FollowUpRecord(_FollowUpFields, total=False):
    """An action the office took about an indicator, and the department's answer (version 3)."""

    note: str  # 市督查室督办单〔2022〕12号
    answer: str
    answered: str  # the day of the answer (ISO)


class DepartmentRecord(TypedDict):
    """A department the plan declares (version 3): its full name and the short names people use
    for it (市住房城乡建设局: 住建局, 市住建局)."""

    name: str
    aliases: list[str]


class RegionRecord(TypedDict):
    """A region the plan declares (version 3): 湘西土家族苗族自治州, short name 湘西州."""

    name: str
    aliases: list[str]


class _PlanFields(TypedDict):
    year: int
    title: str
    settings: SettingsRecord
    projects: list[ProjectRecord]
    progress: list[EntryRecord]
    history: list[HistoryRecord]


class PlanRecord(_PlanFields, total=False):
    """`departments` (version 3) is left out when the plan declares none: a plan that does not is
    stored, read and written as before. Its projects' and indicators' owners are departments too,
    declared or not. The follow-ups (version 3) are left out while there are none too."""

    departments: list[DepartmentRecord]
    follow_ups: list[FollowUpRecord]
    regions: list[RegionRecord]  # left out when the plan declares none, as departments


class StoreRecord(TypedDict):
    schema_version: int
    plans: dict[str, PlanRecord]


def default_settings() -> SettingsRecord:
    return {
        "tolerance": "10",
        "ahead_margin": "5",
        "red_gap": "30",
        "count_units": [],
        "mode": "points",
        "bands": [],
    }


def new_store() -> StoreRecord:
    return {"schema_version": SCHEMA_VERSION, "plans": {}}
