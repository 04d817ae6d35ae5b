"""The worker process that renders, seals and files one input at a time, with a time limit.

A renderer that hangs (a font, a timestamp server that never answers, a bug) must not stop a unit's inbox.
So the pipeline runs in a child process that can be killed: :class:`Worker` sends it one input (its path,
the name to show, and the :class:`~bti_docs.watch.guard.ReadGuard` to check before the commit) and waits
at most ``time_limit`` seconds. Past the limit the child is killed (SIGKILL) and a fresh one started; the
input is still in ``.processing/``, so nothing is lost: the inbox decides what happens to it
(:class:`WorkerTimeout`).

The limit covers validating, rendering and sealing. When the child reaches the archive commit it says so
first, and from then on it is not killed: a commit is short local file work, and killing it would only
leave the archive's crash recovery to do. A child that dies by itself (a crash in a native library, the
OOM killer) raises :class:`WorkerDied`.

The child is forked from the watcher at start (it inherits the processor, so tests can hand in any
callable) and closes the inbox lock's descriptor; on Linux it is killed with its parent (``PR_SET_PDEATHSIG``),
so a ``kill -9`` of the watcher leaves no child holding on. A :class:`~bti_docs.watch.pool.WorkerPool` runs
N of them in parallel: the child renders, then asks for its turn (:func:`take_turn`) before it looks at the
archive, so an earlier input of the same case (its case key reported with :func:`report_case`) is filed
first.

Fault injection for tests and drills: with ``BTI_DOCS_WATCH_FAULT_HANG`` set, the child hangs (before the
pipeline) on every input whose name contains that text.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bti_docs.errors import BtiError
from bti_docs.watch.guard import InputChanged

log = logging.getLogger("bti_docs.watch")

FAULT_HANG_ENV = "BTI_DOCS_WATCH_FAULT_HANG"
_PR_SET_PDEATHSIG = 1

# The processor as the child runs it: path, display name, and the hook to call right before the commit.
ChildProcessor = Callable[..., Any]


class WorkerTimeout(Exception):
    """The input took longer than the time limit: the worker was stopped."""


class WorkerDied(Exception):
    """The worker process ended while it had an input in hand; its message is the exit code, or ``-``."""


class WorkerBug(Exception):
    """An unexpected exception in the worker: its type and where it happened (no message: it may hold data)."""

    def __init__(self, kind: str, where: str) -> None:
        super().__init__(kind, where)
        self.kind = kind
        self.where = where


class Worker:
    """One child process running ``processor``; call it like the processor itself."""

    def __init__(self, processor: ChildProcessor, time_limit: float, close_fds: tuple[int, ...] = ()) -> None:
        self.processor = processor
        self.time_limit = time_limit
        self.close_fds = close_fds
        self._ctx = multiprocessing.get_context("fork")
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._conn: multiprocessing.connection.Connection | None = None

    def start(self) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_child_main, args=(child, self.processor, self.close_fds, os.getpid()),
                                 name="bti-docs-worker", daemon=True)
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent

    def stop(self) -> None:
        """End the child: ask, then kill."""
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(None)
            conn.close()
        if proc is not None:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)

    def _kill(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if proc is not None:
            proc.kill()
            proc.join(10)
        if conn is not None:
            conn.close()

    def __call__(self, path: Path, display: str, *, before_commit: Callable[[], None] | None = None,
                 on_case: Callable[[str], None] | None = None, wait_turn: Callable[[], None] | None = None) -> Any:
        """Run the processor on one input in the child; ``before_commit`` must be picklable (a ReadGuard's
        ``check``). Raises what the processor raised, or WorkerTimeout, WorkerDied, WorkerBug, InputChanged.

        A pool sequences the commits: ``on_case`` hears the input's case key (when the processor reports it
        with :func:`report_case`), and ``wait_turn`` blocks until this input may commit (the time spent there
        does not count against the time limit: it is bounded by the other inputs' own limits)."""
        if self._proc is None or not self._proc.is_alive():
            self._kill()
            self.start()
        conn = self._conn
        assert conn is not None
        try:
            conn.send((str(path), display, before_commit))
        except (OSError, ValueError) as exc:
            self._kill()
            raise WorkerDied("-") from exc
        deadline = time.monotonic() + self.time_limit
        committing = False
        while True:
            wait = None if committing else max(0.0, deadline - time.monotonic())
            try:
                ready = conn.poll(wait)
            except (OSError, ValueError) as exc:
                self._kill()
                raise WorkerDied("-") from exc
            if not ready:
                self._kill()
                raise WorkerTimeout(f"longer than {self.time_limit:g} s")
            try:
                message = conn.recv()
            except (EOFError, OSError) as exc:
                code = self._proc.exitcode if self._proc is not None else None
                self._kill()
                raise WorkerDied(str(code)) from exc
            kind = message[0]
            if kind == "case":
                if on_case is not None:
                    on_case(message[1])
                continue
            if kind == "turn":
                started = time.monotonic()
                if wait_turn is not None:
                    wait_turn()
                deadline += time.monotonic() - started
                try:
                    conn.send(("go",))
                except (OSError, ValueError) as exc:
                    self._kill()
                    raise WorkerDied("-") from exc
                continue
            if kind == "committing":
                committing = True
                continue
            if kind == "ok":
                return message[1]
            if kind == "error":
                raise message[1]
            if kind == "changed":
                raise InputChanged(message[1])
            raise WorkerBug(message[1], message[2])


def _child_main(conn: multiprocessing.connection.Connection, processor: ChildProcessor,
                close_fds: tuple[int, ...], parent_pid: int) -> None:
    for fd in close_fds:  # the inbox lock: only the watcher itself holds it
        with contextlib.suppress(OSError):
            os.close(fd)
    _die_with_parent(parent_pid)
    for sig in (signal.SIGTERM, signal.SIGINT):  # the watcher stops us; a stop signal to the group is its
        signal.signal(sig, signal.SIG_IGN)
    hang = os.environ.get(FAULT_HANG_ENV, "")
    global _channel
    _channel = conn
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        path, display, check = request
        if hang and hang in display:
            threading.Event().wait()

        def before_commit(check: Callable[[], None] | None = check) -> None:
            if check is not None:
                check()
            conn.send(("committing",))

        try:
            outcome = processor(Path(path), display, before_commit=before_commit)
            reply: tuple[Any, ...] = ("ok", outcome)
        except InputChanged as exc:
            reply = ("changed", str(exc))
        except (BtiError, OSError) as exc:
            reply = ("error", exc)
        except Exception as exc:
            reply = ("bug", type(exc).__name__, origin(exc))
        try:
            conn.send(reply)
        except Exception as exc:  # an outcome or error that cannot be pickled
            conn.send(("bug", type(exc).__name__, origin(exc)))


_channel: multiprocessing.connection.Connection | None = None  # in a worker child: the line to the watcher


def report_case(case: str) -> None:
    """Tell the watcher which case the input in hand belongs to (in a worker child; elsewhere nothing)."""
    if _channel is not None:
        _channel.send(("case", case))


def take_turn() -> None:
    """Wait for the watcher's go-ahead to look at the archive and file: an earlier input of the same case
    goes first (in a worker child; elsewhere it returns at once)."""
    if _channel is not None:
        _channel.send(("turn",))
        if _channel.recv() != ("go",):
            raise InputChanged("stopping")


def origin(exc: BaseException) -> str:
    """Where an unexpected exception was raised (file:line), for a log line without any of its message."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "?"
    return f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"


def _die_with_parent(parent_pid: int) -> None:
    """Linux: the kernel kills this child when the watcher dies (a kill -9 leaves no orphan filing)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # it died before the kernel was told
        os._exit(0)
