"""Validation, the first half of the journey: load → parse → rules → verdict. Never raises for bad input.

``pipeline`` takes a valid form from here (``require_valid``) and carries it to the archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bti_docs.config import Settings
from bti_docs.errors import ExitCode, Problem, Severity
from bti_docs.forms.load import Loaded, load_form, locate
from bti_docs.i18n import Lang
from bti_docs.kinds import Form
from bti_docs.outcome import Classified, classify_problems, error_for
from bti_docs.rules.check import check_form

FORM_SUFFIXES = (".yaml", ".yml")


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
    def verdict(self) -> Classified:
        return classify_problems(self.problems)

    @property
    def exit_code(self) -> ExitCode:
        return self.verdict.exit_code

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.warning]


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


def load(path: Path, settings: Settings, *, display: str | None = None, lang: Lang | None = None) -> Loaded:
    """Read and parse one input, with messages in ``lang`` (``--lang``), else the municipality's målform."""
    return load_form(path, lang or settings.lang, display=display)


def check_loaded(loaded: Loaded, settings: Settings, *, today: date | None = None,
                 lang: Lang | None = None) -> Validated:
    """Run every rule on a loaded input; messages in ``lang``, else the municipality's målform."""
    if loaded.form is None:
        return Validated(loaded.file, None, loaded.problems, loaded.content)
    lang = lang or settings.lang
    problems = check_form(loaded.form, settings.kommune, today=today or date.today(), file=loaded.file, lang=lang)
    problems = [*problems, *glyph_problems(loaded.form, loaded.file, lang)]
    problems = locate(problems, loaded.positions)  # each problem's line and column, where known
    return Validated(loaded.file, loaded.form, problems, loaded.content)


def glyph_problems(form: Form, file: str, lang: Lang) -> list[Problem]:
    """Text the shipped fonts cannot show (an emoji in a name): found here, so ``validate`` reports the field
    and the characters, and rendering never starts on it (the pipeline's glyph gate stays as the last check)."""
    from bti_docs.i18n import message
    from bti_docs.render.fonts import describe_characters, uncovered_fields

    return [Problem(file=file, path=path, code="glyph_missing",
                    message=message("glyph_missing_field", lang, chars=describe_characters(chars)))
            for path, chars in uncovered_fields(form)]


def validate_file(
    path: Path, settings: Settings, *, today: date | None = None, display: str | None = None,
    lang: Lang | None = None,
) -> Validated:
    """Load one form and run every rule on it (messages in ``lang``, else the målform). Never raises for bad
    input."""
    return check_loaded(load(path, settings, display=display, lang=lang), settings, today=today, lang=lang)


def validate(paths: Sequence[Path], settings: Settings, *, today: date | None = None,
             lang: Lang | None = None) -> list[Validated]:
    return [validate_file(p, settings, today=today, lang=lang) for p in expand_inputs(paths)]


def require_valid(validated: Validated) -> Form:
    """The form of a valid input, or the exception (refused / input file / invalid form) that says why not."""
    if validated.form is not None and validated.ok:
        return validated.form
    raise error_for(validated.problems)
