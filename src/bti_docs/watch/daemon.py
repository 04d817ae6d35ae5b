"""The watch daemon: watchdog's observer, periodic rescans, signals, and the loop that hands inputs to workers.

Events only say *where to look*: they can be lost (queue overflow; on SMB/NFS they do not arrive at all, hence
``--poll``), so the inbox is also scanned at start-up and every ``rescan_seconds``, and claims left in
``.processing/`` by a crash are taken up again at start-up and at every rescan. The main thread claims a file
when one of the ``workers`` worker processes (``pool.WorkerPool``, forked at start, each with the time limit)
is free (a worker that becomes free wakes the loop at once); each case's inputs are filed in the order they
were claimed. A file that the native observer saw renamed into the inbox is claimed at once and, when nobody
has it open for writing, its read guard does not wait ``settle_seconds`` (it still compares before the commit
and before done/); a file written in
place, and every file when polling, waits. SIGTERM or SIGINT stops the loop after the files in hand.

``python -m bti_docs.watch.daemon`` runs it without the rest of the CLI (systemd, tests).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from bti_docs.errors import BtiError, ExitCode
from bti_docs.i18n import Lang
from bti_docs.outcome import run_guarded
from bti_docs.text.parser import parser_class
from bti_docs.text.voice import DEFAULT_LANG, Joined, phrase, say
from bti_docs.watch import safety
from bti_docs.watch.inbox import Claim, FileKey, Inbox, Processor, Result, Status
from bti_docs.watch.logline import Line, note, os_reason, speak
from bti_docs.watch.pool import WorkerPool
from bti_docs.watch.ready import Backoff, Tracker
from bti_docs.watch.settings import WatchConfig, add_watch_arguments, config_from_args
from bti_docs.watch.worker import origin, report_case

log = logging.getLogger("bti_docs.watch")

ProcessorFactory = Callable[[WatchConfig], tuple[WatchConfig, Processor]]


def pool_size(config: WatchConfig) -> int:
    """Worker processes: ``workers``, else one per core."""
    if config.workers is not None:
        return config.workers
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def pipeline_processor(config: WatchConfig) -> tuple[WatchConfig, Processor]:
    """The real pipeline for ``config``: settings loaded and the seal certificate opened once, at start
    (ConfigError or SealError now, not a retry for every file); the report language defaults to the
    municipality's målform."""
    from bti_docs import api
    from bti_docs.pipeline import seal_config
    from bti_docs.seal import check_trust_roots, signer_description

    settings = api.open_settings(config.rules)
    seal = seal_config(settings, config.cert, tuple(config.trust), config.password_file)
    signer_description(seal)  # a bad certificate or password stops us first (exit 9)
    if not seal.trust_roots:  # every seal check would fail: refuse now, with the reason, not file by file
        from bti_docs.errors import ConfigError
        from bti_docs.i18n import message

        raise ConfigError(message("watch_no_trust_root", config.report_lang or api.messages_lang(settings)))
    check_trust_roots(seal.trust_roots)  # an unreadable root, too, stops us now (exit 9), not file by file
    options = api.FileOptions(
        archive=config.archive, cert=config.cert, trust=config.trust, pdfa=config.pdfa, lang=config.lang,
        password_file=config.password_file,
    )
    if config.report_lang is None:
        config = config.model_copy(update={"report_lang": api.messages_lang(settings)})
    return config, PipelineProcessor(settings, options)


class PipelineProcessor:
    """``api.file_one`` for one worker; for a pool, in two parts (``WorkerPool``): ``prepare`` in a worker,
    ``finish`` in the watcher, in turn."""

    def __init__(self, settings: Any, options: Any) -> None:
        self.settings = settings
        self.options = options

    def __call__(self, path: Path, display: str, *, before_commit: Callable[[], None] | None = None) -> Any:
        from bti_docs import api

        outcome = api.file_one(path, self.settings, self.options, display=display, before_commit=before_commit)
        self._due_list()
        return outcome

    def prepare(self, path: Path, display: str) -> Any:
        from bti_docs import api

        return api.prepare_file(path, self.settings, self.options, display=display, on_case=report_case)

    def finish(self, prepared: Any, *, before_commit: Callable[[], None] | None = None) -> Any:
        from bti_docs import api

        outcome = api.file_prepared(prepared, self.settings, self.options, before_commit=before_commit)
        self._due_list()
        return outcome

    def _due_list(self) -> None:
        """The leaders' due list, once a day where ``arkivering.oversikt.frister_mappe`` is set."""
        from bti_docs import api

        try:
            api.write_due_list(self.options.archive, self.settings)
        except (BtiError, OSError) as exc:  # never a reason to reject or retry an input that was filed
            note(log, logging.WARNING, "due_list_failed", "watch.log.due_list_failed", kind=type(exc).__name__)


class _Events(FileSystemEventHandler):
    """Runs in the observer's thread: hands (kind, name) of the inbox's own entries to the main loop."""

    def __init__(self, folder: Path, sink: queue.SimpleQueue[tuple[str, str]]) -> None:
        self.folder = os.path.normpath(folder)
        self.sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        src, dest = os.fsdecode(event.src_path), os.fsdecode(event.dest_path)
        if event.event_type == "moved":
            self._put("moved_from", src)
            self._put("moved_to", dest)
        else:
            self._put(event.event_type, src)

    def _put(self, kind: str, path: str) -> None:
        if path and os.path.dirname(os.path.normpath(path)) == self.folder:
            self.sink.put((kind, os.path.basename(path)))


_WAKE = "wake"  # not an observer event: a worker became free


def _native_observer() -> BaseObserver:
    """The platform's observer; on Linux (inotify) one that reports a file moved in from outside the inbox
    as a move (moved_to), not as a file created: it arrived whole."""
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return Observer()
    return InotifyObserver(generate_full_events=True) if Observer is InotifyObserver else Observer()


class Watcher:
    def __init__(self, config: WatchConfig, processor: Processor, inbox: Inbox, stop: threading.Event,
                 clock: Callable[[], float] = time.monotonic, pool: WorkerPool | None = None) -> None:
        self.config = config
        self.pool = pool
        self.processor = processor
        self.inbox = inbox
        self.stop = stop
        self.clock = clock
        self.tracker = Tracker(config.settle_seconds, config.stale_open_seconds)
        self.backoff = Backoff(config.retry_seconds, config.retry_max_seconds)
        self.events: queue.SimpleQueue[tuple[str, str]] = queue.SimpleQueue()
        self.tick = min(0.25, max(0.05, config.settle_seconds / 4))
        self.counts: dict[Status, int] = dict.fromkeys(Status, 0)
        self.exit_code = int(ExitCode.ok)
        self.on_result: Callable[[Result], None] | None = None  # each input's outcome (watch --json)
        # The native observer's events are trusted to say a file was renamed into the inbox (complete at
        # once); with polling (SMB, NFS) every file waits out the read guard's settle window.
        self.native_events = False
        if pool is not None:  # a worker that becomes free wakes the loop at once, not at its next tick
            pool.on_free = self._wake

    def _wake(self) -> None:
        self.events.put((_WAKE, ""))

    # --- one file ---------------------------------------------------------------------------------------

    def take(self, name: str, key: FileKey) -> Result | None:
        """Claim ``name`` and process it: here, or with a pool on a free worker (then None: the result comes
        later, from :meth:`collect`)."""
        renamed_in = self.native_events and self.tracker.renamed(name)
        if self.pool is not None:
            return self._dispatch(name, key, renamed_in)
        try:
            got = self.inbox.claim(name, key, renamed_in=renamed_in)
            result = got if isinstance(got, Result) else self.inbox.handle(got, self.processor)
        except Exception as exc:  # a bug of ours: the file stays where it is (inbox or .processing)
            result = self._internal_error(exc, key)
        self.tracker.forget(name)
        self._account(result)
        return result

    def _dispatch(self, name: str, key: FileKey, renamed_in: bool) -> Result | None:
        assert self.pool is not None
        try:
            with self.pool.moves:
                got = self.inbox.claim(name, key, renamed_in=renamed_in)
        except Exception as exc:
            got = self._internal_error(exc, key)
        self.tracker.forget(name)
        if isinstance(got, Result):
            self._account(got)
            return got
        self.pool.submit(self.inbox, got, key)
        return None

    def collect(self) -> None:
        """Account for what the pool's workers finished; an input back in the inbox is looked at again."""
        if self.pool is None:
            return
        busy = False
        for _claim, result in self.pool.results():
            self._account(result)
            busy = busy or result.status is Status.busy
        if busy:
            self.rescan()

    def wait_for_worker(self) -> bool:
        """With a pool: wait (collecting results) until a worker is free; False when stopping."""
        while self.pool is not None and not self.pool.wait_free(self.tick):
            self.collect()
            if self.stop.is_set():
                return False
        self.collect()
        return not self.stop.is_set()

    def finish_in_hand(self) -> None:
        if self.pool is not None:
            self.pool.wait_idle()
            self.collect()

    def resume(self, claim: Claim, key: FileKey) -> Result | None:
        if self.pool is not None:
            if not self.wait_for_worker():
                return None
            self.pool.submit(self.inbox, claim, key)
            return None
        try:
            result = self.inbox.handle(claim, self.processor)
        except Exception as exc:
            result = self._internal_error(exc, key)
        self._account(result)
        return result

    @staticmethod
    def _internal_error(exc: Exception, key: FileKey) -> Result:
        where = origin(exc)
        said = note(log, logging.ERROR, "internal_error", "watch.log.internal_error", kind=type(exc).__name__,
                    where=where)
        note(log, logging.DEBUG, "traceback", "watch.log.traceback", exc_info=True)
        return Result("-", Status.retry, f"{type(exc).__name__} at {where}", int(ExitCode.other), False, key, said)

    def _account(self, result: Result) -> None:
        self.counts[result.status] += 1
        if self.on_result is not None:
            self.on_result(result)
        now = self.clock()
        if result.status in (Status.filed, Status.duplicate, Status.nothing_to_file):
            self.backoff.recovered()
        if result.status is Status.retry:
            self.exit_code = result.exit_code or int(ExitCode.other)
            if result.key is not None:
                self.backoff.hold(result.key, now)
            if result.systemic:
                delay = self.backoff.pause(now)
                note(log, logging.WARNING, "paused", "watch.log.paused", seconds=round(delay))

    def recover(self) -> None:
        """Finish what a crashed run (or a failed move) left in .processing/."""
        try:
            leftovers = self.inbox.leftovers()
        except OSError as exc:
            note(log, logging.ERROR, "list_failed", "watch.log.list_processing_failed", reason=os_reason(exc))
            return
        todo: list[tuple[Claim, FileKey]] = []
        for claim in leftovers:
            if self.pool is not None and self.pool.in_hand(claim.path):
                continue
            try:
                key = FileKey.of(os.lstat(claim.path))
            except OSError:
                continue
            if not self.backoff.blocked(key, self.clock()):
                todo.append((claim, key))
        if todo:
            note(log, logging.INFO, "leftovers", "watch.log.leftovers", count=len(todo))
        for claim, key in todo:
            if self.stop.is_set() or self.backoff.paused(self.clock()):
                break
            self.resume(claim, key)

    # --- scanning -----------------------------------------------------------------------------------------

    def rescan(self) -> None:
        now = self.clock()
        try:
            names = self.inbox.scan()
        except OSError as exc:
            note(log, logging.ERROR, "list_failed", "watch.log.list_inbox_failed", reason=os_reason(exc))
            return
        for name in names:
            self.tracker.seen(name, now)

    def drain(self, timeout: float) -> None:
        try:
            kind, name = self.events.get(timeout=timeout) if timeout > 0 else self.events.get_nowait()
        except queue.Empty:
            return
        while True:
            if kind != _WAKE and not safety.is_ignored_name(name):
                self.tracker.event(kind, name, self.clock())
            try:
                kind, name = self.events.get_nowait()
            except queue.Empty:
                return

    def candidate_stat(self, name: str) -> os.stat_result | None:
        """``lstat`` of an inbox entry the watcher may take (events also report fifos and the like)."""
        st = self.inbox.stat(name)
        return st if st is not None and safety.is_candidate_entry(st) else None

    def take_due(self) -> None:
        for name, key in self.tracker.due(self.clock(), self.candidate_stat):
            now = self.clock()
            if self.stop.is_set() or self.backoff.paused(now):
                return
            if self.backoff.blocked(key, now):
                continue
            if self.pool is not None and not self.pool.free():
                return
            self.take(name, key)
            self.drain(0)

    # --- the two modes ---------------------------------------------------------------------------------

    def run_once(self) -> int:
        """Process what is in the inbox now; leave what is still being written for the next run."""
        self.recover()
        self.rescan()
        deadline = self.clock() + max(30.0, 10 * self.config.settle_seconds)
        while (len(self.tracker) or (self.pool is not None and self.pool.busy())) and not self.stop.is_set():
            self.collect()
            if self.backoff.paused(self.clock()):
                note(log, logging.WARNING, "stopping", "watch.log.stopping_left", count=len(self.tracker))
                break
            for name, key in self.tracker.due(self.clock(), self.candidate_stat):
                if self.stop.is_set() or self.backoff.paused(self.clock()):
                    break
                if self.pool is not None and not self.wait_for_worker():
                    break
                result = self.take(name, key)
                if result is not None and result.status is Status.busy:
                    self.rescan()  # back in the inbox, perhaps under another name
            if self.clock() > deadline:
                note(log, logging.WARNING, "still_writing", "watch.log.still_writing", count=len(self.tracker))
                break
            self.stop.wait(self.tick)
        self.finish_in_hand()
        self._summary()
        return self.exit_code

    def run_forever(self, poll: bool) -> int:
        observer = self._observe(poll)
        self.recover()
        self.rescan()
        next_rescan = self.clock() + self.config.rescan_seconds
        while not self.stop.is_set():
            self.drain(self.tick)
            self.collect()
            if self.clock() >= next_rescan:
                if observer is None or not observer.is_alive():
                    observer = self._observe(poll)
                self.recover()
                self.rescan()
                next_rescan = self.clock() + self.config.rescan_seconds
            if not self.backoff.paused(self.clock()):
                self.take_due()
        self.finish_in_hand()
        if observer is not None:
            observer.stop()
            observer.join(timeout=10)
        self._summary()
        return int(ExitCode.ok)

    def _observe(self, poll: bool) -> BaseObserver | None:
        handler = _Events(self.config.inbox, self.events)
        kinds = [(True, "polling")] if poll else [(False, "native"), (True, "fallback")]
        for polling, label in kinds:
            try:
                observer = PollingObserver(timeout=self.config.poll_interval) if polling else _native_observer()
                observer.schedule(handler, str(self.config.inbox), recursive=False)
                observer.start()
            except OSError as exc:
                note(log, logging.WARNING, "observer_failed", "watch.log.observer_failed",
                     how=phrase(f"watch.log.observer.{label}"), reason=os_reason(exc))
                continue
            note(log, logging.INFO, "watching", "watch.log.watching", how=phrase(f"watch.log.observer.{label}"),
                 observer="native" if label == "native" else "polling")
            self.native_events = not polling
            return observer
        self.native_events = False
        note(log, logging.ERROR, "no_observer", "watch.log.no_observer", seconds=round(self.config.rescan_seconds))
        return None

    def _summary(self) -> None:
        if self.stop.is_set():
            note(log, logging.INFO, "stop_requested", "watch.log.stop_requested")
        counts = {s.value: n for s, n in self.counts.items() if n}
        if not counts:
            note(log, logging.INFO, "stopped", "watch.log.stopped.nothing")
            return
        said = Joined([phrase(f"watch.log.count.{s}", count=n) for s, n in counts.items()], ", ")
        note(log, logging.INFO, "stopped", "watch.log.stopped", counts=said, tally=counts)


def run_watch(config: WatchConfig, processor: Processor, *, once: bool, poll: bool,
              stop_event: threading.Event | None = None, isolate: bool = True,
              on_result: Callable[[Result], None] | None = None) -> int:
    """Watch ``config.inbox`` and file what arrives with ``processor``; with ``once``, what is there now.

    ``processor`` runs in a worker process with the time limit; ``isolate=False`` runs it in this process
    without one (tests that look at the processor's own state). ``on_result`` sees each input's outcome.

    Raises ConfigError for a layout that is unsafe or loops, or when another watcher holds the inbox.
    Returns 0, or (``once``) the exit code of the last error on our side that left an input for later.
    """
    speak(config.report_lang or DEFAULT_LANG)
    _ensure_logging(config.log_level, config.log_format)
    stop = stop_event or threading.Event()
    inbox = Inbox(config, lang=config.report_lang or "nb")
    inbox.prepare()
    mode = "once" if once else ("polling" if poll or config.poll else "events")
    with inbox.locked(), _signals(stop):
        note(log, logging.INFO, "started", "watch.log.started", mode=phrase(f"watch.log.mode.{mode}"),
             inbox=str(config.inbox), archive=str(config.archive))
        close_fds = (inbox.lock_fd,) if inbox.lock_fd is not None else ()
        count = pool_size(config)
        pool = WorkerPool(processor, count, config.time_limit_seconds, close_fds) if isolate else None
        if pool is not None:
            pool.start()  # forked now, before the observer's thread starts
            note(log, logging.INFO, "workers", "watch.log.workers", count=count)
        try:
            watcher = Watcher(config, processor, inbox, stop, pool=pool)
            watcher.on_result = on_result
            return watcher.run_once() if once else watcher.run_forever(poll or config.poll)
        finally:
            if pool is not None:
                pool.stop()


@contextlib.contextmanager
def _signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT set ``stop``; the loop notices between files (nothing is logged in the handler)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


_WATCHDOG_LOGGERS = ("watchdog", "watchdog.observers.inotify", "watchdog.observers.inotify_c",
                     "watchdog.observers.inotify_move_event_grouper", "watchdog.observers.polling")


class _NoFileNames(logging.Filter):
    """watchdog logs OS errors as they come, and their text can hold a file's name: keep only the reason."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                f"{a.strerror or type(a).__name__} (errno {a.errno})" if isinstance(a, OSError) else a
                for a in record.args
            )
        record.exc_info = None
        record.exc_text = None
        return True


class _OperatorFormat(logging.Formatter):
    """Operator lines: ``TIME LEVEL event: [ID] text``, the time in ISO 8601 with the UTC offset, the text in the
    municipality's målform (``logline``); or (``json``) one JSON object per line with ``time``, ``level``,
    ``event``, ``id`` (the claim id, or null), ``message`` (the same text), ``data`` (the line's machine fields:
    counts, hashes, error codes) and ``logger``, for journald and ELK. ``event`` is a stable word to filter on;
    lines not from the watcher itself (watchdog's) have ``module.function``. Lines hold no names or id numbers
    (only claim ids, counts, reasons and the watcher's own folders)."""

    def __init__(self, fmt: str) -> None:
        super().__init__()
        self.json = fmt == "json"

    def format(self, record: logging.LogRecord) -> str:
        import json
        from datetime import datetime

        when = datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")
        line = record.msg if isinstance(record.msg, Line) else None
        if line is not None:
            event, claim, text, data = line.event, line.claim, line.text(), line.data()
        else:
            event = str(getattr(record, "event", "") or f"{record.module}.{record.funcName}")
            claim, text, data = None, record.getMessage(), {}
        if self.json:
            return json.dumps({"time": when, "level": record.levelname, "event": event, "id": claim,
                               "message": text, "data": data, "logger": record.name}, ensure_ascii=False)
        return f"{when} {record.levelname} {event}: " + (f"[{claim}] {text}" if claim else text)


def _ensure_logging(level: str, fmt: str = "text") -> None:
    """One line per event on stderr (journald under systemd), unless the host program set logging up."""
    for name in _WATCHDOG_LOGGERS:  # a logger's filters do not see its children's records: name each
        logger = logging.getLogger(name)
        if not any(isinstance(f, _NoFileNames) for f in logger.filters):
            logger.addFilter(_NoFileNames())
    if not logging.getLogger().handlers and not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OperatorFormat(fmt))
        log.addHandler(handler)
        log.propagate = False
    log.setLevel(level)


def main(argv: Sequence[str] | None = None, *, make_processor: ProcessorFactory = pipeline_processor) -> int:
    """``python -m bti_docs.watch.daemon``: the same arguments as ``bti-docs watch``, plus ``--rules``."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _voice(arguments)
    parser = parser_class(lang)(prog="bti-docs-watch", description=say("cli.watch.description", lang))
    parser.add_argument("--rules", type=Path, default=None, help=say("cli.rules", lang))
    add_watch_arguments(parser)
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else int(ExitCode.bad_args)
    spoken: list[Lang] = [lang]

    def watch() -> int:
        config, processor = make_processor(config_from_args(args))
        spoken[0] = config.report_lang or lang  # the settings' målform, once they are read
        return run_watch(config, processor, once=args.once, poll=bool(args.poll))

    return run_guarded("bti-docs watch", watch, lang=lambda: spoken[0])


def _voice(argv: Sequence[str]) -> Lang:
    """``--report-lang`` or ``--lang`` if given, else the municipality's målform when its settings are found."""
    for name in ("--report-lang", "--lang"):
        for i, arg in enumerate(argv):
            if arg == name and i + 1 < len(argv):
                value = argv[i + 1]
            elif arg.startswith(name + "="):
                value = arg.partition("=")[2]
            else:
                continue
            if value in ("nn", "nb"):
                return "nn" if value == "nn" else "nb"
    from bti_docs import api

    try:
        return api.messages_lang(api.open_settings())
    except (BtiError, OSError, ValueError):
        return DEFAULT_LANG


if __name__ == "__main__":
    raise SystemExit(main())
