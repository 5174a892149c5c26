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
import re
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
from openpyxl.styles import Border, Font, Side
from openpyxl.styles.colors import Color
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


def _row_height(dimension: Any) -> list[object]:
    """A row's height, as a spreadsheet shows it (openpyxl has no XML of a row's dimensions)."""
    return [dimension.ht, bool(dimension.customHeight)]


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
                "rows": {str(k): _row_height(d) for k, d in sorted(ws.row_dimensions.items()) if d.ht},
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


# --- spellings no spreadsheet shows differently ------------------------------------------------
# The workbooks are written by XlsxWriter; the dumps were recorded from openpyxl's writers. The two
# spell a few things differently that Excel, WPS and LibreOffice show alike: each is brought to one
# spelling in both dumps, with why. Nothing else is: a value, a number format, a font, a fill's or
# a border's colour, a width, a validation, protection or a print setting differs in the dump when
# it differs in the file (test_the_comparison_sees_a_change_of_look).

_ALPHA = re.compile(r'rgb="[0-9A-Fa-f]{2}([0-9A-Fa-f]{6})"')
# Where the window Excel opens the workbook in stands and how large it is (XlsxWriter writes
# Excel's own figures, openpyxl none): the window's, not the workbook's, which shows the same in it.
_WINDOW = ("xWindow", "yWindow", "windowWidth", "windowHeight")


def normalised(dumped: Any) -> Any:
    """A dump (of a file or a folder of them) with each workbook's spellings made one."""
    if isinstance(dumped, dict) and "sheets" in dumped and "looks" in dumped:
        return _normalised_workbook(dumped)
    if isinstance(dumped, dict) and "document" not in dumped:
        return {name: normalised(each) for name, each in dumped.items()}
    return dumped


def _normalised_workbook(book: dict[str, Any]) -> dict[str, Any]:
    book = {
        **book,
        "looks": [
            [_colours(font), _fill(fill), _border(border), *rest]
            for font, fill, border, *rest in book["looks"]
        ],
        "views": [_without(view, _WINDOW) for view in book["views"]],
        "security": _security(book["security"]),
    }
    book["sheets"] = [_normalised_sheet(sheet) for sheet in book["sheets"]]
    return book


def _normalised_sheet(sheet: dict[str, Any]) -> dict[str, Any]:
    return {
        **sheet,
        # An empty cell has no type a spreadsheet shows (openpyxl wrote an empty text's cell as an
        # empty inline string, XlsxWriter writes a blank cell).
        "cells": [
            [where, None if value is None else kind, _text(value), look]
            for where, kind, value, look in sheet["cells"]
        ],
        "columns": _columns(sheet["columns"]),
        # tabSelected: the tab of the sheet the workbook opens on, shown selected either way (the
        # workbook's "active" sheet; XlsxWriter writes it, openpyxl did not).
        "views": _without(sheet["views"], ("tabSelected",)),
        "page_setup": _page_setup(sheet["page_setup"], sheet["properties"]),
    }


def _text(value: Any) -> Any:
    """A carriage return in a text as itself: openpyxl wrote it as a character reference,
    XlsxWriter as Excel does, _x000D_ (ECMA-376 Part 1, 22.9.2.19), which Excel, WPS and
    LibreOffice read as the character and openpyxl's reader leaves as it is."""
    return value.replace("_x000D_", "\r") if isinstance(value, str) else value


def _tree(xml: str) -> Any:
    return etree.fromstring(xml) if xml else None


def _string(tree: Any) -> str:
    return etree.tostring(tree, encoding="unicode")


def _colours(xml: str) -> str:
    """A look's colours without their alpha: Excel and LibreOffice paint a cell's ARGB colour
    opaque whatever its first byte (openpyxl wrote 00, XlsxWriter FF)."""
    return _ALPHA.sub(r'rgb="FF\1"', xml)


def _fill(xml: str) -> str:
    """A fill; a solid one without its background colour, which shows only between the dots of
    a pattern (XlsxWriter names one, openpyxl did not)."""
    tree = _tree(xml)
    if tree is None:
        return xml
    for pattern in tree.iter("patternFill"):
        if pattern.get("patternType") == "solid":
            for background in pattern.findall("bgColor"):
                pattern.remove(background)
    return _colours(_string(tree))


def _border(xml: str) -> str:
    """A border without an empty diagonal, a line not drawn (XlsxWriter writes one only in a
    border of lines, openpyxl in every border)."""
    tree = _tree(xml)
    if tree is None:
        return xml
    for diagonal in tree.findall("diagonal"):
        if not diagonal.attrib and len(diagonal) == 0:
            tree.remove(diagonal)
    return _colours(_string(tree))


def _without(xml: str, attributes: tuple[str, ...]) -> str:
    tree = _tree(xml)
    if tree is None:
        return xml
    for element in tree.iter():
        for name in attributes:
            element.attrib.pop(name, None)
    return _string(tree)


def _columns(columns: dict[str, str]) -> dict[str, str]:
    """Each column's width and settings, an entry a column: XlsxWriter writes neighbours of one
    width as one range (<col min="4" max="6">), openpyxl wrote each."""
    each = {}
    for xml in columns.values():
        tree = _tree(xml)
        if tree is None:
            continue
        for number in range(int(tree.get("min")), int(tree.get("max")) + 1):
            tree.set("min", str(number))
            tree.set("max", str(number))
            each[openpyxl.utils.get_column_letter(number)] = _string(tree)
    return dict(sorted(each.items()))


def _page_setup(xml: str, properties: str) -> str:
    """The page setup of a sheet fitted to pages, fitToWidth="1" written out: one page wide is
    what its absence means (ECMA-376 Part 1, 18.3.1.63; XlsxWriter leaves the default out,
    openpyxl wrote it)."""
    tree = _tree(xml)
    fit = _tree(properties)
    if tree is None or fit is None or fit.find("pageSetUpPr[@fitToPage='1']") is None:
        return xml
    if tree.get("fitToWidth") is None:
        tree.set("fitToWidth", "1")
    return _string(tree)


def _security(xml: str | None) -> str | None:
    """The workbook's protection; an empty one (openpyxl wrote one, read back as <workbookPr/>)
    is none: nothing is locked either way."""
    tree = None if xml is None else _tree(xml)
    return None if tree is None or (not tree.attrib and len(tree) == 0) else xml


# What differs on purpose, and shows: openpyxl wrote a bold font, or one of another size, as only
# that (<font><b val="1"/></font>), without the workbook's typeface; XlsxWriter names it in full,
# as the workbook's default font (Calibri, its theme's minor font; 11 points unless given; the
# theme's text colour). LibreOffice showed the letters and digits of such cells (titles, headers,
# bold figures) in a serif face of its own, and now in the workbook's font as the other cells;
# Chinese text shows in the same face either way.
def _named_fonts(dumped: Any) -> Any:
    """A recorded dump with each font without a typeface named as XlsxWriter names it."""
    if isinstance(dumped, dict) and "sheets" in dumped and "looks" in dumped:
        return {**dumped, "looks": [[_named(font), *rest] for font, *rest in dumped["looks"]]}
    if isinstance(dumped, dict) and "document" not in dumped:
        return {name: _named_fonts(each) for name, each in dumped.items()}
    return dumped


def _named(xml: str) -> str:
    font = Font.from_tree(etree.fromstring(xml))
    if font.name is not None:
        return xml
    font.name, font.family, font.scheme = "Calibri", 2, "minor"
    font.color = font.color or Color(theme=1)
    font.sz = font.sz or 11
    return _xml(font)


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
    _same(normalised(_named_fonts(expected)), normalised(got), name)


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
    grey = ["BFBFBF"] * 3  # the other sides of a data cell's border
    changes: list[Callable[[Any], None]] = [
        lambda ws: setattr(ws.column_dimensions["A"], "width", 30),
        lambda ws: setattr(ws["A3"], "fill", openpyxl.styles.PatternFill("solid", fgColor="C6EFCE")),
        lambda ws: setattr(ws["B3"], "value", "1"),
        lambda ws: setattr(ws["B3"], "number_format", "0.00"),
        lambda ws: ws.merge_cells("A3:B3"),
        lambda ws: setattr(ws.page_setup, "orientation", "portrait"),
        # and what the spellings made one above sit beside
        lambda ws: setattr(ws["B3"], "font", Font(name="Calibri", family=2, b=True, sz=11, scheme="minor")),
        lambda ws: setattr(ws["A3"], "border", Border(*(Side("thin", color=c) for c in ("FF0000", *grey)))),
        lambda ws: setattr(ws.page_setup, "fitToWidth", 2),
        lambda ws: setattr(ws, "freeze_panes", "A2"),
        lambda ws: setattr(ws.column_dimensions["B"], "width", 13),
    ]
    for change in changes:
        book = openpyxl.load_workbook(out)
        change(book.worksheets[0])
        changed = tmp_path / "changed.xlsx"
        book.save(changed)
        assert normalised(dump_xlsx(changed)) != normalised(before)


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


def test_a_text_that_wraps_has_a_row_tall_enough_for_its_lines(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    """No spreadsheet grows a row when it opens a file: a project's long title would be cut on
    the printed page. Its row is made as tall as its lines; a row of short texts keeps its height."""
    target = tmp_path / "报表.xlsx"
    assert run("--lang", "zh", "export", "--what", "report", "--month", "6", "-o", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target)["项目"]
    heights = {row: sheet.row_dimensions[row].ht for row in range(3, sheet.max_row + 1)}
    by_title = {sheet.cell(row=row, column=2).value: height for row, height in heights.items()}
    longest = max(by_title, key=len)  # 第16件's, 102 characters in a column 50 wide
    assert len(longest) > 100 and by_title[longest] is not None and by_title[longest] >= 5 * 15
    assert by_title["新建和升级改造农贸市场10处以上,创建规范化农贸市场40处以上"] == 2 * 15  # 2 lines
