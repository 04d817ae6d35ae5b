"""Filing many inputs on several worker processes.

A case's documents are filed in order by one worker, since an event files a copy of the case's latest log;
different cases run in parallel. Each input is read and parsed once, here, and handed to a worker parsed;
each worker loads the settings once. One bad input never stops the others: its failure takes its place in
the results.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bti_docs.config import Settings, load_settings
from bti_docs.errors import BtiError
from bti_docs.forms.load import Loaded
from bti_docs.options import FileOptions
from bti_docs.outcome import FileFailure, FileOutcome, classify_error
from bti_docs.pipeline import file_loaded
from bti_docs.text.voice import say
from bti_docs.validate import load

# A worker process is replaced after this many cases: a safety net, so that no cache in the libraries below
# can grow without bound over a very large batch (a case is a few documents).
CASES_PER_WORKER = 250

_settings: Settings | None = None


def group_by_case(loaded: Sequence[Loaded]) -> list[list[Loaded]]:
    """Inputs grouped by case key, each group in (document date, name) order; unreadable inputs alone."""
    groups: dict[str, list[tuple[str, str, Loaded]]] = {}
    for item in loaded:
        form = item.form
        key = form.sak if form is not None else f"\0{item.file}"
        groups.setdefault(key, []).append((form.dato.isoformat() if form else "", item.file, item))
    return [[item for _d, _n, item in sorted(g, key=lambda t: t[:2])] for g in groups.values()]


def run_batch(
    paths: Sequence[Path], settings_path: Path, options: FileOptions, *, workers: int | None = None
) -> list[FileOutcome | FileFailure]:
    settings = load_settings(settings_path)
    groups = group_by_case([load(path, settings) for path in paths])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    count = max(1, min(workers or cores, len(groups)))
    if count == 1:  # in this process: no start-up cost
        global _settings
        _settings = settings
        results = [r for g in groups for r in _file_group(g, options)]
    else:
        with ProcessPoolExecutor(count, initializer=_init, initargs=(settings_path,),
                                 max_tasks_per_child=CASES_PER_WORKER) as pool:
            chunks = pool.map(_file_group, groups, [options] * len(groups))
            results = [r for chunk in chunks for r in chunk]
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(results, key=lambda r: order.get(r.input, len(order)))


def _init(settings_path: Path) -> None:
    global _settings
    _settings = load_settings(settings_path)


def _file_group(group: list[Loaded], options: FileOptions) -> list[FileOutcome | FileFailure]:
    assert _settings is not None
    out: list[FileOutcome | FileFailure] = []
    lang = options.lang or _settings.lang  # the reader's language: --lang, else the municipality's målform
    for item in group:
        try:
            out.append(file_loaded(item, _settings, options))
        except BtiError as exc:
            out.append(FileFailure(item.file, exc.render(lang), classify_error(exc).exit_code, exc.problems))
        except Exception as exc:  # one input must never stop the batch; the type says enough, no data
            out.append(FileFailure(item.file, say("unexpected", lang, kind=type(exc).__name__),
                                   classify_error(exc).exit_code, []))
    return out
