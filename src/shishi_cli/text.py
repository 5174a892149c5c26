"""Making user text inert wherever shishi shows it: terminals (escapes, width), Markdown, spreadsheets."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Context, Decimal

# What changes how text looks without being seen, or acts on a terminal: C0 and C1 controls,
# bidirectional overrides, embeddings, isolates and marks (Trojan Source), zero-width characters,
# and the Unicode line and paragraph separators. Refused where a user gives text (rules.py), shown
# as escapes wherever shishi prints text (the functions below).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b-\u200d\u2060\ufeff\u2028\u2029"
# Every other format character (Unicode category Cf: the soft hyphen, U+180E, the invisible
# operators, the tag characters …), which str.isprintable also turns down.
_FORMAT = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u2061-\u2064\u206a-\u206f"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_HIDDEN = f"\x7f-\x9f{_BIDI}{_INVISIBLE}{_FORMAT}"
# Printable to Python yet blank on a screen: fillers, the combining grapheme joiner and the
# variation selectors. Harmless on a terminal, so printed as they are, but refused where text comes
# in: 市住\u3164建局 would be a second 市住建局 nobody can tell apart.
_BLANK = "[\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef]"


@functools.cache
def _blank() -> re.Pattern[str]:
    return re.compile(_BLANK)


@functools.cache
def _unsafe(*, line: bool) -> re.Pattern[str]:
    """The characters to escape or refuse; `line`: a tab and a line break too (a text on one
    line), else they lay the text out (a note may hold them). Compiled on first use: clean text,
    the common case, is decided by str.isprintable and never needs them."""
    if line:
        return re.compile(f"[\x00-\x1f{_HIDDEN}]")
    return re.compile(f"[\x00-\x08\x0b-\x1f{_HIDDEN}]")


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Unicode gives the C0 and C1 controls no names: the ones a user could meet, by their aliases.
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED",
    0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE",
    0x7F: "DELETE", 0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER",
}  # fmt: skip


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    short = _SHORT_ESCAPES.get(ch)
    if short is not None:
        return short
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def literal(text: str) -> str:
    """User text made inert for a terminal: control, bidi and invisible characters shown as
    escapes (\\x1b, \\u202e); tabs and line breaks kept."""
    if text.isprintable():  # the common case, decided in C: no control or format characters
        return text
    return _unsafe(line=False).sub(_escape, text)


def inline(text: str) -> str:
    """User text inside a one-line message, inert: a line break or a tab shown as \\n or \\t too,
    so that a name cannot start a line of its own ("Added indicator 1.5: a\\n9.9 FAKE ROW")."""
    if text.isprintable():
        return text
    return _unsafe(line=True).sub(_escape, text)


def one_line(text: str) -> str:
    """User text on one line of output: its line breaks as spaces, made inert."""
    return literal(text.replace("\r\n", " ").replace("\n", " "))


def first_unsafe(text: str, *, multiline: bool = False) -> str | None:
    """The first character `text` may not hold (a note, `multiline`, may hold tabs and line
    breaks); None for clean text, which is decided in C."""
    if text.isprintable():
        blank = _blank().search(text)
        return blank.group() if blank else None
    found = _unsafe(line=not multiline).search(text) or _blank().search(text)
    return found.group() if found else None


def mended(text: str) -> str:
    """`text` without the characters `first_unsafe` finds in a one-line text."""
    return _blank().sub("", text if text.isprintable() else _unsafe(line=True).sub("", text))


def character_name(ch: str) -> str:
    """A character as a message names it: U+202E (RIGHT-TO-LEFT OVERRIDE)."""
    code = ord(ch)
    import unicodedata  # (only here: not at every start-up)

    name = _CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    if not name:
        name = "CONTROL CHARACTER" if code < 0x20 or 0x7F <= code <= 0x9F else "UNNAMED CHARACTER"
    return f"U+{code:04X} ({name})"


def json_for_terminal(data: bytes) -> bytes:
    """JSON bytes shown on a terminal: DEL, C1 controls, bidi and invisible characters as \\u
    escapes, which JSON reads back as the same text (the C0 controls are escaped already)."""
    if data.isascii():
        return data
    text = data.decode("utf-8")
    hidden = re.compile(f"[{_HIDDEN}]")  # raw only inside strings: the rest of JSON is ASCII
    if hidden.search(text) is None:
        return data
    return hidden.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def markdown_cell(text: str) -> str:
    """User text in a Markdown table cell: on one line, inert, and without markup or HTML of its
    own (a | cannot end the cell, a <script> shows as written)."""
    return markdown_inline(text)


def markdown_inline(text: str) -> str:
    """User text inside Markdown prose: runs of white space as one space, inert, and no markup
    of its own (a title's * or # shows as written)."""
    text = literal(" ".join(text.split()))
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


# East Asian wide and full-width characters (two columns) and combining marks (none): the
# ranges of Unicode's EastAsianWidth W and F that occur in text, matched in C. Compiled on first
# use: the pattern takes 7 ms to compile, which a command that prints no Chinese never needs.
_WIDE_CHARS = (
    "[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u2e80-\u303e\u3041-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff"
    "\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f"
    "\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)
_ZERO_CHARS = "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u200b-\u200f\ufe00-\ufe0f]"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_WIDE_CHARS), re.compile(_ZERO_CHARS)


def cell_width(text: str) -> int:
    """Columns the widest line of `text` takes on a terminal: a Chinese character two, a
    combining mark none (rich.cells knows the same, but importing it costs a cron job 20 ms,
    and this counts a table of thousands of rows in C)."""
    if text.isascii():
        return max(map(len, text.split("\n")))
    wide, zero = _patterns()
    return max(len(line) + len(wide.findall(line)) - len(zero.findall(line)) for line in text.split("\n"))


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


_EXCEL_DIGITS = 15  # significant digits Excel shows of a number


def cell_text(value: object) -> str:
    """A cell's value as text: numbers without exponent or ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    """The shortest text that reads back as `value`, written out: 180400.0 -> 180400, 1e-05 -> 0.00001.

    Cut to the 15 significant digits Excel shows (and the store keeps): a cached formula result
    of 18.040000000000003 is the 18.04 the office saw on screen.
    """
    number = Decimal(repr(value))
    if not number.is_finite():
        return repr(value)
    if len(number.as_tuple().digits) > _EXCEL_DIGITS:
        number = Context(prec=_EXCEL_DIGITS).plus(number)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _decimal_text(value: Decimal) -> str:
    return format(value, "f") if value.is_finite() else str(value)


def csv_cell(value: object) -> str:
    """A value as the text of a CSV cell: as `cell_text` writes it, and never a formula."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, datetime | date | time | bool | int | float | Decimal) or value is None:
        return cell_text(value)
    return neutralise(str(value))


def clip(text: str, limit: int) -> str:
    """Text on one line of at most `limit` characters, with … where it was cut (a summary)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def number_ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5, 7, 8 -> "1-3, 5, 7-8": a long list of numbers kept short."""
    parts: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
        run = [n]
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(parts)
