"""The one verdict: every result is classified once, and the exit codes and the watcher's choice follow it."""

from __future__ import annotations

import io

import pytest

from bti_docs.errors import (
    ArchiveError,
    BtiError,
    ConfigError,
    ExitCode,
    InputFileError,
    InvalidFormError,
    Problem,
    QualityError,
    RefusedCaseError,
    RenderError,
    SealError,
    Severity,
)
from bti_docs.outcome import Verdict, classify_error, classify_problems, error_for, run_guarded


def _problem(code: str, severity: Severity = Severity.error) -> Problem:
    return Problem("skjema.yaml", "felt", code, f"melding {code}", severity)


@pytest.mark.parametrize(
    ("codes", "verdict", "exit_code"),
    [
        ([], Verdict.filed, ExitCode.ok),
        (["yaml_syntax"], Verdict.staff_must_fix, ExitCode.input_file),
        (["missing"], Verdict.staff_must_fix, ExitCode.invalid_form),
        (["missing", "yaml_syntax"], Verdict.staff_must_fix, ExitCode.input_file),
        (["case_violence_abuse", "missing"], Verdict.refused, ExitCode.refused_case),
    ],
)
def test_problems_are_classified_once(codes: list[str], verdict: Verdict, exit_code: ExitCode) -> None:
    problems = [_problem(c) for c in codes] + [_problem("goal_without_deadline", Severity.warning)]
    got = classify_problems(problems)
    assert (got.verdict, got.exit_code) == (verdict, exit_code)
    if codes:  # the exception that stops the document says the same
        exc = error_for(problems)
        assert classify_error(exc).verdict is verdict and exc.exit_code is exit_code
        assert exc.problems and all(p.severity is Severity.error for p in exc.problems)


@pytest.mark.parametrize(
    ("exc", "verdict", "systemic"),
    [
        (RefusedCaseError("x"), Verdict.refused, False),
        (InputFileError("x"), Verdict.staff_must_fix, False),
        (InvalidFormError("x"), Verdict.staff_must_fix, False),
        (RenderError("x", [_problem("glyph_missing")]), Verdict.staff_must_fix, False),  # text staff can change
        (RenderError("x"), Verdict.our_fault, False),  # a broken template: ours
        (QualityError("x"), Verdict.our_fault, False),
        (ConfigError("x"), Verdict.our_fault, True),
        (SealError("x"), Verdict.our_fault, True),
        (ArchiveError("x"), Verdict.our_fault, True),
        (OSError(28, "No space left on device"), Verdict.our_fault, True),
        (ValueError("a bug"), Verdict.our_fault, False),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else str(v),
)
def test_errors_are_classified_once(exc: BaseException, verdict: Verdict, systemic: bool) -> None:
    got = classify_error(exc)
    assert got.verdict is verdict and got.systemic is systemic
    assert got.verdict.bad_input is (verdict in (Verdict.staff_must_fix, Verdict.refused))
    if isinstance(exc, BtiError):
        assert got.exit_code is exc.exit_code


def test_the_top_level_handler_prints_the_message_and_returns_the_code() -> None:
    err = io.StringIO()

    def fails() -> int:
        raise InvalidFormError("skjema.yaml: feil", [_problem("missing")])

    assert run_guarded("bti-docs", fails, err=err) == ExitCode.invalid_form
    assert err.getvalue().splitlines() == [
        "bti-docs: skjema.yaml: feil", "  skjema.yaml", "    felt: melding missing",
    ]
    with pytest.raises(InvalidFormError):
        run_guarded("bti-docs", fails, reraise=True, err=err)

    def interrupted() -> int:
        raise KeyboardInterrupt

    assert run_guarded("bti-docs watch", interrupted, err=err) == ExitCode.interrupted
    assert run_guarded("bti-docs", lambda: 0, err=err) == 0
