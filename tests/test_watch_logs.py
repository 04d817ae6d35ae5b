"""Issue 14, "Watch logs are English": the real watcher's operator lines are said in the municipality's målform
(nynorsk or bokmål, from the catalogue ``bti_docs.text.watch``), with no English sentence words and no names;
the JSON format keeps its stable event words and machine fields beside the same text. The real pipeline on
the sample forms, for a nynorsk and a bokmål municipality."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bti_docs.devcert import DevPki
from bti_docs.i18n import Lang
from bti_docs.text.voice import say
from test_voice import BOKMAL, NYNORSK, words
from watch_helpers import SECRET_NAME

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sak-a" / "02-samtykke-opprette-stafettlogg.yaml"
INVALID = ROOT / "samples" / "invalid" / "valid-to-before-valid-from.yaml"
LINE = re.compile(r"^\S+ (INFO|WARNING|ERROR|DEBUG) ([a-z_.]+): (?:\[([0-9a-f]{8})\] )?(.*)$")
# Words of English sentences the lines used to be made of (none is a Norwegian word).
ENGLISH = {
    "the", "file", "files", "filed", "claimed", "bytes", "documents", "warning", "warnings", "input", "moved",
    "not", "kept", "later", "watching", "with", "observer", "started", "stopped", "stopping", "worker", "workers",
    "inbox", "archive", "already", "content", "nothing", "report", "written", "error", "errors", "again", "left",
    "and", "of", "was", "is", "it", "be", "by", "on", "at", "could", "cannot", "try", "taken", "changed",
    "deleted", "done", "rejected", "after", "before", "while", "still", "being", "requested",
}


def run_watch(pki: DevPki, rules: Path, base: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real watcher, once, over a valid form, the same form again (a duplicate) and an invalid one."""
    inbox = base / "inn"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / f"{SECRET_NAME} 1.yaml")
    shutil.copy(SAMPLE, inbox / f"{SECRET_NAME} 2.yaml")
    shutil.copy(INVALID, inbox / f"{SECRET_NAME} 3.yaml")
    return subprocess.run(
        [sys.executable, "-m", "bti_docs.watch.daemon", str(inbox), "--archive", str(base / "arkiv"), "--rules",
         str(rules), "--once", "--settle", "0", "--workers", "1", "--cert", str(pki.unit_p12), "--trust",
         str(pki.root_cert), *extra],
        capture_output=True, text=True, timeout=180, cwd=base,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("BTI_DOCS_")},
             "BTI_DOCS_CERT_PASSWORD": pki.password_file.read_text().strip()},
    )


def sentence_words(text: str) -> set[str]:
    """The words of a line's text, without paths and folder names (``/tmp/...``, ``done/``, ``.processing``)."""
    return words(" ".join(token for token in text.split() if "/" not in token and not token.startswith(".")))


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_the_text_log_speaks_the_municipalitys_malform(lang: Lang, rules: dict[Lang, Path], dev_pki: DevPki,
                                                       tmp_path: Path) -> None:
    proc = run_watch(dev_pki, rules[lang], tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = [LINE.match(line) for line in proc.stderr.splitlines()]
    assert lines and all(lines), proc.stderr
    events = [m.group(2) for m in lines if m]
    for event in ("started", "workers", "claimed", "filed", "duplicate", "rejected", "stopped"):
        assert event in events, proc.stderr
    other = BOKMAL if lang == "nn" else NYNORSK
    for m in lines:
        assert m is not None
        said = sentence_words(m.group(4))
        assert not said & ENGLISH, f"English in {m.group(0)!r}"
        assert not said & other, f"the other målform in {m.group(0)!r}"
    texts = "\n".join(m.group(4) for m in lines if m)
    assert say("watch.log.where.done", lang) in texts  # "fila er flytta til done/" / "filen er flyttet til done/"
    assert ("Teken i arbeid" if lang == "nn" else "Tatt i arbeid") in texts
    for part in SECRET_NAME.split():
        assert part not in proc.stderr


def test_the_json_log_keeps_its_machine_fields_beside_the_text(rules: dict[Lang, Path], dev_pki: DevPki,
                                                               tmp_path: Path) -> None:
    proc = run_watch(dev_pki, rules["nb"], tmp_path, "--logg-format", "json")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stderr.splitlines()]
    assert all(set(x) >= {"time", "level", "event", "id", "message", "data", "logger"} for x in lines)
    claimed = [x for x in lines if x["event"] == "claimed"]
    assert len(claimed) == 3 and all(x["data"]["bytes"] > 0 and len(x["data"]["sha"]) == 12 for x in claimed)
    assert all(x["message"].startswith("Tatt i arbeid: ") for x in claimed)  # bokmål
    [filed] = [x for x in lines if x["event"] == "filed"]
    assert filed["data"]["documents"] >= 1 and filed["data"]["where"] == "watch.log.where.done"
    [stopped] = [x for x in lines if x["event"] == "stopped"]
    assert stopped["data"]["tally"] == {"filed": 1, "duplicate": 1, "rejected": 1}
    assert all(not sentence_words(x["message"]) & ENGLISH for x in lines)


def test_the_watchers_settings_errors_are_said_in_either_malform(tmp_path: Path) -> None:
    """A broken watch settings file, a missing key, a bad value: said in nynorsk and in bokmål, never glued."""
    from bti_docs.errors import ConfigError
    from bti_docs.watch.settings import build_config, load_config_file

    broken = tmp_path / "watch.yaml"
    broken.write_text("inbox: inn\narchive: [arkiv\n", encoding="utf-8")
    with pytest.raises(ConfigError) as yaml_error:
        load_config_file(broken)
    (tmp_path / "list.yaml").write_text("- inbox\n", encoding="utf-8")
    with pytest.raises(ConfigError) as not_mapping:
        load_config_file(tmp_path / "list.yaml")
    with pytest.raises(ConfigError) as missing:
        build_config({"inbox": tmp_path}, origin="watch.yaml")
    with pytest.raises(ConfigError) as invalid:
        build_config({"inbox": tmp_path, "archive": tmp_path / "a", "settle_seconds": "snart"}, origin="watch.yaml")
    assert "(linje 3, kolonne 1)" in yaml_error.value.render("nn")
    assert "Rett fila" in yaml_error.value.render("nn") and "Rett filen" in yaml_error.value.render("nb")
    assert "sjå docs" in not_mapping.value.render("nn") and "se docs" in not_mapping.value.render("nb")
    assert "«archive» manglar" in missing.value.render("nn") and "«archive» mangler" in missing.value.render("nb")
    assert "BTI_DOCS_ARCHIVE" in missing.value.render("nb")
    assert "innstillingar for innboksen" in invalid.value.render("nn")
    assert "innstillinger for innboksen" in invalid.value.render("nb")
    assert [p.path for p in invalid.value.problems] == ["settle_seconds"]
