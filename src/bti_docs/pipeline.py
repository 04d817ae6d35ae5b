"""The journey of one document, top to bottom: a parsed form → rules → HTML → PDF/A → gate → seal → gate →
archive.

``file_loaded`` is the whole path from a parsed input to a filed record; ``render_document`` the middle part
(form → sealed, checked PDF/A). Validation (load → parse → rules → verdict) is ``bti_docs.validate``. Each
step lives in its own module; this file only calls them in order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bti_docs.archive import Archive, DocumentToFile, FiledDocument, PlanOutdatedError, plan_filing
from bti_docs.archive.current_copies import file_owed_copies, owed_copies
from bti_docs.archive.plan import form_sha256
from bti_docs.config import Settings
from bti_docs.errors import BtiError, SealError
from bti_docs.forms.load import Loaded
from bti_docs.i18n import Lang
from bti_docs.kinds import Form
from bti_docs.options import DEFAULT_PDFA, FileOptions, PdfaLevel
from bti_docs.outcome import FileOutcome
from bti_docs.paths import templates_dir
from bti_docs.quality import gate_glyphs, gate_pdfa, gate_seals
from bti_docs.render.context import DocumentMeta, document_title, metadata_title, resolve_lang
from bti_docs.render.html import finish_pdf, lay_out
from bti_docs.render.templating import render_html
from bti_docs.seal import SealConfig, SealStatus, seal_ok, seal_pdf, signer_description
from bti_docs.validate import Validated, check_loaded, load, require_valid


@dataclass(frozen=True)
class RenderOptions:
    seal: SealConfig
    level: PdfaLevel = DEFAULT_PDFA
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
    pages: bytes  # the laid-out pages before metadata and seal: a new title needs no new layout


def render_document(form: Form, settings: Settings, options: RenderOptions, *, file: str) -> RenderedDocument:
    """Render one valid form to a sealed, checked PDF/A (and DOCX on request)."""
    templates = templates_dir()
    lang = options.lang or resolve_lang(form, settings.lang)
    now = datetime.now(tz=UTC).replace(microsecond=0)
    meta = DocumentMeta(
        municipality=settings.kommune.navn,
        unit=settings.kommune.enheter[form.enhet].navn,
        lang=lang,
        sealed_by=signer_description(options.seal),
        sealed_at=now,
        pdfa_level=options.level.value,
        unit_names={unit_id: unit.navn for unit_id, unit in settings.kommune.enheter.items()},
    )
    gate_glyphs(form, file, lang)
    pages = lay_out(render_html(form, meta, templates / "html"), base_dir=templates / "html", level=options.level)
    docx = None
    if options.docx:
        from bti_docs.render.docx import render_docx

        docx = render_docx(form, meta, templates / "docx")
    title = options.title or metadata_title(form, meta)
    return _finish(form, settings, options, lang, pages, title, meta.sealed_by, now, docx)


def retitle(rendered: RenderedDocument, settings: Settings, options: RenderOptions) -> RenderedDocument:
    """``rendered`` under the title in ``options``: new metadata, seal and gates on the same pages (the title is
    in the metadata only, so the pages are what a new render would lay out)."""
    title = options.title or rendered.title
    return _finish(rendered.form, settings, options, rendered.lang, rendered.pages, title, rendered.sealed_by,
                   rendered.sealed_at, rendered.docx)


def _finish(form: Form, settings: Settings, options: RenderOptions, lang: Lang, pages: bytes, title: str,
            sealed_by: str, now: datetime, docx: bytes | None) -> RenderedDocument:
    """Metadata → gate → seal → gate: the pages become the sealed, checked PDF/A."""
    doc_type = document_title(form, lang)
    creator = f"{settings.kommune.navn}, {settings.kommune.enheter[form.enhet].navn}"  # never a person
    pdf = finish_pdf(pages, level=options.level, title=title, doc_type=doc_type, lang=lang, created=now,
                     creator=creator)
    gate_pdfa(pdf, options.level, stage="rendering")
    sealed = seal_pdf(pdf, options.seal, level=options.level.value, reason=doc_type, location=settings.kommune.navn)
    gate_pdfa(sealed, options.level, stage="forsegling")
    status = gate_seals(sealed, options.seal.trust_roots)
    return RenderedDocument(form, lang, options.level, title, doc_type, sealed, docx, status, sealed_by, now, pages)


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
        raise SealError("seal.no_certificate")
    return SealConfig(
        p12=settings.resolve(configured.p12),
        password_env=configured.passord_miljovariabel,
        password_file=settings.resolve(configured.passord_fil) if configured.passord_fil else password_file,
        timestamp_url=configured.tidsstempel_url,
        trust_roots=trust or tuple(settings.resolve(p) for p in configured.tillitsrot),
        level=configured.pades_nivaa,
        fetch_revocation=configured.hent_tilbakekallingsdata,
    )


# --- filing -----------------------------------------------------------------------------------------


BeforeCommit = Callable[[], None]
RETITLE_WITHIN = timedelta(seconds=60)  # a retitled page's "sealed at" stays within a minute of its seal
PLAN_ATTEMPTS = 20  # several watchers filing one case: each retry sees the case as it now is


def file_one(path: Path, settings: Settings, options: FileOptions, *, display: str | None = None,
             before_commit: BeforeCommit | None = None) -> FileOutcome:
    """Load → validate → render → seal → file one input, per the municipality's archive rules."""
    loaded = load(path, settings, display=display, lang=options.lang)
    return file_loaded(loaded, settings, options, before_commit=before_commit)


@dataclass(frozen=True)
class Prepared:
    """An input validated and rendered (``rendered`` is None when the archive holds all it would file)."""

    validated: Validated
    rendered: RenderedDocument | None


def prepare(path: Path, settings: Settings, options: FileOptions, *, display: str | None = None,
            on_case: Callable[[str], None] | None = None) -> Prepared:
    """The part of ``file_one`` that needs no turn at the archive: load, rules, the sealed and checked PDF.
    ``on_case`` hears the case key as soon as the form is parsed. Raises as ``file_one`` does."""
    loaded = load(path, settings, display=display, lang=options.lang)
    if on_case is not None and loaded.form is not None:
        on_case(loaded.form.sak)
    validated = check_loaded(loaded, settings, lang=options.lang)
    form = require_valid(validated)
    if _filed_already(form, settings, options):
        return Prepared(validated, None)
    how = render_options(settings, options, title=_title_ahead(form, settings, options))
    return Prepared(validated, render_document(form, settings, how, file=validated.file))


def _filed_already(form: Form, settings: Settings, options: FileOptions) -> bool:
    """The archive holds every document this input would file (the same content filed before; that stays
    true). Nothing else is decided here: the plan is made again in turn."""
    if not options.archive.exists():
        return False
    with Archive(options.archive, settings) as archive:
        if not archive.already_filed(form_sha256(form)):
            return False
        plan = plan_filing(form, settings, archive, event_override=options.event, lang=options.lang)
        return plan.complete or plan.nothing_to_file


def open_seal(settings: Settings, options: FileOptions) -> str:
    """Open the seal certificate ``options`` (else the settings) name and keep it for this process (its key
    derivation takes a tenth of a second or more); returns who seals. SealError when it cannot be opened."""
    return signer_description(render_options(settings, options).seal)


def render_options(settings: Settings, options: FileOptions, *, title: str | None = None) -> RenderOptions:
    """How ``file`` renders: the seal from ``options`` (else the settings), the PDF/A level and language, and
    the Noark title the document will be filed with (its Info/XMP title)."""
    seal = seal_config(settings, options.cert, options.trust, options.password_file)
    return RenderOptions(seal=seal, level=PdfaLevel(options.pdfa), lang=options.lang, title=title)


def planned_title(form: Form, settings: Settings, options: FileOptions) -> str | None:
    """The Noark title the archive would give ``form`` now, for rendering ahead of the archive's turn. If the
    case moves on before the turn comes and the title changes, filing renders the document again."""
    with Archive(options.archive, settings) as archive:
        plan = plan_filing(form, settings, archive, event_override=options.event, lang=options.lang)
    own = [p.title for p in plan.planned if p.source is None]
    return own[0] if own else None


def render_valid(loaded: Loaded, settings: Settings, options: FileOptions) -> tuple[Validated, RenderedDocument]:
    """The first half of ``file_loaded`` that does not look at the archive: rules, then the sealed, checked
    PDF/A. Raises as ``file_loaded`` does for bad input. A batch runs this on many inputs in parallel and
    files the results in case order with ``file_validated``."""
    validated = check_loaded(loaded, settings, lang=options.lang)
    form = require_valid(validated)
    how = render_options(settings, options, title=_title_ahead(form, settings, options))
    return validated, render_document(form, settings, how, file=validated.file)


def _title_ahead(form: Form, settings: Settings, options: FileOptions) -> str | None:
    try:
        return planned_title(form, settings, options)
    except BtiError:  # a case rule refuses it now: filing in turn decides and says why
        return None


def file_validated(validated: Validated, settings: Settings, options: FileOptions, *,
                   rendered: RenderedDocument | None = None, checked: set[str] | None = None,
                   before_commit: BeforeCommit | None = None) -> FileOutcome:
    """File a validated input, with its PDF rendered already (``render_valid``) or, when ``rendered`` is None,
    rendered here if the archive needs it. ``checked``: SHA-256 of PDFs that passed both gates with the same
    trust roots in this run (a batch); a log copy among them is not parsed and checked again, and the copies
    checked here are added."""
    form = require_valid(validated)
    for _attempt in range(PLAN_ATTEMPTS - 1):
        try:
            return _file_form(form, validated, settings, options, before_commit, rendered, checked)
        except PlanOutdatedError:
            # Another process filed a document of the same case between our plan and our filing: plan again.
            continue
    return _file_form(form, validated, settings, options, before_commit, rendered, checked)


def file_loaded(loaded: Loaded, settings: Settings, options: FileOptions, *,
                before_commit: BeforeCommit | None = None) -> FileOutcome:
    """The whole journey of one parsed input to a filed record.

    Raises InputFileError / InvalidFormError / RefusedCaseError for bad input (``problems`` say what and
    where), and ConfigError / SealError / QualityError / ArchiveError for problems on our side
    (``bti_docs.outcome`` classifies them). ``before_commit`` is called right before the archive commit (not
    when nothing new is filed); an exception it raises stops the filing with nothing filed (the watcher checks
    there that its input did not change while it was rendered).
    """
    validated = check_loaded(loaded, settings, lang=options.lang)
    form = require_valid(validated)
    for _attempt in range(PLAN_ATTEMPTS - 1):
        try:
            return _file_form(form, validated, settings, options, before_commit)
        except PlanOutdatedError:
            # Another process filed a document of the same case between our plan and our filing: plan again.
            continue
    return _file_form(form, validated, settings, options, before_commit)


def _file_form(form: Form, validated: Validated, settings: Settings, options: FileOptions,
               before_commit: BeforeCommit | None = None, rendered: RenderedDocument | None = None,
               checked: set[str] | None = None) -> FileOutcome:
    with Archive(options.archive, settings) as archive:
        plan = plan_filing(form, settings, archive, event_override=options.event, source_name=validated.file,
                           lang=options.lang)
        events = [e.value for e in plan.events]
        warnings = [*validated.warnings, *plan.warnings]
        if plan.complete or plan.nothing_to_file:
            already = list(plan.already_filed) + _owed_copies(archive, form, settings, options)
            return FileOutcome(validated.file, plan.input_sha256, [Path(d.relpath) for d in already],
                               plan.complete, events, already[-1].entry_hash if already else "", warnings)
        own = [p.title for p in plan.planned if p.source is None]
        how = render_options(settings, options, title=own[0] if own else None)  # Info/XMP title = Noark title
        if rendered is None:
            rendered = render_document(form, settings, how, file=validated.file)
        elif how.title is not None and rendered.title != how.title:  # rendered ahead; the plan changed the title
            # The page states when it was sealed: new metadata and seal on the same pages only while that
            # still holds (a render that has waited longer is done again).
            fresh = datetime.now(tz=UTC) - rendered.sealed_at < RETITLE_WITHIN
            rendered = retitle(rendered, settings, how) if fresh else \
                render_document(form, settings, how, file=validated.file)
        elif checked is not None:
            checked.add(hashlib.sha256(rendered.pdf).hexdigest())
        docs = plan.documents(pdf=rendered.pdf, pdfa_level=rendered.level.value, seal_signer=rendered.seal.signer,
                              seal_time=rendered.seal.signing_time or rendered.sealed_at,
                              seal_verified=seal_ok(rendered.seal))
        for doc in docs:  # copies of the case's latest log pass the same gates as what was just made
            if doc.copy_of is not None and (checked is None or doc.copy_of.sjekksum not in checked):
                gate_pdfa(doc.pdf, PdfaLevel(doc.pdfa_level), stage="kopiering")
                gate_seals(doc.pdf, how.seal.trust_roots)
                if checked is not None:
                    checked.add(doc.copy_of.sjekksum)
        if before_commit is not None:
            before_commit()
        filed = archive.file(docs)
        filed += _owed_copies(archive, form, settings, options)
        return FileOutcome(validated.file, plan.input_sha256, [Path(d.relpath) for d in filed],
                           all(d.duplicate for d in filed), events, filed[-1].entry_hash if filed else "", warnings)


def _owed_copies(archive: Archive, form: Form, settings: Settings, options: FileOptions) -> list[FiledDocument]:
    """Copies of the current log owed to events of the case filed before their log (archive.current_copies)."""
    if not owed_copies(form.sak, settings, archive):
        return []
    trust = seal_config(settings, options.cert, options.trust, options.password_file).trust_roots

    def gate(doc: DocumentToFile) -> None:
        gate_pdfa(doc.pdf, PdfaLevel(doc.pdfa_level), stage="kopiering")
        gate_seals(doc.pdf, trust)

    return file_owed_copies(archive, form.sak, settings, gate)
