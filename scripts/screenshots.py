"""Take the README's pictures of the report's page and chart with headless Chromium.

    python scripts/screenshots.py      # writes docs/report-page.png and docs/report-chart.png

The example store's June report in Chinese, as `shishi --lang zh report --month 6 --html/--svg`
writes it (needs chromium and fonts-noto-cjk).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "examples" / "qingdao-2022.json"


def shoot(source: Path, picture: Path, width: int, height: int, profile: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        sys.exit("screenshots.py: no Chromium (apt-get install chromium fonts-noto-cjk)")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--user-data-dir={profile}", f"--window-size={width},{height}", f"--screenshot={picture}",
         source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        page, chart = work / "report.html", work / "chart.svg"
        subprocess.run(
            [sys.executable, "-m", "shishi_cli", "--store", str(STORE), "--lang", "zh", "report",
             "--month", "6", "--html", str(page), "--svg", str(chart), "--format", "json"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        shoot(page, ROOT / "docs" / "report-page.png", 1280, 1500, work / "profile")
        shoot(chart, ROOT / "docs" / "report-chart.png", 1060, 1360, work / "profile")
    print("wrote docs/report-page.png and docs/report-chart.png")


if __name__ == "__main__":
    main()
