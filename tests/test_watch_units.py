"""Unit tests of the watch folder's parts: path safety, settings, readiness, reports, the inbox state machine.

The pipeline is injected (a fake with the contract of ``bti_docs.api.file_one``); the real watcher runs as a
subprocess in ``test_watch_daemon.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import time
from pathlib import Path

import pytest

from bti_docs import fsio
from bti_docs.errors import ConfigError, Problem, Severity
from bti_docs.watch import safety
from bti_docs.watch.inbox import FileKey
from bti_docs.watch.ready import Backoff, Tracker
from bti_docs.watch.report import Rejection, render_json, render_text, report_paths, write_reports
from bti_docs.watch.settings import add_watch_arguments, build_config, config_from_args

# --- safety ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    ".hidden.yaml", ".~lock.skjema.yaml#", "skjema.yaml.tmp", "skjema.yaml.part", "~$skjema.docx", "skjema.yaml~",
    "Thumbs.db", "desktop.ini", "x.crdownload", ".processing", "",
])
def test_temporary_and_hidden_names_are_ignored(name: str) -> None:
    assert safety.is_ignored_name(name)


@pytest.mark.parametrize("name", ["skjema.yaml", "Kari Nordmann.YML", "notat.txt", "tmp.yaml", "part-2.yaml"])
def test_ordinary_names_are_candidates(name: str) -> None:
    assert not safety.is_ignored_name(name)


def test_refusals_see_symlinks_specials_size_and_type(tmp_path: Path) -> None:
    ok = tmp_path / "ok.yaml"
    ok.write_text("skjema: samtykke\n")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    txt = tmp_path / "notat.txt"
    txt.write_text("hei")
    link = tmp_path / "link.yaml"
    link.symlink_to(ok)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)

    def code(p: Path) -> str | None:
        return safety.refusal(p.name, os.lstat(p), max_bytes=100)

    assert code(ok) is None
    assert code(big) == safety.TOO_LARGE
    assert code(txt) == safety.NOT_A_FORM
    assert code(link) == safety.SYMLINK
    assert code(fifo) == safety.NOT_REGULAR
    assert not safety.is_candidate_entry(os.lstat(fifo))
    assert not safety.is_candidate_entry(os.lstat(tmp_path))


def test_read_regular_does_not_follow_symlinks_or_read_past_the_limit(tmp_path: Path) -> None:
    target = tmp_path / "t.yaml"
    target.write_bytes(b"a" * 1000)
    link = tmp_path / "l.yaml"
    link.symlink_to(target)
    with pytest.raises(OSError):
        safety.read_regular(link, 10_000)
    data, st = safety.read_regular(target, 10)
    assert len(data) == 11 and st.st_size == 1000


def test_layouts_that_loop_or_mix_are_refused(tmp_path: Path) -> None:
    inbox, archive = tmp_path / "inn", tmp_path / "arkiv"
    inbox.mkdir()
    archive.mkdir()
    safety.check_layout(inbox, archive, inbox / "done", inbox / "rejected")
    with pytest.raises(ConfigError, match="løkke"):
        safety.check_layout(inbox, inbox / "arkiv", inbox / "done", inbox / "rejected")
    (archive / "inn").mkdir()
    with pytest.raises(ConfigError, match="overlappar"):
        safety.check_layout(archive / "inn", archive, tmp_path / "done", tmp_path / "rejected")
    with pytest.raises(ConfigError, match="done"):
        safety.check_layout(inbox, archive, archive / "done", inbox / "rejected")
    with pytest.raises(ConfigError, match="same mappa"):
        safety.check_layout(inbox, archive, tmp_path / "x", tmp_path / "x")
    with pytest.raises(ConfigError, match="utanfor innboksen"):
        safety.check_layout(inbox, archive, inbox / "done", inbox / "rejected", protected=[inbox / "rules.yaml"])
    # A symlinked archive that points into the inbox is the same loop.
    (tmp_path / "sneaky").symlink_to(inbox / "done", target_is_directory=True)
    (inbox / "done").mkdir()
    with pytest.raises(ConfigError):
        safety.check_layout(inbox, tmp_path / "sneaky", tmp_path / "d", tmp_path / "r")


def test_watch_folders_must_be_real_folders(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "done").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(ConfigError, match="symbolsk lenke"):
        safety.ensure_dir(tmp_path / "done", 0o750)
    made = safety.ensure_dir(tmp_path / "new" / "rejected", 0o750)
    assert made.is_dir() and stat.S_IMODE(made.stat().st_mode) & 0o007 == 0


# --- settings ------------------------------------------------------------------------------------------------


def test_settings_layer_file_then_environment_then_arguments(tmp_path: Path) -> None:
    unit = tmp_path / "unit"
    unit.mkdir()
    cfg = unit / "solsida.yaml"
    cfg.write_text("inbox: inn\narchive: /srv/arkiv\nsettle_seconds: 5\nrescan_seconds: 30\ntrust: [rot.pem]\n")
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", type=Path)
    add_watch_arguments(parser)
    args = parser.parse_args(["--config", str(cfg), "--settle", "0.5", "--rules", "/etc/r.yaml"])
    env = {"BTI_DOCS_RESCAN_SECONDS": "12", "BTI_DOCS_CERT": "/etc/c.p12", "BTI_DOCS_ARCHIVE": "/srv/a2"}
    config = config_from_args(args, env)
    assert config.inbox == unit / "inn"  # relative to the file's folder
    assert config.trust == (unit / "rot.pem",)
    assert config.archive == Path("/srv/a2")  # environment over file
    assert config.rescan_seconds == 12
    assert config.settle_seconds == 0.5  # arguments over both
    assert config.rules == Path("/etc/r.yaml") and config.cert == Path("/etc/c.p12")
    assert config.done_dir == unit / "inn" / "done" and config.processing_dir == unit / "inn" / ".processing"


def test_settings_from_environment_alone(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    add_watch_arguments(parser)
    env = {"BTI_DOCS_INBOX": str(tmp_path), "BTI_DOCS_ARCHIVE": "/srv/a", "BTI_DOCS_POLL": "true",
           "BTI_DOCS_TRUST": "/a.pem:/b.pem", "BTI_DOCS_ON_SUCCESS": "delete"}
    config = config_from_args(parser.parse_args([]), env)
    assert config.poll and config.trust == (Path("/a.pem"), Path("/b.pem")) and config.on_success == "delete"


@pytest.mark.parametrize(("layer", "needle"), [
    ({"inbox": "/i", "archive": "/a", "setle_seconds": 1}, "setle_seconds"),
    ({"inbox": "/i", "archive": "/a", "settle_seconds": -1}, "settle_seconds"),
    ({"inbox": "/i", "archive": "/a", "retry_seconds": 100, "retry_max_seconds": 10}, "retry_max_seconds"),
    ({"archive": "/a"}, "BTI_DOCS_INBOX"),
])
def test_bad_settings_name_the_key(layer: dict[str, object], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        build_config(layer)


def test_a_settings_file_with_unknown_keys_is_refused(tmp_path: Path) -> None:
    cfg = tmp_path / "w.yaml"
    cfg.write_text("inbox: inn\narchive: ark\nsertifikat: x\n")
    parser = argparse.ArgumentParser()
    add_watch_arguments(parser)
    with pytest.raises(ConfigError, match="sertifikat"):
        config_from_args(parser.parse_args(["--config", str(cfg)]), {})


# --- readiness and backoff --------------------------------------------------------------------------------


class FakeStat:
    """``lstat`` results the tests control: size and mtime per name."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, int]] = {}

    def __call__(self, name: str) -> os.stat_result | None:
        if name not in self.files:
            return None
        size, mtime = self.files[name]
        return os.stat_result((0o100644, 7, 1, 1, 0, 0, size, mtime, mtime, mtime))


def test_a_scanned_file_is_due_only_after_it_stayed_unchanged() -> None:
    stat_of, tracker = FakeStat(), Tracker(settle=2.0, stale_open=60)
    stat_of.files["a.yaml"] = (10, 1)
    tracker.seen("a.yaml", now=0)
    assert tracker.due(0, stat_of) == []
    assert tracker.due(1.9, stat_of) == []
    stat_of.files["a.yaml"] = (20, 2)  # grew: the clock starts again
    assert tracker.due(2.5, stat_of) == []
    assert tracker.due(4.4, stat_of) == []
    assert [name for name, _ in tracker.due(4.6, stat_of)] == ["a.yaml"]
    del stat_of.files["a.yaml"]
    assert tracker.due(10, stat_of) == [] and "a.yaml" not in tracker


def test_a_modify_event_restarts_the_clock_and_a_rename_is_due_at_once() -> None:
    stat_of, tracker = FakeStat(), Tracker(settle=2.0, stale_open=60)
    stat_of.files = {"a.yaml": (10, 1), "b.yaml": (10, 1)}
    tracker.seen("a.yaml", 0)
    tracker.event("modified", "a.yaml", 1.5)  # same size and mtime (coarse clock), but an event says written
    assert tracker.due(2.5, stat_of) == []
    tracker.event("moved_to", "b.yaml", 3.0)
    assert [n for n, _ in tracker.due(3.0, stat_of)] == ["b.yaml"]
    assert [n for n, _ in tracker.due(3.6, stat_of)] == ["a.yaml", "b.yaml"]
    tracker.event("moved_from", "b.yaml", 4)
    assert "b.yaml" not in tracker


def test_an_open_file_waits_for_its_close_event_however_long_the_writer_pauses() -> None:
    stat_of, tracker = FakeStat(), Tracker(settle=1.0, stale_open=100)
    stat_of.files["a.yaml"] = (10, 1)
    tracker.event("created", "a.yaml", 0)
    tracker.event("opened", "a.yaml", 0)
    assert tracker.due(50, stat_of) == []  # unchanged for 50 s, but still open
    tracker.event("closed", "a.yaml", 60)
    assert tracker.due(60.5, stat_of) == []
    assert [n for n, _ in tracker.due(61.1, stat_of)] == ["a.yaml"]
    # a close event lost in an overflow does not block a file for ever
    stat_of.files["b.yaml"] = (10, 1)
    tracker.event("opened", "b.yaml", 0)
    assert [n for n, _ in tracker.due(101, stat_of)] == ["a.yaml", "b.yaml"]


def test_backoff_doubles_per_file_version_and_pauses_everything_for_systemic_errors() -> None:
    backoff = Backoff(first=10, maximum=35)
    key = FileKey(1, 2, 3, 4)
    assert backoff.hold(key, 0) == 10 and backoff.blocked(key, 9) and not backoff.blocked(key, 10)
    assert backoff.hold(key, 10) == 20 and backoff.hold(key, 30) == 35
    assert not backoff.blocked(FileKey(1, 2, 3, 5), 31)  # rewritten by staff: a new version, no wait
    assert backoff.hold(FileKey(1, 2, 3, 5), 31) == 10
    assert backoff.pause(0) == 10 and backoff.paused(9.9) and not backoff.paused(10)
    assert backoff.pause(10) == 20
    backoff.recovered()
    assert backoff.pause(40) == 10


# --- reports -------------------------------------------------------------------------------------------------


def _rejection(**kw: object) -> Rejection:
    problems = [
        Problem("skjema.yaml", "gyldig_til", "valid_to_before_valid_from", "«gyldig_til» er før «gyldig_fra».",
                line=20),
        Problem("skjema.yaml", "", "yaml_alias", "Ankrar er ikkje tillatne.", line=15),
        Problem("skjema.yaml", "mal[0]", "goal_without_deadline", "Målet har ingen frist.", Severity.warning),
    ]
    defaults: dict[str, object] = dict(claim_id="c0ffee00", name="skjema.yaml", reason="invalid_form",
                                       summary="Skjemaet er ugyldig.", problems=problems, sha256="ab" * 32)
    defaults.update(kw)
    return Rejection(**defaults)  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "fix"), [("nb", "Slik retter du det"), ("nn", "Slik rettar du det")])
def test_the_report_says_what_where_and_how_to_fix(lang: str, fix: str) -> None:
    text = render_text(_rejection(), lang)  # type: ignore[arg-type]
    assert "«skjema.yaml»" in text and "c0ffee00" in text and fix in text
    # the one layout of a problem (``Problem.describe``, as ``validate`` and ``file`` list it): line, field, text
    assert "  1. linje 20, gyldig_til: «gyldig_til» er før «gyldig_fra»." in text
    assert "  2. Ankrar er ikkje tillatne." in text  # a whole-file problem whose message says its line itself
    assert ("  - advarsel, mal[0]: " if lang == "nb" else "  - åtvaring, mal[0]: ") + "Målet har ingen frist." \
        in text.split("Slik")[0]
    assert "Feltet «" not in text and "Heile fila" not in text and "Hele filen" not in text
    assert "barnevern" not in text


def test_a_refused_case_report_puts_the_report_to_barnevernet_first() -> None:
    rej = _rejection(reason="refused_case", problems=[
        Problem("s.yaml", "", "case_violence_abuse", "Mistanke om vald eller overgrep.")])
    for lang in ("nb", "nn"):
        text = render_text(rej, lang)  # type: ignore[arg-type]
        head = text.split("Mistanke om vald eller overgrep.")[0]
        assert "barnevernet STRAKS" in head, text
        assert "i innboksen på nytt" in text
    data = json.loads(render_json(rej))
    assert data["report_to_child_welfare_now"] is True and data["reason"] == "refused_case"


def test_reports_are_written_beside_the_target_with_restricted_permissions(tmp_path: Path) -> None:
    target = tmp_path / "skjema.yaml"
    text_path, json_path = write_reports(target, _rejection(), "nb")
    assert (text_path, json_path) == report_paths(target)
    assert stat.S_IMODE(text_path.stat().st_mode) & 0o007 == 0
    data = json.loads(json_path.read_text())
    assert data["id"] == "c0ffee00" and data["file"] == "skjema.yaml" and data["exit_code"] is None
    # a field's problem names its field; one of the whole file says so, and its line
    assert [(p["path"], p["whole_file"]) for p in data["problems"]] == [
        ("gyldig_til", False), ("", True), ("mal[0]", False)]
    assert data["problems"][1]["line"] == 15
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skjema.yaml.feil.json", "skjema.yaml.feil.txt"]


# --- moves that never overwrite, modes, start-up checks ------------------------------------------------------


def _cross_device(monkeypatch: pytest.MonkeyPatch, src_folder: Path) -> None:
    """``os.link`` out of ``src_folder`` fails as between two file systems."""
    import errno

    real_link = os.link

    def link(src: object, dst: object, **kw: object) -> None:
        if Path(str(src)).parent == src_folder:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_link(src, dst, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", link)


@pytest.mark.parametrize("cross_device", [False, True])
def test_a_move_never_replaces_a_file_at_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    cross_device: bool) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    src, dst = tmp_path / "a" / "x.yaml", tmp_path / "b" / "x.yaml"
    src.write_text("ours\n")
    dst.write_text("someone else's\n")  # appeared after the caller chose the name
    if cross_device:
        _cross_device(monkeypatch, src.parent)
    with pytest.raises(FileExistsError):
        safety.move_no_overwrite(src, dst, 0o640)
    assert src.read_text() == "ours\n" and dst.read_text() == "someone else's\n"
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["x.yaml"]  # no temporary copy left


@pytest.mark.parametrize("how", ["link", "cross_device", "not_ours"])
def test_a_move_sets_the_mode_and_keeps_content_and_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         how: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    src, dst = tmp_path / "a" / "x.yaml", tmp_path / "b" / "x.yaml"
    src.write_text("skjema\n")
    src.chmod(0o666)
    before = os.lstat(src)
    if how == "cross_device":
        _cross_device(monkeypatch, src.parent)
    elif how == "not_ours":  # someone else's file: a link would keep their inode and mode, so it is copied
        monkeypatch.setattr(os, "geteuid", lambda: before.st_uid + 1)
    safety.move_no_overwrite(src, dst, 0o640)
    after = os.lstat(dst)
    assert not src.exists() and dst.read_text() == "skjema\n"
    assert stat.S_IMODE(after.st_mode) == 0o640 and after.st_mtime_ns == before.st_mtime_ns
    assert (after.st_ino == before.st_ino) is (how == "link")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["x.yaml"]


def test_existing_watch_folders_open_to_everyone_are_tightened_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = tmp_path / "done"
    ours.mkdir()
    ours.chmod(0o777)
    safety.ensure_dir(ours, 0o750)
    assert stat.S_IMODE(ours.stat().st_mode) == 0o750
    strict = tmp_path / "strict"
    strict.mkdir(mode=0o700)
    safety.ensure_dir(strict, 0o750)  # stricter than asked: left alone
    assert stat.S_IMODE(strict.stat().st_mode) == 0o700
    theirs = tmp_path / "rejected"
    theirs.mkdir()
    theirs.chmod(0o755)
    uid = theirs.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: uid + 1)
    with pytest.raises(ConfigError, match=r"rejected.*kan lesast av alle.*0755.*chmod 750"):
        safety.ensure_dir(theirs, 0o750)
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o755


def test_an_unknown_pdfa_level_is_refused_at_start() -> None:
    from bti_docs.pdfa import PdfaLevel
    from bti_docs.watch.daemon import main
    from bti_docs.watch.settings import PDFA_LEVELS

    assert sorted(PDFA_LEVELS) == sorted(level.value for level in PdfaLevel)
    base = {"inbox": "/i", "archive": "/a"}
    for level in PdfaLevel:
        assert build_config({**base, "pdfa": level.value}).pdfa == level.value
    with pytest.raises(ConfigError, match="pdfa"):
        build_config({**base, "pdfa": "3x"})
    assert main(["/i", "--archive", "/a", "--pdfa", "3x", "--once"]) == 2


def test_reports_are_0640_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        paths = write_reports(tmp_path / "skjema.yaml", _rejection(), "nb")
    finally:
        os.umask(old)
    assert [stat.S_IMODE(p.stat().st_mode) for p in paths] == [0o640, 0o640]


def test_reports_never_replace_someone_elses(tmp_path: Path) -> None:
    target = tmp_path / "skjema.yaml"
    write_reports(target, Rejection("ffffffff", "skjema.yaml", "invalid_form", "Ugyldig."), "nb")
    before = [p.read_text() for p in report_paths(target)]
    with pytest.raises(FileExistsError):
        write_reports(target, _rejection(), "nb")
    assert [p.read_text() for p in report_paths(target)] == before
    write_reports(target, Rejection("ffffffff", "skjema.yaml", "input_file", "Anna."), "nb")  # our own: replaced
    assert json.loads(report_paths(target)[1].read_text())["reason"] == "input_file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skjema.yaml.feil.json", "skjema.yaml.feil.txt"]


@pytest.mark.parametrize("renameat2", [True, False])
def test_without_hard_links_a_file_goes_back_to_the_inbox_renamed_never_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renameat2: bool
) -> None:
    """Someone else's file (protected_hardlinks: EPERM) keeps its inode: its writer may still have it open."""
    import errno

    def no_link(src: object, dst: object, **kw: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    if not renameat2:
        monkeypatch.setattr(fsio, "_renameat2", lambda: None)
    (tmp_path / ".processing").mkdir()
    src = tmp_path / ".processing" / "0badc0de_x.yaml"
    src.write_text("ours\n")
    ino = os.lstat(src).st_ino
    (tmp_path / "x.yaml").write_text("a new drop\n")
    with pytest.raises(FileExistsError):
        safety.move_no_overwrite(src, tmp_path / "x.yaml", same_inode=True)
    assert (tmp_path / "x.yaml").read_text() == "a new drop\n" and src.exists()
    safety.move_no_overwrite(src, tmp_path / "x (2).yaml", same_inode=True)
    assert not src.exists() and os.lstat(tmp_path / "x (2).yaml").st_ino == ino


def test_the_read_guard_sees_any_change_even_one_that_restores_size_content_and_time(tmp_path: Path) -> None:
    from bti_docs.watch.guard import InputChanged, ReadGuard

    path = tmp_path / "a.yaml"
    path.write_bytes(b"skjema: samtykke\n")
    st = os.lstat(path)
    guard = ReadGuard.of(path, st, path.read_bytes(), window=0.0)
    guard.check()  # unchanged: passes
    with open(path, "r+b") as fh:  # the same bytes written again, and the old modification time put back
        fh.write(b"skjema: samtykke\n")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(InputChanged):
        guard.check()  # the change time gives it away
    grown = ReadGuard.of(path, os.lstat(path), path.read_bytes(), window=0.3)
    with open(path, "ab") as fh:
        fh.write(b"slutt: ja\n")
    started = time.monotonic()
    with pytest.raises(InputChanged):
        grown.check()
    assert time.monotonic() - started >= 0.25  # it waited out its window first
