"""Keys a JSON object gives more than once: the file parses, but every value but the last is lost.

JSON parsers keep the last of two equal keys without a word, so a hand-edited store with a second
`"progress"` list would lose the first at the next write. `duplicate_keys` finds them where it
matters (a file whose checksum does not match); a file shishi wrote has none.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple


class DuplicateKey(NamedTuple):
    """A key given `len(lines)` times in one object, at the field path `where` (`plans.2022`;
    "" for the top level), on these lines of the file."""

    where: str
    key: str
    lines: list[int]


# A string (keys among them) or a structural character. Safe on UTF-8 bytes: the bytes of a
# character beyond ASCII are all above 0x7f, never a quote or a backslash.
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\],]', re.S)


def duplicate_keys(raw: bytes) -> list[DuplicateKey]:
    """Every key given twice or more in one object of `raw`, a file that parses as JSON, in the
    order of the file. A quick pass says whether there is any; only then is the file scanned
    for where (a second, slower pass)."""
    if not _any_duplicate(raw):
        return []
    return _locate(raw)


def _any_duplicate(raw: bytes) -> bool:
    found = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> None:
        nonlocal found
        if len(pairs) > 1 and len(dict(pairs)) < len(pairs):
            found = True

    try:
        json.loads(raw, object_pairs_hook=pairs_hook)
    except ValueError:  # not JSON after all: the caller's parser says why
        return False
    return found


class _Object:
    __slots__ = ("path", "keys", "expect_key")

    def __init__(self, path: str) -> None:
        self.path = path
        self.keys: dict[str, list[int]] = {}  # key -> where it starts in the file
        self.expect_key = True


class _Array:
    __slots__ = ("path", "index")

    def __init__(self, path: str) -> None:
        self.path = path
        self.index = 0


def _locate(raw: bytes) -> list[DuplicateKey]:
    found: list[tuple[str, str, list[int]]] = []  # where each occurrence starts in the file
    stack: list[_Object | _Array] = []
    key = ""  # the last key read in the innermost object: the path of the value that follows
    for match in _TOKEN.finditer(raw):
        token = match.group()
        top = stack[-1] if stack else None
        if token[0] == ord('"'):
            if isinstance(top, _Object) and top.expect_key:
                key = json.loads(token)
                top.keys.setdefault(key, []).append(match.start())
                top.expect_key = False
            continue
        if token in (b"{", b"["):
            if top is None:
                path = ""
            elif isinstance(top, _Object):
                path = f"{top.path}.{key}" if top.path else key
            else:
                path = f"{top.path}[{top.index}]"
            stack.append(_Object(path) if token == b"{" else _Array(path))
        elif token in (b"}", b"]"):
            done = stack.pop()
            if isinstance(done, _Object):
                found.extend(
                    (done.path, name, starts) for name, starts in done.keys.items() if len(starts) > 1
                )
        elif isinstance(top, _Object):  # a comma
            top.expect_key = True
        elif isinstance(top, _Array):
            top.index += 1
    found.sort(key=lambda d: d[2][1])
    line_of = _lines(raw, sorted({start for _where, _key, starts in found for start in starts}))
    return [DuplicateKey(where, name, [line_of[s] for s in starts]) for where, name, starts in found]


def _lines(raw: bytes, starts: list[int]) -> dict[int, int]:
    """The line of each position (in ascending order), counting the file once."""
    lines: dict[int, int] = {}
    line, at = 1, 0
    for start in starts:
        line += raw.count(b"\n", at, start)
        lines[start] = line
        at = start
    return lines
