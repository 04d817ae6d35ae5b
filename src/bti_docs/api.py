"""The one library surface: the CLI and the watch daemon call these functions and nothing deeper.

Heavy parts (rendering, sealing, the archive) are imported inside the functions that need them, so that
``bti-docs validate`` starts quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bti_docs import fsio
from bti_docs.config import Settings, find_settings, load_settings
from bti_docs.errors import ArchiveError, Problem, os_reason
from bti_docs.i18n import Lang
from bti_docs.options import FileOptions
from bti_docs.outcome import INPUT_FILE_CODES, FileFailure, FileOutcome, exit_code_for
from bti_docs.validate import FORM_SUFFIXES, Validated, expand_inputs, validate, validate_file

if TYPE_CHECKING:
    from bti_docs.archive.recovery import ReindexReport
    from bti_docs.archive.renewal import RenewalReport
    from bti_docs.archive.verify import DocumentSeal
    from bti_docs.pipeline import Prepared, RenderOptions

__all__ = [
    "FORM_SUFFIXES", "INPUT_FILE_CODES", "FileFailure", "FileOptions", "FileOutcome", "RenderedFile", "Validated",
    "check_seal", "exit_code_for", "expand_inputs", "file_inputs", "file_one", "journal_head", "messages_lang",
    "open_settings", "reindex", "render_files", "trust_roots", "validate", "validate_file", "verify", "write_new",
]


def open_settings(rules: Path | None = None) -> Settings:
    """The municipality's settings: ``rules``, ``$BTI_DOCS_RULES`` or ``archive_rules.yaml`` here or above."""
    return load_settings(find_settings(rules))


def messages_lang(settings: Settings) -> Lang:
    return settings.lang


def _reader_lang(settings: Settings | None, lang: Lang | None) -> Lang:
    """The language of a reader: ``lang`` when asked for (``--lang``), else the målform, else bokmål."""
    if lang is not None:
        return lang
    return messages_lang(settings) if settings else "nb"


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
    from bti_docs.pipeline import render_document
    from bti_docs.validate import require_valid

    outdir.mkdir(parents=True, exist_ok=True)
    results = []
    for path in expand_inputs(paths):
        validated = validate_file(path, settings)
        form = require_valid(validated)
        doc = render_document(form, settings, options, file=validated.file)
        stem = f"{form.sak}-{form.skjema.value}-{form.dato.isoformat()}-{doc.lang}"
        pdf_path = write_new(outdir, stem, ".pdf", doc.pdf)
        docx_path = write_new(outdir, stem, ".docx", doc.docx) if doc.docx is not None else None
        results.append(RenderedFile(validated.file, pdf_path, docx_path, validated.warnings))
    return results


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to a name that does not exist yet (``stem.pdf``, ``stem-2.pdf``, ...), mode 0640.

    The bytes go to a temporary name first (fsync), then are linked to the final name, which never replaces
    an existing file; a failed write leaves no half file under a final name.
    """
    tmp = folder / fsio.temp_name(suffix)
    fsio.write_new(tmp, data, 0o640)
    try:
        for n in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
            if fsio.link_new(tmp, target):
                fsio.fsync_dir(folder)
                return target
    finally:
        fsio.remove(tmp)
    raise FileExistsError(target)


def file_one(path: Path, settings: Settings, options: FileOptions, *, display: str | None = None,
             before_commit: Callable[[], None] | None = None) -> FileOutcome:
    """Validate → render → seal → file one input, per the municipality's archive rules.

    Raises InputFileError / InvalidFormError / RefusedCaseError for bad input (``problems`` say what and
    where), and ConfigError / SealError / QualityError / ArchiveError for problems on our side; the verdict
    on either is ``bti_docs.outcome.classify_error``.
    """
    from bti_docs import pipeline

    return pipeline.file_one(path, settings, options, display=display, before_commit=before_commit)


def prepare_file(path: Path, settings: Settings, options: FileOptions, *, display: str | None = None,
                 on_case: Callable[[str], None] | None = None) -> Prepared:
    """The first part of ``file_one``, which several processes can run at once: validate, render, seal and
    check (``on_case`` hears the case key once the form is parsed). ``file_prepared`` files the result; one
    case's inputs in order. Raises as ``file_one`` does."""
    from bti_docs import pipeline

    return pipeline.prepare(path, settings, options, display=display, on_case=on_case)


def file_prepared(prepared: Prepared, settings: Settings, options: FileOptions, *,
                  before_commit: Callable[[], None] | None = None) -> FileOutcome:
    """File what ``prepare_file`` made: plan, log copies, the archive commit (``before_commit`` right before)."""
    from bti_docs import pipeline

    return pipeline.file_validated(prepared.validated, settings, options, rendered=prepared.rendered,
                                   before_commit=before_commit)


def check_seal(settings: Settings, options: FileOptions) -> str:
    """Open the seal certificate ``options`` (else the settings) name, before a batch starts: a missing file or a
    wrong password is said once (SealError, exit 9), not once per input. Returns who seals."""
    from bti_docs.pipeline import open_seal

    return open_seal(settings, options)


def file_inputs(
    paths: Sequence[Path], settings_path: Path, options: FileOptions, *, workers: int | None = None,
    on_result: Callable[[FileOutcome | FileFailure], None] | None = None,
) -> list[FileOutcome | FileFailure]:
    """File many inputs. One bad input never stops the others; its failure is returned in its place.

    Every input is rendered on whichever of ``workers`` processes is free (default: one per core); the results
    are filed here, each case's inputs in document-date order (an event files a copy of the case's latest
    log, so order matters).
    ``on_result`` is called with each result as it comes (progress display); a KeyboardInterrupt stops the
    batch after the input in hand.
    """
    from bti_docs.batch import run_batch

    return run_batch(expand_inputs(paths), settings_path, options, workers=workers, on_result=on_result)


# --- verify and reindex -----------------------------------------------------------------------------


def verify(root: Path, settings: Settings | None, trust: tuple[Path, ...] = (), *,
           lang: Lang | None = None) -> list[Problem]:
    """Every problem in the archive at ``root``: checksums, seals, PDF/A, sidecars, the journal's chain.

    The trust roots are ``trust``, else the settings'; the messages are in ``lang``, else the settings' målform.
    """
    from bti_docs.archive import verify_archive

    roots = trust or (_configured_roots(settings) if settings else ())
    lang = _reader_lang(settings, lang)
    return [
        Problem(file=str(p.path), path="", code=p.code, message=p.message)
        for p in verify_archive(root, roots, lang=lang)
    ]


@dataclass(frozen=True)
class VerifyResult:
    """``verify`` with the chain's head: its hash is the receipt of the archive as it is now."""

    problems: list[Problem]
    head_seq: int
    head_hash: str
    documents: int
    losses: list[tuple[int, int, str]]  # recorded losses: (loss entry, lost entry, path)
    receipts: int  # receipts checked
    seals: list[DocumentSeal] = field(default_factory=list)  # every document's seals: level, times, superseded
    seal_levels: dict[str, int] = field(default_factory=dict)  # current documents per PAdES level ("feil": fails)
    superseded: int = 0  # older versions kept beside their renewed version (forny-tidsstempel)


def verify_receipts(root: Path, settings: Settings | None, trust: tuple[Path, ...] = (),
                    receipts: Sequence[str] = (), *, lang: Lang | None = None) -> VerifyResult:
    """``verify`` plus the head of the chain, checked against ``receipts`` (hashes or receipt log files);
    messages in ``lang``, else the settings' målform."""
    from bti_docs.archive.receipts import parse_receipts
    from bti_docs.archive.verify import verify_report

    lang = _reader_lang(settings, lang)
    parsed = parse_receipts(receipts)
    roots = trust or (_configured_roots(settings) if settings else ())
    report = verify_report(root, roots, lang=lang, receipts=parsed)
    problems = [Problem(file=str(p.path), path="", code=p.code, message=p.message) for p in report.problems]
    return VerifyResult(problems, report.head_seq, report.head_hash, report.documents, report.losses, len(parsed),
                        report.seals, report.seal_levels(), report.superseded)


def reindex(root: Path, settings: Settings | None, trust: tuple[Path, ...] = (), *, skip_bad: bool = False,
            accept_loss: bool = False) -> ReindexReport:
    """Rebuild the journal from the sidecars, after checking each PDF (and its seal, given trust roots).

    Documents the previous journal had that are gone make it refuse, unless ``accept_loss`` (then the loss is
    recorded in the chain and returned)."""
    from bti_docs.archive import reindex as rebuild

    roots = trust or (_configured_roots(settings) if settings else ())
    return rebuild(root, skip_bad=skip_bad, trust_roots=roots, accept_loss=accept_loss)


def renew_timestamps(root: Path, settings: Settings, *, within_days: int, trust: tuple[Path, ...] = (),
                     now: datetime | None = None) -> RenewalReport:
    """``bti-docs forny-tidsstempel``: a fresh archive timestamp for every current B-LTA document whose latest
    one expires within ``within_days``, each filed as a new version (the filed files stay as they are).
    The timestamp service and trust roots come from the municipality's certificate settings."""
    from bti_docs.archive.filing import Archive
    from bti_docs.archive.renewal import renew_timestamps as renew
    from bti_docs.pipeline import seal_config

    config = seal_config(settings, None, trust)
    with Archive(root, settings) as archive:
        return renew(archive, config, within_days=within_days, now=now)


def trust_roots(settings: Settings | None, trust: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The roots seals are checked against: ``trust`` (``--trust``), else ``sertifikat.tillitsrot``."""
    return tuple(trust) or (_configured_roots(settings) if settings else ())


def journal_head(root: Path) -> tuple[int, str] | None:
    """The journal's head (sequence number, hash: the archive's receipt now), or None without a journal."""
    import sqlite3

    from bti_docs.archive.journal import DB_NAME, journal_dir

    path = journal_dir(root) / DB_NAME
    if not path.is_file():
        return None
    # read-only but not immutable: what the writer has in its WAL counts (a filing just done)
    db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        row = db.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        db.close()
    return (int(row[0]), str(row[1])) if row else None


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
    lang: Lang | None = None  # the reader's language (``--lang``); default: the municipality's målform


def cases_overview(root: Path, settings: Settings, options: OverviewOptions) -> str:
    """``bti-docs saker``: active cases per unit, as text in the chosen format."""
    from bti_docs.archive import overview

    items = overview.active_cases(root, settings, options.today, within_days=options.days,
                                  with_names=options.with_names)
    return overview.render(items, overview.ActiveCase, options.fmt, _reader_lang(settings, options.lang),
                           with_names=options.with_names)


def due_overview(root: Path, settings: Settings, options: OverviewOptions) -> str:
    """``bti-docs frister``: yearly copies owed, inactive logs and expired consents, as text."""
    from bti_docs.archive import overview

    items = overview.due_list(root, settings, options.today, inactive_months=options.months,
                              with_names=options.with_names)
    return overview.render(items, overview.Due, options.fmt, _reader_lang(settings, options.lang),
                           with_names=options.with_names)


@dataclass(frozen=True)
class DueRow:
    """One line of a unit's due list as a page shows it: words in the målform, never a name."""

    kind: str  # what is due (årleg kopi, logg utan aktivitet, samtykke gått ut)
    case: str  # the opaque case key
    unit: str
    deadline: str  # ISO date
    overdue: bool
    status: str  # forfallen / kjem, in the målform
    note: str


def unit_due_list(root: Path, settings: Settings, units: Sequence[str], today: date | None = None) -> list[DueRow]:
    """The due list (``frister``) of ``units`` only, without names, overdue first; empty while the archive has
    no journal yet."""
    from bti_docs.archive import overview
    from bti_docs.archive.journal import DB_NAME, journal_dir

    if not (journal_dir(root.absolute()) / DB_NAME).is_file():
        return []
    lang = messages_lang(settings)
    wanted = set(units)
    items = [d for d in overview.due_list(root, settings, today or date.today()) if d.enhet in wanted]
    items.sort(key=lambda d: (d.status != "forfallen", d.frist, d.sak))
    return [DueRow(overview.word(d.type, lang), d.sak, d.enhet, d.frist, d.status == "forfallen",
                   overview.word(d.status, lang), d.merknad) for d in items]


def write_due_list(root: Path, settings: Settings, today: date | None = None) -> list[Path]:
    """The watcher's daily due list: ``frister-<date>.csv`` and ``.json`` (no names) in
    ``arkivering.oversikt.frister_mappe``; once a day, nothing without the setting. Returns what it wrote."""
    from bti_docs.archive.overview import write_due_list as write

    try:
        return write(root, settings, today or date.today())
    except OSError as exc:
        raise ArchiveError("archive.due_list_unwritable", reason=os_reason(exc)) from None
