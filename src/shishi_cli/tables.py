"""Tables of text in the files supervision offices exchange (CSV and .xlsx): read, write, defuse formulas."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import InputError, reason
from .files import write_output
from .i18n import N_, _
from .text import cell_text, cell_width, csv_cell, neutralise, restore


@dataclass
class Row:
    """One data row: its number as a spreadsheet shows it (the header is row 1) and its cells."""

    number: int
    cells: dict[str, str]


@dataclass
class Table:
    """A table read from a file: normalised header names, data rows, and the CSV's encoding."""

    header: list[str]
    rows: list[Row]
    encoding: str | None
    # Each column's header as written (a two-level header's "进展情况 / 累计完成"), and the text of
    # the rows above the header (a title such as "2022年9月市办实事进展填报表").
    written: dict[str, str] = field(default_factory=dict, compare=False)
    above: list[str] = field(default_factory=list, compare=False)
    # What a form made by `shishi forms` says of itself (year, month, department), from its
    # hidden sheet; empty for any other file.
    marks: dict[str, str] = field(default_factory=dict, compare=False)


MARK_SHEET = "_shishi"  # the hidden sheet a form made by `shishi forms` identifies itself with


# Whether a row after the data is a footer line to pass over (填表人、联系电话 …), given its
# cells in order and its values by column name.
Skip = Callable[[list[str], dict[str, str]], bool]


@dataclass(frozen=True)
class Limits:
    """How much one file may hold: a department's spreadsheet is untrusted, and a styled empty
    column runs to row 1,048,576. Commands take them from SHISHI_IMPORT_ROWS and SHISHI_IMPORT_MB."""

    rows: int = 200_000  # rows with a value in them (titles and header included)
    megabytes: int = 50  # the file's size
    # Rows without a value in a row, after which a sheet's data has ended (a formatted column
    # runs to row 1,048,576 with nothing in it).
    blank_run: int = 10_000


# A cell starting with one of these is a formula to Excel, WPS and LibreOffice (CSV injection).
_SEP_LINE = re.compile(r"sep=(.)", re.IGNORECASE)
_HEADER_GAP = re.compile(r"[\s\-]+")
_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and .xlsx files saved with a password
_HEADER_SEARCH = 30  # rows searched for an office's header (titles and "填报单位" lines above it)
_SUFFIX_HINT = N_("save it from Excel or WPS as .xlsx or .csv")
# (row number, cell texts, how many cells hold text): the header is the first row with two texts.
_Record = tuple[int, list[str], int]


# --- reading -----------------------------------------------------------------------------------


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    expect: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
    limits: Limits = Limits(),  # noqa: B008 - frozen: one shared default is safe
    skip: Skip | None = None,
) -> Table:
    """The header and non-empty rows of a .csv or .xlsx file; InputError naming file, row, column.

    The header is the first row naming every column in `expect` (rows above it, a title or a
    "填报单位" line, are passed over); without `expect`, the first row with two texts. A header
    named as a key of `aliases` ("月份") stands for its value ("month"). Failing that, the first
    row naming two of the aliases' columns. A row of texts under the header that names columns
    under a group title (进展情况 over 本月完成 and 累计完成) is its second level. `skip`: a row
    after the first data row for which it is true is a footer line, passed over (填表人 …).
    """
    kind = _kind(path)
    if kind == "csv":
        if sheet is not None:
            raise InputError(
                _("{path} is a CSV file, it has no sheets").format(path=path), hint=_("drop --sheet")
            )
        return _read_csv(path, _read_bytes(path, limits), encoding, expect, aliases or {}, limits, skip)
    if encoding is not None:
        raise InputError(
            _("{path} is an .xlsx workbook, it has no text encoding").format(path=path),
            hint=_("drop --encoding"),
        )
    return _read_xlsx(path, _read_bytes(path, limits), sheet, expect, aliases or {}, limits, skip)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        return suffix[1:]
    raise InputError(_("{path} is neither .csv nor .xlsx").format(path=path), hint=_(_SUFFIX_HINT))


def _read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.megabytes * 1024 * 1024:
            raise InputError(
                _("{path} is {size:.1f} MB; an import reads files of {limit} MB at most").format(
                    path=path, size=size / 1024 / 1024, limit=limits.megabytes
                ),
                hint=_("split it, or raise the limit with {name} (e.g. {name}={example})").format(
                    name="SHISHI_IMPORT_MB", example=200
                ),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("no file {path}").format(path=path), hint=_("check the path")) from None
    except IsADirectoryError:
        raise InputError(
            _("{path} is a folder, not a file").format(path=path),
            hint=_("give the path of a .csv or .xlsx file"),
        ) from None
    except OSError as error:
        raise InputError(
            _("cannot read {path}: {reason}").format(path=path, reason=reason(error)),
            hint=_("check the file"),
        ) from None


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV file and the encoding that decoded it."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
            return data.decode(name), name
        except LookupError:
            raise InputError(
                _("unknown text encoding {encoding!r}").format(encoding=encoding),
                hint=_("use e.g. --encoding utf-8, gb18030 or big5"),
            ) from None
        except UnicodeDecodeError as error:
            raise InputError(
                _("{path} line {line} is not valid {encoding} text").format(
                    path=path, line=_line_of(data, error.start), encoding=name
                ),
                hint=_("check --encoding (e.g. utf-8, gb18030, big5)"),
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:  # a BOM promises UTF-8: no guessing at GB18030
            line = _line_of(data, len(codecs.BOM_UTF8) + error.start)
            raise InputError(
                _("{path} starts as UTF-8 but line {line} is not valid UTF-8").format(path=path, line=line),
                hint=_("save it again as UTF-8, or give its encoding with --encoding"),
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_stop = error.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        gb_stop = error.start
    if data.startswith(_ZIP_MAGIC):
        raise InputError(
            _("{path} is an Excel workbook, not CSV text").format(path=path), hint=_("rename it to .xlsx")
        )
    # The encoding that read further is the one the file was meant to be in: name its bad byte.
    line = _line_of(data, max(utf8_stop, gb_stop))
    raise InputError(
        _("{path} is neither UTF-8 nor GB18030 text (bad byte on line {line})").format(path=path, line=line),
        hint=_("give its encoding with --encoding (e.g. big5, utf-16) or save it as UTF-8"),
    )


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _read_csv(
    path: Path,
    data: bytes,
    encoding: str | None,
    expect: Sequence[str],
    aliases: Mapping[str, str],
    limits: Limits,
    skip: Skip | None = None,
) -> Table:
    text, used = _decode(path, data, encoding)
    text = text.removeprefix("\ufeff")
    first, _newline, rest = text.partition("\n")
    sep = _SEP_LINE.fullmatch(first.rstrip("\r"))
    if sep:  # Excel's "sep=," line: Excel does not show it, so it is not counted as a row
        delimiter, text = sep[1], rest
    else:
        delimiter = _sniff_delimiter(text)
    records = _Records(path, limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, raw in enumerate(reader, start=1):
            cells = [restore(cell.strip()) for cell in raw]
            if not records.add(number, cells, sum(1 for cell in cells if cell)):
                break
    except csv.Error as error:
        raise InputError(
            _("{path} line {line}: {reason}").format(path=path, line=reader.line_num, reason=error),
            hint=_("check the quotes in that line"),
        ) from None
    return _build(path, records.kept, used, letters=False, expect=expect, aliases=aliases, skip=skip)


class _Records:
    """The rows of a file that hold a value, as they are read, within the limits."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.kept: list[_Record] = []
        self.blank = 0  # rows without a value since the last that had one

    def add(self, number: int, cells: list[str], texts: int) -> bool:
        """Keep a row if it holds a value; False once the data has ended (a long blank run)."""
        if not any(cells):
            self.blank += 1
            return self.blank < self.limits.blank_run
        self.blank = 0
        if len(self.kept) >= self.limits.rows:
            raise InputError(
                _("{path} has more than {limit} rows; an import reads {limit} rows at most").format(
                    path=self.path, limit=self.limits.rows
                ),
                hint=_("split it, or raise the limit with {name} (e.g. {name}={example})").format(
                    name="SHISHI_IMPORT_ROWS", example=500000
                ),
            )
        self.kept.append((number, cells, texts))
        return True


def _sniff_delimiter(text: str) -> str:
    """A tab if the header line has tabs and no commas (Excel's "Text (Tab delimited)"), else a comma."""
    for line in text.splitlines():
        if "," in line or "\t" in line:
            return "\t" if "," not in line else ","
    return ","


def _read_xlsx(
    path: Path,
    data: bytes,
    sheet: str | None,
    expect: Sequence[str],
    aliases: Mapping[str, str],
    limits: Limits,
    skip: Skip | None = None,
) -> Table:
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            _("{path} is an old .xls workbook or a password-protected one, not .xlsx").format(path=path),
            hint=_("open it in Excel or WPS and save it as .xlsx without a password"),
        )
    if not data.startswith(_ZIP_MAGIC):
        raise InputError(_("{path} is not an .xlsx workbook").format(path=path), hint=_(_SUFFIX_HINT))
    import openpyxl  # type: ignore[import-untyped]  # lazily: start-up time matters

    try:
        # Streamed (read_only): a sheet's size is its rows, not what its styles span. A merged
        # cell's value is in its first cell, as Excel and WPS show it.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl lets zip, XML, key, type and value errors through alike
        raise InputError(
            _("{path} is not a readable .xlsx workbook ({error_type}: {reason})").format(
                path=path, error_type=type(error).__name__, reason=error
            ),
            hint=_(_SUFFIX_HINT),
        ) from None
    try:
        worksheet = _pick_sheet(path, book, sheet)
        worksheet.reset_dimensions()  # the stored size may claim 1,048,576 rows: read what is there
        records = _Records(path, limits)
        try:
            for number, row in enumerate(worksheet.iter_rows(), start=1):
                values = [cell.value for cell in row]
                cells = [restore(_shown(cell.value, cell.number_format).strip()) for cell in row]
                texts = sum(1 for value in values if isinstance(value, str) and value.strip())
                if not records.add(number, cells, texts):
                    break
        except InputError:
            raise
        except Exception as error:  # a damaged sheet inside a sound zip: said as for the workbook
            raise InputError(
                _("{path} is not a readable .xlsx workbook ({error_type}: {reason})").format(
                    path=path, error_type=type(error).__name__, reason=error
                ),
                hint=_(_SUFFIX_HINT),
            ) from None
        marks = _marks(book)
        merged = _merged_down(data, getattr(worksheet, "_worksheet_path", None))
    finally:
        book.close()
    table = _build(
        path, records.kept, None, letters=True, expect=expect, aliases=aliases, skip=skip, merged=merged
    )
    table.marks = marks
    return table


# A merged range as the sheet's XML names it: <mergeCell ref="A4:A6"/>.
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')
Merge = tuple[int, int, int, int]  # first column (from 0), first row, last column, last row (from 1)


def _merged_down(data: bytes, part: str | None) -> list[Merge]:
    """The sheet's cells merged down over more than one row (项目 written once over its
    indicators' rows): read from its XML, as openpyxl's streamed reading gives only the first
    cell of each. None found, or a sheet whose part cannot be read: none."""
    import zipfile

    if not part:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(part.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    return [
        (_column_index(first), int(top), _column_index(last), int(bottom))
        for first, top, last, bottom in _MERGE.findall(xml)
        if int(bottom) > int(top)
    ]


def _column_index(letters: bytes) -> int:
    """A column's letters as a number from 0: A is 0, Z 25, AA 26."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1


def _marks(book: Any) -> dict[str, str]:
    """A form's hidden sheet of marks: a key and a value a row (a few rows at most)."""
    for each in book.worksheets:
        if each.title == MARK_SHEET and each.sheet_state != "visible":
            marks = {}
            for row in each.iter_rows(max_row=20, max_col=2, values_only=True):
                if row and row[0] is not None:
                    marks[str(row[0])] = cell_text(row[1]) if len(row) > 1 else ""
            return marks
    return {}


def _pick_sheet(path: Path, book: Any, sheet: str | None) -> Any:
    sheets = list(book.worksheets)
    if not sheets:
        raise InputError(
            _("{path} has no worksheet").format(path=path),
            hint=_("save a workbook with the table on its first sheet"),
        )
    if sheet is None:
        # A hidden first sheet is a template's lookup list, not the table people see.
        visible = [each for each in sheets if each.sheet_state == "visible"]
        return (visible or sheets)[0]
    for each in sheets:
        if each.title == sheet:
            return each
    names = ", ".join(each.title for each in sheets)
    raise InputError(
        _("{path} has no sheet {sheet!r} (sheets: {names})").format(path=path, sheet=sheet, names=names),
        hint=_("choose one with --sheet"),
    )


_NUMBER_FORMAT = re.compile(r'^(?:"([^"]*)")?([#,0]*0(?:\.(0+))?)(%?)(?:"([^"]*)")?$')


def _shown(value: object, number_format: str | None) -> str:
    """A number cell as Excel shows it, for the formats offices use: 85% (0%), 20.50万
    (0.00"万"), 1.10 (0.00); any other format gives the stored number."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not number_format:
        return cell_text(value)
    match = _NUMBER_FORMAT.match(number_format.split(";")[0].replace("\\", ""))
    if match is None:
        return cell_text(value)
    prefix, _digits, decimals, percent, suffix = match.groups()
    number = Decimal(repr(value)) * (100 if percent else 1)
    text = format(number.quantize(Decimal(1).scaleb(-len(decimals or ""))), "f")
    return f"{prefix or ''}{text}{percent}{suffix or ''}"


def _build(
    path: Path,
    records: list[_Record],
    encoding: str | None,
    *,
    letters: bool,
    expect: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
    skip: Skip | None = None,
    merged: Sequence[Merge] = (),
) -> Table:
    """Find the header row, normalise its names and map each later non-empty row onto them;
    `merged`, cells merged down the data rows: each of their rows holds the first cell's value."""
    aliases = aliases or {}
    known = set(aliases.values()) | set(expect)

    def column_name(cell: str) -> str:
        name = _normalise_header(cell)
        return aliases.get(name, name)

    def levels(at: int) -> list[str] | None:
        """Rows `at` and `at`+1 as one header when the second is a level under the first."""
        if at + 1 >= len(records):
            return None
        top, sub, texts = records[at][1], records[at + 1][1], records[at + 1][2]
        filled = [j for j, cell in enumerate(sub) if cell]
        if not filled or texts != len(filled) or not any(column_name(sub[j]) in known for j in filled):
            return None
        if any(j < len(top) and column_name(top[j]) in known for j in filled):
            return None  # a data row of texts under a header, not a second level
        combined = list(top) + [""] * (len(sub) - len(top))
        group = ""
        for j in range(len(combined)):
            group = top[j] if j < len(top) and top[j] else group  # a merged title spans to the right
            if j < len(sub) and sub[j]:
                combined[j] = f"{group} / {sub[j]}" if group else sub[j]
        return combined

    def names(cells: list[str]) -> set[str]:
        return {column_name(c.rpartition(" / ")[2]) for c in cells}

    header_at: int | None = None
    raw_header: list[str] = []
    two = False
    if expect:
        for i, (_number, cells, _texts) in enumerate(records):
            for candidate, second in ((levels(i), True), (cells, False)):
                if candidate is not None and set(expect) <= names(candidate):
                    header_at, raw_header, two = i, candidate, second
                    break
            if header_at is not None:
                break
    if header_at is None and known:
        # An office's layout: among the first rows, the one (or two, a header of two levels)
        # naming the most columns, at least two (a "填报单位" line above names none).
        best = 1
        for i, (_number, cells, _texts) in enumerate(records[:_HEADER_SEARCH]):
            for candidate, second in ((cells, False), (levels(i), True)):
                score = len(names(candidate) & known) if candidate is not None else 0
                if candidate is not None and score > best:
                    best, header_at, raw_header, two = score, i, candidate, second
    if header_at is None:
        header_at = next((i for i, (_number, _cells, texts) in enumerate(records) if texts >= 2), None)
    if header_at is None:  # a one-column table
        header_at = next((i for i, (_number, cells, _texts) in enumerate(records) if any(cells)), None)
    if header_at is None:
        raise InputError(
            _("{path} is empty: no header row").format(path=path),
            hint=_("the first row should name the columns"),
        )
    header_number = records[header_at][0]
    if not raw_header:
        raw_header = records[header_at][1]
    header = [column_name(name.rpartition(" / ")[2]) for name in raw_header]
    while header and not header[-1]:
        header.pop()
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        if name in seen:
            raise InputError(
                _("{path} row {row}: columns {first} and {second} are both headed {name!r}").format(
                    path=path,
                    row=header_number,
                    first=_column(seen[name], letters),
                    second=_column(index, letters),
                    name=name,
                ),
                hint=_("rename or remove one of them"),
            )
        seen[name] = index
    data = records[header_at + (2 if two else 1) :]
    if merged:
        _fill_merged(data, merged)
    rows: list[Row] = []
    for number, cells, _texts in data:
        values = {name: (cells[index] if index < len(cells) else "") for name, index in seen.items()}
        if skip is not None and rows and skip(cells, values):
            continue  # a footer line: 填表人、联系电话 …
        for index in range(len(header), len(cells)):
            if cells[index]:
                raise InputError(
                    _("{path} row {row}: column {column} has a value but no header").format(
                        path=path, row=number, column=_column(index, letters)
                    ),
                    hint=_("give the column a header or clear the cell"),
                )
        if any(values.values()):
            rows.append(Row(number=number, cells=values))
    written = {name: raw_header[index] for name, index in seen.items()}
    above = [" ".join(c for c in cells if c) for _number, cells, _texts in records[:header_at]]
    return Table(header=header, rows=rows, encoding=encoding, written=written, above=above)


def _fill_merged(data: list[_Record], merged: Sequence[Merge]) -> None:
    """Give each data row within a range merged down the value of the range's first cell, as
    Excel and WPS show it over the rows, in its first column (a range merged across columns
    too is one cell: the others stay empty)."""
    by_number = {number: cells for number, cells, _texts in data}
    for first, top, _last, bottom in merged:
        head = by_number.get(top)
        if head is None or first >= len(head) or not head[first]:
            continue  # a range that begins above the data (a title) or holds nothing
        for number in range(top + 1, bottom + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            if len(cells) <= first:
                cells.extend([""] * (first + 1 - len(cells)))
            if not cells[first]:
                cells[first] = head[first]


def _normalise_header(name: str) -> str:
    """ "Indicator Name " -> "indicator_name"; "PROJECT-TITLE" -> "project_title"; "项目" stays."""
    name = name.replace("\ufeff", "").strip().translate(_ASCII_UPPER)
    return _HEADER_GAP.sub("_", name)


def _column(index: int, letters: bool) -> str:
    """A 0-based column index as a spreadsheet names it (A, B, …, AA) or as a CSV position (1, 2, …)."""
    if not letters:
        return str(index + 1)
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


# --- writing -----------------------------------------------------------------------------------


def write_table(
    path: Path,
    header: list[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet: str = "Sheet1",
    protected: Iterable[Path] = (),
) -> int:
    """Write `header` and `rows` to a .csv (UTF-8 with BOM) or .xlsx file atomically; rows written.
    `protected`: files and folders the output may not land on (files.write_output)."""
    kind = _kind(path)
    table = _fit_rows(path, header, rows)
    if kind == "csv":
        text_rows = [[neutralise(name) for name in header]]
        text_rows += [[csv_cell(value) for value in row] for row in table]
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(text_rows)
        content = buffer.getvalue().encode("utf-8-sig")
        write_output(path, content, protected=protected)
    else:
        write_output(path, _workbook(path, header, table, sheet), protected=protected)
    return len(table)


def _fit_rows(path: Path, header: list[str], rows: Iterable[Sequence[object]]) -> list[list[object]]:
    """Each row cut or padded to the header's width; a value beyond the header is an error."""
    fitted: list[list[object]] = []
    for number, row in enumerate(rows, start=2):
        cells = list(row)
        for index in range(len(header), len(cells)):
            if cells[index] is not None and cells[index] != "":
                raise InputError(
                    _("cannot write {path}: row {row} has {cells} cells for {columns} columns").format(
                        path=path, row=number, cells=len(cells), columns=len(header)
                    ),
                    hint=_("give every value a column"),
                )
        fitted.append(cells[: len(header)] + [None] * (len(header) - len(cells)))
    return fitted


def _workbook(path: Path, header: list[str], rows: list[list[object]], sheet: str) -> bytes:
    """The .xlsx bytes of a table: the header in bold, frozen; columns as wide as their text."""
    from .xlsx import Look, Workbook

    book = Workbook()
    worksheet = _add_sheet(path, book, sheet)
    widths = [cell_width(name) for name in header]
    looks: dict[str, int] = {}  # a date's number format -> its look
    with _cell_errors(path):
        worksheet.append([neutralise(name) for name in header], [book.look(Look(bold=True))] * len(header))
        for row in rows:
            values: list[object] = []
            dated: list[int] | None = None
            for index, value in enumerate(row):
                if value is None or value == "":
                    values.append(None)
                    continue
                stored: object
                if isinstance(value, str):  # the usual cells without a call: a text, a count
                    stored = shown = neutralise(value)
                elif type(value) is int:
                    stored, shown = value, str(value)
                else:
                    stored, number_format = _stored(value)
                    shown = _written_text(value, stored)
                    if number_format is not None:
                        if number_format not in looks:
                            looks[number_format] = book.look(Look(number_format=number_format))
                        dated = dated or [0] * len(row)
                        dated[index] = looks[number_format]
                values.append(stored)
                if _wider(shown, widths[index]):
                    widths[index] = cell_width(shown)
            worksheet.append(values, dated)
    for index, width in enumerate(widths):
        worksheet.widths[index] = min(60, max(6, width + 2))
    worksheet.frozen_rows = 1
    return book.save()


def _add_sheet(path: Path, book: Any, name: str) -> Any:
    try:
        return book.add(name)
    except ValueError as error:
        raise InputError(
            _("cannot write {path}: sheet name {sheet!r}: {reason}").format(
                path=path, sheet=name, reason=error
            ),
            hint=_("choose another name"),
        ) from None


@contextmanager
def _cell_errors(path: Path) -> Iterator[None]:
    """A text no cell can hold (xlsx.TextError) as the InputError naming its row and column."""
    from .xlsx import TextError

    try:
        yield
    except TextError as error:
        if error.too_long:
            message = _("cannot write {path}: row {row} column {column} is too long for Excel")
        else:
            message = _("cannot write {path}: row {row} column {column} holds a control character")
        raise InputError(
            message.format(path=path, row=error.row, column=_column(error.column, True)),
            hint=_("shorten or clean that text"),
        ) from None


def _wider(text: str, width: int) -> bool:
    """Whether `text` takes more columns than `width` (text.cell_width), measured only when it
    may: an ASCII text is at most as wide as it is long, any text at most twice."""
    if len(text) <= width and (2 * len(text) <= width or text.isascii()):
        return False
    return cell_width(text) > width


_DATE_FORMAT, _DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"


def _stored(value: object) -> tuple[object, str | None]:
    """`value` as a cell stores it (a number, a date, or a text that is never a formula), and a
    date's number format."""
    if isinstance(value, str):
        return neutralise(value), None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, int) or math.isfinite(value):
            return value, None
    elif isinstance(value, Decimal) and value.is_finite():
        return int(value) if value == value.to_integral_value() else float(value), None
    elif isinstance(value, date) and not (isinstance(value, datetime) and value.tzinfo):
        timed = isinstance(value, datetime) and value.time() != time(0, 0)
        return value, _DATETIME_FORMAT if timed else _DATE_FORMAT
    return csv_cell(value), None  # the rest as text: Excel has no time zones


def _written_text(value: object, stored: object) -> str:
    """The text a cell of `value` stored as `stored` shows, for its column's width."""
    return stored if isinstance(stored, str) else cell_text(value)


# --- a workbook for people (export --what report as .xlsx) ---------------------------------------


@dataclass
class Cell:
    """A cell with its looks: a fill (RGB hex), a number format (0.00%), bold."""

    value: object
    fill: str | None = None
    number_format: str | None = None
    bold: bool = False
    shown: str | None = None  # the text it shows, for its column's width (a percent: 51.54%)


_PLAIN = Cell(None)  # the looks of a value given without any
_NARROWEST = 2  # a text of 2 characters or fewer fits the narrowest column (6 cells)
_LINE_POINTS = 15  # a line of the workbook's 11-point text


@dataclass
class Sheet:
    """One sheet: its name, a title row above the header, the header and the rows."""

    name: str
    title: str
    header: list[str]
    rows: list[list[object]]


def write_workbook(path: Path, sheets: Sequence[Sheet], *, protected: Iterable[Path] = ()) -> None:
    """Write `sheets` to an .xlsx file atomically: each with its title in row 1, the header in row 2
    frozen with the rows above it, columns as wide as their text (Chinese counted double), printed
    on A4 landscape, one page wide, the header repeated on every page."""
    from .xlsx import Look, Workbook

    book = Workbook()
    border = "BFBFBF"
    title_look = book.look(Look(bold=True, size=14))
    head_look = book.look(
        Look(bold=True, fill="DDEBF7", border=border, horizontal="center", vertical="center", wrap=True)
    )
    looks: dict[tuple[str | None, str | None, bool], int] = {}

    def data_look(number_format: str | None, fill: str | None, bold: bool) -> int:
        key = (number_format, fill, bold)
        if key not in looks:
            looks[key] = book.look(
                Look(
                    bold=bold, fill=fill, border=border, vertical="top", wrap=True,
                    number_format=number_format or "General",
                )
            )  # fmt: skip
        return looks[key]

    for sheet in sheets:
        ws = _add_sheet(path, book, sheet.name)
        width = len(sheet.header)
        widths = [cell_width(name) for name in sheet.header]
        texts: list[tuple[int, int, str]] = []  # (row, column, text) of the texts that may wrap
        with _cell_errors(path):
            ws.append_merged(neutralise(sheet.title), title_look, width)
            ws.append([neutralise(name) for name in sheet.header], [head_look] * width)
            for row in sheet.rows:
                values: list[object] = []
                styles: list[int] = []
                for index, value in enumerate(row):
                    given = _PLAIN
                    if isinstance(value, Cell):
                        given, value = value, value.value
                    number_format = given.number_format or None
                    stored: object
                    if value is None or value == "":
                        stored, shown = None, ""
                    elif isinstance(value, str):
                        stored = shown = neutralise(value)
                    else:
                        stored, dated = _stored(value)
                        number_format = number_format or dated  # a date's own, unless given one
                        shown = "" if given.shown else _written_text(value, stored)
                    values.append(stored)
                    styles.append(data_look(number_format, given.fill or None, given.bold))
                    shown = given.shown or shown
                    if _wider(shown, widths[index]):
                        widths[index] = cell_width(shown)
                    if isinstance(stored, str) and len(stored) > _NARROWEST:  # a text that may wrap
                        texts.append((ws.rows, index, stored))
                ws.append(values, styles)
        for index, column_width in enumerate(widths):
            ws.widths[index] = min(50, max(6, column_width + 2))
        # A text wider than its column wraps onto lines of their own: its row is made as tall, as
        # no spreadsheet grows a row by itself when it opens a file (a printed title is not cut).
        for at, index, text in texts:
            # (a spreadsheet draws a Chinese character somewhat wider than two digits: a line
            # is taken to hold nine tenths of the column's cells)
            room = max(1, (ws.widths[index] - 1) * 9 // 10)
            if 2 * len(text) <= room:  # (a character is at most two cells wide)
                continue
            lines = -(-cell_width(text) // room)
            if lines > 1:
                ws.heights[at] = max(ws.heights.get(at, 0), _LINE_POINTS * lines)
        ws.frozen_rows = 2
        ws.print_rows = (1, 2)
        ws.landscape_fit = True
    write_output(path, book.save(), protected=protected)
