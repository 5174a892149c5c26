"""Tables and prose on a terminal: rich's look, written at about the speed of plain text.

rich lays a table out cell by cell, some ten thousand cells a second: a report of 5,000
indicators took seconds on a terminal where a pipe took a tenth of that. Here rich still decides
what a reader sees: the columns' widths, by its own algorithm, run once on a table of two rows
that measures as the whole table does (each column's cell of the widest word and its cell of the
widest line); the title and the header; and each distinct text it would wrap at a space, cut
with …, or treat in any other way of its own (laid out by rich's Text, once, however many rows
repeat it). Each other cell, one line that fits its column or a word folded onto the lines its
column holds, is padded to the column's width by display width (a Chinese character takes two
cells) and wrapped in the codes the console gives its style, so NO_COLOR and the terminal's
colour system hold. A table wider than a narrow terminal is cut at its edge, as the console cuts
rich's. The text is rich's own for the same table, byte for byte: tests/test_terminal.py compares
the two on tables of Chinese text, folded, wrapped, cut, coloured and not. Prose is the same: a
line that fits is written as it is, another is wrapped by rich.

Before that, fit_table fits a view's table to the terminal so that no figure or status is cut
(render/output.py's print_grid asks it): rich's widths where they keep them whole, else widths
of its own, the optional columns left out, or print_records' record a row.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from .output import Cell, Column, Section, Styled

if TYPE_CHECKING:
    from rich.console import Console
    from rich.style import Style
    from rich.table import Table

Row = list[Cell] | Section
# A cell's lines with what follows each on its row: a str for one line, a tuple for more.
Piece = str | tuple[str, ...]

_LINES_A_WRITE = 2000  # rows are written as they are made, this many lines at a time


def print_fitted(
    console: Console, title: str | None, columns: list[Column], rows: Sequence[Row], named: str
) -> list[int]:
    """Write the table fitted to the terminal (fit_table), or a record a row where not even its
    narrowest fits (print_records, `named` its "{header}: {value}"); the places of the columns
    left out."""
    sizes = _Sizes()  # (each distinct text measured once, for the fitting and the lines)
    fit = fit_table(console, columns, rows, sizes)
    if fit is None:
        print_records(console, title, columns, rows, named)
        return []
    gone = [at for at in range(len(columns)) if at not in fit.shown]
    kept = rows
    if gone:
        kept = [
            Section([row.cells[at] for at in fit.shown], row.line)
            if isinstance(row, Section)
            else [row[at] for at in fit.shown]
            for row in rows
        ]
    print_table(console, title, fit.columns, kept, fit.widths, sizes)
    return gone


def print_table(
    console: Console,
    title: str | None,
    columns: list[Column],
    rows: Sequence[Row],
    widths: list[int] | None = None,
    sizes: _Sizes | None = None,
) -> None:
    """Write the table to the console's terminal: as rich draws it, in a fraction of the time;
    `widths`, each column's with its padding where they are fixed (fit_table), else rich's own."""
    chunks = table_chunks(console, title, columns, rows, widths, sizes)
    if chunks is None:  # a console that is not a plain stream, or a column left no room
        console.print(rich_table(console, title, columns, rows, widths))
        return
    _write(console, chunks)


def print_prose(console: Console, text: str) -> None:
    """Sentences wrapped to the terminal's width, as rich prints them (breaking lines as
    breaks.py does)."""
    chunks = prose_chunks(console, text)
    if chunks is None:
        from .breaks import Breaking

        console.print(Breaking.alone(text, ""))
        return
    _write(console, chunks)


def rich_table(
    console: Console,
    title: str | None,
    columns: list[Column],
    rows: Sequence[Row],
    widths: list[int] | None = None,
) -> Table:
    """The table as a rich Table (what a terminal shows); `widths`, each column's as laid out."""
    from rich import box
    from rich.table import Table

    from .breaks import Breaking

    colour = not console.no_color
    table = Table(
        title=Breaking(title, style="bold" if colour else "") if title else None,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold" if colour else "",
        title_style="bold" if colour else "",
        title_justify="left",
    )
    for at, c in enumerate(columns):
        table.add_column(
            c.header,
            justify=c.justify,  # type: ignore[arg-type]
            no_wrap=not c.wrap,
            overflow=_overflow(c),  # type: ignore[arg-type]
            min_width=c.min_width,
            width=None if widths is None else widths[at] - _padding(at, len(columns)),
        )
    for row in rows:
        cells = row.cells if isinstance(row, Section) else row
        # Text, never a str: user text is never read as markup, whatever the console's settings;
        # folded where a number stays whole (breaks.py).
        table.add_row(
            *(
                Breaking(c.text, style=c.style if colour else "") if isinstance(c, Styled) else Breaking(c)
                for c in cells
            )
        )
    return table


def table_text(
    console: Console,
    title: str | None,
    columns: list[Column],
    rows: Sequence[Row],
    widths: list[int] | None = None,
) -> str | None:
    """All the text print_table writes (None where it leaves the table to rich)."""
    chunks = table_chunks(console, title, columns, rows, widths)
    return None if chunks is None else "".join(chunks)


def table_chunks(
    console: Console,
    title: str | None,
    columns: list[Column],
    rows: Sequence[Row],
    widths: list[int] | None = None,
    sizes: _Sizes | None = None,
) -> Iterator[str] | None:
    """The table's text as rich would write it, a chunk of lines at a time; None where rich
    must draw it itself: a console that is not a plain stream of text (recording, a notebook,
    an old Windows console), a row with a cell too many or too few, or a terminal so narrow
    that rich leaves a column no room for text."""
    if not columns or not _plain_stream(console):
        return None
    count = len(columns)
    body = [row.cells if isinstance(row, Section) else row for row in rows]
    if any(len(cells) != count for cells in body):
        return None
    colour = not console.no_color
    texts: list[list[str]] = []
    styles: list[list[str] | None] = []  # None: a column without a style to show
    for cells in zip(*body, strict=True) if body else [() for _ in columns]:
        if all(isinstance(c, str) for c in cells):
            texts.append(list(cells))
            styles.append(None)
        else:
            texts.append([c if isinstance(c, str) else c.text for c in cells])
            styles.append([c.style if isinstance(c, Styled) else "" for c in cells] if colour else None)
    sizes = sizes or _Sizes()
    if widths is None:
        widths = _widths(console, columns, texts, sizes)
    elif len(widths) != count:
        return None
    if widths is None:
        return None
    return _table_lines(console, title, columns, widths, texts, styles, sizes)


def prose_chunks(console: Console, text: str) -> Iterator[str] | None:
    """The text as console.print(text, end="") writes it: each line that fits the terminal as
    it is, any other wrapped by rich (it breaks lines independently)."""
    if not _plain_stream(console):
        return None
    return _prose_lines(console, text)


def _write(console: Console, chunks: Iterator[str]) -> None:
    if console.quiet:
        return
    for chunk in chunks:
        console.file.write(chunk)
    console.file.flush()


def _plain_stream(console: Console) -> bool:
    """Whether what the console writes is its text as it is (not recorded, not a notebook's
    cell, not an old Windows console, which takes calls rather than codes)."""
    return not (console.record or console.is_jupyter or console.legacy_windows)


# --- fitting a table to the terminal: figures whole, text gives way -----------------------------

_TEXT_LEAST = 6  # a text column without a min_width is narrowed to no less (three Chinese characters)
_TEXT_EASY = 16  # and to this before a figure's column wraps
_DIGIT = re.compile(r"[0-9]")


@dataclass
class Fit:
    """A table as it fits the terminal: the columns shown (their places in the table given), as
    they are drawn, and each one's width with its padding."""

    shown: list[int]
    columns: list[Column]
    widths: list[int] | None  # None: as rich lays the table out (a row of a cell too many or few)


def fit_table(
    console: Console, columns: list[Column], rows: Sequence[Row], sizes: _Sizes | None = None
) -> Fit | None:
    """How the table fits the terminal with no figure or status cut (a whole column's numbers,
    words in letters and, in a column without numbers, every word kept whole): as rich lays it
    out where that keeps them whole, leaves text its least and fits; else with the text columns
    narrowed first (to _TEXT_EASY), then the widest columns, text to its least and whole ones
    to their widest such word (wrapped at spaces, a header on two lines); else without the
    optional columns, one at a time, level 1 first. None when not even that fits."""
    count = len(columns)
    body = [row.cells if isinstance(row, Section) else row for row in rows]
    if not columns or any(len(cells) != count for cells in body):
        return Fit(list(range(count)), columns, None)
    sizes = sizes or _Sizes()
    measured = [
        _Measured.of({c if c.__class__ is str else c.text for c in cells}, sizes, column.whole)
        for column, cells in zip(
            columns, zip(*body, strict=True) if body else [() for _ in columns], strict=True
        )
    ]
    shown = list(range(count))
    optional = sorted((c.optional, at) for at, c in enumerate(columns) if c.optional)
    while True:
        drawn = [columns[at] for at in shown]
        laid = _layout(console, drawn, [measured[at] for at in shown], sizes)
        if laid is not None:
            widths, own = laid
            if not own:  # widths of ours: a whole column's header may fold (its cells fit its lines)
                drawn = [replace(c, wrap=True) if c.whole else c for c in drawn]
            return Fit(shown, drawn, widths)
        if not optional:
            return None
        shown.remove(optional.pop(0)[1])


def _layout(
    console: Console, columns: list[Column], measured: list[_Measured], sizes: _Sizes
) -> tuple[list[int], bool] | None:
    """The columns' widths with their padding, and whether they are rich's own (where they keep
    every whole column's words whole, leave each text column its least and fit the terminal);
    None where not even the least widths fit."""
    count = len(columns)
    pads = [_padding(at, count) for at in range(count)]
    room = console.width - (count - 1)  # a border between columns
    least: list[int] = []
    most: list[int] = []
    for column, cells in zip(columns, measured, strict=True):
        header = sizes.measure(column.header)[1]
        floor = column.min_width or 0
        most.append(max(cells.widest, header, floor))  # as rich measures a column (its header too)
        if column.whole:
            if not column.wrap:
                word = cells.widest
            elif cells.figure is not None:  # figures: a Chinese word may break
                word = cells.figure
            else:
                word = cells.narrowest
            least.append(max(word, _header_least(console, column.header, header), floor))
        else:
            least.append(min(most[-1], column.min_width if column.min_width is not None else _TEXT_LEAST))
    own = _rich_widths(console, columns, measured)
    if (
        own is not None
        and sum(own) <= room
        and all(width - pad >= low for width, pad, low in zip(own, pads, least, strict=True))
    ):
        return own, True
    if sum(least) + sum(pads) > room:
        return None
    # Text first, to a width still easy to read; then the widest columns, text to its least and
    # whole columns wrapped at their spaces.
    wrapping = [at for at, c in enumerate(columns) if not c.whole]
    easy = [max(low, min(high, _TEXT_EASY)) for low, high in zip(least, most, strict=True)]
    widths = _narrowed(most, easy, wrapping, sum(most) + sum(pads) - room)
    widths = _narrowed(widths, least, list(range(count)), sum(widths) + sum(pads) - room)
    return [width + pad for width, pad in zip(widths, pads, strict=True)], False


def _narrowed(widths: list[int], least: list[int], which: list[int], excess: int) -> list[int]:
    """`widths` less `excess` cells taken from the columns `which`, the widest first (each to its
    least at most), as rich narrows its wrapping columns."""
    if excess <= 0 or not which:
        return widths

    def taken(level: int) -> int:
        return sum(widths[at] - max(least[at], min(widths[at], level)) for at in which)

    low, high = 0, max(widths[at] for at in which)
    if taken(0) < excess:  # all of them to their least: not enough
        return [least[at] if at in which else width for at, width in enumerate(widths)]
    while low < high:  # the highest level that takes enough
        middle = (low + high + 1) // 2
        if taken(middle) >= excess:
            low = middle
        else:
            high = middle - 1
    narrowed = [max(least[at], min(width, low)) if at in which else width for at, width in enumerate(widths)]
    spare = taken(low) - excess  # given back a cell each, left to right
    for at in which:
        if spare and narrowed[at] == low < widths[at]:
            narrowed[at] += 1
            spare -= 1
    return narrowed


def _header_least(console: Console, header: str, widest: int) -> int:
    """The narrowest a header goes on two lines at most, as rich wraps and folds it."""
    from rich.text import Text

    for width in range(max(1, (widest + 1) // 2), widest):
        if len(Text(header).wrap(console, width, overflow="fold")) <= 2:
            return width
    return widest


def print_records(
    console: Console, title: str | None, columns: list[Column], rows: Sequence[Row], named: str
) -> None:
    """A table too wide for the terminal even without its optional columns, a record a row: its
    cells up to its first text on a line (that text wrapped beside the others), then each other
    cell after its header (`named`, as in "{header}: {value}"), indented, as many to a line as
    fit (one wider than that wrapped by rich, at spaces)."""
    from rich.text import Text

    from .breaks import Breaking

    colour = not console.no_color
    indent = "    "
    room = max(1, console.width - len(indent))
    before, _value, after = named.partition("{value}")
    lead = next((at for at, c in enumerate(columns) if not c.whole), 0) + 1
    if title:
        console.print(Text(title, style="bold" if colour else ""))

    def text(cell: Cell) -> Text:
        if isinstance(cell, Styled):
            return Breaking(cell.text, style=cell.style if colour else "")
        return Breaking(cell)

    for row in rows:
        cells = row.cells if isinstance(row, Section) else row
        head = [text(c) for c in cells[:lead] if (c if isinstance(c, str) else c.text)]
        start = Text("  ").join(head[:-1]) + Text("  ") if len(head) > 1 else Text()
        hang = start.cell_len
        if console.width - hang < 8:  # the text below the leading cells, not beside them
            console.print(start)
            start, hang = Text(indent), len(indent)
        for number, part in enumerate(head[-1].wrap(console, console.width - hang) if head else []):
            console.print((start if number == 0 else Text(" " * hang)) + part)
        line: Text | None = None
        for column, cell in zip(columns[lead:], cells[lead:], strict=True):
            if not (cell if isinstance(cell, str) else cell.text):
                continue
            value = text(cell) + Text(after)
            item = Text(before.format(header=column.header)) + value
            if line is not None and line.cell_len + 2 + item.cell_len <= room:
                line.append("  ")
                line.append_text(item)
                continue
            if line is not None:
                console.print(Text(indent) + line)
            line = item
            if item.cell_len > room:  # on lines of its own, each indented: the value whole if it fits one
                parts = [*Text(before.format(header=column.header)).wrap(console, room), value]
                for part in parts if value.cell_len <= room else Breaking.of(item).wrap(console, room):
                    console.print(Text(indent) + part)
                line = None
        if line is not None:
            console.print(Text(indent) + line)


# --- widths: rich's own, measured once -----------------------------------------------------------


class _Sizes:
    """Display widths as rich counts them (rich.cells), each character and each text looked up
    once: a Chinese character is two cells, a combining mark none."""

    def __init__(self) -> None:
        from rich.cells import cell_len, get_character_cell_size

        from .breaks import fold, may_break

        self.folded, self.may_break = fold, may_break
        self.cell_len = cell_len
        self.character = get_character_cell_size
        self.characters: dict[str, int] = {}
        self.measured: dict[str, tuple[int, int]] = {}  # a text's widest word and widest line

    def width(self, text: str) -> int:
        """The width of a printable text (one line)."""
        if text.isascii():
            return len(text)
        if "\ufe0f" in text:  # an emoji's presentation selector: rich counts the pair
            return int(self.cell_len(text))
        try:
            return sum(map(self.characters.__getitem__, text))
        except KeyError:
            for character in text:
                if character not in self.characters:
                    self.characters[character] = self.character(character)
            return sum(map(self.characters.__getitem__, text))

    def measure(self, text: str) -> tuple[int, int]:
        """A cell's widest word (the narrowest it wraps to) and widest line, as rich measures
        its Text: words are split at spaces, lines at line breaks, control codes stripped."""
        found = self.measured.get(text)
        if found is not None:
            return found
        if text.isprintable():  # one line, words apart only by spaces, nothing stripped
            widest = self.width(text)
            if " " in text:
                words = text.split()
                found = (max(map(self.width, words)) if words else widest), widest
            else:
                found = widest, widest
        else:
            from rich.text import Text

            plain = Text(text).plain
            lines = plain.splitlines()
            widest = max(map(self.cell_len, lines)) if lines else 0
            words = plain.split()
            found = (max(map(self.cell_len, words)) if words else widest), widest
        self.measured[text] = found
        return found

    def figure(self, text: str) -> int:
        """The width of a text's widest word that holds a digit or is all in narrow letters
        (words apart by spaces, as rich splits them): a Chinese word without a digit may break
        between its characters, as Chinese text does."""
        if " " not in text and text.isprintable():  # one word
            size = self.measure(text)[1]
            return size if size == len(text) or _DIGIT.search(text) else 0
        return max(
            (size for w in text.split() if (size := self.cell_len(w)) == len(w) or _DIGIT.search(w)),
            default=0,
        )

    def fold(self, text: str, width: int) -> list[tuple[str, int]] | None:
        """A printable word folded onto lines of `width` cells (2 or more), each with its width,
        as rich folds a Breaking text (breaks.py: where a number stays whole). None for a word
        with a character of no width (rich joins it to the one before) or an emoji's
        presentation selector."""
        if "\ufe0f" in text:
            return None
        self.width(text)  # every character of a text not all ASCII looked up
        characters = self.characters
        lines: list[tuple[str, int]] = []  # folded at the edge first, as rich's chop_cells folds
        start = used = 0
        for at, character in enumerate(text):
            size = characters[character] if character in characters else 1  # ASCII: one cell
            if size == 0:
                return None
            if used + size > width:
                lines.append((text[start:at], used))
                start, used = at, 0
            used += size
        lines.append((text[start:], used))
        if len(lines) == 1:
            return lines
        may_break, before = self.may_break, lines[0][0]
        for after, _used in lines[1:]:
            if not may_break(before[-1], after[0]):
                break
            before = after
        else:
            return lines  # (most: no number nor punctuation at an edge)
        return [(line, self.width(line)) for line in self.folded(text, width, self._first_line)]

    def _first_line(self, text: str, width: int) -> int:
        """How many characters of a text rich's chop_cells puts on a line of `width` cells: as
        many as fit, a wide one that does not moved to the next."""
        characters = self.characters
        used = 0
        for at, character in enumerate(text):
            used += characters[character] if character in characters else 1  # ASCII: one cell
            if used > width:
                return at
        return len(text)


def _widths(
    console: Console, columns: list[Column], texts: Sequence[Collection[str]], sizes: _Sizes
) -> list[int] | None:
    """Each column's width (its padding included) as rich lays the whole table out.

    rich measures a column by its cells' widest word (the narrowest it can wrap to) and widest
    line, then shrinks the widest wrappable columns to fit. A table of two rows holding each
    column's cell of the widest word and its cell of the widest line measures the same, so
    rich's own algorithm, run on it, gives the whole table's widths."""
    return _rich_widths(console, columns, [_Measured.of(column, sizes) for column in texts])


def _rich_widths(console: Console, columns: list[Column], measured: Sequence[_Measured]) -> list[int] | None:
    samples: list[list[Cell]] = [[m.word for m in measured], [m.line for m in measured]]
    sample = rich_table(console, None, columns, samples)
    extra = len(columns) - 1  # the borders between columns
    options = console.options
    try:  # rich's algorithm is a method of its Table that it does not publish
        widths: list[int] = sample._calculate_column_widths(
            console, options.update_width(options.max_width - extra)
        )
    except (AttributeError, TypeError):
        return None
    if any(width - _padding(at, len(columns)) < 1 for at, width in enumerate(widths)):
        return None  # a column of no room for text: rich draws it as only it does
    return widths


class _Measured(NamedTuple):
    """A column's cells measured: its cell of the widest word and its cell of the widest line
    (and their widths), and the width of its widest word that must stay whole in a figure's
    column (None for a column without a digit)."""

    word: str
    line: str
    narrowest: int
    widest: int
    figure: int | None

    @classmethod
    def of(cls, texts: Collection[str], sizes: _Sizes, figures: bool = False) -> _Measured:
        measure = sizes.measure
        word, line, narrowest, widest = "", "", 0, 0
        for text in texts if isinstance(texts, (set, frozenset)) else set(texts):
            least, most = measure(text)
            if least > narrowest:
                word, narrowest = text, least
            if most > widest:
                line, widest = text, most
        figure = None
        if figures and any(_DIGIT.search(text) for text in texts):
            figure = max(map(sizes.figure, texts))
        return cls(word, line, narrowest, widest, figure)


# --- the lines ---------------------------------------------------------------------------------


def _table_lines(
    console: Console,
    title: str | None,
    columns: list[Column],
    widths: list[int],
    texts: list[list[str]],
    styles: list[list[str] | None],
    sizes: _Sizes,
) -> Iterator[str]:
    codes = _Codes(console)
    count = len(columns)
    # A terminal too narrow for the columns' least widths: rich's table is wider, and the
    # console cuts each of its lines at the terminal's edge. Rows are cut there too.
    edge = _edge(widths, console.width)

    # The title and the header, drawn by rich at these widths (they hold no data).
    head = rich_table(console, title, columns, [], widths)
    if edge is None:
        with console.capture() as capture:
            console.print(head)
        yield capture.get()
    else:  # drawn as wide as the table (rich would narrow it to the terminal), then cut
        drawn = console.render_lines(head, console.options.update(width=sum(widths) + count - 1), pad=False)
        yield "".join(_cut([(s.text, s.style) for s in line], console.width, codes) + "\n" for line in drawn)

    # Each column's cells, each distinct text and style laid out once: whole before the edge,
    # cut at it, nothing beyond it (but as many lines as the cell has: they make the row's).
    shown, cells = (count, 0) if edge is None else edge
    pieces: list[list[Piece]] = []
    blanks: list[str] = []  # a column's line below a cell's last
    for at, column in enumerate(columns):
        cut = None if at < shown else cells if at == shown else 0
        border = " " if at < count - 1 else ""
        blank = " " * widths[at] + border
        blanks.append(blank if cut is None else _cut([(blank, "")], cut, codes))
        shown_styles = styles[at]
        keys: Sequence[str | tuple[str, str]] = (
            texts[at] if shown_styles is None else list(zip(texts[at], shown_styles, strict=True))
        )
        made: dict[str | tuple[str, str], Piece] = {}
        for key in set(keys):
            text, style = (key, "") if isinstance(key, str) else key
            cell = _cell(console, column, at, count, widths[at], text, style, sizes, codes, cut)
            made[key] = cell[0] if len(cell) == 1 else tuple(cell)
        pieces.append(list(map(made.__getitem__, keys)))

    lines: list[str] = []
    for row in zip(*pieces, strict=True):
        try:
            lines.append("".join(row))
        except TypeError:  # a cell of more than one line: the others blank below theirs
            stacks = [(piece,) if isinstance(piece, str) else piece for piece in row]
            for number in range(max(map(len, stacks))):
                lines.append(
                    "".join(
                        stack[number] if number < len(stack) else blank
                        for stack, blank in zip(stacks, blanks, strict=True)
                    )
                )
        if len(lines) >= _LINES_A_WRITE:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"


def _cell(
    console: Console,
    column: Column,
    at: int,
    count: int,
    width: int,
    text: str,
    style: str,
    sizes: _Sizes,
    codes: _Codes,
    cut: int | None,
) -> list[str]:
    """A cell's lines in its style's codes, each with the border after it; `cut`, the first
    so many cells of each, as the console cuts a line too long for the terminal."""
    pad = _padding(at, count)
    border = " " if at < count - 1 else ""
    content = _content(column, text, width - pad, sizes)
    if content is not None and cut is None:  # the common case: no segments to make
        before, after = codes(style) if style else ("", "")
        return [before + line + after + " " * pad + border for line in content]
    segments: list[list[tuple[str, str | Style | None]]]
    if content is not None:
        segments = [[(line, style), (" " * pad, "")] for line in content]
    else:
        segments = _rich_segments(console, column, at, count, width, text, style)  # type: ignore[assignment]
    if cut is None:
        return ["".join(codes.wrap(part, look) for part, look in line) + border for line in segments]
    return [_cut([*line, (border, "")], cut, codes) for line in segments]


def _content(column: Column, text: str, inner: int, sizes: _Sizes) -> list[str] | None:
    """A cell's lines padded to its column's width, where they are rich's without asking it:
    one printable line that fits (no line break, tab or control character, which rich would
    break, expand or strip, nor a space that a right-justified cell would lose), or in a column
    that folds, a word folded. None for a cell rich lays out itself."""
    right = column.justify == "right"
    if column.justify not in ("left", "right") or not text.isprintable() or (right and text.endswith(" ")):
        return None
    size = sizes.measure(text)[1]
    if size <= inner:
        pad = " " * (inner - size)
        return [pad + text if right else text + pad]
    if right or not column.wrap or column.cut or inner < 2 or " " in text:
        return None  # wrapped at spaces or cut with …: rich does it
    folded = sizes.fold(text, inner)
    if folded is None:
        return None
    return [line + " " * (inner - used) for line, used in folded]


def _edge(widths: list[int], terminal: int) -> tuple[int, int] | None:
    """Where a table wider than the terminal is cut: the last column that shows, and how many
    of its cells (its border included); None for a table that fits."""
    if sum(widths) + len(widths) - 1 <= terminal:
        return None
    start = 0
    for at, width in enumerate(widths):
        after = start + width + 1  # where the next column starts
        if after >= terminal or at == len(widths) - 1:
            return at, terminal - start
        start = after
    raise AssertionError("unreachable")  # pragma: no cover


def _cut(segments: list[tuple[str, str | Style | None]], cells: int, codes: _Codes) -> str:
    """The first `cells` cells of a line of segments, as the console cuts a line too long
    (a wide character cut in two becomes a space)."""
    from rich.cells import cell_len, set_cell_size

    kept: list[str] = []
    used = 0
    for text, style in segments:
        size = cell_len(text)
        if used + size < cells:
            kept.append(codes.wrap(text, style))
            used += size
        else:
            kept.append(codes.wrap(set_cell_size(text, cells - used), style))
            break
    return "".join(kept)


def _rich_segments(
    console: Console, column: Column, at: int, count: int, width: int, text: str, style: str
) -> list[list[tuple[str, Style | None]]]:
    """A cell's lines as rich's Table renders them, as segments: its text wrapped, justified
    and cut by rich's Text at its column's width (as rich renders a Text), then its padding."""
    from rich.segment import Segment
    from rich.text import Text

    from .breaks import Breaking

    pad = _padding(at, count)
    wrapped = Breaking(text, style=style).wrap(
        console,
        width - pad,
        justify=column.justify,  # type: ignore[arg-type]
        overflow=_overflow(column),  # type: ignore[arg-type]
        tab_size=console.tab_size or 8,
        no_wrap=not column.wrap,
    )
    segments = Text("\n").join(wrapped).render(console)
    return [
        [*((s.text, s.style) for s in line), (" " * pad, None)]
        for line in Segment.split_and_crop_lines(segments, width - pad, pad=True, include_new_lines=False)
    ]


def _prose_lines(console: Console, text: str) -> Iterator[str]:
    from .breaks import Breaking

    sizes = _Sizes()
    width = console.width
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        end = "\n" if number < len(lines) - 1 else ""
        if line.isprintable() and sizes.width(line) <= width:
            out.append(line + end)  # rich leaves a line that fits as it is
        elif line:
            with console.capture() as capture:
                console.print(Breaking.alone(line, end))
            out.append(capture.get())
        else:
            out.append(end)
        if len(out) >= _LINES_A_WRITE:
            yield "".join(out)
            out = []
    yield "".join(out)


class _Codes:
    """The codes the console writes around a text of each style (none without colour, or
    without a terminal that has it), learnt by asking the console to write a character."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.known: dict[str | Style, tuple[str, str]] = {}

    def __call__(self, style: str | Style) -> tuple[str, str]:
        found = self.known.get(style)
        if found is None:
            from rich.segment import Segment, Segments

            with self.console.capture() as capture:
                self.console.print(Segments([Segment("\0", self.console.get_style(style))]), end="")
            before, _, after = capture.get().partition("\0")
            found = self.known[style] = (before, after)
        return found

    def wrap(self, text: str, style: str | Style | None) -> str:
        if not style or not text:
            return text
        before, after = self(style)
        return before + text + after


# --- what both share ---------------------------------------------------------------------------


def _overflow(column: Column) -> str:
    # (A whole column's cells are never wider than it: only its header may need folding.)
    return "fold" if column.whole or (column.justify == "left" and not column.cut) else "ellipsis"


def _padding(at: int, count: int) -> int:
    """The space rich keeps after a cell (collapsed padding, none at the table's right edge)."""
    return 0 if at == count - 1 else 1
