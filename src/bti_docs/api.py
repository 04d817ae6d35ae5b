"""The one library surface: the CLI and the watch daemon call these functions and nothing deeper.

Heavy parts (rendering, sealing, the archive) are imported inside the functions that need them, so that
``bti-docs validate`` starts quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bti_docs.config import Settings, find_settings, load_settings
from bti_docs.errors import Problem
from bti_docs.i18n import Lang
from bti_docs.options import FileOptions
from bti_docs.outcome import INPUT_FILE_CODES, FileFailure, FileOutcome, exit_code_for
from bti_docs.validate import FORM_SUFFIXES, Validated, expand_inputs, validate, validate_file

if TYPE_CHECKING:
    from bti_docs.pipeline import Prepared, RenderOptions

__all__ = [
    "FORM_SUFFIXES", "INPUT_FILE_CODES", "FileFailure", "FileOptions", "FileOutcome", "RenderedFile", "Validated",
    "exit_code_for", "expand_inputs", "file_inputs", "file_one", "messages_lang", "open_settings", "reindex",
    "render_files", "validate", "validate_file", "verify", "write_new",
]


def open_settings(rules: Path | None = None) -> Settings:
    """The municipality's settings: ``rules``, ``$BTI_DOCS_RULES`` or ``archive_rules.yaml`` here or above."""
    return load_settings(find_settings(rules))


def messages_lang(settings: Settings) -> Lang:
    return settings.lang


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
    an existing file; a failed write leaves no half file under a final name. The archive's file primitives.
    """
    from bti_docs.archive import fsutil

    tmp = folder / fsutil.temp_name(suffix)
    fsutil.write_new(tmp, data, 0o640)
    try:
        for n in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
            if fsutil.link_new(tmp, target):
                fsutil.fsync_dir(folder)
                return target
    finally:
        fsutil.remove(tmp)
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


def file_inputs(
    paths: Sequence[Path], settings_path: Path, options: FileOptions, *, workers: int | None = None
) -> list[FileOutcome | FileFailure]:
    """File many inputs. One bad input never stops the others; its failure is returned in its place.

    Every input is rendered on whichever of ``workers`` processes is free (default: one per core); the results
    are filed here, each case's inputs in document-date order (an event files a copy of the case's latest
    log, so order matters).
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
