"""The bulletin as a Word document (bulletin --docx), laid out as a government notice in the spirit
of GB/T 9704: A4 with its margins, a title in 小标宋 (二号), 第N件 in 黑体, the body in 仿宋 at
三号 (16 pt) with a first-line indent of two characters, lines 28 points apart.

python-docx is imported only here, when a document is written.
"""

from __future__ import annotations

import io
import re
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from .bulletin import bulletin_blocks

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

# The fonts asked for, each with one every Chinese Windows PC has, which Word takes where the
# first is not installed (the document's font table names it as the alternative).
TITLE_FONT = ("方正小标宋简体", "黑体")
HEADING_FONT = ("黑体", "SimHei")
BODY_FONT = ("仿宋_GB2312", "仿宋")
LATIN_FONT = "Times New Roman"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号


def bulletin_docx(markdown: str) -> bytes:
    """The bulletin's Markdown (render.bulletin) as the bytes of a .docx file."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    for name, (east, size, bold) in {
        "Normal": (BODY_FONT[0], BODY_SIZE, False),
        "Title": (TITLE_FONT[0], TITLE_SIZE, False),
        "Heading 1": (HEADING_FONT[0], BODY_SIZE, False),
    }.items():
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = None
        _fonts(style.element.get_or_add_rPr(), east)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28 if name != "Title" else 36)
        fmt.space_before = fmt.space_after = Pt(0)
        _no_border(style.element)
    _alternatives(document)
    # A paragraph of each kind laid out once by python-docx, then copied for each block: adding
    # thousands through python-docx looks the style up and walks the body each time (seconds for
    # a province's bulletin), and a copy is the same XML.
    end = document.element.body.sectPr  # the section's properties: the body's last element
    shapes: dict[str, Any] = {}
    for kind in ("title", "heading", "bold", "paragraph"):
        paragraph: Paragraph
        if kind == "title":
            paragraph = document.add_paragraph(style="Title")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(28)
        elif kind == "heading":
            paragraph = document.add_paragraph(style="Heading 1")
            paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
            paragraph.paragraph_format.keep_with_next = True
        else:
            paragraph = document.add_paragraph(style="Normal")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
        run = paragraph.add_run()
        if kind == "bold":
            run.bold = True
        shapes[kind] = end.getprevious()  # the paragraph just added, taken out as a pattern
        end.getparent().remove(shapes[kind])
    for kind, text in bulletin_blocks(markdown):
        p = deepcopy(shapes[kind])
        _run_text(p[-1], text)
        end.addprevious(p)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


# Where python-docx's run.text puts an element of its own: a tab, a line break.
_BREAKS = re.compile(r"([\t\r\n])")


def _run_text(run: Any, text: str) -> None:
    """`text` into a run as python-docx's run.text writes it: a <w:t> for each stretch of text
    (spaces at its ends kept), <w:tab/> for a tab, <w:br/> for a line break."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for part in _BREAKS.split(text):
        if part == "\t":
            run.append(OxmlElement("w:tab"))
        elif part in ("\r", "\n"):
            run.append(OxmlElement("w:br"))
        elif part:
            t = OxmlElement("w:t")
            t.text = part
            if len(part.strip()) < len(part):
                t.set(qn("xml:space"), "preserve")
            run.append(t)


def _fonts(rpr: Any, east: str) -> None:
    """Name the Chinese and the Latin font of a run's properties, not the theme's."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east)


def _no_border(style: Any) -> None:
    """The template's Title has a rule under it; a notice's title has none."""
    from docx.oxml.ns import qn

    ppr = style.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _alternatives(document: Any) -> None:
    """Each font asked for, in the font table, with the one Word takes where it is missing."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table = document.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(table.blob)
    for font, alternative in (TITLE_FONT, HEADING_FONT, BODY_FONT):
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{font}"><w:altName w:val="{alternative}"/>'
                '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            )
        )
    table._blob = serialize_part_xml(root)
