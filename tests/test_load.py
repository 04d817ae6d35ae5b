"""The safe loader on hostile and broken files: every one gets a clear problem, never a traceback or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bti_docs.config import load_settings
from bti_docs.errors import ConfigError
from bti_docs.forms.load import MAX_FILE_BYTES, load_form

ROOT = Path(__file__).resolve().parents[1]


def _codes(path: Path) -> list[str]:
    return [p.code for p in load_form(path).problems]


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "stor.yaml"
    with big.open("wb") as fh:
        fh.write(b"skjema: samtykke\nx: '")
        fh.write(b"a" * (MAX_FILE_BYTES * 50))
    started = time.monotonic()
    assert _codes(big) == ["file_too_large"]
    assert time.monotonic() - started < 2


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    bomb = tmp_path / "bombe.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    assert _codes(bomb) == ["yaml_alias"]
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"skjema: samtykke\n\x00\x01\x02", "binary_file"),
        ("skjema: samtykke\nnavn: Bjørn\n".encode("latin-1"), "not_utf8"),
        (b"skjema: [samtykke\n", "yaml_syntax"),
        (b"skjema: samtykke\n---\nskjema: samtykke\n", "multiple_documents"),
        (b"- skjema\n- samtykke\n", "not_a_mapping"),
        (b"sak: FV-1\n", "missing_form_kind"),
        (b"skjema: brev\n", "unknown_form_kind"),
        (b"skjema: samtykke\nskjema: avslutning\n", "duplicate_key"),
        (b"", "empty_file"),
        (b"# bare en kommentar\n", "empty_file"),
        (b"a: " + b"[" * 50 + b"]" * 50 + b"\n", "yaml_too_deep"),
        (b"skjema: samtykke\n? [a, b]\n: c\n", "yaml_syntax"),
    ],
)
def test_broken_files_get_one_clear_problem(tmp_path: Path, content: bytes, code: str) -> None:
    f = tmp_path / "skjema.yaml"
    f.write_bytes(content)
    result = load_form(f, "nn")
    assert [p.code for p in result.problems] == [code]
    assert result.form is None
    assert result.problems[0].message
    assert str(f) in result.problems[0].format()


def test_missing_file(tmp_path: Path) -> None:
    assert _codes(tmp_path / "finst-ikkje.yaml") == ["file_missing"]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes("\ufeffskjema: samtykke\n".encode())
    # Parses; what is missing is reported field by field, not as an encoding error.
    codes = _codes(f)
    assert "not_utf8" not in codes and "missing" in codes


def test_settings_errors_name_key_and_line(tmp_path: Path) -> None:
    text = (ROOT / "archive_rules.yaml").read_text(encoding="utf-8")
    bad = text.replace("  samtykkealder: 15", "  samtykkealder: 15\n  samtykkealdr: 16", 1)
    assert bad != text
    f = tmp_path / "archive_rules.yaml"
    f.write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(f)
    line = next(i for i, t in enumerate(bad.splitlines(), 1) if t.startswith("  samtykkealdr:"))
    assert f"linje {line}" in info.value.message
    assert "kommune.samtykkealdr" in info.value.message


def test_repository_settings_load() -> None:
    settings = load_settings(ROOT / "archive_rules.yaml")
    assert settings.kommune.samtykkealder == 15
    assert settings.kommune.enheter


@pytest.mark.parametrize("flag", ["true", "ja", "Ja", "yes", "1", "kanskje"])
def test_suspected_violence_is_refused_even_when_the_form_has_other_faults(tmp_path: Path, flag: str) -> None:
    f = tmp_path / "skjema.yaml"
    f.write_text(f"skjema: stafettlogg\nmistanke_vold_overgrep: {flag}\nukjent_felt: 1\n", encoding="utf-8")
    result = load_form(f, "nn")
    assert [p.code for p in result.problems] == ["case_violence_abuse"]
    assert "barnevernet" in result.problems[0].message


@pytest.mark.parametrize("flag", ["false", "nei", "0"])
def test_a_clear_no_is_not_a_refusal(tmp_path: Path, flag: str) -> None:
    f = tmp_path / "skjema.yaml"
    f.write_text(f"skjema: stafettlogg\nmistanke_vold_overgrep: {flag}\n", encoding="utf-8")
    assert "case_violence_abuse" not in [p.code for p in load_form(f).problems]


def test_unquoted_id_number_with_leading_zero_is_not_read_as_octal(tmp_path: Path) -> None:
    import yaml as pyyaml

    from bti_docs.forms.load import _StrictLoader

    # All digits 0-7 and a leading zero: YAML 1.1 would read it as an octal number.
    assert pyyaml.load("n: 05031712345\n", Loader=_StrictLoader) == {"n": "05031712345"}
    assert pyyaml.load("n: 12345\n", Loader=_StrictLoader) == {"n": 12345}
