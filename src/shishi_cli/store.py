"""Reading and writing the store file: checksum, validation, locking, atomic replace, backup.

A store shishi wrote itself ends with a checksum of everything above it. When the checksum
matches, the file is exactly what shishi validated before writing it, and is read with orjson
alone; otherwise (a hand edit, a merge, another version) the whole file goes through the
pydantic models and the plan rules before any command uses it. That keeps a report on 60,000
entries fast without ever trusting a file nobody validated.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import orjson

from .errors import StoreError, reason
from .files import replace_file
from .i18n import _
from .integrity import Finding, check_store
from .migrations import migrate
from .records import SCHEMA_VERSION, StoreRecord, new_store

_CHECKSUM_LINE = b'\n  "checksum": "sha256:'
_CHECKSUM_END = b'"\n}\n'
LOCK_TIMEOUT = 10.0


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def protected_paths(path: Path) -> list[Path]:
    """What no output file may overwrite: the store, its backup and its lock."""
    return [path, backup_path(path), lock_path(path)]


# --- reading -----------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(
            _("no store at {path}").format(path=path),
            hint=_(
                'create one with: shishi init --year YEAR --title "YEAR年市办实事" '
                "(or point --store or SHISHI_STORE at an existing file)"
            ),
        ) from None
    except IsADirectoryError:
        raise StoreError(_("{path} is a folder, not a store file").format(path=path)) from None
    except OSError as error:
        raise StoreError(_("cannot read {path}: {reason}").format(path=path, reason=reason(error))) from None


def read_store(path: Path) -> StoreRecord:
    """The validated content of the store at `path`; StoreError if it is missing or invalid."""
    return parse_store(path, read_bytes(path))


def parse_store(path: Path, raw: bytes) -> StoreRecord:
    """The validated content of `raw`, read from `path` (named in messages)."""
    if checksum_matches(raw):
        data = orjson.loads(raw)
        del data["checksum"]
        if data["schema_version"] != SCHEMA_VERSION:  # valid as an older shishi wrote it
            data = migrate(data)
        return cast(StoreRecord, data)
    store, findings = validate(path, raw)
    problems = [f for f in findings if not f.warning]
    if store is None or problems:
        first = problems[0]
        if len(problems) > 1:
            message = _("{path}: {problem} (and {more} more problems)").format(
                path=path, problem=first, more=len(problems) - 1
            )
        else:
            message = _("{path}: {problem}").format(path=path, problem=first)
        raise StoreError(
            message,
            hint=_(
                "run 'shishi --store {path} check' to list every problem; the file was not changed"
            ).format(path=path),
        )
    return store


def checksum_matches(raw: bytes) -> bool:
    at = raw.rfind(_CHECKSUM_LINE)
    if at < 0:
        return False
    start = at + len(_CHECKSUM_LINE)
    digest = raw[start : start + 64]
    if raw[start + 64 :] != _CHECKSUM_END:
        return False
    return hashlib.sha256(raw[: at + 1]).hexdigest().encode() == digest


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
        return None, [Finding(_field_path(e["loc"]), _error_text(e)) for e in error.errors(include_url=False)]
    store = cast(StoreRecord, model.model_dump(mode="json", exclude={"checksum"}))
    for plan in store["plans"].values():
        plan["progress"] = [
            cast(Any, {k: v for k, v in e.items() if v is not None}) for e in plan["progress"]
        ]
    return store, check_store(store)


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
    if len(shown) > 60 or isinstance(value, dict | list):
        return str(error["msg"])
    return _("{message} (found {value})").format(message=error["msg"], value=shown)


# --- writing -----------------------------------------------------------------------------------


def serialize(store: StoreRecord) -> bytes:
    """The canonical bytes of a store: stable order, readable Chinese, one entry per line."""
    out = [b'{\n  "schema_version": ', str(store["schema_version"]).encode(), b',\n  "plans": {']
    plans = sorted(store["plans"].items())
    for n, (key, plan) in enumerate(plans):
        out.append(b"\n    " + orjson.dumps(key) + b": {")
        fields = [(k, v) for k, v in plan.items() if k not in ("projects", "progress", "history")]
        for k, v in fields:
            out.append(b"\n      " + orjson.dumps(k) + b": " + orjson.dumps(v) + b",")
        out.append(b'\n      "projects": ' + _block(plan["projects"], 6))
        out.append(b',\n      "progress": ' + _lines(plan["progress"], 6))
        out.append(b',\n      "history": ' + _lines(plan["history"], 6))
        out.append(b"\n    }" + (b"," if n < len(plans) - 1 else b""))
    out.append(b"\n  }," if plans else b"},")
    body = b"".join(out)
    digest = hashlib.sha256(body + b"\n").hexdigest().encode()
    return body + _CHECKSUM_LINE + digest + _CHECKSUM_END


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
    """Write atomically: temporary file beside the store, fsync, keep the old one as .bak, rename."""
    write_atomic(path, _encode(path, store))


def _encode(path: Path, store: StoreRecord) -> bytes:
    try:
        return serialize(store)
    except orjson.JSONEncodeError as error:  # e.g. a lone surrogate from undecodable input
        raise StoreError(
            _("cannot write {path}: the change holds text that cannot be stored ({reason})").format(
                path=path, reason=error
            ),
            hint=_("the store was not changed"),
        ) from None


def write_atomic(path: Path, content: bytes, *, keep_backup: bool = True) -> None:
    """Replace the file whole (files.py); the old version becomes STORE.bak first."""

    def backup(real: Path) -> None:
        if keep_backup and real.exists():
            _keep_backup(real)

    try:
        replace_file(path, lambda handle: handle.write(content), before_rename=backup)
    except OSError as error:
        raise StoreError(
            _("cannot write {path}: {reason}").format(path=path, reason=reason(error)),
            hint=_("the store was not changed"),
        ) from None


def _keep_backup(real: Path) -> None:
    """Point STORE.bak at the current version: a hard link costs no copy; copy where links fail."""
    backup = backup_path(real)
    staged = backup.with_name(f".{backup.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()
    try:
        try:
            os.link(real, staged)
        except OSError:
            shutil.copy2(real, staged)
        os.replace(staged, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise


# --- changing ----------------------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Serialize writers: one shishi command at a time changes the store."""
    from filelock import FileLock, Timeout

    real = Path(os.path.realpath(path))
    lock = FileLock(lock_path(real), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(
            _("the store {path} is locked by another shishi command (waited {timeout:g} s)").format(
                path=path, timeout=timeout
            ),
            hint=_("try again when it has finished"),
        ) from None
    except OSError as error:
        raise StoreError(
            _("cannot lock {path}: {reason}").format(path=path, reason=reason(error)),
            hint=_("the folder must be writable"),
        ) from None
    try:
        _remove_temporaries(real)
        yield
    finally:
        lock.release()


def _remove_temporaries(real: Path) -> None:
    """Temporary files of writers that were killed: whoever holds the lock is the only
    writer, so any left beside the store are dead."""
    for leftover in real.parent.glob(f".{real.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def editing(path: Path, *, create: bool = False, timeout: float = LOCK_TIMEOUT) -> Iterator[StoreRecord]:
    """Lock, read, let the caller change the store, save. Nothing is written if the caller raises."""
    if not create and not os.path.exists(path):
        read_bytes(path)  # a missing store: say so before a lock file is made beside it
    with locked(path, timeout):
        before = b""
        if create and not os.path.lexists(path):
            store = new_store()
        else:
            before = read_bytes(path)
            store = parse_store(path, before)
            if not checksum_matches(before):  # edited by hand: compare with its normal form
                before = _encode(path, store)
        yield store
        content = _encode(path, store)
        if content != before:  # a command that changed nothing writes nothing
            write_atomic(path, content)


def undo(path: Path, timeout: float = LOCK_TIMEOUT) -> tuple[StoreRecord, StoreRecord]:
    """Put the previous version (STORE.bak) back; the current one becomes the .bak. (now, before)"""
    real = Path(os.path.realpath(path))
    backup = backup_path(real)
    if not os.path.exists(path):
        read_bytes(path)  # a missing store: say so before a lock file is made beside it
    with locked(path, timeout):
        current = read_store(path)
        if not backup.exists():
            raise StoreError(
                _("nothing to undo: there is no {backup} beside {store}").format(
                    backup=backup.name, store=real
                )
            )
        content = read_bytes(backup)
        previous = parse_store(backup, content)  # a damaged .bak is never put back
        write_atomic(path, content)
    return previous, current
