"""Filing many inputs on several worker processes.

A case's documents are filed in order by one worker, since an event files a copy of the case's latest log;
different cases run in parallel. Each worker loads the settings once. One bad input never stops the others:
its failure takes its place in the results.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bti_docs import api
from bti_docs.config import Settings, load_settings
from bti_docs.errors import BtiError, ExitCode
from bti_docs.forms.load import load_form

# A worker process is replaced after this many cases: a safety net, so that no cache in the libraries below
# can grow without bound over a very large batch (a case is a few documents).
CASES_PER_WORKER = 250

_settings: Settings | None = None


def group_by_case(paths: Sequence[Path]) -> list[list[Path]]:
    """Inputs grouped by case key, each group in (document date, name) order; unreadable inputs alone."""
    groups: dict[str, list[tuple[str, str, Path]]] = {}
    for path in paths:
        form = load_form(path).form
        key = form.sak if form is not None else f"\0{path}"
        groups.setdefault(key, []).append((form.dato.isoformat() if form else "", str(path), path))
    return [[p for _d, _n, p in sorted(g)] for g in groups.values()]


def run_batch(
    paths: Sequence[Path], settings_path: Path, options: api.FileOptions, *, workers: int | None = None
) -> list[api.FileOutcome | api.FileFailure]:
    groups = group_by_case(paths)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    count = max(1, min(workers or cores, len(groups)))
    if count == 1:  # in this process: no start-up cost
        _init(settings_path)
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


def _file_group(group: list[Path], options: api.FileOptions) -> list[api.FileOutcome | api.FileFailure]:
    assert _settings is not None
    out: list[api.FileOutcome | api.FileFailure] = []
    for path in group:
        try:
            out.append(api.file_one(path, _settings, options))
        except BtiError as exc:
            out.append(api.FileFailure(str(path), exc.message, exc.exit_code, exc.problems))
        except Exception as exc:  # one input must never stop the batch; the type says enough, no data
            out.append(api.FileFailure(str(path), f"Uventa feil / uventet feil: {type(exc).__name__}",
                                       ExitCode.other, []))
    return out
