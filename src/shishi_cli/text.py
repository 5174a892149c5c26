"""How wide text is on a terminal: a Chinese character takes two columns."""

from __future__ import annotations

import unicodedata


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
