"""The inbox state machine with an injected fake pipeline: claim, file, reject, retry, recover.

Also ``run_watch --once`` in-process and the loop's own robustness; the real watcher runs as a subprocess in
``test_watch_daemon.py``.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bti_docs.errors import ArchiveError, ConfigError, Problem
from bti_docs.watch.daemon import run_watch
from bti_docs.watch.inbox import Claim, FileKey, Inbox, Result, Status
from bti_docs.watch.logline import Line
from bti_docs.watch.report import Rejection, write_reports
from bti_docs.watch.settings import WatchConfig, build_config
from watch_helpers import SECRET_NAME, FakeOutcome, FakePipeline, form_text, sha


def _config(tmp_path: Path, **kw: object) -> WatchConfig:
    (tmp_path / "inn").mkdir(exist_ok=True)
    (tmp_path / "arkiv").mkdir(exist_ok=True)
    return build_config({"inbox": tmp_path / "inn", "archive": tmp_path / "arkiv", "settle_seconds": 0.05, **kw})


def _inbox(tmp_path: Path, **kw: object) -> Inbox:
    inbox = Inbox(_config(tmp_path, **kw), lang="nn")
    inbox.prepare()
    return inbox


def _drop(inbox: Inbox, name: str, text: str) -> FileKey:
    path = inbox.dir / name
    path.write_text(text)
    return FileKey.of(os.lstat(path))


def _take(inbox: Inbox, name: str, key: FileKey | None, processor: object) -> Result:
    claim = inbox.claim(name, key)
    assert isinstance(claim, Claim), claim
    assert claim.path.parent == inbox.processing and claim.path.name == f"{claim.id}_{name}"
    return inbox.handle(claim, processor)  # type: ignore[arg-type]


def lines_of(caplog: pytest.LogCaptureFixture) -> list[Line]:
    return [r.msg for r in caplog.records if isinstance(r.msg, Line)]


def events_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [line.event for line in lines_of(caplog)]


def _names(folder: Path) -> list[str]:
    """The entries of ``folder`` without hidden ones and receipts (``test_watch_issue9.py`` checks those)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".") and ".kvittering." not in p.name)


def test_filed_then_duplicate_both_end_in_done_without_overwriting(tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "bti_docs.watch")
    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    name = f"{SECRET_NAME}.yaml"
    assert _take(inbox, name, _drop(inbox, name, form_text(1)), fake).status is Status.filed
    assert _take(inbox, name, _drop(inbox, name, form_text(1)), fake).status is Status.duplicate
    assert _names(inbox.done) == [f"{SECRET_NAME} (2).yaml", name]
    assert _names(inbox.dir) == ["done", "rejected"] and _names(inbox.processing) == []
    assert len(list((inbox.config.archive / "filed").iterdir())) == 1
    assert "duplicate" in events_of(caplog)
    assert "Kari" not in caplog.text and "01018012345" not in caplog.text


def test_bad_input_is_rejected_with_both_reports(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    result = _take(inbox, "a.yaml", _drop(inbox, "a.yaml", "skjema: samtykke\n"), fake)
    assert result.status is Status.rejected and result.exit_code == 4
    assert _names(inbox.rejected) == ["a.yaml", "a.yaml.feil.json", "a.yaml.feil.txt"]
    text = (inbox.rejected / "a.yaml.feil.txt").read_text()
    assert "  1. slutt: Feltet manglar." in text and "Slik rettar du det" in text  # nynorsk as configured
    # the same name rejected again gets a suffix, reports and all
    _take(inbox, "a.yaml", _drop(inbox, "a.yaml", "skjema: samtykke\nx: 1\n"), fake)
    assert "a (2).yaml.feil.txt" in _names(inbox.rejected)


def test_refused_case_is_rejected_with_the_barnevern_warning(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    result = _take(inbox, "v.yaml", _drop(inbox, "v.yaml", form_text(1, "mistanke_vold: true\n")), fake)
    assert result.status is Status.rejected and result.reason == "refused_case" and result.exit_code == 5
    assert "barnevernet STRAKS" in (inbox.rejected / "v.yaml.feil.txt").read_text()


@pytest.mark.parametrize(("make_error", "systemic"), [
    (lambda path: ArchiveError(f"Arkivet er skrivebeskytta: {path}"), True),
    (lambda path: PermissionError(13, "Permission denied", str(path)), True),
    (lambda path: KeyError(path.name), False),
])
def test_errors_on_our_side_put_the_input_back_and_say_why_without_its_name(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, make_error: Callable[[Path], Exception], systemic: bool
) -> None:
    caplog.set_level(logging.INFO, "bti_docs.watch")
    inbox = _inbox(tmp_path)
    name = f"{SECRET_NAME}.yaml"
    raised: list[Exception] = []

    def failing(path: Path, display: str, **_: object) -> FakeOutcome:
        raised.append(make_error(path))
        raise raised[-1]

    result = _take(inbox, name, _drop(inbox, name, form_text(1)), failing)
    assert result.status is Status.retry and result.systemic is systemic
    assert _names(inbox.dir) == sorted(["done", "rejected", name]) and _names(inbox.processing) == []
    assert result.key == FileKey.of(os.lstat(inbox.dir / name))
    assert type(raised[0]).__name__ in caplog.text
    assert "Kari" not in caplog.text and "01018012345" not in caplog.text
    # for ``watch --json``: the machine reason, and the log line's text in either målform, without the name
    assert result.said is not None and type(raised[0]).__name__ in result.reason
    nn, nb = result.said.say("nn"), result.said.say("nb")
    assert nn.startswith("Ikkje arkivert, ligg att i innboksen") and nb.startswith("Ikke arkivert, ligger igjen")
    assert "Kari" not in nn + nb and "01018012345" not in nn + nb


def test_a_released_file_never_overwrites_a_new_drop_of_the_same_name(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    key = _drop(inbox, "a.yaml", form_text(1))
    claim = inbox.claim("a.yaml", key)
    assert isinstance(claim, Claim)
    _drop(inbox, "a.yaml", form_text(2))  # staff drop a new version meanwhile

    def failing(path: Path, display: str, **_: object) -> FakeOutcome:
        raise ArchiveError("nede")

    inbox.handle(claim, failing)
    assert _names(inbox.dir) == ["a (2).yaml", "a.yaml", "done", "rejected"]
    assert (inbox.dir / "a.yaml").read_text() == form_text(2)


def test_a_file_that_changed_while_being_claimed_goes_back(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    key = _drop(inbox, "a.yaml", "skjema: samt")
    (inbox.dir / "a.yaml").write_text(form_text(1))  # the writer was not done
    result = inbox.claim("a.yaml", key)
    assert isinstance(result, Result) and result.status is Status.busy
    assert _names(inbox.dir) == ["a.yaml", "done", "rejected"] and _names(inbox.processing) == []
    gone = inbox.claim("gone.yaml", None)
    assert isinstance(gone, Result) and gone.status is Status.gone


def test_leftovers_of_a_crash_are_recognised_and_finished_without_filing_twice(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    # crash 1: claimed, filed, not yet moved to done; crash 2: claimed, not yet processed
    (inbox.processing / f"0badc0de_{SECRET_NAME}.yaml").write_text(form_text(1))
    (inbox.processing / "1234abcd_b.yaml").write_text(form_text(2))
    (inbox.processing / "stray.yaml").write_text(form_text(3))  # not our naming: still never lost
    fake(inbox.processing / f"0badc0de_{SECRET_NAME}.yaml", "x")
    leftovers = inbox.leftovers()
    assert sorted((c.id, c.name) for c in leftovers if c.name != "stray.yaml") == [
        ("0badc0de", f"{SECRET_NAME}.yaml"), ("1234abcd", "b.yaml")]
    statuses = sorted(inbox.handle(c, fake).status for c in leftovers)
    assert statuses == [Status.duplicate, Status.filed, Status.filed]
    assert _names(inbox.done) == [f"{SECRET_NAME}.yaml", "b.yaml", "stray.yaml"]
    assert [w for w, _ in fake_journal(inbox)].count("filed") == 3


def fake_journal(inbox: Inbox) -> list[tuple[str, str]]:
    lines = (inbox.config.archive / "journal.txt").read_text().splitlines()
    return [(a, b) for a, b in (line.split() for line in lines)]


def test_reports_left_by_a_crashed_rejection_are_taken_over_not_duplicated(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    write_reports(inbox.rejected / "a.yaml", Rejection("0badc0de", "a.yaml", "invalid_form", "Ugyldig."), "nb")
    # someone else's reports for a b.yaml:
    write_reports(inbox.rejected / "b.yaml", Rejection("ffffffff", "b.yaml", "invalid_form", "Ugyldig."), "nb")
    (inbox.processing / "0badc0de_a.yaml").write_text("skjema: samtykke\n")
    (inbox.processing / "0badc0de_b.yaml").write_text("skjema: samtykke\n")
    for claim in inbox.leftovers():
        assert inbox.handle(claim, fake).status is Status.rejected
    assert _names(inbox.rejected) == [
        "a.yaml", "a.yaml.feil.json", "a.yaml.feil.txt",
        "b (2).yaml", "b (2).yaml.feil.json", "b (2).yaml.feil.txt", "b.yaml.feil.json", "b.yaml.feil.txt"]


def test_symlinks_large_files_and_other_types_are_rejected_unread(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path, max_bytes=100)
    secret = tmp_path / "secret.yaml"
    secret.write_text(form_text(9))
    (inbox.dir / "link.yaml").symlink_to(secret)
    _drop(inbox, "big.yaml", form_text(1) + "#" * 200)
    _drop(inbox, "scan.pdf", "%PDF-1.7")
    calls: list[Path] = []

    def spy(path: Path, display: str, **_: object) -> FakeOutcome:
        calls.append(path)
        raise AssertionError("the pipeline must not see these")

    for name in inbox.scan():
        assert _take(inbox, name, None, spy).status is Status.rejected
    assert calls == [] and secret.exists()
    assert (inbox.rejected / "link.yaml").is_symlink()
    reasons = {p.name: json.loads(p.read_text())["reason"] for p in inbox.rejected.glob("*.json")}
    assert reasons == {"big.yaml.feil.json": "file_too_large", "link.yaml.feil.json": "symlink",
                       "scan.pdf.feil.json": "not_a_form_file"}
    size = len(form_text(1)) + 200
    assert f"for stor ({size} byte; grensa er 100)" in (inbox.rejected / "big.yaml.feil.txt").read_text()


def test_on_success_delete_removes_the_input_after_filing(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path, on_success="delete")
    fake = FakePipeline(inbox.config.archive)
    assert _take(inbox, "a.yaml", _drop(inbox, "a.yaml", form_text(1)), fake).status is Status.filed
    assert _names(inbox.dir) == ["done", "rejected"] and _names(inbox.processing) == []
    assert _names(inbox.done) == []
    assert len(list((inbox.config.archive / "filed").iterdir())) == 1


def test_one_watcher_per_inbox(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    with inbox.locked(), pytest.raises(ConfigError, match="annan bti-docs watch"), Inbox(inbox.config).locked():
        pass


def test_scan_lists_candidates_only(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    for name in ("b.yaml", "a.yaml", "x.yaml.tmp", ".skjult.yaml", "notat.txt"):
        _drop(inbox, name, "x")
    (inbox.dir / "mappe").mkdir()
    os.mkfifo(inbox.dir / "fifo.yaml")
    assert inbox.scan() == ["a.yaml", "b.yaml", "notat.txt"]


# --- run_watch in-process, --once ---------------------------------------------------------------------------


def test_once_files_what_is_there_and_exits(tmp_path: Path) -> None:
    config = _config(tmp_path, settle_seconds=0.1)
    fake = FakePipeline(config.archive)
    for n in range(5):
        (config.inbox / f"f{n}.yaml").write_text(form_text(n))
    (config.inbox / "bad.yaml").write_text("skjema: samtykke\n")
    assert run_watch(config, fake, once=True, poll=False, stop_event=threading.Event()) == 0
    assert len(_names(config.done_dir)) == 5 and "bad.yaml" in _names(config.rejected_dir)
    assert sorted(b for _, b in fake_journal(Inbox(config))) == sorted(sha(form_text(n).encode()) for n in range(5))


def test_once_with_an_archive_down_keeps_every_input_and_returns_its_exit_code(tmp_path: Path) -> None:
    config = _config(tmp_path, settle_seconds=0.1)
    calls: list[str] = []

    def down(path: Path, display: str, **_: object) -> FakeOutcome:
        calls.append(display)
        raise ArchiveError("Arkivet kan ikkje skrivast.")

    for n in range(3):
        (config.inbox / f"f{n}.yaml").write_text(form_text(n))
    assert run_watch(config, down, once=True, poll=False, isolate=False) == 10
    assert len(calls) == 1  # not about one file: the rest were not tried
    assert _names(config.inbox) == ["done", "f0.yaml", "f1.yaml", "f2.yaml", "rejected"]


def test_a_bug_of_ours_leaves_the_file_where_it_is_and_the_loop_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bti_docs.watch.daemon import Watcher

    config = _config(tmp_path, settle_seconds=0, retry_seconds=60)
    inbox = Inbox(config)
    inbox.prepare()
    fake = FakePipeline(config.archive)
    clock = [0.0]
    watcher = Watcher(config, fake, inbox, threading.Event(), clock=lambda: clock[0])
    real_handle = inbox.handle

    def broken(claim: Claim, processor: object) -> Result:
        if claim.name == "a.yaml":
            raise TypeError("a bug")
        return real_handle(claim, fake)

    monkeypatch.setattr(inbox, "handle", broken)
    _drop(inbox, "a.yaml", form_text(1))
    _drop(inbox, "b.yaml", form_text(2))
    watcher.rescan()
    watcher.take_due()
    assert _names(inbox.processing) != [] and _names(inbox.done) == ["b.yaml"]  # a.yaml stuck, b.yaml filed
    watcher.recover()  # held back: not retried at once
    assert len(_names(inbox.processing)) == 1
    monkeypatch.setattr(inbox, "handle", real_handle)
    clock[0] = 61
    watcher.recover()
    assert _names(inbox.processing) == [] and _names(inbox.done) == ["a.yaml", "b.yaml"]


@pytest.mark.parametrize(("problems", "status"), [
    ([Problem("a.yaml", "merknad", "glyph_missing", "Teikn som skrifta ikkje kan vise: U+1F600.")], Status.rejected),
    ([], Status.retry),
])
def test_text_the_fonts_cannot_show_is_the_inputs_fault_a_broken_renderer_is_ours(
    tmp_path: Path, problems: list[Problem], status: Status
) -> None:
    from bti_docs.errors import RenderError

    inbox = _inbox(tmp_path)

    def render_fails(path: Path, display: str, **_: object) -> FakeOutcome:
        raise RenderError("Kan ikkje lage dokumentet.", problems)

    assert _take(inbox, "a.yaml", _drop(inbox, "a.yaml", form_text(1)), render_fails).status is status
    if status is Status.rejected:
        assert "  1. merknad: Teikn som skrifta" in (inbox.rejected / "a.yaml.feil.txt").read_text()
    else:
        assert _names(inbox.dir) == ["a.yaml", "done", "rejected"]


def test_watchdogs_own_log_lines_lose_file_names(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from bti_docs.watch.daemon import _ensure_logging

    _ensure_logging("INFO")
    caplog.set_level(logging.INFO)
    error = PermissionError(13, "Permission denied", f"/inn/{SECRET_NAME}.yaml")
    logging.getLogger("watchdog.observers.polling").warning("Cannot take a snapshot of %r, will retry: %s",
                                                            "/inn", error)
    assert "Permission denied (errno 13)" in caplog.text and "Kari" not in caplog.text


def test_done_on_another_file_system_is_reached_by_copy_fsync_rename_unlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if Path(str(src)).parent == inbox.processing and Path(str(dst)).parent == inbox.done:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    assert _take(inbox, "a.yaml", _drop(inbox, "a.yaml", form_text(1)), fake).status is Status.filed
    assert (inbox.done / "a.yaml").read_text() == form_text(1)
    assert _names(inbox.processing) == [] and _names(inbox.done) == ["a.yaml"]


# --- nothing to file, no-replace moves, interrupted moves, modes, start-up checks --------------------------


@pytest.mark.parametrize("on_success", ["move", "delete"])
def test_an_input_with_nothing_to_file_is_never_deleted_and_not_counted_as_filed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, on_success: str
) -> None:
    """The rules turn the form's event off: ``filed == []`` and no duplicate. The archive holds nothing of it,
    so the input is the only copy: it goes to done/ even with ``on_success: delete``."""
    caplog.set_level(logging.INFO, "bti_docs.watch")
    config = _config(tmp_path, settle_seconds=0, on_success=on_success)

    def nothing(path: Path, display: str, **_: object) -> FakeOutcome:
        return FakeOutcome(sha(path.read_bytes()), [], False)

    (config.inbox / "a.yaml").write_text(form_text(1))
    assert run_watch(config, nothing, once=True, poll=False, stop_event=threading.Event(), isolate=False) == 0
    assert (config.done_dir / "a.yaml").read_text() == form_text(1)
    assert _names(config.inbox) == ["done", "rejected"]
    lines = lines_of(caplog)
    assert "nothing_to_file" in events_of(caplog) and "filed" not in events_of(caplog)
    assert [line.fields["tally"] for line in lines if line.event == "stopped"] == [{"nothing_to_file": 1}]
    inbox = Inbox(config)
    assert _take(inbox, "b.yaml", _drop(inbox, "b.yaml", form_text(2)), nothing).status is Status.nothing_to_file


@pytest.mark.parametrize("where", ["done", "rejected", "inbox"])
def test_a_name_taken_after_it_was_checked_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Someone puts a file under the free name the watcher just found, before the move: it stays theirs."""
    inbox = _inbox(tmp_path)
    folder = {"done": inbox.done, "rejected": inbox.rejected, "inbox": inbox.dir}[where]
    key = _drop(inbox, "a.yaml", "skjema: samtykke\n" if where == "rejected" else form_text(1))
    claim = inbox.claim("a.yaml", key)
    assert isinstance(claim, Claim)
    real_lexists = os.path.lexists
    raced: list[Path] = []

    def lexists(path: object) -> bool:
        p = Path(str(path))
        if p == folder / "a.yaml" and not raced:
            found = real_lexists(p)
            p.write_text("someone else's\n")
            raced.append(p)
            return found
        return real_lexists(path)  # type: ignore[arg-type]

    def down(path: Path, display: str, **_: object) -> FakeOutcome:
        raise ArchiveError("nede")

    monkeypatch.setattr(os.path, "lexists", lexists)
    inbox.handle(claim, down if where == "inbox" else FakePipeline(inbox.config.archive))
    assert raced and (folder / "a.yaml").read_text() == "someone else's\n"
    assert (folder / "a (2).yaml").exists() and _names(inbox.processing) == []
    if where == "rejected":
        assert json.loads((folder / "a (2).yaml.feil.json").read_text())["id"] == claim.id
        assert not (folder / "a.yaml.feil.json").exists()


def _crash_state(inbox: Inbox, where: str) -> Path:
    """What a kill -9 between the link and the unlink of a move leaves: the input under both names."""
    import shutil

    leftover = inbox.processing / "0badc0de_a.yaml"
    if where == "rejected":
        leftover.write_text("skjema: samtykke\n")
        write_reports(inbox.rejected / "a.yaml", Rejection("0badc0de", "a.yaml", "invalid_form", "Ugyldig."), "nb")
    else:
        leftover.write_text(form_text(1))
    if where == "done (copy)":  # done/ on another file system: a copy with the same time
        twin = inbox.done / "a.yaml"
        shutil.copy2(leftover, twin)
    else:
        twin = {"done": inbox.done, "rejected": inbox.rejected, "inbox": inbox.dir}[where] / "a.yaml"
        os.link(leftover, twin)
    if where.startswith("done"):
        FakePipeline(inbox.config.archive)(leftover, "a.yaml")  # it was filed before the move
    return twin


@pytest.mark.parametrize("where", ["done", "done (copy)", "rejected", "inbox"])
def test_a_move_cut_short_between_link_and_unlink_is_finished_not_repeated(tmp_path: Path, where: str) -> None:
    inbox = _inbox(tmp_path)
    twin = _crash_state(inbox, where)
    content = twin.read_text()
    fake = FakePipeline(inbox.config.archive)
    [claim] = inbox.leftovers()
    result = inbox.handle(claim, fake)
    assert _names(inbox.processing) == [] and twin.read_text() == content
    if where.startswith("done"):
        assert result.status is Status.duplicate and _names(inbox.done) == ["a.yaml"]
    elif where == "rejected":
        assert result.status is Status.rejected
        assert _names(inbox.rejected) == ["a.yaml", "a.yaml.feil.json", "a.yaml.feil.txt"]
    else:  # it was on its way back to the inbox: it stays there, for the scanner, and is not filed now
        assert result.status is Status.busy and fake.calls == 0
        assert _names(inbox.dir) == ["a.yaml", "done", "rejected"] and _names(inbox.done) == []
    if where != "inbox":
        assert twin.stat().st_mode & 0o777 == 0o640


def test_a_crash_after_the_link_into_done_loses_nothing_and_leaves_one_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Killed(BaseException):
        pass

    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    real_unlink = os.unlink

    def unlink(path: object, *args: object, **kw: object) -> None:
        if Path(str(path)).parent == inbox.processing:
            raise Killed
        real_unlink(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(Killed):
        _take(inbox, "a.yaml", _drop(inbox, "a.yaml", form_text(1)), fake)
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert len(_names(inbox.processing)) == 1 and _names(inbox.done) == ["a.yaml"]
    restarted = Inbox(inbox.config)
    restarted.prepare()
    assert [restarted.handle(c, fake).status for c in restarted.leftovers()] == [Status.duplicate]
    assert _names(inbox.processing) == [] and _names(inbox.done) == ["a.yaml"]
    assert [w for w, _ in fake_journal(inbox)] == ["filed", "duplicate"]


def test_inputs_in_done_and_rejected_and_their_reports_are_0640(tmp_path: Path) -> None:
    import stat

    inbox = _inbox(tmp_path)
    fake = FakePipeline(inbox.config.archive)
    for name, text in (("ok.yaml", form_text(1)), ("bad.yaml", "skjema: samtykke\n")):
        _drop(inbox, name, text)
        (inbox.dir / name).chmod(0o666)
        _take(inbox, name, FileKey.of(os.lstat(inbox.dir / name)), fake)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [*inbox.done.iterdir(), *inbox.rejected.iterdir()]}
    assert modes == {"ok.yaml": 0o640, "bad.yaml": 0o640, "bad.yaml.feil.txt": 0o640, "bad.yaml.feil.json": 0o640,
                     "ok.yaml.kvittering.txt": 0o640, "ok.yaml.kvittering.json": 0o640}


def test_done_and_rejected_open_to_everyone_are_tightened_at_start(tmp_path: Path) -> None:
    import stat

    done, rejected = tmp_path / "ferdig", tmp_path / "avvist"
    done.mkdir()
    rejected.mkdir()
    done.chmod(0o777)
    rejected.chmod(0o755)
    _inbox(tmp_path, done=done, rejected=rejected)
    assert [stat.S_IMODE(p.stat().st_mode) for p in (done, rejected)] == [0o750, 0o750]


def test_a_missing_certificate_or_password_stops_the_watcher_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reported once, with the seal's exit code, before any input is touched (not as a retry per file)."""
    from bti_docs.devcert import create_dev_pki
    from bti_docs.watch.daemon import main
    from watch_helpers import ROOT

    pki = create_dev_pki(tmp_path / "pki")
    (tmp_path / "inn").mkdir()
    (tmp_path / "inn" / "a.yaml").write_text(form_text(1))
    base = [str(tmp_path / "inn"), "--archive", str(tmp_path / "arkiv"), "--rules", str(ROOT / "archive_rules.yaml"),
            "--once", "--settle", "0"]
    for var in [v for v in os.environ if v.startswith("BTI_DOCS_")]:
        monkeypatch.delenv(var)
    cases = [
        ([], "Ingen sertifikat"),
        (["--cert", str(tmp_path / "finst-ikkje.p12")], "finst ikkje"),
        (["--cert", str(pki.unit_p12)], "BTI_DOCS_CERT_PASSWORD"),  # no password anywhere
    ]
    for extra, needle in cases:
        assert main([*base, *extra]) == 9
        err = capsys.readouterr().err
        assert err.count("bti-docs watch:") == 1 and needle in err, err
    assert _names(tmp_path / "inn") == ["a.yaml"]  # not even claimed: the watcher did not start
    monkeypatch.setenv("BTI_DOCS_CERT_PASSWORD", pki.password_file.read_text().strip())
    from bti_docs.watch import daemon

    monkeypatch.setattr(daemon, "run_watch", lambda *a, **kw: 0)  # the check passes with a good certificate
    # ... and a trust root to check the seals against; without one, it refuses to start (issue 14)
    assert main([*base, "--cert", str(pki.unit_p12)]) == 6
    err = capsys.readouterr().err
    assert err.count("bti-docs watch:") == 1 and "--trust FIL" in err and "tillitsrot" in err, err
    assert _names(tmp_path / "inn") == ["a.yaml"]
    assert main([*base, "--cert", str(pki.unit_p12), "--trust", str(tmp_path / "finst-ikkje.pem")]) == 9
    err = capsys.readouterr().err
    assert err.count("bti-docs watch:") == 1 and "Rot-sertifikatet kan ikkje lesast" in err, err
    assert _names(tmp_path / "inn") == ["a.yaml"]
    assert main([*base, "--cert", str(pki.unit_p12), "--trust", str(pki.root_cert)]) == 0
