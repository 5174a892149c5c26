"""Where a store's plans live: each year's plan in a file of its own beside the store.

Since store format 4 the store file (`--store PATH`) is small: it names, for each year, the
checksum and size of that year's file in the folder `PATH.years/` (`2022.json`, itself a store
holding that one plan). A command reads the store file and then only the years it asks for;
a change writes only the years it changed, then the store file, whose replacement is the one
moment the change takes effect (store.py). The kept versions keep each year's file once, by
its checksum, in `PATH.versions/years/`.

This module knows the names of those files and reads them; it never decides what is trusted
(store.py does) and never prints.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from .errors import StoreError
from .files import replace_file

SEEN = ".seen.json"


class Year(NamedTuple):
    """What the store file says of one year's file: its checksum (the file's own checksum line,
    or the SHA-256 of the whole file for one written by hand) and its size in bytes."""

    checksum: str
    size: int


def folder_of(real: Path) -> Path:
    """STORE.years, beside the store's real file."""
    return real.with_name(real.name + ".years")


def file_name(key: str) -> str:
    return f"{key}.json"


def copy_name(key: str, checksum: str) -> str:
    """The name a kept version gives a year's file: the year and the start of its checksum."""
    return f"{key}-{checksum.removeprefix('sha256:')[:16]}.json"


def copies_of(versions_folder: Path) -> Path:
    return versions_folder / "years"


def records(data: dict[str, Any]) -> dict[str, Year] | None:
    """The years a store file names, or None when it names none (its plans are in it, as before
    format 4). ValueError when they are not as shishi writes them."""
    found = data.get("years")
    if found is None:
        return None
    if not isinstance(found, dict):
        raise ValueError("'years' is not an object")
    years = {}
    for key, record in found.items():
        if not (isinstance(key, str) and key.isdigit() and len(key) == 4):
            raise ValueError(f"{key!r} is not a year")
        if not isinstance(record, dict) or set(record) != {"checksum", "size"}:
            raise ValueError(f"years.{key} is not a checksum and a size")
        checksum, size = record["checksum"], record["size"]
        if not (isinstance(checksum, str) and checksum.startswith("sha256:") and len(checksum) == 71):
            raise ValueError(f"years.{key}.checksum is not a SHA-256")
        if type(size) is not int or size < 0:
            raise ValueError(f"years.{key}.size is not a size")
        years[key] = Year(checksum, size)
    return years


def body(years: dict[str, Year]) -> list[bytes]:
    """The store file's lines above its checksum: one year a line, in order."""
    out = [b'{\n  "schema_version": ', str(_format()).encode(), b',\n  "years": {']
    keys = sorted(years)
    for n, key in enumerate(keys):
        record = orjson.dumps({"checksum": years[key].checksum, "size": years[key].size})
        out.append(b"\n    " + orjson.dumps(key) + b": " + record + (b"," if n < len(keys) - 1 else b""))
    out.append(b"\n  }," if keys else b"},")
    return out


def _format() -> int:
    from .records import SCHEMA_VERSION

    return SCHEMA_VERSION


# --- the plans, read when asked for -----------------------------------------------------------


class _Pending:
    """A plan not read yet: no JSON encoder takes it, so nothing writes it by mistake."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<plan not read yet>"


PENDING = _Pending()


class Plans(dict):  # type: ignore[type-arg]
    """A store's plans by year, each read from its own file the first time it is asked for.

    The keys are all there from the start (`max`, `sorted`, `in` and `len` read no file); a
    value is read by indexing, `get`, `values`, `items` or `pop`. A year whose file is damaged
    stays unread: each of these raises its StoreError again, so only what needs that year stops
    (`damaged`: those found so; `refused`: those a caller asked for and was refused).
    """

    def __init__(self, loaded: dict[str, Any], pending: dict[str, Callable[[], Any]]) -> None:
        super().__init__(loaded)
        for key in pending:
            dict.__setitem__(self, key, PENDING)
        self._loaders = dict(pending)
        self.read_at: dict[str, tuple[int, int]] = {}  # history and progress lengths when read
        self.damaged: dict[str, StoreError] = {}
        self.refused: set[str] = set()

    def _value(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        if value is PENDING:
            damage = self.damage(key)
            if damage is not None:
                self.refused.add(key)
                raise damage
            value = dict.__getitem__(self, key)
        return value

    def damage(self, key: str) -> StoreError | None:
        """Read the plan of `key` if it is not read yet; what makes its file unreadable, if
        anything (without counting it as refused)."""
        if key in self.damaged:
            return self.damaged[key]
        if dict.get(self, key, None) is not PENDING:
            return None
        try:
            value = self._loaders[key]()
        except StoreError as error:
            self.damaged[key] = error
            return error
        del self._loaders[key]
        dict.__setitem__(self, key, value)
        self.read_at[key] = (len(value["history"]), len(value["progress"]))
        return None

    def is_read(self, key: str) -> bool:
        return dict.get(self, key, None) is not PENDING

    def __getitem__(self, key: str) -> Any:
        return self._value(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self._value(key) if key in self else default

    def values(self) -> list[Any]:  # type: ignore[override]
        return [self._value(key) for key in list(self)]

    def items(self) -> list[tuple[str, Any]]:  # type: ignore[override]
        return [(key, self._value(key)) for key in list(self)]

    def pop(self, key: str, *default: Any) -> Any:
        if key in self:
            value = self._value(key)
            dict.__delitem__(self, key)
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def __setitem__(self, key: str, value: Any) -> None:
        self._loaders.pop(key, None)
        self.damaged.pop(key, None)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._loaders.pop(key, None)
        self.damaged.pop(key, None)
        dict.__delitem__(self, key)

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self._value(key)
        self[key] = default
        return default

    def copy(self) -> dict[str, Any]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dict) and dict(self.items()) == (
            dict(other.items()) if isinstance(other, Plans) else other
        )

    __hash__ = None

    def __reduce__(self) -> Any:
        return (dict, (self.copy(),))

    def __repr__(self) -> str:
        return (
            "Plans("
            + ", ".join(f"{k!r}: {'…' if v is PENDING else 'plan'}" for k, v in dict.items(self))
            + ")"
        )


# --- what a writer saw ------------------------------------------------------------------------


def read_seen(folder: Path) -> dict[str, tuple[int, int, str]]:
    """The size, change time and checksum of each year's file when shishi last wrote or checked
    it: a file whose size and time are still those is not read again to know it is unchanged."""
    try:
        data = orjson.loads((folder / SEEN).read_bytes())
        return {str(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in data.items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def write_seen(folder: Path, checksums: dict[str, str], mode: int) -> None:
    """Record what the year files are now (best effort: without it, they are read to check)."""
    seen = {}
    for key, checksum in checksums.items():
        try:
            stat = os.stat(folder / file_name(key))
        except OSError:
            continue
        seen[key] = [stat.st_size, stat.st_mtime_ns, checksum]
    with contextlib.suppress(OSError):
        replace_file(
            folder / SEEN, lambda handle: handle.write(orjson.dumps(seen)), mode=mode, sync_folder=False
        )


def stat_of(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def listed(folder: Path) -> Iterator[str]:
    """The names in `folder`, none when it is not there."""
    try:
        yield from os.listdir(folder)
    except OSError:
        return
