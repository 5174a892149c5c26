"""Writing .xlsx workbooks with XlsxWriter: shishi's looks made its formats once each, rows appended
in order, and the settings shishi's workbooks share (page margins, widths as the file records
them, texts checked before a cell takes them). Reading spreadsheets stays with openpyxl
(tables.read_table).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .i18n import _

MAX_TEXT = 32767  # characters in a cell
MAX_TITLE = 31  # characters in a sheet's name (Excel refuses a workbook with a longer one)
MAX_LIST = 255  # characters of a list of values a validation offers (Excel's limit)
# Characters XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return. (XlsxWriter
# would write them as _x0007_ escapes; shishi refuses them, as it always has.)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BAD_TITLE = re.compile(r"[\\*?:/\[\]]")
_DIGIT_PIXELS = 7  # the width of a digit of the default font (Calibri 11), in pixels
# openpyxl's page margins (inches), which shishi's workbooks have always had; XlsxWriter's own are
# Excel's (0.7, 0.75 and 0.3).
_MARGINS = {"left": 0.75, "right": 0.75, "top": 1.0, "bottom": 1.0}
_HEADER_MARGIN = 0.5
_VERTICAL = {"top": "top", "center": "vcenter", "bottom": "bottom"}  # XlsxWriter's names


class TextError(ValueError):
    """A text a cell cannot hold: too long, or with a control character XML cannot carry."""

    def __init__(self, row: int, column: int, too_long: bool) -> None:
        super().__init__(f"row {row} column {column}: " + ("too long" if too_long else "a control character"))
        self.row = row
        self.column = column  # from 0
        self.too_long = too_long


@dataclass(frozen=True)
class Look:
    """How a cell looks: its font (bold, a size in points), a solid fill and a thin border all
    round (each an RGB colour, "DDEBF7"), its alignment, its number format, and whether it stays
    locked when its sheet is protected."""

    bold: bool = False
    size: int | None = None
    fill: str | None = None
    border: str | None = None
    horizontal: str | None = None
    vertical: str | None = None  # top, center or bottom
    wrap: bool = False
    number_format: str = "General"
    locked: bool = True


@dataclass
class Validation:
    """What a cell accepts (a data validation): a number rule ("decimal" with an operator and a
    value) or a "list" of values, with the message shown when it is refused (with `show_error`)."""

    type: str
    criteria: str | None = None  # a number rule's operator, as XlsxWriter names it: ">="
    value: float | None = None
    values: list[str] | None = None  # a list's values
    error: str | None = None
    show_error: bool = False
    cells: list[str] = field(default_factory=list)


class Worksheet:
    """One sheet, its rows appended in order, with its columns' widths, frozen rows, print
    settings, protection and validations (applied when the workbook is saved)."""

    def __init__(self, sheet: Any, formats: list[Any]) -> None:
        self.widths: dict[int, int] = {}  # by column, from 0: characters, as the file records them
        self.heights: dict[int, float] = {}  # by row, from 0: points, of rows whose text wraps
        self.frozen_rows = 0
        self.print_rows: tuple[int, int] | None = None  # the rows repeated atop every printed page
        self.landscape_fit = False  # printed on A4 landscape, one page wide
        self.protected = False
        self.validations: list[Validation] = []
        self._sheet = sheet
        self._write_string, self._write_number = sheet.write_string, sheet.write_number
        self._formats = formats  # look number -> XlsxWriter format (None: the default look)
        self._row = 0  # the next row, from 0

    @property
    def rows(self) -> int:
        """The rows appended so far: the next one's number, from 0."""
        return self._row

    def letter(self, column: int) -> str:
        """A column (from 0) by its letters: A, …, Z, AA, …"""
        from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]

        return str(xl_col_to_name(column))

    def append(self, values: Sequence[object], looks: Sequence[int] | None = None) -> None:
        """A row after the last: a value for each column from A (None or "": no value, a cell only
        if it has a look), each with its look's number (Workbook.look; none: the default look). A
        text is written as text whatever it starts with, a number as a number (finite), a date or
        datetime as a date (give it a date's number format)."""
        row = self._row
        self._row += 1
        formats = self._formats
        write_string, write_number = self._write_string, self._write_number
        # The usual cells (a text, a number, nothing) without a call of shishi's own: a province's
        # progress sheet is some 400,000 of them.
        for column, value in enumerate(values):
            cell_format = formats[looks[column]] if looks is not None else None
            if type(value) is str:
                if not value or len(value) > MAX_TEXT or _ILLEGAL.search(value):
                    self._text(row, column, value, cell_format)
                elif write_string(row, column, value, cell_format):  # -2: over 32,767 in UTF-16
                    raise TextError(row + 1, column, True)
            elif type(value) is int or type(value) is float:
                write_number(row, column, value, cell_format)
            elif value is not None:
                self._write(row, column, value, cell_format)
            elif cell_format is not None:
                self._sheet.write_blank(row, column, None, cell_format)

    def append_merged(self, value: object, look: int, columns: int) -> None:
        """A row of one value, its cell merged across the first `columns` columns (all of the
        look given)."""
        row = self._row
        if columns > 1:
            self._sheet.merge_range(row, 0, row, columns - 1, "", self._formats[look])
        self.append([value], [look])

    def _text(self, row: int, column: int, text: str, cell_format: Any) -> None:
        if not text:
            if cell_format is not None:
                self._sheet.write_blank(row, column, None, cell_format)
        elif len(text) > MAX_TEXT or _ILLEGAL.search(text):
            raise TextError(row + 1, column, len(text) > MAX_TEXT)
        elif self._write_string(row, column, text, cell_format):  # -2: over 32,767 in UTF-16
            raise TextError(row + 1, column, True)

    def _write(self, row: int, column: int, value: object, cell_format: Any) -> None:
        """A cell of any other value: true or false, a date, a kind of text or number."""
        if isinstance(value, bool):
            self._sheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, str):
            self._text(row, column, str(value), cell_format)
        elif isinstance(value, int | float):
            self._write_number(row, column, value, cell_format)
        elif isinstance(value, date):
            self._sheet.write_datetime(row, column, value, cell_format)
        else:
            raise TypeError(f"a cell cannot hold {type(value).__name__}")

    def _settle(self) -> None:
        """The sheet's settings, as XlsxWriter takes them."""
        sheet = self._sheet
        for column, width in sorted(self.widths.items()):
            # shishi's widths are the file's, as openpyxl wrote them: a column of width W is 7 × W
            # pixels wide. XlsxWriter's set_column takes the width Excel's dialog shows, 5 pixels
            # less: give it the pixels.
            sheet.set_column_pixels(column, column, width * _DIGIT_PIXELS)
        for row, height in sorted(self.heights.items()):
            sheet.set_row(row, height)
        if self.frozen_rows:
            sheet.freeze_panes(self.frozen_rows, 0)
        if self.print_rows is not None:
            sheet.repeat_rows(self.print_rows[0] - 1, self.print_rows[1] - 1)
        sheet.set_margins(**_MARGINS)
        sheet.set_header("", {"margin": _HEADER_MARGIN})
        sheet.set_footer("", {"margin": _HEADER_MARGIN})
        if self.landscape_fit:
            sheet.set_landscape()
            sheet.set_paper(9)  # A4
            sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
        if self.protected:
            # No password: a lock against slips, not against people. Objects and scenarios stay
            # free, as openpyxl left them.
            sheet.protect("", {"objects": True, "scenarios": True})
        for validation in self.validations:
            if validation.cells:
                self._validate(validation)

    def _validate(self, validation: Validation) -> None:
        options: dict[str, Any] = {
            "validate": validation.type,
            "show_input": False,
            "show_error": validation.show_error,
            "multi_range": " ".join(validation.cells),
        }
        if validation.values is not None:
            if len(",".join(validation.values).encode("utf-16-le")) > 2 * MAX_LIST:
                return  # Excel refuses a workbook with a longer list (the cells stay open to any text)
            options["source"] = validation.values
        else:
            options["criteria"], options["value"] = validation.criteria, validation.value
        if validation.error is not None:
            options["error_message"] = validation.error
        self._sheet.data_validation(validation.cells[0], options)


class Workbook:
    """Sheets and the looks their cells use; `save` gives the .xlsx file's bytes."""

    def __init__(self) -> None:
        import xlsxwriter  # type: ignore[import-untyped]  # lazily: start-up time matters

        self._buffer = io.BytesIO()
        # Whatever a text starts with it stays a text (write_string, and these off for the rest).
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        self._book = xlsxwriter.Workbook(self._buffer, options)
        self._book.set_properties({"author": "shishi"})
        self._formats: list[Any] = [None]
        self._numbers: dict[Look, int] = {Look(): 0}
        self.sheets: list[Worksheet] = []
        self._titles: list[str] = []
        self._hidden: list[bool] = []

    def add(self, title: str, *, hidden: bool = False) -> Worksheet:
        """A new sheet after the others; ValueError for a name a spreadsheet refuses."""
        if not title:
            raise ValueError(_("a sheet's name cannot be empty"))
        bad = _BAD_TITLE.search(title)
        if bad:
            raise ValueError(_("a sheet's name cannot hold {char}").format(char=bad.group(0)))
        if title.startswith("'") or title.endswith("'"):
            raise ValueError(_("a sheet's name cannot begin or end with '"))
        if len(title.encode("utf-16-le")) > 2 * MAX_TITLE:
            raise ValueError(_("a sheet's name has at most {limit} characters").format(limit=MAX_TITLE))
        if any(known.lower() == title.lower() for known in self._titles):
            raise ValueError(_("another sheet has that name"))
        sheet = self._book.add_worksheet(title)
        if hidden:
            sheet.hide()
        self._titles.append(title)
        self._hidden.append(hidden)
        self.sheets.append(Worksheet(sheet, self._formats))
        return self.sheets[-1]

    def look(self, look: Look) -> int:
        """The number cells name `look` by (Worksheet.append)."""
        known = self._numbers.get(look)
        if known is not None:
            return known
        properties: dict[str, Any] = {"bold": look.bold, "text_wrap": look.wrap, "locked": look.locked}
        if look.size is not None:
            properties["font_size"] = look.size
        if look.fill is not None:
            properties.update(pattern=1, fg_color=f"#{look.fill}")
        if look.border is not None:
            properties.update(border=1, border_color=f"#{look.border}")
        if look.horizontal is not None:
            properties["align"] = look.horizontal
        if look.vertical is not None:
            properties["valign"] = _VERTICAL[look.vertical]
        if look.number_format != "General":
            properties["num_format"] = look.number_format
        self._formats.append(self._book.add_format(properties))
        self._numbers[look] = len(self._formats) - 1
        return self._numbers[look]

    def save(self) -> bytes:
        """The workbook as the bytes of an .xlsx file, its first sheet that is not hidden shown."""
        if not self.sheets:
            raise ValueError("a workbook needs a sheet")
        if all(self._hidden):
            raise ValueError("a workbook needs a sheet that is not hidden")
        for sheet in self.sheets:
            sheet._settle()
        self.sheets[self._hidden.index(False)]._sheet.activate()
        self._book.close()
        return self._buffer.getvalue()
