"""Plans and progress to and from table rows (import and export), all or nothing.

No I/O: tables.py reads and writes the files. An import applies every row to a copy of the
plan, collects every bad row with its reason, and hands back the new plan only when none
was bad; exporting a plan and its progress and importing both into a new plan of the same
year gives the same projects, indicators and entries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

import orjson

from . import plans, rules
from .errors import ShishiError
from .i18n import N_, NP_, _, ngettext, pgettext
from .numbers import format_decimal, month_of, project_number_of, split_departments, split_names, to_decimal
from .records import EntryRecord, IndicatorRecord, PlanRecord, SourceRecord, default_settings
from .rule_messages import raise_refusal
from .said import Said, joined, said, said_plural
from .said import text as said_text

PLAN_COLUMNS = [
    "project", "project_title", "project_owners", "indicator", "name", "target", "unit", "owners",
    "deadline", "kind", "stages", "counts", "baseline", "trajectory", "at_most", "at_least",
    "stage_targets", "stage_deadlines", "stage_trajectories", "department", "short_names",
]  # fmt: skip
PROGRESS_COLUMNS = ["indicator", "month", "value", "stage", "note", "at", "label"]
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
    "责任单位全称": "department", "简称": "short_names",
}  # fmt: skip
PROGRESS_HEADERS = {
    "指标": "indicator", "指标编号": "indicator", "编号": "indicator", "月份": "month", "月": "month",
    "数值": "value", "累计": "value", "累计值": "value", "累计完成": "value", "进展": "value",
    "完成值": "value", "阶段": "stage", "备注": "note", "说明": "note", "记录时间": "at",
    "标签": "label", "进展标签": "label", "进展评价": "label", "评价": "label",
    "地区": "region", "市州": "region", "区市": "region",
}  # fmt: skip
# A figure of a region of an indicator's breakdown (issue 18): a column of its own, after the others,
# written only by a plan with such figures.
REGION_COLUMN = "region"


class ProgressHeaders(Mapping[str, str]):
    """PROGRESS_HEADERS and the headers offices write around them: 累计完成值, 1-9月累计,
    截至9月底累计完成 (the cumulative figure), 本月完成 (this month's increase, `delta`), 指标名称
    (`name`: an indicator found by its name). Keys are headers as tables.py normalises them."""

    _named = {
        **PROGRESS_HEADERS, "累计完成值": "value", "累计完成数": "value", "累计完成量": "value",
        "累计完成情况": "value", "累计进展": "value", "本月完成": "delta", "本月完成值": "delta",
        "本月完成数": "delta", "当月完成": "delta", "当月完成值": "delta", "本月新增": "delta",
        "当月新增": "delta", "指标名称": "name", "名称": "name", "指标内容": "name", "项目指标": "name",
    }  # fmt: skip
    # (tables.py writes "1-9月" as "1_9月": its header names join words with _)
    _month = r"(?:\d{4}年)?(?:(?:1|一)[_~～—至到])?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份|底|末)?"
    _patterns = (
        (re.compile(rf"^(?:截至|截止|至)?{_month}(?:累计|止累计)(?:完成)?(?:值|数|量|情况)?$"), "value"),
        (re.compile(rf"^{_month}完成(?:值|数|量)?$"), "delta"),
    )

    def __getitem__(self, name: str) -> str:
        if name in self._named:
            return self._named[name]
        for pattern, column in self._patterns:
            if pattern.match(name):
                return column
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._named)

    def __len__(self) -> int:
        return len(self._named)

    def values(self) -> Any:  # the columns these headers name (tables.py: which names are known)
        return set(self._named.values())


OFFICE_HEADERS = ProgressHeaders()
# A footer line: its first filled cell is one of these words and a colon (填表人：王芳), or a total.
_FOOTER = re.compile(
    r"^(?:填表人|填报人|联系人|联系电话|电话|手机|审核人|审核|负责人|单位负责人|分管领导|制表人|制表|"
    r"填报日期|日期|备注|说明|注)\s*[：:]|^(?:合\s*计|小\s*计|总\s*计)$"
)


# A date written alone under a table, as an office signs it off (2023年1月10日, 2023-01-10).
_DATE_LINE = re.compile(r"^\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})$")


def _signed_off(cells: list[str]) -> bool:
    """Whether a row's only filled cell is a date: the day a table was signed off."""
    filled = [cell for cell in cells if cell]
    return len(filled) == 1 and bool(_DATE_LINE.match(filled[0].strip()))


def footer(cells: list[str], values: dict[str, str]) -> bool:
    """Whether a row after the data is a footer line, passed over: its first filled cell is a
    footer word with a colon (填表人：王芳  联系电话：…) or a total (合计), or a date alone (the day
    it was signed off), or it names no indicator and gives no figure (a signature line). A row
    with a figure but no indicator is not one: it is an error, so no figure is ever passed over
    unsaid."""
    first = next((cell for cell in cells if cell), "")
    if _FOOTER.match(first) or _signed_off(cells):
        return True
    return not any(values.get(name) for name in ("indicator", "name", "value", "delta"))


def plan_footer(cells: list[str], values: dict[str, str]) -> bool:
    """Whether a row after a plan sheet's data is a footer line, passed over: its first filled
    cell is a footer word with a colon (制表人：张三  联系电话：…) or a total (合计). A row naming
    only its project is not one: it creates that project. Nor is a date alone (2023年1月10日):
    the day the sheet was signed off, not a project."""
    return bool(_FOOTER.match(next((cell for cell in cells if cell), ""))) or _signed_off(cells)


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


class FilesError(ShishiError):
    """Bad rows in several files of one import: each file's lines, then how many in all."""

    def __init__(self, errors: list[RowsError], files: int) -> None:
        self.errors = errors
        self.files = files
        super().__init__(errors[0].message, hint=errors[0].hint)

    def lines(self) -> list[str]:
        said = [line for error in self.errors for line in error.lines()[:-1]]
        bad = sum(len(error.problems) for error in self.errors)
        total = ngettext(
            "{n} bad row in {bad_files} of {files} files; nothing was imported",
            "{n} bad rows in {bad_files} of {files} files; nothing was imported",
            bad,
        ).format(n=bad, bad_files=len(self.errors), files=self.files)
        return [*said, total]


@dataclass
class Outcome:
    """What an import did (or, with --dry-run, would do)."""

    plan: PlanRecord
    projects: int = 0
    indicators: int = 0
    departments: int = 0
    entries: int = 0
    corrections: int = 0
    skipped: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    fractions: list[int] = field(default_factory=list)  # rows with a fraction of a count unit
    defined: dict[str, int] = field(default_factory=dict)  # indicators the file adds: their rows
    # (first row, later row, indicator, month): one file giving one figure twice, differently
    repeated: list[tuple[int, int, str, int]] = field(default_factory=list)
    # (row, entry, the entry it corrects or None): each figure the import takes, in order
    taken: list[tuple[int, EntryRecord, EntryRecord | None]] = field(default_factory=list)
    # (row, indicator, month, later month): a figure above a later month's (cumulative figures)
    above_later: list[tuple[int, str, int, int]] = field(default_factory=list)
    # (indicator, month, stage, region) -> (row, the figure): what the file gives, its last row for each
    figures: dict[tuple[str, int, str | None, str | None], tuple[int, str]] = field(default_factory=dict)
    # (entry, the same with another note or label): what a 本月完成 row of the same figure changed
    rewritten: list[tuple[EntryRecord, EntryRecord]] = field(default_factory=list)


def _copy(plan: PlanRecord) -> PlanRecord:
    """A copy of the plan for an import of a plan to change: its progress entries are not copied
    (such an import adds none and changes none; the list is the copy's own)."""
    copy: PlanRecord = orjson.loads(orjson.dumps({**plan, "progress": []}))
    copy["progress"] = list(plan["progress"])
    return copy


def missing_columns(header: Sequence[str], required: Iterable[str]) -> list[str]:
    return [c for c in required if c not in header]


def missing_progress_columns(header: Sequence[str], month_named: bool) -> list[str]:
    """What a progress table lacks: an indicator (id or name), a month (unless the table names
    it) and a figure (cumulative, or this month's increase)."""
    missing = []
    if "indicator" not in header and "name" not in header:
        missing.append("indicator")
    if "month" not in header and not month_named:
        missing.append("month")
    if "value" not in header and "delta" not in header:
        missing.append("value")
    return missing


# Each column as a message names it: in Chinese, the header an office writes.
_COLUMN_WORDS = {
    "indicator": NP_("column", "indicator"), "month": NP_("column", "month"),
    "value": NP_("column", "value"), "stage": NP_("column", "stage"), "note": NP_("column", "note"),
}  # fmt: skip


def column_words(columns: Iterable[str]) -> str:
    return pgettext("list of names", ", ").join(
        pgettext("column", _COLUMN_WORDS[c]) if c in _COLUMN_WORDS else c for c in columns
    )


# --- import ----------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
# A month's end (2022年11月底) or, in a plan of a known year, a day or month end without it (11月30日).
_MONTH_END = re.compile(
    r"^(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*日|底|末|末前|底前)$"
)


def parse_month(text: str, year: int) -> int:
    """ "6", "6月", "六月", "1-6月", "2022年6月", "2022-06" -> 6 (a year other than the plan's is refused)."""
    found = month_of(text)
    if found is None:
        raise ValueError(_("month {month!r} is not a month; use 1 to 12").format(month=text))
    if found[0] is not None and found[0] != year:
        raise ValueError(_("month {month!r} is not in the {year} plan").format(month=text, year=year))
    month = found[1]
    if not 1 <= month <= 12:
        raise ValueError(_("month {month} is out of range; use 1 to 12").format(month=month))
    return month


def parse_date(text: str, year: int | None = None) -> date:
    """2022-11-30, 2022/11/30, 2022年11月30日; a month's end as plans write it, 2022年11月底 (月末,
    末): its last day; and with the plan's `year` known, 11月30日 and 11月底 of that year."""
    match = _DATE.match(text.strip())
    try:
        if match is not None:
            return date(int(match[1]), int(match[2]), int(match[3]))
        end = _MONTH_END.match(text.strip())
        in_year = year if end is None or end["year"] is None else int(end["year"])
        if end is None or in_year is None:
            raise ValueError
        month = int(end["month"])
        if not 1 <= month <= 12:
            raise ValueError
        if end["day"] is not None:
            return date(in_year, month, int(end["day"]))
        return date(in_year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    except ValueError:
        raise ValueError(
            _("{date!r} is not a date; write it as 2022-11-30, 2022年11月30日 or 2022年11月底").format(
                date=text
            )
        ) from None


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
    index = plans.PlanIndex(work)  # every row finds its project, indicator, departments at once
    rows = _projects_filled_down(list(rows))
    # Without a project_owners column, a project the file creates gets the union of its rows'
    # departments; an existing project keeps its own.
    known = {p["number"] for p in plan["projects"]}
    owners_of: dict[int, list[str]] = {p["number"]: p["owners"] for p in plan["projects"]}
    for row in rows:
        number = project_number_of(row.cells.get("project", ""))
        if number is not None and number not in known and "project_owners" not in row.cells:
            for owner in split_departments(row.cells.get("owners", "")):
                owners_of.setdefault(number, [])
                if owner not in owners_of[number]:
                    owners_of[number].append(owner)
    history = len(work["history"])
    # A department row first: the projects' and indicators' rows may name it by a short name.
    for row in (r for r in rows if r.cells.get("department")):
        try:
            _department_row(work, row.cells, now, outcome, index.departments)
        except (ShishiError, ValueError) as error:
            outcome.problems.append((row.number, str(error)))
    for row in rows:
        if not row.cells.get("department"):
            try:
                _plan_row(work, row.cells, now, outcome, owners_of, row.number, index)
            except (ShishiError, ValueError) as error:
                outcome.problems.append((row.number, str(error)))
        if tick:
            tick()
    index.in_order()  # (projects by number, indicators by id: put in order once, not at every row)
    del work["history"][history:]  # the import is recorded as one change, not one per row
    return outcome


_PROJECT_CELLS = ("project", "project_title", "project_owners")


def _projects_filled_down(rows: list[Any]) -> list[Any]:
    """The rows with a blank project cell, under a row naming its project, given that project:
    an office writes a project once over its indicators' rows, in cells merged down the sheet
    (a merged cell is read as its first cell and blanks) or left blank below it. Its title and
    departments come down with it when their cells are blank too. A row with a title of its own
    but no number is not filled (a new project without its number: said as such). A department's
    row is passed over; a row naming no indicator ends the project written above it."""
    above: dict[str, str] | None = None
    filled = []
    for row in rows:
        cells = row.cells
        if cells.get("department"):
            filled.append(row)
            continue
        if cells.get("project"):
            above = {k: cells[k] for k in _PROJECT_CELLS if k in cells}
        elif (
            above is not None
            and not cells.get("project_title")
            and (cells.get("indicator") or cells.get("name"))
        ):
            given = {k: v for k, v in above.items() if not cells.get(k)}
            row = type(row)(row.number, {**cells, **given})
        else:
            above = None
        filled.append(row)
    return filled


def _department_row(
    plan: PlanRecord, cells: dict[str, str], now: str, outcome: Outcome, known: plans.Departments
) -> None:
    """A row declaring a department and its short names (the other columns empty): added when
    new, skipped when declared alike, refused when declared otherwise."""
    others = sorted(k for k, v in cells.items() if v and k not in ("department", "short_names"))
    if others:
        raise ValueError(
            _("a row naming a department declares it and holds nothing else, not {columns}").format(
                columns=", ".join(others)
            )
        )
    name, short = cells["department"], split_departments(cells.get("short_names", ""))
    found = known.resolve(name)
    have = plans.aliases(plan)
    if found is None or found not in have:
        plans.add_department(plan, name, short, now, known)
        outcome.departments += 1
    elif [rules.name_key(a) for a in have[found]] == [rules.name_key(a) for a in short if a != found]:
        outcome.skipped += 1
    else:
        raise ValueError(
            _(
                "the department {name} has the short names {have} in the plan, not {given}; "
                "change them with edit-department first"
            ).format(
                name=found, have="、".join(have[found]) or _("none"), given="、".join(short) or _("none")
            )
        )


def _plan_row(
    plan: PlanRecord,
    cells: dict[str, str],
    now: str,
    outcome: Outcome,
    owners_of: dict[int, list[str]],
    row: int,
    index: plans.PlanIndex,
) -> None:
    number = _project_number(cells.get("project", ""))
    title = cells.get("project_title", "")
    explicit = "project_owners" in cells  # the column says it all, even an empty cell
    project_owners = split_departments(cells["project_owners"]) if explicit else owners_of.get(number, [])
    existing = index.projects.get(number)
    if existing is None:
        if not title:
            raise ValueError(_("project {project} is new: give its project_title").format(project=number))
        plans.add_project(plan, number, title, project_owners, now, index)
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
        deadline=parse_date(cells["deadline"], plan["year"]) if cells.get("deadline") else None,
        kind=_kind(cells.get("kind", "")),
        stages=split_names(cells.get("stages", "")),
        counts=cells.get("counts") or None,
        baseline=cells.get("baseline") or None,
        trajectory=_trajectory(cells.get("trajectory", "")),
        at_most=cells.get("at_most") or None,
        at_least=cells.get("at_least") or None,
        stage_targets=_by_stage(cells.get("stage_targets", ""), str),
        stage_deadlines=_by_stage(
            cells.get("stage_deadlines", ""), lambda text: parse_date(text, plan["year"])
        ),
        stage_trajectories=_by_stage(cells.get("stage_trajectories", ""), _stage_trajectory),
    )
    current = None
    if ident is not None:
        found = index.indicators.get(ident)
        if found is not None and found[0]["number"] != number:
            # An id of another project (2.1 under 第1件) is a slip of the sheet, said as such,
            # not as a definition of the plan's 2.1 that would move it to project 1. (One that
            # is its project's in the plan is taken as it is, as an older store may hold it.)
            raise_refusal(rules.id_project_problems(ident, number, index.indicators))
        current = None if found is None else found[1]
    else:  # no id given: the project's indicator of that name, if it has one
        index.project(number)  # (there, or said)
        current = index.named(number, name)
        ident = current["id"] if current is not None else None
    if current is not None:
        in_project = index.indicators[current["id"]][0]["number"]
        wanted = plans.new_indicator(plan, current["id"], spec, index.departments)
        if "changes" in current:  # kept with the plan; a sheet holds the definition now
            wanted["changes"] = current["changes"]
        if "regions" in current and "regions" not in wanted:  # a plan sheet has no column of them
            wanted["regions"] = current["regions"]
        # The project's departments, written out on the row or left for the indicator to inherit,
        # are the same definition (the first import keeps what the sheet wrote).
        inherited = ((), tuple(index.indicators[current["id"]][0]["owners"]))
        if tuple(wanted["owners"]) in inherited and tuple(current["owners"]) in inherited:
            wanted["owners"] = current["owners"]
        if wanted != current or in_project != number:
            differing = [
                plans.FieldChange(key, plans.shown_said(current.get(key)), plans.shown_said(wanted.get(key)))
                for key in dict.fromkeys([*current, *wanted])  # (a field left out at its default)
                if wanted.get(key) != current.get(key)
            ]
            if in_project != number:
                differing.insert(0, plans.FieldChange("project", str(in_project), str(number)))
            if current["id"] in outcome.defined:  # not in the plan before: twice in this file
                raise ValueError(
                    _(
                        "indicator {indicator} is also on row {row} of this file, defined otherwise "
                        "({differences}); an id typed 1.10 that Excel keeps as the number 1.1 reads so"
                    ).format(
                        indicator=current["id"],
                        row=outcome.defined[current["id"]],
                        differences=plans.changes_text(differing),
                    )
                )
            raise ValueError(
                _(
                    "indicator {indicator} exists with another definition ({differences}); "
                    "change it with edit-indicator"
                ).format(indicator=ident, differences=plans.changes_text(differing))
            )
        outcome.skipped += 1  # the same definition again: an import run twice adds nothing
        return
    added = plans.add_indicator(plan, number, spec, now, ident, index)
    outcome.defined[added["id"]] = row
    outcome.indicators += 1


def _project_number(text: str) -> int:
    """The project column's cell (8, 8.0, 第8件, 第八件) as a number in range; else ValueError saying
    what it should be."""
    if not text:
        raise ValueError(_("no project number; give the project's number, such as 8 or 第8件"))
    number = project_number_of(text)
    if number is None:
        raise ValueError(
            _(
                "project {project!r} is not a project number; "
                "write a whole number from {low} to {high}, such as 8 or 第8件"
            ).format(project=text, low=rules.PROJECT_NUMBER_MIN, high=f"{rules.PROJECT_NUMBER_MAX:,}")
        )
    raise_refusal(rules.project_number_problems(number))
    return number


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


def import_progress(
    plan: PlanRecord,
    rows: Iterable[Any],
    now: str,
    tick: Tick | None = None,
    *,
    month: int | None = None,
    file: str | None = None,
    department: str | None = None,
    figures: Figures | None = None,
) -> Outcome:
    """Add entries from rows of PROGRESS_COLUMNS: every row checked, then applied.

    A row repeating what the plan has (the figure in force for that month and stage; with an
    `at` column, the very entry) is skipped, so an import run twice adds nothing. Another
    figure is a correction. Without `at`, a later row for the same indicator, month and stage
    corrects an earlier one in the same file: only the last is taken. `month`: the month of rows
    without one (named in the file's title or its figures' header: table_month). `file`: the
    file's name, recorded with each entry's row as its `source` (with `department`, the
    department a form made by `shishi forms` names). `figures`: the plan indexed, when the
    files of one run are imported one after another (Figures.accept takes each file's outcome);
    `plan` is its plan. The plan is left as it is: the outcome holds the plan with the entries.
    """
    if figures is None:
        figures = Figures(plan)
    assert figures.plan is plan, "the figures of another plan"
    outcome = Outcome(plan)
    # Each entry, its _key, whether it has its time (an exported entry), its row.
    parsed: list[tuple[EntryRecord, tuple[str, int, str | None, str | None], bool, int]] = []
    found = _Finder(figures, month, department)
    for row in rows:
        try:
            added = _parse_progress_row(plan, figures.alone, row.cells, now, found)
            parsed.append((added.entry, _key(added.entry), bool(row.cells.get("at")), row.number))
            if added.fraction:
                outcome.fractions.append(row.number)
        except (ShishiError, ValueError) as error:
            outcome.problems.append((row.number, str(error)))
        if tick:
            tick()
    if outcome.problems:
        return outcome
    last = {k: n for n, (_entry, k, stamped, _row) in enumerate(parsed) if not stamped}
    for k, n in last.items():
        outcome.figures[k] = (parsed[n][3], _shown(parsed[n][0]))
    # Two rows for the same indicator, month and stage that differ (figure or note): the later is
    # taken, as a correction, but said (an id typed 1.10 that Excel kept as the number 1.1 looks so).
    first: dict[tuple[str, int, str | None, str | None], int] = {}
    for n, (entry, k, stamped, row_number) in enumerate(parsed):
        if stamped:
            continue
        if k in first and _figure(parsed[first[k]][0]) != _figure(entry):
            outcome.repeated.append((parsed[first[k]][3], row_number, k[0], k[1]))
        first.setdefault(k, n)
    held = figures.held()
    outcome.rewritten = list(found.rewrites.values())
    # What this file changes of the plan's entries as held: counts of the very entries it finds
    # there, and the entry in force of each indicator, month and stage.
    counted: Counter[tuple[Any, ...]] = Counter()
    now_in_force: dict[tuple[str, int, str | None, str | None], EntryRecord] = {}
    for before, after in outcome.rewritten:  # a note or label a 本月完成 row changed (add_progress)
        counted[_identity(before)] -= 1
        counted[_identity(after)] += 1
        if held.in_force.get(_key(before)) is before:
            now_in_force[_key(before)] = after

    def in_force(k: tuple[str, int, str | None, str | None]) -> EntryRecord | None:
        """The entry in force as this file leaves it (two lookups: no copy of the plan's)."""
        return now_in_force.get(k) or held.in_force.get(k)

    for n, (entry, k, stamped, row_number) in enumerate(parsed):
        current = in_force(k)
        if stamped:
            identity = _identity(entry)
            if held.existing[identity] + counted[identity] > 0:  # this very entry is there already
                counted[identity] -= 1
                outcome.skipped += 1
                continue
        else:
            if last[k] != n:
                continue  # corrected by a later row of the file
            if current is not None and (current.get("value"), current.get("stage"), current.get("label")) == (
                entry.get("value"),
                entry.get("stage"),
                entry.get("label"),
            ):
                outcome.skipped += 1
                continue
        if file is not None:
            source: SourceRecord = {"file": file, "row": row_number}
            if department is not None:
                source["department"] = department
            entry = {**entry, "source": source}
        if stamped and (*k, entry.get("at")) in held.stamps:  # an exported figure edited since: made now
            entry["at"] = now
        if current is not None:
            outcome.corrections += 1
        outcome.taken.append((row_number, entry, current))
        now_in_force[k] = entry
        outcome.entries += 1
    outcome.above_later = _above_later(outcome.taken, in_force, figures.alone)
    progress = list(plan["progress"])
    if outcome.rewritten:
        at = {id(entry): n for n, entry in enumerate(progress)}
        for before, after in outcome.rewritten:
            progress[at[id(before)]] = after
    progress += [entry for _row, entry, _before in outcome.taken]
    outcome.plan = {**plan, "progress": progress, "history": list(plan["history"])}
    return outcome


def _key(entry: EntryRecord) -> tuple[str, int, str | None, str | None]:
    """An entry's series and month: a later entry of the same key corrects it."""
    milestone = entry.get("value") is None  # a milestone's stages share one series
    stage = None if milestone else entry.get("stage")
    return entry["indicator"], entry["month"], stage, entry.get("region")


@dataclass
class _Held:
    """A plan's entries as an import of figures compares a file with them."""

    existing: Counter[tuple[Any, ...]]  # each entry's _identity, counted
    in_force: dict[tuple[str, int, str | None, str | None], EntryRecord]  # _key -> the latest entry
    stamps: set[tuple[Any, ...]]  # each entry's _key and time


class Figures:
    """A plan indexed once for an import of figures: its indicators by id (and name), its entries
    by indicator and by _key. A row finds what it needs in constant time however large the plan,
    and the files of one run, imported one after another, cost their rows, not the plan's size
    again and again. `accept` takes a file's outcome as the plan the next file is checked against."""

    def __init__(self, plan: PlanRecord) -> None:
        self.plan = plan
        # For each indicator, a plan holding only it: what add_progress needs to check a row.
        self.alone: dict[str, PlanRecord] = {
            ind["id"]: {**plan, "projects": [{**p, "indicators": [ind]}], "progress": [], "history": []}
            for p in plan["projects"]
            for ind in p["indicators"]
        }
        self._names: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        self._entries: dict[str, list[EntryRecord]] | None = None
        self._held: _Held | None = None
        self._departments: plans.Departments | None = None  # (import-progress adds none)

    def names(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The ids of each exact name, and of each name without spaces, full-width folded."""
        if self._names is None:
            exact: dict[str, list[str]] = {}
            loose: dict[str, list[str]] = {}
            for ident, alone in self.alone.items():
                name = alone["projects"][0]["indicators"][0]["name"]
                exact.setdefault(name, []).append(ident)
                loose.setdefault(_loose(name), []).append(ident)
            self._names = exact, loose
        return self._names

    def entries(self, ident: str) -> list[EntryRecord]:
        """The plan's entries of one indicator, in their order (not a copy)."""
        if self._entries is None:
            self._entries = {}
            for entry in self.plan["progress"]:
                self._entries.setdefault(entry["indicator"], []).append(entry)
        return self._entries.get(ident, [])

    def departments(self) -> plans.Departments:
        if self._departments is None:
            self._departments = plans.Departments(self.plan)
        return self._departments

    def held(self) -> _Held:
        if self._held is None:
            progress = self.plan["progress"]
            self._held = _Held(
                Counter(_identity(e) for e in progress),
                {_key(e): e for e in progress},
                {(*_key(e), e.get("at")) for e in progress},
            )
        return self._held

    def accept(self, outcome: Outcome) -> None:
        """The plan with a file's entries (outcome.plan, of this plan) as the one to import into next."""
        self.plan = outcome.plan
        taken = [entry for _row, entry, _before in outcome.taken]
        if self._held is not None:
            held = self._held
            for before, after in outcome.rewritten:
                held.existing[_identity(before)] -= 1
                held.existing[_identity(after)] += 1
                if held.in_force.get(_key(before)) is before:
                    held.in_force[_key(before)] = after
            for entry in taken:
                held.existing[_identity(entry)] += 1
                held.in_force[_key(entry)] = entry
                held.stamps.add((*_key(entry), entry.get("at")))
        if self._entries is not None:
            for before, after in outcome.rewritten:
                same = self._entries[before["indicator"]]
                same[next(n for n, e in enumerate(same) if e is before)] = after
            for entry in taken:
                self._entries.setdefault(entry["indicator"], []).append(entry)


def _above_later(
    taken: list[tuple[int, EntryRecord, EntryRecord | None]],
    in_force: Callable[[tuple[str, int, str | None, str | None]], EntryRecord | None],
    alone: dict[str, PlanRecord],
) -> list[tuple[int, str, int, int]]:
    """(row, indicator, month, later month) for each figure taken that moves away from its target
    against a later month's figure (a June form returned after July's figures came in): figures
    are cumulative, so one of the two is wrong. A ceiling or floor is a level, not a count."""
    found = []
    for row, entry, _before in taken:
        value = entry.get("value")
        indicator = alone[entry["indicator"]]["projects"][0]["indicators"][0]
        if value is None or rules.is_limit(indicator):
            continue
        downward = rules.goes_down(indicator)
        for later in range(entry["month"] + 1, 13):
            other = in_force((entry["indicator"], later, entry.get("stage"), entry.get("region")))
            if other is not None and other.get("value") is not None:
                if rules.moves_away(to_decimal(value), to_decimal(other["value"]), downward):
                    found.append((row, entry["indicator"], entry["month"], later))
                break  # (the nearest later month with a figure decides)
    return found


def _shown(entry: EntryRecord) -> str:
    """An entry's figure in words: its value (with its stage), or the stage a milestone reached."""
    value, stage = entry.get("value"), entry.get("stage")
    if value is None:
        return stage or ""
    return f"{stage}={value}" if stage else value


def _figure(entry: EntryRecord) -> tuple[str | None, ...]:
    return entry.get("value"), entry.get("stage"), entry.get("note"), entry.get("label")


def _identity(entry: EntryRecord) -> tuple[Any, ...]:
    return (
        entry["indicator"], entry["month"], entry.get("stage"), entry.get("value"), entry.get("at"),
        entry.get("label"),
        entry.get("region"),
    )  # fmt: skip


_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def _parse_progress_row(
    plan: PlanRecord, alone: dict[str, PlanRecord], cells: dict[str, str], now: str, found: _Finder
) -> plans.Added:
    """The entry a row describes, checked as add-progress checks it."""
    ident = found.indicator(cells.get("indicator", ""), cells.get("name", ""))
    indicator = alone[ident]["projects"][0]["indicators"][0]
    found.answered_by_form(ident)
    if cells.get("month") or found.month is None:
        month = found.month_of(cells.get("month", ""))
    else:
        month = found.month
    value = cells.get("value", "")
    stage = cells.get("stage") or None
    if indicator["kind"] == "milestone" and not value and stage:
        value, stage = stage, None
    delta = not value and bool(cells.get("delta"))  # 本月完成 alone: added to the figure so far
    if delta:
        value = cells["delta"]
    if not value and (cells.get("note") or cells.get("label")):  # "nothing new, because …"
        raise ValueError(
            _(
                "a note or label without the figure; give the figure too (the last one again if it "
                "has not changed)"
            )
        )
    if not value:
        raise ValueError(_("no value"))
    at = cells.get("at") or now
    if not _STAMP.fullmatch(at):
        raise ValueError(_("at {at!r} is not a time stamp like 2022-07-27T09:30:00").format(at=at))
    given = found.earlier(ident) if delta else []
    probe: PlanRecord = {**alone[ident], "progress": given}
    added = plans.add_progress(
        probe,
        ident,
        value,
        month,
        at,
        stage=stage,
        note=cells.get("note") or None,
        label=cells.get("label") or None,
        delta=delta,
        region=cells.get(REGION_COLUMN) or None,
    )
    if added.note_was is not None or added.label_was is not None:  # the figure there, newly worded
        found.changed(ident, given, added)
    return added


class _Finder:
    """A file's rows' indicators by id or name, the entries of each, and the month of rows
    without one."""

    def __init__(self, figures: Figures, month: int | None, department: str | None = None) -> None:
        self.figures = figures
        self.plan = figures.plan
        self.alone = figures.alone
        self.month = month
        self.department = department  # the department a form names: it answers for its rows
        self._resolved: dict[str, str] = {}
        self.near = 0  # unknown names given their closest indicators (see indicator())
        self._months: dict[str, int] = {}
        # (entry, the same with another note or label) by id of the entry: what the file's rows
        # changed of the plan's entries (add_progress, given the figure in force with a new note)
        self.rewrites: dict[int, tuple[EntryRecord, EntryRecord]] = {}

    def indicator(self, ident: str, name: str) -> str:
        """The id a row means: its id, else its name (exact, or unique once spaces and full-
        and half-width are set aside); an unknown or shared name lists the closest indicators."""
        if ident in self.alone:  # (said without looking through the plan: 60,000 rows stay quick)
            return ident
        if ident and ident.isascii():  # an id (9.9, X0) that is not there, said as add-progress says it
            raise plans.no_indicator(self.plan, ident)
        given = ident or name
        if not given:
            raise ValueError(_("no indicator id"))
        names, loose = self.figures.names()
        ids = names.get(given) or loose.get(_loose(given), [])
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise ValueError(
                _("{name!r} is the name of more than one indicator ({indicators}); give the id").format(
                    name=given, indicators=self._listed(ids)
                )
            )
        import difflib  # lazily: only an unknown name needs it

        # Each looks through every name of the plan: only as many as an import shows (the bad rows
        # after them are counted, not shown), not thousands of times thousands of names.
        self.near += 1
        close = []
        if self.near <= SHOWN:
            close = difflib.get_close_matches(_loose(given), list(loose), n=3, cutoff=0.4)
            if not close:  # a name that holds the text, or is held by it, is close too
                close = [n for n in loose if n and (n in _loose(given) or _loose(given) in n)][:3]
        closest = [i for n in close for i in loose[n]]
        if closest:
            raise ValueError(
                _("no indicator {name!r} in the {year} plan; the closest: {indicators}").format(
                    name=given, year=self.plan["year"], indicators=self._listed(closest)
                )
            )
        raise ValueError(
            _("no indicator {name!r} in the {year} plan; 'shishi list' shows the indicators").format(
                name=given, year=self.plan["year"]
            )
        )

    def month_of(self, text: str) -> int:
        """parse_month's month of a row's month cell, worked out once for each way it is written."""
        month = self._months.get(text)
        if month is None:
            month = self._months[text] = parse_month(text, self.plan["year"])  # (a bad one: said each time)
        return month

    def answered_by_form(self, ident: str) -> None:
        """Refuse a row of a form whose department does not answer for its indicator (leads or
        supports it, or its project): the form may be another department's."""
        if self.department is None:
            return
        project = self.alone[ident]["projects"][0]
        owners = plans.answering(project, project["indicators"][0])
        if self._same(self.department) in {self._same(owner) for owner in owners}:
            return
        raise ValueError(
            _(
                "{indicator} is not an indicator of {department} (its departments: {owners}); "
                "this form may be another department's"
            ).format(
                indicator=ident,
                department=self.department,
                owners=pgettext("list of names", ", ").join(owners) or "—",
            )
        )

    def _same(self, name: str) -> str:
        """A department's name as the plan knows it (a short name resolved), once per name."""
        if name not in self._resolved:
            self._resolved[name] = self.figures.departments().resolve(name) or name
        return self._resolved[name]

    def _listed(self, ids: list[str]) -> str:
        names = [f"{i} {self.alone[i]['projects'][0]['indicators'][0]['name']}" for i in ids]
        return pgettext("list of names", ", ").join(names)

    def earlier(self, ident: str) -> list[EntryRecord]:
        """The plan's entries of one indicator, as the file's rows so far leave them (copies:
        what a month's increase adds to; `changed` says what add_progress made of them)."""
        given: list[EntryRecord] = []
        for entry in self.figures.entries(ident):
            changed = self.rewrites.get(id(entry))
            given.append({**(entry if changed is None else changed[1])})
        return given

    def changed(self, ident: str, given: list[EntryRecord], added: plans.Added) -> None:
        """add_progress was given `given` (earlier's) and found the figure in force there with
        another note or label: it changed that entry's note or label, which the plan takes too."""
        for before, copy in zip(self.figures.entries(ident), given, strict=False):
            if copy is added.entry:
                self.rewrites[id(before)] = (before, copy)


def _loose(name: str) -> str:
    """A name with spaces left out and full-width letters, digits and brackets as half-width."""
    import unicodedata  # (only here: not at every start-up)

    return "".join(unicodedata.normalize("NFKC", name).split())


MONTH_NAMES = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


def form_month_problem(file: str, form_month: int, month: int) -> str:
    """A form of one month imported as another's: "人社局.xlsx is the form of June (month 6), not
    month 7"."""
    return _("{file} is the form of {name} (month {form_month}), not month {month}").format(
        file=file, name=_(MONTH_NAMES[form_month - 1]), form_month=form_month, month=month
    )


def table_month(written: Iterable[str], above: Iterable[str]) -> int | None:
    """The month a table names for rows without a month column: in its figures' header (1-9月累计,
    截至9月底) or else in a title row above the header (2022年9月市办实事进展表)."""
    for text in (*written, *above):
        match = _MONTH_IN_TEXT.search(text)
        if match:
            found = month_of(match[0])
            if found is not None:
                return found[1]
    return None


def table_year(above: Iterable[str]) -> int | None:
    """The plan year a table's title rows name with their month (青岛市2022年市办实事 2022年7月
    进展填报表, 填报月份：2022年7月): the year of its figures. A date's (填报日期：2023年1月10日)
    is not one, nor a year without a month."""
    for text in above:
        for match in _MONTH_IN_TEXT.finditer(text):
            found = month_of(match[0])
            if found is not None and found[0] is not None:
                return found[0]
    return None


# A month inside a title or a header, not a date's day (填报日期：2022年10月5日 names no month).
_MONTH_IN_TEXT = re.compile(
    r"(?:\d{4}\s*年\s*)?(?:(?:1|一)\s*[-–—~～至到]\s*)?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?!\s*\d{1,2}\s*[日号])"
)


# --- export ----------------------------------------------------------------------------------------


def left_out_of_sheet(plan: PlanRecord) -> tuple[list[str], bool, int]:
    """What a plan sheet cannot carry: the ids of indicators with a change approved from a month
    on (reports before it judge by the old definition), whether the plan's rules (thresholds,
    mode, bands, its escalation ladder and answer days) are other than the defaults, and how many
    follow-up records it keeps."""
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
    ) or any(k in settings for k in ("escalation", "answer_days"))  # (left out at their default)
    return dated, rules_set, len(plan.get("follow_ups", ()))


def plan_rows(plan: PlanRecord) -> list[list[object]]:
    """One row per indicator (and one per project without indicators), PLAN_COLUMNS."""
    rows: list[list[object]] = []
    for project in plan["projects"]:
        head: list[object] = [project["number"], project["title"], ";".join(project["owners"])]
        if not project["indicators"]:
            rows.append(head + [""] * (len(PLAN_COLUMNS) - 3))  # (its department columns too)
        for ind in project["indicators"]:
            rows.append(head + _indicator_cells(ind) + ["", ""])
    blank = [""] * (len(PLAN_COLUMNS) - 2)
    for name, short in plans.aliases(plan).items():  # a row each declared, with its short names
        rows.append([*blank, name, ";".join(short)])
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
         e.get("stage") or "", e.get("note") or "", e.get("at") or "", e.get("label") or ""]
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
    interface language ("" when there is nothing to say)."""
    found = described(outcome, what)
    return "" if found is None else said_text(found)


def described(outcome: Outcome, what: str) -> Said | None:
    """What an import did, as a message (said.py): the plan's history records it in English, the
    version it is kept as says it in the language of whoever reads it."""
    parts = []
    if what == "plan":
        if outcome.projects:
            parts.append(said_plural("{n} project", "{n} projects", outcome.projects, n=outcome.projects))
        if outcome.indicators:
            parts.append(
                said_plural("{n} indicator", "{n} indicators", outcome.indicators, n=outcome.indicators)
            )
        if outcome.departments:
            parts.append(
                said_plural("{n} department", "{n} departments", outcome.departments, n=outcome.departments)
            )
    elif outcome.entries:
        entries = said_plural("{n} entry", "{n} entries", outcome.entries, n=outcome.entries)
        if outcome.corrections:
            entries = said_plural(
                "{entries} ({n} correction)", "{entries} ({n} corrections)", outcome.corrections,
                entries=entries, n=outcome.corrections,
            )  # fmt: skip
        parts.append(entries)
    if outcome.skipped:
        parts.append(said("{n} already there", n=outcome.skipped))
    # Translators: the separator between the counts of an import summary.
    return joined(parts, ", ") if parts else None


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
    for row, indicator, month, later in outcome.above_later[:5]:
        said.append(
            _(
                "row {row}: {indicator} month {month} is above month {later}'s figure, and figures are "
                "cumulative (累计); check the two"
            ).format(row=row, indicator=indicator, month=month, later=later)
        )
    if len(outcome.above_later) > 5:
        more = len(outcome.above_later) - 5
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
