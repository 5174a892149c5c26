"""An indicator whose target is broken down by region (任务分解): its value is the sum of its
regions' figures in force, and each region is judged on its own share as an indicator of its own.

Only indicators with a breakdown come here (their record holds `regions`): a plan without regions
costs the report nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shishi_cli.numbers import format_decimal
from shishi_cli.records import EntryRecord, IndicatorRecord

from .indicator import IndicatorCalc, Made, in_force, made_by_month
from .results import STATUSES, IndicatorResult, Number, RegionBreakdown, RegionResult, quantity
from .timeline import Calendar


class Regional:
    """An indicator's entries split into its regions' figures, the totals entered directly and the
    rest; `entries` are those the indicator is judged by: month by month, where any region has a
    figure in force, their sum (the totals before that)."""

    __slots__ = ("ind", "by_region", "totals", "entries", "mades", "shares")

    def __init__(self, ind: IndicatorRecord, entries: list[EntryRecord]) -> None:
        self.ind = ind
        counts = ind["counts"]
        self.shares = ind.get("regions", [])
        by_region: dict[str, list[EntryRecord]] = {s["region"]: [] for s in self.shares}
        totals: list[EntryRecord] = []
        others: list[EntryRecord] = []
        for entry in entries:
            region = entry.get("region")
            if region is not None:
                by_region.setdefault(region, []).append(entry)
            elif entry.get("stage") == counts:
                totals.append(entry)
            else:
                others.append(entry)
        self.by_region = by_region
        self.totals = totals
        self.mades: dict[str, Made] = {
            name: made_by_month(own, counts, False) for name, own in by_region.items() if own
        }
        summed: list[EntryRecord] = []
        started = False
        for month in range(1, 13):
            made_now = [made[month] for made in self.mades.values() if made[month] is not None]
            started = started or bool(made_now)
            if made_now:
                figures = [in_force(made, month) for made in self.mades.values()]
                value = sum((Decimal(e.get("value") or "0") for e in figures if e is not None), Decimal(0))
                sum_entry: EntryRecord = {"indicator": ind["id"], "month": month}
                if counts is not None:
                    sum_entry["stage"] = counts
                sum_entry["value"] = format_decimal(value)
                stamps = [e["at"] for e in made_now if e is not None and "at" in e]
                if stamps:
                    sum_entry["at"] = max(stamps)
                summed.append(sum_entry)
            elif not started:
                summed += [e for e in totals if e["month"] == month]
        self.entries = others + summed

    def shares_of(self, region: str) -> bool:
        return any(s["region"] == region for s in self.shares)

    def calc_of(self, region: str, year: int, calendar: Calendar) -> IndicatorCalc:
        """The calculation of `region`'s share: the indicator with the share as its target."""
        share = next(s for s in self.shares if s["region"] == region)
        record: IndicatorRecord = {
            **self.ind, "target": share["target"], "baseline": None, "at_most": None, "at_least": None,
            "stage_schedules": [], "changes": [], "regions": [],
        }  # fmt: skip
        return IndicatorCalc(year, record, self.by_region.get(region, []), calendar)

    def at(
        self, year: int, calendar: Calendar, project: int, owners: list[str], month: int, tolerance: Decimal
    ) -> RegionBreakdown:
        ind = self.ind
        rows: list[RegionResult] = []
        missing: list[str] = []
        for share in self.shares:
            name = share["region"]
            r = self.calc_of(name, year, calendar).result(project, owners, month)
            if r.value is None:
                missing.append(name)
            rows.append(
                RegionResult(
                    name,
                    quantity(share["target"]),
                    r.value,
                    r.as_of_month,
                    r.percent,
                    r.expected_percent,
                    r.gap,
                    r.status,
                    r.light,
                    r.lagging_months,
                    r.reported,
                )  # fmt: skip
            )
        summed = total = None
        if len(missing) < len(rows):
            figures = [in_force(made, month) for made in self.mades.values()]
            value = sum((Decimal(e.get("value") or "0") for e in figures if e is not None), Decimal(0))
            summed = quantity(format_decimal(value))
            direct = (
                in_force(made_by_month(self.totals, ind["counts"], False), month) if self.totals else None
            )
            # A total is compared with the regions' figures of its own month: a July total beside
            # August's regions is older, not different.
            latest = max((e["month"] for e in figures if e is not None), default=None)
            if (
                direct is not None
                and direct["month"] == latest
                and Decimal(direct.get("value") or "0") != value
            ):
                total = quantity(direct.get("value") or "0")
        shares = sum((Decimal(s["target"]) for s in self.shares), Decimal(0))
        target = Decimal(ind["target"] or "0")
        off = abs(shares - target) * 100 > tolerance * target
        return RegionBreakdown(rows, missing, total, summed, quantity(format_decimal(shares)), off)


# --- the regional league table ------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class RegionStanding:
    """A region over every indicator broken down among the regions, as of a month."""

    region: str
    indicators: int  # how many give it a share
    counts: dict[str, int]  # by status, in STATUSES' order
    mean_gap: Number | None  # the mean of its gaps, rounded to 0.01 (None: no figure anywhere)
    worst_indicator: str | None  # the indicator it is furthest behind on
    worst_gap: Number | None


def ranked_rows(rows: list[RegionResult], best_first: bool) -> list[RegionResult]:
    """One indicator's regions, most behind first (those without a figure before all: most behind
    of all, as `lagging` puts them), or best first; a tie keeps the plan's order."""
    if best_first:
        return sorted(rows, key=lambda x: (x.gap is None, -(x.gap or 0)))
    return sorted(rows, key=lambda x: (x.gap is not None, x.gap or 0))


def standings(indicators: list[IndicatorResult], best_first: bool) -> list[RegionStanding]:
    """Each region over the indicators broken down among the regions, by mean gap, most behind
    first (or best first); a tie keeps the order the regions first come in."""
    gaps: dict[str, list[tuple[Decimal, str]]] = {}
    counts: dict[str, dict[str, int]] = {}
    shared: dict[str, int] = {}
    for r in indicators:
        for x in r.breakdown.regions if r.breakdown is not None else ():
            counts.setdefault(x.region, dict.fromkeys(STATUSES, 0))[x.status] += 1
            shared[x.region] = shared.get(x.region, 0) + 1
            if x.gap is not None:  # (a gap is rounded to 0.01 already: exact as a decimal)
                gaps.setdefault(x.region, []).append((Decimal(repr(x.gap)), r.id))
    found: list[RegionStanding] = []
    for region, by_status in counts.items():
        own = gaps.get(region, [])
        mean = worst = worst_gap = None
        if own:
            total = sum((g for g, _i in own), Decimal(0))
            mean = quantity(format_decimal((total / len(own)).quantize(_CENT, rounding=ROUND_HALF_UP)))
            low, worst = min(own, key=lambda pair: pair[0])
            worst_gap = quantity(format_decimal(low))
        found.append(RegionStanding(region, shared[region], by_status, mean, worst, worst_gap))
    if best_first:
        return sorted(found, key=lambda s: (s.mean_gap is None, -(s.mean_gap or 0)))
    return sorted(found, key=lambda s: (s.mean_gap is not None, s.mean_gap or 0))


_CENT = Decimal("0.01")
