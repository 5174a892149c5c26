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

from collections.abc import Callable, Sequence
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
        return gettext(_msgid(message["s"])).join(
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
