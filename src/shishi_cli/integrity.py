"""Rules that span several records of a plan: unique ids, entries that fit their indicator.

The per-field rules live in models.py; these need the whole plan. Problems make a store
invalid; warnings are allowed but suspicious (a cumulative figure that falls).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

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
        found.append(Finding(where, f"plan is filed under {key} but its year is {plan['year']}"))
    numbers: set[int] = set()
    indicators: dict[str, IndicatorRecord] = {}
    for p, project in enumerate(plan["projects"]):
        at = f"{where}.projects[{p}]"
        if project["number"] in numbers:
            found.append(Finding(at, f"project number {project['number']} appears twice"))
        numbers.add(project["number"])
        for i, indicator in enumerate(project["indicators"]):
            here = f"{at}.indicators[{i}]"
            if indicator["id"] in indicators:
                found.append(Finding(here, f"indicator id {indicator['id']!r} appears twice"))
            indicators[indicator["id"]] = indicator
            deadline = indicator["deadline"]
            if deadline is not None and int(deadline[:4]) < plan["year"]:
                found.append(Finding(here, f"deadline {deadline} is before the plan year {plan['year']}"))
            due = (int(deadline[:4]) - plan["year"]) * 12 + int(deadline[5:7]) if deadline else 12
            for point in indicator["trajectory"]:
                if point["month"] >= due and to_decimal(point["percent"]) < 100:
                    found.append(
                        Finding(
                            here,
                            f"trajectory point {point['month']}:{point['percent']} is at or after the "
                            f"deadline (month {due}), when 100 % is due; it is ignored",
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
            found.append(Finding(at, f"entry of unknown indicator {entry['indicator']!r}"))
            continue
        stage = entry.get("stage")
        stages = indicator["stages"]
        if indicator["kind"] == "milestone":
            if stage not in stages:
                found.append(Finding(at, f"{stage!r} is not a stage of milestone {indicator['id']}"))
            elif entry.get("value") is not None:
                found.append(Finding(at, "a milestone entry names a stage and has no value"))
            else:
                month_values = series.setdefault((indicator["id"], None), {})
                month_values[entry["month"]] = Decimal(stages.index(stage))
            continue
        if stages and stage not in stages:
            found.append(Finding(at, f"stage {stage!r} is not one of {indicator['id']}'s stages {stages}"))
            continue
        if not stages and stage is not None:
            found.append(Finding(at, f"indicator {indicator['id']} has no stages, got {stage!r}"))
            continue
        if entry.get("value") is None:
            found.append(Finding(at, f"entry of {indicator['id']} has no value"))
            continue
        series.setdefault((indicator["id"], stage), {})[entry["month"]] = to_decimal(entry.get("value"))
    for (indicator_id, stage), by_month in series.items():
        downward = goes_down(indicators[indicator_id])
        months = sorted(by_month)
        for before, after in pairwise(months):
            if (by_month[after] > by_month[before]) if downward else (by_month[after] < by_month[before]):
                what = indicator_id if stage is None else f"{indicator_id} ({stage})"
                word = "rises" if downward else "falls"
                found.append(
                    Finding(
                        f"{where}.progress",
                        f"{what} {word} from month {before} to month {after}, away from its target",
                        warning=True,
                    )
                )
    return found


def goes_down(indicator: IndicatorRecord) -> bool:
    """A target below its baseline (由50降至10): progress is the figure going down."""
    target, baseline = indicator["target"], indicator["baseline"]
    return target is not None and baseline is not None and to_decimal(target) < to_decimal(baseline)
