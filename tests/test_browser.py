"""The report's page and chart as a real browser draws them (headless Chromium): every indicator
there, no table cell's text wider than its cell, Chinese at its full width. Slow; skipped only
when no Chromium can be had (.ci/run installs Debian's chromium and fonts-noto-cjk as root)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import Run

pytestmark = pytest.mark.slow

# Put in a copy of the page only, never in the page shipped (which has no scripts): measures what
# Chromium laid out and writes it into the DOM, which --dump-dom prints.
MEASURE = """<script>
addEventListener("load", () => {
  const cut = [];
  for (const cell of document.querySelectorAll("td, th")) {
    if (cell.offsetParent === null) continue;  // hidden on a narrow screen (the trend column)
    if (cell.scrollWidth > cell.clientWidth + 1) cut.push(cell.textContent.trim());
  }
  const rows = [...document.querySelectorAll("tr[data-indicator]")].map(r => r.dataset.indicator);
  const labels = [];
  for (const g of document.querySelectorAll("svg g.indicator")) {
    const [label, track] = [g.querySelector("text"), g.querySelector("rect:not([fill='#f6f8fa'])")];
    const box = label.getBBox();
    labels.push({text: label.textContent, right: box.x + box.width, width: box.width,
                 bar: Number(track.getAttribute("x"))});
  }
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({cut, rows, labels, width: document.documentElement.scrollWidth});
  document.body.appendChild(out);
});
</script>"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium to draw the page in (apt-get install chromium fonts-noto-cjk)")


def _browse(page: Path, width: int, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        f"--user-data-dir={page.parent / 'chromium'}", f"--window-size={width},3000", *extra, page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def _measured(copy: Path, width: int) -> dict:  # type: ignore[type-arg]
    done = _browse(copy, width, "--dump-dom")
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    return json.loads(
        found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    )


@pytest.fixture
def published(run: Run, qingdao: Path, tmp_path: Path) -> tuple[Path, Path]:
    html, svg = tmp_path / "report.html", tmp_path / "chart.svg"
    r = run("--lang", "zh", "report", "--month", "6", "--html", str(html), "--svg", str(svg))
    assert r.exit_code == 0
    return html, svg


@pytest.mark.parametrize("width", [1280, 800])
def test_page_in_chromium(published: tuple[Path, Path], tmp_path: Path, width: int) -> None:
    html, _ = published
    shot = tmp_path / f"page-{width}.png"
    done = _browse(html, width, f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 50_000, done.stderr[-2000:]
    copy = tmp_path / "measured.html"
    copy.write_text(
        html.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8"
    )
    measured = _measured(copy, width)
    assert len(measured["rows"]) == 50 and measured["rows"][:2] == ["1.1", "1.2"]
    assert measured["cut"] == []  # no cell's text wider than its cell
    assert measured["width"] <= width  # no sideways scrolling


def test_chart_in_chromium(published: tuple[Path, Path], tmp_path: Path) -> None:
    _, svg = published
    shot = tmp_path / "chart.png"
    done = _browse(svg, 1100, f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 30_000, done.stderr[-2000:]
    page = tmp_path / "chart.html"
    inline = svg.read_text(encoding="utf-8")
    page.write_text(f"<!DOCTYPE html><html><body>{inline}{MEASURE}</body></html>", encoding="utf-8")
    labels = _measured(page, 1100)["labels"]
    assert len(labels) == 50
    for label in labels:
        assert label["right"] <= label["bar"], label  # the name ends before its bar
    # Chinese at its full width (rich's SVG squeezed it to half: its issue #2742): 城镇新增就业 and
    # the id take well over six 13 px characters.
    first = labels[0]
    assert first["text"] == "1.1  城镇新增就业" and first["width"] >= 6 * 13 + 15
