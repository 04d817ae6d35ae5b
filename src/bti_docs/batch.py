"""Filing many inputs on several worker processes: render in parallel, file each case in order.

Rendering a document (rules, HTML, PDF/A, seal, gates) does not look at the archive, so every input is
rendered on whichever worker is free. Filing does look at it (an event files a copy of the case's latest
log), so this process files the results one by one, each case's forms in (document date, name) order, as
they come back. Filing is the cheap part (plan, copy, journal).

Each input is read and parsed once, here, and handed to a worker as soon as it is read (the workers render
while the rest are read); the workers are forked from this process once, warm (settings, the seal
certificate and the fonts loaded before the first input). A rendered document whose Noark title the case
has changed by its turn is given the new title on the same pages (``pipeline.retitle``). Inputs this
archive has seen before are not sent to a worker: filing them here renders only if the archive still needs
it (usually it does not). Inputs with the same content are rendered once. A log copy that was rendered and
checked in this run is not checked again. One bad input never stops the others: its failure takes its
place in the results.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar

from bti_docs.archive import Archive
from bti_docs.archive.plan import form_sha256
from bti_docs.config import Settings, load_settings
from bti_docs.errors import BtiError
from bti_docs.forms.load import Loaded
from bti_docs.kinds import Form
from bti_docs.options import FileOptions
from bti_docs.outcome import FileFailure, FileOutcome, classify_error
from bti_docs.pipeline import RenderedDocument, file_validated, open_seal, render_valid
from bti_docs.text.voice import say
from bti_docs.validate import Validated, check_loaded, load

_settings: Settings | None = None
_options: FileOptions | None = None

Rendered = tuple[Validated, RenderedDocument]
T = TypeVar("T")

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


def worker_count(workers: int | None, inputs: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(workers or cores, inputs))


def run_batch(
    paths: Sequence[Path], settings_path: Path, options: FileOptions, *, workers: int | None = None,
    on_result: OnResult | None = None,
) -> list[FileOutcome | FileFailure]:
    global _settings, _options
    settings = load_settings(settings_path)
    _settings, _options = settings, options
    count = worker_count(workers, len(paths))
    report = on_result or (lambda _r: None)
    if count == 1:  # in this process: no start-up cost; render each input just before filing it
        loaded = [load(path, settings, lang=options.lang) for path in paths]
        seen = _seen_before(loaded, settings, options)
        first = _first_of_each_content(loaded, seen)
        order = [item for group in group_by_case(loaded) for item in group]
        results = _file_in_order(order, seen, lambda sha: _Now(first.pop(sha)), report)
    else:
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() \
            else None
        _open_seal(settings, options)  # once, here: the forked workers have it, and so has a retitle here
        with ProcessPoolExecutor(count, mp_context=context, initializer=_warm_up) as pool:
            try:
                loaded, seen, futures = _read_and_submit(paths, settings, options, pool, count)
                order = [item for group in group_by_case(loaded) for item in group]
                results = _file_in_order(order, seen, futures.pop, report)  # a PDF is let go once filed
            except KeyboardInterrupt:  # inputs not filed yet are not filed; the one in hand was finished
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    position = {str(p): i for i, p in enumerate(paths)}
    return sorted(results, key=lambda r: position.get(r.input, len(position)))


def _read_and_submit(paths: Sequence[Path], settings: Settings, options: FileOptions, pool: ProcessPoolExecutor,
                     count: int) -> tuple[list[Loaded], set[int], dict[str, Future[Rendered | FileFailure]]]:
    """Read every input; each one to render goes to the workers as soon as it is read (rendering starts while
    the rest are read), once per content. The last few go largest first, so that no six-page log is left
    for one worker while the other idles. Returns the inputs, those seen before (``id``s) and the renders."""
    loaded: list[Loaded] = []
    seen: set[int] = set()
    futures: dict[str, Future[Rendered | FileFailure]] = {}
    last: dict[str, Loaded] = {}
    tail_from = len(paths) - 2 * count
    with _SeenBefore(settings, options) as seen_before:
        for index, path in enumerate(paths):
            item = load(path, settings, lang=options.lang)
            loaded.append(item)
            if item.form is None:
                continue
            if seen_before(item.form):
                seen.add(id(item))
                continue
            sha = form_sha256(item.form)
            if sha in futures or sha in last:  # the same content twice: rendered once
                continue
            if index < tail_from:
                futures[sha] = pool.submit(_render, item)
            else:
                last[sha] = item
    for sha, item in sorted(last.items(), key=lambda kv: -len(kv[1].content)):
        futures[sha] = pool.submit(_render, item)
    return loaded, seen, futures


def _first_of_each_content(loaded: Sequence[Loaded], seen: set[int]) -> dict[str, Loaded]:
    """One render per content: the first input with it (inputs seen before are filed here, rendering if need
    be)."""
    first: dict[str, Loaded] = {}
    for item in loaded:
        if item.form is not None and id(item) not in seen:
            first.setdefault(form_sha256(item.form), item)
    return first


class _Now:
    """A render done on demand in this process, shaped like a Future."""

    def __init__(self, item: Loaded) -> None:
        self.item = item

    def result(self) -> Rendered | FileFailure:
        return _render(self.item)


def _file_in_order(order: list[Loaded], seen: set[int],
                   rendered_for: Callable[[str], Future[Rendered | FileFailure] | _Now],
                   report: OnResult) -> list[FileOutcome | FileFailure]:
    """File in case order; ``report`` hears each result as it comes (it may raise KeyboardInterrupt to stop
    between inputs: a first Ctrl-C)."""
    assert _settings is not None and _options is not None
    settings, options = _settings, _options
    checked: set[str] = set()  # PDFs that passed both gates in this run (a log copy is not checked again)
    out: list[FileOutcome | FileFailure] = []
    taken: set[str] = set()
    for item in order:
        sha = form_sha256(item.form) if item.form is not None else ""
        if item.form is None or id(item) in seen or sha in taken:  # the same content again: filed already
            out.append(_guarded(item.file, partial(_file_here, item, settings, options, checked)))
            report(out[-1])
            continue
        taken.add(sha)
        got = rendered_for(sha).result()
        if isinstance(got, FileFailure):
            out.append(got)
            report(got)
            continue
        validated, rendered = got
        if validated.file != item.file:  # the same content under two names: this one is filed first
            validated = check_loaded(item, settings, lang=options.lang)
        out.append(_guarded(item.file, partial(file_validated, validated, settings, options, rendered=rendered,
                                               checked=checked)))
        report(out[-1])
    return out


def _file_here(item: Loaded, settings: Settings, options: FileOptions, checked: set[str]) -> FileOutcome:
    return file_validated(check_loaded(item, settings, lang=options.lang), settings, options, checked=checked)


def _seen_before(loaded: Sequence[Loaded], settings: Settings, options: FileOptions) -> set[int]:
    """The inputs whose content this archive has filed before (a run again over the same folder): ``id``s."""
    with _SeenBefore(settings, options) as seen_before:
        return {id(item) for item in loaded if item.form is not None and seen_before(item.form)}


class _SeenBefore:
    """Whether the archive has filed a form's content before; an archive that cannot be opened counts as
    having seen everything (each input then says why when it is filed)."""

    def __init__(self, settings: Settings, options: FileOptions) -> None:
        self.settings, self.options = settings, options
        self.archive: Archive | None = None
        self.broken = False

    def __enter__(self) -> Callable[[Form], bool]:
        if self.options.archive.exists():
            try:
                self.archive = Archive(self.options.archive, self.settings).__enter__()
            except BtiError:
                self.broken = True
        return self.seen

    def seen(self, form: Form) -> bool:
        if self.broken:
            return True
        if self.archive is None:
            return False
        try:
            return bool(self.archive.already_filed(form_sha256(form)))
        except BtiError:
            self.broken = True
            return True

    def __exit__(self, *exc: object) -> None:
        if self.archive is not None:
            self.archive.__exit__(None, None, None)


def _open_seal(settings: Settings, options: FileOptions) -> None:
    with contextlib.suppress(BtiError):  # each input reports it
        open_seal(settings, options)


def _warm_up() -> None:
    """In each new worker: open the seal certificate and load the fonts before the first input."""
    assert _settings is not None and _options is not None
    from bti_docs.render.fonts import shared_font_config

    # Ctrl-C on a terminal reaches every process of the group: the parent stops the batch between inputs.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _open_seal(_settings, _options)  # opened before the fork (with fork); else here
    with contextlib.suppress(BtiError):  # each input reports it
        shared_font_config()


def _render(item: Loaded) -> Rendered | FileFailure:
    assert _settings is not None and _options is not None
    settings, options = _settings, _options
    return _guarded(item.file, partial(render_valid, item, settings, options))


def _guarded(file: str, step: Callable[[], T]) -> T | FileFailure:
    # the reader's language: --lang, else the municipality's målform
    lang = (_options.lang if _options else None) or (_settings.lang if _settings else "nn")
    try:
        return step()
    except BtiError as exc:
        return FileFailure(file, exc.render(lang), classify_error(exc).exit_code, exc.problems)
    except Exception as exc:  # one input must never stop the batch; the type says enough, no data
        return FileFailure(file, say("unexpected", lang, kind=type(exc).__name__), classify_error(exc).exit_code, [])
