"""Rules that span several records of a plan: unique ids, entries that fit their indicator.

The per-field rules live in models.py; these need the whole plan. Problems make a store
invalid; warnings are allowed but suspicious (a cumulative figure that falls).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from .i18n import _
from .numbers import to_decimal
from .records import IndicatorRecord, PlanRecord, StoreRecord


@dataclass(frozen=True)
class Finding:
    where: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def check_store(store: StoreRecord) -> list[Finding]:
    findings: list[Finding] = []
    for key, plan in store["plans"].items():
        findings.extend(check_plan(plan, f"plans.{key}", key))
    return findings


def check_plan(plan: PlanRecord, where: str, key: str | None = None) -> list[Finding]:
    found: list[Finding] = []
    if key is not None and key != str(plan["year"]):
        found.append(
            Finding(
                where,
                _("plan is filed under {key} but its year is {year}").format(key=key, year=plan["year"]),
            )
        )
    numbers: set[int] = set()
    indicators: dict[str, IndicatorRecord] = {}
    for p, project in enumerate(plan["projects"]):
        at = f"{where}.projects[{p}]"
        if project["number"] in numbers:
            found.append(
                Finding(at, _("project number {number} appears twice").format(number=project["number"]))
            )
        numbers.add(project["number"])
        for i, indicator in enumerate(project["indicators"]):
            here = f"{at}.indicators[{i}]"
            if indicator["id"] in indicators:
                found.append(
                    Finding(
                        here,
                        _("indicator id {indicator_id!r} appears twice").format(indicator_id=indicator["id"]),
                    )
                )
            indicators[indicator["id"]] = indicator
            deadline = indicator["deadline"]
            if deadline is not None and int(deadline[:4]) < plan["year"]:
                found.append(
                    Finding(
                        here,
                        _("deadline {deadline} is before the plan year {year}").format(
                            deadline=deadline, year=plan["year"]
                        ),
                    )
                )
            due = (int(deadline[:4]) - plan["year"]) * 12 + int(deadline[5:7]) if deadline else 12
            for point in indicator["trajectory"]:
                if point["month"] >= due and to_decimal(point["percent"]) < 100:
                    found.append(
                        Finding(
                            here,
                            _(
                                "trajectory point {month}:{percent} is at or after the "
                                "deadline (month {due}), when 100 % is due; it is ignored"
                            ).format(month=point["month"], percent=point["percent"], due=due),
                            warning=True,
                        )
                    )
    found.extend(_check_entries(plan, where, indicators))
    return found


def _check_entries(plan: PlanRecord, where: str, indicators: dict[str, IndicatorRecord]) -> list[Finding]:
    found: list[Finding] = []
    # (indicator, stage) -> month -> latest value that month, to spot figures that fall.
    series: dict[tuple[str, str | None], dict[int, Decimal]] = {}
    for n, entry in enumerate(plan["progress"]):
        at = f"{where}.progress[{n}]"
        indicator = indicators.get(entry["indicator"])
        if indicator is None:
            found.append(
                Finding(
                    at,
                    _("entry of unknown indicator {indicator_id!r}").format(indicator_id=entry["indicator"]),
                )
            )
            continue
        stage = entry.get("stage")
        stages = indicator["stages"]
        if indicator["kind"] == "milestone":
            if stage not in stages:
                found.append(
                    Finding(
                        at,
                        _("{stage!r} is not a stage of milestone {indicator_id}").format(
                            stage=stage, indicator_id=indicator["id"]
                        ),
                    )
                )
            elif entry.get("value") is not None:
                found.append(Finding(at, _("a milestone entry names a stage and has no value")))
            else:
                month_values = series.setdefault((indicator["id"], None), {})
                month_values[entry["month"]] = Decimal(stages.index(stage))
            continue
        if stages and stage not in stages:
            found.append(
                Finding(
                    at,
                    _("stage {stage!r} is not one of {indicator_id}'s stages {stages}").format(
                        stage=stage, indicator_id=indicator["id"], stages=stages
                    ),
                )
            )
            continue
        if not stages and stage is not None:
            found.append(
                Finding(
                    at,
                    _("indicator {indicator_id} has no stages, got {stage!r}").format(
                        indicator_id=indicator["id"], stage=stage
                    ),
                )
            )
            continue
        if entry.get("value") is None:
            found.append(
                Finding(at, _("entry of {indicator_id} has no value").format(indicator_id=indicator["id"]))
            )
            continue
        series.setdefault((indicator["id"], stage), {})[entry["month"]] = to_decimal(entry.get("value"))
    for (indicator_id, stage), by_month in series.items():
        downward = goes_down(indicators[indicator_id])
        months = sorted(by_month)
        for before, after in pairwise(months):
            if (by_month[after] > by_month[before]) if downward else (by_month[after] < by_month[before]):
                message = _message_moving_away(downward, stage is not None)
                found.append(
                    Finding(
                        f"{where}.progress",
                        message.format(indicator_id=indicator_id, stage=stage, before=before, after=after),
                        warning=True,
                    )
                )
    return found


def _message_moving_away(downward: bool, staged: bool) -> str:
    """The warning of a cumulative figure that moves away from its target, one whole sentence."""
    if downward:
        if staged:
            return _(
                "{indicator_id} ({stage}) rises from month {before} to month {after}, away from its target"
            )
        return _("{indicator_id} rises from month {before} to month {after}, away from its target")
    if staged:
        return _("{indicator_id} ({stage}) falls from month {before} to month {after}, away from its target")
    return _("{indicator_id} falls from month {before} to month {after}, away from its target")


def goes_down(indicator: IndicatorRecord) -> bool:
    """A target below its baseline (由50降至10): progress is the figure going down."""
    target, baseline = indicator["target"], indicator["baseline"]
    return target is not None and baseline is not None and to_decimal(target) < to_decimal(baseline)
