"""Issue 14: every problem names its field (or, for a problem of the whole file, its line), and every command
lists problems in one layout. Real sample files through the real CLI."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
RULES = ["--rules", str(ROOT / "archive_rules.yaml")]
INVALID = sorted((ROOT / "samples" / "invalid").glob("*.yaml"))


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main([*RULES, *args], stdout=out)
    return code, out.getvalue()


def test_every_problem_of_every_invalid_sample_names_its_field_or_its_line() -> None:
    code, text = _run("validate", "--json", *map(str, INVALID))
    assert code != 0
    files = json.loads(text)["files"]
    assert len(files) == len(INVALID)
    for entry in files:
        for p in entry["problems"]:
            assert p["path"] or (p["whole_file"] and p["line"] is not None), (entry["file"], p)
            assert p["whole_file"] is (not p["path"])


@pytest.mark.parametrize(("sample", "path", "line"), [
    ("valid-to-before-valid-from.yaml", "gyldig_til", 20),
    ("child-or-pregnancy.yaml", "barn", 9),  # both blocks filled: pointed at the first
    ("summary-required.yaml", "oppsummering", None),  # missing: the field, no line of its own
    ("case-violence-abuse.yaml", "mistanke_vold_overgrep", None),
    ("unknown-form-kind.yaml", "skjema", None),
])
def test_a_rule_over_several_fields_names_the_field_to_fix(sample: str, path: str, line: int | None) -> None:
    _, text = _run("validate", "--json", str(ROOT / "samples/invalid" / sample))
    [problem] = json.loads(text)["files"][0]["problems"]
    assert problem["path"] == path
    if line is not None:
        assert problem["line"] == line
    _, plain = _run("validate", str(ROOT / "samples/invalid" / sample))
    where = f"linje {problem['line']}, {path}: " if problem["line"] else f"     {path}: "
    assert where in plain, plain


def test_a_problem_of_the_whole_file_says_its_line(tmp_path: Path) -> None:
    _, text = _run("validate", "--json", str(ROOT / "samples/invalid/binary-file.yaml"),
                   str(ROOT / "samples/invalid/multiple-documents.yaml"))
    lines = {Path(f["file"]).name: f["problems"][0]["line"] for f in json.loads(text)["files"]}
    assert lines["binary-file.yaml"] == 2 and lines["multiple-documents.yaml"] > 1
    _, plain = _run("validate", str(ROOT / "samples/invalid/binary-file.yaml"))
    assert re.search(r"^     linje 2: ", plain, re.MULTILINE), plain


def _bad_form(tmp_path: Path) -> Path:
    form = tmp_path / "multi.yaml"
    text = (ROOT / "samples/sak-a/01-referat-undringssamtale.yaml").read_text(encoding="utf-8")
    form.write_text(text.replace("  fornavn: Tiril", '  fornavn: ""', 1), encoding="utf-8")
    return form


def _problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("     ")]


def test_file_lists_problems_as_validate_does(tmp_path: Path, dev_pki: DevPki) -> None:
    form = _bad_form(tmp_path)
    code, validated = _run("validate", str(form))
    assert code == ExitCode.invalid_form
    code, filed = _run("file", str(form), "--archive", str(tmp_path / "arkiv"), "--workers", "1",
                       "--cert", str(dev_pki.unit_p12), "--cert-password-file", str(dev_pki.password_file),
                       "--trust", str(dev_pki.root_cert))
    assert code == ExitCode.invalid_form
    assert _problem_lines(validated) == ["     linje 9, barn.fornavn: Feltet er tomt: fyll inn ein tekst."]
    assert _problem_lines(filed) == _problem_lines(validated), filed
    assert ": feil:" not in filed


def test_render_lists_problems_as_validate_does(tmp_path: Path, dev_pki: DevPki,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    form = _bad_form(tmp_path)
    code, _ = _run("render", str(form), "-o", str(tmp_path / "ut"), "--cert", str(dev_pki.unit_p12),
                   "--cert-password-file", str(dev_pki.password_file), "--trust", str(dev_pki.root_cert))
    assert code == ExitCode.invalid_form
    err = capsys.readouterr().err
    assert "linje 9, barn.fornavn: Feltet er tomt: fyll inn ein tekst." in err and ": feil:" not in err
