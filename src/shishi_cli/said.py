"""Messages kept to be said later, in the language of whoever reads them: a message id with its
arguments, as plain JSON.

A change is recorded when it is made, and read later, maybe in another language: a kept
version's summary is said in the language of whoever lists the versions, not of whoever made
the change. What it says is kept as a `Said`:

- a string or a number: data (a name, a figure, a file name), said as it is;
- {"m": msgid, "a": {name: Said}}: a message, its arguments said first;
- {"p": [singular, plural], "n": count, "a": {name: Said}}: a message with a plural;
- {"j": [Said, ...], "s": separator}: parts joined by a separator, itself a message ("; ");
- {"t": name, "w": word}: a field, named in English as the history names it (`ahead_margin`),
  in another language by its word (`ahead margin`, 超前幅度);
- {"e": text, "s": Said}: `text` in English as the history recorded it (cut short), else `s`.

`english()` is the text the plan's history and the versions' index record; `text()` says it in
the interface language. The catalog finds the messages of `said()` and `said_plural()` as it
finds those of `_()` and `ngettext()`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from .i18n import _, language, ngettext

Said: TypeAlias = "str | int | dict[str, Any]"

# What `text` raises for a message it cannot say: not a Said, or a translation whose
# placeholders do not fit the arguments kept (a record of another release).
NOT_SAID = (ValueError, KeyError, IndexError, TypeError, AttributeError)


def said(msgid: str, /, **args: Said) -> Said:
    """The message `msgid`, to be said with `args`."""
    return {"m": msgid, "a": args} if args else {"m": msgid}


def said_plural(singular: str, plural: str, count: int, /, **args: Said) -> Said:
    """The message for `count`: `singular` or `plural` in English, as ngettext chooses."""
    return {"p": [singular, plural], "n": count, "a": args}


def said_as(english: str, message: Said) -> Said:
    """`english` as it is recorded, said as `message` in another language."""
    return {"e": english, "s": message}


def joined(parts: Sequence[Said], separator: str = "; ") -> Said:
    """`parts` one after the other; `separator` is a message ("; " is "；" in Chinese)."""
    return parts[0] if len(parts) == 1 else {"j": list(parts), "s": separator}


def term(name: str, word: str | None) -> Said:
    """A field: `name` in English (as the history names it), `word` translated elsewhere."""
    return {"t": name, "w": word} if word else name


def shortened(message: Said, limit: int) -> Said:
    """`message` with no more of its parts than the first `limit` characters of it in English
    show, then "…" (a summary is cut there)."""
    if not isinstance(message, dict) or "j" not in message:
        return message
    parts: list[Said] = []
    used = 0
    for part in message["j"]:
        if used > limit:
            parts.append("…")
            break
        parts.append(part)
        used += len(english(part)) + 2
    return {**message, "j": parts}


def text(message: Said) -> str:
    """`message` in the interface language; one of NOT_SAID when it cannot be said."""
    return _say(message, _, ngettext, language() == "en")


def english(message: Said) -> str:
    """`message` in English, whatever the interface speaks: what the store records."""
    return _say(message, _as_written, _english_plural, True)


def _say(
    message: object, gettext: Callable[[str], str], plural: Callable[[str, str, int], str], english: bool
) -> str:
    if isinstance(message, str):
        return message
    if isinstance(message, int) and not isinstance(message, bool):
        return str(message)
    if not isinstance(message, dict):
        raise ValueError(f"{message!r} is not a message")
    if "j" in message:
        separator = _msgid(message["s"])
        return (gettext(separator) if separator else "").join(
            _say(part, gettext, plural, english) for part in message["j"]
        )
    if "t" in message:
        name, word = message["t"], message.get("w")
        return str(name) if english or not word else gettext(_msgid(word))
    if "e" in message:
        return str(message["e"]) if english else _say(message["s"], gettext, plural, english)
    args = message.get("a", {})
    if not isinstance(args, dict):
        raise ValueError(f"{args!r} are not arguments")
    # Text and numbers as they are (a format may give a number a width); messages said first.
    values = {
        name: value if type(value) in (str, int) else _say(value, gettext, plural, english)
        for name, value in args.items()
    }
    if "m" in message:
        return gettext(_msgid(message["m"])).format(**values)
    if "p" in message:
        singular, many = message["p"]
        count = message["n"]
        if not isinstance(count, int):
            raise ValueError(f"{count!r} is not a count")
        return plural(_msgid(singular), _msgid(many), count).format(**values)
    raise ValueError(f"{message!r} is not a message")


def _as_written(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def text_or(message: Said | None, otherwise: str) -> str:
    """`message` in the interface language, or `otherwise` (what was recorded in English) when
    there is none or it cannot be said."""
    if message is None:
        return otherwise
    try:
        return text(message)
    except NOT_SAID:
        return otherwise


def _msgid(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a message id")
    return value


# --- reading a recorded English text back into its message -----------------------------------
#
# A plan's history keeps only the English of what it records (part of the store), as did the
# versions' index before it kept messages. `read()` finds the message a text is the English of,
# from the shapes the writers make, so that it is said in the reader's language too; a text of
# no known shape is shown as recorded.


@dataclass(frozen=True)
class Message:
    """A message of `msgid`; its placeholders are read as the reader's shape of that name (else
    as data), or as `args` gives."""

    msgid: str
    args: tuple[tuple[str, Shape], ...] = ()


@dataclass(frozen=True)
class Plural:
    """A message with a plural (`count` names the placeholder of the number)."""

    singular: str
    plural: str
    count: str = "count"


@dataclass(frozen=True)
class AnyOf:
    """The first of `shapes` that reads the text."""

    shapes: tuple[Shape, ...]


@dataclass(frozen=True)
class Joined:
    """Parts of `part`'s shape, one after the other, `separator` between them."""

    part: Shape
    separator: str = "; "


@dataclass(frozen=True)
class Term:
    """A field named by its key (a key of `words`), said by its word in another language."""

    words: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Within:
    """Data in which each piece of the form of `msgid` ("by {date}", a placeholder one word) is
    that message."""

    msgid: str


class _Data:
    """Any text, said as it is."""


class _Word:
    """A text without spaces (a key), said as it is."""


DATA = _Data()
WORD = _Word()
Shape: TypeAlias = "Message | Plural | AnyOf | Joined | Term | Within | _Data | _Word"

_PLACEHOLDER = re.compile(r"\{(\w+)(![rs])?(:[^{}]*)?\}")


def message(msgid: str, **args: Shape) -> Message:
    return Message(msgid, tuple(args.items()))


def any_of(*shapes: Shape) -> AnyOf:
    return AnyOf(shapes)


def terms(words: Mapping[str, str]) -> Term:
    return Term(tuple(words.items()))


# The longest text read back: reading tries the ways a text can be cut, which a long text of no
# known shape makes slow (0.4 s at 1,000 characters, at worst); a longer one is shown as recorded.
READ_MAX = 1000


def read(text: str, shape: Shape, named: Mapping[str, Shape]) -> Said | None:
    """The message `text` is the English of, as `shape` makes it (a placeholder of a message is
    read as the shape `named` gives its name, else as data); None when it is of no such shape, or
    longer than READ_MAX."""
    if len(text) > READ_MAX:
        return None
    return _Reading(text, named).read(shape, 0, len(text))


class _Reading:
    def __init__(self, text: str, named: Mapping[str, Shape]) -> None:
        self.text = text
        self.named = named
        self.memo: dict[tuple[int, int, int], Said | None] = {}

    def read(self, shape: Shape, start: int, end: int) -> Said | None:
        key = (id(shape), start, end)
        if key not in self.memo:
            self.memo[key] = None  # (a shape that reads itself at the same place reads nothing)
            self.memo[key] = self._read(shape, start, end)
        return self.memo[key]

    def _read(self, shape: Shape, start: int, end: int) -> Said | None:
        text = self.text
        if isinstance(shape, _Data):
            return text[start:end]
        if isinstance(shape, _Word):
            return text[start:end] if start < end and " " not in text[start:end] else None
        if isinstance(shape, AnyOf):
            for each in shape.shapes:
                found = self.read(each, start, end)
                if found is not None:
                    return found
            return None
        if isinstance(shape, Term):
            words = dict(shape.words)
            name = text[start:end]
            return term(name, words[name]) if name in words else None
        if isinstance(shape, Within):
            return self._within(shape.msgid, start, end)
        if isinstance(shape, Joined):
            parts = self._parts(shape, start, end)
            return None if parts is None else joined(parts, shape.separator)
        if isinstance(shape, Plural):
            for form, other in ((shape.singular, False), (shape.plural, True)):
                args = self._fill(form, {}, start, end)
                count = args.get(shape.count) if args is not None else None
                if isinstance(count, str) and count.isdigit() and (int(count) != 1) == other:
                    said_args: dict[str, Said] = {**args, shape.count: int(count)}  # type: ignore[dict-item]
                    return said_plural(shape.singular, shape.plural, int(count), **said_args)
            return None
        args = self._fill(shape.msgid, dict(shape.args), start, end)
        return None if args is None else said(shape.msgid, **args)

    def _parts(self, shape: Joined, start: int, end: int) -> list[Said] | None:
        at = self.text.find(shape.separator, start, end)
        while at != -1:
            first = self.read(shape.part, start, at)
            if first is not None:
                rest = self._parts(shape, at + len(shape.separator), end)
                if rest is not None:
                    return [first, *rest]
            at = self.text.find(shape.separator, at + 1, end)
        whole = self.read(shape.part, start, end)
        return None if whole is None else [whole]

    def _fill(self, msgid: str, args: dict[str, Shape], start: int, end: int) -> dict[str, Said] | None:
        pieces = _PLACEHOLDER.split(msgid)  # text, name, conversion, spec, text, …
        if any(pieces[i + 2] for i in range(1, len(pieces), 4)):
            return None  # (a format spec: not a message the history records)
        return self._pieces(pieces, 0, start, end, args)

    def _pieces(
        self, pieces: list[str], index: int, start: int, end: int, args: dict[str, Shape]
    ) -> dict[str, Said] | None:
        literal = pieces[index]
        if not self.text.startswith(literal, start) or start + len(literal) > end:
            return None
        start += len(literal)
        if index + 1 >= len(pieces):
            return {} if start == end else None
        name, conversion, following = pieces[index + 1], pieces[index + 2], pieces[index + 4]
        shape = args.get(name, self.named.get(name, DATA))
        if index + 4 == len(pieces) - 1:  # the last placeholder: up to the text that ends the message
            if not self.text.endswith(following, start, end) or end - len(following) < start:
                return None
            stops = [end - len(following)]
        else:
            stops = _occurrences(self.text, following, start, end)
        for stop in stops:
            found = _unrepr(self.text[start:stop]) if conversion == "!r" else self.read(shape, start, stop)
            if found is None:
                continue
            rest = self._pieces(pieces, index + 4, stop, end, args)
            if rest is not None:
                return {name: found, **rest}
        return None

    def _within(self, msgid: str, start: int, end: int) -> Said:
        pattern = re.escape(msgid)
        names = [m[1] for m in _PLACEHOLDER.finditer(msgid)]
        for name in names:
            pattern = pattern.replace(re.escape("{" + name + "}"), rf"(?P<{name}>[^\s;,()]+)", 1)
        parts: list[Said] = []
        at = start
        for found in re.compile(pattern).finditer(self.text, start, end):
            parts += [self.text[at : found.start()], said(msgid, **found.groupdict())]
            at = found.end()
        if not parts:
            return self.text[start:end]
        return joined([*parts, self.text[at:end]], "")


def _occurrences(text: str, piece: str, start: int, end: int) -> list[int]:
    """Where `piece` starts in text[start:end], nearest first."""
    found = []
    at = text.find(piece, start, end)
    while at != -1:
        found.append(at)
        at = text.find(piece, at + 1, end)
    return found


def _unrepr(text: str) -> str | None:
    """The string `text` is the repr of, else None."""
    if len(text) < 2 or text[0] != text[-1] or text[0] not in "'\"":
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) and repr(value) == text else None
