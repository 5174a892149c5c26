"""Reading and writing the store file: checksum, validation, locking, atomic replace, kept versions.

A store shishi wrote itself ends with a checksum of everything above it. When the checksum
matches, the file is exactly what shishi validated before writing it, and is read with orjson
alone; otherwise (a hand edit, a merge, another version) the whole file goes through the
pydantic models and the plan rules before any command uses it. That keeps a report on 60,000
entries fast without ever trusting a file nobody validated.

Whatever replaces the store (a change, undo, redo, restore) does it through a `Session`, under
the lock, which first keeps the bytes it replaces as a version if they are not kept yet
(versions.py keeps them); readers never look at the versions unless the store is damaged or
missing, when an error names the version to restore.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shlex
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, cast

import orjson

from . import versions
from .errors import StoreError, Unchanged, UsageError, reason
from .files import file_mode, replace_file
from .i18n import _, english
from .integrity import Finding, check_store
from .migrations import migrate
from .records import SCHEMA_VERSION, StoreRecord, compact, new_store
from .text import clip
from .versions import Kept, Version

_CHECKSUM_LINE = b'\n  "checksum": "sha256:'
_CHECKSUM_END = b'"\n}\n'
LOCK_TIMEOUT = 60.0  # seconds: 16 writers at once on a 60,000-entry store need about 10 (docs/store.md)
SUMMARY_MAX = 400  # characters of a kept version's summary

# What a kept version that no shishi command made says it is.
OUTSIDE = "(outside shishi)"
AS_FOUND = "(as found)"
BACKUP = "(backup)"


def backup_path(path: Path) -> Path:
    """STORE.bak: the one previous version older shishi kept (adopted as the first kept version)."""
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def queue_path(path: Path) -> Path:
    """STORE.queue: where writers wait their turn (lock.py)."""
    return path.with_name(path.name + ".queue")


def versions_folder(path: Path) -> Path:
    """STORE.versions, beside the store's real file."""
    return versions.folder_of(Path(os.path.realpath(path)))


def protected_paths(path: Path) -> list[Path]:
    """What no output file may overwrite or land in: the store, its lock, its kept versions, and
    the backup an older shishi kept (a file by that name is taken in as a version)."""
    real = Path(os.path.realpath(path))
    return [path, real, lock_path(real), queue_path(real), versions.folder_of(real), backup_path(real)]


# --- reading -----------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(
            _("no store at {path}").format(path=path),
            hint=_rescue_hint(path, None)
            or _(
                'create one with: shishi init --year YEAR --title "YEAR年市办实事" '
                "(or point --store or SHISHI_STORE at an existing file)"
            ),
        ) from None
    except IsADirectoryError:
        raise StoreError(_("{path} is a folder, not a store file").format(path=path)) from None
    except OSError as error:
        raise StoreError(_("cannot read {path}: {reason}").format(path=path, reason=reason(error))) from None


class Loaded(NamedTuple):
    """A validated store, and whether its file was changed outside shishi since shishi wrote it
    (its checksum does not match: it was validated in full)."""

    store: StoreRecord
    changed_outside: bool


def load(path: Path) -> Loaded:
    """The validated content of the store at `path`; StoreError if it is missing or invalid,
    naming the newest sound kept version."""
    raw = read_bytes(path)
    trusted = checksum_matches(raw)
    store = parse_store(path, raw, trusted=trusted, rescue=lambda: _rescue_hint(path, raw))
    return Loaded(store, not trusted)


def read_store(path: Path) -> StoreRecord:
    """The validated content of the store at `path`; StoreError if it is missing or invalid."""
    return load(path).store


def parse_store(
    path: Path,
    raw: bytes,
    *,
    trusted: bool | None = None,
    rescue: Callable[[], str | None] | None = None,
) -> StoreRecord:
    """The validated content of `raw`, read from `path` (named in messages). `trusted`: its
    checksum is known to match; `rescue` says how to get a sound version back if it is invalid."""
    if checksum_matches(raw) if trusted is None else trusted:
        data = orjson.loads(raw)
        del data["checksum"]
        version = data["schema_version"]
        if version == SCHEMA_VERSION:
            return cast(StoreRecord, data)
        if isinstance(version, int) and 1 <= version < SCHEMA_VERSION:  # as an older shishi wrote it
            return cast(StoreRecord, migrate(data))
        # a newer shishi's (or a number no shishi writes): validation says which, and refuses it
    store, findings = validate(path, raw)
    problems = [f for f in findings if not f.warning and not f.mendable]
    if store is None or problems:
        first = problems[0]
        if len(problems) > 1:
            message = _("{path}: {problem} (and {more} more problems)").format(
                path=path, problem=first, more=len(problems) - 1
            )
        else:
            message = _("{path}: {problem}").format(path=path, problem=first)
        way_back = rescue() if rescue is not None else None
        if way_back:
            hint = _("the file was not changed; {rescue}").format(rescue=way_back)
        else:
            hint = _(
                "run 'shishi --store {path} check' to list every problem; the file was not changed"
            ).format(path=path)
        raise StoreError(message, hint=hint)
    return store


def checksum_matches(raw: bytes) -> bool:
    return _embedded(raw) is not None


def _embedded(raw: bytes) -> str | None:
    """The checksum the file carries, when it is the checksum of everything above it."""
    at = raw.rfind(_CHECKSUM_LINE)
    if at < 0:
        return None
    start = at + len(_CHECKSUM_LINE)
    digest = raw[start : start + 64]
    if raw[start + 64 :] != _CHECKSUM_END:
        return None
    if hashlib.sha256(memoryview(raw)[: at + 1]).hexdigest().encode() != digest:  # no 7 MB copy
        return None
    return "sha256:" + digest.decode()


def identity(raw: bytes) -> tuple[str, bool]:
    """What names these bytes among the kept versions, and whether shishi wrote them: the
    store's own checksum when it matches, else the SHA-256 of the whole file."""
    embedded = _embedded(raw)
    if embedded is not None:
        return embedded, True
    return "sha256:" + hashlib.sha256(raw).hexdigest(), False


def validate(path: Path, raw: bytes) -> tuple[StoreRecord | None, list[Finding]]:
    """Validate `raw` in full: parse, schema, plan rules. The normalized store, and what was found."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:  # orjson's own words for this are obscure
            line = raw.count(b"\n", 0, bad.start) + 1
            where = _("line {line} (byte {byte})").format(line=line, byte=bad.start)
            return None, [Finding(where, _("not valid UTF-8 text"))]
        where = _("line {line} column {column}").format(line=error.lineno, column=error.colno)
        return None, [Finding(where, _("not valid JSON ({reason})").format(reason=error.msg))]
    twice = _duplicate_findings(raw)
    if not isinstance(data, dict):
        return None, [Finding(_("top level"), _("a store is a JSON object with 'schema_version'"))]
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return None, [
            Finding(
                "schema_version",
                _(
                    "the store has schema version {version}, this shishi reads up to {supported}: "
                    "upgrade shishi"
                ).format(version=version, supported=SCHEMA_VERSION),
            )
        ]
    data = migrate(data)
    from pydantic import ValidationError  # only a store shishi did not write needs pydantic

    from .models import Store

    try:
        model = Store.model_validate(data)
    except ValidationError as error:
        return None, [
            *twice,
            *(Finding(_field_path(e["loc"]), _error_text(e)) for e in error.errors(include_url=False)),
        ]
    store = cast(StoreRecord, model.model_dump(mode="json", exclude={"checksum"}))
    for plan in store["plans"].values():
        for key in ("escalation", "answer_days"):  # the defaults: left out
            if plan["settings"].get(key, ()) is None:
                del plan["settings"][key]  # type: ignore[misc]
        if plan.get("follow_ups") == []:
            del plan["follow_ups"]
        else:
            plan["follow_ups"] = [
                cast(Any, {k: v for k, v in f.items() if v is not None}) for f in plan["follow_ups"]
            ]
        for key in ("departments", "regions"):  # (left out at their default, as an indicator's fields)
            if not plan.get(key):
                plan.pop(key, None)  # type: ignore[misc]
        if plan["settings"].get("share_tolerance") == "0":
            del plan["settings"]["share_tolerance"]
        plan["progress"] = [_entry(e) for e in plan["progress"]]
        for project in plan["projects"]:
            for indicator in project["indicators"]:
                compact(indicator)
    return store, [*twice, *check_store(store)]


def _entry(entry: Any) -> Any:
    """A validated entry as the store keeps it: its optional fields left out, not null."""
    found = {k: v for k, v in entry.items() if v is not None}
    if "source" in found and found["source"].get("department") is None:
        found["source"] = {k: v for k, v in found["source"].items() if k != "department"}
    return found


def _duplicate_findings(raw: bytes) -> list[Finding]:
    """A key given twice in one object: a parser keeps the last value and drops the other unseen,
    so the file is refused until one is removed by hand."""
    findings = []
    from .duplicates import duplicate_keys  # only a hand-edited file is looked through for them

    for twice in duplicate_keys(raw):
        line, others = twice.lines[1], [twice.lines[0], *twice.lines[2:]]
        where = (
            _("{where}, line {line}").format(where=twice.where, line=line)
            if twice.where
            else _("line {line}").format(line=line)
        )
        key = json.dumps(twice.key, ensure_ascii=False)
        if len(twice.lines) == 2:
            message = _("the key {key} appears twice (also on line {line}); keep one").format(
                key=key, line=others[0]
            )
        else:
            message = _("the key {key} appears {count} times (also on lines {lines}); keep one").format(
                key=key, count=len(twice.lines), lines=", ".join(map(str, others))
            )
        findings.append(Finding(where, message))
    return findings


def _field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or _("top level")


def _error_text(error: Any) -> str:
    value = error.get("input")
    shown = repr(value)
    # A rule of ours raised in a validator: its own words, without pydantic's "Value error, ".
    message = error["ctx"]["error"] if error.get("type") == "value_error" and "ctx" in error else error["msg"]
    if len(shown) > 60 or isinstance(value, dict | list):
        return str(message)
    return _("{message} (found {value})").format(message=message, value=shown)


def _first_problem(path: Path, raw: bytes) -> str | None:
    """In English, what makes `raw` invalid (for a kept version's summary); None if it is sound."""
    with english():
        _store, findings = validate(path, raw)
    problems = [f for f in findings if not f.warning and not f.mendable]
    return str(problems[0]) if problems else None


# --- writing -----------------------------------------------------------------------------------


def serialize(store: StoreRecord) -> bytes:
    """The canonical bytes of a store: stable order, readable Chinese, one entry per line."""
    out = [b'{\n  "schema_version": ', str(store["schema_version"]).encode(), b',\n  "plans": {']
    plans = sorted(store["plans"].items())
    for n, (key, plan) in enumerate(plans):
        out.append(b"\n    " + orjson.dumps(key) + b": {")
        fields = [
            (k, v)
            for k, v in plan.items()
            if k not in ("departments", "regions", "projects", "progress", "history")
        ]
        for k, v in fields:
            out.append(b"\n      " + orjson.dumps(k) + b": " + orjson.dumps(v) + b",")
        if "departments" in plan:  # one department a line
            out += [b'\n      "departments": ', _lines(plan["departments"], 6), b","]
        if "regions" in plan:  # one region a line
            out += [b'\n      "regions": ', _lines(plan["regions"], 6), b","]
        out += [b'\n      "projects": ', _block(plan["projects"], 6)]
        out += [b',\n      "progress": ', _lines(plan["progress"], 6)]  # (appended, not added: no copy)
        out += [b',\n      "history": ', _lines(plan["history"], 6)]
        out.append(b"\n    }" + (b"," if n < len(plans) - 1 else b""))
    out.append(b"\n  }," if plans else b"},")
    hashed = hashlib.sha256()
    for part in out:  # the checksum of the body and its newline, without joining them first
        hashed.update(part)
    hashed.update(b"\n")
    return b"".join([*out, _CHECKSUM_LINE, hashed.hexdigest().encode(), _CHECKSUM_END])


def _written_checksum(content: bytes) -> str:
    """The checksum `serialize` put at the end of `content` (no need to hash it again)."""
    end = len(content) - len(_CHECKSUM_END)
    return "sha256:" + content[end - 64 : end].decode()


def _block(value: object, indent: int) -> bytes:
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    return text.replace(b"\n", b"\n" + b" " * indent)


def _lines(items: list[Any], indent: int) -> bytes:
    """A list of flat objects, one per line. Dumped in one call (one orjson call per entry
    would allocate a kilobyte buffer each) and cut before each object's first key, which
    inside a string would have its quotes escaped."""
    if not items:
        return b"[]"
    pad = b"\n" + b" " * (indent + 2)
    first = b'},{"' + next(iter(items[0])).encode() + b'":'
    body = orjson.dumps(items)[1:-1]
    if body.count(first) == len(items) - 1:
        body = body.replace(first, b"}," + pad + first[2:])
    else:  # objects whose keys are not in the canonical order: one call each
        body = (b"," + pad).join(orjson.dumps(item) for item in items)
    return b"[" + pad + body + b"\n" + b" " * indent + b"]"


def save_store(path: Path, store: StoreRecord) -> None:
    """Write a store atomically, without keeping a version (to build one: tests, benchmarks)."""
    write_atomic(path, encode(path, store))


def encode(path: Path, store: StoreRecord) -> bytes:
    try:
        return serialize(store)
    except orjson.JSONEncodeError as error:  # e.g. a lone surrogate from undecodable input
        raise StoreError(
            _("cannot write {path}: the change holds text that cannot be stored ({reason})").format(
                path=path, reason=error
            ),
            hint=_("the store was not changed"),
        ) from None


def write_atomic(path: Path, content: bytes) -> None:
    """Replace the file whole (files.py)."""
    try:
        replace_file(path, lambda handle: handle.write(content))
    except OSError as error:
        raise StoreError(
            _("cannot write {path}: {reason}").format(path=path, reason=reason(error)),
            hint=_("the store was not changed"),
        ) from None


# --- the lock ----------------------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Serialize writers: one shishi command at a time changes the store, the others waiting
    their turn in the order they came (lock.py)."""
    from . import lock  # only a writer waits its turn

    real = Path(os.path.realpath(path))
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(lock.hold(lock_path(real), queue_path(real), timeout, file_mode(real)))
        except lock.Expired:
            raise StoreError(
                _("the store {path} is locked by another shishi command (waited {timeout:g} s)").format(
                    path=path, timeout=timeout
                ),
                hint=_("try again when it has finished"),
            ) from None
        except OSError as error:  # named: a lock file is what could not be made (a folder there?)
            folder = next((p for p in (lock_path(real), queue_path(real)) if p.is_dir()), None)
            if folder is not None:
                raise StoreError(
                    _("cannot lock the store with {path}: {reason}").format(
                        path=folder, reason=reason(error)
                    ),
                    hint=_("{path} is a folder; move it away, shishi keeps its lock file there").format(
                        path=folder
                    ),
                ) from None
            raise StoreError(
                _("cannot lock {path}: {reason}").format(path=path, reason=reason(error)),
                hint=_("the folder must be writable"),
            ) from None
        _remove_temporaries(real)
        yield


def _remove_temporaries(real: Path) -> None:
    """Temporary files of writers that were killed: whoever holds the lock is the only
    writer, so any left beside the store are dead."""
    # Exactly the names files.replace_file gives (mkstemp's eight characters): not the temporaries
    # of an export named after the store (store.json.csv), another writer's, under its own lock.
    ours = re.compile(re.escape(f".{real.name}.") + r"[a-z0-9_]{8}\.tmp")
    for leftover in real.parent.glob(f".{real.name}.*.tmp"):
        if ours.fullmatch(leftover.name):
            with contextlib.suppress(OSError):
                leftover.unlink()


# --- the kept versions, as they stand ----------------------------------------------------------


def _read_if_there(path: Path) -> bytes | None:
    if not os.path.lexists(path):
        return None
    return read_bytes(path)


def _stamp_of(path: Path) -> str:
    """When a file was last changed, as shishi writes times (for a file no command made)."""
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime).strftime("%Y-%m-%dT%H:%M:%S")
    except (OSError, ValueError, OverflowError):
        return ""


def _state(real: Path, live: str | None) -> tuple[Kept, list[tuple[Version, bytes]]]:
    """The kept versions as they stand for a store file whose bytes are named `live`: the index,
    settled; or, before the first kept version, the backup an older shishi left (STORE.bak),
    adopted as version 1. With the files a write still has to keep."""
    folder = versions.folder_of(real)
    kept = versions.read_index(folder)
    if kept is not None:
        return versions.settled(kept, live), []
    backup = backup_path(real)
    try:
        raw = backup.read_bytes()
    except OSError:
        return Kept(), []
    checksum, trusted = identity(raw)
    first = Version(
        number=1,
        at=_stamp_of(backup),
        command=BACKUP,
        summary=f"{backup.name}: the previous version an earlier shishi kept",
        checksum=checksum,
        size=len(raw),
        parent=None,
        sound=trusted or _first_problem(backup, raw) is None,
    )
    return Kept().added(first), [(first, raw)]


def base_of(kept: Kept, live: str | None) -> Version | None:
    """The version a store changed outside shishi is compared with: the current one, or, when
    the store is that version already (a change kept as found), the one before it."""
    current = kept.version(kept.current)
    if current is not None and current.checksum == live:
        return kept.version(current.parent)
    return current


def _verified(folder: Path, version: Version) -> bytes | None:
    """A kept version's bytes if its file is there and unchanged."""
    raw = versions.read_file(folder, version)
    if raw is None or identity(raw)[0] != version.checksum:
        return None
    return raw


class Rescue(NamedTuple):
    """The newest sound kept version of a damaged or missing store, and the command that puts it back."""

    version: Version
    command: str


def rescue(path: Path, raw: bytes | None) -> Rescue | None:
    """The kept version to restore when the store at `path` (holding `raw`) is damaged or missing:
    the one it was at, else what undo leads to, else the newest; each checked against its checksum."""
    real = Path(os.path.realpath(path))
    try:
        kept, adopted = _state(real, identity(raw)[0] if raw is not None else None)
    except StoreError:  # a damaged index: the error about the store comes first
        return None
    folder = versions.folder_of(real)
    not_yet_kept = {version.number: content for version, content in adopted}
    for version in kept.preferred():
        if not version.sound:
            continue
        if version.number in not_yet_kept or _verified(folder, version) is not None:
            return Rescue(version, f"shishi --store {shlex.quote(str(path))} restore {version.number}")
    return None


def _rescue_hint(path: Path, raw: bytes | None) -> str | None:
    found = rescue(path, raw)
    if found is None:
        return None
    return rescue_text(found)


def rescue_text(found: Rescue) -> str:
    return _("the newest sound version is {number} ({at}, {command}): {restore}").format(
        number=found.version.number,
        at=found.version.shown(),
        command=found.version.command,
        restore=found.command,
    )


class Look(NamedTuple):
    """The kept versions of a store as a listing shows them (read without the lock, written by
    nobody): `live` names the store file's bytes (None when there is none)."""

    path: Path
    folder: Path
    kept: Kept
    live: str | None
    outside: bool  # the store file does not carry shishi's checksum

    @property
    def changed(self) -> bool:
        """The store file is not the current kept version (changed outside shishi, not kept yet,
        or missing while versions are kept)."""
        current = self.kept.version(self.kept.current)
        if self.live is None:
            return current is not None
        return current is None or current.checksum != self.live


def look(path: Path) -> Look:
    real = Path(os.path.realpath(path))
    raw = _read_if_there(path)
    live, trusted = identity(raw) if raw is not None else (None, True)
    kept, _adopted = _state(real, live)
    return Look(path, versions.folder_of(real), kept, live, not trusted)


def base_store(path: Path, raw: bytes) -> tuple[Version, StoreRecord] | None:
    """The kept version a store changed outside shishi is compared with, and its content; None
    when no such version is kept (or its file is gone)."""
    real = Path(os.path.realpath(path))
    live = identity(raw)[0]
    try:
        kept, _adopted = _state(real, live)
    except StoreError:  # a damaged index: nothing to compare with
        return None
    version = base_of(kept, live)
    return None if version is None else _content(versions.folder_of(real), version)


def _content(folder: Path, version: Version) -> tuple[Version, StoreRecord] | None:
    raw = _verified(folder, version)
    if raw is None or not version.sound:
        return None
    try:
        return version, parse_store(folder / versions.file_name(version.number), raw)
    except StoreError:
        return None


# --- replacing the store -----------------------------------------------------------------------


class Found(NamedTuple):
    """The store file as a session found it, when it is not the current kept version: changed
    outside shishi (`outside`: its checksum does not match), or written by shishi and never kept
    (an older shishi, a copy)."""

    raw: bytes
    checksum: str
    outside: bool


class Moved(NamedTuple):
    """What undo or redo did: the versions it went past (most recent step first for undo, next
    first for redo), the one the store is now, and the kept versions after it."""

    passed: list[Version]
    now: Version
    kept: Kept


class Session:
    """The store under its lock, for one replacement: the file as found, the versions kept beside
    it, and the one way to replace it (`_commit`), which keeps what it replaces first."""

    def __init__(self, path: Path, at: str) -> None:
        self.path = path
        self.at = at
        self.real = Path(os.path.realpath(path))
        self.folder = versions.folder_of(self.real)
        self.raw = _read_if_there(path)
        self.checksum: str | None = None
        self.trusted = True
        if self.raw is not None:
            self.checksum, self.trusted = identity(self.raw)
        self.kept, self._adopted = _state(self.real, self.checksum)
        current = self.kept.version(self.kept.current)
        self.found: Found | None = None
        if self.raw is not None and self.checksum is not None:
            if current is None or current.checksum != self.checksum:
                self.found = Found(self.raw, self.checksum, not self.trusted)
        self._before = b""
        self._validated = False  # the store file as found passed full validation

    @property
    def outside(self) -> bool:
        """The store file was changed outside shishi (its checksum does not match)."""
        return self.raw is not None and not self.trusted

    # --- reading ---

    def load(self, *, create: bool = False, say_rescue: bool = True) -> StoreRecord:
        """The validated store, to change; StoreError naming the newest sound version when the
        file is damaged or missing."""
        if self.raw is None:
            if create:
                return new_store()
            read_bytes(self.path)  # raises: no store (with the version to restore, if any)
        assert self.raw is not None
        rescue = (lambda: _rescue_hint(self.path, self.raw)) if say_rescue else None
        store = parse_store(self.path, self.raw, trusted=self.trusted, rescue=rescue)
        self._validated = True
        # What a change that changes nothing would write: the file itself when shishi wrote it in
        # this format; else its normal form (a hand edit, or an older format migrated on reading).
        current = self.raw.startswith(b'{\n  "schema_version": %d,' % SCHEMA_VERSION)
        self._before = self.raw if self.trusted and current else encode(self.path, store)
        return store

    def try_load(self) -> StoreRecord | None:
        """The validated store, or None when the file is damaged or missing."""
        try:
            return self.load(say_rescue=False)
        except StoreError:
            return None

    def base(self) -> tuple[Version, StoreRecord] | None:
        """What a store changed outside shishi is compared with (see `base_of`)."""
        version = base_of(self.kept, self.checksum)
        return None if version is None else _content(self.folder, version)

    def encode(self, store: StoreRecord) -> bytes:
        return encode(self.path, store)

    def unchanged(self, content: bytes) -> bool:
        """`content` is what the loaded store held: a change that changed nothing writes nothing."""
        return content == self._before

    # --- replacing ---

    def write(self, content: bytes, *, command: str, summary: str, found: str | None = None) -> Version:
        """Replace the store with `content`, kept as a new version made by `command`. `found`
        summarises the store as found, when it is not kept yet."""
        start, files = self._keeping_found(found)
        made = Version(
            number=start.next,
            at=self.at,
            command=command,
            summary=clip(summary or command, SUMMARY_MAX),
            checksum=_written_checksum(content),
            size=len(content),
            parent=start.current,
        )
        self._commit(start, start.added(made), [*files, (made, content)], content)
        return made

    def undo(self, count: int, found: str | None = None) -> Moved:
        """Walk back `count` changes, and past a damaged file kept on the way (never put back)."""
        start, files = self._keeping_found(found)
        path = start.back()
        if not path or count > len(path):
            raise self._cannot_step(start, count, len(path), forward=False)
        at = count - 1
        while at < len(path) - 1 and not path[at].sound:
            at += 1
        target = path[at]
        passed = [cast(Version, start.version(start.current)), *path[:at]]
        moved = start.moved(target.number, (*(v.number for v in reversed(passed)), *start.redo))
        self._commit(start, moved, files, self._sound_bytes(start, target))
        return Moved(passed, target, self.kept)

    def redo(self, count: int, found: str | None = None) -> Moved:
        """Walk forward `count` undone changes."""
        start, files = self._keeping_found(found)
        path = start.forward()
        if not path or count > len(path):
            raise self._cannot_step(start, count, len(path), forward=True)
        target = path[count - 1]
        moved = start.moved(target.number, start.redo[count:])
        self._commit(start, moved, files, self._sound_bytes(start, target))
        return Moved(path[:count], target, self.kept)

    def restore(self, number: int, found: str | None = None) -> tuple[Version, Version]:
        """Put back version `number` as a new version (itself undoable): (the new one, the one put back)."""
        chosen = self.kept.version(number)
        if chosen is None:
            if not self.kept.versions:
                raise UsageError(
                    _("no version {number}: no versions are kept yet").format(number=number),
                    hint=_("'shishi check' says what is wrong with the store, for a fix by hand")
                    if self.raw is not None and not self.trusted
                    else _("shishi keeps one from the next change on"),
                )
            raise UsageError(
                _("no version {number}").format(number=number),
                hint=_("the kept versions are {numbers} ('shishi versions' lists them)").format(
                    numbers=self.kept.numbers()
                ),
            )
        if self.checksum == chosen.checksum:
            raise Unchanged(_("the store is version {number} already; nothing changed").format(number=number))
        start, files = self._keeping_found(found)
        raw = self._sound_bytes(start, chosen)
        made = Version(
            number=start.next,
            at=self.at,
            command="restore",
            summary=f"restore: put back version {number} of {chosen.shown()}",
            checksum=chosen.checksum,
            size=chosen.size,
            parent=start.current,
        )
        self._commit(start, start.added(made), [*files, (made, raw)], raw)
        return made, chosen

    def set_keep(self, keep: int) -> list[Version]:
        """Keep the last `keep` versions from now on; the versions dropped."""
        changed = self.kept._replace(keep=keep).rotated()
        dropped = [v for v in self.kept.versions if changed.version(v.number) is None]
        self._commit(self.kept, changed, list(self._adopted), None)
        return dropped

    # --- how ---

    def _keeping_found(self, summary: str | None) -> tuple[Kept, list[tuple[Version, bytes]]]:
        """The kept versions with the store as found kept too, and the files that takes."""
        files = list(self._adopted)
        if self.found is None:
            return self.kept, files
        found = self.found
        if found.outside:
            problem = None if self._validated else _first_problem(self.path, found.raw)
            sound = problem is None
            command = OUTSIDE
            if problem is not None:
                summary = f"changed outside shishi; it does not validate: {problem}"
            summary = summary or "changed outside shishi"
        else:
            sound = True
            command = AS_FOUND
            same = next((v for v in self.kept.versions if v.checksum == found.checksum), None)
            summary = "as found: a store shishi wrote that was not kept yet" + (
                f" (the same as version {same.number})" if same is not None else ""
            )
        version = Version(
            number=self.kept.next,
            at=_stamp_of(self.path) or self.at,
            command=command,
            summary=clip(summary, SUMMARY_MAX),
            checksum=found.checksum,
            size=len(found.raw),
            parent=self.kept.current,
            sound=sound,
        )
        return self.kept.added(version), [*files, (version, found.raw)]

    def _sound_bytes(self, kept: Kept, version: Version) -> bytes:
        """The bytes of a kept version that may be put back: its file unchanged, and sound."""
        raw = _verified(self.folder, version)
        if raw is None:
            raise StoreError(
                _("the file of version {number} in {folder} is missing or was changed").format(
                    number=version.number, folder=self.folder
                ),
                hint=_("the store was not changed; 'shishi versions' lists the others"),
            )
        if not version.sound:
            raise StoreError(
                _("version {number} does not validate: it is a damaged file, kept as it was found").format(
                    number=version.number
                ),
                hint=_("the store was not changed; that file is {file}").format(
                    file=self.folder / versions.file_name(version.number)
                ),
            )
        return raw

    def _cannot_step(self, kept: Kept, count: int, possible: int, *, forward: bool) -> StoreError:
        if forward:
            if possible:
                return StoreError(
                    _("cannot redo {count} changes: only {possible} can be redone").format(
                        count=count, possible=possible
                    ),
                    hint=_("shishi redo -n {possible}").format(possible=possible),
                )
            back = len(kept.back())
            return StoreError(
                _("nothing to redo: no change was undone since the last one was made"),
                hint=_("'shishi undo' takes back the last change ({count} can be undone)").format(count=back)
                if back
                else _("'shishi versions' lists the kept versions"),
            )
        if possible:
            return StoreError(
                _("cannot undo {count} changes: only {possible} can be undone").format(
                    count=count, possible=possible
                ),
                hint=_("shishi undo -n {possible} goes back to the oldest kept version").format(
                    possible=possible
                ),
            )
        if not self.kept.versions:
            return StoreError(
                _("nothing to undo: no versions of {path} are kept yet").format(path=self.path),
                hint=_("shishi keeps one from the next change on"),
            )
        ahead = len(kept.forward())
        return StoreError(
            _("nothing to undo: version {number} is the oldest kept").format(number=kept.current),
            hint=_("'shishi redo' goes forward again ({count} can be redone)").format(count=ahead)
            if ahead
            else _("'shishi versions' lists the kept versions"),
        )

    def _commit(
        self, start: Kept, new: Kept, files: list[tuple[Version, bytes]], content: bytes | None
    ) -> None:
        """Keep `files`, record `new` in the index, then put `content` in place of the store; a
        crash in between leaves the old store and an index that `versions.settled` turns back."""
        new = new._replace(before=(start.current, start.redo) if content is not None else None)
        mode = file_mode(self.real)
        fresh = not os.path.lexists(self.folder)
        try:
            versions.make_folder(self.folder, mode)
            if fresh:  # an index of nothing kept first: numbered files without an index are
                versions.write_index(self.folder, Kept(), mode)  # refused, and a kill may land below
            for version, raw in files:
                versions.keep_file(self.folder, version.number, raw, mode)
            versions.write_index(self.folder, new, mode)
        except OSError as error:
            if fresh:  # leave no trace of a first write that failed
                versions.tidy(self.folder, Kept())
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / versions.INDEX)
                with contextlib.suppress(OSError):
                    os.rmdir(self.folder)
            raise StoreError(
                _("cannot write {path}: {reason}").format(path=self.folder, reason=reason(error)),
                hint=_("the store was not changed"),
            ) from None
        if content is not None:
            write_atomic(self.path, content)
        self.kept = new
        versions.tidy(self.folder, new)
        self._forget_backup(new)

    def _forget_backup(self, kept: Kept) -> None:
        """STORE.bak goes once it is kept as a version."""
        backup = backup_path(self.real)
        try:
            raw = backup.read_bytes()
        except OSError:
            return
        checksum = identity(raw)[0]
        if any(v.checksum == checksum for v in kept.versions):
            with contextlib.suppress(OSError):
                backup.unlink()


@contextlib.contextmanager
def session(
    path: Path, *, at: str, timeout: float = LOCK_TIMEOUT, create: bool = False, missing_ok: bool = False
) -> Iterator[Session]:
    """Lock the store and hold what replacing it needs. `at`: the time stamp of what it makes."""
    if not (create or missing_ok) and not os.path.lexists(path):
        read_bytes(path)  # a missing store: say so before a lock file is made beside it
    _refuse_read_only(path)
    with locked(path, timeout):
        yield Session(path, at)


def _refuse_read_only(path: Path) -> None:
    """A store its owner made read-only (chmod 444) is not written, though a rename could replace
    it (and root may write anything): the owner meant it to stay as it is."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # none yet, or unreadable: reading it says why
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise StoreError(
            _("the store {path} is read-only").format(path=path),
            hint=_("make it writable to change it: chmod u+w {path}").format(path=shlex.quote(str(path))),
        )


@contextlib.contextmanager
def editing(
    path: Path, *, at: str, command: str = "edit", create: bool = False, timeout: float = LOCK_TIMEOUT
) -> Iterator[StoreRecord]:
    """Lock, read, let the caller change the store, save it as a new version. Nothing is written
    if the caller raises or changes nothing."""
    with session(path, at=at, timeout=timeout, create=create) as held:
        store = held.load(create=create)
        yield store
        content = held.encode(store)
        if not held.unchanged(content):
            held.write(content, command=command, summary=command)
