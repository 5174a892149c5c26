"""How a domain value reads for people: statuses, lights, quantities, percents, targets, warnings.

Every view words these the same way through here, in the interface language; JSON and CSV
keep the values themselves (see contract.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from shishi_cli.i18n import N_, _, ngettext, pgettext
from shishi_cli.numbers import format_decimal, format_grouped
from shishi_cli.plans import FIELD_WORDS, shown
from shishi_cli.progress import STATUSES

if TYPE_CHECKING:
    from shishi_cli.progress import IndicatorResult, Number, Report, ReportWarning, StageResult, Thresholds
    from shishi_cli.records import ChangeRecord, FollowUpRecord, SourceRecord, StageScheduleRecord

# How a terminal shows each light.
LIGHT_STYLE = {
    "blue": "bold blue",
    "green": "green",
    "yellow": "yellow",
    "red": "bold red",
    "grey": "dim",
}
STATUS_WORDS = {
    "met": N_("met"),
    "ahead": N_("ahead"),
    "on_track": N_("on track"),
    "lagging": N_("lagging"),
    "overdue": N_("overdue"),
    "no_data": N_("no data"),
    "in_progress": N_("in progress"),
    "breached": N_("breached"),
}
LIGHT_WORDS = {
    "blue": N_("blue"),
    "green": N_("green"),
    "yellow": N_("yellow"),
    "red": N_("red"),
    "grey": N_("grey"),
}
# The fields an edit can change, as people name them.
CHANGED_FIELDS = FIELD_WORDS


def status_words() -> dict[str, str]:
    """Status values (the JSON contract) as people read them, in the interface language."""
    return {status: _(word) for status, word in STATUS_WORDS.items()}


def light_words() -> dict[str, str]:
    return {light: _(word) for light, word in LIGHT_WORDS.items()}


def status_and_light(status: str, light: str) -> str:
    """ "lagging (red)": the light named, for where there is no colour to show it."""
    return _("{status} ({light})").format(status=_(STATUS_WORDS[status]), light=_(LIGHT_WORDS[light]))


def stages_overdue_text(counts: dict[str, int]) -> str:
    """ "Stages due and not reached (应开工未开工): 1 indicator, of 1 project"."""
    indicators, projects = counts["indicators"], counts["projects"]
    return _("Stages due and not reached (应开工未开工): {indicators}, of {projects}").format(
        indicators=ngettext("{n} indicator", "{n} indicators", indicators).format(n=indicators),
        projects=ngettext("{n} project", "{n} projects", projects).format(n=projects),
    )


def summary_text(counts: dict[str, int], *, spaced: bool = False) -> str:
    """ "10 met, 16 ahead, …": counts by status, in the order of the statuses; `spaced`, with a
    space after each comma in Chinese too (已完成1项， 超前5项), for a narrow table cell to wrap
    between them rather than inside a status word."""
    words = status_words()
    parts = [
        _("{count} {status}").format(count=n, status=words[s]) for s in STATUSES if (n := counts.get(s, 0))
    ]
    comma = _(", ")
    return (comma.rstrip() + " " if spaced else comma).join(parts) if parts else _("none")


def rules_text(th: Thresholds, month: int) -> str:
    """The rule a report judged by, in a sentence under it."""
    tolerance, ahead, red = (format_decimal(v) for v in (th.tolerance, th.ahead_margin, th.red_gap))
    if th.mode == "relative":
        return _(
            "Expected progress (时序进度) as of month {month}; relative rule: on track down to "
            "{tolerance} % short of it, ahead from {ahead_margin} % above it, red beyond {red_gap} % short."
        ).format(month=month, tolerance=tolerance, ahead_margin=ahead, red_gap=red)
    if th.mode == "bands":
        start, ahead_band, on_track, yellow = next(b for b in reversed(th.bands) if b[0] <= month)
        parts = [_("on track at {percent} or more").format(percent=format_decimal(on_track))]
        if ahead_band is not None:
            parts.insert(0, _("ahead at {percent} or more").format(percent=format_decimal(ahead_band)))
        if yellow is not None:
            parts.append(_("red below {percent}").format(percent=format_decimal(yellow)))
        return _(
            "Expected progress (时序进度) as of month {month}; bands of percent of target from month "
            "{start}: {bands}."
        ).format(month=month, start=start, bands=_(", ").join(parts))
    return _(
        "Expected progress (时序进度) as of month {month}; tolerance {tolerance} points, "
        "ahead margin {ahead_margin}, red beyond {red_gap}."
    ).format(month=month, tolerance=tolerance, ahead_margin=ahead, red_gap=red)


# --- numbers -----------------------------------------------------------------------------------


def amount(value: Number | str | None, unit: str = "") -> str:
    """A quantity for people, grouped: 180,400 人; 494.3 公里; — where there is none."""
    if value is None:
        return "—"
    if type(value) is int:
        text = f"{value:,}"
    else:
        text = format_grouped(Decimal(value) if isinstance(value, str) else Decimal(repr(value)))
    return f"{text} {unit}" if unit else text


def percent(value: Number | None, missing: str = "") -> str:
    """A percent or points as shown: 51.54, 50, -31 (rounded to 0.01 already, shown so)."""
    if value is None:
        return missing
    if type(value) is int:
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed(value: Number | None) -> str:
    """Points with their sign: +1.54, -16.67, 0."""
    if value is None:
        return ""
    text = percent(value)
    return text if text.startswith("-") or text == "0" else "+" + text


# --- an indicator ------------------------------------------------------------------------------


def value_text(r: IndicatorResult) -> str:
    """The figure as of the month: "10 完工 (开工 42)" for a staged one, the stage of a milestone;
    a scheduled stage with its status: "10 完工 (开工 27 overdue)"."""
    judged = r.stage_status
    if r.kind == "milestone":
        reached = r.stage or "—"
        if judged:
            words = status_words()
            reached += " (" + ", ".join(f"{s} {words[j.status]}" for s, j in judged.items()) + ")"
        return reached
    main = amount(r.value)
    if r.stages:
        others = []
        for s, v in r.stages.items():
            if s == r.stage or (v is None and (judged is None or s not in judged)):
                continue
            shown = f"{s} {amount(v)}"
            if judged is not None and s in judged:
                shown += " " + status_words()[judged[s].status]
            others.append(shown)
        main = f"{main} {r.stage}" if r.value is not None else f"— {r.stage}"
        if others:
            main += " (" + ", ".join(others) + ")"
    return main


def limit_text(at_most: Number | str | None, at_least: Number | str | None, unit: str) -> str:
    """A ceiling, a floor, or both: ≤ 4.3 %, ≥ 95 %, 3–5 %."""
    if at_most is not None and at_least is not None:
        return f"{amount(at_least)}–{amount(at_most, unit)}"
    if at_most is not None:
        return f"≤ {amount(at_most, unit)}"
    return f"≥ {amount(at_least, unit)}"


def expected_text(r: IndicatorResult) -> str:
    """The expected percent in a table: none for a limit, which the calendar does not judge."""
    if r.at_most is not None or r.at_least is not None:
        return ""
    return percent(r.expected_percent)


def target_text(r: IndicatorResult) -> str:
    if r.kind == "milestone":
        return _("milestone")
    if r.at_most is not None or r.at_least is not None:
        return limit_text(r.at_most, r.at_least, r.unit)
    if r.target is None:
        return _("tracked ({unit})").format(unit=r.unit) if r.unit else _("tracked")
    if r.baseline is not None:
        return f"{amount(r.baseline)} → {amount(r.target, r.unit)}"
    return amount(r.target, r.unit)


def source_text(source: SourceRecord) -> str:
    """Where an imported figure came from: "人社局.xlsx row 4 (市人力资源社会保障局)"."""
    said = _("{file} row {row}").format(file=source["file"], row=source["row"])
    if source.get("department"):
        said = _("{place} ({department})").format(place=said, department=source.get("department"))
    return said


def label_text(r: IndicatorResult) -> str:
    """The label given, and whether the computed status agrees: "进展迅速 (disagrees)"."""
    if r.label is None:
        return ""
    if r.label_agrees is None:
        said = _("{label} (unmapped)")
    elif r.label_agrees:
        said = _("{label} (agrees)")
    else:
        said = _("{label} (disagrees)")
    return said.format(label=r.label)


def follow_up_text(f: FollowUpRecord) -> str:
    """ "督办 in month 7, 2022-07-27 (市督查室督办单〔2022〕12号): answered 2022-08-10: 已开工" """
    said = _("{action} in month {month}, {date}").format(action=f["action"], month=f["month"], date=f["date"])
    if f.get("note"):
        said += _(" ({note})").format(note=f.get("note"))
    if "answer" in f:
        return said + _(": answered {date}: {answer}").format(date=f.get("answered"), answer=f.get("answer"))
    return said + _(": not answered yet")


def warning_text(w: ReportWarning) -> str:
    kind, indicator, name = w.kind, w.indicator, w.name
    if kind == "overdue":
        return _("{indicator} {name}: due {deadline} and not met: overdue").format(
            indicator=indicator, name=name, deadline=w.deadline
        )
    if kind == "breached":
        if w.above:
            said = _("{indicator} {name}: {value} is above the ceiling of {limit}")
        else:
            said = _("{indicator} {name}: {value} is below the floor of {limit}")
        return said.format(
            indicator=indicator, name=name, value=amount(w.value, w.unit), limit=amount(w.limit, w.unit)
        )
    if kind == "changed" and w.change is not None:
        return _("{indicator} {name}: {change}; a report of this month made before then differs").format(
            indicator=indicator, name=name, change=change_words(w.change)
        )
    if kind == "stage_overdue" and w.limit is None:  # a milestone's stage
        return _("{indicator} {name}: stage {stage} was due {deadline} and is not reached").format(
            indicator=indicator, name=name, stage=w.stage, deadline=w.deadline
        )
    if kind == "stage_overdue":
        return _(
            "{indicator} {name}: stage {stage} was due {deadline}: {value} of {target}, {shortfall} short "
            "(应{stage}未{stage})"
        ).format(
            indicator=indicator, name=name, stage=w.stage, deadline=w.deadline,
            value=amount(w.value or 0), target=amount(w.limit, w.unit), shortfall=amount(w.shortfall, w.unit),
        )  # fmt: skip
    if kind == "stage_lagging":
        return _("{indicator} {name}: stage {stage} is {points} points behind its schedule").format(
            indicator=indicator, name=name, stage=w.stage, points=percent(w.points)
        )
    if kind == "due_soon":
        return _("{indicator} {name}: due {deadline} and not met").format(
            indicator=indicator, name=name, deadline=w.deadline
        )
    if kind == "lagging_streak":
        return _("{indicator} {name}: lagging {months} months in a row").format(
            indicator=indicator, name=name, months=w.months
        )
    if kind == "falls" and w.downward:  # a level that should go down (PM2.5) went up
        return _(
            "{indicator} {name}: the figure rose since last month, away from its target "
            "(progress fell by {points} points)"
        ).format(indicator=indicator, name=name, points=percent(w.points))
    if kind == "falls":
        return _(
            "{indicator} {name}: progress fell by {points} points since last month; "
            "figures are cumulative (累计)"
        ).format(indicator=indicator, name=name, points=percent(w.points))
    if kind == "stale":
        return _("{indicator} {name}: latest figure is {months} months old").format(
            indicator=indicator, name=name, months=w.months
        )
    if kind == "unanswered" and w.follow_up is not None:
        return _("{indicator} {name}: {action} of {date} not answered; the answer was due {due}").format(
            indicator=indicator,
            name=name,
            action=w.follow_up["action"],
            date=w.follow_up["date"],
            due=w.deadline,
        )
    if kind == "unmapped_label":
        return _(
            "{indicator} {name}: label {label} is not one shishi knows; not compared with the status"
        ).format(indicator=indicator, name=name, label=w.label)
    if kind == "shares_off":
        return _(
            "{indicator} {name}: the region shares add up to {value}, not to the target {target}"
        ).format(
            indicator=indicator, name=name, value=amount(w.value, w.unit), target=amount(w.limit, w.unit)
        )
    if kind == "regions_missing":
        return _(
            "{indicator} {name}: no figure yet from {regions}; the value is the sum of the others"
        ).format(indicator=indicator, name=name, regions="、".join(w.regions))
    if kind == "total_differs":
        return _(
            "{indicator} {name}: the total entered, {total}, differs from the regions' sum, {value}"
        ).format(indicator=indicator, name=name, total=amount(w.limit, w.unit), value=amount(w.value, w.unit))
    if w.stage:
        return _("{indicator} {name}: no figure of the counted stage {stage} yet").format(
            indicator=indicator, name=name, stage=w.stage
        )
    return _("{indicator} {name}: no figure yet").format(indicator=indicator, name=name)


def change_words(change: ChangeRecord) -> str:
    """A kept change in words: "target 300 -> 350 from month 9, approved 2022-09-12 (报市政府同意后调整)",
    "target corrected on 2022-09-12 (30 -> 300)"."""
    field = _(CHANGED_FIELDS.get(change["field"], change["field"]))
    old, new = (_("none") if v == "none" else v for v in (shown(change["old"]), shown(change["new"])))
    day = change["at"][:10]
    if change["from_month"] is None:
        said = _("{field} corrected on {date}: {old} -> {new}").format(
            field=field, date=day, old=old, new=new
        )
    else:
        said = _("{field} {old} -> {new} from month {month}, changed on {date}").format(
            field=field, old=old, new=new, month=change["from_month"], date=day
        )
    if change["reason"]:
        said += _(" ({reason})").format(reason=change["reason"])
    return said


def schedule_text(schedule: StageScheduleRecord, unit: str) -> str:
    """A stage's schedule as the plan states it: 开工 30 条 by 2022-06-30 (3:50%,6:100%)."""
    parts = [schedule["stage"]]
    if schedule["target"] is not None:
        parts.append(amount(schedule["target"], unit))
    if schedule["deadline"] is not None:
        parts.append(_("by {deadline}").format(deadline=schedule["deadline"]))
    if schedule["trajectory"]:
        planned = ",".join(f"{p['month']}:{p['percent']}%" for p in schedule["trajectory"])
        parts.append(f"({planned})")
    return " ".join(parts)


def stage_status_text(stage: str, s: StageResult, unit: str) -> str:
    """A scheduled stage where it stands: 开工 27 of 30 条, due 2022-06-30: overdue (red), 3 条 short."""
    if s.target is None:
        where = _("{stage}, due {deadline}").format(stage=stage, deadline=s.deadline)
    else:
        where = _("{stage} {value} of {target}, due {deadline}").format(
            stage=stage, value=amount(s.value), target=amount(s.target, unit), deadline=s.deadline
        )
    said = _("{where}: {status}").format(where=where, status=status_and_light(s.status, s.light))
    if s.shortfall is not None:
        said += _(", {shortfall} short").format(shortfall=amount(s.shortfall, unit))
    return said


def departments(names: list[str]) -> str:
    """Departments in one cell or sentence: 、 between them as offices write, unless a name holds
    a 、 itself (各区、县（市）人民政府), when ； keeps one department from reading as several."""
    return ("；" if any("、" in name for name in names) else "、").join(names)


def scoped_title(report: Report) -> str:
    """The plan's title, and what the report is limited to (第3件, a department, a region) when
    it is: a bulletin of one department must not read as the whole plan's."""
    parts = [_("no. {number}").format(number=n) for n in report.projects_chosen] + list(report.scope)
    if not parts:
        return report.title
    return _("{title} ({scope})").format(
        title=report.title, scope=pgettext("list of names", ", ").join(parts)
    )
