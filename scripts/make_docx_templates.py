#!/usr/bin/env python3
"""Generate the DOCX templates (``templates/docx/<kind>.docx``) with python-docx.

The templates are code so that they can be reviewed and regenerated: this script is their source, the
.docx files are build output kept in the repository (a test checks that they match this script). They hold
only docxtpl/Jinja tags and no text of their own: every word comes from the context's labels, so one
template serves nynorsk and bokmål. They follow the PDF layout (``templates/html/style.css``): Noto Sans,
A4, a header block with municipality and unit, facts and grid tables, "Side X av Y" in the footer.

docxtpl tags used: ``{%p ... %}`` (a paragraph that holds only a block tag), ``{%tr ... %}`` (a table row
that holds only a block tag), ``{{ ... }}`` inside runs. Long texts use the ``prose`` filters of
``bti_docs.render.docx``.

Usage: ``python scripts/make_docx_templates.py [--out DIR]`` (default: ``templates/docx`` in the project).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from bti_docs.forms.models import Skjema
from bti_docs.render.docx import CREATOR, TEMPLATE_EPOCH, repack, set_core_properties

PROJECT = Path(__file__).resolve().parent.parent
FONT = "Noto Sans"
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_MM = 20.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM

INK = "111111"
GREY_TEXT = "444444"
META_TEXT = "333333"
RUNNING_TEXT = "555555"
RULE_DARK = "555555"
RULE_LIGHT = "B5B5B5"
HEAD_FILL = "ECECEC"

Element = Any  # python-docx / lxml objects are untyped


# --- runs and paragraphs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class R:
    """A run: text (usually a Jinja expression) in a character style (none: the paragraph's)."""

    text: str
    style: str | None = None


STRONG = "Strong"
EMPHASIS = "Emphasis"
LABEL = "Etikett"


@dataclass(frozen=True)
class P:
    """A paragraph: a style and its runs."""

    style: str
    runs: tuple[R, ...]
    align: WD_ALIGN_PARAGRAPH | None = None
    keep_next: bool = False


def par(style: str, *runs: str | R, align: WD_ALIGN_PARAGRAPH | None = None, keep_next: bool = False) -> P:
    return P(style, tuple(r if isinstance(r, R) else R(r) for r in runs), align, keep_next)


def tag(text: str) -> P:
    """A paragraph that holds only a docxtpl block tag (``{%p if x %}``); it disappears when rendered."""
    return par("Normal", text)


def write_paragraph(paragraph: Element, spec: P) -> None:
    paragraph.style = spec.style
    if spec.align is not None:
        paragraph.alignment = spec.align
    if spec.keep_next:
        paragraph.paragraph_format.keep_with_next = True
    for r in spec.runs:
        paragraph.add_run(r.text, r.style)


def add(container: Element, *specs: P) -> None:
    for spec in specs:
        write_paragraph(container.add_paragraph(), spec)


def fill(cell: Element, specs: Sequence[P]) -> None:
    """The cell's paragraphs: the first spec goes into the paragraph every new cell has."""
    first, *rest = specs
    write_paragraph(cell.paragraphs[0], first)
    add(cell, *rest)


# --- low-level XML helpers --------------------------------------------------------------------------


def _el(tag_name: str, **attrs: str) -> Element:
    element = OxmlElement(tag_name if ":" in tag_name else f"w:{tag_name}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _replace(parent: Element, child: Element) -> Element:
    """Put ``child`` into ``parent``, replacing an element of the same tag."""
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
    else:
        parent.append(child)
    return child


Border = tuple[int, str] | None  # (width in eighths of a point, colour) or None for no line


def _borders(tag_name: str, sides: dict[str, Border]) -> Element:
    element = _el(tag_name)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side not in sides:
            continue
        spec = sides[side]
        if spec is None:
            element.append(_el(side, val="nil"))
        else:
            width, colour = spec
            element.append(_el(side, val="single", sz=str(width), space="0", color=colour))
    return element


# The order of tblPr's children in the OOXML schema (CT_TblPr): Word refuses files that break it.
TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)


def schema_order(parent: Element, order: Sequence[str]) -> None:
    """Sort ``parent``'s children into the schema's sequence (unknown children keep their place at the end)."""
    rank = {qn(f"w:{name}"): index for index, name in enumerate(order)}
    children = list(parent)
    for child in children:
        parent.remove(child)
    for child in sorted(children, key=lambda c: rank.get(c.tag, len(rank))):
        parent.append(child)


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


def set_fonts(r_pr: Element) -> None:
    """Noto Sans for every script, with no theme fonts left to override it."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = _el("rFonts")
        r_pr.insert(0, r_fonts)
    for attr in list(r_fonts.attrib):
        del r_fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        r_fonts.set(qn(f"w:{attr}"), FONT)


def paragraph_border(p_pr: Element, sides: dict[str, Border], space_pt: int = 1) -> None:
    element = _borders("pBdr", sides)
    for child in element:
        child.set(qn("w:space"), str(space_pt))
    # pBdr must come before spacing/ind/jc in pPr: insert after keepNext/keepLines/pageBreakBefore.
    old = p_pr.find(qn("w:pBdr"))
    if old is not None:
        p_pr.remove(old)
    p_pr.insert(_pbdr_position(p_pr), element)


_PPR_BEFORE_PBDR = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
)


def _pbdr_position(p_pr: Element) -> int:
    position = 0
    for index, child in enumerate(p_pr):
        if child.tag in {qn(f"w:{name}") for name in _PPR_BEFORE_PBDR}:
            position = index + 1
    return position


# --- styles -----------------------------------------------------------------------------------------


@dataclass
class StyleSpec:
    name: str
    size: float
    bold: bool = False
    italic: bool = False
    color: str = INK
    before: float = 0
    after: float = 0
    keep_next: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    left_indent_mm: float | None = None
    first_line_mm: float | None = None
    border: dict[str, Border] = field(default_factory=dict)
    border_space: int = 1
    base: str = "Normal"
    next_style: str | None = None
    line: float | None = None  # multiple of single line spacing
    right_tab: bool = False  # a right-aligned tab stop at the right margin


def _style(document: Element, name: str) -> Element:
    try:
        return document.styles[name]
    except KeyError:
        return document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


def define_style(document: Element, spec: StyleSpec) -> None:
    style = _style(document, spec.name)
    if spec.name != "Normal":
        style.base_style = document.styles[spec.base]
    style.quick_style = True
    r_pr = style.element.get_or_add_rPr()
    # Built-in styles carry theme colours and fonts: drop them so the document looks the same everywhere.
    for child in list(r_pr):
        if child.tag in {
            qn("w:color"),
            qn("w:rFonts"),
            qn("w:i"),
            qn("w:iCs"),
            qn("w:b"),
            qn("w:bCs"),
            qn("w:spacing"),
            qn("w:kern"),
            qn("w:caps"),
            qn("w:smallCaps"),
        }:
            r_pr.remove(child)
    set_fonts(r_pr)
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    font.color.rgb = RGBColor.from_string(spec.color)
    fmt = style.paragraph_format
    fmt.space_before = Pt(spec.before)
    fmt.space_after = Pt(spec.after)
    fmt.line_spacing = spec.line
    fmt.keep_with_next = spec.keep_next or None
    fmt.alignment = spec.align
    if spec.left_indent_mm is not None:
        fmt.left_indent = Mm(spec.left_indent_mm)
    if spec.first_line_mm is not None:
        fmt.first_line_indent = Mm(spec.first_line_mm)
    p_pr = style.element.get_or_add_pPr()
    for name in ("pBdr", "tabs"):  # Header/Footer bring US-letter tab stops, Title a coloured rule
        old = p_pr.find(qn(f"w:{name}"))
        if old is not None:
            p_pr.remove(old)
    if spec.border:
        paragraph_border(p_pr, spec.border, spec.border_space)
    if spec.next_style is not None:
        style.next_paragraph_style = document.styles[spec.next_style]
    if spec.right_tab:
        fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)


@dataclass(frozen=True)
class CharSpec:
    """A character style: bold, italic and/or a colour over the paragraph's font and size."""

    name: str
    bold: bool = False
    italic: bool = False
    color: str | None = None


CHAR_STYLES: tuple[CharSpec, ...] = (
    CharSpec(STRONG, bold=True),
    CharSpec(EMPHASIS, italic=True),
    CharSpec(LABEL, color=GREY_TEXT),
)


def define_char_style(document: Element, spec: CharSpec) -> None:
    try:
        style = document.styles[spec.name]
    except KeyError:
        style = document.styles.add_style(spec.name, WD_STYLE_TYPE.CHARACTER)
    style.quick_style = True
    r_pr = style.element.get_or_add_rPr()
    for child in list(r_pr):  # no theme colours or fonts from python-docx's built-in definition
        r_pr.remove(child)
    if spec.bold:
        style.font.bold = True
    if spec.italic:
        style.font.italic = True
    if spec.color is not None:
        style.font.color.rgb = RGBColor.from_string(spec.color)


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", 10, after=5, line=1.04),
    StyleSpec("Title", 20, bold=True, before=14, after=2, keep_next=True, next_style="Normal"),
    StyleSpec("Subtitle", 11.5, color=META_TEXT, after=2, keep_next=True, next_style="Normal"),
    StyleSpec(
        "Heading 1",
        12,
        bold=True,
        before=16,
        after=6,
        keep_next=True,
        next_style="Normal",
        border={"bottom": (5, "777777")},
        border_space=2,
    ),
    StyleSpec("Heading 2", 10.5, bold=True, before=10, after=4, keep_next=True, next_style="Normal"),
    StyleSpec("Heading 3", 10, bold=True, before=7, after=2, keep_next=True, next_style="Normal"),
    StyleSpec("Header", 7.5, color=RUNNING_TEXT, right_tab=True),
    StyleSpec("Footer", 7.5, color=RUNNING_TEXT, right_tab=True),
    # The municipality's logo goes into this paragraph at the top of the first page's header.
    StyleSpec("Logo", 7.5, after=2, line=1.0),
    StyleSpec("Kommune", 16, bold=True, line=1.0),
    StyleSpec("Eining og enhet", 11, before=2),
    StyleSpec("Metatekst", 8, color=META_TEXT, after=1, align=WD_ALIGN_PARAGRAPH.RIGHT),
    StyleSpec("Faktatekst", 10, after=0),
    StyleSpec("Tabelltekst", 9, after=2, line=1.0),
    StyleSpec("Evalueringstittel", 8.5, bold=True, after=2, keep_next=True, line=1.0, base="Tabelltekst"),
    StyleSpec("Boksoverskrift", 10.5, bold=True, before=4, after=2, keep_next=True, next_style="Faktatekst"),
    StyleSpec("Tabelltittel", 8.5, bold=True, after=0, keep_next=True, line=1.0),
    StyleSpec("Liten tekst", 8, color=GREY_TEXT, after=0, line=1.0),
    StyleSpec("Avstand", 6, after=0, line=1.0),  # a small gap (Word puts nothing between a table and text)
    StyleSpec("Tom", 10, italic=True, color=GREY_TEXT),
    StyleSpec("Merknad", 9.5, italic=True, color=META_TEXT, before=4),
    StyleSpec("Markert", 10, left_indent_mm=3.5, after=2, border={"left": (20, "333333")}, border_space=8),
    StyleSpec("Nummerliste", 10, left_indent_mm=6, first_line_mm=-6, after=4),
    StyleSpec(
        "Arbeidskopi",
        9,
        color=META_TEXT,
        after=0,
        left_indent_mm=2,
        border={"top": (6, "333333"), "left": (6, "333333"), "bottom": (6, "333333"), "right": (6, "333333")},
        border_space=5,
    ),
    StyleSpec("Arbeidskopi tittel", 10, bold=True, keep_next=True, base="Arbeidskopi"),
)


def define_styles(document: Element) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    set_fonts(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    _replace(p_pr, _el("spacing", after="0", line="240", lineRule="auto"))
    for spec in STYLES:
        define_style(document, spec)
    for char_spec in CHAR_STYLES:
        define_char_style(document, char_spec)
    numbered = document.styles["Nummerliste"].paragraph_format
    numbered.tab_stops.add_tab_stop(Mm(6))


# --- tables -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    header: str  # a Jinja expression for the header cell ("" for none)
    width: float  # mm
    align: WD_ALIGN_PARAGRAPH | None = None


@dataclass(frozen=True)
class Row:
    """A table row: one list of paragraphs per cell. ``span`` merges cells (first cell index, count)."""

    cells: tuple[tuple[P, ...], ...]
    span: tuple[int, int] | None = None
    kind: str = "data"  # "data", "tag" (a {%tr %} row), "sub" (continues the row above)


def row(*cells: P | Sequence[P]) -> Row:
    return Row(tuple((c,) if isinstance(c, P) else tuple(c) for c in cells))


def tag_row(text: str) -> Row:
    return Row(((tag(text),),), kind="tag")


def set_table(
    table: Element,
    widths: Sequence[float],
    borders: dict[str, Border],
    margins: tuple[float, float, float, float] = (3, 5, 3, 5),
) -> None:
    """Fixed layout, full text width, table borders, cell margins (top, right, bottom, left in pt)."""
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _replace(tbl_pr, _el("tblW", w=_twips(sum(widths)), type="dxa"))
    # Word's layout before 2013 (compatibilityMode 14, python-docx's template) puts the cell text at the
    # margin and hangs the borders out; indenting by the left cell margin puts the borders at the margin.
    _replace(tbl_pr, _el("tblInd", w=str(round(margins[3] * 20)), type="dxa"))
    _replace(tbl_pr, _borders("tblBorders", borders))
    _replace(tbl_pr, _el("tblLayout", type="fixed"))
    cell_margins = _el("tblCellMar")
    for side, value in zip(
        ("top", "left", "bottom", "right"), (margins[0], margins[3], margins[2], margins[1]), strict=True
    ):
        cell_margins.append(_el(side, w=str(round(value * 20)), type="dxa"))
    _replace(tbl_pr, cell_margins)
    # python-docx writes tblLook with odd defaults; none of the conditional formats are used.
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        tbl_pr.remove(look)
    tbl_pr.append(
        _el("tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
    )
    schema_order(tbl_pr, TBL_PR_ORDER)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Mm(width)
    for tr in table.rows:
        for cell, width in zip(tr.cells, widths, strict=True):
            cell.width = Mm(width)


def cell_borders(cell: Element, sides: dict[str, Border]) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    _replace(tc_pr, _borders("tcBorders", sides))
    # tcBorders must precede shd/vAlign in tcPr.
    borders = tc_pr.find(qn("w:tcBorders"))
    tc_pr.remove(borders)
    position = 0
    for index, child in enumerate(tc_pr):
        if child.tag in {qn("w:tcW"), qn("w:gridSpan"), qn("w:vMerge"), qn("w:hMerge")}:
            position = index + 1
    tc_pr.insert(position, borders)


def cell_fill(cell: Element, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = _el("shd", val="clear", color="auto", fill=colour)
    old = tc_pr.find(qn("w:shd"))
    if old is not None:
        tc_pr.remove(old)
    position = 0
    for index, child in enumerate(tc_pr):
        if child.tag in {qn("w:tcW"), qn("w:gridSpan"), qn("w:vMerge"), qn("w:hMerge"), qn("w:tcBorders")}:
            position = index + 1
    tc_pr.insert(position, shd)


def cell_valign(cell: Element, where: str) -> None:
    cell._tc.get_or_add_tcPr().append(_el("vAlign", val=where))


def row_props(tr: Element, *, header: bool = False, cant_split: bool = False) -> None:
    tr_pr = tr._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(_el("cantSplit"))
    if header:
        tr_pr.append(_el("tblHeader"))


def write_rows(
    table: Element, rows: Sequence[Row], first_row: int, widths: Sequence[float], cols: Sequence[Col] | None = None
) -> None:
    for index, spec in enumerate(rows, start=first_row):
        tr = table.rows[index]
        if spec.kind == "tag":
            merged = tr.cells[0].merge(tr.cells[-1]) if len(widths) > 1 else tr.cells[0]
            fill(merged, spec.cells[0])
            continue
        cells = list(tr.cells)
        if spec.span is not None:
            start, count = spec.span
            merged = cells[start].merge(cells[start + count - 1])
            cells = [*cells[:start], merged, *cells[start + count :]]
        for position, (cell, paragraphs) in enumerate(zip(cells, spec.cells, strict=True)):
            align = cols[position].align if cols is not None and spec.span is None else None
            fill(cell, [P(p.style, p.runs, p.align or align, p.keep_next) for p in paragraphs])
        if spec.kind == "sub":
            for cell in cells:
                cell_borders(cell, {"top": None})


def grid(
    document: Element,
    cols: Sequence[Col],
    rows: Sequence[Row],
    decorate: Callable[[Element, int, Row], None] | None = None,
    row_rules: bool = True,
) -> Element:
    """A table like the PDF's ``table.grid``: a shaded header row repeated on every page, thin rules.

    Without ``row_rules`` there is no rule between rows; ``decorate`` draws its own.
    """
    widths = [c.width for c in cols]
    table = document.add_table(rows=1 + len(rows), cols=len(cols))
    set_table(
        table,
        widths,
        {
            "top": (5, RULE_DARK),
            "bottom": (3, RULE_LIGHT),
            "insideH": (3, RULE_LIGHT) if row_rules else None,
            "left": None,
            "right": None,
            "insideV": None,
        },
    )
    header = table.rows[0]
    row_props(header, header=True, cant_split=True)
    for cell, col in zip(header.cells, cols, strict=True):
        fill(cell, [par("Tabelltittel", col.header, align=col.align)])
        cell_fill(cell, HEAD_FILL)
        cell_borders(cell, {"bottom": (5, RULE_DARK)})
        cell_valign(cell, "bottom")
    write_rows(table, rows, 1, widths, cols)
    if decorate is not None:
        for index, spec in enumerate(rows, start=1):
            decorate(table.rows[index], index, spec)
    return table


def facts(
    document: Element,
    rows: Sequence[Row],
    label_width: float = 48,
    value_width: float | None = None,
    keep_next: bool = False,
) -> Element:
    """Label → value rows without rules, like the PDF's ``table.facts``; ``keep_next`` keeps them with
    the paragraph that follows."""
    widths = [label_width, value_width if value_width is not None else TEXT_WIDTH_MM - label_width]
    table = document.add_table(rows=len(rows), cols=2)
    set_table(
        table,
        widths,
        {side: None for side in ("top", "left", "bottom", "right", "insideH", "insideV")},
        margins=(1.5, 0, 1.5, 0),
    )
    # The label column gets the space on its right (14 pt in the PDF).
    write_rows(table, rows, 0, widths)
    for tr in table.rows:
        row_props(tr, cant_split=True)
        if keep_next:
            for cell in tr.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    return table


def fact(label: str, value: str | Sequence[P], *, bold_value: bool = False) -> Row:
    """One facts row; ``value`` is an expression or ready paragraphs."""
    values = [par("Faktatekst", R(value, STRONG if bold_value else None))] if isinstance(value, str) else list(value)
    return row(par("Faktatekst", R(label, LABEL)), values)


# --- page frame: header block, running header and footer ---------------------------------------------


def field_runs(paragraph: Element, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/result/end runs."""

    def run_with(child: Element) -> None:
        r = paragraph.add_run()
        r._r.append(child)

    run_with(_el("fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(_el("fldChar", fldCharType="separate"))
    paragraph.add_run("1")
    run_with(_el("fldChar", fldCharType="end"))


def page_setup(document: Element) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(24)
    section.header_distance = Mm(9)
    section.footer_distance = Mm(9)
    section.different_first_page_header_footer = True

    # Running header from page 2 (the first page has the full header block), as in the PDF.
    header = section.header.paragraphs[0]
    write_paragraph(header, par("Header", "{{ municipality }} · {{ unit }}\t{{ title }}"))

    for footer in (section.footer, section.first_page_footer):
        first = footer.paragraphs[0]
        write_paragraph(
            first,
            par(
                "Footer",
                "{{ t.doc.date }}: {{ document_date }} · {{ t.doc.reference }}: {{ reference }}\t{{ t.doc.page }} ",
            ),
        )
        field_runs(first, "PAGE")
        first.add_run(" {{ t.doc.of }} ")
        field_runs(first, "NUMPAGES")
        p_pr = first._p.get_or_add_pPr()
        paragraph_border(p_pr, {"top": (4, "999999")}, space_pt=4)
        add(footer, par("Footer", R("{{ t.doc.working_copy_short }}", EMPHASIS)))


def header_block(document: Element) -> None:
    """The first page's header, a letterhead: the logo's place, municipality and unit on the left; model,
    exemption, date and reference on the right. The logo paragraph holds only a Jinja comment (``{# LOGO #}``),
    which renders as nothing: the municipality replaces it with its logo in Word or LibreOffice."""
    header = document.sections[0].first_page_header
    widths = [95.0, TEXT_WIDTH_MM - 95.0]
    table = header.add_table(rows=1, cols=2, width=Mm(TEXT_WIDTH_MM))
    set_table(
        table,
        widths,
        {"top": None, "left": None, "right": None, "insideH": None, "insideV": None, "bottom": (10, "222222")},
        margins=(0, 0, 5, 0),
    )
    left, right = table.rows[0].cells
    fill(left, [par("Logo", "{# LOGO #}"), par("Kommune", "{{ municipality }}"), par("Eining og enhet", "{{ unit }}")])
    fill(
        right,
        [
            par("Metatekst", "{{ t.doc.model }}"),
            par("Metatekst", R("{{ t.doc.exempt }}", EMPHASIS)),
            par("Metatekst", R("{{ t.doc.date }}  ", LABEL), R("{{ document_date }}", STRONG)),
            par("Metatekst", R("{{ t.doc.reference }}  ", LABEL), R("{{ reference }}", STRONG)),
        ],
    )
    for cell in (left, right):
        cell_valign(cell, "bottom")
    # python-docx's header starts with an empty paragraph: move it after the table (a header ends with one).
    empty = header.paragraphs[0]
    empty.style = "Avstand"
    header._element.remove(empty._p)
    header._element.append(empty._p)


def title_block(document: Element) -> None:
    add(
        document,
        par("Title", "{{ title }}"),
        tag("{%p if subtitle %}"),
        par("Subtitle", "{{ subtitle }}"),
        tag("{%p endif %}"),
        par("Avstand", ""),
    )


def subject_box(document: Element, extra: Sequence[Row] = ()) -> None:
    """The child or the pregnancy, framed like the PDF's ``.subject`` box."""
    rows = [
        Row(((par("Boksoverskrift", "{{ subject.heading }}"),),), span=(0, 2)),
        tag_row("{%tr for row in subject.rows %}"),
        fact("{{ row.label }}", "{{ row.value }}"),
        tag_row("{%tr endfor %}"),
        *extra,
    ]
    widths = [42.0, TEXT_WIDTH_MM - 42.0]
    table = document.add_table(rows=len(rows), cols=2)
    box = (5, "888888")
    set_table(
        table,
        widths,
        {"top": box, "left": box, "bottom": box, "right": box, "insideH": None, "insideV": None},
        margins=(2, 8, 2, 8),
    )
    write_rows(table, rows, 0, widths)
    for tr in table.rows:
        row_props(tr, cant_split=True)


def section_heading(document: Element, heading: str) -> None:
    add(document, par("Heading 1", heading))


def prose_section(document: Element, heading: str, expr: str) -> None:
    """A heading and a long text; nothing when the text is empty."""
    add(
        document,
        tag(f"{{%p if {expr} %}}"),
        par("Heading 1", heading),
        par("Normal", f"{{{{ {expr}|prose }}}}"),
        tag("{%p endif %}"),
    )


def numbered(document: Element, items: str) -> None:
    """A numbered list of long texts (one paragraph each)."""
    add(
        document,
        tag(f"{{%p for item in {items} %}}"),
        par("Nummerliste", "{{ loop.index }}.\t{{ item|prose_lines }}"),
        tag("{%p endfor %}"),
    )


def person(expr: str, style: str = "Faktatekst") -> P:
    return par(
        style,
        R(f"{{{{ {expr}.name }}}}", STRONG),
        f"{{% if {expr}.details %}}, {{{{ {expr}.details }}}}{{% endif %}}",
    )


def closing(document: Element) -> None:
    """The child's participation, then the working-copy box where the PDF has its seal box."""
    prose_section(document, "{{ t.heading.child_participation }}", "child_participation")
    add(
        document,
        par("Normal", ""),
        par("Arbeidskopi tittel", "{{ t.doc.working_copy_heading }}"),
        par("Arbeidskopi", "{{ t.doc.working_copy_note }}"),
    )


# --- the six documents ------------------------------------------------------------------------------


def referat_undringssamtale(document: Element) -> None:
    subject_box(document)
    section_heading(document, "{{ t.heading.conversations }}")
    grid(
        document,
        [
            Col("{{ t.field.date }}", 30),
            Col("{{ t.field.type }}", 50),
            Col("{{ t.field.participants }}", TEXT_WIDTH_MM - 80),
        ],
        [
            tag_row("{%tr for c in conversations %}"),
            row(
                par("Tabelltekst", "{{ c.date }}"),
                par("Tabelltekst", "{{ c.type }}"),
                [tag("{%p for p in c.participants %}"), person("p", "Tabelltekst"), tag("{%p endfor %}")],
            ),
            tag_row("{%tr endfor %}"),
        ],
    )
    prose_section(document, "{{ t.heading.wondering }}", "wondering")
    prose_section(document, "{{ t.heading.childs_view }}", "childs_view")
    prose_section(document, "{{ t.heading.guardians_view }}", "guardians_view")
    section_heading(document, "{{ t.heading.conclusion }}")
    add(document, par("Normal", R("{{ conclusion }}", STRONG)))
    prose_section(document, "{{ t.heading.summary }}", "summary")
    add(document, tag("{%p if next_steps %}"), par("Heading 1", "{{ t.heading.next_steps }}"))
    numbered(document, "next_steps")
    add(document, tag("{%p endif %}"))
    closing(document)


def samtykke(document: Element) -> None:
    subject_box(document)
    section_heading(document, "{{ t.heading.consent_content }}")
    facts(
        document,
        [
            fact("{{ t.field.consent_type }}", "{{ consent.type }}", bold_value=True),
            fact("{{ t.field.services }}", '{{ consent.services|join(", ") }}'),
            fact("{{ t.field.valid }}", "{{ consent.valid_from }} – {{ consent.valid_to }}"),
            fact("{{ t.doc.reference }}", "{{ consent.reference }}"),
        ],
    )
    prose_section(document, "{{ t.heading.information_shared }}", "information")
    section_heading(document, "{{ t.heading.consent_givers }}")
    grid(
        document,
        [Col("{{ t.field.name }}", 70), Col("{{ t.field.role }}", TEXT_WIDTH_MM - 70)],
        [
            tag_row("{%tr for g in givers %}"),
            row(par("Tabelltekst", R("{{ g.name }}", STRONG)), par("Tabelltekst", "{{ g.role }}")),
            tag_row("{%tr endfor %}"),
        ],
    )
    section_heading(document, "{{ t.heading.how_given }}")
    facts(
        document,
        [
            fact("{{ t.field.given_as }}", "{{ given_as }}"),
            tag_row("{%tr if system %}"),
            fact("{{ t.field.system }}", "{{ system }}"),
            tag_row("{%tr endif %}"),
        ],
    )
    add(
        document,
        tag("{%p if oral_record %}"),
        par("Heading 2", "{{ t.field.oral_record }}"),
        par("Normal", "{{ oral_record|prose }}"),
        tag("{%p endif %}"),
        par("Merknad", "{{ t.text.withdraw_anytime }}"),
    )
    closing(document)


def tilbaketrekking_samtykke(document: Element) -> None:
    subject_box(document)
    section_heading(document, "{{ t.heading.withdrawal }}")
    facts(
        document,
        [
            fact("{{ t.field.consent_reference }}", "{{ consent_reference }}"),
            fact(
                "{{ t.field.withdrawn_by }}",
                [par("Faktatekst", R("{{ withdrawn_by.name }}", STRONG), " ({{ withdrawn_by.role }})")],
            ),
            fact("{{ t.field.date }}", "{{ withdrawn_on }}"),
        ],
    )
    add(document, par("Merknad", "{{ t.text.withdrawn }}"))
    section_heading(document, "{{ t.heading.deletion }}")
    add(
        document,
        par(
            "Normal",
            R("{% if deletion_demanded %}{{ deletion }}{% endif %}", STRONG),
            R("{% if not deletion_demanded %}{{ deletion }}{% endif %}"),
        ),
    )
    prose_section(document, "{{ t.heading.remark }}", "remark")
    closing(document)


def _cell(expr: str, *, bold: bool = False) -> P:
    return par("Tabelltekst", R(expr, STRONG if bold else None))


def stafettlogg(document: Element) -> None:
    subject_box(
        document,
        extra=[
            tag_row("{%tr if enkeltvedtak %}"),
            Row(((par("Faktatekst", R("{{ t.field.enkeltvedtak }}.", STRONG)),),), span=(0, 2)),
            tag_row("{%tr endif %}"),
        ],
    )

    # Holders: the current ones, their division of work, the former ones.
    section_heading(document, "{{ t.heading.holders }}")
    name_w, date_w = 42.0, 27.0
    role_w = unit_w = (TEXT_WIDTH_MM - name_w - 2 * date_w) / 2
    grid(
        document,
        [
            Col("{{ t.field.name }}", name_w),
            Col("{{ t.field.role }}", role_w),
            Col("{{ t.field.unit }}", unit_w),
            Col("{{ t.field.from }}", date_w),
            Col("{{ t.field.accepted }}", date_w),
        ],
        [
            tag_row("{%tr for h in holders_current %}"),
            row(
                _cell("{{ h.name }}", bold=True),
                _cell("{{ h.role }}"),
                _cell("{{ h.unit }}"),
                _cell("{{ h.from }}"),
                _cell('{{ h.accepted or "–" }}'),
            ),
            tag_row("{%tr endfor %}"),
        ],
    )
    add(
        document,
        tag("{%p for h in holders_current if h.division %}"),
        par("Heading 2", "{{ t.heading.division }}: {{ h.name }}"),
        par("Normal", "{{ h.division|prose }}"),
        tag("{%p endfor %}"),
        tag("{%p if holders_former %}"),
        par("Heading 2", "{{ t.heading.holders_former }}"),
    )
    grid(
        document,
        [
            Col("{{ t.field.name }}", name_w),
            Col("{{ t.field.role }}", role_w),
            Col("{{ t.field.unit }}", unit_w),
            Col("{{ t.field.from }}", date_w),
            Col("{{ t.field.handed_over }}", date_w),
        ],
        [
            tag_row("{%tr for h in holders_former %}"),
            row(
                _cell("{{ h.name }}", bold=True),
                _cell("{{ h.role }}"),
                _cell("{{ h.unit }}"),
                _cell("{{ h.from }}"),
                _cell("{{ h.to }}"),
            ),
            tag_row("{%tr endfor %}"),
        ],
    )
    add(document, tag("{%p endif %}"))

    # Guardians and participants.
    add(document, tag("{%p if guardians %}"), par("Heading 1", "{{ t.heading.guardians }}"))
    grid(
        document,
        [
            Col("{{ t.field.name }}", 70),
            Col("{{ t.field.role }}", TEXT_WIDTH_MM - 70 - 25),
            Col("{{ t.field.participates }}", 25),
        ],
        [
            tag_row("{%tr for g in guardians %}"),
            row(_cell("{{ g.name }}", bold=True), _cell("{{ g.role }}"), _cell("{{ g.participates }}")),
            tag_row("{%tr endfor %}"),
        ],
    )
    add(document, tag("{%p endif %}"))

    section_heading(document, "{{ t.heading.participants }}")
    add(document, tag("{%p if participants %}"))
    service_w, p_name_w, since_w = 38.0, 38.0, 27.0
    rest = (TEXT_WIDTH_MM - service_w - p_name_w - since_w) / 2
    grid(
        document,
        [
            Col("{{ t.field.service }}", service_w),
            Col("{{ t.field.name }}", p_name_w),
            Col("{{ t.field.role }}", rest),
            Col("{{ t.field.unit }}", rest),
            Col("{{ t.field.since }}", since_w),
        ],
        [
            tag_row("{%tr for group in participants %}"),
            tag_row("{%tr for p in group.people %}"),
            row(
                _cell("{% if loop.first %}{{ group.service }}{% endif %}", bold=True),
                _cell("{{ p.name }}", bold=True),
                _cell("{{ p.role }}"),
                _cell("{{ p.unit }}"),
                _cell("{{ p.from }}"),
            ),
            tag_row("{%tr endfor %}"),
            tag_row("{%tr endfor %}"),
        ],
    )
    add(document, tag("{%p else %}"), par("Tom", "{{ t.text.no_participants }}"), tag("{%p endif %}"))

    section_heading(document, "{{ t.heading.consents }}")
    type_w, status_w = 58.0, 22.0
    grid(
        document,
        [
            Col("{{ t.field.consent_type }}", type_w),
            Col("{{ t.field.services }}", TEXT_WIDTH_MM - type_w - 2 * date_w - status_w),
            Col("{{ t.field.valid_from }}", date_w),
            Col("{{ t.field.valid_to }}", date_w),
            Col("{{ t.field.status }}", status_w),
        ],
        [
            tag_row("{%tr for c in consents %}"),
            row(
                [_cell("{{ c.type }}"), par("Liten tekst", "{{ t.doc.reference }}: {{ c.reference }}")],
                _cell('{{ c.services|join(", ") }}'),
                _cell("{{ c.valid_from }}"),
                _cell("{{ c.valid_to }}"),
                _cell("{{ c.status }}"),
            ),
            tag_row("{%tr endfor %}"),
        ],
    )

    prose_section(document, "{{ t.heading.attention }}", "attention")
    prose_section(document, "{{ t.heading.shared_understanding }}", "shared_understanding")

    # Goals: the main goal as a marked block, the sub-goals as a table.
    section_heading(document, "{{ t.heading.goals }}")
    add(
        document,
        tag("{%p if main_goal %}"),
        par(
            "Markert",
            R("{{ t.heading.main_goal }}", STRONG),
            R(
                "{% if main_goal.deadline %}  ·  {{ t.field.deadline }}: {{ main_goal.deadline }}{% endif %}",
                LABEL,
            ),
            keep_next=True,
        ),
        par("Markert", "{{ main_goal.text|prose }}"),
        par("Normal", ""),
        tag("{%p endif %}"),
        tag("{%p if sub_goals %}"),
    )
    num_w = 9.0
    grid(
        document,
        [
            Col("#", num_w, WD_ALIGN_PARAGRAPH.RIGHT),
            Col("{{ t.field.goal }}", TEXT_WIDTH_MM - num_w - date_w),
            Col("{{ t.field.deadline }}", date_w),
        ],
        [
            tag_row("{%tr for g in sub_goals %}"),
            row(_cell("{{ g.number }}"), _cell("{{ g.text|prose }}"), _cell('{{ g.deadline or "–" }}')),
            tag_row("{%tr endfor %}"),
        ],
    )
    add(
        document,
        tag("{%p endif %}"),
        tag("{%p if not main_goal and not sub_goals %}"),
        par("Tom", "{{ t.text.no_goals }}"),
        tag("{%p endif %}"),
    )

    # Measures, each followed by its evaluations.
    section_heading(document, "{{ t.heading.measures }}")
    add(document, tag("{%p if measures %}"))
    resp_w, arena_w, period_w, m_status_w = 28.0, 19.0, 33.0, 14.0
    measure_w = TEXT_WIDTH_MM - num_w - resp_w - arena_w - period_w - m_status_w

    def measure_rules(tr: Element, index: int, spec: Row) -> None:
        """A rule above each measure, none between a measure and its evaluations (a bar marks those)."""
        if spec.kind == "data":
            for cell in tr.cells:
                cell_borders(cell, {"top": (3, RULE_LIGHT)})
        elif spec.kind == "sub":
            cell_borders(tr.cells[1], {"top": None, "left": (12, "999999")})

    grid(
        document,
        [
            Col("#", num_w, WD_ALIGN_PARAGRAPH.RIGHT),
            Col("{{ t.field.measure }}", measure_w),
            Col("{{ t.field.responsible }}", resp_w),
            Col("{{ t.field.arena }}", arena_w),
            Col("{{ t.field.period }}", period_w),
            Col("{{ t.field.status }}", m_status_w),
        ],
        [
            tag_row("{%tr for x in measures %}"),
            row(
                _cell("{{ x.number }}"),
                [
                    _cell("{{ x.text|prose }}"),
                    tag("{%p if x.goal %}"),
                    par("Liten tekst", "{{ x.goal }}"),
                    tag("{%p endif %}"),
                ],
                _cell("{{ x.responsible }}"),
                _cell("{{ x.arena }}"),
                _cell("{{ x.period|breaks }}"),
                _cell("{{ x.status }}"),
            ),
            tag_row("{%tr for e in x.evaluations %}"),
            Row(
                (
                    (par("Tabelltekst", ""),),
                    (
                        par(
                            "Evalueringstittel",
                            "{{ t.field.evaluation }} {{ e.heading }}",
                        ),
                        par("Tabelltekst", "{{ e.text|prose }}"),
                    ),
                ),
                span=(1, 5),
                kind="sub",
            ),
            tag_row("{%tr endfor %}"),
            tag_row("{%tr endfor %}"),
        ],
        decorate=measure_rules,
        row_rules=False,
    )
    add(document, tag("{%p else %}"), par("Tom", "{{ t.text.no_measures }}"), tag("{%p endif %}"))

    # Meetings.
    section_heading(document, "{{ t.heading.meetings }}")
    add(document, tag("{%p for mt in meetings %}"), par("Heading 2", "{{ mt.heading }}"))
    facts(
        document,
        [
            fact("{{ t.field.participants }}", '{{ mt.participants|join(", ") }}'),
            fact("{{ t.field.child_present }}", "{{ mt.child_present }}"),
        ],
        keep_next=True,
    )
    add(
        document,
        par("Heading 3", "{{ t.heading.part1 }}"),
        par("Normal", "{{ mt.part1|prose }}"),
        par("Heading 3", "{{ t.heading.part2 }}"),
        par("Markert", R("{{ mt.decision }}", STRONG)),
        tag("{%p if mt.decision_text %}"),
        par("Normal", "{{ mt.decision_text|prose }}"),
        tag("{%p endif %}"),
        tag("{%p if mt.next_meeting %}"),
        par("Normal", R("{{ t.field.next_meeting }}: ", STRONG), "{{ mt.next_meeting }}"),
        tag("{%p endif %}"),
        tag("{%p else %}"),
        par("Tom", "{{ t.text.no_meetings }}"),
        tag("{%p endfor %}"),
    )
    closing(document)


def overgangsskjema(document: Element) -> None:
    subject_box(document)
    section_heading(document, "{{ t.heading.transition }}")
    dir_w, level_w = 16.0, 18.0
    rest = (TEXT_WIDTH_MM - dir_w - level_w) / 3
    grid(
        document,
        [
            Col("", dir_w),
            Col("{{ t.field.unit }}", rest),
            Col("{{ t.field.service }}", rest),
            Col("{{ t.field.level }}", level_w),
            Col("{{ t.field.municipality }}", rest),
        ],
        [
            row(
                _cell("{{ t.field.from_unit }}", bold=True),
                _cell("{{ from.unit }}", bold=True),
                _cell("{{ from.service }}"),
                _cell("{{ from.level }}"),
                _cell('{{ from.municipality or "–" }}'),
            ),
            row(
                _cell("{{ t.field.to_unit }}", bold=True),
                _cell("{{ to.unit }}", bold=True),
                _cell("{{ to.service }}"),
                _cell("{{ to.level }}"),
                _cell('{{ to.municipality or "–" }}'),
            ),
        ],
    )
    section_heading(document, "{{ t.heading.baton }}")
    facts(
        document,
        [
            fact("{{ t.field.outgoing_holder }}", [person("outgoing_holder")]),
            fact("{{ t.field.new_holder }}", [person("new_holder")]),
            fact("{{ t.field.accepted_date }}", "{{ accepted_date }}"),
            tag_row("{%tr if access_removed %}"),
            fact("{{ t.field.access_removed }}", "{{ access_removed }}"),
            tag_row("{%tr endif %}"),
            fact("{{ t.field.covering_consent }}", "{{ consent_reference }}"),
        ],
        label_width=62,
    )
    prose_section(document, "{{ t.heading.childs_words }}", "childs_words")
    prose_section(document, "{{ t.heading.family_view }}", "family_view")
    prose_section(document, "{{ t.heading.interests }}", "interests")
    add(document, tag("{%p if goals_carried %}"), par("Heading 1", "{{ t.heading.goals_carried }}"))
    numbered(document, "goals_carried")
    add(
        document,
        tag("{%p endif %}"),
        tag("{%p if measures_carried %}"),
        par("Heading 1", "{{ t.heading.measures_carried }}"),
    )
    numbered(document, "measures_carried")
    add(document, tag("{%p endif %}"))
    closing(document)


def avslutning(document: Element) -> None:
    subject_box(document)
    section_heading(document, "{{ t.heading.reason }}")
    add(
        document,
        par("Normal", R("{{ reason }}", STRONG)),
        tag("{%p if reason_text %}"),
        par("Normal", "{{ reason_text|prose }}"),
        tag("{%p endif %}"),
    )
    prose_section(document, "{{ t.heading.assessment }}", "assessment")
    prose_section(document, "{{ t.heading.conclusion }}", "conclusion")
    add(
        document,
        tag("{%p if coordinator %}"),
        par("Heading 1", "{{ t.heading.coordinator }}"),
        person("coordinator", "Normal"),
        tag("{%p endif %}"),
    )
    closing(document)


BUILDERS: dict[Skjema, Callable[[Element], None]] = {
    Skjema.referat_undringssamtale: referat_undringssamtale,
    Skjema.samtykke: samtykke,
    Skjema.tilbaketrekking_samtykke: tilbaketrekking_samtykke,
    Skjema.stafettlogg: stafettlogg,
    Skjema.overgangsskjema: overgangsskjema,
    Skjema.avslutning: avslutning,
}


# --- the package ------------------------------------------------------------------------------------


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def clean_package(document: Element) -> None:
    """No leftovers from python-docx's default template: its thumbnail and its application name."""
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            del package.rels[key]
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = part.blob.replace(b"Microsoft Macintosh Word", CREATOR.encode())


def build(kind: Skjema) -> bytes:
    document = Document()
    # The body of python-docx's default template holds one empty paragraph and the section.
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    define_styles(document)
    page_setup(document)
    header_block(document)
    title_block(document)
    BUILDERS[kind](document)
    set_core_properties(document, title="", subject="", language="", when=TEMPLATE_EPOCH)
    clean_package(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue(), TEMPLATE_EPOCH)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=PROJECT / "templates" / "docx",
        help="folder for the templates (default: templates/docx)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for kind in Skjema:
        target = out / f"{kind.value}.docx"
        target.write_bytes(build(kind))
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
