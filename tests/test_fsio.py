"""The one set of careful writes (bti_docs.fsio) that the archive, the watcher, the web app and devcert use."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bti_docs import fsio


def test_write_new_never_replaces_and_gives_exactly_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    old = os.umask(0o077)
    try:
        fsio.write_new(path, b"first", 0o640)
    finally:
        os.umask(old)
    assert path.read_bytes() == b"first" and stat.S_IMODE(path.stat().st_mode) == 0o640
    with pytest.raises(FileExistsError):
        fsio.write_new(path, b"second", 0o640)
    assert path.read_bytes() == b"first"


def test_a_failed_write_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        fsio.write_new(tmp_path / "half.txt", b"x" * 1000, 0o600)
    assert list(tmp_path.iterdir()) == []


def test_replace_file_replaces_whole_and_leaves_no_temporary_name(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("old")
    fsio.replace_file(path, b"new", 0o600)
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["b.json"]


def test_rename_no_replace_and_link_new_refuse_a_taken_name(tmp_path: Path) -> None:
    src, taken = tmp_path / "src", tmp_path / "taken"
    src.write_text("mine")
    taken.write_text("theirs")
    assert fsio.link_new(src, taken) is False
    try:
        moved = fsio.rename_no_replace(src, taken)
    except FileExistsError:
        moved = None
    assert moved is not True and taken.read_text() == "theirs" and src.read_text() == "mine"
    if moved is None:  # renameat2 is there: the free name is taken over, the source name goes
        assert fsio.rename_no_replace(src, tmp_path / "free") and not src.exists()


def test_fsync_dir_best_effort_says_nothing_where_it_cannot(tmp_path: Path) -> None:
    fsio.fsync_dir(tmp_path)
    fsio.fsync_dir(tmp_path / "gone", best_effort=True)
    with pytest.raises(FileNotFoundError):
        fsio.fsync_dir(tmp_path / "gone")
