"""Finding a plan's parts: the plan of a year, a project, an indicator, owners, entries, deadlines."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from shishi_cli.errors import NotFoundError, UsageError
from shishi_cli.i18n import _
from shishi_cli.records import EntryRecord, IndicatorRecord, PlanRecord, ProjectRecord, StoreRecord
from shishi_cli.rules import id_order
from shishi_cli.text import number_ranges

from .departments import Departments


def select_plan(store: StoreRecord, year: int | None) -> PlanRecord:
    """The plan of `year`, or the latest plan of the store."""
    plans = store["plans"]
    if not plans:
        raise NotFoundError(
            _("the store has no plan yet"),
            hint=_('create one with: shishi init --year 2022 --title "2022年市办实事"'),
        )
    if year is None:
        return plans[max(plans)]
    try:
        return plans[str(year)]
    except KeyError:  # a filter that matches nothing: a usage error, like --project and --owner
        raise UsageError(
            _("--year {year}: no plan for {year} in the store").format(year=year),
            hint=_("plans there: {plans}").format(plans=", ".join(sorted(plans))),
        ) from None


class PlanSummary(NamedTuple):
    """A plan in a line: what `shishi plans` lists for each year of the store."""

    year: int
    title: str
    projects: int
    indicators: int
    entries: int
    latest_month: int | None  # the latest month with any figure; None before the first


def plan_summaries(store: StoreRecord) -> list[PlanSummary]:
    """Every plan of the store whose file can be read, the latest year first (a year whose file
    is damaged is left out: its damage is the store's to say)."""
    damage = getattr(store["plans"], "damage", lambda key: None)
    return [
        PlanSummary(
            plan["year"],
            plan["title"],
            len(plan["projects"]),
            sum(len(p["indicators"]) for p in plan["projects"]),
            len(plan["progress"]),
            max((e["month"] for e in plan["progress"]), default=None),
        )
        for plan in (
            store["plans"][key] for key in sorted(store["plans"], reverse=True) if damage(key) is None
        )
    ]


def find_project(plan: PlanRecord, number: int) -> ProjectRecord:
    for project in plan["projects"]:
        if project["number"] == number:
            return project
    raise no_project(plan, number)


def no_project(plan: PlanRecord, number: int) -> NotFoundError:
    """The error of a project number the plan does not have (its numbers as ranges: 1-5000)."""
    return NotFoundError(
        _("no project {number} in the {year} plan").format(number=number, year=plan["year"]),
        hint=_("projects there: {projects}").format(
            projects=number_ranges(p["number"] for p in plan["projects"]) or _("none yet")
        ),
    )


def find_indicator(plan: PlanRecord, indicator_id: str) -> tuple[ProjectRecord, IndicatorRecord]:
    for project in plan["projects"]:
        for indicator in project["indicators"]:
            if indicator["id"] == indicator_id:
                return project, indicator
    raise no_indicator(plan, indicator_id)


def in_order(plan: PlanRecord, projects: Iterable[ProjectRecord] | None = None) -> None:
    """The plan's projects in the order of their numbers, and the indicators of `projects` (of
    every project, without them) in the order of their ids (rules.id_order: 1.2 before 1.10):
    the order the plan keeps, which every list of them follows."""
    plan["projects"].sort(key=lambda p: p["number"])
    for project in plan["projects"] if projects is None else projects:
        project["indicators"].sort(key=lambda i: id_order(i["id"]))


class PlanIndex:
    """A plan's projects by number, its indicators by id (and by project and name) and its
    departments, each found in constant time: for work over many rows (an import), built once.

    The changes of this package given it keep it up to date; what they add is appended, and
    `in_order` puts the projects and indicators in order once the work is done."""

    def __init__(self, plan: PlanRecord) -> None:
        self.plan = plan
        self.projects: dict[int, ProjectRecord] = {}
        self.indicators: dict[str, tuple[ProjectRecord, IndicatorRecord]] = {}
        self._named: dict[tuple[int, str], IndicatorRecord] = {}
        for project in plan["projects"]:  # (the first of a number or an id, as find_* find it)
            self.projects.setdefault(project["number"], project)
            for indicator in project["indicators"]:
                self._indicator(project, indicator)
        self.departments = Departments(plan)
        self._touched: dict[int, ProjectRecord] = {}  # projects given an indicator, by number

    def _indicator(self, project: ProjectRecord, indicator: IndicatorRecord) -> None:
        self.indicators.setdefault(indicator["id"], (project, indicator))
        self._named.setdefault((project["number"], indicator["name"]), indicator)

    def project(self, number: int) -> ProjectRecord:
        """find_project's project."""
        found = self.projects.get(number)
        if found is None:
            raise no_project(self.plan, number)
        return found

    def named(self, number: int, name: str) -> IndicatorRecord | None:
        """Project `number`'s (first) indicator called `name`."""
        return self._named.get((number, name))

    def added_project(self, project: ProjectRecord) -> None:
        self.projects.setdefault(project["number"], project)
        self.departments.mentioned(project["owners"])

    def added_indicator(self, project: ProjectRecord, indicator: IndicatorRecord) -> None:
        self._indicator(project, indicator)
        self.departments.mentioned(indicator["owners"])
        self._touched[project["number"]] = project

    def in_order(self) -> None:
        """The projects in the order of their numbers, and the indicators of those given one in
        the order of their ids (as add_project and add_indicator leave them, one at a time)."""
        in_order(self.plan, self._touched.values())
        self._touched.clear()


def no_indicator(plan: PlanRecord, indicator_id: str) -> NotFoundError:
    """The error of an indicator id the plan does not have."""
    return NotFoundError(
        _("no indicator {indicator_id!r} in the {year} plan").format(
            indicator_id=indicator_id, year=plan["year"]
        ),
        hint=_("'shishi list' shows the indicator ids"),
    )


def indicator_owners(project: ProjectRecord, indicator: IndicatorRecord) -> list[str]:
    """An indicator's own departments, or else its project's."""
    return indicator["owners"] or project["owners"]


def answering(project: ProjectRecord, indicator: IndicatorRecord) -> list[str]:
    """The departments that answer for an indicator: its own (or else its project's), and the
    project's, which lead the whole project. What --owner selects by."""
    own = indicator_owners(project, indicator)
    return own + [name for name in project["owners"] if name not in own]


def project_owners(project: ProjectRecord) -> list[str]:
    """A project's departments: its own and its indicators', in order of first mention."""
    owners = dict.fromkeys(project["owners"])  # a dict keeps the order of first mention
    for indicator in project["indicators"]:
        if indicator["owners"]:  # (most inherit the project's: nothing to add)
            owners.update(dict.fromkeys(indicator["owners"]))
    return list(owners)


def entries_of(plan: PlanRecord, indicator_id: str) -> list[EntryRecord]:
    return [e for e in plan["progress"] if e["indicator"] == indicator_id]


@functools.lru_cache(maxsize=256)
def deadline_for(text: str | None, year: int) -> date:
    return date.fromisoformat(text) if text else date(year, 12, 31)
