"""Making user text inert wherever shishi shows it: terminals (escapes, width), Markdown, spreadsheets."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Context, Decimal

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


def one_line(text: str) -> str:
    """User text on one line of output: its line breaks as spaces, made inert."""
    return literal(text.replace("\r\n", " ").replace("\n", " "))


def markdown_cell(text: str) -> str:
    """User text in a Markdown table cell: on one line, and a | of its own cannot end the cell."""
    return one_line(text).replace("|", "\\|")


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
