"""A full disk is an archive error (exit 10, "disken er full") that leaves nothing half-written.

On a real small tmpfs (CI runs as root), free space is stepped from nothing to enough while the real
``bti-docs file`` files a form; after every step ``verify`` must pass and no intent, temporary file or
unjournaled document may be left. Each write step of a filing is also made to fail the way a full disk fails
(``BTI_DOCS_FULL_AT``), the SQLite step with its own "database or disk is full" error.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bti_docs.archive import fsutil
from bti_docs.archive.journal import JOURNAL_DIR, PENDING_NAME, Journal
from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode
from test_archive_tamper import rules_with_receipt_log

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "archive_rules.yaml"
FIRST = ROOT / "samples/sak-a/01-referat-undringssamtale.yaml"
SECOND = ROOT / "samples/sak-a/02-samtykke-opprette-stafettlogg.yaml"


def file_cmd(pki: DevPki, archive: Path, form: Path, rules: Path = RULES) -> list[str]:
    return ["--rules", str(rules), "file", str(form), "--archive", str(archive), "--workers", "1",
            "--cert", str(pki.unit_p12), "--cert-password-file", str(pki.password_file),
            "--trust", str(pki.root_cert)]


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(argv, stdout=out), out.getvalue()


def verify_ok(archive: Path, pki: DevPki) -> None:
    code, out = run(["--rules", str(RULES), "verify", str(archive), "--trust", str(pki.root_cert)])
    assert code == 0, out


def leftovers(archive: Path) -> list[str]:
    """Intent records and temporary files anywhere in the archive."""
    return sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*")
                  if p.name == PENDING_NAME or p.name.startswith(fsutil.TEMP_PREFIX))


def files(archive: Path) -> list[str]:
    return sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*")
                  if p.is_file() and JOURNAL_DIR not in p.parts)


def journaled(archive: Path) -> int:
    journal = Journal(archive / JOURNAL_DIR / "journal.sqlite", readonly=True)
    try:
        return journal.head()[0]
    finally:
        journal.close()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, dev_pki: DevPki) -> Path:
    archive = tmp_path_factory.mktemp("full") / "arkiv"
    code, out = run(file_cmd(dev_pki, archive, FIRST))
    assert code == 0, out
    return archive


@pytest.fixture
def archive(pristine: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "arkiv", symlinks=True))


@pytest.mark.parametrize("step", ["pending", "pdf_temp", "sidecar_temp", "journal"])
def test_a_full_disk_at_any_write_step_leaves_nothing_half_written(
        archive: Path, dev_pki: DevPki, step: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before, head = files(archive), journaled(archive)
    monkeypatch.setenv(fsutil.FULL_ENV, step)
    code, out = run(file_cmd(dev_pki, archive, SECOND))
    assert code == ExitCode.archive, out
    assert "disken er full" in out and "Ingenting er halvskrive" in out
    assert "Uventa feil" not in out + capsys.readouterr().err
    assert leftovers(archive) == [] and files(archive) == before and journaled(archive) == head
    monkeypatch.delenv(fsutil.FULL_ENV)
    verify_ok(archive, dev_pki)
    code, out = run(file_cmd(dev_pki, archive, SECOND))  # with room again, it files
    assert code == 0, out
    verify_ok(archive, dev_pki)


def test_a_receipt_log_that_fills_up_after_filing_says_what_was_filed(
        archive: Path, dev_pki: DevPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "kvitteringar.log"
    rules = rules_with_receipt_log(tmp_path, log)
    head = journaled(archive)
    monkeypatch.setenv(fsutil.FULL_ENV, "receipt")
    code, out = run(file_cmd(dev_pki, archive, SECOND, rules))
    assert code == ExitCode.archive
    assert "er arkiverte og journalførte, men kvitteringa kunne ikkje skrivast" in out
    assert f"journalpost {journaled(archive)}" in out and journaled(archive) > head
    assert log.read_text() == ""
    assert leftovers(archive) == []
    verify_ok(archive, dev_pki)


def test_the_watcher_keeps_the_input_and_pauses_on_a_full_disk(tmp_path: Path, dev_pki: DevPki) -> None:
    inbox, archive = tmp_path / "innboks", tmp_path / "arkiv"
    inbox.mkdir()
    shutil.copy(FIRST, inbox / "skjema.yaml")
    argv = [sys.executable, "-m", "bti_docs", "--rules", str(RULES), "watch", str(inbox), "--archive", str(archive),
            "--once", "--settle", "0.3", "--cert", str(dev_pki.unit_p12), "--password-file", str(dev_pki.password_file),
            "--trust", str(dev_pki.root_cert)]
    full = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                          env={**os.environ, fsutil.FULL_ENV: "sidecar_temp"})
    assert full.returncode == ExitCode.archive, full.stderr
    assert "disken er full" in full.stderr and " retry: [" in full.stderr and "ligg att i innboksen" in full.stderr
    assert " paused: " in full.stderr  # all filing pauses, as for archive errors
    assert (inbox / "skjema.yaml").exists() and leftovers(archive) == [] and files(archive) == []
    verify_ok(archive, dev_pki)
    again = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert not (inbox / "skjema.yaml").exists() and journaled(archive) == 1
    verify_ok(archive, dev_pki)


# --- a real small disk -------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"tmpfs cannot be mounted here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def leave_free(mount: Path, free: int) -> Path:
    """Fill the disk so that about ``free`` bytes stay free."""
    filler = mount / "fyll"
    filler.unlink(missing_ok=True)
    st = os.statvfs(mount)
    size = st.f_bavail * st.f_frsize - free
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        if size > 0:
            os.posix_fallocate(fd, 0, size)
    finally:
        os.close(fd)
    return filler


STEPS = {
    # with the free-space check: refused before anything is written, until there is room
    "checked": [0, 16 * 1024, 48 * 1024, 96 * 1024, 256 * 1024, 512 * 1024, 768 * 1024],
    # without it (as if its estimate were wrong): the disk fills in the middle of the filing, at every step
    "unchecked": list(range(0, 160 * 1024, 16 * 1024)),
}


@pytest.mark.parametrize("mode", sorted(STEPS))
def test_stepping_free_space_on_a_real_small_disk(small_disk: Path, dev_pki: DevPki, mode: str,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    archive = small_disk / "arkiv"
    code, out = run(file_cmd(dev_pki, archive, FIRST))
    assert code == 0, out
    if mode == "unchecked":
        monkeypatch.setattr(fsutil, "require_free_space", lambda folder, needed: None)
    outcomes = []
    for free in STEPS[mode]:
        filler = leave_free(small_disk, free)
        code, out = run(file_cmd(dev_pki, archive, SECOND))
        outcomes.append(code)
        err = capsys.readouterr().err
        assert code in (0, ExitCode.archive), out + err
        if code:
            assert "disken er full" in out, out
        assert leftovers(archive) == [], free
        filler.unlink()
        verify_ok(archive, dev_pki)
    assert outcomes[0] == outcomes[1] == ExitCode.archive
    if mode == "unchecked":
        assert 0 in outcomes  # the steps reached the point where it fits
    code, out = run(file_cmd(dev_pki, archive, SECOND))
    assert code == 0, out  # with the space back, the form is (or was) filed
    verify_ok(archive, dev_pki)
