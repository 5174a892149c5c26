"""The report as a chart (report --svg): a horizontal bar per indicator, percent of target against
the expected mark, coloured by its light, labelled with its id and name.

Hand-written SVG: no chart library to install. Text is placed by measured display width (a
Chinese character takes two cells, a cell about half the font size) and never given a
`textLength`, so a browser draws Chinese at its own width in whatever font it finds.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from shishi_cli.i18n import _, pgettext
from shishi_cli.text import cell_width, one_line

from .page import FONTS, LIGHT_COLOUR
from .words import light_words, percent, scoped_title, status_words

if TYPE_CHECKING:
    from shishi_cli.progress import Report

FONT_SIZE = 13
CELL = FONT_SIZE * 0.56  # px per terminal cell: half a Chinese character, a little over a digit
ROW, BAR, TOP, PLOT, RIGHT = 24, 14, 96, 460, 70
MOST = 40  # cells of a label before it is cut with …


def _cut(text: str, cells: int) -> str:
    if cell_width(text) <= cells:
        return text
    while cell_width(text + "…") > cells:
        text = text[:-1]
    return text + "…"


def report_chart(report: Report) -> str:
    """The chart as the text of an .svg file."""
    rows = report.indicators
    labels = [_cut(one_line(f"{r.id}  {r.name}"), MOST) for r in rows]
    left = 16 + max([cell_width(label) for label in labels] + [10]) * CELL + 12
    scale_top = max([100.0] + [min(float(r.percent), 150.0) for r in rows if r.percent is not None])
    width = round(left + PLOT + RIGHT)
    height = TOP + ROW * len(rows) + 40

    def x(value: float) -> float:
        return round(left + max(0.0, min(value, scale_top)) * PLOT / scale_top, 1)

    title = _("{title}: progress as of {date}").format(title=scoped_title(report), date=report.as_of)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family=\'{FONTS}\' font-size="{FONT_SIZE}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="16" y="28" font-size="18" font-weight="bold" fill="#1f2328">{escape(title)}</text>',
    ]
    legend_x = 16.0
    words, lights = status_words(), light_words()
    for light in ("blue", "green", "yellow", "red", "grey"):
        said = lights[light]
        parts.append(
            f'<rect x="{legend_x}" y="42" width="12" height="12" rx="2" fill="{LIGHT_COLOUR[light]}"/>'
        )
        parts.append(f'<text x="{legend_x + 16}" y="52.5" fill="#444">{escape(said)}</text>')
        legend_x += 16 + cell_width(said) * CELL + 18
    mark = pgettext("chart", "| expected progress (时序进度)")
    parts.append(f'<text x="{legend_x}" y="52.5" fill="#444">{escape(mark)}</text>')
    for tick in range(0, int(scale_top) + 1, 25):
        tx = x(tick)
        parts.append(
            f'<line x1="{tx}" x2="{tx}" y1="{TOP - 8}" y2="{TOP + ROW * len(rows)}" '
            f'stroke="{"#8c959f" if tick == 100 else "#e1e4e8"}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{tx}" y="{TOP - 12}" text-anchor="middle" fill="#666">{tick}%</text>')
    for place, (r, label) in enumerate(zip(rows, labels, strict=True)):
        top = TOP + place * ROW
        mid = top + ROW / 2
        colour = LIGHT_COLOUR[r.light]
        said = f"{r.id} {r.name}: {percent(r.percent, '—')} ({words[r.status]})"
        parts.append(
            f'<g class="indicator" data-indicator="{escape(r.id)}"><title>{escape(one_line(said))}</title>'
        )
        if place % 2:
            parts.append(f'<rect x="8" y="{top}" width="{width - 16}" height="{ROW}" fill="#f6f8fa"/>')
        parts.append(f'<text x="16" y="{mid + 4.5}" fill="#1f2328">{escape(label)}</text>')
        parts.append(
            f'<rect x="{left}" y="{mid - BAR / 2}" width="{PLOT}" height="{BAR}" rx="2" fill="#eef0f2"/>'
        )
        # A milestone reached or a limit held has no percent: a full bar, blue, says it is met.
        done = r.percent is None and r.status == "met"
        if r.percent is not None or done:
            end = x(100.0 if r.percent is None else float(r.percent))
            parts.append(
                f'<rect x="{left}" y="{mid - BAR / 2}" width="{round(end - left, 1)}" height="{BAR}" '
                f'rx="2" fill="{colour}"/>'
            )
        if r.at_most is None and r.at_least is None:
            ex = x(float(r.expected_percent))
            parts.append(
                f'<line x1="{ex}" x2="{ex}" y1="{mid - BAR / 2 - 3}" y2="{mid + BAR / 2 + 3}" '
                'stroke="#1f2328" stroke-width="2"/>'
            )
        if r.percent is not None:
            shown = percent(r.percent) + "%"
        else:  # the status in words where there is no percent to show (met, under way, outside)
            shown = words[r.status] if r.status in ("met", "in_progress", "breached") else "—"
        parts.append(f'<text x="{left + PLOT + 8}" y="{mid + 4.5}" fill="{colour}">{escape(shown)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
