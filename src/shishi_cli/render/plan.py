"""The plan's views: list (its projects and indicators), history (its recorded changes), check (the store)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.i18n import _, ngettext, pgettext
from shishi_cli.text import literal, markdown_cell, one_line

from .contract import check_json, plan_json, plans_json
from .output import Column, Grid, Out, Section, Styled, json_bytes, markdown_table, print_grid
from .versions import difference_text, outside_warning, recorded_command, recorded_text
from .words import amount, departments, limit_text, schedule_text

if TYPE_CHECKING:
    from pathlib import Path

    from shishi_cli.compare import Outside
    from shishi_cli.integrity import Finding
    from shishi_cli.plans import PlanSummary
    from shishi_cli.records import FollowUpRecord, HistoryRecord, IndicatorRecord, PlanRecord
    from shishi_cli.store import Rescue


def render_list(plan: PlanRecord, fmt: str, out: Out) -> None:
    if fmt == "json":
        out.write(json_bytes(plan_json(plan)))
        return
    grid = Grid(f"{literal(plan['title'])} ({plan['year']})", [
        Column(_("ID"), wrap=False, whole=True), Column(_("Project / indicator")),
        Column(_("Target"), "right", whole=True), Column(_("Stages")),
        Column(_("Deadline"), wrap=False, whole=True), Column(_("Owners")),
    ])  # fmt: skip
    for project in plan["projects"]:
        owners = literal(departments(project["owners"]))
        grid.rows.append(Section(
            [str(project["number"]), Styled(literal(project["title"]), "bold"), "", "", "", owners],
            f"{project['number']}  {literal(project['title'])} — {owners}",
        ))  # fmt: skip
        for ind in project["indicators"]:
            stages = "→".join(ind["stages"])
            if ind["counts"] and len(ind["stages"]) > 1:
                stages += _(" (counts {stage})").format(stage=ind["counts"])
            for schedule in ind.get("stage_schedules", ()):
                stages += "; " + schedule_text(schedule, ind["unit"])
            grid.rows.append(
                [
                    literal(ind["id"]),
                    literal(ind["name"]),
                    literal(_defined_target(ind)),
                    literal(stages),
                    ind["deadline"] or "",
                    literal(departments(ind["owners"])),
                ]
            )
    print_grid(out, grid)
    n_ind = sum(len(p["indicators"]) for p in plan["projects"])
    counts = (
        ngettext("{count} project", "{count} projects", len(plan["projects"])).format(
            count=len(plan["projects"])
        ),
        ngettext("{count} indicator", "{count} indicators", n_ind).format(count=n_ind),
        ngettext("{count} progress entry", "{count} progress entries", len(plan["progress"])).format(
            count=len(plan["progress"])
        ),
    )
    out.write(_(", ").join(counts) + "\n")


def render_plans(summaries: list[PlanSummary], fmt: str, out: Out) -> None:
    """The store's plans, a line each (shishi plans)."""
    if fmt == "json":
        out.write(json_bytes(plans_json(summaries)))
        return
    if not summaries:
        out.write(_('No plans yet; create one with: shishi init --year 2022 --title "2022年市办实事"') + "\n")
        return
    grid = Grid(None, [
        Column(_("Year"), wrap=False), Column(_("Title")), Column(_("Projects"), "right", wrap=False),
        Column(_("Indicators"), "right", wrap=False), Column(_("Figures"), "right", wrap=False),
        Column(_("Latest month"), "right", wrap=False),
    ])  # fmt: skip
    for s in summaries:
        latest = _("month {month}").format(month=s.latest_month) if s.latest_month is not None else "—"
        grid.rows.append(
            [str(s.year), literal(s.title), f"{s.projects:,}", f"{s.indicators:,}", f"{s.entries:,}", latest]
        )
    print_grid(out, grid)


def _defined_target(ind: IndicatorRecord) -> str:
    """The target as the plan states it: an amount, a milestone, or tracked only."""
    if ind["kind"] == "milestone":
        return _("milestone")
    at_most, at_least = ind.get("at_most"), ind.get("at_least")
    if at_most is not None or at_least is not None:
        return limit_text(at_most, at_least, ind["unit"])
    if ind["target"] is None:
        return _("tracked ({unit})").format(unit=ind["unit"]) if ind["unit"] else _("tracked")
    return amount(ind["target"], ind["unit"])


def render_history(changes: list[HistoryRecord], out: Out) -> None:
    if not changes:
        out.write(_("No recorded changes.") + "\n")
        return
    grid = Grid(None, [
        Column(_("When"), wrap=False, whole=True), Column(_("Command"), wrap=False, whole=True),
        Column(_("Change")),
    ])  # fmt: skip
    for c in changes:
        grid.rows.append([literal(c["at"]), literal(recorded_command(c)), literal(recorded_text(c))])
    print_grid(out, grid)


def render_check(
    path: Path,
    findings: list[Finding],
    fmt: str,
    out: Out,
    *,
    outside: Outside | None = None,
    rescue: Rescue | None = None,
) -> None:
    """The problems and warnings of a store; a change made outside shishi is one warning, with
    what differs from the kept version; a damaged store names the version to restore."""
    problems = [f for f in findings if not f.warning]
    warnings = [f for f in findings if f.warning]
    if fmt == "json":
        out.write(json_bytes(check_json(path, problems, warnings, outside, rescue)))
        return
    lines = [_("problem: {finding}").format(finding=one_line(str(f))) for f in problems]
    lines += [_("warning: {finding}").format(finding=one_line(str(f))) for f in warnings]
    if outside is not None:
        lines.append(_("warning: {finding}").format(finding=outside_warning(outside)))
        lines += [f"  {one_line(difference_text(d))}" for d in outside.found or []]
    if rescue is not None:
        from shishi_cli.store import rescue_text  # worded where a store error names it too

        lines.append(rescue_text(rescue))
    count = len(warnings) + (outside is not None)
    if problems:
        summary = _("{path}: {problems} problem(s), {warnings} warning(s)")
    elif count:
        summary = _("{path}: sound, {warnings} warning(s)")
    else:
        summary = _("{path}: sound")
    lines.append(summary.format(path=path, problems=len(problems), warnings=count))
    out.write("".join(line + "\n" for line in lines))


def render_count_units(plan: PlanRecord, out: Out) -> None:
    """The units that count whole things: the built-in ones and the plan's own."""
    from shishi_cli.rules import COUNT_UNITS

    listed = pgettext("list of names", ", ").join
    own = plan["settings"]["count_units"]
    out.write(
        _("Built in: {units}").format(units=listed(COUNT_UNITS))
        + "\n"
        + _("This plan's own: {units}").format(units=literal(listed(own)) if own else _("none"))
        + "\n"
    )


def render_follow_ups(
    year: int, rows: list[tuple[int, FollowUpRecord]], open_only: bool, fmt: str, out: Out
) -> None:
    """`follow-up list`: the office's actions and the answers, in the order made."""
    from .contract import follow_ups_csv, follow_ups_json

    if fmt == "json":
        out.write(json_bytes(follow_ups_json(year, open_only, rows)))
        return
    if fmt == "csv":
        out.write(follow_ups_csv(rows))
        return
    if not rows:
        out.write((_("No open follow-ups.") if open_only else _("No follow-ups yet.")) + "\n")
        return
    title = (_("Open follow-ups: {count}") if open_only else _("Follow-ups: {count}")).format(count=len(rows))
    headers = [_("No."), _("ID"), _("Month"), _("Action"), _("Date"), _("Note"), _("Answered"), _("Answer")]
    cells = [
        [str(n), f["indicator"], str(f["month"]), f["action"], f["date"], f.get("note", ""),
         f.get("answered", ""), f.get("answer", "")]
        for n, f in rows
    ]  # fmt: skip
    if fmt == "markdown":
        out.write(f"## {markdown_cell(title)}\n\n" + markdown_table(headers, cells))
        return
    grid = Grid(
        title, [Column(h, wrap=n in (3, 5, 7), whole=n not in (3, 5, 7)) for n, h in enumerate(headers)]
    )
    grid.rows.extend([literal(c) for c in row] for row in cells)
    print_grid(out, grid)
