"""Issue 14, the operator rows: trust roots, finding the settings, exit codes documented, `--json` shapes,
the progress of `file` and its Ctrl-C summary. Real CLI, real files."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from bti_docs import config
from bti_docs.cli import main
from bti_docs.errors import ConfigError, ExitCode

ROOT = Path(__file__).resolve().parents[1]
RULES = ["--rules", str(ROOT / "archive_rules.yaml")]


def test_verify_without_a_trust_root_says_what_to_give(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "arkiv").mkdir()
    out = io.StringIO()
    assert main([*RULES, "verify", str(tmp_path / "arkiv")], stdout=out) == ExitCode.config
    err = capsys.readouterr().err
    assert "--trust FIL" in err and "sertifikat.tillitsrot" in err, err
    assert "FEIL :" not in out.getvalue() + err
    # the repository's settings are nynorsk
    assert "Ingen tillitsrot å kontrollere segla mot" in err


def test_settings_not_found_says_how_to_point_at_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.SETTINGS_ENV, raising=False)
    monkeypatch.setattr(config, "SYSTEM_SETTINGS", tmp_path / "etc" / "archive_rules.yaml")
    with pytest.raises(ConfigError) as info:
        config.find_settings(start=tmp_path)
    text = info.value.message
    assert "--rules FIL" in text and "BTI_DOCS_RULES" in text and str(tmp_path / "etc") in text
    assert " / " not in text  # one målform, not a glued pair


def test_an_installed_system_keeps_its_settings_in_etc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Path("/etc/bti-docs/archive_rules.yaml") == config.SYSTEM_SETTINGS
    monkeypatch.delenv(config.SETTINGS_ENV, raising=False)
    system = tmp_path / "etc" / "archive_rules.yaml"
    system.parent.mkdir()
    system.write_bytes((ROOT / "archive_rules.yaml").read_bytes())
    monkeypatch.setattr(config, "SYSTEM_SETTINGS", system)
    assert config.find_settings(start=tmp_path / "elsewhere") == system
    local = tmp_path / "elsewhere" / "archive_rules.yaml"
    local.parent.mkdir()
    local.write_bytes(system.read_bytes())
    assert config.find_settings(start=local.parent) == local  # the folder's own file comes first
    monkeypatch.chdir(tmp_path / "etc")
    out = io.StringIO()
    assert main(["validate", str(ROOT / "samples" / "sak-a")], stdout=out) == 0, out.getvalue()


def test_readme_documents_every_exit_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Exit codes"):]
    documented = {int(m) for m in re.findall(r"^\|\s*(\d+)\s*\|", table, re.MULTILINE)}
    assert documented >= {int(code) for code in ExitCode}, sorted({int(c) for c in ExitCode} - documented)
