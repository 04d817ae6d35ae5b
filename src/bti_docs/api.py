"""The one library surface: the CLI and the watch daemon call these functions and nothing deeper.

Heavy parts (rendering, sealing, the archive) are imported inside the functions that need them, so that
``bti-docs validate`` starts quickly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bti_docs.config import Settings, find_settings, load_settings
from bti_docs.errors import ArchiveError, ExitCode, Problem, Severity
from bti_docs.forms.load import load_form
from bti_docs.forms.models import Form
from bti_docs.i18n import Lang

if TYPE_CHECKING:
    from bti_docs.archive import Archive, DocumentToFile, FiledDocument
    from bti_docs.pipeline import RenderOptions

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # the checkout: samples/, templates/, archive_rules.yaml
FORM_SUFFIXES = (".yaml", ".yml")
INPUT_FILE_CODES = frozenset({
    "file_missing", "file_unreadable", "file_too_large", "binary_file", "not_utf8", "yaml_syntax",
    "yaml_alias", "yaml_too_deep", "duplicate_key", "multiple_documents", "empty_file", "not_a_mapping",
})


@dataclass(frozen=True)
class Validated:
    """One input after loading and the rules: the form (when it parsed) and every problem found."""

    file: str
    form: Form | None
    problems: list[Problem] = field(default_factory=list)
    content: bytes = b""

    @property
    def ok(self) -> bool:
        return self.form is not None and not any(p.severity is Severity.error for p in self.problems)

    @property
    def exit_code(self) -> ExitCode:
        return exit_code_for(self.problems)


def exit_code_for(problems: Iterable[Problem]) -> ExitCode:
    codes = {p.code for p in problems if p.severity is Severity.error}
    if not codes:
        return ExitCode.ok
    if "case_violence_abuse" in codes:
        return ExitCode.refused_case
    if codes & INPUT_FILE_CODES:
        return ExitCode.input_file
    return ExitCode.invalid_form


def open_settings(rules: Path | None = None) -> Settings:
    """The municipality's settings: ``rules``, ``$BTI_DOCS_RULES`` or ``archive_rules.yaml`` here or above."""
    return load_settings(find_settings(rules))


def messages_lang(settings: Settings) -> Lang:
    return "nn" if settings.kommune.malform.value == "nn" else "nb"


def expand_inputs(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders walked for *.yaml / *.yml (hidden entries skipped), in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [
                p for p in path.rglob("*")
                if p.suffix.lower() in FORM_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            out.extend(sorted(found))
        else:
            out.append(path)
    return out


def validate_file(
    path: Path, settings: Settings, *, today: date | None = None, display: str | None = None
) -> Validated:
    """Load one form and run every rule on it. Never raises for bad input."""
    from bti_docs.rules.check import check_form

    lang = messages_lang(settings)
    loaded = load_form(path, lang, display=display)
    if loaded.form is None:
        return Validated(loaded.file, None, loaded.problems, loaded.content)
    problems = check_form(loaded.form, settings.kommune, today=today or date.today(), file=loaded.file,
                          lang=lang)
    return Validated(loaded.file, loaded.form, problems, loaded.content)


def validate(paths: Sequence[Path], settings: Settings, *, today: date | None = None) -> list[Validated]:
    return [validate_file(p, settings, today=today) for p in expand_inputs(paths)]


# --- render -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedFile:
    input: str
    pdf: Path
    docx: Path | None
    warnings: list[Problem]


def render_files(paths: Sequence[Path], settings: Settings, options: RenderOptions, outdir: Path) -> list[RenderedFile]:
    """Validate and render each input to a sealed PDF/A (and DOCX) in ``outdir``. Stops at the first bad input.

    Output names are built from the opaque case key, the kind and the date, never from the input's name
    (which may hold a child's name); an existing file is never overwritten.
    """
    from bti_docs.pipeline import render_document, require_valid

    outdir.mkdir(parents=True, exist_ok=True)
    results = []
    for path in expand_inputs(paths):
        validated = validate_file(path, settings)
        form = require_valid(validated)
        doc = render_document(form, settings, options, file=validated.file)
        stem = f"{form.sak}-{form.skjema.value}-{form.dato.isoformat()}-{doc.lang}"
        pdf_path = write_new(outdir, stem, ".pdf", doc.pdf)
        docx_path = write_new(outdir, stem, ".docx", doc.docx) if doc.docx is not None else None
        results.append(RenderedFile(validated.file, pdf_path, docx_path,
                                    [p for p in validated.problems if p.severity is Severity.warning]))
    return results


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to a name that does not exist yet (``stem.pdf``, ``stem-2.pdf``, ...), mode 0640.

    The bytes go to a temporary name first (fsync), then are linked to the final name, which never replaces
    an existing file; a failed write leaves no half file under a final name.
    """
    tmp = folder / f".{stem}{suffix}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            return target
    finally:
        tmp.unlink(missing_ok=True)
    raise FileExistsError(target)


# --- file -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileOptions:
    """How ``file`` runs: the archive, the seal certificate (else the settings'), the PDF/A level."""

    archive: Path
    cert: Path | None = None
    trust: tuple[Path, ...] = ()
    pdfa: str = "2b"
    lang: Lang | None = None
    password_file: Path | None = None
    event: str | None = None  # e.g. "aarlig" for the yearly filing of a log with enkeltvedtak


@dataclass(frozen=True)
class FileOutcome:
    """What filing one input did. ``filed`` are paths relative to the archive root."""

    input: str
    input_sha256: str
    filed: list[Path]
    duplicate: bool  # this input was filed before: nothing new was filed
    events: list[str]
    receipt: str  # the journal's entry hash after this filing: keep it elsewhere to detect a rewritten chain
    problems: list[Problem] = field(default_factory=list)  # warnings (filing only happens without errors)


PLAN_ATTEMPTS = 20  # several watchers filing one case: each retry sees the case as it now is


def file_one(path: Path, settings: Settings, options: FileOptions, *, display: str | None = None) -> FileOutcome:
    """Validate → render → seal → file one input, per the municipality's archive rules.

    Raises InputFileError / InvalidFormError / RefusedCaseError for bad input (``problems`` say what and
    where), and ConfigError / SealError / QualityError / ArchiveError for problems on our side.
    """
    from bti_docs.archive import PlanOutdatedError
    from bti_docs.pipeline import require_valid

    validated = validate_file(path, settings, display=display)
    form = require_valid(validated)
    for _attempt in range(PLAN_ATTEMPTS - 1):
        try:
            return _file_form(form, validated, settings, options)
        except PlanOutdatedError:
            # Another process filed a document of the same case between our plan and our filing: plan again.
            continue
    return _file_form(form, validated, settings, options)


def _file_form(form: Form, validated: Validated, settings: Settings, options: FileOptions) -> FileOutcome:
    from bti_docs.archive import Archive, plan_filing
    from bti_docs.pdfa import PdfaLevel
    from bti_docs.pipeline import RenderOptions, render_document, seal_config
    from bti_docs.quality import gate_pdfa, gate_seals
    from bti_docs.seal import seal_ok

    warnings = [p for p in validated.problems if p.severity is Severity.warning]
    with Archive(options.archive, settings) as archive:
        plan = plan_filing(form, settings, archive, event_override=options.event, source_name=validated.file)
        events = [e.value for e in plan.events]
        warnings += plan.warnings
        if plan.complete or plan.nothing_to_file:
            already = list(plan.already_filed) + _owed_copies(archive, form, settings, options)
            return FileOutcome(validated.file, plan.input_sha256, [Path(d.relpath) for d in already],
                               plan.complete, events, already[-1].entry_hash if already else "", warnings)
        seal = seal_config(settings, options.cert, options.trust, options.password_file)
        rendered = render_document(
            form, settings, RenderOptions(seal=seal, level=PdfaLevel(options.pdfa), lang=options.lang),
            file=validated.file,
        )
        docs = plan.documents(pdf=rendered.pdf, pdfa_level=rendered.level.value, seal_signer=rendered.seal.signer,
                              seal_time=rendered.seal.signing_time or rendered.sealed_at,
                              seal_verified=seal_ok(rendered.seal))
        for doc in docs:  # copies of the case's latest log pass the same gates as what was just made
            if doc.copy_of is not None:
                gate_pdfa(doc.pdf, PdfaLevel(doc.pdfa_level), stage="kopiering")
                gate_seals(doc.pdf, seal.trust_roots)
        filed = archive.file(docs)
        filed += _owed_copies(archive, form, settings, options)
        return FileOutcome(validated.file, plan.input_sha256, [Path(d.relpath) for d in filed],
                           all(d.duplicate for d in filed), events, filed[-1].entry_hash if filed else "", warnings)


def _owed_copies(archive: Archive, form: Form, settings: Settings, options: FileOptions) -> list[FiledDocument]:
    """Copies of the current log owed to events of the case filed before their log (archive.current_copies)."""
    from bti_docs.archive.current_copies import file_owed_copies, owed_copies
    from bti_docs.pdfa import PdfaLevel
    from bti_docs.pipeline import seal_config
    from bti_docs.quality import gate_pdfa, gate_seals

    if not owed_copies(form.sak, settings, archive):
        return []
    trust = seal_config(settings, options.cert, options.trust, options.password_file).trust_roots

    def gate(doc: DocumentToFile) -> None:
        gate_pdfa(doc.pdf, PdfaLevel(doc.pdfa_level), stage="kopiering")
        gate_seals(doc.pdf, trust)

    return file_owed_copies(archive, form.sak, settings, gate)


@dataclass(frozen=True)
class FileFailure:
    input: str
    error: str
    exit_code: ExitCode
    problems: list[Problem]


def file_inputs(
    paths: Sequence[Path], settings_path: Path, options: FileOptions, *, workers: int | None = None
) -> list[FileOutcome | FileFailure]:
    """File many inputs. One bad input never stops the others; its failure is returned in its place.

    Inputs of the same case are filed in document-date order by one worker (an event files a copy of the
    case's latest log, so order matters); different cases run in parallel on ``workers`` processes
    (default: one per core, at most the number of cases).
    """
    from bti_docs.batch import run_batch

    return run_batch(expand_inputs(paths), settings_path, options, workers=workers)


# --- verify and reindex -----------------------------------------------------------------------------


def verify(root: Path, settings: Settings | None, trust: tuple[Path, ...] = ()) -> list[Problem]:
    """Every problem in the archive at ``root``: checksums, seals, PDF/A, sidecars, the journal's chain.

    The trust roots are ``trust``, else the settings'; the settings also give the målform of the messages.
    """
    from bti_docs.archive import verify_archive

    roots = trust or (_configured_roots(settings) if settings else ())
    lang: Lang = messages_lang(settings) if settings else "nb"
    return [
        Problem(file=str(p.path), path="", code=p.code, message=p.message)
        for p in verify_archive(root, roots, lang=lang)
    ]


def reindex(root: Path, settings: Settings | None, trust: tuple[Path, ...] = (), *, skip_bad: bool = False) -> int:
    """Rebuild the journal from the sidecars, after checking each PDF (and its seal, given trust roots)."""
    from bti_docs.archive import reindex as rebuild

    roots = trust or (_configured_roots(settings) if settings else ())
    return rebuild(root, skip_bad=skip_bad, trust_roots=roots)


def _configured_roots(settings: Settings) -> tuple[Path, ...]:
    cert = settings.kommune.sertifikat
    return tuple(settings.resolve(p) for p in cert.tillitsrot) if cert else ()


# --- overviews for leaders (saker, frister) ----------------------------------------------------------


@dataclass(frozen=True)
class OverviewOptions:
    """How ``saker`` / ``frister`` report: as of ``today``, the limits (default: ``arkivering.oversikt``),
    the format (``table``, ``json``, ``csv``) and whether names are shown (never by default)."""

    today: date
    days: int | None = None  # saker: consents expiring within this many days
    months: int | None = None  # frister: logs with no activity for this many months
    fmt: str = "table"
    with_names: bool = False


def cases_overview(root: Path, settings: Settings, options: OverviewOptions) -> str:
    """``bti-docs saker``: active cases per unit, as text in the chosen format."""
    from bti_docs.archive import overview

    items = overview.active_cases(root, settings, options.today, within_days=options.days,
                                  with_names=options.with_names)
    return overview.render(items, overview.ActiveCase, options.fmt, messages_lang(settings),
                           with_names=options.with_names)


def due_overview(root: Path, settings: Settings, options: OverviewOptions) -> str:
    """``bti-docs frister``: yearly copies owed, inactive logs and expired consents, as text."""
    from bti_docs.archive import overview

    items = overview.due_list(root, settings, options.today, inactive_months=options.months,
                              with_names=options.with_names)
    return overview.render(items, overview.Due, options.fmt, messages_lang(settings), with_names=options.with_names)


def write_due_list(root: Path, settings: Settings, today: date | None = None) -> list[Path]:
    """The watcher's daily due list: ``frister-<date>.csv`` and ``.json`` (no names) in
    ``arkivering.oversikt.frister_mappe``; once a day, nothing without the setting. Returns what it wrote."""
    from bti_docs.archive.overview import write_due_list as write

    try:
        return write(root, settings, today or date.today())
    except OSError as exc:
        raise ArchiveError(f"Fristlista kan ikkje skrivast / kan ikke skrives ({exc.strerror}).") from None
