"""`bti-docs validate` on the samples, in-process and as a real subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bti_docs.cli import main
from bti_docs.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
VALID_CASES = sorted(p for p in SAMPLES.iterdir() if p.is_dir() and p.name.startswith("sak-"))
INVALID = sorted((SAMPLES / "invalid").glob("*.yaml"))
WARNINGS = sorted((SAMPLES / "warnings").glob("*.yaml"))
RULES = ["--rules", str(ROOT / "archive_rules.yaml")]


def expected_codes(path: Path) -> set[str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii", "replace")
    assert first.startswith("# forventet:"), f"{path.name}: first line must name the expected code"
    return {c.strip() for c in first.split(":", 1)[1].split(",")}


def run_json(*args: str) -> tuple[int, dict[str, object]]:
    out = io.StringIO()
    code = main([*RULES, "validate", "--json", *args], stdout=out)
    return code, json.loads(out.getvalue())


def test_all_valid_cases_pass() -> None:
    code, report = run_json(*map(str, VALID_CASES))
    files = report["files"]
    assert isinstance(files, list) and len(files) >= 15
    assert code == 0, [f for f in files if not f["ok"]]


@pytest.mark.parametrize("sample", INVALID, ids=lambda p: p.name)
def test_each_invalid_sample_fails_with_its_message(sample: Path) -> None:
    code, report = run_json(str(sample))
    assert code != 0
    [entry] = report["files"]  # type: ignore[misc]
    found = {p["code"] for p in entry["problems"] if p["severity"] == "error"}
    assert expected_codes(sample) <= found
    for problem in entry["problems"]:
        assert problem["message"] and problem["file"] == str(sample)


@pytest.mark.parametrize("sample", WARNINGS, ids=lambda p: p.name)
def test_warnings_do_not_fail(sample: Path) -> None:
    code, report = run_json(str(sample))
    assert code == 0
    [entry] = report["files"]  # type: ignore[misc]
    assert expected_codes(sample) <= {p["code"] for p in entry["problems"] if p["severity"] == "warning"}


def test_exit_codes_distinguish_file_form_and_refusal() -> None:
    assert main([*RULES, "validate", str(SAMPLES / "invalid/yaml-syntax.yaml")], stdout=io.StringIO()) == \
        ExitCode.input_file
    assert main([*RULES, "validate", str(SAMPLES / "invalid/missing.yaml")], stdout=io.StringIO()) == \
        ExitCode.invalid_form
    assert main([*RULES, "validate", str(SAMPLES / "invalid/case-violence-abuse.yaml")], stdout=io.StringIO()) == \
        ExitCode.refused_case


def test_subprocess_text_output_is_norwegian_and_names_field() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bti_docs", *RULES, "validate", str(SAMPLES / "invalid/holder-gap.yaml")],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == ExitCode.invalid_form
    assert "stafettholdere[0].til_dato" in proc.stdout
    assert "stafetthaldar" in proc.stdout.lower() or "stafettholder" in proc.stdout.lower()
    assert "Traceback" not in proc.stderr


def test_validate_does_not_import_the_renderer() -> None:
    code = (
        "import sys; from bti_docs.cli import main; import io; "
        f"main(['--rules', {str(ROOT / 'archive_rules.yaml')!r}, 'validate', {str(VALID_CASES[0])!r}], "
        "stdout=io.StringIO()); "
        "print(','.join(m for m in ('weasyprint', 'pyhanko', 'pikepdf', 'docxtpl') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_no_forms_found_is_an_error(tmp_path: Path) -> None:
    assert main([*RULES, "validate", str(tmp_path)], stdout=io.StringIO()) != 0


def test_bad_arguments_exit_code() -> None:
    assert main(["validate"], stdout=io.StringIO()) == ExitCode.bad_args
