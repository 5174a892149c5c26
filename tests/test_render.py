"""Tables on a terminal: Chinese text aligned, 80 columns readable, colour only where wanted."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from shishi_cli import plans, progress, render, store
from shishi_cli.render.output import Column, Grid, Out, print_grid
from shishi_cli.text import cell_width, literal

from .helpers import EXAMPLE


def terminal(width: int, colour: bool) -> tuple[Out, io.StringIO]:
    buffer = io.StringIO()
    out = Out(buffer)
    out.__dict__["is_terminal"] = True
    out.__dict__["console"] = Console(
        file=buffer, force_terminal=True, width=width, no_color=not colour, color_system="standard",
        highlight=False, markup=False, emoji=False,
    )  # fmt: skip
    return out, buffer


def example_report() -> progress.Report:
    plan = plans.select_plan(store.read_store(EXAMPLE), None)
    return progress.build_report(plan, 6, progress.thresholds_of(plan))


@pytest.mark.parametrize("width", [80, 100, 160])
def test_report_on_a_terminal_fits_its_width_and_keeps_every_row(width: int) -> None:
    out, buffer = terminal(width, colour=False)
    report = example_report()
    render.render_report(report, "table", out)
    text = buffer.getvalue()
    lines = text.splitlines()
    assert all(cell_width(line) <= width for line in lines)
    first_cells = [line.split()[0] for line in lines if line.strip()]
    for row in report.indicators:
        assert row.id in first_cells  # every indicator keeps its own row
    assert "(red)" in text and "(blue)" in text  # the light in words without colour
    header = next(line for line in lines if line.startswith("ID "))
    if width < 140:
        assert "Owners" not in header  # optional columns give way before anything wraps badly
        assert f"Left out at {width} columns: Owners, " in text  # and the table says so
    else:
        assert "Owners" in header and "Left out" not in text


def test_colour_only_on_a_terminal_that_has_it() -> None:
    out, buffer = terminal(120, colour=True)
    render.render_report(example_report(), "table", out)
    assert "\x1b[" in buffer.getvalue() and "● lagging" in buffer.getvalue()
    out, buffer = terminal(120, colour=False)
    render.render_report(example_report(), "table", out)
    assert "\x1b[" not in buffer.getvalue()


def test_plain_table_aligns_chinese_by_display_width() -> None:
    grid = Grid("t", [Column("名称"), Column("值", "right")])
    grid.rows += [["城镇新增就业", "180,400"], ["AED", "19"]]
    out = Out(io.StringIO())
    print_grid(out, grid)
    lines = out.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert lines[2] == "城镇新增就业  180,400"
    assert lines[3] == "AED" + " " * 16 + "19"
    assert lines[1] == "名称" + " " * 15 + "值"
    assert {cell_width(line) for line in lines[1:]} == {21}


@pytest.mark.parametrize(
    ("text", "width"), [("城镇新增就业", 12), ("AED", 3), ("（手改）", 8), ("e\u0301", 1), ("한국어", 6)]
)
def test_cell_width(text: str, width: int) -> None:
    assert cell_width(text) == width


def test_literal_escapes_control_and_bidi_characters() -> None:
    assert literal("普通文本 plain") == "普通文本 plain"
    assert literal("a\x1b[31mb") == "a\\x1b[31mb"
    assert literal("x\u202ey") == "x\\u202ey"
    assert literal("全角\u3000空格") == "全角\u3000空格"


def test_report_saved_as_svg_and_html(run, qingdao, tmp_path) -> None:
    import xml.dom.minidom

    svg, html = tmp_path / "r.svg", tmp_path / "r.html"
    r = run("report", "--month", "6", "--svg", str(svg), "--html", str(html), "-f", "json")
    assert r.exit_code == 0 and r.stdout.startswith("{")  # the chosen format still goes to stdout
    picture = xml.dom.minidom.parse(str(svg)).toxml()
    page = html.read_text(encoding="utf-8")
    for text in ("12.3", "AED", "lagging", "51.54%", "Warnings"):
        assert text in page  # a page of its own (tests/test_publish.py), no longer the terminal's table
    assert "<svg" in picture and "51.54%" in picture and "AED" in picture
    assert page.startswith("<!DOCTYPE html>")


def test_show_draws_progress_against_the_expected_line(plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "120")
    for month in range(1, 7):
        plan("add-progress", "1.1", str(month * 8), "--month", str(month))
    lines = plan("show", "1.1").stdout.splitlines()
    assert "Progress by month ▁▂▂▃▃▄  (percent of target)" in lines
    assert "Expected          ▁▂▃▃▄▅  (时序进度)" in lines


def test_the_table_printer_knows_no_domain() -> None:
    """render/output.py lays out every view's text, and render/terminal.py draws it on a
    terminal (breaking lines as render/breaks.py does); the domain reaches them only as cells
    (the interface language, for the line that names the columns left out)."""
    import ast
    from pathlib import Path

    from shishi_cli.render import breaks, output, terminal

    def imports(module: object) -> set[str]:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
        return {
            "." * node.level + (node.module or "")
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and (node.level or (node.module or "").startswith("shishi_cli"))
        }

    assert imports(output) == {"shishi_cli.i18n", "shishi_cli.text", ".terminal"}
    assert imports(terminal) == {".output", ".breaks"}
    assert imports(breaks) == set()
