"""PDF/A levels, the in-product "PDF/A essentials" gate (:func:`check_pdfa`) and :func:`finalize_pdfa`.

``check_pdfa`` is a quality gate, not a validator: with pikepdf it checks, on the final revision of the
file, the rules our own pipeline (WeasyPrint, pikepdf, then pyHanko's incremental signature update)
could plausibly break. Each finding names the ISO 19005 clause of the part checked, as the veraPDF
profiles do.

Covered (PDF/A-1 clause / PDF/A-2 clause):
- 6.1.2 / 6.1.2 header and binary comment; 6.1.3 / 6.1.3 trailer ID, no encryption, nothing after
  %%EOF; 6.1.4 / -- no cross-reference streams; 6.1.7 / 6.1.7.1 no F, FFilter, FDecodeParms in
  streams; 6.1.10 / 6.1.7.2 no LZWDecode (nor Crypt) filter; 6.1.11 / 6.8 no embedded files (PDF/A-2
  would allow PDF/A attachments, bti-docs never attaches anything); 6.1.13 / -- no optional content;
  -- / 6.1.12 permissions only UR3 and DocMDP;
- 6.2.2 / 6.2.3 a GTS_PDFA1 output intent with an embedded ICC profile of an allowed class, colour
  space and version; 6.2.4 / 6.2.8 no image with /Interpolate true;
- 6.3.4 / 6.2.11.4.1 every font embedded (descendants of Type0 fonts included, Type3 excepted);
  -- / 6.2.11.7.2 ToUnicode maps (levels U and A; simple fonts with a standard encoding excepted);
- 6.4 / 6.2.10 transparency (part 1: no soft mask, transparency group, blend mode or constant alpha;
  part 2: standard blend modes only);
- 6.5.2 / 6.3.1 annotation types; 6.5.3 / 6.3.2 annotation flags; 6.5.3, 6.9 / 6.3.3 appearance
  streams (part 1 requires them for every widget, part 2 for every annotation except Popup, Link and
  zero-size ones);
- 6.6.1 / 6.5.1 action types, named actions, the JavaScript name tree; 6.6.1, 6.6.2 / 6.4.1, 6.5.2
  actions and additional actions of widgets, fields, pages and the catalog; 6.9 / 6.4.1
  NeedAppearances; -- / 6.4.2 XFA, NeedsRendering; -- / 6.4.3 a signature's ByteRange covers its
  whole revision;
- 6.7.2 / 6.6.2.1 metadata stream (unfiltered in part 1); 6.7.5 / 6.6.2.1 xpacket header; 6.7.9 /
  6.6.2.1 well-formed UTF-8 XMP without DTD; 6.7.9 / 6.6.2.3.1 each XMP property from a predefined
  schema or a declared extension schema; 6.7.11 / 6.6.4 PDF/A identification, matching ``level``;
  6.7.3 document information dictionary and XMP agree (dates as instants, to the second; PDF/A-2 has
  no such rule: we apply PDF/A-1's and report it as "19005-1 6.7.3");
- -- / 6.7.2.2, 6.7.3.3 (level A) MarkInfo Marked and a structure tree.

Left to full validators (veraPDF, PDFBox Preflight): content streams (operators, limits, colour
spaces used, inline images), other image keys, font program internals (widths, CIDSet/CharSet, cmap
tables, .notdef), types of extension schema fields, structure types and languages (level A), the
xref table syntax, signature contents.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path
from types import MappingProxyType
from typing import Any
from xml.sax.saxutils import escape

import pikepdf

from bti_docs.i18n import Lang
from bti_docs.options import PdfaLevel
from bti_docs.text.voice import DEFAULT_LANG, say

__all__ = ["LEVELS", "Finding", "LevelSpec", "PdfaLevel", "check_pdfa", "finalize_pdfa"]


@dataclass(frozen=True)
class LevelSpec:
    weasyprint_variant: str  # WeasyPrint's pdf_variant
    part: int  # ISO 19005 part (pdfaid:part)
    conformance: str  # pdfaid:conformance
    puid: str  # PRONOM format identifier
    tagged: bool  # level A: logical structure (tags) required
    unicode: bool  # levels U and A: every font maps to Unicode
    pdf_version: str


LEVELS: MappingProxyType[PdfaLevel, LevelSpec] = MappingProxyType(
    {
        PdfaLevel.PDFA_1B: LevelSpec("pdf/a-1b", 1, "B", "fmt/354", False, False, "1.4"),
        PdfaLevel.PDFA_2B: LevelSpec("pdf/a-2b", 2, "B", "fmt/477", False, False, "1.7"),
        PdfaLevel.PDFA_2U: LevelSpec("pdf/a-2u", 2, "U", "fmt/478", False, True, "1.7"),
        PdfaLevel.PDFA_2A: LevelSpec("pdf/a-2a", 2, "A", "fmt/476", True, True, "1.7"),
    }
)


@dataclass(frozen=True)
class Finding:
    """One broken rule: the ISO 19005 clause (as in the veraPDF profiles) and what is wrong, as a text code
    and its context (``say(lang)``; ``message`` in the default language)."""

    clause: str
    code: str
    context: tuple[tuple[str, str], ...] = ()

    def say(self, lang: Lang) -> str:
        return say(self.code, lang, **dict(self.context))

    @property
    def message(self) -> str:
        return self.say(DEFAULT_LANG)


# Each check's clause in ISO 19005-1 and ISO 19005-2 ("" = the part has no such rule).
_CLAUSES: dict[str, tuple[str, str]] = {
    "file": ("6.1", "6.1"),
    "header": ("6.1.2", "6.1.2"),
    "trailer": ("6.1.3", "6.1.3"),
    "xref_stream": ("6.1.4", ""),
    "stream_keys": ("6.1.7", "6.1.7.1"),
    "filter": ("6.1.10", "6.1.7.2"),
    "embedded": ("6.1.11", "6.8"),
    "optional_content": ("6.1.13", ""),
    "permissions": ("", "6.1.12"),
    "output_intent": ("6.2.2", "6.2.3"),
    "image": ("6.2.4", "6.2.8"),
    "font_embedded": ("6.3.4", "6.2.11.4.1"),
    "to_unicode": ("", "6.2.11.7.2"),
    "transparency": ("6.4", ""),
    "blend_mode": ("6.4", "6.2.10"),
    "annot_type": ("6.5.2", "6.3.1"),
    "annot_flags": ("6.5.3", "6.3.2"),
    "appearance": ("6.5.3", "6.3.3"),
    "widget_appearance": ("6.9", "6.3.3"),
    "action": ("6.6.1", "6.5.1"),
    "widget_action": ("6.6.1", "6.4.1"),
    "field_aa": ("6.6.2", "6.4.1"),
    "catalog_aa": ("6.6.2", "6.5.2"),
    "page_aa": ("", "6.5.2"),
    "need_appearances": ("6.9", "6.4.1"),
    "xfa": ("", "6.4.2"),
    "signature": ("", "6.4.3"),
    "metadata": ("6.7.2", "6.6.2.1"),
    "xmp_packet": ("6.7.5", "6.6.2.1"),
    "xmp_syntax": ("6.7.9", "6.6.2.1"),
    "xmp_schema": ("6.7.9", "6.6.2.3.1"),
    "identification": ("6.7.11", "6.6.4"),
    "info_xmp": ("6.7.3", "19005-1 6.7.3"),
    "mark_info": ("", "6.7.2.2"),
    "struct_tree": ("", "6.7.3.3"),
}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
XMP = "http://ns.adobe.com/xap/1.0/"
PDF = "http://ns.adobe.com/pdf/1.3/"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Schemas predefined by XMP 2004/2005 and ISO 19005 (properties in other namespaces need a PDF/A
# extension schema in the file).
_PREDEFINED_NS = frozenset(
    {
        DC, XMP, PDF, PDFAID, PDFA_EXTENSION,
        "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
        "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
        "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/photoshop/1.0/",
        "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/exif/1.0/",
        "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/tiff/1.0/",
    }
)  # fmt: skip

_ANNOT_TYPES_1 = frozenset(
    {"Text", "Link", "FreeText", "Line", "Square", "Circle", "Highlight", "Underline", "Squiggly",
     "StrikeOut", "Stamp", "Ink", "Popup", "Widget", "PrinterMark", "TrapNet"}
)  # fmt: skip
_ANNOT_TYPES_2 = _ANNOT_TYPES_1 | {"Polygon", "PolyLine", "Caret", "FileAttachment", "Watermark", "Redact"}
_ACTIONS_1 = frozenset({"GoTo", "GoToR", "Thread", "URI", "Named", "SubmitForm"})
_ACTIONS_2 = _ACTIONS_1 | {"GoToE"}
_NAMED_ACTIONS = frozenset({"NextPage", "PrevPage", "FirstPage", "LastPage"})
_BLEND_MODES_2 = frozenset(
    {"Normal", "Compatible", "Multiply", "Screen", "Overlay", "Darken", "Lighten", "ColorDodge",
     "ColorBurn", "HardLight", "SoftLight", "Difference", "Exclusion", "Hue", "Saturation", "Color",
     "Luminosity"}
)  # fmt: skip
_ICC_COMPONENTS = {b"GRAY": 1, b"RGB ": 3, b"CMYK": 4}

XmpValue = str | list[tuple[str | None, str]] | ET.Element


# --------------------------------------------------------------------------------------- dates


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:20240501102030+02'00'``) for a timezone-aware datetime, to the second."""
    offset = _offset_minutes(moment)
    sign = "+" if offset >= 0 else "-"
    zone = f"{sign}{abs(offset) // 60:02d}'{abs(offset) % 60:02d}'"
    return "D:" + moment.strftime("%Y%m%d%H%M%S") + zone


def xmp_date(moment: datetime) -> str:
    """An XMP date (``2024-05-01T10:20:30+02:00``) for a timezone-aware datetime, to the second."""
    _offset_minutes(moment)
    return moment.replace(microsecond=0).isoformat()


def _offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("the date needs a time zone")
    if offset % timedelta(minutes=1):
        raise ValueError("the time zone offset must be whole minutes")
    return offset // timedelta(minutes=1)


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(?:(\d{2})'?)?)?\s*$")
_XMP_DATE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))?)?)?)?$"
)


def _parse_date(text: str, pdf: bool) -> datetime | None:
    """A PDF or XMP date as an aware datetime (a missing zone counts as UTC), None if malformed."""
    match = (_PDF_DATE if pdf else _XMP_DATE).match(text.strip())
    if match is None:
        return None
    g = match.groups()
    year, month, day, hour, minute, second = (
        int(v) if v else d for v, d in zip(g[:6], (0, 1, 1, 0, 0, 0), strict=True)
    )
    tz: timezone = UTC
    if g[7]:
        minutes = int(g[8]) * 60 + int(g[9] or 0)
        tz = timezone(timedelta(minutes=minutes if g[7] == "+" else -minutes))
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


# ----------------------------------------------------------------------------------------- XMP


def build_xmp(level: PdfaLevel, *, title: str, doc_type: str, lang: str, created: datetime,
              producer: str, creator_tool: str, creator: str | None = None) -> bytes:  # fmt: skip
    """The XMP packet bti-docs writes: PDF/A identification, dc:title (x-default and ``lang``),
    dc:language, dc:type (the document type), dc:format, dates, tools. Only predefined schemas: a
    custom namespace would need a PDF/A extension schema, which some validators (pikepdf.pdfa) and
    XMP rewriters do not handle. Each schema gets its own rdf:Description with its namespace declared
    there: PDFBox Preflight does not see namespaces declared only on rdf:RDF, as WeasyPrint writes."""
    spec, date, t = LEVELS[level], xmp_date(created), escape(title)
    # dc:creator: the municipality and unit that made the document (never a person's name)
    author = f"<dc:creator><rdf:Seq><rdf:li>{escape(creator)}</rdf:li></rdf:Seq></dc:creator>" if creator else ""

    def description(prefix: str, uri: str, body: str) -> str:
        return f'<rdf:Description rdf:about="" xmlns:{prefix}="{uri}">{body}</rdf:Description>\n'

    body = (
        description("pdfaid", PDFAID, f"<pdfaid:part>{spec.part}</pdfaid:part>"
                    f"<pdfaid:conformance>{spec.conformance}</pdfaid:conformance>")
        + description("dc", DC, "<dc:format>application/pdf</dc:format>"
                      f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li>'
                      f'<rdf:li xml:lang="{escape(lang)}">{t}</rdf:li></rdf:Alt></dc:title>'
                      f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>"
                      f"<dc:type><rdf:Bag><rdf:li>{escape(doc_type)}</rdf:li></rdf:Bag></dc:type>{author}")
        + description("xmp", XMP, f"<xmp:CreateDate>{date}</xmp:CreateDate>"
                      f"<xmp:ModifyDate>{date}</xmp:ModifyDate>"
                      f"<xmp:CreatorTool>{escape(creator_tool)}</xmp:CreatorTool>")
        + description("pdf", PDF, f"<pdf:Producer>{escape(producer)}</pdf:Producer>")
    )  # fmt: skip
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        f'<rdf:RDF xmlns:rdf="{RDF}">\n{body}</rdf:RDF>\n</x:xmpmeta>\n'
        # Padding lets later tools edit the packet in place.
        + (" " * 99 + "\n") * 20
        + '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def _text(value: XmpValue | None) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, ET.Element):
        return value.text
    return None


def _struct_fields(elem: ET.Element) -> dict[str, XmpValue]:
    """The fields of an XMP structure (rdf:parseType="Resource" or a nested rdf:Description)."""
    target = elem.find(f"{{{RDF}}}Description")
    target = elem if target is None else target
    fields: dict[str, XmpValue] = {k: v for k, v in target.attrib.items() if not k.startswith(f"{{{RDF}}}")}
    fields.update({child.tag: child for child in target})
    return fields


def _items(value: XmpValue | None) -> list[ET.Element]:
    """The rdf:li elements of an array-valued property element."""
    if not isinstance(value, ET.Element):
        return []
    return [li for container in value for li in container if li.tag == f"{{{RDF}}}li"]


def read_xmp(packet: bytes) -> dict[tuple[str, str], XmpValue]:
    """The top-level properties of an XMP packet: (namespace, name) -> text, list of (xml:lang, text)
    for rdf:Alt/Seq/Bag values, or the element itself for structures. Raises ``ValueError`` if the
    packet is not well-formed XML or contains a DTD."""
    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        raise ValueError("DTD")
    root = ET.fromstring(packet)
    rdf = root if root.tag == f"{{{RDF}}}RDF" else root.find(f"{{{RDF}}}RDF")
    properties: dict[tuple[str, str], XmpValue] = {}
    for desc in [] if rdf is None else rdf.findall(f"{{{RDF}}}Description"):
        for name, value in desc.attrib.items():
            if name.startswith("{") and not name.startswith(f"{{{RDF}}}"):
                properties[tuple(name[1:].split("}", 1))] = value  # type: ignore[index]
        for child in desc:
            key: tuple[str, str] = tuple(child.tag[1:].split("}", 1))  # type: ignore[assignment]
            containers = [c for c in child if c.tag in {f"{{{RDF}}}{k}" for k in ("Alt", "Seq", "Bag")}]
            simple_items = not any(len(li) or li.get(f"{{{RDF}}}parseType") for li in _items(child))
            if containers and simple_items:
                properties[key] = [(li.get(XML_LANG), li.text or "") for li in _items(child)]
            elif child.get(f"{{{RDF}}}parseType") == "Resource" or len(child):
                properties[key] = child
            else:
                properties[key] = child.get(f"{{{RDF}}}resource", child.text or "")
    return properties


def _declared_properties(props: dict[tuple[str, str], XmpValue]) -> set[tuple[str, str]]:
    """(namespace, name) of the properties described by PDF/A extension schemas in the packet."""
    declared = set()
    for schema in _items(props.get((PDFA_EXTENSION, "schemas"))):
        fields = _struct_fields(schema)
        namespace = _text(fields.get(f"{{{PDFA_SCHEMA}}}namespaceURI"))
        for prop in _items(fields.get(f"{{{PDFA_SCHEMA}}}property")):
            name = _text(_struct_fields(prop).get(f"{{{PDFA_PROPERTY}}}name"))
            if namespace and name:
                declared.add((namespace.strip(), name.strip()))
    return declared


def _lang_alt(value: XmpValue | None, lang: str = "x-default") -> str | None:
    if isinstance(value, list):
        return next((text for item_lang, text in value if item_lang == lang), None)
    return None


# -------------------------------------------------------------------------------------- checks


class _Checker:
    def __init__(self, data: bytes, doc: pikepdf.Pdf, part: int, level: PdfaLevel | None) -> None:
        self.data, self.doc, self.part = data, doc, part
        self.spec = LEVELS[level] if level is not None else None
        self.findings: list[Finding] = []

    def add(self, check: str, code: str, **context: object) -> None:
        clause = _CLAUSES[check][self.part - 1]
        finding = Finding(clause, code, tuple((k, str(v)) for k, v in context.items()))
        if clause and finding not in self.findings:
            self.findings.append(finding)

    # File structure (raw bytes: the whole file, every revision).
    def file_structure(self) -> None:
        data, trailer = self.data, self.doc.trailer
        binary = data.split(b"\n", 2)[1] if data.count(b"\n") >= 2 else b""
        if not re.match(rb"%PDF-\d\.\d\r?$", data.split(b"\n", 1)[0]) or not (
            binary.startswith(b"%") and sum(byte > 127 for byte in binary[1:]) >= 4
        ):
            self.add("header", "pdfa.header")
        if not re.search(rb"%%EOF(\r\n|\r|\n)?$", data):
            self.add("trailer", "pdfa.data_after_eof")
        if "/ID" not in trailer:
            self.add("trailer", "pdfa.no_id")
        if "/Encrypt" in trailer or self.doc.is_encrypted:
            self.add("trailer", "pdfa.encrypted")
        if re.search(rb"/Type\s*/XRef\b", data):
            self.add("xref_stream", "pdfa.xref_stream")
        for warning in self.doc.get_warnings():
            # A trailer /Size above the highest object number + 1 is harmless (pyHanko can leave one).
            if "reported number of objects" not in warning:
                self.add("file", "pdfa.damaged_structure", detail=warning)
        root = self.doc.Root
        if "/OCProperties" in root:
            self.add("optional_content", "pdfa.optional_content")
        if "/Perms" in root and set(root.Perms.keys()) - {"/UR3", "/DocMDP"}:
            self.add("permissions", "pdfa.permissions")
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            if "/EmbeddedFiles" in names:
                self.add("embedded", "pdfa.embedded_files")
            if "/JavaScript" in names:
                self.add("action", "pdfa.javascript")
        if "/AA" in root:
            self.add("catalog_aa", "pdfa.catalog_aa")
        if "/NeedsRendering" in root:
            self.add("xfa", "pdfa.needs_rendering")
        form = root.get("/AcroForm")
        if isinstance(form, pikepdf.Dictionary):
            if bool(form.get("/NeedAppearances", False)):
                self.add("need_appearances", "pdfa.need_appearances")
            if "/XFA" in form:
                self.add("xfa", "pdfa.xfa")

    def output_intent(self) -> None:
        found = self.doc.Root.get("/OutputIntents")
        intents: list[Any] = list(found) if isinstance(found, pikepdf.Array) else []
        pdfa = [i for i in intents if isinstance(i, pikepdf.Dictionary) and i.get("/S") == "/GTS_PDFA1"]
        if not pdfa:
            self.add("output_intent", "pdfa.no_output_intent")
            return
        profiles = {i.DestOutputProfile.objgen for i in intents if "/DestOutputProfile" in i}
        if len(profiles) > 1:
            self.add("output_intent", "pdfa.output_intents_differ")
        profile = pdfa[0].get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream):
            self.add("output_intent", "pdfa.no_icc_profile")
            return
        header = profile.read_bytes()[:20]
        max_major = 3 if self.part == 1 else 5
        if (
            len(header) < 20
            or header[12:16] not in (b"prtr", b"mntr")
            or header[16:20] not in _ICC_COMPONENTS
            or header[8] >= max_major
            or profile.get("/N") != _ICC_COMPONENTS[header[16:20]]
        ):
            self.add("output_intent", "pdfa.bad_icc_profile")

    def objects(self) -> None:
        """One walk over every object reachable from the trailer of the final revision."""
        seen: set[tuple[int, int]] = set()
        stack: list[Any] = [self.doc.Root]
        if "/Info" in self.doc.trailer:
            stack.append(self.doc.trailer.Info)
        while stack:
            obj = stack.pop()
            if not isinstance(obj, pikepdf.Array | pikepdf.Dictionary | pikepdf.Stream):
                continue
            if obj.is_indirect:
                if obj.objgen in seen:
                    continue
                seen.add(obj.objgen)
            if isinstance(obj, pikepdf.Array):
                stack.extend(obj)
                continue
            self.dictionary(obj)
            # Fonts in /DR (default resources of forms) are not used for rendering.
            stack.extend(value for key, value in obj.items() if key != "/DR")

    def dictionary(self, obj: Any) -> None:
        if isinstance(obj, pikepdf.Stream):
            if {"/F", "/FFilter", "/FDecodeParms"} & set(obj.keys()):
                self.add("stream_keys", "pdfa.external_stream")
            filters = obj.get("/Filter")
            names = {str(f) for f in (filters if isinstance(filters, pikepdf.Array) else [filters]) if f}
            forbidden = {"/LZWDecode"} | ({"/Crypt"} if self.part == 2 else set())
            if names & forbidden:
                self.add("filter", "pdfa.filter", names=', '.join(sorted(names & forbidden)))
        if obj.get("/Subtype") == "/Image" and bool(obj.get("/Interpolate", False)):
            self.add("image", "pdfa.interpolate")
        if "/EF" in obj:
            self.add("embedded", "pdfa.embedded_file")
        if obj.get("/Type") == "/Font":
            self.font(obj)
        self.transparency(obj)
        for key in ("/A", "/OpenAction", "/Next"):
            value = obj.get(key)
            for action in value if isinstance(value, pikepdf.Array) else [value]:
                if isinstance(action, pikepdf.Dictionary) and "/S" in action:
                    self.action(action)
        if isinstance(obj.get("/AA"), pikepdf.Dictionary):
            for action in obj.AA.values():
                if isinstance(action, pikepdf.Dictionary):
                    self.action(action)
            if obj.get("/Type") == "/Page":
                self.add("page_aa", "pdfa.page_aa")
            elif obj.get("/Subtype") == "/Widget" or "/FT" in obj:
                self.add("field_aa", "pdfa.field_aa")
        if "/ByteRange" in obj and self.part == 2:
            self.signature(obj)

    def font(self, font: Any) -> None:
        subtype, name = font.get("/Subtype"), str(font.get("/BaseFont", "(uten navn)"))[1:]
        if subtype not in ("/Type0", "/Type3"):
            descriptor = font.get("/FontDescriptor")
            if not isinstance(descriptor, pikepdf.Dictionary) or not (
                {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())
            ):
                self.add("font_embedded", "pdfa.font_not_embedded", name=name)
        standard = font.get("/Encoding") in ("/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding")
        is_cid = subtype in ("/CIDFontType0", "/CIDFontType2")
        if self.spec and self.spec.unicode and not is_cid and "/ToUnicode" not in font and not standard:
            self.add("to_unicode", "pdfa.no_to_unicode", name=name)

    def transparency(self, obj: Any) -> None:
        modes = obj.get("/BM")
        modes = {str(m)[1:] for m in (modes if isinstance(modes, pikepdf.Array) else [modes]) if m}
        allowed = {"Normal", "Compatible"} if self.part == 1 else _BLEND_MODES_2
        if modes - allowed:
            self.add("blend_mode", "pdfa.blend_mode", modes=', '.join(sorted(modes - allowed)))
        if self.part != 1:
            return
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            self.add("transparency", "pdfa.transparency_group")
        if "/SMask" in obj and obj.SMask != "/None":
            self.add("transparency", "pdfa.soft_mask")
        is_annotation = "/Rect" in obj or obj.get("/Type") == "/Annot"
        if not is_annotation and any(k in obj and float(obj[k]) != 1.0 for k in ("/CA", "/ca")):
            self.add("transparency", "pdfa.transparency")

    def action(self, action: Any) -> None:
        kind = str(action.get("/S"))[1:]
        allowed = _ACTIONS_1 if self.part == 1 else _ACTIONS_2
        if kind not in allowed:
            self.add("action", "pdfa.action", kind=kind)
        elif kind == "Named" and str(action.get("/N"))[1:] not in _NAMED_ACTIONS:
            self.add("action", "pdfa.named_action", name=str(action.get('/N'))[1:])

    def signature(self, sig: Any) -> None:
        byte_range = [int(v) for v in sig.ByteRange] if isinstance(sig.ByteRange, pikepdf.Array) else []
        if len(byte_range) != 4:
            self.add("signature", "pdfa.byte_range")
            return
        start, length1, offset2, length2 = byte_range
        gap = self.data[start + length1 : offset2]
        end = self.data[: offset2 + length2]
        if (
            start != 0
            or not (gap.startswith(b"<") and gap.endswith(b">"))
            or not re.search(rb"%%EOF(\r\n|\r|\n)?$", end)
        ):
            self.add("signature", "pdfa.byte_range_cover")

    def annotations(self) -> None:
        for page in self.doc.pages:
            for annot in page.obj.get("/Annots", []):
                if isinstance(annot, pikepdf.Dictionary):
                    self.annotation(annot)

    def annotation(self, annot: Any) -> None:
        subtype = str(annot.get("/Subtype", "/(mangler)"))[1:]
        if subtype not in (_ANNOT_TYPES_1 if self.part == 1 else _ANNOT_TYPES_2):
            self.add("annot_type", "pdfa.annot_type", subtype=subtype)
        flags = annot.get("/F")
        if flags is None:
            if self.part == 1 or subtype != "Popup":
                self.add("annot_flags", "pdfa.annot_no_flags", subtype=subtype)
        elif int(flags) & 4 == 0 or int(flags) & (1 | 2 | 32 | 256):
            self.add("annot_flags", "pdfa.annot_hidden", subtype=subtype)
        if self.part == 1 and float(annot.get("/CA", 1)) != 1.0:
            self.add("annot_flags", "pdfa.annot_transparent", subtype=subtype)
        if subtype == "Widget" and "/A" in annot:
            self.add("widget_action", "pdfa.widget_action")
        rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
        zero_size = len(rect) == 4 and rect[0] == rect[2] and rect[1] == rect[3]
        appearance = annot.get("/AP")
        if appearance is None:
            if subtype == "Widget" and (self.part == 1 or not zero_size):
                self.add("widget_appearance", "pdfa.widget_appearance")
            elif self.part == 2 and not zero_size and subtype not in ("Popup", "Link", "Widget"):
                self.add("appearance", "pdfa.annot_no_appearance", subtype=subtype)
            return
        if set(appearance.keys()) != {"/N"}:
            self.add("appearance", "pdfa.appearance_only_n", subtype=subtype)
        field, field_type = annot, None
        while field_type is None and isinstance(field, pikepdf.Dictionary):
            field_type, field = field.get("/FT"), field.get("/Parent")
        normal = appearance.get("/N")
        if not (subtype == "Widget" and field_type == "/Btn") and not isinstance(normal, pikepdf.Stream):
            self.add("appearance", "pdfa.appearance_not_stream", subtype=subtype)

    def metadata(self) -> dict[tuple[str, str], XmpValue] | None:
        stream = self.doc.Root.get("/Metadata")
        if (
            not isinstance(stream, pikepdf.Stream)
            or stream.get("/Type") != "/Metadata"
            or (stream.get("/Subtype") != "/XML")
        ):
            self.add("metadata", "pdfa.no_xmp")
            return None
        if self.part == 1 and "/Filter" in stream:
            self.add("metadata", "pdfa.xmp_compressed")
        packet = stream.read_bytes()
        header = re.match(rb"\s*<\?xpacket begin=[^>]*\?>", packet)
        if header and re.search(rb"\b(bytes|encoding)=", header.group()):
            self.add("xmp_packet", "pdfa.xmp_packet")
        try:
            packet.decode("utf-8")
            props = read_xmp(packet)
        except (ValueError, ET.ParseError) as error:
            self.add("xmp_syntax", "pdfa.xmp_syntax", detail=error)
            return None
        declared = _declared_properties(props)
        for namespace, name in sorted(props):
            if namespace not in _PREDEFINED_NS and (namespace, name) not in declared:
                self.add("xmp_schema", "pdfa.xmp_schema", name=name, namespace=namespace)
        return props

    def identification(self, props: dict[tuple[str, str], XmpValue], level: PdfaLevel | None) -> None:
        part, conformance = _text(props.get((PDFAID, "part"))), _text(props.get((PDFAID, "conformance")))
        claimed = _claimed_level(props)
        if not part or not conformance:
            self.add("identification", "pdfa.no_identification")
        elif claimed is None:
            self.add("identification", "pdfa.unused_level", level=f'{part}{conformance}')
        elif level is not None and claimed != level:
            self.add("identification", "pdfa.wrong_level", claimed=claimed, level=level)

    def info_agrees(self, props: dict[tuple[str, str], XmpValue]) -> None:
        info = self.doc.trailer.get("/Info")
        if not isinstance(info, pikepdf.Dictionary):
            return
        creators = props.get((DC, "creator"))
        texts = {
            "/Title": _lang_alt(props.get((DC, "title"))),
            "/Author": creators[0][1] if isinstance(creators, list) and len(creators) == 1 else None,
            "/Subject": _lang_alt(props.get((DC, "description"))),
            "/Keywords": _text(props.get((PDF, "Keywords"))),
            "/Creator": _text(props.get((XMP, "CreatorTool"))),
            "/Producer": _text(props.get((PDF, "Producer"))),
        }
        for key, xmp_value in texts.items():
            if key in info and str(info[key]) != xmp_value:
                self.add("info_xmp", "pdfa.info_xmp", key=key[1:])
        for key, (namespace, name) in {"/CreationDate": (XMP, "CreateDate"), "/ModDate": (XMP, "ModifyDate")}.items():
            if key in info:
                xmp_value = _text(props.get((namespace, name)))
                info_date = _parse_date(str(info[key]), pdf=True)
                if info_date is None or xmp_value is None or info_date != _parse_date(xmp_value, pdf=False):
                    self.add("info_xmp", "pdfa.info_xmp", key=key[1:])

    def structure(self) -> None:
        mark_info = self.doc.Root.get("/MarkInfo")
        if not (isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked", False))):
            self.add("mark_info", "pdfa.not_tagged")
        if "/StructTreeRoot" not in self.doc.Root:
            self.add("struct_tree", "pdfa.no_struct_tree")


def check_pdfa(pdf: bytes | Path, level: PdfaLevel | None = None) -> list[Finding]:
    """Check the PDF/A essentials (see the module docstring) of the final revision of ``pdf``.

    ``level``: the level the file must claim; if None, the level it claims is checked (PDF/A-2 rules
    if it claims none). Returns the findings, empty if none.
    """
    data = pdf.read_bytes() if isinstance(pdf, Path) else bytes(pdf)
    part = LEVELS[level].part if level is not None else 2
    try:
        doc = pikepdf.open(BytesIO(data))
    except pikepdf.PasswordError:
        return [Finding(_CLAUSES["trailer"][part - 1], "pdfa.encrypted")]
    except pikepdf.PdfError as error:
        return [Finding("6.1", "pdfa.not_pdf", (("detail", str(error)),))]
    with doc:
        try:
            return _check_open(data, doc, level, part)
        except pikepdf.PdfError as error:  # e.g. a damaged compressed stream, found only when it is read
            return [Finding("6.1", "pdfa.damaged", (("detail", str(error)),))]


def _check_open(data: bytes, doc: pikepdf.Pdf, level: PdfaLevel | None, part: int) -> list[Finding]:
    stream = doc.Root.get("/Metadata")
    try:
        claimed = _claimed_level(read_xmp(stream.read_bytes())) if isinstance(stream, pikepdf.Stream) else None
    except (ValueError, ET.ParseError):
        claimed = None
    effective = level or claimed
    checker = _Checker(data, doc, LEVELS[effective].part if effective else part, effective)
    checker.file_structure()
    checker.output_intent()
    checker.objects()
    checker.annotations()
    props = checker.metadata()
    if props is not None:
        checker.identification(props, level)
        checker.info_agrees(props)
    if effective is not None and LEVELS[effective].tagged:
        checker.structure()
    return checker.findings


def _claimed_level(props: dict[tuple[str, str], XmpValue]) -> PdfaLevel | None:
    """The level a file claims in its XMP (pdfaid:part and conformance), None if none of ours."""
    part, conformance = _text(props.get((PDFAID, "part"))), _text(props.get((PDFAID, "conformance")))
    claim = f"{(part or '').strip()}{(conformance or '').strip().lower()}"
    return PdfaLevel(claim) if claim in {str(level) for level in PdfaLevel} else None


# ------------------------------------------------------------------------------------ finalize

_OBJECT_STREAMS = {1: pikepdf.ObjectStreamMode.disable, 2: pikepdf.ObjectStreamMode.preserve}
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _number_tree(node: Any, out: dict[int, Any]) -> dict[int, Any]:
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        _number_tree(kid, out)
    return out


def margin_boxes_as_artifacts(doc: pikepdf.Pdf) -> int:
    """Mark content outside the logical structure as pagination artifacts; return how many items.

    WeasyPrint tags the @page margin boxes (running header, "Side 2 av 3") as /Span elements whose parent
    /NonStruct is never linked into the structure tree: the parent tree names them, /Document does not, so
    checkers see untagged marked content on every page. Every marked-content item whose element cannot be
    reached from the StructTreeRoot becomes ``/Artifact <</Type /Pagination>> BDC`` and leaves the parent
    tree (ISO 32000-1 14.8.2.2; PDF/A-2a).
    """
    tree_root = doc.Root.get("/StructTreeRoot")
    if not isinstance(tree_root, pikepdf.Dictionary) or "/ParentTree" not in tree_root:
        return 0
    reachable: set[tuple[int, int]] = set()
    stack = [tree_root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.objgen in reachable:
                continue
            reachable.add(node.objgen)
            stack.append(node.get("/K"))
    parents = _number_tree(tree_root.ParentTree, {})
    count = 0
    for page in doc.pages:
        key = page.obj.get("/StructParents")
        array = parents.get(int(key)) if key is not None else None
        if not isinstance(array, pikepdf.Array):
            continue
        artifacts: set[int] = set()
        for mcid in range(len(array)):
            element = array[mcid]
            if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable:
                artifacts.add(mcid)
                array[mcid] = pikepdf.Object.parse(b"null")
        if not artifacts:
            continue
        ops: list[Any] = []
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = instruction.operands, instruction.operator
            if (str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary)
                    and int(operands[1].get("/MCID", -1)) in artifacts):
                ops.append(([pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)], operator))
                count += 1
            else:
                ops.append(instruction)
        page.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
    return count


def finalize_pdfa(pdf: bytes, level: PdfaLevel, *, title: str, doc_type: str, created: datetime,
                  lang: str, creator_tool: str = "bti-docs", creator: str | None = None) -> bytes:  # fmt: skip
    """Give a PDF/A file (WeasyPrint's output) our metadata, consistent in XMP and the Info dictionary.

    WeasyPrint 70 declares every XMP namespace on rdf:RDF, which PDFBox Preflight rejects, has no
    language-tagged title, no document type, and copies <title>, <meta name=author|description|
    keywords> from the HTML. This replaces the XMP packet with :func:`build_xmp`'s and the Info
    dictionary with Title, Creator and CreationDate only (no personal data can come along from the
    HTML), sets the catalog's /Lang, removes /Interpolate from images (WeasyPrint sets it true, PDF/A
    forbids that) and drops empty resource dictionaries (which pikepdf's validator does not accept).

    Info has no /Producer and /ModDate on purpose: pyHanko's incremental update appends "; pyHanko x"
    to an existing Info /Producer but writes only "pyHanko x" to XMP, and stamps the two ModDates from
    two clock readings; without them it writes consistent values.

    The result is a full rewrite (deterministic for the same input): call it before signing.
    """
    if not title.strip() or not doc_type.strip() or _CONTROL.search(title + doc_type + (creator or "")):
        raise ValueError("title and doc_type must be non-empty text without control characters")
    if not _LANG.fullmatch(lang):
        raise ValueError(f"not a BCP 47 language tag: {lang!r}")
    spec = LEVELS[level]
    with pikepdf.open(BytesIO(pdf)) as doc:
        info = doc.trailer.get("/Info")
        producer = str(info.get("/Producer", "")) if isinstance(info, pikepdf.Dictionary) else ""
        packet = build_xmp(level, title=title, doc_type=doc_type, lang=lang, created=created,
                           producer=producer or creator_tool, creator_tool=creator_tool, creator=creator)  # fmt: skip
        doc.Root.Metadata = doc.make_stream(packet, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        doc.Root.Lang = pikepdf.String(lang)
        info_dict = pikepdf.Dictionary(
            Title=pikepdf.String(title),
            Creator=pikepdf.String(creator_tool),
            CreationDate=pikepdf.String(pdf_date(created)),
        )
        if creator:
            info_dict.Author = pikepdf.String(creator)  # = the single dc:creator (ISO 19005-2 6.6.2.3.3)
        doc.trailer.Info = doc.make_indirect(info_dict)
        if spec.conformance == "A":
            margin_boxes_as_artifacts(doc)
        for obj in doc.objects:  # WeasyPrint marks images /Interpolate true, which PDF/A forbids
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" and "/Interpolate" in obj:
                del obj["/Interpolate"]
        for page in doc.pages:
            resources = page.obj.get("/Resources")
            if isinstance(resources, pikepdf.Dictionary):
                for key in list(resources.keys()):
                    value = resources[key]
                    if isinstance(value, pikepdf.Dictionary) and not len(value.keys()):
                        del resources[key]
        out = BytesIO()
        doc.save(
            out,
            force_version=spec.pdf_version,
            fix_metadata_version=False,
            deterministic_id=True,
            # PDF/A-1 is PDF 1.4: no object or cross-reference streams.
            object_stream_mode=_OBJECT_STREAMS[spec.part],
        )
        return out.getvalue()
