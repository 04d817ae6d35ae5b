"""The one verdict on every result, and the one top-level error handler of the CLI and the daemon.

Every result is classified once, here:

* ``filed``: the document went through (or was filed before);
* ``staff_must_fix``: the input is wrong (file, schema, a BTI rule, text the fonts cannot show) and a member
  of staff must correct it;
* ``refused``: suspected violence, sexual abuse or serious neglect: not for the BTI path, whatever else the
  form says;
* ``our_fault``: settings, certificate, archive, a broken template or a bug: not the input's fault, so the
  same input is tried again once we are fixed.

The CLI's exit codes, the watcher's rejected/ versus retry (and later HTTP status codes) derive from it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from bti_docs.errors import (
    PROBLEMS,
    ArchiveError,
    BtiError,
    ConfigError,
    ExitCode,
    InputFileError,
    InvalidFormError,
    Problem,
    RefusedCaseError,
    RenderError,
    SealError,
    Severity,
    problems_text,
)
from bti_docs.i18n import Lang
from bti_docs.text.voice import DEFAULT_LANG, say

REFUSED_CODE = "case_violence_abuse"
GLYPH_CODE = "glyph_missing"  # text the shipped fonts cannot show (bti_docs.validate.glyph_problems)
INPUT_FILE_CODES = frozenset({
    "file_missing", "file_unreadable", "file_too_large", "binary_file", "not_utf8", "yaml_syntax",
    "yaml_alias", "yaml_too_deep", "duplicate_key", "multiple_documents", "empty_file", "not_a_mapping",
})
# Not about one input: while one of these stands, every other input would fail the same way.
_SYSTEMIC: tuple[type[BtiError], ...] = (ArchiveError, SealError, ConfigError)


class Verdict(StrEnum):
    filed = "filed"
    staff_must_fix = "staff_must_fix"
    refused = "refused"
    our_fault = "our_fault"

    @property
    def bad_input(self) -> bool:
        """The input goes back to staff (rejected/), never tried again as it is."""
        return self in (Verdict.staff_must_fix, Verdict.refused)


@dataclass(frozen=True)
class Classified:
    """An error's verdict, its exit code, a short reason word for reports, and whether it stops everything."""

    verdict: Verdict
    exit_code: ExitCode
    reason: str
    systemic: bool = False


def classify_problems(problems: Iterable[Problem]) -> Classified:
    """The verdict on validation problems (warnings do not count)."""
    codes = {p.code for p in problems if p.severity is Severity.error}
    if not codes:
        return Classified(Verdict.filed, ExitCode.ok, "ok")
    if REFUSED_CODE in codes:
        return Classified(Verdict.refused, ExitCode.refused_case, "refused_case")
    if codes & INPUT_FILE_CODES:
        return Classified(Verdict.staff_must_fix, ExitCode.input_file, "input_file")
    if codes == {GLYPH_CODE}:  # only text the fonts cannot show: the render code, as the render gate gives
        return Classified(Verdict.staff_must_fix, ExitCode.render, "render")
    return Classified(Verdict.staff_must_fix, ExitCode.invalid_form, "invalid_form")


def exit_code_for(problems: Iterable[Problem]) -> ExitCode:
    return classify_problems(problems).exit_code


def error_for(problems: list[Problem]) -> BtiError:
    """The exception that stops a document with these error problems."""
    errors = [p for p in problems if p.severity is Severity.error]
    verdict = classify_problems(errors)
    if verdict.verdict is Verdict.refused:
        return RefusedCaseError(PROBLEMS, errors)
    if verdict.exit_code is ExitCode.input_file:
        return InputFileError(PROBLEMS, errors)
    if verdict.exit_code is ExitCode.render:
        return RenderError(PROBLEMS, errors)
    return InvalidFormError(PROBLEMS, errors)


def classify_error(exc: BaseException) -> Classified:
    """The verdict on an exception raised while handling one input."""
    if isinstance(exc, RefusedCaseError):
        return Classified(Verdict.refused, exc.exit_code, "refused_case")
    if isinstance(exc, InputFileError):
        return Classified(Verdict.staff_must_fix, exc.exit_code, "input_file")
    if isinstance(exc, InvalidFormError):
        return Classified(Verdict.staff_must_fix, exc.exit_code, "invalid_form")
    if isinstance(exc, RenderError) and exc.problems:
        # Problems name text the fonts cannot show (field and characters): staff can fix that. Without
        # problems the render error is ours (a broken template, a missing font).
        return Classified(Verdict.staff_must_fix, exc.exit_code, "render")
    if isinstance(exc, BtiError):
        return Classified(Verdict.our_fault, exc.exit_code, type(exc).__name__, isinstance(exc, _SYSTEMIC))
    if isinstance(exc, KeyboardInterrupt):
        return Classified(Verdict.our_fault, ExitCode.interrupted, "interrupted")
    if isinstance(exc, OSError):
        return Classified(Verdict.our_fault, ExitCode.other, type(exc).__name__, True)
    return Classified(Verdict.our_fault, ExitCode.other, type(exc).__name__)


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


@dataclass(frozen=True)
class FileFailure:
    input: str
    error: str
    exit_code: ExitCode
    problems: list[Problem]




def run_guarded(prog: str, action: Callable[[], int], *, reraise: bool = False, err: TextIO | None = None,
                lang: Lang | Callable[[], Lang] = DEFAULT_LANG) -> int:
    """Run a front end's ``action`` and turn the errors we raise on purpose into a message and an exit code.

    The one top-level handler of the CLI and the watch daemon. Messages are said in ``lang`` (the
    municipality's målform or ``--lang``; a callable is asked when an error comes, so a front end that learns
    the language while it runs can say so). ``reraise`` (``--verbose``) lets the traceback through. Anything
    else (a bug) propagates with its traceback.
    """
    stream = err or sys.stderr
    try:
        return action()
    except BtiError as exc:
        if reraise:
            raise
        language = lang() if callable(lang) else lang
        message = exc.render(language)
        first, *more = message.splitlines() or [""]
        print(f"{prog}: {first}", file=stream)
        for line in more:  # every problem of a file indented alike, not only the first
            print(f"  {line}", file=stream)
        if exc.code != PROBLEMS and exc.problems:  # an error of its own, with the problems behind it
            for line in problems_text(exc.problems, language).splitlines():
                print(f"  {line}", file=stream)
        return int(classify_error(exc).exit_code)
    except KeyboardInterrupt:
        language = lang() if callable(lang) else lang
        print(f"{prog}: {say('interrupted', language)}", file=stream)
        return int(ExitCode.interrupted)
