"""The views of the kept versions: their list, undo, redo and restore, and what a change made
outside shishi changed.

They receive what was found and an `Out`; they never read files or compare stores. The wording of
differences is said in the interface language and, called under `i18n.english()`, recorded in
English (the history, the versions' summaries).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.i18n import N_, _, ngettext
from shishi_cli.text import clip, inline, literal

from .contract import versions_json
from .output import Column, Grid, Out, Styled, json_bytes, print_grid
from .words import CHANGED_FIELDS

if TYPE_CHECKING:
    from shishi_cli.compare import Difference, Outside
    from shishi_cli.store import Look, Moved
    from shishi_cli.versions import Version

FIELDS = {
    **CHANGED_FIELDS,
    "value": N_("value"),
    "note": N_("note"),
    "label": N_("label"),
    "at": N_("time recorded"),
    "project": N_("project"),
}


# --- differences -------------------------------------------------------------------------------


def _value(text: str | None) -> str:
    return _("none") if text is None else clip(text, 60)


def _counts(d: Difference) -> str:
    parts = []
    if d.indicators is not None:
        parts.append(
            ngettext("{count} indicator", "{count} indicators", d.indicators).format(count=d.indicators)
        )
    if d.entries is not None:
        parts.append(
            ngettext("{count} progress entry", "{count} progress entries", d.entries).format(count=d.entries)
        )
    return _(", ").join(parts)


def difference_text(d: Difference) -> str:
    """One difference, as people read it: "1.1 month 6: value 180400 -> 180500"."""
    name = clip(d.name or "", 60)
    change = ""
    if d.field is not None:
        field = _(FIELDS[d.field]) if d.field in FIELDS else d.field
        change = _("{field} {old} -> {new}").format(field=field, old=_value(d.old), new=_value(d.new))
    if d.kind == "plan":
        if d.change == "added":
            return _("the {year} plan {name!r} added ({counts})").format(
                year=d.year, name=name, counts=_counts(d)
            )
        if d.change == "removed":
            return _("the {year} plan {name!r} removed ({counts})").format(
                year=d.year, name=name, counts=_counts(d)
            )
        return _("the {year} plan: {change}").format(year=d.year, change=change)
    if d.kind == "project":
        if d.change == "added":
            return _("project {number} {name!r} added ({counts})").format(
                number=d.project, name=name, counts=_counts(d)
            )
        if d.change == "removed":
            return _("project {number} {name!r} removed ({counts})").format(
                number=d.project, name=name, counts=_counts(d)
            )
        return _("project {number}: {change}").format(number=d.project, change=change)
    if d.kind == "indicator":
        if d.change == "added":
            return _("indicator {indicator} {name!r} added ({counts})").format(
                indicator=d.indicator, name=name, counts=_counts(d)
            )
        if d.change == "removed":
            return _("indicator {indicator} {name!r} removed ({counts})").format(
                indicator=d.indicator, name=name, counts=_counts(d)
            )
        return _("indicator {indicator}: {change}").format(indicator=d.indicator, change=change)
    if d.kind == "entry":
        if d.stage is not None:
            entry = _("{indicator} month {month} ({stage})").format(
                indicator=d.indicator, month=d.month, stage=d.stage
            )
        else:
            entry = _("{indicator} month {month}").format(indicator=d.indicator, month=d.month)
        if d.change == "added":
            return _("{entry}: {value} added").format(entry=entry, value=_value(d.new))
        if d.change == "removed":
            return _("{entry}: {value} removed").format(entry=entry, value=_value(d.old))
        return _("{entry}: {change}").format(entry=entry, change=change)
    return _("history: {old} records -> {new}").format(old=d.old, new=d.new)


def differences_text(found: list[Difference], limit: int = 8) -> str:
    """Differences on one line, the first `limit` of them; each with its plan's year when they
    span several plans."""
    several = len({d.year for d in found}) > 1
    shown = [
        _("{year}: {difference}").format(year=d.year, difference=difference_text(d))
        if several
        else difference_text(d)
        for d in found[:limit]
    ]
    if len(found) > limit:
        more = len(found) - limit
        shown.append(
            ngettext("and {count} more difference", "and {count} more differences", more).format(count=more)
        )
    return _("; ").join(shown)


def plan_texts(found: list[Difference], limit: int = 20) -> dict[str, str]:
    """What differs in each plan, for its history: plan key -> text."""
    years = dict.fromkeys(d.year for d in found)
    return {year: differences_text([d for d in found if d.year == year], limit) for year in years}


def outside_text(found: list[Difference] | None) -> str:
    """The summary of a store changed outside shishi."""
    if found is None:
        return _("changed outside shishi (no kept version to compare it with)")
    if not found:
        return _("changed outside shishi: the same content, written differently")
    return _("changed outside shishi: {differences}").format(differences=differences_text(found, 5))


# --- undo, redo, restore, keep -----------------------------------------------------------------


def moved_lines(moved: Moved, *, forward: bool) -> list[str]:
    """What undo or redo did: each change it went past, then where the store is now; a line each."""
    count = len(moved.passed)
    if forward:
        lines = [_("Redid {changes}").format(changes=inline(v.summary)) for v in moved.passed]
        where = ngettext(
            "Now at version {number}; 'shishi undo' takes it back",
            "Now at version {number}; 'shishi undo -n {count}' takes them back",
            count,
        )
    else:
        lines = [_("Undid {changes}").format(changes=inline(v.summary)) for v in moved.passed]
        where = ngettext(
            "Now at version {number}; 'shishi redo' puts it back",
            "Now at version {number}; 'shishi redo -n {count}' puts them back",
            count,
        )
    return [*lines, where.format(number=moved.now.number, count=count)]


def restored_text(made: Version, chosen: Version, back: list[Version]) -> str:
    """What restore did, and how to take it back. `back` is what undo walks, nearest first: a
    damaged file it replaced is kept there, but undo goes past it, to a sound version if one is."""
    damaged = back[0] if back and not back[0].sound else None
    if damaged is None:
        text = _("Put back version {number} ({at}, {command}) as version {made}; 'shishi undo' takes it back")
    elif any(v.sound for v in back):
        text = _(
            "Put back version {number} ({at}, {command}) as version {made}; the damaged file it "
            "replaced is kept as version {damaged} ('shishi undo' goes back past it)"
        )
    else:
        text = _(
            "Put back version {number} ({at}, {command}) as version {made}; the damaged file it "
            "replaced is kept as version {damaged}"
        )
    return text.format(
        number=chosen.number,
        at=chosen.shown(),
        command=literal(chosen.command),
        made=made.number,
        damaged=damaged.number if damaged is not None else "",
    )


def kept_text(keep: int, dropped: list[Version]) -> str:
    text = ngettext("Keeping the last version", "Keeping the last {keep} versions", keep).format(keep=keep)
    if dropped:
        numbers = ", ".join(str(v.number) for v in sorted(dropped, key=lambda v: v.number))
        text += ngettext("; dropped version {numbers}", "; dropped versions {numbers}", len(dropped)).format(
            numbers=numbers
        )
    return text


def accepted_text(made: Version, outside: Outside) -> str:
    if outside.found is None:
        return _("Recorded the change made outside shishi as version {number}").format(number=made.number)
    return _("Recorded the change made outside shishi as version {number}: {differences}").format(
        number=made.number, differences=literal(differences_text(outside.found)) or _("no difference")
    )


# --- the list of versions ----------------------------------------------------------------------


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


def render_versions(look: Look, fmt: str, out: Out) -> None:
    kept = look.kept
    steps = {number: step for step, number in enumerate(kept.redo, 1)}
    newest = sorted(kept.versions, key=lambda v: v.number, reverse=True)
    if fmt == "json":
        out.write(json_bytes(versions_json(look, newest, steps)))
        return
    if not newest:
        out.write(
            _("No versions of {path} are kept yet: the next change keeps the first.").format(path=look.path)
            + "\n"
        )
        return
    title = _("Versions of {path} (keeping the last {keep})").format(path=look.path, keep=kept.keep)
    grid = Grid(title, [
        Column("#", "right", whole=True), Column(_("When"), whole=True),
        Column(_("Command"), wrap=False, whole=True), Column(_("Change")),
        Column(_("Size"), "right", whole=True), Column(_("State"), whole=True),
    ])  # fmt: skip
    for v in newest:
        if v.number == kept.current and look.live is not None and not look.changed:
            state: str | Styled = Styled(_("current"), "bold")
        elif v.number == kept.current:  # the store is missing, or not this version any more
            state = _("last written")
        elif v.number in steps:
            state = _("redo {step}").format(step=steps[v.number])
        elif not v.sound:
            state = _("does not validate")
        else:
            state = ""
        grid.rows.append(
            [str(v.number), v.shown(), literal(v.command), literal(v.summary), _size(v.size), state]
        )
    print_grid(out, grid)
    if look.changed and look.live is not None:  # (a missing store: the error names the restore)
        current = kept.current
        if look.outside:
            note = _(
                "The store was changed outside shishi since version {number}; "
                "'shishi check' shows what changed."
            )
        else:
            note = _("The store is not the current version {number}: the next change keeps it as it is.")
        out.write(note.format(number=current) + "\n")


def outside_warning(outside: Outside) -> str:
    """`check`'s warning about a change made outside shishi."""
    if outside.base is None:
        return _(
            "the file was changed outside shishi (its checksum does not match) and no version is kept "
            "to compare it with; 'shishi check --accept' records it"
        )
    count = len(outside.found or [])
    return ngettext(
        "the file was changed outside shishi since version {number} ({at}, {command}): {count} difference; "
        "'shishi check --accept' records it",
        "the file was changed outside shishi since version {number} ({at}, {command}): {count} differences; "
        "'shishi check --accept' records them",
        count,
    ).format(number=outside.base.number, at=outside.base.shown(), command=outside.base.command, count=count)
