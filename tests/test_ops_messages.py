"""Issue 14: commands that stop early still answer --json; OS reasons in Norwegian; counts and number forms; one
certificate error for a whole batch; an open quote found where it opened. The real CLI on real files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
RULES = ["--rules", str(ROOT / "archive_rules.yaml")]
SAMPLE = ROOT / "samples/sak-a/01-referat-undringssamtale.yaml"


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main([*RULES, *args], stdout=out)
    return code, out.getvalue()


def test_verify_json_without_a_trust_root_still_answers_in_json(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("verify", str(tmp_path), "--json")
    assert code == ExitCode.config
    report = json.loads(text)
    assert report["ok"] is False and report["exit_code"] == ExitCode.config
    assert report["error"]["code"] == "cli_no_trust_root" and "--trust" in report["error"]["message"]
    assert "--trust" in capsys.readouterr().err  # the message on stderr as always


@pytest.mark.parametrize(("lang", "reason"), [("nn", "fila eller mappa finst ikkje"),
                                              ("nb", "filen eller mappen finnes ikke")])
def test_reindex_json_of_a_missing_archive_says_why_in_norwegian(tmp_path: Path, lang: str, reason: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run("--lang", lang, "reindex", str(tmp_path / "no-such"), "--json")
    assert code == ExitCode.archive
    report = json.loads(text)
    assert report["exit_code"] == ExitCode.archive and report["error"]["code"] == "archive.cannot_rebuild"
    assert report["error"]["message"].endswith(f"{reason}.")
    err = capsys.readouterr().err
    assert reason in err and "No such file" not in err and "No such file" not in text


def test_validate_json_with_no_forms_answers_in_json(tmp_path: Path) -> None:
    code, text = _run("validate", str(tmp_path), "--json")
    assert code != 0 and json.loads(text)["exit_code"] == code


def _file(pki: DevPki, archive: Path, *extra: str) -> tuple[int, str]:
    return _run("file", str(SAMPLE), "--archive", str(archive), "--workers", "1", "--cert", str(pki.unit_p12),
                "--cert-password-file", str(pki.password_file), "--trust", str(pki.root_cert), *extra)


def test_a_rerun_counts_what_was_filed_before_and_one_receipt_is_singular(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    assert _file(dev_pki, archive)[0] == 0
    code, text = _file(dev_pki, archive)
    assert code == 0 and "0 arkiverte, 1 arkiverte frå før (ikkje på nytt), 0 med feil" in text, text
    code, text = _file(dev_pki, archive, "--json")
    report = json.loads(text)
    assert (report["filed"], report["already_filed"], report["failed"]) == (0, 1, 0)
    head = report["journal_head"]["hash"]
    for lang, said in (("nn", "Kvitteringa finst i journalkjeda."), ("nb", "Kvitteringen finnes i journalkjeden.")):
        code, text = _run("--lang", lang, "verify", str(archive), "--trust", str(dev_pki.root_cert),
                          "--kvittering", head)
        assert code == 0 and said in text and "Alle 1" not in text, text


def test_file_without_the_certificate_password_says_so_once(tmp_path: Path, dev_pki: DevPki,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("BTI_DOCS_CERT_PASSWORD", raising=False)
    inputs = sorted((ROOT / "samples/sak-a").glob("*.yaml"))[:3]
    code, text = _run("file", *map(str, inputs), "--archive", str(tmp_path / "arkiv"), "--workers", "1",
                      "--cert", str(dev_pki.unit_p12), "--trust", str(dev_pki.root_cert))
    assert code == ExitCode.seal
    err = capsys.readouterr().err
    assert err.count("BTI_DOCS_CERT_PASSWORD") == 1, err
    assert text == "" and not (tmp_path / "arkiv").exists()


def test_an_open_quote_is_reported_where_it_opened(tmp_path: Path) -> None:
    form = tmp_path / "sitat.yaml"
    form.write_text(SAMPLE.read_text(encoding="utf-8").replace("  fornavn: Tiril", '  fornavn: "Tiril', 1),
                    encoding="utf-8")
    code, text = _run("validate", "--json", str(form))
    assert code == ExitCode.input_file
    [problem] = json.loads(text)["files"][0]["problems"]
    assert (problem["line"], problem["column"]) == (9, 12) and "aldri lukka" in problem["message"]
