"""Where text breaks onto its next line on a terminal, so that a number is never cut in two.

rich wraps text at spaces, and folds a word wider than the line at whatever character reaches
its edge. Chinese text has no spaces: a whole indicator name is one word, folded anywhere, so
that 改造老旧小区300个 can end a line with 改造老旧小区30 and begin the next with 0个, which reads
as two figures. Here a fold moves back to the last place where Chinese text may break:

- between two characters, but not inside a run of narrow letters, digits and signs (300,
  51.54%, 1-6月's 1-6, 5G, km²): a number, a code or a Latin word stays on one line;
- not after a digit: a number keeps the character after it (35万, 3.7万个, 1项, 2022年), for
  35 at a line's end would read as thirty-five;
- not before closing punctuation (，。、）》” …) nor after opening punctuation (（《“ …).

A run wider than the line itself is folded where it must be, as rich folds it; so is a line
with no place to break at all. Text all in ASCII (English) is left to rich as it is. The
terminal's fast path (terminal.py) folds a cell with `fold` too, and its output stays rich's
own, byte for byte, for rich lays out `Breaking` text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells, get_character_cell_size
from rich.containers import Lines
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod, OverflowMethod

# Punctuation that ends what it follows (a line does not begin with it), and that opens what
# follows (a line does not end with it): the full-width forms Chinese text uses.
CLOSING = frozenset("，。、；：！？）》」』】〕〉〗”’…％‰")
OPENING = frozenset("（《「『【〔〈〖“‘")
# Full-width digits and Latin letters (２０２２, ＡＥＤ): wide, but they make runs as narrow ones do.
_FULL_WIDTH_RUN = frozenset(
    chr(c) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
)
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces around it, as rich finds words

# How many characters of a text rich's chop_cells puts on its first line of so many cells.
FirstLine = Callable[[str, int], int]


def _in_run(character: str) -> bool:
    """Whether a character belongs to a run that is not broken: narrow and not a space (letters,
    digits, signs), or a full-width digit or letter."""
    if character in _FULL_WIDTH_RUN:
        return True
    return not character.isspace() and get_character_cell_size(character) == 1


@lru_cache(maxsize=1 << 16)  # (a table asks of the same pairs again and again)
def may_break(before: str, after: str) -> bool:
    """Whether a line may end after `before` when `after` follows it."""
    if get_character_cell_size(after) == 0 or before == "\u200d":  # a mark joined to what it follows
        return False
    if after in CLOSING or before in OPENING:
        return False
    if before in _DIGITS:  # a number keeps the word after it: 35万, 3.7万个, 1项, 2022年
        return False
    return not (_in_run(before) and _in_run(after))


def _first_line(text: str, width: int) -> int:
    pieces = chop_cells(text, width)
    return len(pieces[0]) if pieces else 0


def fold(word: str, width: int, first_line: FirstLine = _first_line) -> list[str]:
    """A word wider than `width` cells on lines of at most that many: each line as rich's
    chop_cells cuts it (`first_line`, the same made faster), then moved back to the last place
    it may break (may_break), when there is one on the line."""
    lines: list[str] = []
    rest = word
    while True:
        cut = first_line(rest, width)
        if cut >= len(rest):
            return [*lines, rest]
        if cut == 0:  # a line narrower than a character: as rich folds it
            return lines + chop_cells(rest, width)
        back = cut
        while back > 0 and not may_break(rest[back - 1], rest[back]):
            back -= 1
        cut = back or cut
        lines.append(rest[:cut])
        rest = rest[cut:]


def line_offsets(text: str, width: int) -> list[int]:
    """Where a line of text breaks to fit `width` cells, folding its words too wide for a line:
    rich's word wrapping (a word goes to the next line when it does not fit on this one, its
    spaces after it), with `fold`'s places for a folded word."""
    offsets: list[int] = []
    used = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        size = cell_len(word.rstrip())
        if size <= width - used:
            used += cell_len(word)
        elif size > width:  # on lines of its own, the last shared with the words after it
            *whole, last = fold(word, width)
            for line in whole:
                if start:
                    offsets.append(start)
                start += len(line)
            if start:
                offsets.append(start)
            used = cell_len(last)
        elif used and start:
            offsets.append(start)
            used = cell_len(word)
    return offsets


class Breaking(Text):
    """rich's Text, folded where `fold` folds it (what a table's cells, titles and a terminal's
    sentences are made of). Wrapped at spaces, cut with …, or kept on one line, it is rich's own."""

    @classmethod
    def of(cls, text: Text) -> Breaking:
        """The same text, style and spans."""
        return cls(
            text.plain, style=text.style, justify=text.justify, overflow=text.overflow, no_wrap=text.no_wrap,
            end=text.end, tab_size=text.tab_size, spans=list(text.spans),
        )  # fmt: skip

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        def wrapped(text: Text) -> Lines:
            return Text.wrap(
                text, console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap
            )

        folds = (overflow or self.overflow or "fold") == "fold"
        one_line = (no_wrap if no_wrap is not None else self.no_wrap) or overflow == "ignore"
        plain = self.plain
        if not folds or one_line or plain.isascii() or all(cell_len(word) <= width for word in plain.split()):
            return wrapped(self)  # no word to fold: rich's wrapping is this module's
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line.plain:
                line.expand_tabs(tab_size)
            # Each piece fits the line: rich wraps it to itself, then justifies and cuts it.
            for piece in line.divide(line_offsets(line.plain, width)):
                lines.extend(wrapped(piece))
        return lines
