"""Text for terminals and spreadsheets: its width, escape sequences made inert, formulas neutralised."""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def literal(text: str) -> str:
    """User text made inert for a terminal: control and bidi characters shown as escapes."""
    if text.isprintable():  # the common case, decided in C: no control or format characters
        return text
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
        text,
    )


_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def cell_width(text: str) -> int:
    """Columns the widest line of `text` takes (rich.cells knows the same, but importing it
    costs a cron job 20 ms)."""
    if text.isascii():
        return max(map(len, text.split("\n")))
    widest = 0
    for line in text.split("\n"):
        width = 0
        for ch in line:
            if ch.isascii():
                width += 1
            elif not unicodedata.combining(ch):
                width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        widest = max(widest, width)
    return widest


def neutralise(text: str) -> str:
    """Text safe to export: a leading ' before anything a spreadsheet would run as a formula.

    Plain numbers such as "-5" or "+3.5" are left alone. A text that already starts with quotes
    followed by a trigger ("'=x") gets one more, so that `restore` gives it back unchanged.
    """
    if text.lstrip("'").startswith(_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The inverse of `neutralise`, for imported text: "'=SUM(A1)" -> "=SUM(A1)", "'abc" stays."""
    if text.startswith("'") and text.lstrip("'").startswith(_TRIGGERS):
        return text[1:]
    return text
