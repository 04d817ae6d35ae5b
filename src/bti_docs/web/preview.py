"""Drafts for the eye: the document's HTML, and an unsealed PDF/A marked UTKAST on every page.

The same context and templates as the filed document (``bti_docs.render``), with the seal block replaced
by the draft notice: the text "Elektronisk forsegla av …" never appears on a draft. Nothing is sealed,
nothing is filed, and the web app needs no certificate.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bti_docs.config import Settings
from bti_docs.i18n import Lang
from bti_docs.kinds import Form
from bti_docs.options import DEFAULT_PDFA
from bti_docs.paths import templates_dir
from bti_docs.render.context import DocumentMeta, build_context, document_title, metadata_title, resolve_lang
from bti_docs.render.templating import render_template, template_name
from bti_docs.web.texts import ui

DRAFT_MARK = "UTKAST"
_DRAFT_CSS = (
    "<style>@page { @bottom-center { content: \"%s\"; font-weight: 700; color: #b00020; } }"
    " .draft-banner { border: 2pt solid #b00020; color: #b00020; font-weight: 700; padding: 4pt 8pt;"
    " margin: 0 0 8pt 0; }</style>"
)


def _meta(form: Form, settings: Settings, lang: Lang) -> DocumentMeta:
    return DocumentMeta(
        municipality=settings.kommune.navn,
        unit=settings.kommune.enheter[form.enhet].navn if form.enhet in settings.kommune.enheter else form.enhet,
        lang=lang, sealed_by="", sealed_at=datetime.now(tz=UTC).replace(microsecond=0), pdfa_level=DEFAULT_PDFA.value,
        unit_names={k: u.navn for k, u in settings.kommune.enheter.items()},
    )


# The templates do not link their stylesheets (the PDF renderer parses them once per process); a browser
# showing the HTML preview gets the same ones, relative to the template folder.
_BROWSER_STYLESHEETS = '<link rel="stylesheet" href="../fonts/fonts.css">\n<link rel="stylesheet" href="style.css">'


def draft_html(form: Form, settings: Settings, *, base_href: str = "") -> tuple[str, Lang, DocumentMeta]:
    """The document as HTML, marked as a draft; ``base_href`` lets a browser find its stylesheet and fonts."""
    lang = resolve_lang(form, settings.lang)
    meta = _meta(form, settings, lang)
    context = build_context(form, meta)
    context["seal"] = {"text": ui("draft.banner", lang), "note": ui("draft.note", lang)}
    html = render_template(template_name(form.skjema.value), context, templates_dir() / "html")
    banner = f'<p class="draft-banner">{ui("draft.banner", lang)}</p>'
    if base_href:  # for a browser: the stylesheets the PDF renderer is given, linked against the base
        html = html.replace("<head>", f'<head>\n<base href="{base_href}">\n{_BROWSER_STYLESHEETS}', 1)
    html = html.replace("</head>", _DRAFT_CSS % DRAFT_MARK + "</head>", 1)
    html = html.replace('<div class="title-block">', banner + '<div class="title-block">', 1)
    return html, lang, meta


def draft_pdf(form: Form, settings: Settings) -> bytes:
    """An unsealed PDF/A-2b of the draft, marked UTKAST on every page."""
    from bti_docs.pdfa import PdfaLevel
    from bti_docs.render.html import html_to_pdf

    html, lang, meta = draft_html(form, settings)
    title = f"{DRAFT_MARK}: {metadata_title(form, meta)}"
    return html_to_pdf(html, base_dir=templates_dir() / "html", level=PdfaLevel.PDFA_2B, title=title,
                       doc_type=document_title(form, lang), lang=lang, created=meta.sealed_at)
