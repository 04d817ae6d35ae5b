"""The inbox state machine: every input is, at any moment, in exactly one place.

::

    INBOX/name.yaml ──claim (rename)──▶ INBOX/.processing/<id>_name.yaml ──▶ done/name.yaml   (filed, duplicate,
          ▲                                      │                      │                  nothing to file)
          │                                      │                      └──▶ rejected/name.yaml + reports
          └──────── our side failed: back, retried later ◀──────────────┘

The claim is a ``rename`` into our own folder under a fresh random name. Every later move is a hard link and
an unlink (``safety.move_no_overwrite``; a copy, fsync and link across file systems), so a ``kill -9``
anywhere leaves the input in one of these places, never nowhere, and nothing is ever overwritten: a name
already in ``done/``, ``rejected/`` or the inbox, even one that appears while the move runs, gets a suffix
(``name (2).yaml``). What is in ``.processing/`` at start-up (or found there later) is simply processed again:
the pipeline's archive recognises content it has already filed (``duplicate``), so a file filed just before
a crash goes to ``done/`` without a second copy in the archive. A crash between the link and the unlink
leaves the input under both names: such a leftover (the same file, or a copy with the same size, time and
content, in ``done/``, in ``rejected/`` beside reports of the same claim, or back in the inbox) has its move
finished, not repeated. Reports are written before the rejected file is moved beside them; a report left by
a crashed run for the same claim is taken over, never duplicated.

With ``on_success: delete`` a filed input (or a duplicate) is deleted; one the rules file nothing for (its
event is turned off) is never deleted: the archive holds nothing of it, so it goes to ``done/``.

Log lines name an input only by its claim id (8 hex digits, also in the reports) and a short content hash.

What is filed is what the input holds: the claim records what was read (``guard.ReadGuard``), and right
before the archive commit (and again before the move to done/) the file is compared with it; a file that
changed goes back to the inbox and is taken again when stable. The comparison first waits ``settle_seconds``
after the read, except for a file that arrived by a rename into the inbox (``Claim.renamed_in``) and that
nobody has open for writing (``safety.open_for_writing``: a read lease can be taken). A filed
input gets a receipt beside it in done/ (``receipt``). Inputs with more than one link are refused unchanged. A
name too long to carry our suffixes is claimed under a short name (its own name kept in a hidden
``.<id>.name`` file in .processing) and ends under a shortened name; its report or receipt names it in full.
The pipeline runs in a worker with a time limit (``worker``); an input that hits it twice is rejected with a
report that says to call IT.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from bti_docs import fsio
from bti_docs.errors import (
    BtiError,
    ConfigError,
    ExitCode,
    Problem,
    Severity,
)
from bti_docs.outcome import classify_error
from bti_docs.text.voice import Phrase, has_text, phrase
from bti_docs.watch import safety
from bti_docs.watch.guard import InputChanged, ReadGuard
from bti_docs.watch.logline import note, os_reason
from bti_docs.watch.receipt import Receipt, receipt_claim_id, receipt_paths, remove_receipts, write_receipts
from bti_docs.watch.report import (
    Lang,
    Rejection,
    refusal_problem,
    remove_reports,
    report_claim_id,
    report_paths,
    write_reports,
)
from bti_docs.watch.settings import OnSuccess, WatchConfig
from bti_docs.watch.worker import WorkerBug, WorkerDied, WorkerTimeout, origin

log = logging.getLogger("bti_docs.watch")

CLAIM_NAME = re.compile(r"^([0-9a-f]{8})_(.+)$")
NAME_FILE = re.compile(r"^\.([0-9a-f]{8})\.name$")
LOCK_NAME = ".lock"
PROCESSING_MODE = 0o700
FOLDER_MODE = 0o750
FILE_MODE = 0o640  # an input in done/ or rejected/
NAME_MAX = 255  # bytes in one file name (ext4, XFS, Btrfs, SMB, NFS)
NAME_ROOM = 32  # what we may add to a name: "abcd1234_", " (9999)", ".kvittering.json"
SHORT_STEM = 100  # bytes of a too-long name's stem kept in its short name
STRIKES = 2  # time-outs (or worker deaths) of the same content before it is rejected


class Outcome(Protocol):
    """What the pipeline returns for one filed input (``bti_docs.api.FileOutcome``)."""

    @property
    def input_sha256(self) -> str: ...
    @property
    def filed(self) -> Sequence[Path]: ...
    @property
    def duplicate(self) -> bool: ...
    @property
    def problems(self) -> Sequence[Problem]: ...


# The pipeline for one input: its path, the name to show in problems (the name it was dropped with), and
# ``before_commit``: called right before the archive commit; what it raises stops the filing.
Processor = Callable[..., Outcome]


class Status(StrEnum):
    filed = "filed"
    duplicate = "duplicate"
    nothing_to_file = "nothing_to_file"  # valid, but the rules file nothing for it (its event is off): in done/
    rejected = "rejected"
    retry = "retry"  # our side failed; the input is back in the inbox (or still in .processing)
    busy = "busy"  # back in the inbox for later: a writer is still at it, or a restart cut its way back short
    gone = "gone"  # it vanished before it could be claimed


@dataclass(frozen=True)
class FileKey:
    """One version of one file: survives a rename, changes when the file is written or replaced."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileKey:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Claim:
    id: str
    name: str  # the name it was dropped with
    path: Path  # in .processing/
    leftover: bool = False  # found in .processing/ (a crash, or a move that failed), not claimed by this run
    renamed_in: bool = False  # arrived whole, by a rename into the inbox: the read guard need not wait settle
    received: datetime = field(default_factory=lambda: datetime.now().astimezone(), compare=False)

    @property
    def target(self) -> str:
        """The name it gets in done/, rejected/ or back in the inbox: its own, or a short one if too long."""
        return short_name(self.name, self.id) if is_long_name(self.name) else self.name


@dataclass(frozen=True)
class Result:
    claim_id: str
    status: Status
    reason: str = ""  # for machines (``watch --json``): never a name or a value from the form
    exit_code: int = 0
    systemic: bool = False
    key: FileKey | None = None  # where a retried file now is (for the backoff)
    # What became of it, for operators: the text of its last log line (Norwegian, said in the reader's language;
    # no name, no value from the form). None where nothing was said (a file gone before it was taken).
    said: Phrase | None = field(default=None, compare=False)


def new_claim_id() -> str:
    return secrets.token_hex(4)


def is_long_name(name: str) -> bool:
    return len(os.fsencode(name)) > NAME_MAX - NAME_ROOM


def short_name(name: str, claim_id: str) -> str:
    """``<first 100 bytes of the stem>…<id><ext>``: fits wherever the watcher puts it."""
    stem, ext = _split(name)
    if len(os.fsencode(ext)) > 16:
        stem, ext = name, ""
    head = os.fsencode(stem)[:SHORT_STEM].decode("utf-8", "ignore")
    return f"{head}…{claim_id}{ext}"


def _name_file(processing: Path, claim_id: str) -> Path:
    return processing / f".{claim_id}.name"


class Inbox:
    def __init__(self, config: WatchConfig, lang: Lang = "nb") -> None:
        self.config = config
        self.lang = lang
        self.dir = config.inbox
        self.processing = config.processing_dir
        self.done = config.done_dir
        self.rejected = config.rejected_dir
        self.lock_fd: int | None = None
        self.strikes: dict[str, int] = {}  # content hash -> time-outs (or worker deaths) so far
        self._said: set[tuple[FileKey | None, str]] = set()  # waits already logged (each reason once)

    # --- set-up ---------------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Check the layout and create the folders the watcher moves files into."""
        cfg = self.config
        safety.check_layout(cfg.inbox, cfg.archive, self.done, self.rejected,
                            protected=(cfg.rules, cfg.cert, cfg.password_file))
        safety.ensure_dir(self.processing, PROCESSING_MODE)
        safety.ensure_dir(self.done, FOLDER_MODE)  # also with on_success: delete (nothing to file goes there)
        safety.ensure_dir(self.rejected, FOLDER_MODE)
        for folder in (self.done, self.rejected):
            safety.remove_own_temp_files(folder)
        self._remove_stray_name_files()

    def _remove_stray_name_files(self) -> None:
        """A crash between writing a long name's ``.<id>.name`` and the claim's rename leaves it alone."""
        names = os.listdir(self.processing)
        claimed = {m.group(1) for n in names if (m := CLAIM_NAME.match(n))}
        for n in names:
            m = NAME_FILE.match(n)
            if m and m.group(1) not in claimed:
                with contextlib.suppress(OSError):
                    os.unlink(self.processing / n)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One watcher per inbox: a second would take the first one's files in hand for crash leftovers."""
        fd = os.open(self.processing / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                raise ConfigError("watch.inbox_locked", inbox=self.dir, lock=LOCK_NAME) from exc
            self.lock_fd = fd
            yield
        finally:
            self.lock_fd = None
            os.close(fd)

    # --- looking ---------------------------------------------------------------------------------------

    def scan(self) -> list[str]:
        """Names in the inbox that may be claimed: regular files and symlinks, not hidden or temporary."""
        names: list[str] = []
        with os.scandir(self.dir) as entries:
            for entry in entries:
                if safety.is_ignored_name(entry.name):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if safety.is_candidate_entry(st):
                    names.append(entry.name)
        return sorted(names)

    def stat(self, name: str) -> os.stat_result | None:
        try:
            return os.lstat(self.dir / name)
        except OSError:
            return None

    def leftovers(self) -> list[Claim]:
        """Claims in .processing/ that no one has in hand: after a crash, or a move that failed."""
        found: list[tuple[int, str, Claim]] = []
        with os.scandir(self.processing) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not safety.is_candidate_entry(st):
                    continue
                match = CLAIM_NAME.match(entry.name)
                claim_id, name = (match.group(1), match.group(2)) if match else (new_claim_id(), entry.name)
                with contextlib.suppress(OSError, UnicodeDecodeError):  # a long name claimed under a short one
                    name = _name_file(self.processing, claim_id).read_text(encoding="utf-8") or name
                found.append((st.st_mtime_ns, entry.name, Claim(claim_id, name, Path(entry.path), leftover=True)))
        return [claim for _, _, claim in sorted(found)]

    # --- claiming ----------------------------------------------------------------------------------------

    def claim(self, name: str, expected: FileKey | None, *, renamed_in: bool = False) -> Claim | Result:
        """Take ``name`` by an atomic rename into .processing/; a file that changed meanwhile goes back.

        ``renamed_in``: it arrived by a rename into the inbox (an OS event said so), so it was complete when it
        arrived; its read guard checks before the commit and before done/ without waiting ``settle_seconds``.
        """
        claim_id = new_claim_id()
        claim = Claim(claim_id, name, self.processing / f"{claim_id}_{Claim(claim_id, name, Path()).target}",
                      renamed_in=renamed_in)
        name_file = _name_file(self.processing, claim_id) if is_long_name(name) else None
        try:
            if name_file is not None:  # the name it came with, for its report or receipt
                fsio.write_new(name_file, name.encode("utf-8", "surrogateescape"), 0o600)
            os.rename(self.dir / name, claim.path)
            st = os.lstat(claim.path)
        except OSError as exc:
            if name_file is not None:
                name_file.unlink(missing_ok=True)
            if isinstance(exc, FileNotFoundError):
                return Result(claim.id, Status.gone)
            # e.g. the inbox is not writable for us: try again later (said once per file and reason)
            reason = f"could not claim: {_os_reason(exc)}"
            said = self._say_once(expected, reason, claim.id, phrase("watch.why.claim", reason=os_reason(exc)))
            return Result(claim.id, Status.retry, reason, int(ExitCode.other), False, expected, said)
        if expected is not None and FileKey.of(st) != expected:
            back, _ = self._release(claim)
            self._forget_name(claim)
            return Result(claim.id, Status.busy, "changed while being claimed", key=back,
                          said=phrase("watch.why.changed_after_claim"))
        return claim

    def _say_once(self, key: FileKey | None, reason: str, claim_id: str, why: Phrase) -> Phrase:
        """Log why a file waits: at WARNING the first time, at DEBUG at every later try."""
        said = (key, reason)
        level = logging.DEBUG if said in self._said else logging.WARNING
        self._said.add(said)
        if len(self._said) > 10_000:
            self._said.clear()
        return note(log, level, "not_taken", "watch.log.not_taken", claim_id, why=why)

    def _forget_name(self, claim: Claim) -> None:
        """The hidden name file of a long name goes when the claim has left .processing."""
        if is_long_name(claim.name) and not os.path.lexists(claim.path):
            with contextlib.suppress(OSError):
                _name_file(self.processing, claim.id).unlink(missing_ok=True)

    # --- processing ---------------------------------------------------------------------------------------

    def handle(self, claim: Claim, processor: Processor) -> Result:
        """Process one claimed input in isolation: whatever happens, it ends in exactly one place."""
        try:
            return self._handle(claim, processor)
        finally:
            self._forget_name(claim)

    def _handle(self, claim: Claim, processor: Processor) -> Result:
        try:
            st = os.lstat(claim.path)
        except FileNotFoundError:
            return Result(claim.id, Status.gone)
        if claim.leftover:
            released = self._finish_release(claim)
            if released is not None:
                return released
        code = safety.refusal(claim.name, st, self.config.max_bytes)
        if code == safety.HARD_LINK and claim.leftover and self._own_twin(claim):
            code = safety.refusal(claim.name, st, self.config.max_bytes, links_ok=True)
        if code is not None:
            problem = refusal_problem(claim.name, code, self.lang, size=st.st_size, limit=self.config.max_bytes)
            return self._reject(claim, Rejection(
                claim.id, claim.name, code, problem.message, [problem], exit_code=int(ExitCode.input_file),
            ), keep_inode=code == safety.HARD_LINK)
        try:
            data, fst = safety.read_regular(claim.path, self.config.max_bytes)
        except (OSError, ValueError) as exc:
            return self._retry(claim, f"cannot read the claimed file: {_os_reason(exc)}", int(ExitCode.other), False,
                               phrase("watch.why.read", reason=os_reason(exc)))
        if FileKey.of(fst) != FileKey.of(st) or len(data) != st.st_size:
            return self._changed(claim, "changed after it was claimed", phrase("watch.why.changed_after_claim"))
        # A file renamed into the inbox is complete once nobody has it open for writing (checked after the read;
        # the guard compares it with what was read before the commit); otherwise it waits settle as any other.
        whole = claim.renamed_in and safety.open_for_writing(claim.path) is False
        guard = ReadGuard.of(claim.path, fst, data, 0.0 if whole else self.config.settle_seconds)
        sha = guard.sha256
        note(log, logging.INFO, "claimed", "watch.log.claimed", claim.id, bytes=len(data), sha=sha[:12])
        try:
            outcome = processor(claim.path, claim.name, before_commit=guard.check)
        except InputChanged as exc:
            return self._changed(claim, f"changed after it was read ({exc}): nothing filed",
                                 phrase("watch.why.changed_after_read", detail=_guard_saw(exc)))
        except (WorkerTimeout, WorkerDied) as exc:
            return self._stalled(claim, sha, exc)
        except WorkerBug as exc:
            return self._retry(claim, f"unexpected {exc.kind} at {exc.where}", int(ExitCode.other), False,
                               phrase("watch.why.unexpected", kind=exc.kind, where=exc.where))
        except BtiError as exc:
            verdict = classify_error(exc)
            if verdict.verdict.bad_input:
                try:  # a form cut short by a writer still at it is not the staff's mistake
                    guard.check()
                except InputChanged as changed:
                    return self._changed(claim, f"changed after it was read ({changed}): not rejected",
                                         phrase("watch.why.changed_not_rejected", detail=_guard_saw(changed)))
                return self._reject(claim, Rejection(
                    claim.id, claim.name, verdict.reason, exc.render(self.lang), exc.problems, sha,
                    int(verdict.exit_code),
                ))
            reason = f"{type(exc).__name__}: {_scrub(exc.message, claim)}"
            why = phrase("watch.why.error", kind=type(exc).__name__, message=_scrub(exc.render(self.lang), claim))
            return self._retry(claim, reason, int(verdict.exit_code), verdict.systemic, why)
        except OSError as exc:
            return self._retry(claim, f"{type(exc).__name__}: {_os_reason(exc)}", int(ExitCode.other), True,
                               phrase("watch.why.os", kind=type(exc).__name__, reason=os_reason(exc)))
        except Exception as exc:  # a bug must not stop the others, and must not lose the input
            note(log, logging.DEBUG, "traceback", "watch.log.traceback", claim.id, exc_info=True)
            where = origin(exc)
            return self._retry(claim, f"unexpected {type(exc).__name__} at {where}", int(ExitCode.other), False,
                               phrase("watch.why.unexpected", kind=type(exc).__name__, where=where))
        self.strikes.pop(sha, None)
        try:
            guard.check()  # once more before done/: the window has passed, unless nothing was committed
        except InputChanged as exc:
            late = "the archive holds the earlier bytes; " if outcome.filed and not outcome.duplicate else ""
            code = "watch.why.changed_after_filing" if late else "watch.why.changed_after_processing"
            return self._changed(claim, f"changed after it was processed ({exc}): {late}it is processed again",
                                 phrase(code, detail=_guard_saw(exc)))
        return self._succeed(claim, outcome, sha)

    def _changed(self, claim: Claim, reason: str, why: Phrase) -> Result:
        """A writer is still at it: back to the inbox (the same inode), taken again when it is stable."""
        back, in_inbox = self._release(claim)
        said = note(log, logging.WARNING, "changed", "watch.log.changed", claim.id, why=why, where=_kept(in_inbox))
        return Result(claim.id, Status.busy, reason, key=back, said=said)

    def _stalled(self, claim: Claim, sha: str, exc: Exception) -> Result:
        """The worker timed out or died: once more later, then rejected with a report for IT."""
        timeout = isinstance(exc, WorkerTimeout)
        what = f"took {exc}: stopped" if timeout else f"the worker died (exit code {exc})"
        said = phrase("watch.why.time_limit", seconds=f"{self.config.time_limit_seconds:g}") if timeout else \
            phrase("watch.why.worker_died", detail=str(exc))
        strikes = self.strikes[sha] = self.strikes.get(sha, 0) + 1
        if strikes < STRIKES:
            return self._retry(claim, f"{what}; tried once more later", int(ExitCode.other), False,
                               phrase("watch.why.once_more", what=said))
        self.strikes.pop(sha, None)
        code = "time_limit" if timeout else "worker_died"
        problem = refusal_problem(claim.name, code, self.lang, limit=f"{self.config.time_limit_seconds:g}")
        note(log, logging.ERROR, "rejected", "watch.log.stalled_rejected", claim.id, what=said, strikes=strikes,
             reason=code)
        return self._reject(claim, Rejection(claim.id, claim.name, code, problem.message, [problem], sha,
                                             int(ExitCode.other)))

    def _own_twin(self, claim: Claim) -> bool:
        """A leftover's second name is ours (a move cut short), not a link someone made."""
        return any(self._twin(folder, claim, content=False) is not None
                   for folder in (self.done, self.rejected, self.dir))

    def _succeed(self, claim: Claim, outcome: Outcome, sha: str = "") -> Result:
        if outcome.duplicate:
            status = Status.duplicate
        elif outcome.filed:
            status = Status.filed
        else:  # nothing in the archive: the input must not be deleted
            status = Status.nothing_to_file
        delete = self.config.on_success is OnSuccess.delete and status is not Status.nothing_to_file
        receipt = Receipt(claim.id, claim.name, status.value, sha or outcome.input_sha256, list(outcome.filed),
                          str(getattr(outcome, "receipt", "") or ""), claim.received)
        try:
            twin = self._twin(self.done, claim) if claim.leftover else None
            if twin is not None:
                with contextlib.suppress(FileExistsError):  # someone else's receipt there: keep it
                    write_receipts(twin, receipt, self.lang)
            if twin is not None or delete:
                self._drop_claimed(claim)
                if twin is not None:
                    safety.restrict_mode(twin, FILE_MODE)
            else:
                self._move_free(self.done, claim, FILE_MODE, receipt=receipt)
        except OSError as exc:
            # Processed, but the input could not leave .processing: it is processed again later (a duplicate).
            reason = f"processed, but the input could not be moved to done/: {_os_reason(exc)}"
            return self._retry(claim, reason, int(ExitCode.other), True,
                               phrase("watch.why.done_failed", reason=os_reason(exc)))
        where = phrase("watch.log.where.deleted" if delete and twin is None else "watch.log.where.done")
        if twin is not None:
            note(log, logging.INFO, "resumed", "watch.log.resumed_done", claim.id)
        if status is Status.duplicate:
            said = note(log, logging.INFO, "duplicate", "watch.log.duplicate", claim.id, where=where)
        elif status is Status.nothing_to_file:
            said = note(log, logging.INFO, "nothing_to_file", "watch.log.nothing_to_file", claim.id, where=where)
        else:
            said = note(log, logging.INFO, "filed", "watch.log.filed", claim.id, documents=len(outcome.filed),
                        warnings=len(outcome.problems), where=where)
        return Result(claim.id, status, said=said)

    def _reject(self, claim: Claim, rejection: Rejection, *, keep_inode: bool = False) -> Result:
        """Move to rejected/ beside its reports; ``keep_inode``: as it is (a hard link: never copied, its mode
        never changed, since the same file has a name elsewhere)."""
        try:
            twin = self._twin(self.rejected, claim, claim_id=claim.id) if claim.leftover else None
            if twin is not None:  # a restart cut the move short: the reports beside it are this claim's
                write_reports(twin, rejection, self.lang)
                self._drop_claimed(claim)
                safety.restrict_mode(twin, FILE_MODE)
            elif keep_inode:
                self._move_free(self.rejected, claim, None, rejection=rejection, same_inode=True)
            else:
                self._move_free(self.rejected, claim, FILE_MODE, rejection=rejection)
        except OSError as exc:
            return self._retry(claim, f"could not write to rejected/: {_os_reason(exc)}", int(ExitCode.other), True,
                               phrase("watch.why.rejected_failed", reason=os_reason(exc)))
        errors = sum(1 for p in rejection.problems if p.severity is Severity.error) or 1
        level = logging.WARNING if rejection.refused_case else logging.INFO
        code = "watch.log.rejected_report" if rejection.refused_case else "watch.log.rejected"
        said = note(log, level, "rejected", code, claim.id, reason=rejection.reason, errors=errors)
        return Result(claim.id, Status.rejected, rejection.reason, rejection.exit_code or 0, said=said)

    def _retry(self, claim: Claim, reason: str, exit_code: int, systemic: bool, why: Phrase) -> Result:
        """Our side failed: back to the inbox for a later try. ``reason`` for machines (``watch --json``), ``why``
        for the log line."""
        back, in_inbox = self._release(claim)
        said = note(log, logging.WARNING, "retry", "watch.log.retry", claim.id, where=_kept(in_inbox), why=why)
        return Result(claim.id, Status.retry, reason, exit_code, systemic, back, said)

    def _release(self, claim: Claim) -> tuple[FileKey | None, bool]:
        """Put a claimed file back in the inbox (a new name if its old one is taken), the same inode: a
        writer that still has it open keeps writing into it.

        Returns its key (for the backoff) and whether it is back in the inbox (else still in .processing).
        """
        try:
            target = self._move_free(self.dir, claim, None, same_inode=True)
            return FileKey.of(os.lstat(target)), True
        except OSError as exc:
            note(log, logging.ERROR, "move_failed", "watch.log.move_back_failed", claim.id, reason=os_reason(exc))
            try:
                return FileKey.of(os.lstat(claim.path)), False
            except OSError:
                return None, False

    def _finish_release(self, claim: Claim) -> Result | None:
        """A leftover that is also back in the inbox (the same file: a restart cut its release short) stays
        there, for the scanner; its name in .processing goes."""
        twin = self._twin(self.dir, claim, content=False)
        if twin is None:
            return None
        try:
            key = FileKey.of(os.lstat(twin))
            self._drop_claimed(claim)
        except OSError as exc:
            note(log, logging.ERROR, "move_failed", "watch.log.finish_back_failed", claim.id, reason=os_reason(exc))
            return None
        said = note(log, logging.INFO, "resumed", "watch.log.resumed_inbox", claim.id)
        return Result(claim.id, Status.busy, "back in the inbox", key=key, said=said)

    def _drop_claimed(self, claim: Claim) -> None:
        os.unlink(claim.path)
        safety.fsync_dir(self.processing)

    def _move_free(self, folder: Path, claim: Claim, mode: int | None, *, rejection: Rejection | None = None,
                   receipt: Receipt | None = None, same_inode: bool = False) -> Path:
        """Move the claimed input into ``folder`` under ``claim.target`` or the first free ``stem (n).ext``.

        A name found free can be taken before the move: the move then fails (it never replaces) and the next
        name is tried. With ``rejection`` (or ``receipt``), its reports (receipts) are written beside the name
        first; the reports or receipts beside a name count too, unless a crashed run of the same claim wrote
        them.
        """
        for candidate in _candidates(folder, claim.target):
            if os.path.lexists(candidate):
                continue
            if rejection is not None:
                if any(os.path.lexists(p) for p in report_paths(candidate)) and \
                        report_claim_id(candidate) != claim.id:
                    continue
                try:
                    write_reports(candidate, rejection, self.lang)
                except FileExistsError:
                    continue
            if receipt is not None:
                if any(os.path.lexists(p) for p in receipt_paths(candidate)) and \
                        receipt_claim_id(candidate) != claim.id:
                    continue
                try:
                    write_receipts(candidate, receipt, self.lang)
                except FileExistsError:
                    continue
            try:
                safety.move_no_overwrite(claim.path, candidate, mode, same_inode=same_inode)
            except FileExistsError:
                self._take_back(candidate, rejection, receipt)
                continue
            except OSError:  # not moved (a move that fails is undone): its reports must not stay behind
                with contextlib.suppress(OSError):
                    self._take_back(candidate, rejection, receipt)
                raise
            return candidate
        raise FileExistsError(errno.EEXIST, "no free name")

    @staticmethod
    def _take_back(candidate: Path, rejection: Rejection | None, receipt: Receipt | None) -> None:
        if rejection is not None:
            remove_reports(candidate)
        if receipt is not None:
            remove_receipts(candidate)

    def _twin(self, folder: Path, claim: Claim, *, content: bool = True, claim_id: str | None = None) -> Path | None:
        """The claimed input under one of its names in ``folder``, if a move there was cut short: the same file
        (a hard link), or with ``content`` a copy with the same size, modification time and bytes (a move
        across file systems). With ``claim_id``, only one whose reports name that claim."""
        try:
            st = os.lstat(claim.path)
        except OSError:
            return None
        names = _name_pattern(claim.target)
        with os.scandir(folder) as entries:
            for entry in entries:
                if not names.fullmatch(entry.name):
                    continue
                try:
                    other = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                same = (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)
                if not same and content and stat.S_ISREG(st.st_mode) and stat.S_ISREG(other.st_mode) \
                        and (other.st_size, other.st_mtime_ns) == (st.st_size, st.st_mtime_ns):
                    same = _same_bytes(claim.path, Path(entry.path))
                path = Path(entry.path)
                if same and (claim_id is None or report_claim_id(path) == claim_id):
                    return path
        return None


def _split(name: str) -> tuple[str, str]:
    """``("stem", ".ext")``: a leading dot is not an extension."""
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    return stem, dot + ext


def _candidates(folder: Path, name: str) -> Iterator[Path]:
    """``name``, ``stem (2).ext``, ... ``stem (9999).ext``, then a name with a random prefix."""
    stem, ext = _split(name)
    yield folder / name
    for n in range(2, 10_000):
        yield folder / f"{stem} ({n}){ext}"
    yield folder / f"{new_claim_id()}_{name}"


def _name_pattern(name: str) -> re.Pattern[str]:
    """Every name :func:`_candidates` gives for ``name``."""
    stem, ext = _split(name)
    return re.compile(rf"{re.escape(stem)}(?: \([0-9]+\))?{re.escape(ext)}|[0-9a-f]{{8}}_{re.escape(name)}")


def _same_bytes(a: Path, b: Path) -> bool:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        with open(os.open(a, flags), "rb") as fa, open(os.open(b, flags), "rb") as fb:
            while True:
                chunk = fa.read(1 << 16)
                if chunk != fb.read(1 << 16):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def _os_reason(exc: BaseException) -> str:
    """An OS error without its file names (they could be a name someone gave a form)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{exc.strerror or 'error'} ({errno.errorcode.get(exc.errno, exc.errno)})"
    return type(exc).__name__


def _kept(in_inbox: bool) -> Phrase:
    return phrase("watch.log.kept.inbox" if in_inbox else "watch.log.kept.processing")


def _guard_saw(exc: InputChanged) -> object:
    """What the read guard saw, said in the line's language (its code, if it is not one of ours)."""
    code = f"watch.guard.{exc}"
    return phrase(code) if has_text(code) else str(exc)


def _scrub(text: str, claim: Claim) -> str:
    for secret in (str(claim.path), claim.path.name, claim.name, claim.target):
        text = text.replace(secret, f"[{claim.id}]")
    return text
