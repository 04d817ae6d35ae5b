"""N worker processes taking claimed inputs in parallel, each case's inputs filed in the order they were taken.

Each :class:`~bti_docs.watch.worker.Worker` keeps its own time limit; a thread of the watcher drives it
through ``Inbox.handle`` (the same protocol as with one worker: read guard, receipts, strikes). The main
loop claims an input only when a worker is free, and gives it a :class:`Ticket` in that order.

Rendering runs in parallel; the archive is looked at in turn. With the real pipeline (a
:class:`SplitProcessor`) the worker validates, renders, seals and checks (under the time limit), reporting the
case key as soon as it has parsed the form, and is then free for the next input; the watcher's thread waits
out the read guard's window, waits for its turn, and files (plan, log copies, commit, one at a time). It gets
its turn when every input taken before it is either done or known to belong to another case
(:class:`Sequencer`); the wait is bounded, as the inputs it waits for run under their own time limits. An input
rendered ahead under a title that the case's earlier inputs changed (its event depends on what the case holds)
gets the new title in turn (``pipeline.retitle``: metadata, seal and gates again on the same pages, no new
layout). Any
other processor runs whole in the worker and asks for its turn there (``worker.take_turn``). The moves in
and out of the inbox's folders (claims, done/, rejected/, reports, receipts) run one at a time under
:attr:`WorkerPool.moves`.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from bti_docs.errors import ExitCode
from bti_docs.watch.guard import ReadGuard
from bti_docs.watch.inbox import Claim, FileKey, Inbox, Result, Status
from bti_docs.watch.logline import note
from bti_docs.watch.worker import Worker, origin

log = logging.getLogger("bti_docs.watch")


@dataclass
class Ticket:
    seq: int
    case: str | None = None  # None until the child has parsed the input (or if it never does)


class Sequencer:
    """Who may look at the archive now: per case, in the order the inputs were taken."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active: dict[int, Ticket] = {}
        self._next = 0

    def issue(self) -> Ticket:
        with self._cond:
            ticket = Ticket(self._next)
            self._next += 1
            self._active[ticket.seq] = ticket
            return ticket

    def known(self, ticket: Ticket, case: str) -> None:
        with self._cond:
            ticket.case = case
            self._cond.notify_all()

    def wait_turn(self, ticket: Ticket) -> None:
        with self._cond:
            self._cond.wait_for(lambda: not self._blocking(ticket))

    def finish(self, ticket: Ticket) -> None:
        with self._cond:
            self._active.pop(ticket.seq, None)
            self._cond.notify_all()

    def _blocking(self, ticket: Ticket) -> bool:
        """An earlier input still in hand that is (or may be) of the same case."""
        return any(other.seq < ticket.seq and (other.case is None or ticket.case is None or other.case == ticket.case)
                   for other in self._active.values())


class WorkerPool:
    """``count`` workers with the time limit; :meth:`submit` a claim when :meth:`free`, collect the results
    from :meth:`results`."""

    def __init__(self, processor: Callable[..., Any], count: int, time_limit: float,
                 close_fds: tuple[int, ...] = ()) -> None:
        self.split: SplitProcessor | None = processor if isinstance(processor, SplitProcessor) else None
        target = _prepare_only(self.split) if self.split is not None else processor
        self.workers = [Worker(target, time_limit, close_fds) for _ in range(count)]
        self.moves = threading.Lock()
        self.filing = threading.Lock()  # one archive commit at a time from this process
        self.sequencer = Sequencer()
        self._idle: list[Worker] = []
        self._cond = threading.Condition()
        self._done: queue.SimpleQueue[tuple[Claim, Result]] = queue.SimpleQueue()
        self._in_hand: set[Path] = set()
        self.on_free: Callable[[], None] | None = None  # told (from a pool thread) when a worker is free again

    def start(self) -> None:
        for worker in self.workers:
            worker.start()
        self._idle = list(self.workers)

    def stop(self) -> None:
        self.wait_idle()
        for worker in self.workers:
            worker.stop()

    # --- the main loop's side ----------------------------------------------------------------------------

    def free(self) -> bool:
        with self._cond:
            return bool(self._idle)

    def busy(self) -> bool:
        with self._cond:
            return bool(self._in_hand)

    def in_hand(self, path: Path) -> bool:
        with self._cond:
            return path in self._in_hand

    def wait_free(self, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: bool(self._idle), timeout)

    def wait_idle(self, timeout: float | None = None) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: not self._in_hand and len(self._idle) == len(self.workers), timeout)

    def submit(self, inbox: Inbox, claim: Claim, key: FileKey | None) -> None:
        """Hand a claimed input to a free worker (the caller checked :meth:`free`); ``key`` for the backoff."""
        with self._cond:
            worker = self._idle.pop()
            self._in_hand.add(claim.path)
        ticket = self.sequencer.issue()
        threading.Thread(target=self._run, args=(worker, ticket, inbox, claim, key), name="bti-docs-pool",
                         daemon=True).start()

    def results(self) -> list[tuple[Claim, Result]]:
        out: list[tuple[Claim, Result]] = []
        while True:
            try:
                out.append(self._done.get_nowait())
            except queue.Empty:
                return out

    # --- a thread per input in hand ----------------------------------------------------------------------

    def _run(self, worker: Worker, ticket: Ticket, inbox: Inbox, claim: Claim, key: FileKey | None) -> None:
        freed = False

        def processor(path: Path, display: str, *, before_commit: Callable[[], None] | None = None) -> Any:
            nonlocal freed
            self.moves.release()  # the inbox's own steps before and after run under the lock; this does not
            try:
                hooks: dict[str, Any] = {"on_case": partial(self.sequencer.known, ticket),
                                         "wait_turn": partial(self.sequencer.wait_turn, ticket)}
                if self.split is None:  # the whole processor in the child; it asks for its turn there
                    return worker(path, display, before_commit=before_commit, **hooks)
                prepared = worker(path, display, **hooks)  # validate, render, seal, check: time limit
                self._free(worker)  # the worker takes the next input while this one waits to be filed
                freed = True
                _wait_read_window(before_commit)
                self.sequencer.wait_turn(ticket)
                with self.filing:
                    return self.split.finish(prepared, before_commit=before_commit)
            finally:
                self.sequencer.finish(ticket)
                self.moves.acquire()

        try:
            with self.moves:
                result = inbox.handle(claim, processor)
        except Exception as exc:  # a bug of ours: the file stays where it is, taken again later
            where = origin(exc)
            said = note(log, logging.ERROR, "internal_error", "watch.log.internal_error", kind=type(exc).__name__,
                        where=where)
            result = Result(claim.id, Status.retry, f"{type(exc).__name__} at {where}", int(ExitCode.other), False,
                            key, said)
        finally:
            self.sequencer.finish(ticket)
        self._done.put((claim, result))
        with self._cond:
            self._in_hand.discard(claim.path)
            if not freed:
                self._idle.append(worker)
            self._cond.notify_all()
        self._told_free()

    def _free(self, worker: Worker) -> None:
        with self._cond:
            self._idle.append(worker)
            self._cond.notify_all()
        self._told_free()

    def _told_free(self) -> None:
        if self.on_free is not None:
            self.on_free()


@runtime_checkable
class SplitProcessor(Protocol):
    """A processor in two parts: ``prepare`` (validate, render, seal: in a worker, with the time limit) and
    ``finish`` (plan and file: in the watcher, in turn per case, after the read guard's window)."""

    def __call__(self, path: Path, display: str, *, before_commit: Callable[[], None] | None = None) -> Any: ...

    def prepare(self, path: Path, display: str) -> Any: ...

    def finish(self, prepared: Any, *, before_commit: Callable[[], None] | None = None) -> Any: ...


def _prepare_only(split: SplitProcessor) -> Callable[..., Any]:
    def prepare(path: Path, display: str, *, before_commit: Callable[[], None] | None = None) -> Any:
        return split.prepare(path, display)
    return prepare


def _wait_read_window(before_commit: Callable[[], None] | None) -> None:
    """Sleep out the read guard's window here, outside the filing lock (the check itself stays right before
    the commit), so that inputs wait for it side by side, not one after the other."""
    guard = getattr(before_commit, "__self__", None)
    if isinstance(guard, ReadGuard):
        remaining = guard.read_at + guard.window - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)

