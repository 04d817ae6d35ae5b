"""Issue 14, the watcher's operator side: `watch --once --json` lists each input's outcome and receipt; the log
is ISO 8601 with offset, and `--logg-format json` gives one JSON object per line, with no names in it. The real
CLI and pipeline on real files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bti_docs import api
from bti_docs.devcert import DevPki
from watch_helpers import SECRET_NAME

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sak-a" / "02-samtykke-opprette-stafettlogg.yaml"
INVALID = ROOT / "samples" / "invalid" / "valid-to-before-valid-from.yaml"
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")


def watch(pki: DevPki, inbox: Path, archive: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bti_docs", "--rules", str(ROOT / "archive_rules.yaml"), "watch", str(inbox),
         "--archive", str(archive), "--once", "--settle", "0", "--cert", str(pki.unit_p12), "--trust",
         str(pki.root_cert), *extra],
        capture_output=True, text=True, timeout=180,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("BTI_DOCS_")},
             "BTI_DOCS_CERT_PASSWORD": pki.password_file.read_text().strip()},
    )


def test_watch_once_json_and_json_logs(tmp_path: Path, dev_pki: DevPki) -> None:
    inbox, archive = tmp_path / "inn", tmp_path / "arkiv"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / f"{SECRET_NAME}.yaml")
    shutil.copy(INVALID, inbox / f"{SECRET_NAME} feil.yaml")
    proc = watch(dev_pki, inbox, archive, "--json", "--logg-format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    by_status = {i["status"]: i for i in report["inputs"]}
    assert sorted(by_status) == ["filed", "rejected"] and report["exit_code"] == 0
    filed = by_status["filed"]
    receipt = Path(filed["receipt"])
    assert receipt.is_file() and receipt.parent == inbox / "done"
    assert json.loads(receipt.read_text())["id"] == filed["id"]
    head = api.journal_head(archive)
    assert head is not None and filed["journal_receipt"] == head[1]
    assert filed["filed"] and all((archive / p).is_file() for p in filed["filed"])
    assert by_status["rejected"]["receipt"] is None and by_status["rejected"]["exit_code"] == 4
    report_path = Path(by_status["rejected"]["report"])  # a rejected input points at its report
    assert report_path.parent == inbox / "rejected" and report_path.name.endswith(".feil.json")
    assert json.loads(report_path.read_text())["id"] == by_status["rejected"]["id"]
    assert filed["report"] is None
    # "reason" stays a machine word; "message" says it for operators, in the municipality's målform (nn), as the
    # input's log line does, and names no file
    assert by_status["rejected"]["reason"] == "invalid_form" and filed["reason"] is None
    assert by_status["rejected"]["message"] == "Avvist (invalid_form, 1 feil); rapport skriven"
    assert filed["message"] == "Arkivert: 1 dokument, 0 åtvaring(ar); fila er flytta til done/"
    # the log: one JSON object per line, ISO 8601 with offset, the claim id in its own key, no names
    lines = [json.loads(line) for line in proc.stderr.splitlines()]
    assert lines and all(set(x) >= {"time", "level", "event", "id", "message"} for x in lines)
    assert all(ISO_WITH_OFFSET.match(x["time"]) for x in lines), lines[0]
    assert {filed["id"], by_status["rejected"]["id"]} <= {x["id"] for x in lines}
    events = {(x["id"], x["event"]) for x in lines}
    assert {(filed["id"], "claimed"), (filed["id"], "filed"), (by_status["rejected"]["id"], "rejected")} <= events
    assert all(not x["message"].startswith("[") for x in lines)
    for part in SECRET_NAME.split():
        assert part not in proc.stderr and all(part not in x["message"] for x in report["inputs"])


def test_watch_text_log_has_iso_times_with_offset(tmp_path: Path, dev_pki: DevPki) -> None:
    inbox = tmp_path / "inn"
    inbox.mkdir()
    proc = watch(dev_pki, inbox, tmp_path / "arkiv")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines
    for line in lines:
        when, level, _rest = line.split(" ", 2)
        assert ISO_WITH_OFFSET.match(when) and level in {"INFO", "WARNING", "ERROR", "DEBUG"}, line
