"""tables.py: CSV and .xlsx tables read and written as offices exchange them, formulas defused."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shishi_cli.errors import InputError
from shishi_cli.tables import Cell, Row, Sheet, Table, read_table, write_table, write_workbook
from shishi_cli.text import neutralise, restore

CHINESE = "指标,项目,数值\n城镇新增就业,就业,18.04万\n改造老旧小区,住房,196\n"
EXPECTED_ROWS = [
    Row(2, {"指标": "城镇新增就业", "项目": "就业", "数值": "18.04万"}),
    Row(3, {"指标": "改造老旧小区", "项目": "住房", "数值": "196"}),
]
TRICKY = ["=SUM(A1)", "+86 139 0000 0000", "-", "@x", "'quoted", "'=x", "全角　文字", "#N/A", "-5", "+3.5"]


def csv_file(tmp_path: Path, content: bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def workbook(tmp_path: Path, fill: Callable[[Any], None], name: str = "t.xlsx") -> Path:
    book = openpyxl.Workbook()
    fill(book)
    path = tmp_path / name
    book.save(path)
    return path


def error_of(call: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.hint
    assert "\n" not in str(caught.value)
    return caught.value


# --- CSV encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (CHINESE.encode("utf-8"), "utf-8"),
        (CHINESE.encode("utf-8-sig"), "utf-8-sig"),
        (CHINESE.encode("gbk"), "gb18030"),
        (CHINESE.encode("gb2312"), "gb18030"),
        (CHINESE.encode("gb18030"), "gb18030"),
        (CHINESE.replace("\n", "\r\n").encode("gbk"), "gb18030"),
    ],
)
def test_csv_encodings_read_the_same(tmp_path: Path, content: bytes, encoding: str) -> None:
    table = read_table(csv_file(tmp_path, content))
    assert table == Table(header=["指标", "项目", "数值"], rows=EXPECTED_ROWS, encoding=encoding)


def test_encoding_override(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "名稱,說明\n臺北,繁體\n".encode("big5"))
    assert read_table(path).encoding == "gb18030"  # Big5 bytes happen to be valid GB18030: mojibake
    table = read_table(path, encoding="BIG5")
    assert table.encoding == "big5"
    assert table.rows == [Row(2, {"名稱": "臺北", "說明": "繁體"})]
    # an override wins over the guess, even a wrong one
    gbk = csv_file(tmp_path, CHINESE.encode("gbk"), "gbk.csv")
    assert read_table(gbk, encoding="gbk").rows == EXPECTED_ROWS


def test_encoding_override_errors(tmp_path: Path) -> None:
    path = csv_file(tmp_path, CHINESE.encode("gbk"))
    error = error_of(lambda: read_table(path, encoding="no-such-codec"))
    assert error.message == "unknown text encoding 'no-such-codec'"
    assert "--encoding" in str(error)
    error = error_of(lambda: read_table(path, encoding="utf-8"))
    assert error.message == f"{path} line 1 is not valid utf-8 text"


def test_bytes_neither_utf8_nor_gb18030(tmp_path: Path) -> None:
    bad = b"\xff\xfe\xfa\x80\x81"
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            bad.decode(encoding)
    path = csv_file(tmp_path, "a,b\n项目,x\n".encode("gbk") + b"c," + bad + b"\n")
    error = error_of(lambda: read_table(path))
    assert error.message == f"{path} is neither UTF-8 nor GB18030 text (bad byte on line 3)"
    assert "--encoding" in str(error)


def test_utf8_with_bom_and_a_bad_byte_names_its_line(tmp_path: Path) -> None:
    path = csv_file(tmp_path, b"\xef\xbb\xbfa,b\n1,2\n3,\xff\n")
    assert "line 3 is not valid UTF-8" in error_of(lambda: read_table(path)).message


def test_excel_sep_line_tabs_and_quoted_newlines(tmp_path: Path) -> None:
    path = csv_file(tmp_path, b"sep=;\r\na;b\r\n1;2\r\n")
    assert read_table(path).rows == [Row(2, {"a": "1", "b": "2"})]
    tabs = csv_file(tmp_path, "名称\t说明\n甲\t一, 二\n".encode(), "tabs.csv")
    assert read_table(tabs).rows == [Row(2, {"名称": "甲", "说明": "一, 二"})]
    quoted = csv_file(tmp_path, b'a,b\n"two\nlines",x\n\n,\n3,4\n', "quoted.csv")
    assert read_table(quoted).rows == [Row(2, {"a": "two\nlines", "b": "x"}), Row(5, {"a": "3", "b": "4"})]


def test_csv_title_row_short_and_long_rows(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "2022年6月市办实事进展,,\n项目,指标\n就业,\n住房,196,\n".encode())
    table = read_table(path)
    assert table.header == ["项目", "指标"]
    assert table.rows == [Row(3, {"项目": "就业", "指标": ""}), Row(4, {"项目": "住房", "指标": "196"})]
    long = csv_file(tmp_path, b"a,b\n1,2\n1,2,3\n", "long.csv")
    error = error_of(lambda: read_table(long))
    assert error.message == f"{long} row 3: column 3 has a value but no header"


def test_one_column_csv_and_empty_files(tmp_path: Path) -> None:
    assert read_table(csv_file(tmp_path, b"name\nx\n")).rows == [Row(2, {"name": "x"})]
    empty = csv_file(tmp_path, b"\r\n,,\n", "empty.csv")
    assert error_of(lambda: read_table(empty)).message == f"{empty} is empty: no header row"


# --- headers -------------------------------------------------------------------------------------


def test_header_normalisation(tmp_path: Path) -> None:
    content = "\ufeffIndicator ,PROJECT_TITLE,　项目　,Owner-Name,target value,,Note\n1,2,3,4,5,ignored,7\n"
    table = read_table(csv_file(tmp_path, content.encode()))
    assert table.header == ["indicator", "project_title", "项目", "owner_name", "target_value", "", "note"]
    assert table.rows[0].cells == {
        "indicator": "1",
        "project_title": "2",
        "项目": "3",
        "owner_name": "4",
        "target_value": "5",
        "note": "7",
    }


def test_duplicate_headers_refused(tmp_path: Path) -> None:
    path = csv_file(tmp_path, b"Name,x,NAME \n1,2,3\n")
    assert error_of(lambda: read_table(path)).message == (
        f"{path} row 1: columns 1 and 3 are both headed 'name'"
    )

    def fill(book: Any) -> None:
        book.active.append(["title"])
        book.active.append(["项目", "a", "b", "项目"])

    xlsx = workbook(tmp_path, fill)
    assert error_of(lambda: read_table(xlsx)).message == (
        f"{xlsx} row 2: columns A and D are both headed '项目'"
    )


# --- xlsx ----------------------------------------------------------------------------------------


def progress_sheet(book: Any) -> None:
    sheet = book.active
    sheet.title = "6月"
    sheet["A1"] = "2022年6月市办实事进展"
    sheet.merge_cells("A1:F1")
    sheet.append(["项目", "Indicator ", "完成", "比例", "日期", "翻倍"])
    sheet.append(["就业", "新增就业", 180400, 18.04, datetime(2022, 11, 30), "=C3*2"])
    sheet.append([])
    sheet.append(["住房", "改造", 1.92, 1e-05, datetime(2022, 6, 1, 14, 30), True])
    sheet.append([None, "  ", None])
    sheet.append(["医疗", " '=1+1 ", date(2022, 1, 2)])
    other = book.create_sheet("说明")
    other.append(["名称", "内容"])
    other.append(["版本", 2])


def with_cached_value(path: Path, formula: str, value: str) -> None:
    """openpyxl never computes formulas: write the value Excel would have cached, by hand."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    # openpyxl writes an empty value as <v /> with the standard library's XML writer and as
    # <v></v> with lxml's (which python-docx brings).
    empty = next(v for v in (f"<f>{formula}</f><v />", f"<f>{formula}</f><v></v>") if v in sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(empty, f"<f>{formula}</f><v>{value}</v>").encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_xlsx_values_title_row_and_row_numbers(tmp_path: Path) -> None:
    path = workbook(tmp_path, progress_sheet)
    with_cached_value(path, "C3*2", "360800")
    table = read_table(path)
    assert table.encoding is None
    assert table.header == ["项目", "indicator", "完成", "比例", "日期", "翻倍"]
    assert table.rows == [
        Row(3, {"项目": "就业", "indicator": "新增就业", "完成": "180400", "比例": "18.04",
                "日期": "2022-11-30", "翻倍": "360800"}),
        Row(5, {"项目": "住房", "indicator": "改造", "完成": "1.92", "比例": "0.00001",
                "日期": "2022-06-01T14:30:00", "翻倍": "true"}),
        Row(7, {"项目": "医疗", "indicator": "=1+1", "完成": "2022-01-02",
                "比例": "", "日期": "", "翻倍": ""}),
    ]  # fmt: skip


def test_formula_never_computed_reads_empty(tmp_path: Path) -> None:
    path = workbook(tmp_path, progress_sheet)
    assert read_table(path).rows[0].cells["翻倍"] == ""


def test_sheet_selection(tmp_path: Path) -> None:
    path = workbook(tmp_path, progress_sheet)
    assert read_table(path, sheet="说明").rows == [Row(2, {"名称": "版本", "内容": "2"})]
    error = error_of(lambda: read_table(path, sheet="7月"))
    assert error.message == f"{path} has no sheet '7月' (sheets: 6月, 说明)"
    assert "--sheet" in str(error)


def test_hidden_first_sheet_is_passed_over(tmp_path: Path) -> None:
    def fill(book: Any) -> None:
        book.active.append(["lookup", "list"])
        book.active.sheet_state = "hidden"
        book.create_sheet("data").append(["a", "b"])

    assert read_table(workbook(tmp_path, fill)).header == ["a", "b"]


def test_xlsx_value_beyond_the_header(tmp_path: Path) -> None:
    def fill(book: Any) -> None:
        book.active.append(["a", "b"])
        book.active.append([1, 2, None, "x"])

    path = workbook(tmp_path, fill)
    assert error_of(lambda: read_table(path)).message == f"{path} row 2: column D has a value but no header"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (180400.0, "180400"),
        (18.04, "18.04"),
        (1e-05, "0.00001"),
        (-0.0, "0"),
        (0.1 + 0.2, "0.3"),  # what Excel shows of a cached formula result: 15 significant digits
        (18.040000000001, "18.040000000001"),
        (1.2345678901234567e17, "123456789012346000"),
        (1e22, "10000000000000000000000"),
    ],
)
def test_float_cells_as_text(tmp_path: Path, value: float, text: str) -> None:
    def fill(book: Any) -> None:
        book.active.append(["a", "b"])
        book.active.append(["x", value])

    assert read_table(workbook(tmp_path, fill)).rows[0].cells["b"] == text


# --- files that are not what they say ------------------------------------------------------------


def test_bad_files(tmp_path: Path) -> None:
    other = csv_file(tmp_path, b"a,b\n", "t.txt")
    assert error_of(lambda: read_table(other)).message == f"{other} is neither .csv nor .xlsx"
    assert error_of(lambda: write_table(tmp_path / "t.xls", ["a"], [])).message.endswith("nor .xlsx")
    missing = tmp_path / "missing.xlsx"
    assert error_of(lambda: read_table(missing)).message == f"no file {missing}"
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert "is a folder" in error_of(lambda: read_table(folder)).message
    text = csv_file(tmp_path, b"a,b\n1,2\n", "text.xlsx")
    assert error_of(lambda: read_table(text)).message == f"{text} is not an .xlsx workbook"
    broken = csv_file(tmp_path, b"PK\x03\x04" + b"\x00" * 40, "broken.XLSX")
    assert "is not a readable .xlsx workbook" in error_of(lambda: read_table(broken)).message
    old = csv_file(tmp_path, b"\xd0\xcf\x11\xe0" + b"\x00" * 40, "old.xlsx")
    assert "old .xls" in error_of(lambda: read_table(old)).message
    renamed = workbook(tmp_path, progress_sheet, "renamed.xlsx").rename(tmp_path / "renamed.csv")
    assert error_of(lambda: read_table(renamed)).message == f"{renamed} is an Excel workbook, not CSV text"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = csv_file(tmp_path, b"a,b\n")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert error_of(lambda: read_table(path)).message == f"cannot read {path}: Permission denied"


# --- writing -------------------------------------------------------------------------------------

HEADER = ["名称", "值", "备注"]
ROWS: list[list[object]] = [
    *([text, None, text] for text in TRICKY),
    ["整数", 180400, None],
    ["小数", 18.04, Decimal("0.00001")],
    ["大数", Decimal("1.8E+5"), 1e22],
    ["真假", True, False],
    ["短行"],
]
READ_BACK = [
    *({"名称": text, "值": "", "备注": text} for text in TRICKY),
    {"名称": "整数", "值": "180400", "备注": ""},
    {"名称": "小数", "值": "18.04", "备注": "0.00001"},
    {"名称": "大数", "值": "180000", "备注": "10000000000000000000000"},
    {"名称": "真假", "值": "true", "备注": "false"},
    {"名称": "短行", "值": "", "备注": ""},
]


def test_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_table(path, HEADER, iter(ROWS)) == len(ROWS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    cells = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert cells[0] == HEADER
    assert [row[0] for row in cells[1 : len(TRICKY) + 1]] == [
        "'=SUM(A1)", "'+86 139 0000 0000", "'-", "'@x", "'quoted", "''=x", "全角　文字", "#N/A", "-5", "+3.5"
    ]  # fmt: skip
    assert cells[len(TRICKY) + 3] == ["大数", "180000", "10000000000000000000000"]
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert [row.cells for row in table.rows] == READ_BACK
    assert [row.number for row in table.rows] == list(range(2, len(ROWS) + 2))


def test_xlsx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    assert write_table(path, HEADER, ROWS, sheet="进展") == len(ROWS)
    sheet = openpyxl.load_workbook(path)["进展"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "'=SUM(A1)"
    assert sheet["A2"].data_type == "s"
    assert sheet["A9"].value == "#N/A"
    assert sheet["A9"].data_type == "s"
    assert sheet["B12"].value == 180400
    assert sheet["B12"].data_type == "n"
    assert sheet["C13"].value == pytest.approx(0.00001)
    assert sheet.column_dimensions["A"].width >= len("+86 139 0000 0000")
    assert sheet.column_dimensions["C"].width >= len("10000000000000000000000")
    table = read_table(path)
    assert [row.cells for row in table.rows] == READ_BACK


def test_xlsx_writes_dates_and_cjk_widths(tmp_path: Path) -> None:
    path = tmp_path / "dates.xlsx"
    utc = datetime(2022, 6, 1, 8, tzinfo=timezone.utc)
    write_table(path, ["日期", "很长的中文列标题"], [[date(2022, 11, 30), "短"], [utc, None]])
    sheet = openpyxl.load_workbook(path).active
    assert sheet.column_dimensions["B"].width == 2 * 8 + 2
    assert sheet["A2"].is_date
    assert read_table(path).rows == [
        Row(2, {"日期": "2022-11-30", "很长的中文列标题": "短"}),
        Row(3, {"日期": "2022-06-01T08:00:00+00:00", "很长的中文列标题": ""}),  # as text: Excel has no zones
    ]


def test_write_refuses_extra_values_and_pads_missing(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_table(path, ["a", "b"], [["1", "2", None, ""]]) == 1
    error = error_of(lambda: write_table(path, ["a", "b"], [["1", "2"], ["1", "2", "3"]]))
    assert error.message == f"cannot write {path}: row 3 has 3 cells for 2 columns"
    assert read_table(path).rows == [Row(2, {"a": "1", "b": "2"})]  # the earlier file is intact


def test_xlsx_control_character_refused_and_nothing_left_behind(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    error = error_of(lambda: write_table(path, ["a", "b"], [["ok", "bell\x07"]]))
    assert error.message == f"cannot write {path}: row 2 column B holds a control character"
    assert list(tmp_path.iterdir()) == []


def test_xlsx_text_too_long_or_a_sheet_name_refused(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    error = error_of(lambda: write_table(path, ["a", "b"], [["ok", "ok"], ["ok", "x" * 32768]]))
    assert error.message == f"cannot write {path}: row 3 column B is too long for Excel"
    assert write_table(path, ["a"], [["x" * 32767]]) == 1  # the most a cell holds
    for sheet, reason in [
        ("6/7月", "a sheet's name cannot hold /"),
        ("", "a sheet's name cannot be empty"),
        ("进" * 32, "a sheet's name has at most 31 characters"),  # Excel would not open it
        ("'6月", "a sheet's name cannot begin or end with '"),  # nor this one
    ]:
        error = error_of(lambda sheet=sheet: write_table(path, ["a"], [], sheet=sheet))
        assert error.message == f"cannot write {path}: sheet name {sheet!r}: {reason}"
    assert write_table(path, ["a"], [], sheet="进" * 31) == 0


def test_a_workbooks_cell_with_a_control_character_is_named(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    rows: list[list[object]] = [["1.1", "ok"], ["1.2", Cell("bad\x1b[31m", fill="FFC7CE")]]
    error = error_of(lambda: write_workbook(path, [Sheet("指标", "标题", ["编号", "名称"], rows)]))
    assert error.message == f"cannot write {path}: row 4 column B holds a control character"
    assert list(tmp_path.iterdir()) == []


def test_write_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.csv"
    write_table(path, ["a"], [["old"]])
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    error = error_of(lambda: write_table(path, ["a"], [["new"]]))
    assert error.message == f"cannot write {path}: No space left on device"
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_write_into_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "out.xlsx"
    assert error_of(lambda: write_table(path, ["a"], [])).message == (
        f"cannot write {path}: No such file or directory"
    )


# --- neutralise / restore ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "exported"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+86 139", "'+86 139"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-5.", "'-5."),
        ("-1e5", "'-1e5"),
        ("'abc", "'abc"),
        ("'=x", "''=x"),
        ("全角", "全角"),
        ("", ""),
    ],
)
def test_neutralise(text: str, exported: str) -> None:
    assert neutralise(text) == exported
    assert restore(exported) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@\t\r'0123456789.a 项")) | st.text())
@example("'=x")
@example("''-5")
def test_restore_inverts_neutralise(text: str) -> None:
    exported = neutralise(text)
    assert restore(exported) == text
    if exported.startswith(("=", "+", "-", "@", "\t", "\r")):
        assert exported == text
        assert re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", exported)
