"""Issue 14, the operator rows: trust roots, finding the settings, exit codes documented, `--json` shapes,
the progress of `file` and its Ctrl-C summary. Real CLI, real files."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bti_docs import api, config
from bti_docs.cli import main
from bti_docs.devcert import DevPki
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


# --- file: per-file lines, --json, Ctrl-C --------------------------------------------------------------------

CASE_A = ROOT / "samples" / "sak-a"


def _file_args(pki: DevPki, archive: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "bti_docs", *RULES, "file", str(CASE_A), "--archive", str(archive),
            "--workers", "1", "--cert", str(pki.unit_p12), "--cert-password-file", str(pki.password_file),
            "--trust", str(pki.root_cert), *extra]


@pytest.mark.slow
def test_file_reports_each_input_as_it_comes_and_ctrl_c_says_what_was_filed(tmp_path: Path, dev_pki: DevPki) -> None:
    """Not a terminal: each input's lines as it is filed. SIGINT after the first: the input in hand is finished,
    then the summary says how many were done and gives the receipt (the journal's head); exit 130."""
    archive = tmp_path / "arkiv"
    total = len(api.expand_inputs([CASE_A]))
    assert total >= 4
    proc = subprocess.Popen(_file_args(dev_pki, archive), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    first = proc.stdout.readline()  # written when the first input is filed, long before the last
    assert first.startswith("OK   ") and str(CASE_A) in first, first
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=120)
    assert proc.returncode == ExitCode.interrupted, (first + rest, err)
    assert "Traceback" not in err
    done = int(re.search(r"Avbrote\. (\d+) av (\d+) skjema", rest).group(1))  # type: ignore[union-attr]
    assert 1 <= done < total and f"av {total} skjema" in rest
    head = api.journal_head(archive)
    assert head is not None
    assert f"Kvittering for arkivet no (journalpost {head[0]}): {head[1]}" in rest
    # nothing half-filed: the archive verifies, and running again files the rest
    out = io.StringIO()
    assert main([*RULES, "verify", str(archive), "--trust", str(dev_pki.root_cert)], stdout=out) == 0, out.getvalue()
    again = subprocess.run(_file_args(dev_pki, archive, "--json"), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    statuses = [f["status"] for f in report["files"]]
    assert len(statuses) == total and statuses.count("duplicate") >= done
    assert set(statuses) <= {"filed", "duplicate", "nothing_to_file"}
    assert report["interrupted"] is False and report["exit_code"] == 0 and report["failed"] == 0
    new_head = api.journal_head(archive)
    assert new_head is not None and report["journal_head"] == {"seq": new_head[0], "hash": new_head[1]}
    filed = [f for f in report["files"] if f["status"] == "filed"]
    assert filed and all(f["receipt"] and f["filed"] and f["error"] is None for f in filed)
    assert all((archive / p).is_file() for f in filed for p in f["filed"])
    # verify --json and reindex --json on the same archive
    out = io.StringIO()
    assert main([*RULES, "verify", str(archive), "--trust", str(dev_pki.root_cert), "--json"], stdout=out) == 0
    checked = json.loads(out.getvalue())
    assert checked["ok"] is True and checked["problems"] == [] and checked["exit_code"] == 0
    assert checked["journal_head"] == report["journal_head"] and checked["documents"] >= len(filed)
    out = io.StringIO()
    assert main([*RULES, "reindex", str(archive), "--trust", str(dev_pki.root_cert), "--json"], stdout=out) == 0
    rebuilt = json.loads(out.getvalue())
    assert rebuilt["documents"] == checked["documents"] and rebuilt["lost"] == [] and rebuilt["exit_code"] == 0
    assert rebuilt["journal_head"]["seq"] >= 1


def test_validate_runs_the_font_check_and_names_the_field(tmp_path: Path) -> None:
    """An emoji in a name: `validate` says so (field, line, character), with the exit code render would give."""
    text = (CASE_A / "03-stafettlogg-niva1.yaml").read_text(encoding="utf-8")
    form = tmp_path / "emoji.yaml"
    form.write_text(re.sub(r"(?m)^  fornavn: .*$", '  fornavn: "Tiril \U0001F600"', text), encoding="utf-8")
    out = io.StringIO()
    assert main([*RULES, "validate", str(form)], stdout=out) == ExitCode.render
    assert "barn.fornavn" in out.getvalue() and "U+1F600" in out.getvalue() and "linje 9" in out.getvalue()
    out = io.StringIO()
    main([*RULES, "validate", "--json", str(form)], stdout=out)
    [problem] = json.loads(out.getvalue())["files"][0]["problems"]
    assert problem["code"] == "glyph_missing" and problem["path"] == "barn.fornavn" and problem["line"] == 9


def test_readme_commands_show_json_receipts_and_progress() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme[readme.index("## Commands"):readme.index("### Exit codes")]
    for command in ("file", "verify", "reindex", "watch INBOX --once"):
        assert f"// bti-docs {command}" in commands, command
    assert "kvittering.json" in commands and "progress line" in commands and "skjema TYPE" in commands


@pytest.mark.slow
def test_file_on_a_terminal_shows_a_progress_line_on_stderr(tmp_path: Path, dev_pki: DevPki) -> None:
    import pty

    primary, secondary = pty.openpty()
    inputs = [str(CASE_A / "01-referat-undringssamtale.yaml"), str(CASE_A / "02-samtykke-opprette-stafettlogg.yaml")]
    args = _file_args(dev_pki, tmp_path / "arkiv")
    at = args.index(str(CASE_A))
    args[at:at + 1] = inputs
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=secondary, text=True, timeout=180,
                          env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert proc.returncode == 0, shown.decode(errors="replace")
    assert "Arkiverer" in shown.decode(errors="replace") and "2/2" in shown.decode(errors="replace")
    # the report itself on stdout, once, at the end
    assert proc.stdout.count("OK   ") == 2 and "2 arkiverte, 0 med feil" in proc.stdout
