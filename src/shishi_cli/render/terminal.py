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
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .output import Cell, Column, Section, Styled

if TYPE_CHECKING:
    from rich.console import Console
    from rich.style import Style
    from rich.table import Table

Row = list[Cell] | Section
# A cell's lines with what follows each on its row: a str for one line, a tuple for more.
Piece = str | tuple[str, ...]

_LINES_A_WRITE = 2000  # rows are written as they are made, this many lines at a time


def print_table(console: Console, title: str | None, columns: list[Column], rows: Sequence[Row]) -> None:
    """Write the table to the console's terminal: as rich draws it, in a fraction of the time."""
    chunks = table_chunks(console, title, columns, rows)
    if chunks is None:  # a console that is not a plain stream, or a column left no room
        console.print(rich_table(console, title, columns, rows))
        return
    _write(console, chunks)


def print_prose(console: Console, text: str) -> None:
    """Sentences wrapped to the terminal's width, as console.print(text, end="") writes them."""
    chunks = prose_chunks(console, text)
    if chunks is None:
        console.print(text, end="", markup=False, emoji=False, highlight=False)
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
    from rich.text import Text

    colour = not console.no_color
    table = Table(
        title=title,
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
        # Text, never a str: user text is never read as markup, whatever the console's settings.
        table.add_row(
            *(
                Text(c.text, style=c.style if colour else "") if isinstance(c, Styled) else Text(c)
                for c in cells
            )
        )
    return table


def table_text(console: Console, title: str | None, columns: list[Column], rows: Sequence[Row]) -> str | None:
    """All the text print_table writes (None where it leaves the table to rich)."""
    chunks = table_chunks(console, title, columns, rows)
    return None if chunks is None else "".join(chunks)


def table_chunks(
    console: Console, title: str | None, columns: list[Column], rows: Sequence[Row]
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
    sizes = _Sizes()
    widths = _widths(console, columns, texts, sizes)
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


# --- widths: rich's own, measured once -----------------------------------------------------------


class _Sizes:
    """Display widths as rich counts them (rich.cells), each character and each text looked up
    once: a Chinese character is two cells, a combining mark none."""

    def __init__(self) -> None:
        from rich.cells import cell_len, get_character_cell_size

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

    def fold(self, text: str, width: int) -> list[tuple[str, int]] | None:
        """A printable word folded onto lines of `width` cells (2 or more), each with its width,
        as rich folds it: as many characters a line as fit, a wide one that does not moved to
        the next. None for a word with a character of no width (rich joins it to the one
        before) or an emoji's presentation selector."""
        if "\ufe0f" in text:
            return None
        self.width(text)  # every character of a text not all ASCII looked up
        characters = self.characters
        lines: list[tuple[str, int]] = []
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
        return lines


def _widths(
    console: Console, columns: list[Column], texts: list[list[str]], sizes: _Sizes
) -> list[int] | None:
    """Each column's width (its padding included) as rich lays the whole table out.

    rich measures a column by its cells' widest word (the narrowest it can wrap to) and widest
    line, then shrinks the widest wrappable columns to fit. A table of two rows holding each
    column's cell of the widest word and its cell of the widest line measures the same, so
    rich's own algorithm, run on it, gives the whole table's widths."""
    measure = sizes.measure
    samples: list[list[Cell]] = [[], []]
    for column in texts:
        word, line, longest, widest = "", "", 0, 0
        for text in set(column):
            least, most = measure(text)
            if least > longest:
                word, longest = text, least
            if most > widest:
                line, widest = text, most
        samples[0].append(word)
        samples[1].append(line)
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

    pad = _padding(at, count)
    wrapped = Text(text, style=style).wrap(
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
                console.print(line, end=end, markup=False, emoji=False, highlight=False)
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
    return "fold" if column.justify == "left" and not column.cut else "ellipsis"


def _padding(at: int, count: int) -> int:
    """The space rich keeps after a cell (collapsed padding, none at the table's right edge)."""
    return 0 if at == count - 1 else 1
