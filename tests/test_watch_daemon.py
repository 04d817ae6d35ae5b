"""The real watcher, run as a subprocess on temporary folders.

Each scenario runs with the fake pipeline of ``watch_helpers`` (fast, with crash hooks) and, where it
says so, with the real pipeline (``python -m bti_docs.watch.daemon`` → ``bti_docs.api.file_one``; see
``test_watch_real.py``). Waiting is on conditions with deadlines, never on fixed sleeps; the only sleeps are
a slow writer's own pauses.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from bti_docs.text.voice import say
from watch_helpers import SECRET_NAME, Folders, Watch, form_text, sha, unprivileged_prefix, wait_until

pytestmark = pytest.mark.slow
FAST = ("--settle", "0.3", "--rescan", "2", "--log-level", "INFO")


@pytest.fixture
def folders(tmp_path: Path) -> Folders:
    return Folders(tmp_path)


def assert_private(log: str) -> None:
    for part in SECRET_NAME.split():
        assert part not in log, f"the log names a file: {part!r}\n{log}"


def drop_batch(folders: Folders, count: int, start: int = 0) -> dict[str, bytes]:
    """``count`` distinct forms at once: half written in place, half renamed in from a staging folder."""
    staging = folders.base / "staging"
    staging.mkdir(exist_ok=True)
    dropped: dict[str, bytes] = {}
    for n in range(start, start + count):
        name = f"{SECRET_NAME} {n:03d}.yaml"
        data = form_text(n).encode()
        dropped[name] = data
        (staging if n % 2 else folders.inbox).joinpath(name).write_bytes(data)
    for path in staging.iterdir():
        path.rename(folders.inbox / path.name)
    return dropped


def assert_all_filed_once(folders: Folders, dropped: dict[str, bytes]) -> None:
    """Every input in done/ exactly once, the archive has each content exactly once, nothing anywhere else."""
    done = Counter(sha(p.read_bytes()) for p in folders.files(folders.done))
    wanted = Counter(sha(data) for data in dropped.values())
    assert done == wanted
    assert folders.filed_hashes() == Counter(set(wanted))
    filings = Counter(h for what, h in folders.journal() if what == "filed")
    assert filings == Counter(set(wanted)), "something was filed twice"
    assert folders.inbox_files() == [] and folders.claimed() == [] and folders.files(folders.rejected) == []


@pytest.mark.parametrize("mode", ["events", "poll"])
def test_200_files_dropped_at_once_are_all_filed(folders: Folders, mode: str) -> None:
    args = (*FAST, "--poll", "--poll-interval", "0.5") if mode == "poll" else FAST
    watch = Watch(folders, *args)
    try:
        watch.wait_for_log(" watching: ")
        dropped = drop_batch(folders, 200)
        wait_until(lambda: len(folders.files(folders.done)) >= 200, 90, "all 200 are in done/")
        assert watch.stop() == 0
    finally:
        watch.close()
    assert_all_filed_once(folders, dropped)
    log = watch.log()
    assert log.count(" filed: [") == 200
    assert_private(log)


def _slow_write(path: Path, pieces: list[str], pause: float, *, hold_open: bool) -> None:
    if hold_open:
        with open(path, "w", encoding="utf-8") as fh:
            for piece in pieces:
                fh.write(piece)
                fh.flush()
                time.sleep(pause)
    else:
        for piece in pieces:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(piece)
            time.sleep(pause)


@pytest.mark.parametrize(("mode", "hold_open", "pause"), [
    ("events", True, 0.8),  # pauses longer than --settle: only the close event tells it is finished
    ("events", False, 0.1),  # open, append, close, again: stability over the settle time
    ("poll", False, 0.1),
])
def test_a_file_written_slowly_in_pieces_is_filed_once_whole(
    folders: Folders, mode: str, hold_open: bool, pause: float
) -> None:
    args = ("--settle", "0.5", "--rescan", "1", *(("--poll", "--poll-interval", "0.2") if mode == "poll" else ()))
    watch = Watch(folders, *args)
    full = form_text(7, "".join(f"linje_{i}: tekst {i}\n" for i in range(8)))
    size = len(full) // 4 + 1 if hold_open else 20  # a few long pauses, or many short ones
    pieces = [full[i:i + size] for i in range(0, len(full), size)]
    try:
        watch.wait_for_log(" watching: ")
        _slow_write(folders.inbox / "sakte.yaml", pieces, pause, hold_open=hold_open)
        wait_until(lambda: folders.files(folders.done), 20, "the slow file is in done/")
        assert watch.stop() == 0
    finally:
        watch.close()
    assert [p.name for p in folders.files(folders.done)] == ["sakte.yaml"]
    assert folders.files(folders.rejected) == [], (folders.rejected / "sakte.yaml.feil.txt").read_text()
    assert folders.filed_hashes() == Counter({sha(full.encode()): 1})  # whole, once
    assert watch.log().count(" claimed: [") == 1


def test_a_temporary_name_is_left_alone_until_renamed(folders: Folders) -> None:
    watch = Watch(folders, "--settle", "0.3", "--rescan", "0.5")
    full = form_text(3)
    try:
        watch.wait_for_log(" watching: ")
        tmp = folders.inbox / "skjema.yaml.part"
        _slow_write(tmp, [full[:10], full[10:30], full[30:]], 0.6, hold_open=False)
        assert tmp.exists() and "claimed" not in watch.log()  # pauses beyond --settle, rescans: untouched
        tmp.rename(folders.inbox / "skjema.yaml")
        wait_until(lambda: folders.files(folders.done), 20, "the renamed file is in done/")
        assert watch.stop() == 0
    finally:
        watch.close()
    assert folders.filed_hashes() == Counter({sha(full.encode()): 1})


def test_a_duplicate_drop_is_recognised(folders: Folders) -> None:
    watch = Watch(folders, *FAST)
    data = form_text(1).encode()
    try:
        watch.wait_for_log(" watching: ")
        (folders.inbox / "a.yaml").write_bytes(data)
        wait_until(lambda: len(folders.files(folders.done)) == 1, 20, "the first drop is in done/")
        (folders.inbox / "a.yaml").write_bytes(data)  # the same file again, and under another name
        (folders.inbox / "b.yaml").write_bytes(data)
        wait_until(lambda: len(folders.files(folders.done)) == 3, 20, "both drops are in done/")
        assert watch.stop() == 0
    finally:
        watch.close()
    assert [p.name for p in folders.files(folders.done)] == ["a (2).yaml", "a.yaml", "b.yaml"]
    assert folders.filed_hashes() == Counter({sha(data): 1})
    assert watch.log().count(" duplicate: [") == 2


def test_bad_input_is_rejected_with_its_report_and_temporary_names_are_left_alone(folders: Folders) -> None:
    watch = Watch(folders, *FAST, "--report-lang", "nb", "--max-bytes", "2000")
    bad = f"{SECRET_NAME}.yaml"
    try:
        watch.wait_for_log(" watching: ")
        (folders.inbox / bad).write_text("skjema: samtykke\nsamtykke_id: x\n")
        (folders.inbox / "vold.yaml").write_text(form_text(2, "mistanke_vold: true\n"))
        (folders.inbox / "stor.yaml").write_text(form_text(3, "#" * 3000 + "\n"))
        (folders.inbox / "lenke.yaml").symlink_to(folders.base / "elsewhere.yaml")
        (folders.inbox / "~$kladd.yaml").write_text("x")
        (folders.inbox / ".~lock.skjema.yaml#").write_text("x")
        (folders.inbox / "ok.yaml").write_text(form_text(4))
        wait_until(lambda: len(folders.files(folders.rejected)) == 12, 20, "four rejected files with reports")
        wait_until(lambda: folders.files(folders.done), 20, "the good file is in done/")
        assert watch.stop() == 0
    finally:
        watch.close()
    rejected = folders.rejected
    text = (rejected / f"{bad}.feil.txt").read_text()
    assert "  1. slutt: Feltet manglar." in text and "Slik retter du det" in text and bad in text
    assert "barnevernet STRAKS" in (rejected / "vold.yaml.feil.txt").read_text()
    assert "for stor" in (rejected / "stor.yaml.feil.txt").read_text()
    assert "snarvei" in (rejected / "lenke.yaml.feil.txt").read_text()
    data = json.loads((rejected / f"{bad}.feil.json").read_text())
    assert data["reason"] == "invalid_form" and data["problems"][0]["path"] == "slutt"
    assert sorted(p.name for p in folders.inbox.iterdir()) == [
        ".processing", ".~lock.skjema.yaml#", "done", "rejected", "~$kladd.yaml"]
    assert_private(watch.log())


def test_a_read_only_archive_keeps_every_input_and_says_why(folders: Folders) -> None:
    if os.geteuid() == 0 and not unprivileged_prefix():
        pytest.skip("running as root without setpriv: a read-only folder cannot be made for root")
    folders.archive.chmod(0o555)
    watch = Watch(folders, *FAST, "--retry", "0.3", "--retry-max", "0.6", prefix=unprivileged_prefix())
    try:
        watch.wait_for_log(" watching: ")
        dropped = drop_batch(folders, 5)
        wait_until(lambda: watch.log().count("ArchiveError") >= 4, 20, "several tries failed")
        assert watch.proc.poll() is None, "the watcher stopped"
        assert "Permission denied" in watch.log()
        assert sorted(p.name for p in folders.inbox_files() + folders.claimed()) == sorted(dropped)
        assert folders.files(folders.done) == [] and folders.files(folders.rejected) == []
        folders.archive.chmod(0o755)
        wait_until(lambda: len(folders.files(folders.done)) == 5, 20, "all five filed once the archive is back")
        assert watch.stop() == 0
    finally:
        folders.archive.chmod(0o755)
        watch.close()
    assert_all_filed_once(folders, dropped)
    assert_private(watch.log())


def test_once_with_a_read_only_archive_exits_with_the_archive_code(folders: Folders) -> None:
    if os.geteuid() == 0 and not unprivileged_prefix():
        pytest.skip("running as root without setpriv: a read-only folder cannot be made for root")
    folders.archive.chmod(0o555)
    try:
        dropped = drop_batch(folders, 3)
        watch = Watch(folders, *FAST, "--once", prefix=unprivileged_prefix())
        assert watch.wait() == 10, watch.log()
    finally:
        folders.archive.chmod(0o755)
    assert sorted(p.name for p in folders.inbox_files()) == sorted(dropped)
    assert "ArchiveError" in watch.log() and " retry: [" in watch.log()
    assert say("watch.log.kept.inbox", "nn") in watch.log()  # no settings: nynorsk


@pytest.mark.parametrize("crash", ["before:60", "after:60"])
def test_kill_9_mid_batch_and_a_restart_lose_nothing_and_file_nothing_twice(folders: Folders, crash: str) -> None:
    """The fake hangs at its 60th input, before or after filing it; kill -9 then; restart with --once."""
    watch = Watch(folders, *FAST, "--workers", "1", env={"FAKE_HANG": crash})  # one worker: exact counts
    try:
        watch.wait_for_log(" watching: ")
        dropped = drop_batch(folders, 200)
        wait_until(lambda: (folders.archive / "hanging").exists(), 60, "the pipeline hangs mid-batch")
        watch.proc.send_signal(signal.SIGKILL)
        watch.wait(10)
    finally:
        watch.close()
    assert len(folders.claimed()) == 1 and len(folders.files(folders.done)) == 59
    again = Watch(folders, *FAST, "--once")
    assert again.wait(90) == 0, again.log()
    assert " leftovers: 1 " in again.log()
    assert_all_filed_once(folders, dropped)
    duplicates = [h for what, h in folders.journal() if what == "duplicate"]
    assert len(duplicates) == (1 if crash.startswith("after") else 0)


def test_sigterm_stops_after_the_file_in_hand(folders: Folders) -> None:
    watch = Watch(folders, *FAST, "--workers", "1", env={"FAKE_DELAY": "1.5"})  # one file in hand
    try:
        watch.wait_for_log(" watching: ")
        drop_batch(folders, 3)
        wait_until(lambda: folders.claimed(), 20, "a file is in hand")
        watch.proc.send_signal(signal.SIGTERM)
        assert watch.wait(20) == 0
    finally:
        watch.close()
    assert folders.claimed() == [] and len(folders.files(folders.done)) == 1
    assert len(folders.inbox_files()) == 2  # not started: left for the next run
    assert " stop_requested: " in watch.log()


def test_a_second_watcher_on_the_same_inbox_is_refused(folders: Folders) -> None:
    first = Watch(folders, *FAST)
    try:
        first.wait_for_log(" watching: ")
        second = Watch(folders, *FAST)
        assert second.wait(20) == 6
        assert "annan bti-docs watch" in second.log()
        assert first.stop() == 0
    finally:
        first.close()


def test_an_archive_inside_the_inbox_is_refused(tmp_path: Path) -> None:
    folders = Folders(tmp_path)
    watch = Watch(folders, "--once", "--archive", str(folders.inbox / "arkiv"))
    assert watch.wait(20) == 6 and "løkke" in watch.log()
