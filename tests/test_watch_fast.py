"""Issue 15, the watch folder's latency: a file renamed into the inbox is filed at once, without the settle wait.

A file that arrives by a rename (the web app and well-behaved tools write a temporary name and rename it; a move
from a folder outside the inbox counts too) was complete when it arrived, once nobody has it open for writing
(a read lease can be taken). With OS events it is claimed at once
and its read guard does not wait ``--settle`` after the read: it still compares size, times, inode and the
SHA-256 right before the archive commit and before done/, so a renamed file that is then rewritten is not filed
as it was read. A file written in place keeps the settle wait; so does every file when polling (SMB, NFS).
The real watcher runs in a subprocess with the fake pipeline of ``watch_helpers``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from watch_helpers import Folders, Watch, form_text, sha, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def folders(tmp_path: Path) -> Folders:
    return Folders(tmp_path)


def events(watch: Watch) -> list[dict[str, object]]:
    return [json.loads(line) for line in watch.log().splitlines() if line.startswith("{")]


def event_codes(watch: Watch) -> list[object]:
    return [e["event"] for e in events(watch)]


def watching(watch: Watch) -> bool:
    return "watching" in event_codes(watch)


def test_a_renamed_file_is_filed_without_waiting_settle(folders: Folders) -> None:
    """--settle 30: a file renamed from a temporary name, and one moved in from outside the inbox, are filed in
    seconds; a file written in place at the same time is still waiting in the inbox."""
    watch = Watch(folders, "--settle", "30", "--rescan", "60", "--logg-format", "json")
    staging = folders.base / "staging"
    staging.mkdir()
    renamed, moved, in_place = (form_text(n).encode() for n in (1, 2, 3))
    try:
        wait_until(lambda: watching(watch), 30, "the watcher watches")
        (folders.inbox / "skrive-direkte.yaml").write_bytes(in_place)
        (folders.inbox / "skjema.yaml.part").write_bytes(renamed)
        (staging / "flytta.yaml").write_bytes(moved)
        start = time.monotonic()
        (folders.inbox / "skjema.yaml.part").rename(folders.inbox / "skjema.yaml")
        (staging / "flytta.yaml").rename(folders.inbox / "flytta.yaml")
        wait_until(lambda: len(folders.files(folders.done)) == 2, 20, "both renamed files are in done/")
        took = time.monotonic() - start
        assert took < 15, f"{took:.1f} s: the renamed files waited for --settle 30"
        assert [p.name for p in folders.inbox_files()] == ["skrive-direkte.yaml"]  # still settling
        assert watch.stop() == 0
    finally:
        watch.close()
    assert sorted(p.name for p in folders.files(folders.done)) == ["flytta.yaml", "skjema.yaml"]
    assert folders.filed_hashes() == Counter({sha(renamed): 1, sha(moved): 1})
    assert (folders.inbox / "skrive-direkte.yaml").read_bytes() == in_place  # left for later, untouched


def test_with_polling_a_renamed_file_still_waits_settle_after_the_read(folders: Folders) -> None:
    """Polling (SMB, NFS) keeps the guard's wait: a renamed file is not filed sooner than --settle after it is
    read."""
    settle = 2.0
    watch = Watch(folders, "--settle", str(settle), "--rescan", "60", "--poll", "--poll-interval", "0.2",
                  "--logg-format", "json")
    data = form_text(4).encode()
    try:
        wait_until(lambda: watching(watch), 30, "the watcher polls")
        (folders.inbox / "skjema.yaml.part").write_bytes(data)
        (folders.inbox / "skjema.yaml.part").rename(folders.inbox / "skjema.yaml")
        wait_until(lambda: "claimed" in event_codes(watch), 20, "the file is claimed")
        claimed = time.monotonic()
        wait_until(lambda: folders.files(folders.done), 20, "the file is in done/")
        assert time.monotonic() - claimed >= settle * 0.9
        assert watch.stop() == 0
    finally:
        watch.close()
    assert folders.filed_hashes() == Counter({sha(data): 1})


def test_a_renamed_file_rewritten_after_it_was_read_is_not_filed_as_read(folders: Folders) -> None:
    """The fast path still checks: a renamed file rewritten in place (same inode) while it is processed goes back
    to the inbox with nothing filed, and its new content is filed once it is stable."""
    watch = Watch(folders, "--settle", "0.5", "--rescan", "1", "--logg-format", "json")
    first = form_text(5, "render_s: 1.5\nsak: SAK-1\nnr: 1\n").encode()
    second = form_text(6, "sak: SAK-1\nnr: 2\n").encode()
    try:
        wait_until(lambda: watching(watch), 30, "the watcher watches")
        (folders.inbox / "skjema.yaml.part").write_bytes(first)
        (folders.inbox / "skjema.yaml.part").rename(folders.inbox / "skjema.yaml")
        wait_until(lambda: "claimed" in event_codes(watch), 20, "the file is claimed and read")
        [claimed] = folders.claimed()
        with open(claimed, "r+b") as fh:  # the same inode, as a writer that kept it open would
            fh.write(second)
            fh.truncate()
        wait_until(lambda: folders.files(folders.done), 30, "the new content is in done/")
        assert watch.stop() == 0
    finally:
        watch.close()
    assert [p.read_bytes() for p in folders.files(folders.done)] == [second]
    assert folders.filed_hashes() == Counter({sha(second): 1})  # the bytes first read were never filed
    assert "changed" in event_codes(watch)


def test_a_file_renamed_in_while_its_writer_still_has_it_open_waits_settle(folders: Folders) -> None:
    """A writer may rename a file it still writes to: the fast path holds only once nobody has the file open for
    writing (a read lease can be taken). Here the writer renames, pauses, writes the rest and closes: only the
    whole form is filed, never the part that was there when the file arrived."""
    watch = Watch(folders, "--settle", "3", "--rescan", "60", "--logg-format", "json")
    staging = folders.base / "staging"
    staging.mkdir()
    part = form_text(7, "sak: SAK-1\nnr: 1\n").encode()
    rest = b"merknad: andre del\n"
    try:
        wait_until(lambda: watching(watch), 30, "the watcher watches")
        with open(staging / "skjema.yaml", "wb") as fh:
            fh.write(part)
            fh.flush()
            (staging / "skjema.yaml").rename(folders.inbox / "skjema.yaml")
            wait_until(lambda: "claimed" in event_codes(watch), 20, "the file is claimed and read")
            time.sleep(1.0)  # rendered by now; the writer is not done
            fh.write(rest)
        wait_until(lambda: folders.files(folders.done), 40, "the whole form is in done/")
        assert watch.stop() == 0
    finally:
        watch.close()
    assert [p.read_bytes() for p in folders.files(folders.done)] == [part + rest]
    assert folders.filed_hashes() == Counter({sha(part + rest): 1})
