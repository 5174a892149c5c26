"""The views of the kept versions: their list, undo, redo and restore, and what a change made
outside shishi changed.

They receive what was found and an `Out`; they never read files or compare stores. Differences
are worded as messages (said.py): said in the interface language here, recorded in English in
the history, and kept as messages with the versions, whose summaries are said in the language
of whoever reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shishi_cli.i18n import N_, _, language, ngettext
from shishi_cli.plans import KEPT_CHANGES, NAMED, RECORDED, VALUE, said_of
from shishi_cli.said import (
    DATA,
    Joined,
    Plural,
    Said,
    any_of,
    joined,
    message,
    read,
    said,
    said_plural,
    text_or,
)
from shishi_cli.said import text as said_text
from shishi_cli.text import clip, inline, literal
from shishi_cli.versions import OUTSIDE, SUMMARY_MAX, command_shown

from .contract import versions_json
from .output import Column, Grid, Out, Styled, json_bytes, print_grid
from .words import CHANGED_FIELDS

if TYPE_CHECKING:
    from shishi_cli.compare import Difference, Outside
    from shishi_cli.records import HistoryRecord
    from shishi_cli.store import Look, Moved
    from shishi_cli.versions import Version

FIELDS = {**CHANGED_FIELDS, "value": N_("value"), "at": N_("time recorded")}


# --- differences -------------------------------------------------------------------------------


def _value(text: str | None) -> Said:
    """A value as compare shows it: a stage's schedule or a kept change is in words (开工 30 by
    2022-06-30), said in the reader's language; a long one cut short."""
    if text is None:
        return said("none")
    if len(text) > 60:
        return clip(text, 60)
    return read(text, VALUE, NAMED) or text


def _counts(d: Difference) -> Said:
    parts = []
    if d.indicators is not None:
        parts.append(said_plural("{count} indicator", "{count} indicators", d.indicators, count=d.indicators))
    if d.entries is not None:
        parts.append(
            said_plural("{count} progress entry", "{count} progress entries", d.entries, count=d.entries)
        )
    return joined(parts, ", ")


def difference_said(d: Difference) -> Said:
    """One difference, as a message: "1.1 month 6: value 180400 -> 180500"."""
    name = clip(d.name or "", 60)
    change: Said = ""
    if d.field is not None:
        field = said(FIELDS[d.field]) if d.field in FIELDS else d.field
        change = said("{field} {old} -> {new}", field=field, old=_value(d.old), new=_value(d.new))
    if d.kind == "plan":
        if d.change == "added":
            return said(
                "the {year} plan {name!r} added ({counts})", year=d.year, name=name, counts=_counts(d)
            )
        if d.change == "removed":
            return said(
                "the {year} plan {name!r} removed ({counts})", year=d.year, name=name, counts=_counts(d)
            )
        return said("the {year} plan: {change}", year=d.year, change=change)
    if d.kind == "project":
        number = d.project or 0
        if d.change == "added":
            return said(
                "project {number} {name!r} added ({counts})", number=number, name=name, counts=_counts(d)
            )
        if d.change == "removed":
            return said(
                "project {number} {name!r} removed ({counts})", number=number, name=name, counts=_counts(d)
            )
        return said("project {number}: {change}", number=number, change=change)
    indicator = d.indicator or ""
    if d.kind == "indicator":
        if d.change == "added":
            return said(
                "indicator {indicator} {name!r} added ({counts})",
                indicator=indicator,
                name=name,
                counts=_counts(d),
            )
        if d.change == "removed":
            return said(
                "indicator {indicator} {name!r} removed ({counts})",
                indicator=indicator, name=name, counts=_counts(d),
            )  # fmt: skip
        return said("indicator {indicator}: {change}", indicator=indicator, change=change)
    if d.kind == "entry":
        month = d.month or 0
        if d.stage is not None:
            entry = said(
                "{indicator} month {month} ({stage})", indicator=indicator, month=month, stage=d.stage
            )
        else:
            entry = said("{indicator} month {month}", indicator=indicator, month=month)
        if d.change == "added":
            return said("{entry}: {value} added", entry=entry, value=_value(d.new))
        if d.change == "removed":
            return said("{entry}: {value} removed", entry=entry, value=_value(d.old))
        return said("{entry}: {change}", entry=entry, change=change)
    return said("history: {old} records -> {new}", old=d.old or "", new=d.new or "")


def difference_text(d: Difference) -> str:
    """One difference, as people read it: "1.1 month 6: value 180400 -> 180500"."""
    return said_text(difference_said(d))


def differences_said(found: list[Difference], limit: int = 8) -> Said:
    """Differences on one line, the first `limit` of them; each with its plan's year when they
    span several plans."""
    several = len({d.year for d in found}) > 1
    shown = [
        said("{year}: {difference}", year=d.year, difference=difference_said(d))
        if several
        else difference_said(d)
        for d in found[:limit]
    ]
    if len(found) > limit:
        more = len(found) - limit
        shown.append(
            said_plural("and {count} more difference", "and {count} more differences", more, count=more)
        )
    return joined(shown)


def differences_text(found: list[Difference], limit: int = 8) -> str:
    return said_text(differences_said(found, limit))


def plan_saids(found: list[Difference], limit: int = 20) -> dict[str, Said]:
    """What differs in each plan, for its history: plan key -> message."""
    years = dict.fromkeys(d.year for d in found)
    return {year: differences_said([d for d in found if d.year == year], limit) for year in years}


def outside_said(found: list[Difference] | None) -> Said:
    """The summary of a store changed outside shishi."""
    if found is None:
        return said("changed outside shishi (no kept version to compare it with)")
    if not found:
        return said("changed outside shishi: the same content, written differently")
    return said("changed outside shishi: {differences}", differences=differences_said(found, 5))


# --- what was recorded in English, read back to be said in the reader's language -------------

_NONE = message("none")
_COUNTS = Joined(
    any_of(
        Plural("{count} indicator", "{count} indicators"),
        Plural("{count} progress entry", "{count} progress entries"),
    ),
    ", ",
)
_FIELD = any_of(*(message(word) for word in sorted(set(FIELDS.values()), key=len, reverse=True)))
_CHANGE = any_of(
    message("{field} {old} -> {new}", field=message("changes"), old=KEPT_CHANGES, new=KEPT_CHANGES),
    message("{field} {old} -> {new}", field=_FIELD, old=VALUE, new=VALUE),
)
_ENTRY = any_of(message("{indicator} month {month} ({stage})"), message("{indicator} month {month}"))
_DIFFERENCE = any_of(
    *(
        message(f"{kind} {{name!r}} {change} ({{counts}})", counts=_COUNTS)
        for kind in ("the {year} plan", "project {number}", "indicator {indicator}")
        for change in ("added", "removed")
    ),
    message("the {year} plan: {change}", change=_CHANGE),
    message("project {number}: {change}", change=_CHANGE),
    message("indicator {indicator}: {change}", change=_CHANGE),
    message("{entry}: {value} added", entry=_ENTRY, value=any_of(_NONE, DATA)),
    message("{entry}: {value} removed", entry=_ENTRY, value=any_of(_NONE, DATA)),
    message("{entry}: {change}", entry=_ENTRY, change=_CHANGE),
    message("history: {old} records -> {new}", old=DATA, new=DATA),
)
DIFFERENCES = Joined(
    any_of(
        _DIFFERENCE,
        message("{year}: {difference}", difference=_DIFFERENCE),
        Plural("and {count} more difference", "and {count} more differences"),
    )
)
_OUTSIDE = any_of(
    message("changed outside shishi (no kept version to compare it with)"),
    message("changed outside shishi: the same content, written differently"),
    message("changed outside shishi: {differences}", differences=DIFFERENCES),
)
# A kept version's summary, as the versions' index of an earlier shishi kept it in English only.
_KEPT_CHANGE = any_of(
    message(
        "{command}: {summary}",
        command=any_of(message("outside shishi"), DATA),
        summary=any_of(RECORDED, DIFFERENCES),
    ),
    message(
        "add-progress {indicator} month {month}: {value}",
        value=any_of(message("{value} ({region})", value=DATA), DATA),
    ),
    Plural("and {count} more entry", "and {count} more entries"),
)
KEPT = any_of(
    Joined(
        any_of(
            message("{year} plan: {change}", change=_KEPT_CHANGE),
            _KEPT_CHANGE,
            message("removed the {year} plan"),
        )
    ),
    message("restore: put back version {number} of {at}"),
    message("{file}: the previous version an earlier shishi kept"),
    message("as found: a store shishi wrote that was not kept yet"),
    message("changed outside shishi; it does not validate: {problem}"),
    message("changed outside shishi"),
    _OUTSIDE,
)


def recorded_command(made: HistoryRecord) -> str:
    """A history record's command: its name as typed, or what stands for a change made outside."""
    from shishi_cli.compare import OUTSIDE_COMMAND

    return command_shown(OUTSIDE) if made["command"] == OUTSIDE_COMMAND else made["command"]


def recorded_text(made: HistoryRecord) -> str:
    """A history record's summary in the interface language: the message it was made as, or the
    one its English is of (a record of this shishi or an earlier one); else as recorded."""
    if language() == "en":
        return made["summary"]
    from shishi_cli.compare import OUTSIDE_COMMAND

    if made["command"] == OUTSIDE_COMMAND:
        return text_or(read(made["summary"], DIFFERENCES, NAMED), made["summary"])
    return text_or(said_of(made), made["summary"])


# --- a kept version, as people read it ----------------------------------------------------------


def version_command(v: Version) -> str:
    """The command that made `v` (a command's name stays as typed)."""
    return command_shown(v.command)


def version_summary(v: Version) -> str:
    """What `v` changed, in the interface language: its message, said now; when it has none (kept
    by an earlier shishi) or it cannot be said, the message its English summary is of, else that
    English as it is."""
    if language() == "en":
        return v.summary
    # Kept by an earlier shishi (or a message this one cannot say): its English, read back.
    recorded = text_or(read(v.summary, KEPT, NAMED), v.summary)
    return clip(text_or(v.said, recorded), SUMMARY_MAX)


# --- undo, redo, restore, keep -----------------------------------------------------------------


def moved_lines(moved: Moved, *, forward: bool) -> list[str]:
    """What undo or redo did: each change it went past, then where the store is now; a line each."""
    count = len(moved.passed)
    if forward:
        lines = [_("Redid {changes}").format(changes=inline(version_summary(v))) for v in moved.passed]
        where = ngettext(
            "Now at version {number}; 'shishi undo' takes it back",
            "Now at version {number}; 'shishi undo -n {count}' takes them back",
            count,
        )
    else:
        lines = [_("Undid {changes}").format(changes=inline(version_summary(v))) for v in moved.passed]
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
        command=literal(version_command(chosen)),
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
            [
                str(v.number),
                v.shown(),
                literal(version_command(v)),
                literal(version_summary(v)),
                _size(v.size),
                state,
            ]
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
    ).format(
        number=outside.base.number,
        at=outside.base.shown(),
        command=version_command(outside.base),
        count=count,
    )
