"""The real watcher with the real pipeline: ``python -m bti_docs.watch.daemon`` → ``bti_docs.api.file_one``.

Valid forms are the sample consent of sak A with a distinct case key and consent id each; the archive's
journal (``.bti-journal/journal.sqlite``, column ``inndata_sha256``) shows what was filed, per input.

The real pipeline takes about a second per form (render, PDF/A check, seal, seal check). CI (``CI`` set) drops
all 200 files through it (about 4 minutes, beside the rest of the suite on the other core); a local run uses 20
unless ``BTI_WATCH_REAL_BATCH`` says otherwise. The fake pipeline in ``test_watch_daemon.py`` also takes 200.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from bti_docs import api
from watch_helpers import ROOT, SECRET_NAME, Folders, Watch, sha, unprivileged_prefix, wait_until

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(api, "file_one"), reason="bti_docs.api.file_one (the pipeline) is not there yet"),
]
SAMPLE = ROOT / "samples" / "sak-a" / "02-samtykke-opprette-stafettlogg.yaml"
INVALID = ROOT / "samples" / "invalid" / "valid-to-before-valid-from.yaml"
VIOLENCE = ROOT / "samples" / "invalid" / "case-violence-abuse.yaml"
BATCH = int(os.environ.get("BTI_WATCH_REAL_BATCH", "200" if os.environ.get("CI") else "20"))
FAST = ("--settle", "0.3", "--rescan", "2")
PkiEnv = tuple[list[str], dict[str, str]]


@pytest.fixture(scope="module")
def pki_env(tmp_path_factory: pytest.TempPathFactory) -> PkiEnv:
    from bti_docs.devcert import create_dev_pki

    pki = create_dev_pki(tmp_path_factory.mktemp("watch-pki") / "pki")
    args = ["--rules", str(ROOT / "archive_rules.yaml"), "--cert", str(pki.unit_p12), "--trust", str(pki.root_cert)]
    return args, {"BTI_DOCS_CERT_PASSWORD": pki.password_file.read_text().strip()}


def real_form(n: int) -> bytes:
    text = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^sak: .*$", f"sak: FV-2026-{n:04d}", text)
    text = re.sub(r"(?m)^samtykke_id: .*$", f"samtykke_id: opprette-2025-02-n{n:04d}", text)
    return text.encode()


def filings(archive: Path) -> Counter[str]:
    """Documents filed per input (the archive's hash of the parsed form), from the archive's journal."""
    db = archive / ".bti-journal" / "journal.sqlite"
    if not db.exists():
        return Counter()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return Counter(row[0] for row in conn.execute("SELECT inndata_sha256 FROM entries"))


def start(folders: Folders, pki_env: PkiEnv, *args: str, **kw: object) -> Watch:
    extra, env = pki_env
    return Watch(folders, *extra, *FAST, *args, env=env, real=True, **kw)  # type: ignore[arg-type]


def drop(folders: Folders, numbers: range) -> dict[str, bytes]:
    dropped = {f"{SECRET_NAME} {n:03d}.yaml": real_form(n) for n in numbers}
    for name, data in dropped.items():
        (folders.inbox / name).write_bytes(data)
    return dropped


def assert_filed_once(folders: Folders, dropped: dict[str, bytes]) -> None:
    wanted = {sha(d) for d in dropped.values()}
    assert Counter(sha(p.read_bytes()) for p in folders.files(folders.done)) == Counter(wanted)
    filed = filings(folders.archive)  # a consent is filed as one document
    assert len(filed) == len(wanted) and set(filed.values()) == {1}, filed
    assert folders.inbox_files() == [] and folders.claimed() == [] and folders.files(folders.rejected) == []


@pytest.fixture
def folders(tmp_path: Path) -> Folders:
    return Folders(tmp_path)


def test_a_batch_dropped_at_once_is_filed_once_each(folders: Folders, pki_env: PkiEnv) -> None:
    watch = start(folders, pki_env)
    try:
        watch.wait_for_log(" watching: ")
        dropped = drop(folders, range(BATCH))
        wait_until(lambda: len(folders.files(folders.done)) + len(folders.files(folders.rejected)) >= BATCH,
                   30 + 3 * BATCH, f"all {BATCH} are handled")
        assert watch.stop() == 0
    finally:
        watch.close()
    assert folders.files(folders.rejected) == [], (folders.rejected / folders.files(folders.rejected)[0].name)
    assert_filed_once(folders, dropped)
    assert SECRET_NAME.split()[1] not in watch.log()


def test_invalid_and_refused_forms_are_rejected_with_reports(folders: Folders,
                                                             pki_env: PkiEnv) -> None:
    shutil.copy(INVALID, folders.inbox / "ugyldig.yaml")
    shutil.copy(VIOLENCE, folders.inbox / "vold.yaml")
    (folders.inbox / "ok.yaml").write_bytes(real_form(1))
    (folders.inbox / "ok igjen.yaml").write_bytes(real_form(1))  # a duplicate drop
    watch = start(folders, pki_env, "--once")
    assert watch.wait(120) == 0, watch.log()
    text = (folders.rejected / "ugyldig.yaml.feil.txt").read_text()
    assert "Slik rettar du det" in text  # the municipality's målform (nn)
    # the one layout of a problem, with its line, as ``bti-docs validate`` says it
    assert "  1. linje 20, gyldig_til: «gyldig_til» er før «gyldig_fra». Rett datoane.\n" in text, text
    assert "barnevernet STRAKS" in (folders.rejected / "vold.yaml.feil.txt").read_text()
    assert sorted(p.name for p in folders.files(folders.done)) == ["ok igjen.yaml", "ok.yaml"]
    assert list(filings(folders.archive).values()) == [1]
    assert " duplicate: [" in watch.log()


def test_kill_9_mid_batch_and_restart(folders: Folders, pki_env: PkiEnv) -> None:
    watch = start(folders, pki_env)
    try:
        watch.wait_for_log(" watching: ")
        dropped = drop(folders, range(20))
        wait_until(lambda: len(folders.files(folders.done)) >= 4 and folders.claimed(), 120, "mid-batch")
        watch.proc.send_signal(signal.SIGKILL)
        watch.wait(10)
    finally:
        watch.close()
    again = start(folders, pki_env, "--once")
    assert again.wait(120) == 0, again.log()
    assert_filed_once(folders, dropped)


def test_a_read_only_archive_keeps_every_input(folders: Folders, pki_env: PkiEnv) -> None:
    if os.geteuid() == 0 and not unprivileged_prefix():
        pytest.skip("running as root without setpriv: a read-only folder cannot be made for root")
    dropped = drop(folders, range(3))
    folders.archive.chmod(0o555)
    try:
        watch = start(folders, pki_env, "--once", prefix=unprivileged_prefix())
        code = watch.wait(120)
    finally:
        folders.archive.chmod(0o755)
    assert code != 0 and " retry: [" in watch.log(), watch.log()
    assert sorted(p.name for p in folders.inbox_files()) == sorted(dropped)
    assert filings(folders.archive) == Counter()
