"""Plans and progress to and from table rows (import and export), all or nothing.

No I/O: tables.py reads and writes the files. An import applies every row to a copy of the
plan, collects every bad row with its reason, and hands back the new plan only when none
was bad; exporting a plan and its progress and importing both into a new plan of the same
year gives the same projects, indicators and entries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import orjson

from . import plans
from .errors import ShishiError
from .i18n import _, ngettext
from .numbers import format_decimal, split_departments, split_names, to_decimal
from .records import EntryRecord, IndicatorRecord, PlanRecord, default_settings

PLAN_COLUMNS = [
    "project", "project_title", "project_owners", "indicator", "name", "target", "unit", "owners",
    "deadline", "kind", "stages", "counts", "baseline", "trajectory", "at_most", "at_least",
    "stage_targets", "stage_deadlines", "stage_trajectories",
]  # fmt: skip
PROGRESS_COLUMNS = ["indicator", "month", "value", "stage", "note", "at"]
REQUIRED_PLAN = ("project",)
REQUIRED_PROGRESS = ("indicator", "month", "value")

# Column headers as a Chinese office writes them: each stands for the column it names. (Export
# writes the English names, which are the file format; import takes either.)
PLAN_HEADERS = {
    "项目": "project", "项目编号": "project", "件": "project", "项目标题": "project_title",
    "项目名称": "project_title", "实事": "project_title", "项目责任单位": "project_owners",
    "指标编号": "indicator", "编号": "indicator", "指标": "name", "指标名称": "name", "名称": "name",
    "目标": "target", "目标值": "target", "单位": "unit", "责任单位": "owners",
    "完成时限": "deadline", "类型": "kind", "阶段": "stages", "计数阶段": "counts",
    "基数": "baseline", "进度计划": "trajectory", "上限": "at_most", "下限": "at_least",
    "阶段目标": "stage_targets", "阶段完成时限": "stage_deadlines", "阶段进度计划": "stage_trajectories",
}  # fmt: skip
PROGRESS_HEADERS = {
    "指标": "indicator", "指标编号": "indicator", "编号": "indicator", "月份": "month", "月": "month",
    "数值": "value", "累计": "value", "累计值": "value", "累计完成": "value", "进展": "value",
    "完成值": "value", "阶段": "stage", "备注": "note", "说明": "note", "记录时间": "at",
    "地区": "region", "市州": "region", "区市": "region",
}  # fmt: skip
# A figure of a region of an indicator's breakdown (issue 18): a column of its own, after the others,
# written only by a plan with such figures.
REGION_COLUMN = "region"

Tick = Callable[[], None]
T = TypeVar("T")


class RowsError(ShishiError):
    """Rows of a file that cannot be imported: every one of them, with its reason."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.source = source
        self.problems = problems
        row, reason = problems[0]
        if len(problems) > 1:
            message = _("{source}: row {row}: {reason} (and {more} more bad rows)").format(
                source=source, row=row, reason=reason, more=len(problems) - 1
            )
        else:
            message = _("{source}: row {row}: {reason}").format(source=source, row=row, reason=reason)
        super().__init__(message, hint=_("nothing was imported"))

    def lines(self) -> list[str]:
        """A line per bad row, the first SHOWN of them (a file of a million bad rows is no
        million lines on a terminal), then how many there were."""
        each = _("{source}: row {row}: {reason}")
        rows = [
            each.format(source=self.source, row=n, reason=" ".join(reason.split()))
            for n, reason in self.problems[:SHOWN]
        ]
        bad = len(self.problems)
        if bad > SHOWN:
            total = _("{source}: {n} bad rows, the first {shown} shown; nothing was imported")
        else:
            total = ngettext(
                "{source}: {n} bad row; nothing was imported",
                "{source}: {n} bad rows; nothing was imported",
                bad,
            )
        return rows + [total.format(source=self.source, n=bad, shown=SHOWN)]


SHOWN = 50  # bad rows an import names, one line each


@dataclass
class Outcome:
    """What an import did (or, with --dry-run, would do)."""

    plan: PlanRecord
    projects: int = 0
    indicators: int = 0
    entries: int = 0
    corrections: int = 0
    skipped: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    fractions: list[int] = field(default_factory=list)  # rows with a fraction of a count unit
    defined: dict[str, int] = field(default_factory=dict)  # indicators the file adds: their rows
    # (first row, later row, indicator, month): one file giving one figure twice, differently
    repeated: list[tuple[int, int, str, int]] = field(default_factory=list)


def _copy(plan: PlanRecord) -> PlanRecord:
    copy: PlanRecord = orjson.loads(orjson.dumps(plan))
    return copy


def missing_columns(header: Sequence[str], required: Iterable[str]) -> list[str]:
    return [c for c in required if c not in header]


# --- import ----------------------------------------------------------------------------------------

_MONTH = re.compile(r"^(?:(\d{4})[-/年.])?(\d{1,2})(?:月(?:份)?|(?:[-/.]\d{1,2})?)?$")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_month(text: str, year: int) -> int:
    """ "6", "6月", "6月份", "2022-06" -> 6 (a year other than the plan's is refused)."""
    match = _MONTH.match(text.strip().replace(" ", ""))
    if not match:
        raise ValueError(_("month {month!r} is not a month; use 1 to 12").format(month=text))
    if match[1] and int(match[1]) != year:
        raise ValueError(_("month {month!r} is not in the {year} plan").format(month=text, year=year))
    month = int(match[2])
    if not 1 <= month <= 12:
        raise ValueError(_("month {month} is out of range; use 1 to 12").format(month=month))
    return month


def parse_date(text: str) -> date:
    """2022-11-30, 2022/11/30, 2022年11月30日."""
    match = _DATE.match(text.strip())
    try:
        if match is None:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(_("{date!r} is not a date; write it as 2022-11-30").format(date=text)) from None


def _kind(text: str) -> str | None:
    value = text.strip().lower()
    if not value:
        return None
    if value not in _KINDS:
        raise ValueError(
            _("kind {kind!r} is unknown; use quantity or milestone ({words})").format(
                kind=text, words="、".join(k for k in _KINDS if not k.isascii())
            )
        )
    return _KINDS[value]


# A kind as offices write it: the words of the Chinese interface, and the usual synonyms.
_KINDS = {
    "quantity": "quantity", "数量": "quantity", "数量型": "quantity", "定量": "quantity",
    "milestone": "milestone", "节点": "milestone", "节点型": "milestone", "里程碑": "milestone",
}  # fmt: skip


def import_plan(plan: PlanRecord, rows: Iterable[Any], now: str, tick: Tick | None = None) -> Outcome:
    """Create or extend projects and indicators from rows of PLAN_COLUMNS (all optional but
    `project`). An indicator that exists with the same definition is skipped."""
    outcome = Outcome(_copy(plan))
    work = outcome.plan
    rows = list(rows)
    # Without a project_owners column, a project the file creates gets the union of its rows'
    # departments; an existing project keeps its own.
    known = {p["number"] for p in plan["projects"]}
    owners_of: dict[int, list[str]] = {p["number"]: p["owners"] for p in plan["projects"]}
    for row in rows:
        number = row.cells.get("project", "")
        if (
            number.isascii()
            and number.isdecimal()
            and int(number) not in known
            and "project_owners" not in row.cells
        ):
            for owner in split_departments(row.cells.get("owners", "")):
                owners_of.setdefault(int(number), [])
                if owner not in owners_of[int(number)]:
                    owners_of[int(number)].append(owner)
    history = len(work["history"])
    for row in rows:
        try:
            _plan_row(work, row.cells, now, outcome, owners_of, row.number)
        except (ShishiError, ValueError) as error:
            outcome.problems.append((row.number, str(error)))
        if tick:
            tick()
    del work["history"][history:]  # the import is recorded as one change, not one per row
    return outcome


def _plan_row(
    plan: PlanRecord,
    cells: dict[str, str],
    now: str,
    outcome: Outcome,
    owners_of: dict[int, list[str]],
    row: int,
) -> None:
    text = cells.get("project", "")
    if not (text.isascii() and text.isdecimal()):
        if not text:
            raise ValueError(_("no project number"))
        raise ValueError(_("project {project!r} is not a project number").format(project=text))
    number = int(text)
    title = cells.get("project_title", "")
    explicit = "project_owners" in cells  # the column says it all, even an empty cell
    project_owners = split_departments(cells["project_owners"]) if explicit else owners_of.get(number, [])
    existing = next((p for p in plan["projects"] if p["number"] == number), None)
    if existing is None:
        if not title:
            raise ValueError(_("project {project} is new: give its project_title").format(project=number))
        plans.add_project(plan, number, title, project_owners, now)
        outcome.projects += 1
    elif title and title != existing["title"]:
        raise ValueError(
            _(
                "project {project} is {title!r} in the plan, not {given!r}; change it with edit-project first"
            ).format(project=number, title=existing["title"], given=title)
        )
    elif explicit and project_owners != existing["owners"]:
        raise ValueError(
            _(
                "project {project}'s departments are {owners} in the plan, not {given}; "
                "change them with edit-project first"
            ).format(
                project=number,
                owners="、".join(existing["owners"]) or _("none"),
                given="、".join(project_owners) or _("none"),
            )
        )
    name = cells.get("name", "")
    ident = cells.get("indicator", "") or None
    if not name and not ident:
        return  # a row that only names its project
    if not name:
        raise ValueError(_("indicator {indicator} has no name").format(indicator=ident))
    owners = split_departments(cells.get("owners", ""))
    if not explicit and owners == owners_of.get(number, []):
        owners = []  # the project's departments: the indicator inherits them
    spec = plans.IndicatorSpec(
        name=name,
        target=cells.get("target") or None,
        unit=cells.get("unit", ""),
        owners=owners,
        deadline=parse_date(cells["deadline"]) if cells.get("deadline") else None,
        kind=_kind(cells.get("kind", "")),
        stages=split_names(cells.get("stages", "")),
        counts=cells.get("counts") or None,
        baseline=cells.get("baseline") or None,
        trajectory=_trajectory(cells.get("trajectory", "")),
        at_most=cells.get("at_most") or None,
        at_least=cells.get("at_least") or None,
        stage_targets=_by_stage(cells.get("stage_targets", ""), str),
        stage_deadlines=_by_stage(cells.get("stage_deadlines", ""), parse_date),
        stage_trajectories=_by_stage(cells.get("stage_trajectories", ""), _stage_trajectory),
    )
    current = None
    if ident is not None:
        current = next((i for p in plan["projects"] for i in p["indicators"] if i["id"] == ident), None)
    else:  # no id given: the project's indicator of that name, if it has one
        project = plans.find_project(plan, number)
        current = next((i for i in project["indicators"] if i["name"] == name), None)
        ident = current["id"] if current is not None else None
    if current is not None:
        in_project = plans.find_indicator(plan, current["id"])[0]["number"]
        wanted = plans.new_indicator(plan, current["id"], spec)
        if "changes" in current:  # kept with the plan; a sheet holds the definition now
            wanted["changes"] = current["changes"]
        if wanted != current or in_project != number:
            differing = [
                f"{key} {plans.shown(current.get(key))} -> {plans.shown(wanted.get(key))}"
                for key in dict.fromkeys([*current, *wanted])  # (a field left out at its default)
                if wanted.get(key) != current.get(key)
            ]
            if in_project != number:
                differing.insert(0, f"project {in_project} -> {number}")
            if current["id"] in outcome.defined:  # not in the plan before: twice in this file
                raise ValueError(
                    _(
                        "indicator {indicator} is also on row {row} of this file, defined otherwise "
                        "({differences}); an id typed 1.10 that Excel keeps as the number 1.1 reads so"
                    ).format(
                        indicator=current["id"],
                        row=outcome.defined[current["id"]],
                        differences="; ".join(differing),
                    )
                )
            raise ValueError(
                _(
                    "indicator {indicator} exists with another definition ({differences}); "
                    "change it with edit-indicator"
                ).format(indicator=ident, differences="; ".join(differing))
            )
        outcome.skipped += 1  # the same definition again: an import run twice adds nothing
        return
    added = plans.add_indicator(plan, number, spec, now, ident)
    outcome.defined[added["id"]] = row
    outcome.indicators += 1


def _by_stage(text: str, parse: Callable[[str], T]) -> dict[str, T] | None:
    """A cell of a value for each stage: 开工=30;投用=20 (None when empty)."""
    parts = [p.strip() for p in text.replace("；", ";").split(";") if p.strip()]
    if not parts:
        return None
    found: dict[str, T] = {}
    for part in parts:
        stage, sep, value = part.replace("＝", "=").partition("=")
        if not sep or not stage.strip():
            raise ValueError(_("{part!r} is not STAGE=VALUE; e.g. 开工=30;投用=20").format(part=part))
        found[stage.strip()] = parse(value.strip())
    return found


def _stage_trajectory(text: str) -> list[tuple[int, Any]]:
    from .numbers import parse_trajectory

    return parse_trajectory(text)


def _trajectory(text: str) -> list[tuple[int, Any]] | None:
    if not text.strip():
        return None
    from .numbers import parse_trajectory

    return parse_trajectory(text.replace(";", ","))


def import_progress(plan: PlanRecord, rows: Iterable[Any], now: str, tick: Tick | None = None) -> Outcome:
    """Add entries from rows of PROGRESS_COLUMNS: every row checked, then applied.

    A row repeating what the plan has (the figure in force for that month and stage; with an
    `at` column, the very entry) is skipped, so an import run twice adds nothing. Another
    figure is a correction. Without `at`, a later row for the same indicator, month and stage
    corrects an earlier one in the same file: only the last is taken.
    """
    outcome = Outcome(_copy(plan))
    work = outcome.plan
    # For each indicator, a plan holding only it: what add_progress needs to check a row,
    # found in constant time however large the plan.
    alone: dict[str, PlanRecord] = {
        ind["id"]: {**work, "projects": [{**p, "indicators": [ind]}], "progress": [], "history": []}
        for p in work["projects"]
        for ind in p["indicators"]
    }
    parsed: list[tuple[EntryRecord, bool]] = []
    numbers: list[int] = []  # each parsed entry's row
    for row in rows:
        try:
            added = _parse_progress_row(work, alone, row.cells, now)
            parsed.append((added.entry, bool(row.cells.get("at"))))
            numbers.append(row.number)
            if added.fraction:
                outcome.fractions.append(row.number)
        except (ShishiError, ValueError) as error:
            outcome.problems.append((row.number, str(error)))
        if tick:
            tick()
    if outcome.problems:
        return outcome

    def key(entry: EntryRecord) -> tuple[str, int, str | None, str | None]:
        milestone = entry.get("value") is None  # a milestone's stages share one series
        stage = None if milestone else entry.get("stage")
        return entry["indicator"], entry["month"], stage, entry.get("region")

    last = {key(entry): n for n, (entry, stamped) in enumerate(parsed) if not stamped}
    # Two rows for the same indicator, month and stage that differ (figure or note): the later is
    # taken, as a correction, but said (an id typed 1.10 that Excel kept as the number 1.1 looks so).
    first: dict[tuple[str, int, str | None, str | None], int] = {}
    for n, (entry, stamped) in enumerate(parsed):
        k = key(entry)
        if stamped:
            continue
        if k in first and _figure(parsed[first[k]][0]) != _figure(entry):
            outcome.repeated.append((numbers[first[k]], numbers[n], k[0], k[1]))
        first.setdefault(k, n)
    existing = Counter(_identity(e) for e in work["progress"])
    in_force: dict[tuple[str, int, str | None, str | None], EntryRecord] = {}
    for entry in work["progress"]:
        in_force[key(entry)] = entry
    stamps = {(*key(e), e.get("at")) for e in work["progress"]}
    for n, (entry, stamped) in enumerate(parsed):
        k = key(entry)
        if stamped:
            if existing[_identity(entry)] > 0:  # this very entry is there already
                existing[_identity(entry)] -= 1
                outcome.skipped += 1
                continue
            if (*k, entry.get("at")) in stamps:  # an exported figure edited since: made now
                entry["at"] = now
        else:
            if last[k] != n:
                continue  # corrected by a later row of the file
            current = in_force.get(k)
            if current is not None and (current.get("value"), current.get("stage")) == (
                entry.get("value"),
                entry.get("stage"),
            ):
                outcome.skipped += 1
                continue
        if k in in_force:
            outcome.corrections += 1
        work["progress"].append(entry)
        in_force[k] = entry
        outcome.entries += 1
    return outcome


def _figure(entry: EntryRecord) -> tuple[str | None, str | None, str | None]:
    return entry.get("value"), entry.get("stage"), entry.get("note")


def _identity(entry: EntryRecord) -> tuple[Any, ...]:
    return (
        entry["indicator"], entry["month"], entry.get("stage"), entry.get("value"), entry.get("at"),
        entry.get("region"),
    )  # fmt: skip


def _parse_progress_row(
    plan: PlanRecord, alone: dict[str, PlanRecord], cells: dict[str, str], now: str
) -> plans.Added:
    """The entry a row describes, checked as add-progress checks it."""
    ident = cells.get("indicator", "")
    if not ident:
        raise ValueError(_("no indicator id"))
    if ident not in alone:  # (said without looking through the plan: 60,000 such rows stay quick)
        raise plans.no_indicator(plan, ident)
    indicator = alone[ident]["projects"][0]["indicators"][0]
    month = parse_month(cells.get("month", ""), plan["year"])
    value = cells.get("value", "")
    stage = cells.get("stage") or None
    if indicator["kind"] == "milestone" and not value and stage:
        value, stage = stage, None
    if not value:
        raise ValueError(_("no value"))
    at = cells.get("at") or now
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", at):
        raise ValueError(_("at {at!r} is not a time stamp like 2022-07-27T09:30:00").format(at=at))
    probe: PlanRecord = {**alone[ident], "progress": []}
    region = cells.get(REGION_COLUMN) or None
    note = cells.get("note") or None
    return plans.add_progress(probe, ident, value, month, at, stage=stage, note=note, region=region)


# --- export ----------------------------------------------------------------------------------------


def left_out_of_sheet(plan: PlanRecord) -> tuple[list[str], bool]:
    """What a plan sheet cannot carry: the ids of indicators with a change approved from a month
    on (reports before it judge by the old definition), and whether the plan's rules (thresholds,
    mode, bands) are other than the defaults."""
    dated = [
        ind["id"]
        for project in plan["projects"]
        for ind in project["indicators"]
        if any(c["from_month"] is not None for c in ind.get("changes", ()))
    ]
    settings = plan["settings"]
    defaults = default_settings()
    rules_set = any(
        settings[k] != defaults[k] for k in ("tolerance", "ahead_margin", "red_gap", "mode", "bands")
    )
    return dated, rules_set


def plan_rows(plan: PlanRecord) -> list[list[object]]:
    """One row per indicator (and one per project without indicators), PLAN_COLUMNS."""
    rows: list[list[object]] = []
    for project in plan["projects"]:
        head: list[object] = [project["number"], project["title"], ";".join(project["owners"])]
        if not project["indicators"]:
            rows.append(head + [""] * (len(PLAN_COLUMNS) - 3))
        for ind in project["indicators"]:
            rows.append(head + _indicator_cells(ind))
    return rows


def _indicator_cells(ind: IndicatorRecord) -> list[object]:
    trajectory = ",".join(f"{p['month']}:{p['percent']}" for p in ind["trajectory"])
    schedules = ind.get("stage_schedules", [])
    return [
        ind["id"],
        ind["name"],
        _number(ind["target"]),
        ind["unit"],
        ";".join(ind["owners"]),
        ind["deadline"] or "",
        ind["kind"],
        ";".join(ind["stages"]),
        ind["counts"] or "",
        _number(ind["baseline"]),
        trajectory,
        _number(ind.get("at_most")),
        _number(ind.get("at_least")),
        ";".join(f"{s['stage']}={s['target']}" for s in schedules if s["target"] is not None),
        ";".join(f"{s['stage']}={s['deadline']}" for s in schedules if s["deadline"] is not None),
        ";".join(
            f"{s['stage']}=" + ",".join(f"{p['month']}:{p['percent']}" for p in s["trajectory"])
            for s in schedules
            if s["trajectory"]
        ),
    ]


def _number(text: str | None) -> object:
    """A quantity for a spreadsheet: a real number cell, exact (15 significant digits)."""
    if text is None:
        return ""
    value = to_decimal(text)
    return int(value) if value == value.to_integral_value() else float(format_decimal(value))


def progress_header(plan: PlanRecord) -> list[str]:
    """PROGRESS_COLUMNS, and the region column when a figure is of a region."""
    regional = any("region" in e for e in plan["progress"])
    return [*PROGRESS_COLUMNS, REGION_COLUMN] if regional else PROGRESS_COLUMNS


def progress_rows(plan: PlanRecord) -> list[list[object]]:
    """Every entry in the order it was made (corrections after what they correct)."""
    regional = any("region" in e for e in plan["progress"])
    return [
        [e["indicator"], e["month"], _number(e.get("value")) if e.get("value") is not None else "",
         e.get("stage") or "", e.get("note") or "", e.get("at") or ""]
        + ([e.get("region") or ""] if regional else [])
        for e in plan["progress"]
    ]  # fmt: skip


_LIST_COLUMNS = frozenset({"project_owners", "owners", "stages"})


def json_rows(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[dict[str, object]]:
    """Table rows as JSON objects: an empty cell is null, a list column a list."""
    return [
        {
            name: (
                [part for part in str(cell).split(";") if part]
                if name in _LIST_COLUMNS
                else (None if cell == "" else cell)
            )
            for name, cell in zip(header, row, strict=True)
        }
        for row in rows
    ]


def describe(outcome: Outcome, what: str) -> str:
    """ "2 projects, 50 indicators" / "56 entries (3 corrections), 4 already there", in the
    interface language (the plan's history records it under `i18n.english()`)."""
    parts = []
    if what == "plan":
        if outcome.projects:
            parts.append(ngettext("{n} project", "{n} projects", outcome.projects).format(n=outcome.projects))
        if outcome.indicators:
            parts.append(
                ngettext("{n} indicator", "{n} indicators", outcome.indicators).format(n=outcome.indicators)
            )
    elif outcome.entries:
        entries = ngettext("{n} entry", "{n} entries", outcome.entries).format(n=outcome.entries)
        if outcome.corrections:
            entries = ngettext(
                "{entries} ({n} correction)", "{entries} ({n} corrections)", outcome.corrections
            ).format(entries=entries, n=outcome.corrections)
        parts.append(entries)
    if outcome.skipped:
        parts.append(_("{n} already there").format(n=outcome.skipped))
    # Translators: the separator between the counts of an import summary.
    return _(", ").join(parts)


def notes(outcome: Outcome) -> list[str]:
    """What an import took but an office should look at again: one sentence each."""
    said = [
        _("rows {first} and {later} both give {indicator} month {month}: row {later} is taken").format(
            first=first, later=later, indicator=indicator, month=month
        )
        for first, later, indicator, month in outcome.repeated[:5]
    ]
    if len(outcome.repeated) > 5:
        more = len(outcome.repeated) - 5
        said.append(
            ngettext("{count} more row like that", "{count} more rows like that", more).format(count=more)
        )
    if outcome.fractions:
        rows = ", ".join(map(str, outcome.fractions[:10])) + ("…" if len(outcome.fractions) > 10 else "")
        said.append(
            ngettext(
                "row {rows} holds a fraction of a unit that counts whole things (个, 台 …)",
                "rows {rows} hold fractions of units that count whole things (个, 台 …)",
                len(outcome.fractions),
            ).format(rows=rows)
        )
    return said


def changed(outcome: Outcome) -> bool:
    return bool(outcome.projects or outcome.indicators or outcome.entries)
