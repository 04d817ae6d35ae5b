"""A BTI document as an editable DOCX working copy, rendered with docxtpl from ``templates/docx/<kind>.docx``.

The sealed PDF/A is the archive version; the DOCX is a working copy and says so on every page.

The .docx templates are the source: a municipality edits them in Word or LibreOffice (logo, styles, layout)
and points ``BTI_DOCS_TEMPLATES`` at its copy; ``bti_docs.render.docx_check`` checks an edited template
against the render context before it is used.

User text is data, never markup or template code:

- the template data is :func:`bti_docs.render.context.build_context`'s plain str/list/dict, checked here to
  hold nothing else (no ``RichText``, ``Listing`` or ``Markup`` can slip in), with characters that XML 1.0
  cannot carry replaced by U+FFFD;
- docxtpl renders with a :class:`~jinja2.sandbox.SandboxedEnvironment` and ``autoescape=True``; the
  environment's ``finalize`` escapes every printed value for XML *and* writes ``{`` and ``}`` as character
  references, so docxtpl's post-render ``{_{`` → ``{{`` rewrite cannot change user text;
- context values are only ever printed, never compiled as templates;
- the rendered body is parsed strictly before docxtpl's recovering parser sees it, so a malformed document
  raises instead of silently losing text.

Long texts arrive from ``context.prose`` as paragraphs of lines; the ``prose`` filter joins them with the
characters docxtpl itself turns into paragraph breaks (``\\a``) and line breaks (``\\n``) after rendering.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from bti_docs.errors import RenderError
from bti_docs.render.context import Data, DocumentMeta, FormModel, build_context

DOCX_DIR: Final = "docx"
CREATOR: Final = "bti-docs"

_LOCAL_TIME: Final = ZoneInfo("Europe/Oslo")
# Everything XML 1.0 cannot carry; \t and \n stay (docxtpl makes tabs and line breaks of them).
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# --- template data ----------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """``text`` as XML can carry it: CR/CRLF become LF, other forbidden characters U+FFFD."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def plain_data(value: object) -> object:
    """A deep copy of ``value`` as plain str/bool/int/list/dict with clean text; anything else is refused.

    Objects that carry their own markup (``Markup``, docxtpl's ``RichText`` and ``Listing``) are str
    subclasses or other types: they come out as plain ``str`` or raise ``TypeError``.
    """
    if isinstance(value, str):
        return clean_text(str.__str__(value))
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Mapping):
        return {str(key): plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(item) for item in value]
    raise TypeError(f"template data must be plain text, lists and dicts, not {type(value).__name__}")


def docx_context(context: Data) -> dict[str, Any]:
    """``build_context``'s data made safe for docxtpl (see ``plain_data``)."""
    data = plain_data(context)
    assert isinstance(data, dict)
    return data


# --- the Jinja environment --------------------------------------------------------------------------


def _xml_text(value: object) -> Markup:
    """Every printed value: XML-escaped, with braces as character references (``&#123;`` ``&#125;``).

    Markup made by the template itself (a macro, a filter over escaped values) is already escaped. Text is
    not cleaned here: the data was (``plain_data``), and the ``prose`` filter's ``\a`` must pass.
    """
    html = getattr(value, "__html__", None)
    text = str(html()) if callable(html) else str(escape(str(value)))
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


def _prose(paragraphs: Sequence[Sequence[str]]) -> str:
    """``context.prose`` → one string: docxtpl makes paragraphs of ``\\a`` and line breaks of ``\\n``."""
    return "\a".join("\n".join(lines) for lines in paragraphs)


def _prose_lines(paragraphs: Sequence[Sequence[str]]) -> str:
    """``context.prose`` in a single paragraph (list items): line breaks only."""
    return "\n".join(line for lines in paragraphs for line in lines)


def _breaks(parts: Sequence[str]) -> str:
    """Non-empty parts, one per line."""
    return "\n".join(part for part in parts if part)


def make_environment() -> SandboxedEnvironment:
    """A fresh sandboxed, autoescaping, strict environment (docxtpl sets attributes on the one it gets)."""
    env = SandboxedEnvironment(autoescape=True, finalize=_xml_text, undefined=StrictUndefined)
    env.filters["prose"] = _prose
    env.filters["prose_lines"] = _prose_lines
    env.filters["breaks"] = _breaks
    return env


class _StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl is untyped
    """docxtpl re-parses the rendered body with ``recover=True``; parse it strictly first."""

    def fix_tables(self, xml: str) -> Any:
        try:
            ElementTree.fromstring(xml)  # expat: strict, and the XML (not the text in it) is the template's
        except ElementTree.ParseError as exc:
            # The parser's message may quote document text: give only the position.
            raise RenderError("render.docx_xml", name=Path(self.template_file).name, column=exc.position[1]) from None
        return super().fix_tables(xml)


# --- the template's parts and its tags --------------------------------------------------------------

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CLOSER: Final = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TAG_EDGE: Final = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_WHERE_MAX: Final = 160


def paragraph_texts(xml: str) -> list[str]:
    """The text of every paragraph in a part, as Word shows it (a table cell's paragraphs are paragraphs)."""
    texts: dict[ElementTree.Element, list[str]] = {}
    root = ElementTree.fromstring(xml)
    parents = {child: parent for parent in root.iter() for child in parent}
    for node in root.iter(f"{_W}t"):
        paragraph = parents.get(node)
        while paragraph is not None and paragraph.tag != f"{_W}p":
            paragraph = parents.get(paragraph)
        if paragraph is not None:
            texts.setdefault(paragraph, []).append(node.text or "")
    return ["".join(parts) for parts in texts.values()]


def unbalanced_tag(text: str) -> str | None:
    """The first tag edge in ``text`` without its partner (``{{`` never closed, ``%}`` never opened)."""
    expected: str | None = None
    opener = ""
    for match in _TAG_EDGE.finditer(text):
        edge = match.group()
        if expected is None:
            if edge not in _CLOSER:
                return edge
            expected, opener = _CLOSER[edge], edge
        elif edge == expected:
            expected = None
        elif edge in _CLOSER:
            return opener
    return opener if expected is not None else None


def template_parts(template: Path | DocxTemplate) -> list[tuple[str, str]]:
    """(part name, XML) of the body, every header and every footer, as docxtpl reads them."""
    document = template if isinstance(template, DocxTemplate) else DocxTemplate(template)
    document.init_docx()
    sources = [("word/document.xml", document.get_xml())]
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _, part in document.get_headers_footers(uri):
            sources.append((str(part.partname).lstrip("/"), document.get_part_xml(part)))
    return sources


def short_text(text: str) -> str:
    """``text`` stripped, and cut to a length that fits in a message."""
    text = text.strip()
    return text if len(text) <= _WHERE_MAX else f"{text[: _WHERE_MAX - 1]}…"


def half_tags(parts: Sequence[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(part, paragraph text, tag edge) for every paragraph with a tag it opens and does not close (or the
    reverse). docxtpl's clean-up would join such a tag with the next one and silently drop the text between."""
    return [
        (part, short_text(text), edge)
        for part, xml in parts
        for text in paragraph_texts(xml)
        if (edge := unbalanced_tag(text)) is not None
    ]


# --- the document -----------------------------------------------------------------------------------


def template_path(kind: str, templates_dir: Path) -> Path:
    """``templates_dir/<kind>.docx``; the project's ``templates/`` folder (holding ``docx/``) works too."""
    direct = templates_dir / f"{kind}.docx"
    return direct if direct.is_file() else templates_dir / DOCX_DIR / f"{kind}.docx"


def _utc(when: datetime) -> datetime:
    """Aware in UTC; a naive time is Norwegian local time (as ``context.format_datetime`` reads it)."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=_LOCAL_TIME)
    return aware.astimezone(UTC).replace(microsecond=0)


def set_core_properties(document: Any, *, title: str, subject: str, language: str, when: datetime) -> None:
    """Metadata without names: the generic title, ``bti-docs`` as creator, the document's own time."""
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.author = CREATOR
    props.last_modified_by = CREATOR
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.identifier = ""
    props.content_status = ""
    props.version = ""
    props.language = language
    props.revision = 1
    props.created = _utc(when)
    props.modified = _utc(when)


def _set_proofing_language(document: Any, language: str) -> None:
    """The default language of all text (spelling and hyphenation in Word/LibreOffice): nn-NO or nb-NO."""
    styles = document.styles.element
    r_pr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        return
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)


def _ensure_cell_paragraphs(document: Any) -> None:
    """A table cell must end with a paragraph, even when a loop in it rendered nothing."""
    for cell in document.element.body.iter(qn("w:tc")):
        if cell.find(qn("w:p")) is None:
            cell.append(OxmlElement("w:p"))


def repack(docx: bytes, when: datetime) -> bytes:
    """The same package with every member stamped ``when`` (local time), so equal input gives equal bytes."""
    local = _utc(when).astimezone(_LOCAL_TIME)
    stamp = (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def render_context(context: Data, template: Path, when: datetime) -> bytes:
    """Render one DOCX template with ``build_context``'s data.

    A template edited by hand is read before it is used: a half tag (which docxtpl would silently join with
    the next tag, dropping the text between) and a Jinja error both raise ``RenderError`` naming the template.
    """
    if not template.is_file():
        raise RenderError("render.docx_missing", name=template.name, folder=template.parent)
    data = docx_context(context)
    document = _StrictDocxTemplate(template)
    half = half_tags(template_parts(document))
    if half:
        _, text, edge = half[0]
        raise RenderError("render.docx_half_tag", name=template.name, edge=edge, paragraph=text)
    try:
        document.render(data, jinja_env=make_environment(), autoescape=True)
    except TemplateError as exc:
        # A template edited by hand with a typo: name the template and the tag, never the document's text.
        detail = exc.message or type(exc).__name__
        raise RenderError("render.docx_tag", name=template.name, detail=detail) from None
    docx = document.docx
    _ensure_cell_paragraphs(docx)
    language = str(data["html_lang"])
    _set_proofing_language(docx, language)
    set_core_properties(
        docx, title=str(data["metadata_title"]), subject=str(data["title"]), language=language, when=when
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue(), when)


def render_docx(form: FormModel, meta: DocumentMeta, templates_dir: Path) -> bytes:
    """The document as DOCX bytes, in ``meta.lang``; created/modified = ``meta.sealed_at``.

    ``templates_dir`` is the DOCX template folder (``templates/docx``) or the folder above it.

    Raises ``RefusedCaseError`` (from ``build_context``) for a case of suspected violence or abuse, and
    ``RenderError`` when the template is missing, holds a broken tag, or rendering produced invalid XML.
    """
    context = build_context(form, meta)
    return render_context(context, template_path(form.skjema.value, templates_dir), meta.sealed_at)
