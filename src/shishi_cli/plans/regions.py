"""A plan's regions (区市, 市州) with their short names, and an indicator's target broken down
among them (任务分解).

Unlike a department, a region is only ever declared: a share or a figure names a declared one.
Names are compared as rules.name_key compares them.
"""

from __future__ import annotations

from decimal import Decimal

from shishi_cli import rules
from shishi_cli.errors import ConflictError, UsageError
from shishi_cli.i18n import _
from shishi_cli.numbers import format_decimal, parse_quantity
from shishi_cli.records import IndicatorRecord, PlanRecord, RegionRecord, ShareRecord
from shishi_cli.rule_messages import raise_refusal
from shishi_cli.said import said

from .history import FieldChange, changes_said, quote, record, shown
from .names import clean, closest, named


def declared_regions(plan: PlanRecord) -> list[RegionRecord]:
    return plan.get("regions", [])


def region_names(plan: PlanRecord) -> list[str]:
    return [r["name"] for r in declared_regions(plan)]


def resolve_region(plan: PlanRecord, text: str) -> str | None:
    """The region `text` names, by its full name or a short name; None: no region."""
    return named(declared_regions(plan), text)


def unknown_region(plan: PlanRecord, text: str, option: str) -> UsageError:
    """The usage error of a region name the plan does not declare, listing the closest first."""
    regions = declared_regions(plan)
    listed, near = closest([r["name"] for r in regions], {r["name"]: r["aliases"] for r in regions}, text)
    if not regions:
        hint = _("the plan declares no region yet: declare them with 'shishi add-region'")
    elif near:
        hint = _("regions there, closest first: {names}").format(names=listed)
    else:
        hint = _("regions there: {names}").format(names=listed)
    return UsageError(
        _("{option} {region!r}: no region of the {year} plan is called that").format(
            option=option, region=text, year=plan["year"]
        ),
        hint=hint,
    )


def find_region(plan: PlanRecord, text: str, option: str) -> str:
    """The region `text` names; a usage error listing the closest if none."""
    found = resolve_region(plan, text)
    if found is None:
        raise unknown_region(plan, text, option)
    return found


def _store(plan: PlanRecord, regions: list[RegionRecord]) -> None:
    raise_refusal(rules.region_problems([(r["name"], r["aliases"]) for r in regions]))
    if regions:
        plan["regions"] = regions
    else:
        plan.pop("regions", None)


def add_region(plan: PlanRecord, name: str, short_names: list[str], now: str) -> RegionRecord:
    """Declare a region with its short names."""
    [name] = clean([name], "region")
    have = resolve_region(plan, name)
    if have is not None:
        raise ConflictError(
            _("the region {name!r} is declared already").format(name=have),
            hint=_("change it with 'shishi edit-region'"),
        )
    region: RegionRecord = {"name": name, "aliases": [a for a in clean(short_names, "region") if a != name]}
    _store(plan, [*declared_regions(plan), region])
    if region["aliases"]:
        summary = said(
            "declared the region {name} with short names {aliases}",
            name=quote(name),
            aliases=shown(region["aliases"]),
        )
    else:
        summary = said("declared the region {name}", name=quote(name))
    record(plan, now, "add-region", summary)
    return region


def edit_region(
    plan: PlanRecord, text: str, now: str, new_name: str | None, short_names: list[str] | None
) -> list[FieldChange]:
    """Rename a region (in every share and figure too, in the same write) or replace its short names."""
    if new_name is None and short_names is None:
        raise UsageError(_("nothing to change"), hint=_("give --name or --alias (or --no-aliases)"))
    name = find_region(plan, text, "")
    regions: list[RegionRecord] = [
        {"name": r["name"], "aliases": list(r["aliases"])} for r in declared_regions(plan)
    ]
    current = next(r for r in regions if r["name"] == name)
    changes: list[FieldChange] = []
    if new_name is not None:
        [renamed] = clean([new_name], "region")
        if renamed != name:
            other = resolve_region(plan, renamed)
            if other is not None and other != name:
                raise ConflictError(
                    _("{name!r} is already a region of the {year} plan").format(name=other, year=plan["year"])
                )
            changes.append(FieldChange("name", quote(name), quote(renamed)))
            current["name"] = renamed
    if short_names is not None:
        cleaned = [a for a in clean(short_names, "region") if a != current["name"]]
        if cleaned != current["aliases"]:
            changes.append(FieldChange("aliases", shown(current["aliases"]), shown(cleaned)))
            current["aliases"] = cleaned
    if not changes:
        return []
    _store(plan, regions)
    if current["name"] != name:
        for share in (s for p in plan["projects"] for i in p["indicators"] for s in i.get("regions", ())):
            if share["region"] == name:
                share["region"] = current["name"]
        for entry in plan["progress"]:
            if entry.get("region") == name:
                entry["region"] = current["name"]
    record(
        plan,
        now,
        "edit-region",
        said("region {name}: {changes}", name=quote(name), changes=changes_said(changes)),
    )
    return changes


def remove_region(plan: PlanRecord, text: str, now: str) -> None:
    """Remove a region no indicator gives a share (its figures go with its shares)."""
    name = find_region(plan, text, "")
    where = [i["id"] for p in plan["projects"] for i in p["indicators"] if name in _shared(i)]
    if where:
        raise ConflictError(
            _("the region {name} has a share of {indicators}").format(name=name, indicators=", ".join(where)),
            hint=_("give those indicators their breakdown without it first (edit-indicator --region-target)"),
        )
    _store(plan, [r for r in declared_regions(plan) if r["name"] != name])
    record(plan, now, "remove-region", said("removed the region {name}", name=quote(name)))


def _shared(indicator: IndicatorRecord) -> list[str]:
    return [s["region"] for s in indicator.get("regions", ())]


def region_of(plan: PlanRecord, indicator: IndicatorRecord, text: str) -> str:
    """The region of `indicator`'s breakdown that `text` names (for a figure of it)."""
    region = find_region(plan, text, "--region")
    raise_refusal(rules.entry_region_problems(indicator, region, indicator["counts"]))
    return region


def parse_shares(plan: PlanRecord, texts: list[str], unit: str) -> list[ShareRecord]:
    """--region-target 长沙市=150 … as shares, each region by its full name or a short name."""
    shares: list[ShareRecord] = []
    for text in texts:
        region, sep, amount = text.partition("=")
        if not sep or not region.strip() or not amount.strip():
            raise UsageError(
                _("--region-target {text!r} is not REGION=AMOUNT").format(text=text),
                hint=_("e.g. --region-target 长沙市=150"),
            )
        name = find_region(plan, region, "--region-target")
        shares.append({"region": name, "target": format_decimal(parse_quantity(amount.strip(), unit))})
    return shares


def shares_warning(plan: PlanRecord, indicator: IndicatorRecord) -> str | None:
    """The sentence of shares that do not add up to the target (within the plan's tolerance)."""
    from shishi_cli.rule_messages import sentence

    if not indicator.get("regions") or indicator["target"] is None:
        return None
    shares = [(s["region"], Decimal(s["target"])) for s in indicator["regions"]]
    tolerance = Decimal(plan["settings"].get("share_tolerance", "0"))
    found = rules.shares_sum_problems(indicator["id"], Decimal(indicator["target"]), shares, tolerance)
    return sentence(found[0]) if found else None


def set_share_tolerance(plan: PlanRecord, now: str, tolerance: Decimal) -> list[FieldChange]:
    """How far, in percent of a target, region shares may add up away from it."""
    raise_refusal(rules.threshold_problems("share_tolerance", tolerance))
    old = plan["settings"].get("share_tolerance", "0")
    new = format_decimal(tolerance)
    if new == old:
        return []
    if tolerance:
        plan["settings"]["share_tolerance"] = new
    else:
        plan["settings"].pop("share_tolerance", None)
    change = FieldChange("share_tolerance", old, new)
    record(plan, now, "share-tolerance", change.said())
    return [change]
