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
import functools
import hashlib
import json
import os
import re
import shlex
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, cast

import orjson

from . import versions, years
from .errors import StoreError, Unchanged, UsageError, reason
from .files import file_mode, fsync_folder, replace_file
from .i18n import N_, _, english
from .integrity import Finding, check_store
from .migrations import migrate
from .records import SCHEMA_VERSION, StoreRecord, compact, new_store
from .said import Said, said
from .versions import AS_FOUND, BACKUP, OUTSIDE, Kept, Version, summarised
from .years import Plans, Year

_CHECKSUM_LINE = b'\n  "checksum": "sha256:'
_CHECKSUM_END = b'"\n}\n'
_INDEX_START = b'{\n  "schema_version": %d,\n  "years": {' % SCHEMA_VERSION
LOCK_TIMEOUT = 60.0  # seconds: 16 writers at once on a 60,000-entry store need about 10 (docs/store.md)


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


def years_folder(path: Path) -> Path:
    """STORE.years, beside the store's real file: a file for each year's plan (years.py)."""
    return years.folder_of(Path(os.path.realpath(path)))


def protected_paths(path: Path) -> list[Path]:
    """What no output file may overwrite or land in: the store, its years' files, its lock, its
    kept versions, and the backup an older shishi kept (a file by that name is taken in as a
    version)."""
    real = Path(os.path.realpath(path))
    return [
        path,
        real,
        years.folder_of(real),
        lock_path(real),
        queue_path(real),
        versions.folder_of(real),
        backup_path(real),
    ]


# --- reading -----------------------------------------------------------------------------------


def refuse_inner(path: Path) -> None:
    """A store's own files are not stores to point --store at: a year's file or a kept copy
    changed on its own would leave the store that names it out of step (exit 2)."""
    real = Path(os.path.realpath(path))
    for folder in (real.parent, real.parent.parent):
        for suffix in (".years", ".versions"):
            if folder.name.endswith(suffix) and folder.name != suffix:
                owner = folder.with_name(folder.name.removesuffix(suffix))
                if owner.is_file():
                    raise UsageError(
                        _("{path} is one of the files of the store {store}, not a store").format(
                            path=path, store=owner
                        ),
                        hint=_("use --store {store} (and --year YEAR for a plan of another year)").format(
                            store=shlex.quote(str(owner))
                        ),
                    )


def _years_without_store(path: Path) -> Path | None:
    """The years' folder of a store whose store file is missing, when it holds years' files."""
    folder = years_folder(path)
    return folder if any(_YEAR_FILE.fullmatch(name) for name in years.listed(folder)) else None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        orphans = _years_without_store(path)
        if orphans is not None:
            raise StoreError(
                _("no store file at {path}, but {folder} holds the files of its plans").format(
                    path=path, folder=orphans
                ),
                hint=_rescue_hint(path, None)
                or _(
                    "put the store file back beside it (copy the store file and its folder together), "
                    "or move {folder} away to start a new store"
                ).format(folder=orphans),
            ) from None
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
    """A validated store, and whether it was changed outside shishi since shishi wrote it (the
    store file's or a year file's checksum does not match: it was validated in full); `found`:
    its years' files as found, each when it is first read (see read_from_copies); `damaged`:
    the years whose files were changed outside shishi and do not validate, left aside (only
    what asks for one of them is refused)."""

    store: StoreRecord
    changed_outside: bool
    found: dict[str, YearFile]
    damaged: dict[str, StoreError]


def load(path: Path) -> Loaded:
    """The validated content of the store at `path`; StoreError if it is missing or invalid,
    naming the newest sound kept version. Each year's plan is read when first asked for."""
    refuse_inner(path)
    raw = read_bytes(path)
    live = live_state(path, raw)
    store = parse_store(
        path, raw, trusted=live.trusted, rescue=lambda: _rescue_hint(path, raw), found=live.years
    )
    damaged = _read_changed(store, live)
    live = _set_aside(live, raw, damaged)
    return Loaded(store, live.outside, live.years, damaged)


def read_from_copies(data: StoreRecord, found: dict[str, YearFile]) -> list[str]:
    """The years whose plans were read so far from their kept copies, as their own files are
    missing or ahead of what the store file names (a change cut short, or a file deleted): the
    next change writes those files again (Session.put_back)."""
    plans = data["plans"]
    if not isinstance(plans, Plans):
        return []
    return sorted(k for k, f in found.items() if f.state in ("missing", "ahead") and plans.is_read(k))


def _read_changed(store: StoreRecord, live: Live) -> dict[str, StoreError]:
    """Read now the years whose files were changed outside shishi, validated in full; those
    that do not validate (damaged), each with the error that refuses a command asking for it."""
    plans = store["plans"]
    damaged: dict[str, StoreError] = {}
    if not isinstance(plans, Plans):  # (its plans are in the store file: no year has a file)
        return damaged
    for key, found in live.years.items():
        if found.state == "outside" and key in plans:
            damage = plans.damage(key)
            if damage is not None:
                damaged[key] = damage
    return damaged


def _set_aside(live: Live, raw: bytes, damaged: dict[str, StoreError]) -> Live:
    """The store as found with its damaged years' files left aside: what names it then is the
    store file with only the sound changes made outside shishi (no change is made to a damaged
    file, so none is kept as a version until something replaces it: restore)."""
    if not damaged or live.records is None:
        return live
    aside = frozenset(damaged)
    as_found = _index_as_found(live.records, live.years, aside)
    checksum = identity(raw)[0] if as_found is None else _written_checksum(as_found)
    return live._replace(checksum=checksum, outside=as_found is not None, aside=aside)


def mend_text(path: Path, raw: bytes | None = None) -> str:
    """How to mend a damaged year's file of the store at `path` (its file holding `raw`, read
    if not given): restore the kept version the store file is, which puts back only the files
    not as it names them, else the newest sound version; or correct the file by hand."""
    if raw is None:
        with contextlib.suppress(StoreError):
            raw = _read_if_there(path)
    found = rescue(path, raw)
    if found is None:
        return _(
            "correct it by hand ('shishi check' lists its problems), or put back a kept version "
            "('shishi versions' lists them)"
        )
    if raw is not None and found.version.checksum == identity(raw)[0]:
        return _(
            "{restore} puts back the file the store names (the damaged one is kept as a version), "
            "or correct it by hand ('shishi check' lists its problems)"
        ).format(restore=found.command)
    return _("{rescue}; or correct the file by hand ('shishi check' lists its problems)").format(
        rescue=rescue_text(found)
    )


def read_store(path: Path) -> StoreRecord:
    """The validated content of the store at `path`, every year's plan read; StoreError if it is
    missing or invalid, or a year's file is damaged (for what is about every year: `versions`)."""
    data = load(path).store
    data["plans"].values()
    return data


class YearFile(NamedTuple):
    """A year's file as found beside the store: `same` as the store file names it, `ahead` (a
    change cut short after writing it: the store file still names the one before), `outside`
    (changed by hand) or `missing`; its bytes when they were read."""

    state: str
    raw: bytes | None
    checksum: str
    trusted: bool = False


class YearSource(NamedTuple):
    """Where a store file's years are read: the store's own folder (`live`), else a versions
    folder's copies, named by checksum."""

    folder: Path
    live: bool
    copies: Path


def path_of(source: YearSource) -> Path:
    """The store file whose years' folder `source` reads."""
    return source.folder.with_name(source.folder.name.removesuffix(".years"))


def _live_source(path: Path) -> YearSource:
    real = Path(os.path.realpath(path))
    return YearSource(years.folder_of(real), True, years.copies_of(versions.folder_of(real)))


def _kept_source(folder: Path) -> YearSource:
    copies = years.copies_of(folder)
    return YearSource(copies, False, copies)


class Live(NamedTuple):
    """The store as found: what names it among the kept versions, whether the store file's own
    checksum matches, whether anything was changed outside shishi, the year files read to know
    that, and the years the store file names (None: its plans are in it)."""

    checksum: str
    trusted: bool
    outside: bool
    years: dict[str, YearFile]
    records: dict[str, Year] | None
    aside: frozenset[str] = frozenset()  # damaged years' files, left as they are (_set_aside)


def index_records(raw: bytes) -> dict[str, Year] | None:
    """The years a store file shishi wrote in format 4 names; None for any other file."""
    if not raw.startswith(_INDEX_START):
        return None
    try:
        return years.records(orjson.loads(raw))
    except (orjson.JSONDecodeError, ValueError):
        return None


def live_state(path: Path, raw: bytes, *, thorough: bool = False) -> Live:
    """The store at `path` (its file holding `raw`) as found. A year's file whose size and time
    are those shishi last saw is not read (unless `thorough`); any other is read and its
    checksum checked."""
    checksum, trusted = identity(raw)
    records = index_records(raw) if trusted else None
    if not records:
        return Live(checksum, trusted, not trusted, {}, records)
    source = _live_source(path)
    folder = source.folder
    seen = {} if thorough else years.read_seen(folder)
    found: dict[str, YearFile] = {}
    for key, record in records.items():
        stat = years.stat_of(folder / years.file_name(key))
        last = seen.get(key)
        if stat is not None and last is not None and last == (*stat, record.checksum):
            continue
        found[key] = _year_file(source, key, record)
    if found and all(f.state == "same" for f in found.values()):
        # Note what they are now (a store copied without keeping times: read once, not each run).
        # A note out of date only makes a file read again: a year a command uses is always read.
        mode = file_mode(Path(os.path.realpath(path)))
        years.write_seen(folder, {key: record.checksum for key, record in records.items()}, mode)
    as_found = _index_as_found(records, found)
    if as_found is not None:
        checksum = _written_checksum(as_found)
    return Live(checksum, trusted, as_found is not None, found, records)


def _changed_by_hand(found: dict[str, YearFile], aside: frozenset[str] = frozenset()) -> dict[str, YearFile]:
    return {
        key: f for key, f in found.items() if f.state == "outside" and f.raw is not None and key not in aside
    }


def _index_as_found(
    records: dict[str, Year], found: dict[str, YearFile], aside: frozenset[str] = frozenset()
) -> bytes | None:
    """The store file naming the years' files as found, when one was changed by hand (not one
    of the damaged ones `aside`): what names the store among the kept versions then, and what
    is kept of it."""
    changed = _changed_by_hand(found, aside)
    if not changed:
        return None
    named = dict(records)
    for key, year in changed.items():
        named[key] = Year(year.checksum, len(year.raw or b""))
    return index_bytes(named)


def _year_file(source: YearSource, key: str, record: Year) -> YearFile:
    """A year's own file (of a `live` source) as found: `ahead` only when shishi wrote it and
    kept a copy of it first (a change cut short after writing it); any other file not named is a
    change made outside."""
    raw = _read_if_there(source.folder / years.file_name(key))
    if raw is None:
        return YearFile("missing", None, "")
    checksum, trusted = identity(raw)
    if checksum == record.checksum:
        return YearFile("same", raw, checksum, trusted)
    ahead = trusted and years.stat_of(source.copies / years.copy_name(key, checksum)) is not None
    return YearFile("ahead" if ahead else "outside", raw, checksum, trusted)


def parse_store(
    path: Path,
    raw: bytes,
    *,
    trusted: bool | None = None,
    rescue: Callable[[], str | None] | None = None,
    source: YearSource | None = None,
    found: dict[str, YearFile] | None = None,
) -> StoreRecord:
    """The validated content of `raw`, read from `path` (named in messages). `trusted`: its
    checksum is known to match; `rescue` says how to get a sound version back if it is invalid;
    `source`: where the years it names are (beside `path`, unless said); `found`: the year files
    already read."""
    if source is None:
        source = _live_source(path)
    if checksum_matches(raw) if trusted is None else trusted:
        data = orjson.loads(raw)
        del data["checksum"]
        version = data["schema_version"]
        if version == SCHEMA_VERSION:
            records = years.records(data) if "years" in data else None
            if records is None:
                return cast(StoreRecord, data)
            seen = found if found is not None else {}
            mend = rescue
            if source.live and rescue is not None:  # a damaged year's file: how to mend it alone
                mend = functools.partial(mend_text, path, raw)
            loaders = {
                key: functools.partial(_read_year, path, source, key, record, seen, mend)
                for key, record in records.items()
            }
            return {"schema_version": SCHEMA_VERSION, "plans": cast(Any, Plans({}, cast(Any, loaders)))}
        if isinstance(version, int) and 1 <= version < SCHEMA_VERSION:  # as an older shishi wrote it
            return cast(StoreRecord, migrate(data))
        # a newer shishi's (or a number no shishi writes): validation says which, and refuses it
    store, findings = validate(path, raw, source)
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


def _year_raw(
    source: YearSource, key: str, record: Year, seen: dict[str, YearFile]
) -> tuple[Path, bytes, bool]:
    """Where a year's plan is read, and its bytes: its own file, or the kept copy of what the
    store file names when that file is ahead of it or gone (a change cut short, or one being
    made while this command reads). StoreError when neither is there."""
    copy = source.copies / years.copy_name(key, record.checksum)
    if source.live:
        where = source.folder / years.file_name(key)
        found = seen.get(key)
        if found is None or (found.raw is None and found.state != "missing"):
            found = seen[key] = _year_file(source, key, record)  # (a session learns what it found)
        if found.state in ("same", "outside") and found.raw is not None:
            return where, found.raw, found.trusted
    raw = _read_if_there(copy)
    if raw is not None:
        checksum, trusted = identity(raw)
        if checksum == record.checksum:
            return copy, raw, trusted
    if source.live and not source.folder.is_dir():
        raise StoreError(
            _("{path} names the files of its plans in {folder}, which is not there").format(
                path=path_of(source), folder=source.folder
            ),
            hint=_("a store is its file and that folder: copy or move them together ({command})").format(
                command=f"cp -r {shlex.quote(str(path_of(source)))} {shlex.quote(str(source.folder))} …"
            ),
        )
    if source.live:
        raise StoreError(
            _("the file of the {year} plan, {path}, is missing or is not the one the store names").format(
                year=key, path=source.folder / years.file_name(key)
            ),
            hint=_("the store was not changed; 'shishi versions' lists the versions to restore"),
        )
    raise StoreError(
        _("the kept copy {path} is missing or was changed").format(path=copy),
        hint=_("the store was not changed; 'shishi versions' lists the others"),
    )


def _read_year(
    path: Path,
    source: YearSource,
    key: str,
    record: Year,
    seen: dict[str, YearFile],
    rescue: Callable[[], str | None] | None,
) -> Any:
    """The plan of year `key`, from its file, validated in full unless shishi wrote it."""
    where, raw, trusted = _year_raw(source, key, record, seen)
    plans = parse_store(where, raw, trusted=trusted, rescue=rescue)["plans"]
    if list(plans) != [key]:
        raise StoreError(
            _("{path}: the file of the {year} plan holds the plans {found}").format(
                path=where, year=key, found=", ".join(sorted(plans)) or "-"
            ),
            hint=_("the store was not changed; 'shishi versions' lists the versions to restore"),
        )
    return plans[key]


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


# What orjson says of a file that is not JSON, in words a person mending it by hand can act on.
_JSON_REASONS = {
    "Input is a zero-length, empty document": N_("the file is empty"),
    "unexpected end of data": N_("it ends too early: the file may be cut short"),
    "unexpected content after document": N_("something follows the end of the JSON"),
    "trailing comma is not allowed": N_("a comma before a closing bracket"),
    "unexpected character, expected ':' after key": N_("a ':' is missing after a key"),
    "unexpected character, expected a string key": N_("a key that is not in double quotes"),
    "invalid escaped sequence in string": N_("a \\ escape that JSON does not have"),
    "unexpected control character in string": N_("a control character inside a string"),
}


def json_reason(message: str) -> str:
    """orjson's reason a text is not JSON, in the interface language (any other unexpected
    character is that, at the line and column said; a reason without words here, orjson's own)."""
    if message in _JSON_REASONS:
        return _(_JSON_REASONS[message])
    if message.startswith("unexpected character"):
        return _("a character JSON does not expect there")
    return message


def validate(
    path: Path, raw: bytes, source: YearSource | None = None, found: dict[str, YearFile] | None = None
) -> tuple[StoreRecord | None, list[Finding]]:
    """Validate `raw` in full, with the years' files it names (beside `path`, unless `source`
    says where; `found`: those read already): parse, schema, plan rules. The normalized store,
    and what was found."""
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
        return None, [Finding(where, _("not valid JSON ({reason})").format(reason=json_reason(error.msg)))]
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
    if "years" in data:
        more = _with_years(data, source or _live_source(path), found or {})
        if more is None or any(not f.warning for f in more):
            return None, [*twice, *(more or [])]
        twice += more
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
    store = cast(StoreRecord, model.model_dump(mode="json", exclude={"checksum", "years"}))
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


def _with_years(data: dict[str, Any], source: YearSource, found: dict[str, YearFile]) -> list[Finding] | None:
    """Put the plans of the years' files `data` names into it, as a store of format 3 holds them;
    what is wrong with those files (None: `years` itself is not as shishi writes it)."""
    try:
        records = years.records(data)
    except ValueError as error:
        return [Finding("years", str(error))]
    plans = data.setdefault("plans", {})
    if not isinstance(plans, dict) or records is None:
        return None
    del data["years"]
    findings: list[Finding] = []
    for key, record in records.items():
        where = f"years.{key}"
        if key in plans:
            findings.append(
                Finding(
                    where,
                    _("the {year} plan is both in the store file and in a file of its own").format(year=key),
                )
            )
            continue
        try:
            file, raw, trusted = _year_raw(source, key, record, found)
        except StoreError as error:
            findings.append(Finding(where, error.message))
            continue
        if source.live and file.parent != source.folder:  # its own file is gone or not in step
            astray = _(
                "its file {path} is missing or is not the one the store names: read from its kept "
                "copy, the next change writes it again"
            ).format(path=source.folder / years.file_name(key))
            findings.append(Finding(where, astray, warning=True))
        try:
            year = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            findings.append(
                Finding(f"{file}", _("not valid JSON ({reason})").format(reason=json_reason(error.msg)))
            )
            continue
        if not trusted:
            findings += _duplicate_findings(raw)
        held = year.get("plans") if isinstance(year, dict) else None
        if not isinstance(held, dict) or list(held) != [key]:
            findings.append(
                Finding(
                    f"{file}", _("the file of the {year} plan holds no plan of {year} alone").format(year=key)
                )
            )
            continue
        version = year.get("schema_version")
        if isinstance(version, int) and version < SCHEMA_VERSION:
            held = migrate(year)["plans"]
        plans[key] = held[key]
    return findings


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


def index_bytes(named: dict[str, Year]) -> bytes:
    """The store file of format 4: the checksum and size of each year's file, and its own
    checksum."""
    out = years.body(named)
    hashed = hashlib.sha256()
    for part in out:
        hashed.update(part)
    hashed.update(b"\n")
    return b"".join([*out, _CHECKSUM_LINE, hashed.hexdigest().encode(), _CHECKSUM_END])


class Encoded(NamedTuple):
    """A store as it is written: the store file, the years' files that differ from those it
    replaces (by year), and the size of it all."""

    root: bytes
    years: dict[str, bytes]
    size: int


def save_store(path: Path, store: StoreRecord) -> None:
    """Write a store, its years' files first, without keeping a version (to build one: tests,
    benchmarks)."""
    content = encode(path, store)
    real = Path(os.path.realpath(path))
    try:
        _put_years(real, content, file_mode(real))
    except OSError as error:
        raise StoreError(
            _("cannot write {path}: {reason}").format(path=years.folder_of(real), reason=reason(error)),
            hint=_("the store was not changed"),
        ) from None
    write_atomic(path, content.root)
    _forget_years(real, content)


def encode(path: Path, store: StoreRecord, named: dict[str, Year] | None = None) -> Encoded:
    """The bytes of `store`: each plan read since it was loaded serialized on its own, and the
    store file naming them; a year not read is named as `named` says (what the store file read
    named)."""
    plans = store["plans"]
    lazy = isinstance(plans, Plans)
    now: dict[str, Year] = {}
    files: dict[str, bytes] = {}
    for key in sorted(plans):
        if lazy and not cast(Plans, plans).is_read(key) and named is not None and key in named:
            now[key] = named[key]
            continue
        content = _serialized(path, {"schema_version": SCHEMA_VERSION, "plans": {key: plans[key]}})
        now[key] = Year(_written_checksum(content), len(content))
        if named is None or named.get(key) != now[key]:
            files[key] = content
    index = index_bytes(now)
    return Encoded(index, files, len(index) + sum(year.size for year in now.values()))


def _serialized(path: Path, store: StoreRecord) -> bytes:
    try:
        return serialize(store)
    except orjson.JSONEncodeError as error:  # e.g. a lone surrogate from undecodable input
        raise StoreError(
            _("cannot write {path}: the change holds text that cannot be stored ({reason})").format(
                path=path, reason=error
            ),
            hint=_("the store was not changed"),
        ) from None


def _put_years(real: Path, content: Encoded, mode: int, more: dict[str, bytes] | None = None) -> None:
    """Write the years' files of `content` (and `more`) beside the store, before the store file
    that names them."""
    files = {**(more or {}), **content.years}
    if not files:
        return
    folder = years.folder_of(real)
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, 0o700 | mode | (mode & 0o444) >> 2)
    for key, raw in sorted(files.items()):
        replace_file(
            folder / years.file_name(key),
            _writer(raw),
            mode=mode,
            sync_folder=False,
        )
    fsync_folder(folder)


def _writer(raw: bytes) -> Callable[[BinaryIO], object]:
    return lambda handle: handle.write(raw)


_YEAR_FILE = re.compile(r"(\d{4})\.json")


def _forget_years(real: Path, content: Encoded, damaged: set[str] | None = None) -> None:
    """After the store file is replaced: remove the files of years it no longer names, and note
    what the others are now (not the `damaged` ones left in place, which are not what it
    names)."""
    folder = years.folder_of(real)
    named = index_records(content.root) or {}
    for name in years.listed(folder):
        match = _YEAR_FILE.fullmatch(name)
        if match and match.group(1) not in named:
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
    if named:
        seen = {key: year.checksum for key, year in named.items() if key not in (damaged or ())}
        years.write_seen(folder, seen, file_mode(real))
        return
    with contextlib.suppress(OSError):  # the plans are in the store file again (an older version put back)
        os.unlink(folder / years.SEEN)
        os.rmdir(folder)


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


def _tidy_copies(folder: Path, kept: Kept) -> None:
    """Remove the copies of years' files no kept version names any more."""
    copies = years.copies_of(folder)
    names = list(years.listed(copies))
    if not names:
        return
    wanted: set[str] = set()
    for version in kept.versions:
        try:
            with open(folder / versions.file_name(version.number), "rb") as handle:
                head = handle.read(len(_INDEX_START))
                if head != _INDEX_START:
                    continue  # a whole store of an older format: it names no years' files
                raw = head + handle.read()
        except OSError:
            return  # unsure what is needed: remove nothing
        for key, year in (index_records(raw) or {}).items():
            wanted.add(years.copy_name(key, year.checksum))
    for name in names:
        if name not in wanted:
            with contextlib.suppress(OSError):
                os.unlink(copies / name)


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
    folder = years.folder_of(real)
    for name in years.listed(folder):  # the folder is shishi's own: any temporary there is dead
        if name.startswith(".") and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


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


Keeping = list[tuple[Version, bytes, dict[str, bytes]]]  # versions to keep: file, years' files


def _state(real: Path, live: str | None) -> tuple[Kept, Keeping]:
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
    summary, message = summarised(
        said("{file}: the previous version an earlier shishi kept", file=backup.name), BACKUP
    )
    first = Version(
        number=1,
        at=_stamp_of(backup),
        command=BACKUP,
        summary=summary,
        said=message,
        checksum=checksum,
        size=len(raw),
        parent=None,
        sound=trusted or _first_problem(backup, raw) is None,
    )
    return Kept().added(first), [(first, raw, {})]


def base_of(kept: Kept, live: str | None) -> Version | None:
    """The version a store changed outside shishi is compared with: the current one, or, when
    the store is that version already (a change kept as found), the one before it."""
    current = kept.version(kept.current)
    if current is not None and current.checksum == live:
        return kept.version(current.parent)
    return current


def _verified(folder: Path, version: Version) -> bytes | None:
    """A kept version's bytes if its file is there and unchanged, with a copy of each year's
    file it names (their checksums are checked when they are read)."""
    raw = versions.read_file(folder, version)
    if raw is None or identity(raw)[0] != version.checksum:
        return None
    copies = years.copies_of(folder)
    for key, year in (index_records(raw) or {}).items():
        if years.stat_of(copies / years.copy_name(key, year.checksum)) is None:
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
    not_yet_kept = {version.number: content for version, content, _years in adopted}
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
        command=versions.command_shown(found.version.command),
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
    state = live_state(path, raw, thorough=True) if raw is not None else None
    live = state.checksum if state is not None else None
    kept, _adopted = _state(real, live)
    return Look(path, versions.folder_of(real), kept, live, state is not None and state.outside)


def base_store(path: Path, raw: bytes, state: Live | None = None) -> tuple[Version, StoreRecord] | None:
    """The kept version a store changed outside shishi is compared with, and its content; None
    when no such version is kept (or its file is gone). `state`: the store as found, if known."""
    real = Path(os.path.realpath(path))
    live = (state or live_state(path, raw, thorough=True)).checksum
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
        return version, parse_store(
            folder / versions.file_name(version.number), raw, source=_kept_source(folder)
        )
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
    years: dict[str, bytes]  # the years' files changed outside shishi, by year


class Moved(NamedTuple):
    """What undo or redo did: the versions it went past (most recent step first for undo, next
    first for redo), the one the store is now, and the kept versions after it."""

    passed: list[Version]
    now: Version
    kept: Kept


class Session:
    """The store under its lock, for one replacement: the file as found, the versions kept beside
    it, and the one way to replace it (`_commit`), which keeps what it replaces first."""

    def __init__(self, path: Path, at: str, *, thorough: bool = False) -> None:
        self.path = path
        self.at = at
        self.real = Path(os.path.realpath(path))
        self.folder = versions.folder_of(self.real)
        self.raw = _read_if_there(path)
        self.checksum: str | None = None
        self.trusted = True
        self.live: Live | None = None
        if self.raw is not None:
            self.live = live_state(path, self.raw, thorough=thorough)
            self.checksum, self.trusted = self.live.checksum, self.live.trusted
        self.kept, self._adopted = _state(self.real, self.checksum)
        current = self.kept.version(self.kept.current)
        self.found: Found | None = None
        if self.raw is not None and self.live is not None:
            if current is None or current.checksum != self.checksum:
                self.found = self._as_found(self.raw, self.live)
        self._before = b""
        self._validated = False  # the store file as found passed full validation
        self.put_back: list[str] = []  # the years whose files a write put back from kept copies
        # The years whose files were changed outside shishi and do not validate: left aside, as
        # they are, by whatever does not need them; `_whole`: the store as found with them.
        self.damaged: dict[str, StoreError] = {}
        self._whole: Found | None = None
        self._settled = False

    @property
    def outside(self) -> bool:
        """The store was changed outside shishi (its file's or a year's checksum does not match)."""
        return self.live is not None and self.live.outside

    def _refresh(self) -> None:
        """A year's file found changed outside shishi only when it was read (its size and time
        were those shishi last saw): the store as found is that, and is kept as such."""
        live = self.live
        if live is None or live.records is None or self.raw is None:
            return
        changed = _changed_by_hand(live.years, live.aside)
        if not changed or (self.found is not None and set(changed) <= set(self.found.years)):
            return
        as_found = cast(bytes, _index_as_found(live.records, live.years, live.aside))
        self.live = live = live._replace(outside=True, checksum=_written_checksum(as_found))
        self.checksum = live.checksum
        self.found = self._as_found(self.raw, live)

    @staticmethod
    def _as_found(raw: bytes, live: Live) -> Found:
        """The store as found, to keep: a year's file changed by hand is kept as it is, named
        by a store file written for it."""
        as_found = None if live.records is None else _index_as_found(live.records, live.years, live.aside)
        if as_found is None:
            return Found(raw, live.checksum, live.outside, {})
        changed = _changed_by_hand(live.years, live.aside)
        return Found(as_found, live.checksum, True, {key: f.raw or b"" for key, f in changed.items()})

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
        found = self.live.years if self.live is not None else None
        store = parse_store(self.path, self.raw, trusted=self.trusted, rescue=rescue, found=found)
        if self.live is not None:
            self._set_aside(_read_changed(store, self.live))
        self._validated = True
        # What a change that changes nothing would write: the file itself when shishi wrote it in
        # this format; else its normal form (a hand edit, or an older format migrated on reading).
        current = self.raw.startswith(_INDEX_START) and not self.outside
        self._before = self.raw if self.trusted and current else self.encode(store).root
        return store

    def _set_aside(self, damaged: dict[str, StoreError]) -> None:
        """Leave the damaged years' files as they are: the store as found is then the store
        file with only the sound changes made outside shishi."""
        self._settled = True
        if not damaged or self.live is None or self.raw is None or self.damaged:
            return
        self.damaged = damaged
        self._whole = self.found
        self.live = _set_aside(self.live, self.raw, damaged)
        self.checksum = self.live.checksum
        self.kept, self._adopted = _state(self.real, self.checksum)
        current = self.kept.version(self.kept.current)
        is_current = current is not None and current.checksum == self.checksum
        self.found = None if is_current else self._as_found(self.raw, self.live)

    def _settle(self) -> None:
        """Know which years' files changed outside shishi are damaged (undo, redo, restore)."""
        found = self.live.years.values() if self.live is not None else ()
        if not self._settled and any(f.state == "outside" for f in found):
            self.try_load()

    def _refuse_damaged(self, content: Encoded) -> None:
        """No change writes over a damaged year's file or drops its year: it is mended by
        restore, or by hand."""
        named = index_records(content.root) or {}
        for key, damage in self.damaged.items():
            if key in content.years or key not in named:
                raise StoreError(
                    _("cannot change the {year} plan: its file is damaged: {damage}").format(
                        year=key, damage=damage.message
                    ),
                    hint=_("nothing was changed; {mend}").format(mend=mend_text(self.path, self.raw)),
                )

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

    def encode(self, store: StoreRecord) -> Encoded:
        return encode(self.path, store, self.live.records if self.live is not None else None)

    def unchanged(self, content: Encoded) -> bool:
        """`content` is what the loaded store held: a change that changed nothing writes nothing."""
        return content.root == self._before

    # --- replacing ---

    def write(
        self, content: Encoded, *, command: str, summary: Said | None, found: Said | None = None
    ) -> Version:
        """Replace the store with `content`, kept as a new version made by `command` (`summary`:
        what it changed). `found` summarises the store as found, when it is not kept yet."""
        self._refuse_damaged(content)
        self._refresh()
        start, files = self._keeping_found(found)
        text, message = summarised(summary, command)
        made = Version(
            number=start.next,
            at=self.at,
            command=command,
            summary=text,
            said=message,
            checksum=_written_checksum(content.root),
            size=content.size,
            parent=start.current,
        )
        self._commit(start, start.added(made), [*files, (made, content.root, content.years)], content)
        return made

    def undo(self, count: int, found: Said | None = None) -> Moved:
        """Walk back `count` changes, and past a damaged file kept on the way (never put back).
        Refused when it would put another plan of a year over that year's damaged file."""
        self._settle()
        self._refresh()
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
        self._commit(start, moved, files, self._sound_content(target, "undo"))
        return Moved(passed, target, self.kept)

    def redo(self, count: int, found: Said | None = None) -> Moved:
        """Walk forward `count` undone changes (refused as undo is, over a damaged year's file)."""
        self._settle()
        self._refresh()
        start, files = self._keeping_found(found)
        path = start.forward()
        if not path or count > len(path):
            raise self._cannot_step(start, count, len(path), forward=True)
        target = path[count - 1]
        moved = start.moved(target.number, start.redo[count:])
        self._commit(start, moved, files, self._sound_content(target, "redo"))
        return Moved(path[:count], target, self.kept)

    def restore(self, number: int, found: Said | None = None) -> tuple[Version, Version]:
        """Put back version `number` as a new version (itself undoable): (the new one, the one put
        back). A damaged year's file it replaces is kept first, as a version never put back."""
        self._settle()
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
        if self.checksum == chosen.checksum and not self.damaged:
            raise Unchanged(_("the store is version {number} already; nothing changed").format(number=number))
        start, files = self._keeping_found(found, whole=True)
        content = self._sound_content(chosen)
        text, message = summarised(
            said("restore: put back version {number} of {at}", number=number, at=chosen.shown()), "restore"
        )
        made = Version(
            number=start.next,
            at=self.at,
            command="restore",
            summary=text,
            said=message,
            checksum=chosen.checksum,
            size=chosen.size,
            parent=start.current,
        )
        self._commit(start, start.added(made), [*files, (made, content.root, {})], content)
        return made, chosen

    def set_keep(self, keep: int) -> list[Version]:
        """Keep the last `keep` versions from now on; the versions dropped."""
        changed = self.kept._replace(keep=keep).rotated()
        dropped = [v for v in self.kept.versions if changed.version(v.number) is None]
        self._commit(self.kept, changed, list(self._adopted), None)
        return dropped

    # --- how ---

    def _keeping_found(self, summary: Said | None, *, whole: bool = False) -> tuple[Kept, Keeping]:
        """The kept versions with the store as found kept too, and the files that takes; `whole`:
        with its damaged years' files (what restore replaces)."""
        files = list(self._adopted)
        whole = whole and self._whole is not None
        found = self._whole if whole else self.found
        if found is None:
            return self.kept, files
        if found.outside:
            problem = None if self._validated and not whole else _first_problem(self.path, found.raw)
            sound = problem is None
            command = OUTSIDE
            if problem is not None:  # (its words are English: the problem as validation found it)
                summary = said("changed outside shishi; it does not validate: {problem}", problem=problem)
            summary = summary or said("changed outside shishi")
        else:
            sound = True
            command = AS_FOUND
            same = next((v for v in self.kept.versions if v.checksum == found.checksum), None)
            if same is not None:
                summary = said(
                    "as found: a store shishi wrote that was not kept yet (the same as version {number})",
                    number=same.number,
                )
            else:
                summary = said("as found: a store shishi wrote that was not kept yet")
        text, message = summarised(summary, command)
        version = Version(
            number=self.kept.next,
            at=_stamp_of(self.path) or self.at,
            command=command,
            summary=text,
            said=message,
            checksum=found.checksum,
            size=len(found.raw) + sum(y.size for y in (index_records(found.raw) or {}).values()),
            parent=self.kept.current,
            sound=sound,
        )
        return self.kept.added(version), [*files, (version, found.raw, found.years)]

    def _sound_content(self, version: Version, stepping: str | None = None) -> Encoded:
        """A kept version to put back: its store file, and the copies of its years' files that
        differ from those in place. `stepping` (undo, redo) leaves a damaged year's file as it
        is, and is refused when the version has another plan of that year (restore puts one
        back over it)."""
        raw = self._sound_bytes(version)
        named = index_records(raw)
        if stepping is not None and self.damaged:
            self._step_past_damage(version, named, stepping)
        if named is None:
            return Encoded(raw, {}, len(raw))
        now = self.live.records if self.live is not None and not self.outside else None
        fresh = self.live.years if self.live is not None else {}
        copies = years.copies_of(self.folder)
        files = {}
        for key, year in named.items():
            if stepping is not None and key in self.damaged:
                continue  # the same plan as the store names now (_step_past_damage): left as it is
            if (
                now is not None
                and now.get(key) == year
                and fresh.get(key, YearFile("same", None, "")).state == "same"
            ):
                continue  # in place already
            copy = _read_if_there(copies / years.copy_name(key, year.checksum))
            if copy is None or identity(copy)[0] != year.checksum:
                raise StoreError(
                    _("the file of version {number} in {folder} is missing or was changed").format(
                        number=version.number, folder=self.folder
                    ),
                    hint=_("the store was not changed; 'shishi versions' lists the others"),
                )
            files[key] = copy
        return Encoded(raw, files, version.size)

    def _step_past_damage(self, version: Version, named: dict[str, Year] | None, command: str) -> None:
        """Undo or redo to `version` leaves a damaged year's file as it is: refused when the
        version has another plan of that year, which would be written over the file (or, not
        written, leave the version half put back)."""
        records = self.live.records if self.live is not None else None
        for key, damage in sorted(self.damaged.items()):
            if named is None or records is None or named.get(key) != records.get(key):
                raise StoreError(
                    _(
                        "cannot {command}: version {number} has another {year} plan, and its file is "
                        "damaged: {damage}"
                    ).format(command=command, number=version.number, year=key, damage=damage.message),
                    hint=_("nothing was changed; mend that file first: {mend}").format(
                        mend=mend_text(self.path, self.raw)
                    ),
                )

    def _sound_bytes(self, version: Version) -> bytes:
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

    def _commit(self, start: Kept, new: Kept, files: Keeping, content: Encoded | None) -> None:
        """Keep `files`, record `new` in the index, then put `content` in place of the store; a
        crash in between leaves the old store and an index that `versions.settled` turns back."""
        new = new._replace(before=(start.current, start.redo) if content is not None else None)
        mode = file_mode(self.real)
        fresh = not os.path.lexists(self.folder)
        try:
            versions.make_folder(self.folder, mode)
            if fresh:  # an index of nothing kept first: numbered files without an index are
                versions.write_index(self.folder, Kept(), mode)  # refused, and a kill may land below
            for version, raw, changed in files:
                self._keep_years(raw, changed, mode)
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
            try:
                behind = self._behind(content)
                _put_years(self.real, content, mode, behind)
                self.put_back = sorted(behind)
            except OSError as error:
                raise StoreError(
                    _("cannot write {path}: {reason}").format(
                        path=years.folder_of(self.real), reason=reason(error)
                    ),
                    hint=_("the store was not changed"),
                ) from None
            write_atomic(self.path, content.root)
            _forget_years(self.real, content, set(self.damaged) - set(content.years))
        self.kept = new
        versions.tidy(self.folder, new)
        _tidy_copies(self.folder, new)
        self._forget_backup(new)

    def _keep_years(self, raw: bytes, changed: dict[str, bytes], mode: int) -> None:
        """A copy of each year's file the store file `raw` names, unless one is kept already:
        from `changed` (what is being written, or was changed by hand), else the file in place."""
        named = index_records(raw)
        if not named:
            return
        copies = years.copies_of(self.folder)
        versions.make_folder(copies, mode)
        for key, year in named.items():
            copy = copies / years.copy_name(key, year.checksum)
            if years.stat_of(copy) is not None:
                continue
            content = changed.get(key)
            if content is None:
                content = _read_if_there(years.folder_of(self.real) / years.file_name(key))
            if content is None or identity(content)[0] != year.checksum:
                continue  # nothing sound to keep: the version says so when it is put back
            replace_file(copy, _writer(content), mode=mode, sync_folder=False)

    def _behind(self, content: Encoded) -> dict[str, bytes]:
        """Years' files left ahead of the store file by a change cut short, which `content` keeps
        as they are named: put back from their kept copies."""
        if self.live is None:
            return {}
        named = index_records(content.root) or {}
        behind = {}
        for key, found in self.live.years.items():
            if found.state in ("ahead", "missing") and key in named and key not in content.years:
                copy = _read_if_there(
                    years.copies_of(self.folder) / years.copy_name(key, named[key].checksum)
                )
                if copy is not None and identity(copy)[0] == named[key].checksum:
                    behind[key] = copy
        return behind

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
    path: Path,
    *,
    at: str,
    timeout: float = LOCK_TIMEOUT,
    create: bool = False,
    missing_ok: bool = False,
    thorough: bool = False,
) -> Iterator[Session]:
    """Lock the store and hold what replacing it needs. `at`: the time stamp of what it makes;
    `thorough`: read every year's file to know it is unchanged (undo, redo, restore, accept)."""
    refuse_inner(path)
    if not os.path.lexists(path) and (not (create or missing_ok) or (create and _years_without_store(path))):
        read_bytes(path)  # a missing store: say so before a lock file is made beside it
    _refuse_read_only(path)
    with locked(path, timeout):
        yield Session(path, at, thorough=thorough)


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
            held.write(content, command=command, summary=None)
