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
from bti_docs.errors import ExitCode, Problem, Severity
from bti_docs.forms.load import load_form
from bti_docs.forms.models import Form
from bti_docs.i18n import Lang

if TYPE_CHECKING:
    from bti_docs.pipeline import RenderOptions

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
    """Write ``data`` to a name that does not exist yet (``stem.pdf``, ``stem-2.pdf``, ...), mode 0640."""
    for n in range(1, 10_000):
        target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return target
    raise FileExistsError(target)
