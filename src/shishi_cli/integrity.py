"""The rules of a whole plan, reported as `check`'s findings.

They are the rules of rules.py on every project, indicator and entry, and those only the whole
plan can judge (entries of known indicators, a plan filed under its year). A store file meets
the models first (models.py), which refuse a record that breaks its own rules; `check_plan`
checks them again so that it judges any plan record on its own. Problems make a store invalid;
warnings are allowed but suspicious (a cumulative figure that falls).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from . import rules
from .i18n import _
from .numbers import to_decimal
from .records import IndicatorRecord, PlanRecord, StoreRecord
from .rule_messages import schema_message, sentence


@dataclass(frozen=True)
class Finding:
    where: str
    message: str
    warning: bool = False
    # A problem that leaves the store readable so a command can mend it (a control character in
    # a name): `check` reports it, loading the store does not refuse it.
    mendable: bool = False

    def __post_init__(self) -> None:
        # The store hands over what the schema (pydantic) said in English: said here in the
        # interface language, as the rules' own sentences are.
        object.__setattr__(self, "message", schema_message(self.message))

    def __str__(self) -> str:
        return _("{where}: {message}").format(where=self.where, message=self.message)


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
    found.extend(_findings(f"{where}.settings", rules.settings_record_problems(plan["settings"])))
    found.extend(_findings(f"{where}.title", rules.unsafe_problems(plan["title"], "title")))
    for u, unit in enumerate(plan["settings"]["count_units"]):
        found.extend(_findings(f"{where}.settings.count_units[{u}]", rules.unsafe_problems(unit, "unit")))
    numbers: set[int] = set()
    indicators: dict[str, IndicatorRecord] = {}
    for p, project in enumerate(plan["projects"]):
        at = f"{where}.projects[{p}]"
        found.extend(_findings(at, rules.project_number_problems(project["number"], numbers)))
        numbers.add(project["number"])
        found.extend(_findings(f"{at}.title", rules.unsafe_problems(project["title"], "title")))
        found.extend(_owner_warnings(at, project["owners"]))
        for i, indicator in enumerate(project["indicators"]):
            here = f"{at}.indicators[{i}]"
            found.extend(_text_findings(here, indicator))
            found.extend(_owner_warnings(here, indicator["owners"]))
            ident = indicator["id"]
            found.extend(_findings(here, rules.indicator_id_problems(ident, indicators, project["number"])))
            indicators[ident] = indicator
            found.extend(_findings(here, rules.indicator_record_problems(indicator, plan["year"])))
    if plan.get("departments"):
        owners = {o: None for p in plan["projects"] for o in p["owners"]}
        owners.update({o: None for p in plan["projects"] for i in p["indicators"] for o in i["owners"]})
        declared = [(d["name"], d["aliases"]) for d in plan["departments"]]
        found.extend(_findings(f"{where}.departments", rules.department_problems(declared, list(owners))))
    found.extend(_check_regions(plan, where))
    found.extend(_check_entries(plan, where, indicators))
    for f, follow_up in enumerate(plan.get("follow_ups", [])):
        texts = (
            ("action", follow_up.get("action")),
            ("note", follow_up.get("note")),
            ("answer", follow_up.get("answer")),
        )
        for field, text in texts:
            if text is not None:
                unsafe = rules.unsafe_problems(text, field, multiline=field != "action")
                found.extend(_findings(f"{where}.follow_ups[{f}].{field}", unsafe))
    return found


def _check_regions(plan: PlanRecord, where: str) -> list[Finding]:
    """The declared regions, and each breakdown: of declared regions, adding up to the target."""
    regions = plan.get("regions", [])
    found = _findings(f"{where}.regions", rules.region_problems([(r["name"], r["aliases"]) for r in regions]))
    names = {r["name"] for r in regions}
    tolerance = Decimal(plan["settings"].get("share_tolerance", "0"))
    for p, project in enumerate(plan["projects"]):
        for i, indicator in enumerate(project["indicators"]):
            if not indicator.get("regions"):
                continue
            here = f"{where}.projects[{p}].indicators[{i}].regions"
            shares = [(s["region"], Decimal(s["target"])) for s in indicator["regions"]]
            for region, _share in shares:
                if region not in names:
                    found.extend(_findings(here, [rules.share_region_unknown(indicator["id"], region)]))
            if indicator["target"] is not None:
                target = Decimal(indicator["target"])
                found.extend(
                    _findings(here, rules.shares_sum_problems(indicator["id"], target, shares, tolerance))
                )
    return found


def _check_entries(plan: PlanRecord, where: str, indicators: dict[str, IndicatorRecord]) -> list[Finding]:
    found: list[Finding] = []
    # (indicator, stage) -> month -> latest value that month, to spot figures that fall.
    series: dict[tuple[str, str | None, str | None], dict[int, Decimal]] = {}
    for n, entry in enumerate(plan["progress"]):
        note = entry.get("note")
        if note is not None:
            unsafe = rules.unsafe_problems(note, "note", multiline=True)
            found.extend(_findings(f"{where}.progress[{n}].note", unsafe))
        label = entry.get("label")
        if label is not None:
            found.extend(_findings(f"{where}.progress[{n}].label", rules.unsafe_problems(label, "label")))
        indicator = indicators.get(entry["indicator"])
        if indicator is None:
            found.append(
                Finding(
                    f"{where}.progress[{n}]",
                    _("entry of unknown indicator {indicator_id!r}").format(indicator_id=entry["indicator"]),
                )
            )
            continue
        stage = entry.get("stage")
        problems = rules.entry_problems(indicator, stage, entry.get("value") is not None)
        region = entry.get("region")
        if region is not None and not problems:
            problems = rules.entry_region_problems(indicator, region, stage)
        if problems:
            found.extend(_findings(f"{where}.progress[{n}]", problems))
        elif indicator["kind"] == "milestone":
            # A milestone's figure is how far along its stages it is (an entry that fits names one).
            reached = indicator["stages"].index(cast(str, stage))
            series.setdefault((indicator["id"], None, None), {})[entry["month"]] = Decimal(reached)
        else:
            key = (indicator["id"], stage, region)  # (each region's figures rise on their own)
            series.setdefault(key, {})[entry["month"]] = to_decimal(entry.get("value"))
    for (indicator_id, stage, _region), by_month in series.items():
        if rules.is_limit(indicators[indicator_id]):  # a level held all year, not a cumulative figure
            continue
        downward = rules.goes_down(indicators[indicator_id])
        found.extend(
            _findings(f"{where}.progress", rules.series_problems(indicator_id, stage, by_month, downward))
        )
    return found


def _text_findings(where: str, indicator: IndicatorRecord) -> list[Finding]:
    """Control, bidi and invisible characters an older shishi took into an indicator's texts (its
    entries' stages are its stages; the reasons of its kept changes)."""
    found = _findings(f"{where}.name", rules.unsafe_problems(indicator["name"], "name"))
    found += _findings(f"{where}.unit", rules.unsafe_problems(indicator["unit"], "unit"))
    for s, stage in enumerate(indicator["stages"]):
        found += _findings(f"{where}.stages[{s}]", rules.unsafe_problems(stage, "stage name"))
    for c, change in enumerate(indicator.get("changes", [])):
        reason = change.get("reason")
        if reason is not None:
            found += _findings(f"{where}.changes[{c}].reason", rules.unsafe_problems(reason, "reason"))
    return found


def _owner_warnings(where: str, owners: list[str]) -> list[Finding]:
    """Departments whose names hold a separator of departments: allowed in a store (an older shishi
    took them), but an export would read them back as two; and those holding a control, bidi or
    invisible character, a problem."""
    found = [p for owner in owners for p in rules.owner_problems(owner)]
    kept = (rules.Code.OWNER_SEPARATOR, rules.Code.TEXT_UNSAFE)
    return _findings(where, [p for p in found if p.code in kept])


def _findings(where: str, problems: Iterable[rules.Problem]) -> list[Finding]:
    return [Finding(where, sentence(p), p.warning, p.mendable) for p in problems]
