"""The .xlsx and .docx files shishi writes (export, forms, bulletin --docx) hold what they held
before their writers were rewritten for speed (issue 17): every cell's value, type and style
(font, fill, border, alignment, number format, protection), merged ranges, column widths, frozen
panes, print and page settings, sheet properties and protection, data validations; a document's
paragraphs, runs, styles and fonts.

tests/data/written/ keeps each case as the writers of before wrote it, read back into plain data
(a dump); a test writes the case again and compares. SHISHI_RECORD_WRITTEN=1 records the dumps
anew instead, after a change of looks made on purpose.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree
from openpyxl.cell import Cell as SheetCell
from openpyxl.utils.cell import range_boundaries

from shishi_cli import tables

from .helpers import Run, bench_module

WRITTEN = Path(__file__).resolve().parent / "data" / "written"
RECORD = os.environ.get("SHISHI_RECORD_WRITTEN") == "1"


# --- what a file holds, as plain data ------------------------------------------------------------


def _xml(element: Any) -> str:
    """An openpyxl object as the XML openpyxl writes of it: every attribute it holds, one string."""
    tree = element.to_tree()
    return "" if tree is None else etree.tostring(tree, encoding="unicode")


def _value(value: object) -> object:
    if isinstance(value, datetime | date | time | timedelta):
        return [type(value).__name__, str(value)]
    return value


def dump_xlsx(path: Path) -> dict[str, Any]:
    """A workbook as a user of Excel, WPS or LibreOffice meets it, read by openpyxl: sheets in order,
    each cell that holds a value or a look (its value, type and look), and each sheet's settings."""
    book = openpyxl.load_workbook(path)
    looks: list[list[str]] = []
    seen: dict[tuple[str, ...], int] = {}

    def look(cell: Any) -> tuple[str, ...]:
        return (
            _xml(cell.font), _xml(cell.fill), _xml(cell.border), _xml(cell.alignment),
            cell.number_format, _xml(cell.protection),
        )  # fmt: skip

    plain = look(SheetCell(book.worksheets[0]))
    sheets = []
    for ws in book.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                key = look(cell)
                if cell.value is None and key == plain:
                    continue  # what an absent cell shows
                if key not in seen:
                    seen[key] = len(looks)
                    looks.append(list(key))
                cells.append([cell.coordinate, cell.data_type, _value(cell.value), seen[key]])
        validations = []
        for dv in ws.data_validations.dataValidation:
            where = sorted(
                f"{openpyxl.utils.get_column_letter(c)}{r}"
                for each in dv.sqref.ranges
                for c, r in _cells_of(str(each))
            )
            tree = dv.to_tree()
            tree.attrib.pop("sqref", None)
            validations.append([etree.tostring(tree, encoding="unicode"), where])
        sheets.append(
            {
                "title": ws.title,
                "state": ws.sheet_state,
                "cells": cells,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "columns": {k: _xml(d) for k, d in sorted(ws.column_dimensions.items())},
                "rows": {str(k): _xml(d) for k, d in sorted(ws.row_dimensions.items()) if _xml(d)},
                "freeze": ws.freeze_panes,
                "views": _xml(ws.views),
                "format": _xml(ws.sheet_format),
                "properties": _xml(ws.sheet_properties),
                "page_setup": _xml(ws.page_setup),
                "print_options": _xml(ws.print_options),
                "margins": _xml(ws.page_margins),
                "header_footer": _xml(ws.HeaderFooter),
                "print_titles": [ws.print_title_rows, ws.print_title_cols],
                "print_area": ws.print_area,
                "protection": _xml(ws.protection),
                "validations": validations,
                "auto_filter": _xml(ws.auto_filter),
                "conditional_formats": len(ws.conditional_formatting),
            }
        )
    return {
        "sheets": sheets,
        "looks": looks,
        "active": book.index(book.active),
        "views": [_xml(view) for view in book.views],
        "defined_names": sorted(book.defined_names),
        "calculation": _xml(book.calculation),
        "security": _xml(book.security) if book.security is not None else None,
    }


def _cells_of(ref: str) -> list[tuple[int, int]]:
    left, top, right, bottom = range_boundaries(ref)
    return [(c, r) for r in range(top, bottom + 1) for c in range(left, right + 1)]


def _c14n(data: bytes) -> str:
    return etree.tostring(etree.fromstring(data), method="c14n").decode()


def dump_docx(path: Path) -> dict[str, Any]:
    """A Word document as Word, WPS and LibreOffice lay it out: the body (every paragraph, its
    properties, runs and text), the styles and the font table as canonical XML; the other parts
    by digest. The document properties (core.xml: times of writing) are left out."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return {
        "document": _c14n(parts.pop("word/document.xml")),
        "styles": _c14n(parts.pop("word/styles.xml")),
        "fonts": _c14n(parts.pop("word/fontTable.xml")),
        "others": {
            name: hashlib.sha256(data).hexdigest()
            for name, data in sorted(parts.items())
            if name != "docProps/core.xml"
        },
    }


def dump(path: Path) -> dict[str, Any]:
    if path.is_dir():
        return {each.name: dump(each) for each in sorted(path.iterdir())}
    return dump_xlsx(path) if path.suffix == ".xlsx" else dump_docx(path)


def compare(name: str, written: Path) -> None:
    """The dump of `written` against the one recorded as `name` (or record it)."""
    got = json.loads(json.dumps(dump(written)))  # tuples as lists, as read back from a file
    golden = WRITTEN / f"{name}.json.gz"
    if RECORD:
        WRITTEN.mkdir(parents=True, exist_ok=True)
        text = json.dumps(got, ensure_ascii=False, indent=0, sort_keys=True).encode()
        golden.write_bytes(gzip.compress(text, mtime=0))
        return
    expected = json.loads(gzip.decompress(golden.read_bytes()))
    _same(expected, got, name)


def _same(expected: Any, got: Any, where: str) -> None:
    """Equal, or an assertion naming the first place they differ (a sheet, a cell)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        assert sorted(expected) == sorted(got), where
        for key in expected:
            _same(expected[key], got[key], f"{where}/{key}")
    elif isinstance(expected, list) and isinstance(got, list):
        for index, (e, g) in enumerate(zip(expected, got, strict=False)):
            _same(e, g, f"{where}[{index}]")
        assert len(expected) == len(got), where
    else:
        assert expected == got, where


# --- the cases -----------------------------------------------------------------------------------


def _ok(result: Any) -> None:
    assert (result.exit_code, result.stderr) == (0, ""), result


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_example_report_workbook(run: Run, qingdao: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "report.xlsx"
    _ok(run("--lang", lang, "export", "--what", "report", "--month", "6", "-o", str(out)))
    compare(f"qingdao-report-{lang}", out)


@pytest.mark.parametrize("what", ["plan", "progress"])
def test_the_example_plan_and_progress_sheets(run: Run, qingdao: Path, tmp_path: Path, what: str) -> None:
    out = tmp_path / f"{what}.xlsx"
    _ok(run("export", "--what", what, "-o", str(out)))
    compare(f"qingdao-{what}", out)


def test_the_example_forms(run: Run, qingdao: Path, tmp_path: Path) -> None:
    _ok(run("forms", "--month", "7", "--due", "2022-08-05", "-o", str(tmp_path / "zh")))
    compare("qingdao-forms-zh", tmp_path / "zh")
    _ok(run("forms", "--month", "12", "--lang", "en", "--all-owners", "-o", str(tmp_path / "en")))
    compare("qingdao-forms-en", tmp_path / "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_example_bulletin_document(run: Run, qingdao: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "bulletin.docx"
    _ok(run("--lang", lang, "bulletin", "--month", "6", "--docx", str(out)))
    compare(f"qingdao-bulletin-{lang}", out)


def test_a_larger_generated_plan(run: Run, store_path: Path, tmp_path: Path) -> None:
    """300 indicators of 30 projects and 30 departments, a quarter of them in stages, a year of
    figures (bench/benchmark.py's plans): pages of rows, widths at their limits."""
    bench_module("benchmark").build_store(store_path, 300)
    cases: list[tuple[str, list[str]]] = [
        ("report-zh", ["--lang", "zh", "export", "--what", "report", "--month", "9", "-o"]),
        ("plan", ["export", "--what", "plan", "-o"]),
        ("progress", ["export", "--what", "progress", "-o"]),
        ("forms", ["forms", "--month", "9", "-o"]),
        ("bulletin-zh", ["--lang", "zh", "bulletin", "--month", "9", "--docx"]),
    ]
    for name, args in cases:
        out = tmp_path / (name if name == "forms" else f"{name}.{'docx' if 'bulletin' in name else 'xlsx'}")
        _ok(run(*args, str(out)))
        compare(f"generated-{name}", out)


# Values of every kind a table may hold, and texts a spreadsheet or XML would take for more than
# text: formulas, error codes, spaces at either end, line breaks, markup, wide and astral characters.
TEXTS = [
    "=SUM(A1)", "+86 139", "-", "@x", "'quoted", "#N/A", " lead", "trail ", "  ", "two\nlines",
    "cr\rlf", "tab\tbed", "<b>&amp;\"'</b>", "全角　文字很长的一段中文标题文字", "😀 emoji", "-5", "+3.5",
]  # fmt: skip
VALUES: list[object] = [
    0, -7, 180400, 10**22, 0.1 + 0.2, 1e-05, 1e20, -2.5, float("nan"), float("inf"),
    Decimal("1.50"), Decimal("1.8E+5"), Decimal("-0.001"), Decimal("NaN"), True, False,
    date(2022, 11, 30), datetime(2022, 6, 1, 0, 0), datetime(2022, 6, 1, 8, 30, 15),
    datetime(2022, 6, 1, 8, 30, 15, 500000), datetime(2022, 6, 1, 8, tzinfo=timezone.utc),
    time(9, 30), None, "",
]  # fmt: skip


def test_every_kind_of_value_in_a_table(tmp_path: Path) -> None:
    rows: list[list[object]] = [[text, value, None] for text, value in zip(TEXTS * 2, VALUES, strict=False)]
    rows += [["短行"], [], ["x" * 80, "", "y" * 30]]
    out = tmp_path / "table.xlsx"
    assert tables.write_table(out, ["名称", "值", "a long header of sorts"], rows, sheet="进展") == len(rows)
    compare("table-values", out)


def test_every_look_of_a_cell_in_a_workbook(tmp_path: Path) -> None:
    Cell = tables.Cell
    looks: list[list[object]] = [
        [Cell(0.5154, number_format="0.00%", shown="51.54%"), Cell(-3.5, number_format="+0.00;-0.00;0")],
        [Cell("红", fill="FFC7CE"), Cell("加粗", bold=True), Cell(None, fill="C6EFCE")],
        [Cell(12345.5, number_format="#,##0.00", shown="12,345.50"), Cell(7, number_format="#,##0")],
        [Cell("=1+1", fill="FFEB9C", bold=True), "", None, date(2022, 6, 30), 3],
        *([text, value] for text, value in zip(TEXTS, VALUES, strict=False)),
        ["很" * 40, Cell("z" * 70)],
    ]
    sheets = [
        tables.Sheet("指标", "标题=一", ["编号", "名称", "值", "日期", "数"], looks),
        tables.Sheet("One column", "A title", ["only"], [["a"], [Cell(1, bold=True)]]),
        tables.Sheet("Empty", "", ["a", "b"], []),
    ]
    out = tmp_path / "book.xlsx"
    tables.write_workbook(out, sheets)
    compare("workbook-looks", out)


def test_the_comparison_sees_a_change_of_look(tmp_path: Path) -> None:
    """The dump holds what the tests above compare: a width, a fill, a value's type each change it."""
    out = tmp_path / "book.xlsx"
    sheet = tables.Sheet("s", "t", ["a", "b"], [[tables.Cell("x", fill="FFC7CE"), 1]])
    tables.write_workbook(out, [sheet])
    before = dump_xlsx(out)
    changes: list[Callable[[Any], None]] = [
        lambda ws: setattr(ws.column_dimensions["A"], "width", 30),
        lambda ws: setattr(ws["A3"], "fill", openpyxl.styles.PatternFill("solid", fgColor="C6EFCE")),
        lambda ws: setattr(ws["B3"], "value", "1"),
        lambda ws: setattr(ws["B3"], "number_format", "0.00"),
        lambda ws: ws.merge_cells("A3:B3"),
        lambda ws: setattr(ws.page_setup, "orientation", "portrait"),
    ]
    for change in changes:
        book = openpyxl.load_workbook(out)
        change(book.worksheets[0])
        changed = tmp_path / "changed.xlsx"
        book.save(changed)
        assert dump_xlsx(changed) != before


def test_a_bulletins_runs_are_those_python_docx_writes() -> None:
    """Text with spaces at its ends, tabs and line breaks, in each kind of paragraph: each run as
    python-docx's own run.text lays it out (<w:t xml:space="preserve">, <w:tab/>, <w:br/>)."""
    import docx
    from docx.oxml.ns import qn

    from shishi_cli.render.bulletin import bulletin_blocks
    from shishi_cli.render.document import bulletin_docx

    def content(run: Any) -> list[tuple[str, str | None, dict[str, str]]]:
        return [(child.tag, child.text, dict(child.attrib)) for child in run if child.tag != qn("w:rPr")]

    markdown = "#  题\t目 \n\n## 第1件\n\n 前\t后\n换行\r回车 \n\n**加粗\t\t**\n\n\t\n\n末"
    written = docx.Document(io.BytesIO(bulletin_docx(markdown))).paragraphs
    blocks = bulletin_blocks(markdown)
    assert [kind for kind, _text in blocks] == [
        "title",
        "heading",
        "paragraph",
        "bold",
        "paragraph",
        "paragraph",
    ]
    for (_kind, text), paragraph in zip(blocks, written, strict=True):
        made = docx.Document().add_paragraph().add_run(text)
        assert [content(run._r) for run in paragraph.runs] == [content(made._r)], text
