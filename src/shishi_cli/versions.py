"""The versions kept beside the store (STORE.versions/): their files, their index, undo and redo.

The index names each version, which one is current, where undo and redo lead, and how many are
kept. Each version is a numbered copy of the store file (000012.json), with a copy of each
year's file it names in `years/` (store.py), never a link to the live store: an editor that
writes the store in place must not change a kept version with it.
The index (index.json) is small and replaced whole, as the store is. A replacement of the store
writes its new version's file first, then the index naming it, then the store; the index also
records where it started from (`before`). A crash between the index and the store leaves an
index one step ahead of the store, which `settled` recognises by the store's bytes and turns
back. Everything here runs under the store's lock, and nothing here reads what a store holds.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .errors import StoreError, reason
from .files import replace_file
from .i18n import N_, _
from .said import Said, english, shortened
from .text import clip, number_ranges

KEEP = 30  # versions kept unless `shishi versions --keep N` says otherwise
# At least the current version and the one before it: a change that first keeps the store as it
# found it (a hand edit, a damaged file) makes two versions at once, and undo needs the first.
KEEP_LEAST = 2
FORMAT = 1  # an index of this format may carry more than it did (`said`): older shishi ignores it
SUMMARY_MAX = 400  # characters of a kept version's summary
SAID_MAX = 8192  # bytes of its message (said.py) in the index; a longer one is left out
INDEX = "index.json"
# What a kept version that no shishi command made says it is, in place of a command.
OUTSIDE = "(outside shishi)"
AS_FOUND = "(as found)"
BACKUP = "(backup)"
MADE_BY = {OUTSIDE: N_("(outside shishi)"), AS_FOUND: N_("(as found)"), BACKUP: N_("(backup)")}
_NUMBERED = re.compile(r"\d{6,}\.json")


def command_shown(command: str) -> str:
    """A kept version's command in the interface language: one a shishi command made stays as
    typed; what stands for one (OUTSIDE, AS_FOUND, BACKUP) is said in words."""
    return _(MADE_BY[command]) if command in MADE_BY else command


def folder_of(real: Path) -> Path:
    """The versions folder of the store file `real` (its real path, symlinks resolved)."""
    return real.with_name(real.name + ".versions")


def file_name(number: int) -> str:
    return f"{number:06d}.json"


class Version(NamedTuple):
    """One kept version: when and by what it was made, and the file's checksum and size.

    `checksum` is the store's own checksum line when shishi wrote the file, else the SHA-256 of
    the whole file. `parent` is the version that was current when this one was made: where undo
    goes back to. `sound` says whether the file validated when it was kept (a damaged store is
    kept as it was found, never put back). `summary` is in English; `said` is the same as a
    message (said.py), to say in the language of whoever reads it (None in a version an earlier
    shishi kept, which is said as its summary).
    """

    number: int
    at: str
    command: str
    summary: str
    checksum: str
    size: int
    parent: int | None
    sound: bool = True
    said: Said | None = None

    def shown(self) -> str:
        """Its time as people read it: 2026-12-05 10:00."""
        return self.at.replace("T", " ")[:16]


class Kept(NamedTuple):
    """What the index says: the versions kept (oldest first), the current one, what redo leads
    to (next first), how many to keep, and where the last replacement of the store started from
    (`before`: the current version and redo chain it would go back to)."""

    keep: int = KEEP
    next: int = 1
    current: int | None = None
    redo: tuple[int, ...] = ()
    versions: tuple[Version, ...] = ()
    before: tuple[int | None, tuple[int, ...]] | None = None

    def version(self, number: int | None) -> Version | None:
        if number is None:
            return None
        return next((v for v in self.versions if v.number == number), None)

    def back(self) -> list[Version]:
        """Where undo leads, nearest first: the current version's parent, its parent, … while kept."""
        path: list[Version] = []
        at = self.version(self.current)
        while at is not None and at.parent is not None and len(path) < len(self.versions):
            at = self.version(at.parent)
            if at is not None:
                path.append(at)
        return path

    def forward(self) -> list[Version]:
        """Where redo leads, next first."""
        path: list[Version] = []
        for number in self.redo:
            version = self.version(number)
            if version is None:
                break
            path.append(version)
        return path

    def preferred(self) -> list[Version]:
        """The versions in the order they matter to a user: the current one, what undo reaches,
        what redo reaches, then the rest newest first."""
        newest = sorted(self.versions, key=lambda v: v.number, reverse=True)
        order = [self.version(self.current), *self.back(), *self.forward(), *newest]
        found: dict[int, Version] = {}
        for version in order:
            if version is not None:
                found.setdefault(version.number, version)
        return list(found.values())

    def added(self, version: Version) -> Kept:
        """`version` made and current: nothing left to redo; the oldest beyond `keep` dropped."""
        made = self._replace(
            next=max(self.next, version.number + 1),
            current=version.number,
            redo=(),
            versions=(*self.versions, version),
        )
        return made.rotated()

    def moved(self, number: int, redo: tuple[int, ...]) -> Kept:
        return self._replace(current=number, redo=redo)

    def rotated(self) -> Kept:
        """The first `keep` of `preferred()` (the current one is always first), in number order."""
        kept = {v.number for v in self.preferred()[: self.keep]}
        redo: list[int] = []
        for number in self.redo:
            if number not in kept:
                break
            redo.append(number)
        return self._replace(redo=tuple(redo), versions=tuple(v for v in self.versions if v.number in kept))

    def numbers(self) -> str:
        """The kept numbers as ranges: 1, 5-34."""
        return number_ranges(v.number for v in self.versions)


def summarised(summary: Said | None, command: str) -> tuple[str, Said | None]:
    """A version's summary, in English (the command's name when there is none), and the message
    to keep with it: none for plain text, nor for one too long for the index."""
    if summary is None:
        return command, None
    text = clip(english(summary), SUMMARY_MAX) or command
    if isinstance(summary, str):
        return text, None
    message = shortened(summary, SUMMARY_MAX)
    return text, message if len(orjson.dumps(message)) <= SAID_MAX else None


def settled(kept: Kept, live: str | None) -> Kept:
    """The state the store file is in. An index one step ahead of the store (a replacement cut
    short after the index was written) is turned back to where it started; the version it made
    stays listed, for `restore`."""
    current = kept.version(kept.current)
    if live is None or kept.before is None or (current is not None and current.checksum == live):
        return kept
    number, redo = kept.before
    was = kept.version(number)
    if was is None or was.checksum != live:
        return kept  # changed outside shishi since: the caller keeps it as it is
    chain: list[int] = []
    for n in redo:
        if kept.version(n) is None:
            break
        chain.append(n)
    return kept._replace(current=number, redo=tuple(chain), before=None)


# --- the index ---------------------------------------------------------------------------------


def dumps(kept: Kept) -> bytes:
    before = None
    if kept.before is not None:
        before = {"current": kept.before[0], "redo": list(kept.before[1])}
    body = {
        "format": FORMAT,
        "keep": kept.keep,
        "next": kept.next,
        "current": kept.current,
        "redo": list(kept.redo),
        "before": before,
        "versions": [
            {
                "number": v.number,
                "at": v.at,
                "command": v.command,
                "summary": v.summary,
                "checksum": v.checksum,
                "size": v.size,
                "parent": v.parent,
                "sound": v.sound,
                **({} if v.said is None else {"said": v.said}),
            }
            for v in kept.versions
        ],
    }
    return orjson.dumps(body, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def loads(raw: bytes) -> Kept:
    """The index's content; ValueError, KeyError or TypeError when it is not an index."""
    data = orjson.loads(raw)
    if data["format"] != FORMAT:
        raise ValueError(f"format {data['format']!r}")
    versions = tuple(
        Version(
            number=_number(v["number"]),
            at=str(v["at"]),
            command=str(v["command"]),
            summary=str(v["summary"]),
            checksum=str(v["checksum"]),
            size=int(v["size"]),
            parent=None if v["parent"] is None else _number(v["parent"]),
            sound=bool(v["sound"]),
            said=v.get("said"),
        )
        for v in data["versions"]
    )
    before = data["before"]
    return Kept(
        keep=max(KEEP_LEAST, _number(data["keep"])),
        next=_number(data["next"]),
        current=None if data["current"] is None else _number(data["current"]),
        redo=tuple(_number(n) for n in data["redo"]),
        versions=versions,
        before=None
        if before is None
        else (
            None if before["current"] is None else _number(before["current"]),
            tuple(_number(n) for n in before["redo"]),
        ),
    )


def _number(value: Any) -> int:
    if type(value) is not int or value < 1:
        raise ValueError(f"{value!r} is not a version number")
    return value


def read_index(folder: Path) -> Kept | None:
    """The index of `folder`; None when there is none yet."""
    path = folder / INDEX
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        kept_files = folder.is_dir() and any(_NUMBERED.fullmatch(p.name) for p in folder.iterdir())
        if kept_files:  # numbering them anew would write over them: refuse, as for a damaged index
            raise StoreError(
                _("the kept versions in {folder} have lost their index ({index})").format(
                    folder=folder, index=INDEX
                ),
                hint=_(
                    "move the folder {folder} elsewhere: shishi starts a new one at the next change"
                ).format(folder=folder),
            ) from None
        return None
    except OSError as error:
        raise StoreError(_("cannot read {path}: {reason}").format(path=path, reason=reason(error))) from None
    try:
        return loads(raw)
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(
            _("the index of the kept versions {path} is damaged ({reason})").format(path=path, reason=error),
            hint=_("move the folder {folder} elsewhere: shishi starts a new one at the next change").format(
                folder=folder
            ),
        ) from None


# --- the files ---------------------------------------------------------------------------------


def make_folder(folder: Path, mode: int) -> None:
    """The versions folder, readable by whoever may read the store (`mode`: the store's)."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, 0o700 | mode | (mode & 0o444) >> 2)  # searchable wherever the store is readable


def keep_file(folder: Path, number: int, raw: bytes, mode: int) -> None:
    """A version's file, fsynced; its rename becomes durable with the index's (same folder)."""
    replace_file(folder / file_name(number), lambda handle: handle.write(raw), mode=mode, sync_folder=False)


def write_index(folder: Path, kept: Kept, mode: int) -> None:
    content = dumps(kept)
    replace_file(folder / INDEX, lambda handle: handle.write(content), mode=mode)


def read_file(folder: Path, version: Version) -> bytes | None:
    """A kept version's bytes; None when its file is gone or unreadable."""
    try:
        return (folder / file_name(version.number)).read_bytes()
    except OSError:
        return None


def tidy(folder: Path, kept: Kept) -> None:
    """Remove what is no longer kept: rotated out, made by a write cut short, or a temporary of a
    killed writer. Files of other names are left alone."""
    wanted = {file_name(v.number) for v in kept.versions}
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        unwanted = _NUMBERED.fullmatch(name) is not None and name not in wanted
        if unwanted or (name.startswith(".") and name.endswith(".tmp")):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
