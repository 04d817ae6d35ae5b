"""The journey of one document, top to bottom: valid form → HTML → PDF/A → gate → seal → gate (→ archive).

Each step lives in its own module; this file only calls them in order, so the whole flow fits on one screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bti_docs.config import Settings
from bti_docs.errors import InputFileError, InvalidFormError, RefusedCaseError, SealError
from bti_docs.forms.models import Form
from bti_docs.i18n import Lang
from bti_docs.paths import templates_dir
from bti_docs.pdfa import PdfaLevel
from bti_docs.quality import gate_glyphs, gate_pdfa, gate_seals
from bti_docs.render.context import DocumentMeta, document_title, metadata_title, resolve_lang
from bti_docs.render.html import html_to_pdf
from bti_docs.render.templating import render_html
from bti_docs.seal import SealConfig, SealStatus, seal_pdf, signer_description


@dataclass(frozen=True)
class RenderOptions:
    seal: SealConfig
    level: PdfaLevel = PdfaLevel.PDFA_2B
    lang: Lang | None = None
    docx: bool = False
    title: str | None = None  # the Noark title the document is filed with; default the render title


@dataclass(frozen=True)
class RenderedDocument:
    form: Form
    lang: Lang
    level: PdfaLevel
    title: str  # the generic title (no names): metadata, archive
    doc_type: str  # the document kind in words: "Stafettlogg", "Overgangsskjema", ...
    pdf: bytes  # sealed PDF/A, checked
    docx: bytes | None
    seal: SealStatus
    sealed_by: str
    sealed_at: datetime


def render_document(form: Form, settings: Settings, options: RenderOptions, *, file: str) -> RenderedDocument:
    """Render one valid form to a sealed, checked PDF/A (and DOCX on request)."""
    templates = templates_dir()
    lang = options.lang or resolve_lang(form, _lang(settings))
    now = datetime.now(tz=UTC).replace(microsecond=0)
    sealed_by = signer_description(options.seal)
    meta = DocumentMeta(
        municipality=settings.kommune.navn,
        unit=settings.kommune.enheter[form.enhet].navn,
        lang=lang,
        sealed_by=sealed_by,
        sealed_at=now,
        pdfa_level=options.level.value,
        unit_names={unit_id: unit.navn for unit_id, unit in settings.kommune.enheter.items()},
    )
    title, doc_type = options.title or metadata_title(form, meta), document_title(form, lang)
    creator = f"{settings.kommune.navn}, {meta.unit}"  # XMP dc:creator / Info Author: never a person

    gate_glyphs(form, file)
    html = render_html(form, meta, templates / "html")
    pdf = html_to_pdf(html, base_dir=templates / "html", level=options.level, title=title, doc_type=doc_type, lang=lang,
                      created=now, creator=creator)
    gate_pdfa(pdf, options.level, stage="rendering")

    sealed = seal_pdf(pdf, options.seal, level=options.level.value, reason=doc_type,
                      location=settings.kommune.navn)
    gate_pdfa(sealed, options.level, stage="forsegling")
    status = gate_seals(sealed, options.seal.trust_roots)

    docx = None
    if options.docx:
        from bti_docs.render.docx import render_docx

        docx = render_docx(form, meta, templates / "docx")
    return RenderedDocument(form, lang, options.level, title, doc_type, sealed, docx, status, sealed_by, now)


def require_valid(validated: object) -> Form:
    """The form of a ``api.Validated`` result, or the exception that says why there is none."""
    from bti_docs.api import INPUT_FILE_CODES, Validated

    assert isinstance(validated, Validated)
    errors = [p for p in validated.problems if p.severity == "error"]
    if validated.form is not None and not errors:
        return validated.form
    codes = {p.code for p in errors}
    summary = "\n".join(p.format() for p in errors)
    if "case_violence_abuse" in codes:
        raise RefusedCaseError(summary, errors)
    if codes & INPUT_FILE_CODES:
        raise InputFileError(summary, errors)
    raise InvalidFormError(summary, errors)


def seal_config(settings: Settings, cert: Path | None, trust: tuple[Path, ...],
                password_file: Path | None = None) -> SealConfig:
    """The seal certificate from ``--cert``/``--trust``, else from the municipality's settings."""
    configured = settings.kommune.sertifikat
    if cert is not None:
        roots = trust or tuple(settings.resolve(p) for p in (configured.tillitsrot if configured else []))
        return SealConfig(p12=cert, password_file=password_file,
                          password_env=None if password_file else "BTI_DOCS_CERT_PASSWORD",
                          timestamp_url=configured.tidsstempel_url if configured else None, trust_roots=roots,
                          level=configured.pades_nivaa if configured else None,
                          fetch_revocation=configured.hent_tilbakekallingsdata if configured else False)
    if configured is None:
        raise SealError(
            "Ingen sertifikat for forsegling. Oppgi --cert (og --trust), eller «sertifikat» i archive_rules.yaml. "
            "For testing: bti-docs dev-cert MAPPE."
        )
    return SealConfig(
        p12=settings.resolve(configured.p12),
        password_env=configured.passord_miljovariabel,
        password_file=settings.resolve(configured.passord_fil) if configured.passord_fil else password_file,
        timestamp_url=configured.tidsstempel_url,
        trust_roots=trust or tuple(settings.resolve(p) for p in configured.tillitsrot),
        level=configured.pades_nivaa,
        fetch_revocation=configured.hent_tilbakekallingsdata,
    )


def _lang(settings: Settings) -> Lang:
    return "nn" if settings.kommune.malform.value == "nn" else "nb"
