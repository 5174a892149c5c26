"""Writing .xlsx workbooks: each part's SpreadsheetML written out as text, element for element as
openpyxl 3.1 writes it, each look registered once and named by its number in every cell.

openpyxl makes an object of every cell (its write-only mode too) and hashes each style given to
one, about 40 µs a styled cell: seconds for a province's plan, where joining the strings takes a
fraction of one. Reading (tables.read_table) stays with openpyxl.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from importlib import resources

from .i18n import _

MAX_TEXT = 32767  # characters in a cell
MAX_TITLE = 31  # characters in a sheet's name (Excel refuses a workbook with a longer one)
# Characters XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPECIAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f&<>\r]")  # what a text cannot hold as it is
_EXACT = 10**16  # whole numbers below this are written as they are (16 significant digits)
_BAD_TITLE = re.compile(r"[\\*?:/\[\]]")

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# The number formats every spreadsheet knows by number (ECMA-376, 18.8.30); others are written
# into the workbook from 164 on.
BUILTIN_FORMATS = {
    "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
    "0.00E+00": 11, "# ?/?": 12, "# ??/??": 13, "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16,
    "mmm-yy": 17, "h:mm AM/PM": 18, "h:mm:ss AM/PM": 19, "h:mm": 20, "h:mm:ss": 21,
    "m/d/yy h:mm": 22, "#,##0_);(#,##0)": 37, "#,##0_);[Red](#,##0)": 38,
    "#,##0.00_);(#,##0.00)": 39, "#,##0.00_);[Red](#,##0.00)": 40, "mm:ss": 45, "[h]:mm:ss": 46,
    "mmss.0": 47, "##0.0E+0": 48, "@": 49,
}  # fmt: skip
_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system

# The default look of every workbook, as openpyxl writes it.
_DEFAULT_FONT = (
    '<font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font>'
)
_DEFAULT_FILLS = ["<fill><patternFill/></fill>", '<fill><patternFill patternType="gray125"/></fill>']
_DEFAULT_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>"
_PALETTE = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF "
    "FFFF00 FF00FF 00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 "
    "FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF 800080 800000 008080 "
    "0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 3366FF 33CCCC 99CC00 FFCC00 "
    "FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333"
).split()
_PROTECTION = (
    '<sheetProtection selectLockedCells="0" selectUnlockedCells="0" sheet="1" objects="0" '
    'insertRows="1" insertHyperlinks="1" autoFilter="1" scenarios="0" formatColumns="1" '
    'deleteColumns="1" insertColumns="1" pivotTables="1" deleteRows="1" formatCells="1" '
    'formatRows="1" sort="1"/>'
)


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
    vertical: str | None = None
    wrap: bool = False
    number_format: str = "General"
    locked: bool = True


@dataclass
class Validation:
    """What a cell accepts (a data validation): a number rule ("decimal" with an operator) or a
    "list" of values, with the message shown when it is refused (with `show_error`)."""

    type: str
    formula: str
    operator: str | None = None
    error: str | None = None
    show_error: bool = False
    cells: list[str] = field(default_factory=list)


class Worksheet:
    """One sheet, its rows appended in order, with its columns' widths, merged ranges, frozen rows,
    print settings, protection and validations."""

    def __init__(self, title: str, looks: dict[int, str], hidden: bool) -> None:
        self.title = title
        self.hidden = hidden
        self.widths: dict[int, float] = {}  # by column, from 0
        self.merged: list[str] = []
        self.frozen_rows = 0
        self.print_rows: tuple[int, int] | None = None  # the rows repeated atop every printed page
        self.landscape_fit = False  # printed on A4 landscape, one page wide
        self.protected = False
        self.validations: list[Validation] = []
        self._looks = looks  # look number -> its s="…" attribute (shared with the workbook)
        self._rows: list[str] = []
        self._columns = 0  # columns the cells span (for the sheet's dimension)
        self._letters: list[str] = []

    def letter(self, column: int) -> str:
        """A column (from 0) by its letters: A, …, Z, AA, …"""
        while len(self._letters) <= column:
            index, name = len(self._letters) + 1, ""
            while index:
                index, remainder = divmod(index - 1, 26)
                name = chr(65 + remainder) + name
            self._letters.append(name)
        return self._letters[column]

    def append(self, values: Sequence[object], looks: Sequence[int] | None = None) -> None:
        """A row after the last: a value for each column from A (None: no value, a cell only if it
        has a look), each with its look's number (Workbook.look; none: the default look). A text
        is written as text whatever it starts with, a number as a number, a date or datetime as
        Excel's serial number (give it a date's number format)."""
        number = len(self._rows) + 1
        row = str(number)
        if len(values) > len(self._letters):
            self.letter(len(values) - 1)
        letters = self._letters
        attributes = self._looks
        parts = [f'<row r="{row}">']
        for index, value in enumerate(values):
            s = attributes[looks[index]] if looks is not None else ""
            if isinstance(value, str):
                if not value:
                    parts.append(f'<c r="{letters[index]}{row}"{s} t="inlineStr"></c>')
                    continue
                space = ' xml:space="preserve"' if value != value.strip() else ""
                if len(value) > MAX_TEXT or _SPECIAL.search(value):
                    value = _text(value, number, index)
                parts.append(
                    f'<c r="{letters[index]}{row}"{s} t="inlineStr"><is><t{space}>{value}</t></is></c>'
                )
            elif isinstance(value, int) and type(value) is not bool and -_EXACT < value < _EXACT:
                parts.append(f'<c r="{letters[index]}{row}"{s} t="n"><v>{value}</v></c>')
            elif value is None:
                if s:
                    parts.append(f'<c r="{letters[index]}{row}"{s} t="n"></c>')
            else:
                parts.append(_cell(f"{letters[index]}{row}", s, value))
        parts.append("</row>")
        self._rows.append("".join(parts))
        self._columns = max(self._columns, len(values))

    def xml(self) -> bytes:
        columns = self._columns
        for merged in self.merged:
            columns = max(columns, _column_number(merged.rpartition(":")[2]))
        dimension = f"A1:{self.letter(max(columns, 1) - 1)}{max(len(self._rows), 1)}"
        fit = ' fitToPage="1"' if self.landscape_fit else ""
        parts = [
            f'<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
            f'<pageSetUpPr{fit}/></sheetPr><dimension ref="{dimension}"/>'
            '<sheetViews><sheetView workbookViewId="0">'
        ]
        if self.frozen_rows:
            top = f"A{self.frozen_rows + 1}"
            parts.append(
                f'<pane ySplit="{self.frozen_rows}" topLeftCell="{top}" activePane="bottomLeft" '
                'state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/>'
            )
        else:
            parts.append('<selection activeCell="A1" sqref="A1"/>')
        parts.append('</sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>')
        if self.widths:
            parts.append("<cols>")
            for column, width in sorted(self.widths.items()):
                parts.append(
                    f'<col width="{_number(width)}" customWidth="1" min="{column + 1}" max="{column + 1}"/>'
                )
            parts.append("</cols>")
        parts.append("<sheetData>")
        parts.extend(self._rows)
        parts.append("</sheetData>")
        if self.protected:
            parts.append(_PROTECTION)
        if self.merged:
            parts.append(f'<mergeCells count="{len(self.merged)}">')
            parts.extend(f'<mergeCell ref="{ref}"/>' for ref in self.merged)
            parts.append("</mergeCells>")
        validations = [v for v in self.validations if v.cells]
        if validations:
            parts.append(f'<dataValidations count="{len(validations)}">')
            parts.extend(_validation(v) for v in validations)
            parts.append("</dataValidations>")
        parts.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>')
        if self.landscape_fit:
            parts.append('<pageSetup orientation="landscape" paperSize="9" fitToHeight="0" fitToWidth="1"/>')
        parts.append("</worksheet>")
        return "".join(parts).encode()


def _cell(reference: str, s: str, value: object) -> str:
    """A cell of a value other than a text or a small whole number."""
    if isinstance(value, bool):
        return f'<c r="{reference}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"{s} t="n"><v>{_number(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{reference}"{s} t="n"><v>{_number(_serial(value))}</v></c>'
    raise TypeError(f"a cell cannot hold {type(value).__name__}")


def _text(text: str, row: int, column: int) -> str:
    """A text that is too long or holds a character XML does not take as it is: escaped, or TextError."""
    if len(text) > MAX_TEXT or _ILLEGAL.search(text):
        raise TextError(row, column, len(text) > MAX_TEXT)
    return _escape(text)


class Workbook:
    """Sheets and the looks their cells use; `save` gives the .xlsx file's bytes."""

    def __init__(self) -> None:
        self.sheets: list[Worksheet] = []
        self._fonts = [_DEFAULT_FONT]
        self._fills = list(_DEFAULT_FILLS)
        self._borders = [_DEFAULT_BORDER]
        self._formats: list[str] = []  # number formats of the workbook's own, from 164 on
        self._xfs = [
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>'
        ]
        self._numbers: dict[Look, int] = {Look(): 0}
        self._attributes: dict[int, str] = {0: ""}  # a look's number -> s="…" in its cells

    def add(self, title: str, *, hidden: bool = False) -> Worksheet:
        """A new sheet after the others; ValueError for a name a spreadsheet refuses."""
        if not title:
            raise ValueError(_("a sheet's name cannot be empty"))
        bad = _BAD_TITLE.search(title)
        if bad:
            raise ValueError(_("a sheet's name cannot hold {char}").format(char=bad.group(0)))
        if len(title) > MAX_TITLE:
            raise ValueError(_("a sheet's name has at most {limit} characters").format(limit=MAX_TITLE))
        if any(sheet.title.lower() == title.lower() for sheet in self.sheets):
            raise ValueError(_("another sheet has that name"))
        sheet = Worksheet(title, self._attributes, hidden)
        self.sheets.append(sheet)
        return sheet

    def look(self, look: Look) -> int:
        """The number cells name `look` by (Worksheet.append)."""
        known = self._numbers.get(look)
        if known is not None:
            return known
        font = 0
        if look.bold or look.size is not None:
            font = _index(self._fonts, _font(look))
        fill = 0 if look.fill is None else _index(self._fills, _fill(look.fill))
        border = 0 if look.border is None else _index(self._borders, _border(look.border))
        number_format = BUILTIN_FORMATS.get(look.number_format)
        if number_format is None:
            number_format = 164 + _index(self._formats, look.number_format)
        applies, inside = "", ""
        alignment = "".join(
            f' {name}="{value}"'
            for name, value in (("horizontal", look.horizontal), ("vertical", look.vertical))
            if value is not None
        ) + (' wrapText="1"' if look.wrap else "")
        if alignment:
            applies += ' applyAlignment="1"'
            inside += f"<alignment{alignment}/>"
        if not look.locked:
            applies += ' applyProtection="1"'
            inside += '<protection locked="0" hidden="0"/>'
        head = f'<xf numFmtId="{number_format}" fontId="{font}" fillId="{fill}" borderId="{border}"{applies}'
        tail = ' pivotButton="0" quotePrefix="0" xfId="0"'
        xf = f"{head}{tail}>{inside}</xf>" if inside else f"{head}{tail}/>"
        number = _index(self._xfs, xf)
        self._numbers[look] = number
        self._attributes[number] = f' s="{number}"'
        return number

    def save(self) -> bytes:
        """The workbook as the bytes of an .xlsx file (a zip of its parts, as openpyxl orders them)."""
        if not self.sheets:
            raise ValueError("a workbook needs a sheet")
        if all(sheet.hidden for sheet in self.sheets):
            raise ValueError("a workbook needs a sheet that is not hidden")
        moment = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        count = len(self.sheets)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("docProps/app.xml", _app())
            archive.writestr("docProps/core.xml", _core(moment))
            archive.writestr("xl/theme/theme1.xml", _theme())
            for number, sheet in enumerate(self.sheets, start=1):
                archive.writestr(f"xl/worksheets/sheet{number}.xml", sheet.xml())
            archive.writestr("xl/styles.xml", self._styles())
            archive.writestr("_rels/.rels", _root_rels())
            archive.writestr("xl/workbook.xml", self._workbook())
            archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(count))
            archive.writestr("[Content_Types].xml", _content_types(count))
        return buffer.getvalue()

    def _styles(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{164 + index}" formatCode="{_attribute(code)}"/>'
            for index, code in enumerate(self._formats)
        )
        numbers = (
            f'<numFmts count="{len(self._formats)}">{formats}</numFmts>'
            if formats
            else '<numFmts count="0"/>'
        )
        palette = "".join(f'<rgbColor rgb="00{colour}"/>' for colour in _PALETTE)
        return (
            f'<styleSheet xmlns="{_MAIN}">{numbers}'
            f'<fonts count="{len(self._fonts)}">{"".join(self._fonts)}</fonts>'
            f'<fills count="{len(self._fills)}">{"".join(self._fills)}</fills>'
            f'<borders count="{len(self._borders)}">{"".join(self._borders)}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self._xfs)}">{"".join(self._xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
            '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
            'defaultPivotStyle="PivotStyleLight16"/>'
            f"<colors><indexedColors>{palette}</indexedColors></colors></styleSheet>"
        )

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet xmlns:r="{_DOC_RELS}" name="{_attribute(sheet.title)}" sheetId="{number}" '
            f'state="{"hidden" if sheet.hidden else "visible"}" r:id="rId{number}"/>'
            for number, sheet in enumerate(self.sheets, start=1)
        )
        names = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
            f"{_escape(_quoted(sheet.title))}!${sheet.print_rows[0]}:${sheet.print_rows[1]}</definedName>"
            for index, sheet in enumerate(self.sheets)
            if sheet.print_rows is not None
        )
        first = next(index for index, sheet in enumerate(self.sheets) if not sheet.hidden)
        return (
            f'<workbook xmlns="{_MAIN}"><workbookPr/><workbookProtection/><bookViews><workbookView '
            'visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" '
            f'showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="{first}" '
            'autoFilterDateGrouping="1"/>'
            f"</bookViews><sheets>{sheets}</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "<definedNames/>")
            + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )


def _index(items: list[str], item: str) -> int:
    """Where `item` is in `items`, appended when it is not there."""
    try:
        return items.index(item)
    except ValueError:
        items.append(item)
        return len(items) - 1


def _font(look: Look) -> str:
    bold = '<b val="1"/>' if look.bold else ""
    size = "" if look.size is None else f'<sz val="{_number(look.size)}"/>'
    return f"<font>{bold}{size}</font>"


def _fill(colour: str) -> str:
    return f'<fill><patternFill patternType="solid"><fgColor rgb="00{colour}"/></patternFill></fill>'


def _border(colour: str) -> str:
    side = f'style="thin"><color rgb="00{colour}"/>'
    return (
        f"<border><left {side}</left><right {side}</right><top {side}</top><bottom {side}</bottom></border>"
    )


def _validation(v: Validation) -> str:
    error = "" if v.error is None else f' error="{_attribute(v.error)}"'
    operator = "" if v.operator is None else f' operator="{v.operator}"'
    return (
        f'<dataValidation sqref="{" ".join(v.cells)}" showDropDown="0" showInputMessage="0" '
        f'showErrorMessage="{int(v.show_error)}" allowBlank="1"{error} type="{v.type}"{operator}>'
        f"<formula1>{_escape(v.formula)}</formula1></dataValidation>"
    )


@functools.cache
def _theme() -> bytes:
    """The theme openpyxl writes into every workbook (Office's own, its fonts and colours)."""
    return resources.files("shishi_cli").joinpath("templates/theme1.xml").read_bytes()


def _app() -> str:
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>shishi</Application></Properties>"
    )


def _core(moment: str) -> str:
    stamp = (
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF"'
    )
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
        '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">shishi</dc:creator>'
        f"<dcterms:created {stamp}>{moment}</dcterms:created>"
        f"<dcterms:modified {stamp}>{moment}</dcterms:modified></cp:coreProperties>"
    )


def _root_rels() -> str:
    return (
        f'<Relationships xmlns="{_RELS}">'
        f'<Relationship Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml" Id="rId1"/>'
        f'<Relationship Type="{_RELS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
        f'<Relationship Type="{_DOC_RELS}/extended-properties" Target="docProps/app.xml" Id="rId3"/>'
        "</Relationships>"
    )


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Type="{_DOC_RELS}/worksheet" Target="/xl/worksheets/sheet{n}.xml" Id="rId{n}"/>'
        for n in range(1, count + 1)
    )
    return (
        f'<Relationships xmlns="{_RELS}">{sheets}'
        f'<Relationship Type="{_DOC_RELS}/styles" Target="styles.xml" Id="rId{count + 1}"/>'
        f'<Relationship Type="{_DOC_RELS}/theme" Target="theme/theme1.xml" Id="rId{count + 2}"/>'
        "</Relationships>"
    )


def _content_types(count: int) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>'
        for n in range(1, count + 1)
    )
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{office}.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{office}.extended-properties+xml"/>'
        f"{sheets}"
        f'<Override PartName="/xl/workbook.xml" ContentType="{office}.spreadsheetml.sheet.main+xml"/>'
        "</Types>"
    )


def _escape(text: str) -> str:
    """Text as XML character data (a carriage return kept: a parser turns a bare one into a line feed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    """Text as an XML attribute value (quotes, tabs and line breaks kept as written)."""
    text = _escape(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def _quoted(title: str) -> str:
    """A sheet's name as a formula names it: 'name', a quote in it doubled."""
    return "'" + title.replace("'", "''") + "'"


def _number(value: float) -> str:
    """A number as openpyxl writes it: 16 significant digits, no exponent below 1e16; nothing for
    a value that is not finite."""
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    return format(value, ".16g")


def _serial(moment: date) -> float:
    """A date or datetime as Excel's serial number of days (1900 date system)."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    days = (moment - _EPOCH).days
    if 0 < days <= 60:  # Excel counts a 29 February 1900 that never was
        days -= 1
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 10**6
    return days + seconds / 86400


def _column_number(reference: str) -> int:
    """The column of a cell reference, from 1: "M1" -> 13."""
    number = 0
    for char in reference:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number
