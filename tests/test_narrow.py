"""Tables on narrow terminals: a figure or a status is never cut, nor folded inside a number;
text gives way first, then the optional columns (named under the table), and a terminal too
narrow for the id, a figure and the status gets each row as a record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shishi_cli.render.output import Out

from .helpers import Run


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def blocks(text: str) -> dict[str, str]:
    """Each row's lines, by what starts it (its id): the line that starts with it and those after
    it that start with a space (a table's row folded onto more lines, or a record's)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line[:1].strip():
            current = found.setdefault(line.split()[0], [])
        if current is not None:
            current.append(line)
    return {key: "\n".join(lines) for key, lines in found.items()}


@pytest.fixture
def terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """terminal(width, lang, colour, *args): what the command shows on a terminal `width` cells
    wide (rich's console is told the width by $COLUMNS, and colour by FORCE_COLOR)."""

    def show(width: int, lang: str, colour: bool, *args: str) -> str:
        with monkeypatch.context() as patch:
            patch.setattr(Out, "is_terminal", property(lambda self: True))
            patch.setenv("COLUMNS", str(width))
            if colour:
                patch.delenv("NO_COLOR")
                patch.setenv("FORCE_COLOR", "1")
                patch.setenv("TERM", "xterm-256color")
            result = run("--lang", lang, *args)
        assert result.exit_code in (0, 1) and result.stderr == "", result
        return result.stdout

    return show


def test_a_project_s_title_shortened_on_a_narrow_terminal_is_cut_before_a_number(
    terminal: Callable[..., str], qingdao: Path
) -> None:
    """Below 120 columns a project's long title is shortened to 36 cells with …: never inside a
    number, where 服务站100个 would read as the false 服务站1…."""
    rows = blocks(terminal(100, "en", False, "report", "--month", "6"))
    title = "".join(rows["13"].split())  # (folded onto lines of its column)
    assert title.endswith("养老服务站…") and "服务站1…" not in title
    assert "".join(rows["11"].split()).endswith("0.5个百分点;…")  # a number before the cut stays whole


def test_the_report_by_region_of_a_labelled_indicator_has_a_cell_for_each_column(
    qingdao: Path, run: Run
) -> None:
    """A region's row under an indicator, in a report whose table has a label column: one cell
    a column, in a pipe as on a terminal (it had one too few, and the plain table failed)."""
    ok(run, "add-region", "市南区")
    ok(run, "edit-indicator", "1.2", "--region-target", "市南区=37000")
    ok(run, "add-progress", "1.2", "20000", "--month", "6", "--region", "市南区")
    lines = ok(run, "report", "--month", "6", "--by-region").splitlines()
    region = next(line for line in lines if line.lstrip().startswith("市南区"))
    assert region.split() == [
        "市南区",
        "37,000",
        "个",
        "20,000",
        "#####.....",
        "54.05",
        "50",
        "+4.05",
        "on",
        "track",
        "(green)",
        "6",
    ]
