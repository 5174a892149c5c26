"""Where text breaks onto its next line on a terminal, so that a number is never cut in two.

rich wraps text at spaces, and folds a word wider than the line at whatever character reaches
its edge. Chinese text has no spaces: a whole indicator name is one word, folded anywhere, so
that 改造老旧小区300个 can end a line with 改造老旧小区30 and begin the next with 0个, which reads
as two figures. Here a fold moves back to the last place where Chinese text may break:

- between two characters, but not inside a run of narrow letters, digits and signs (300,
  51.54%, 1-6月's 1-6, 5G, km²): a number, a code or a Latin word stays on one line;
- not after a digit: a number keeps the character after it (35万, 3.7万个, 1项, 2022年), for
  35 at a line's end would read as thirty-five;
- not before closing punctuation (，。、）》” …) nor after opening punctuation (（《“ …);
- a number and the word after its space (5 处, 30,000 人) go to the next line together, and a
  word too wide for any line begins where it comes (line_offsets).

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
from rich.console import Group
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
_TRAILING_NUMBER = re.compile(r"[0-9][0-9.,]*\s+$")  # a word's number before its space: 目标：5
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
    """Where a line of text breaks to fit `width` cells: at spaces as rich wraps (a word that
    does not fit what is left of a line goes to the next), with `fold`'s places inside a word
    too wide for any line. Such a word, folded anyway, begins on the line where it comes, up to
    a place it may break (Chinese text flows on: 目标：300 个；完成时限… keeps 300 and 个 on one
    line, where rich would begin the long word on a line of its own). A number and the Chinese
    word after its space (5 处, 30,000 人) go to the next line together when they fit one."""
    offsets: list[int] = []
    used = 0
    for group in _groups(text):
        if len(group) > 1:  # a number, its space and its word: placed as one where they fit
            start, joined = group[0][0], "".join(word for _start, word in group)
            size = cell_len(joined.rstrip())
            if size <= width - used:
                used += cell_len(joined)
                continue
            if used and start and (size <= width or not _begins_here(group, width - used)):
                offsets.append(start)  # the number goes to the next line with its word
                used = 0
                if size <= width:
                    used = cell_len(joined)
                    continue
        for n, (start, word) in enumerate(group):
            size = cell_len(word.rstrip())
            if size <= width - used:
                used += cell_len(word)
                continue
            # A word too wide for any line flows on from where it comes; so does a number's word
            # (its group too wide for one line: the word is folded rather than parted from it).
            head = _head(word, width - used) if used and start and (size > width or n > 0) else 0
            if head:  # this line takes the word's first part, the next lines the rest
                start += head
                word = word[head:]
                size = cell_len(word.rstrip())
            if size > width:  # on lines of its own, the last shared with the words after it
                *whole, last = fold(word, width)
                for line in whole:
                    if start:
                        offsets.append(start)
                    start += len(line)
                if start:
                    offsets.append(start)
                used = cell_len(last)
            elif start:
                offsets.append(start)
                used = cell_len(word)
    return offsets


def _begins_here(group: list[tuple[int, str]], room: int) -> bool:
    """Whether a number and the start of its word both fit in `room` cells: the whole word, or
    its first part up to a place it may break (a number's word flows on, see line_offsets)."""
    (_at, number), (_start, word) = group[0], group[1]
    room -= cell_len(number)
    if room < 0:
        return False
    return cell_len(word.rstrip()) <= room or _head(word, room) > 0


def _groups(text: str) -> list[list[tuple[int, str]]]:
    """The text's words (each with where it starts), a word that follows a number and its space
    and begins with a wide character (5 处, 30,000 人) in one group with it."""
    groups: list[list[tuple[int, str]]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if groups and get_character_cell_size(word[0]) == 2:
            at, before = groups[-1][-1]
            number = _TRAILING_NUMBER.search(before)
            if number is not None:
                cut = number.start()
                if cut and may_break(before[cut - 1], before[cut]):  # 目标：5 -> 目标：, 5
                    groups[-1][-1] = (at, before[:cut])
                    groups.append([(at + cut, before[cut:])])
                    cut = 0
                if not cut:
                    groups[-1].append((match.start(), word))
                    continue
        groups.append([(match.start(), word)])
    return groups


def _head(word: str, room: int) -> int:
    """How many characters of a word begin a line that has `room` cells left: as many as fit,
    up to the last place it may break (0: none)."""
    cut = _first_line(word, room) if room > 0 else 0
    while cut > 0 and not may_break(word[cut - 1], word[cut]):
        cut -= 1
    return cut


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

    @classmethod
    def alone(cls, text: str, end: str = "\n") -> Group:
        """The text to print on its own, ended with `end`: console.print joins the texts it is
        given into one plain Text (whose lines rich would fold its own way), not a renderable."""
        return Group(cls(text, end=end))

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
        if not folds or one_line or self.plain.isascii():  # nothing of this module's to do
            return wrapped(self)
        lines = Lines()
        for line in self.split(allow_blank=True):
            if line.plain.isascii():  # (a line at a time, as a sentence is printed)
                lines.extend(wrapped(line))
                continue
            if "\t" in line.plain:
                line.expand_tabs(tab_size)
            # Each piece fits the line: rich wraps it to itself, then justifies and cuts it.
            for piece in line.divide(line_offsets(line.plain, width)):
                lines.extend(wrapped(piece))
        return lines
