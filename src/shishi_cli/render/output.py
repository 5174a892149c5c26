"""Where output goes and how it is laid out: the stream, tables, JSON bytes, CSV and Markdown text.

Nothing here knows the domain: views hand in cells of text, this module prints them. A table is
rich's on a terminal (written by terminal.py at about the speed of plain text) and plain aligned
text in a pipe or a file, where no rich console is ever made (a cron job's start-up stays short,
and JSON output never imports rich).
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

import orjson

from shishi_cli.i18n import _, pgettext
from shishi_cli.text import cell_width, json_for_terminal, literal, markdown_cell

if TYPE_CHECKING:
    from rich.console import Console


class Out:
    """Where output goes: the raw stream for data formats, a rich console (made on demand) for tables."""

    def __init__(self, file: IO[str] | None = None) -> None:
        self.file = file if file is not None else sys.stdout

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(file=self.file, highlight=False, markup=False, emoji=False)

    @cached_property
    def is_terminal(self) -> bool:
        """Output to a terminal gets rich tables; a pipe or a file gets plain text (and needs
        no rich console at all, which keeps a cron job's start-up short)."""
        isatty = getattr(self.file, "isatty", None)
        return bool(isatty is not None and isatty())

    @property
    def width(self) -> int | None:
        """Columns to fit: the terminal's; in a pipe, $COLUMNS if set, else no limit."""
        if self.is_terminal:
            return self.console.width
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isascii() and columns.isdecimal() else None

    def prose(self, text: str) -> None:
        """Sentences: wrapped to a terminal's width, written as they are elsewhere."""
        if self.is_terminal:
            from .terminal import print_prose

            print_prose(self.console, literal(text))
        else:
            self.file.write(text)

    def write(self, text: str | bytes) -> None:
        """Text, or JSON bytes: exact data in a pipe or a file (what scripts read); on a terminal,
        no control, bidi or invisible character of user text reaches it raw (CSV, Markdown, JSON
        alike: JSON escapes them as \\u202e, which reads back as the same text)."""
        if self.is_terminal:
            text = json_for_terminal(text) if isinstance(text, bytes) else literal(text)
        if isinstance(text, bytes):
            buffer = getattr(self.file, "buffer", None)
            if buffer is not None:
                self.file.flush()
                buffer.write(text)
                buffer.flush()
                return
            text = text.decode()
        self.file.write(text)


def make_console() -> Out:
    return Out()


# --- data formats ------------------------------------------------------------------------------


def json_bytes(obj: Any) -> bytes:
    """JSON as shishi writes it for people and scripts: indented, Chinese as UTF-8, one final newline."""
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV of cells already made text (and safe), "\\n" between lines as on a terminal."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; the cells are user text, so each is kept on one line and in its cell."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --- tables: rich on a terminal, plain aligned text in a pipe or a file ------------------------


@dataclass
class Styled:
    """A cell with a style (bold, or a light's colour) that only a terminal shows."""

    text: str
    style: str


Cell = str | Styled


@dataclass
class Section:
    """A heading row (a project above its indicators): its own line in plain text."""

    cells: list[Cell]
    line: str


@dataclass
class Column:
    header: str
    justify: str = "left"
    wrap: bool = True
    optional: int = 0  # dropped on narrow screens, level 1 first (see _drop)
    min_width: int | None = None  # on a terminal: the narrowest it may be squeezed to
    cut: bool = False  # too narrow a terminal: end with … rather than fold onto more lines
    # A figure, an id, a date or a status: never cut, never folded inside a word (wrapped at a
    # space at most); text columns give way first, then optional columns (terminal.fit_table).
    whole: bool = False


@dataclass
class Grid:
    title: str | None
    columns: list[Column]
    rows: list[list[Cell] | Section] = field(default_factory=list)


def print_grid(out: Out, grid: Grid) -> None:
    """Print a table: rich's (colour, box) on a terminal, whatever its length (terminal.py);
    plain aligned columns otherwise, which stay readable in a pipe. The optional columns left
    out to fit the width are named in a line under it."""
    width = out.width
    dropped = [
        i for i, c in enumerate(grid.columns) if c.optional and width is not None and _drop(c.optional, width)
    ]
    columns, rows = _without(grid.columns, grid.rows, dropped)
    left_out = [grid.columns[i] for i in dropped]
    if out.is_terminal:  # fitted to the terminal: more columns may go, or a record a row
        from .terminal import print_fitted

        gone = print_fitted(out.console, grid.title, columns, rows, _("{header}: {value}"))
        left_out += [columns[i] for i in gone]
    else:
        out.write(_plain_table(grid.title, columns, rows))
    if left_out:
        comma = pgettext("list of names", ", ")
        if out.is_terminal:  # a space after each 、 too: a narrow terminal wraps between the names
            comma = comma.rstrip() + " "
        names = comma.join(c.header for c in sorted(left_out, key=grid.columns.index))
        out.prose(
            _("Left out at {width} columns: {columns}; a wider window or --format json shows them.").format(
                width=width, columns=names
            )
            + "\n"
        )


def _without(
    columns: list[Column], rows: list[list[Cell] | Section], dropped: list[int]
) -> tuple[list[Column], list[list[Cell] | Section]]:
    """The table without the columns at `dropped`."""
    if not dropped:
        return columns, rows
    gone = set(dropped)

    def keep(cells: list[Cell]) -> list[Cell]:
        return [cell for i, cell in enumerate(cells) if i not in gone]

    kept = [c for i, c in enumerate(columns) if i not in gone]
    return kept, [
        Section(keep(row.cells), row.line) if isinstance(row, Section) else keep(row) for row in rows
    ]


def _drop(level: int, width: int) -> bool:
    # Level 1 goes below 140 columns, level 2 below 125, level 3 below 110, level 4 below 95;
    # a higher level only when the figures do not fit without it (terminal.fit_table).
    return level <= 4 and width < 155 - 15 * level


def _plain_table(title: str | None, columns: list[Column], rows: list[list[Cell] | Section]) -> str:
    plain = [row for row in rows if not isinstance(row, Section)]
    known: dict[str, int] = {}  # owners, units and statuses repeat: measure each text once

    def width_of(text: str) -> int:
        n = known.get(text)
        if n is None:
            n = known[text] = cell_width(text)
        return n

    # Column by column (thousands of rows): each cell padded to its column's width, which
    # counts a Chinese character as two; one line per row, whatever a note holds.
    padded: list[list[str]] = []
    for at, column in enumerate(columns):
        given = [row[at] for row in plain]
        texts = [c if isinstance(c, str) else c.text for c in given]
        texts = [t.replace("\n", " ") if "\n" in t else t for t in texts]
        header = column.header
        sizes = [len(t) if t.isascii() else width_of(t) for t in texts]
        width = max([width_of(header), *sizes])
        if column.justify == "right":
            cells = [" " * (width - n) + t for t, n in zip(texts, sizes, strict=True)]
            head = " " * (width - width_of(header)) + header
        else:
            cells = [t + " " * (width - n) for t, n in zip(texts, sizes, strict=True)]
            head = header + " " * (width - width_of(header))
        padded.append([head, *cells])
    lines = [title] if title else []
    body = iter(["  ".join(cells).rstrip() for cells in zip(*padded, strict=True)])
    lines.append(next(body))  # the headers
    lines.extend(row.line.replace("\n", " ") if isinstance(row, Section) else next(body) for row in rows)
    return "\n".join(lines) + "\n"


# --- small drawings in a cell ------------------------------------------------------------------


def bar(percent: float | None, fancy: bool, width: int = 10) -> str:
    """A percent as a bar of `width` characters; # and . where the terminal may lack █ and ░."""
    if percent is None:
        return ""
    filled = int(min(max(percent, 0.0), 100.0) * width // 100)
    full, empty = ("█", "░") if fancy else ("#", ".")
    return full * filled + empty * (width - filled)


_SPARK = "▁▂▃▄▅▆▇█"


def spark(percents: Sequence[float | None]) -> str:
    """One character a figure, from ▁ (nothing) to █ (100 % or more); a space where there is none."""
    return "".join(
        " " if p is None else _SPARK[min(len(_SPARK) - 1, max(0, int(p * len(_SPARK) / 100.0)))]
        for p in percents
    )


def clip(text: str, cells: int) -> str:
    """At most `cells` columns of text, with … where it was cut: before a number rather than
    inside it (服务站100个 cut as 服务站…, never as the false 服务站1…)."""
    if cell_width(text) <= cells:
        return text
    kept = ""
    for ch in text:
        if cell_width(kept + ch) > cells - 1:
            break
        kept += ch
    while kept and _in_number(kept[-1]) and _in_number(text[len(kept)]):
        kept = kept[:-1]
    return kept + "…"


def _in_number(character: str) -> bool:
    return character.isdigit() or character in ".,"
