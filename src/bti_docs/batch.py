"""Filing many inputs on several worker processes.

A case's documents are filed in order by one worker, since an event files a copy of the case's latest log;
different cases run in parallel. Each input is read and parsed once, here, and handed to a worker parsed;
each worker loads the settings once. One bad input never stops the others: its failure takes its place in
the results.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bti_docs.config import Settings, load_settings
from bti_docs.errors import BtiError
from bti_docs.forms.load import Loaded
from bti_docs.options import FileOptions
from bti_docs.outcome import FileFailure, FileOutcome, classify_error
from bti_docs.pipeline import file_loaded
from bti_docs.validate import load

# A worker process is replaced after this many cases: a safety net, so that no cache in the libraries below
# can grow without bound over a very large batch (a case is a few documents).
CASES_PER_WORKER = 250

_settings: Settings | None = None

# Called in this process with each result as it comes (a case's results when its worker is done with it).
OnResult = Callable[[FileOutcome | FileFailure], None]


def group_by_case(loaded: Sequence[Loaded]) -> list[list[Loaded]]:
    """Inputs grouped by case key, each group in (document date, name) order; unreadable inputs alone."""
    groups: dict[str, list[tuple[str, str, Loaded]]] = {}
    for item in loaded:
        form = item.form
        key = form.sak if form is not None else f"\0{item.file}"
        groups.setdefault(key, []).append((form.dato.isoformat() if form else "", item.file, item))
    return [[item for _d, _n, item in sorted(g, key=lambda t: t[:2])] for g in groups.values()]


def run_batch(
    paths: Sequence[Path], settings_path: Path, options: FileOptions, *, workers: int | None = None,
    on_result: OnResult | None = None,
) -> list[FileOutcome | FileFailure]:
    settings = load_settings(settings_path)
    groups = group_by_case([load(path, settings) for path in paths])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    count = max(1, min(workers or cores, len(groups)))
    report = on_result or (lambda _r: None)
    results: list[FileOutcome | FileFailure] = []
    if count == 1:  # in this process: no start-up cost
        global _settings
        _settings = settings
        for g in groups:
            for r in _file_group(g, options, report):
                results.append(r)
    else:
        with ProcessPoolExecutor(count, initializer=_init, initargs=(settings_path,),
                                 max_tasks_per_child=CASES_PER_WORKER) as pool:
            try:
                for chunk in pool.map(_file_group, groups, [options] * len(groups)):
                    for r in chunk:
                        report(r)
                        results.append(r)
            except KeyboardInterrupt:  # cases not begun are not begun; those in hand are finished
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(results, key=lambda r: order.get(r.input, len(order)))


def _init(settings_path: Path) -> None:
    global _settings
    # Ctrl-C on a terminal reaches every process of the group: the parent stops the batch between cases, a
    # worker finishes the input in hand (an input is filed whole or not at all).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _settings = load_settings(settings_path)


def _file_group(group: list[Loaded], options: FileOptions,
                report: OnResult | None = None) -> list[FileOutcome | FileFailure]:
    assert _settings is not None
    out: list[FileOutcome | FileFailure] = []
    for item in group:
        result: FileOutcome | FileFailure
        try:
            result = file_loaded(item, _settings, options)
        except BtiError as exc:
            result = FileFailure(item.file, exc.message, classify_error(exc).exit_code, exc.problems)
        except Exception as exc:  # one input must never stop the batch; the type says enough, no data
            result = FileFailure(item.file, f"Uventa feil / uventet feil: {type(exc).__name__}",
                                 classify_error(exc).exit_code, [])
        out.append(result)
        if report is not None:
            report(result)
    return out
