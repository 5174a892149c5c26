"""Finding a plan's parts: the plan of a year, a project, an indicator, owners, entries, deadlines."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from shishi_cli.errors import NotFoundError, UsageError
from shishi_cli.i18n import _
from shishi_cli.records import EntryRecord, IndicatorRecord, PlanRecord, ProjectRecord, StoreRecord
from shishi_cli.rules import id_order


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


def find_project(plan: PlanRecord, number: int) -> ProjectRecord:
    for project in plan["projects"]:
        if project["number"] == number:
            return project
    raise NotFoundError(
        _("no project {number} in the {year} plan").format(number=number, year=plan["year"]),
        hint=_("projects there: {projects}").format(
            projects=_listing(str(p["number"]) for p in plan["projects"])
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


def _listing(items: Iterable[str]) -> str:
    names = list(items)
    return ", ".join(names) if names else _("none yet")
