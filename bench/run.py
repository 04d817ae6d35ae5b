"""How fast is bti-docs? Prints a table of figures for a realistic document mix and saves it in bench/results/.

    .venv/bin/python bench/run.py            # full run: 1,000-document batches (about 10-12 min on 2 cores)
    .venv/bin/python bench/run.py --quick    # 100-document batches, fewer repetitions (a few minutes)

See bench/README.md for what each figure means. This is a measurement, not a test: it never fails on a
missed target, it reports it.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import math
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import BatchResult, memory_points, peak_total_rss, run_batch
from common import (
    KINDS,
    PROBES,
    REPO,
    STAGES,
    Probe,
    Setup,
    bare_weasyprint,
    make_inputs,
    make_setup,
    median,
    mib,
    ms,
    p95,
    run_staged,
)
from office import OfficeResult, run_office
from samples import SampleResult, run_samples
from startup import StartupResult, run_startup
from watch import WatchResult, run_watch
from watch import summary as latency_summary

from bti_docs import api

RESULTS = REPO / "bench" / "results"
STAGE_SEQUENCE = (("consent", "opprette"), ("log", ""), ("transfer", ""))

# The targets of the issue, as ratios measured in one run.
TARGET_PIPELINE_VS_BARE = 1.25  # whole warm pipeline / bare WeasyPrint render, at most
TARGET_VS_LIBREOFFICE = 5.0  # LibreOffice route / our pipeline, at least
TARGET_SPEEDUP = 1.8  # documents per second with 2 workers / with 1, at least
TARGET_MEMORY_GROWTH = 0.10  # peak RSS growth from 10 % to 100 % of the batch, at most
TARGET_VALIDATE_STARTUP = 0.5  # seconds, at most
TARGET_WATCH_P95 = 1.5  # seconds from drop to filed, idle inbox, p95, at most
TARGET_BURST_CORES = 1.8  # cores kept busy by a burst on 2 workers, at least (of 2)


class Report:
    """Lines printed as they come and kept for the results file."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str = "") -> None:
        self.lines.append(line)
        print(line, flush=True)

    def table(self, header: list[str], rows: list[list[str]], align: str = "") -> None:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        align = align or "l" + "r" * (len(header) - 1)

        def fmt(row: list[str]) -> str:
            return "  ".join(c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, align, strict=True))

        self(fmt(header).rstrip())
        self("  ".join("-" * w for w in widths))
        for row in rows:
            self(fmt(row).rstrip())

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "MISS"


# --- the machine ------------------------------------------------------------------------------------------


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _pkg(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _harfbuzz_version() -> str:
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("harfbuzz")
    if not name:
        return "?"
    try:
        lib = ctypes.CDLL(name)
        lib.hb_version_string.restype = ctypes.c_char_p
        return str(lib.hb_version_string().decode())
    except (OSError, AttributeError):
        return "?"


def machine_lines() -> list[str]:
    from bti_docs.render.html import harfbuzz_subset_available

    cpuinfo = _read("/proc/cpuinfo")
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor() or "?")
    meminfo = _read("/proc/meminfo")
    total = next((int(line.split()[1]) * 1024 for line in meminfo.splitlines() if line.startswith("MemTotal")), 0)
    os_name = next((line.split("=", 1)[1].strip('"') for line in _read("/etc/os-release").splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system())
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    subsetter = ("HarfBuzz (libharfbuzz-subset0): fast path" if harfbuzz_subset_available()
                 else "fontTools: SLOW fallback, install libharfbuzz-subset0")
    return [
        f"CPU:      {model}, {cores} core(s) usable (os.cpu_count {os.cpu_count()})",
        f"RAM:      {total / 2**30:.1f} GiB",
        f"OS:       {os_name}, Linux {platform.release()}",
        f"Python:   {platform.python_version()} ({sys.executable})",
        f"Packages: WeasyPrint {_pkg('weasyprint')}, pydyf {_pkg('pydyf')}, pyHanko {_pkg('pyhanko')}, "
        f"cryptography {_pkg('cryptography')}, pikepdf {_pkg('pikepdf')}, fontTools {_pkg('fonttools')}, "
        f"docxtpl {_pkg('docxtpl')}",
        f"Fonts:    HarfBuzz {_harfbuzz_version()}; subsetting with {subsetter}",
        f"Load:     {_loadavg()} (1/5/15 min) at start; other work on the machine skews the figures",
    ]


def _loadavg() -> str:
    return " ".join(_read("/proc/loadavg").split()[:3]) or "?"


# --- 1. stages --------------------------------------------------------------------------------------------


@dataclass
class StageReport:
    reps: int
    stage_times: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # kind -> stage -> seconds
    probe_times: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # kind -> probe -> seconds
    totals: dict[str, list[float]] = field(default_factory=dict)  # kind -> sum of the stages, per document
    bare: dict[str, list[float]] = field(default_factory=dict)
    measured: dict[str, list[float]] = field(default_factory=dict)  # kind -> one call for the whole pipeline
    measured_via: str = ""
    pages: dict[str, int] = field(default_factory=dict)
    bare_fonts: set[str] = field(default_factory=set)

    def mix(self, values: dict[str, float]) -> float:
        return sum(k.weight * values[k.key] for k in KINDS)

    def whole(self, kind: str) -> float:
        return median(self.totals[kind])

    def whole_mix(self) -> float:
        return self.mix({k.key: self.whole(k.key) for k in KINDS})

    def bare_mix(self) -> float:
        return self.mix({k.key: median(self.bare[k.key]) for k in KINDS})


def _pdf_facts(pdf: bytes) -> tuple[int, set[str]]:
    import pikepdf

    fonts: set[str] = set()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            resources: Any = page.obj.get("/Resources", pikepdf.Dictionary())
            for font in resources.get("/Font", pikepdf.Dictionary()).values():
                fonts.add(str(font.get("/BaseFont", "?")).split("+")[-1])
        return len(doc.pages), fonts


def measure_stages(setup: Setup, reps: int, warmup: int, whole_reps: int) -> StageReport:
    report = StageReport(reps)
    for k in KINDS:
        report.stage_times[k.key] = {s: [] for s, _ in STAGES}
        report.probe_times[k.key] = {}
        report.totals[k.key], report.bare[k.key], report.measured[k.key] = [], [], []
    staged = make_inputs(setup.work / "stage-inputs", (warmup + reps) * 3, "BSTAGE", STAGE_SEQUENCE)
    whole = make_inputs(setup.work / "whole-inputs", max(1, whole_reps) * 3, "BWHOLE", STAGE_SEQUENCE)
    report.measured_via = "api.file_one"
    root = setup.work / "stage-archive"
    whole_options = setup.file_options(setup.work / "whole-archive")
    probe = Probe(PROBES)
    with probe.installed():
        for i, (key, path) in enumerate(staged):
            rep = i // 3
            probe.reset()
            run = run_staged(path, setup, root)
            probes = dict(probe.totals)
            start = time.perf_counter()
            bare_pdf = bare_weasyprint(run.html)
            bare_s = time.perf_counter() - start
            if rep < warmup:
                if rep == 0:
                    report.pages[key] = _pdf_facts(run.pdf)[0]
                    report.bare_fonts |= _pdf_facts(bare_pdf)[1]
                continue
            for stage, seconds in run.times.items():
                report.stage_times[key][stage].append(seconds)
            for label, seconds in probes.items():
                report.probe_times[key].setdefault(label, []).append(seconds)
            report.totals[key].append(sum(run.times.values()))
            report.bare[key].append(bare_s)
            measured_rep = rep - warmup
            if measured_rep < whole_reps:
                wkey, wpath = whole[measured_rep * 3 + [k for k, _ in STAGE_SEQUENCE].index(key)]
                assert wkey == key
                start = time.perf_counter()
                api.file_one(wpath, setup.settings, whole_options)
                report.measured[key].append(time.perf_counter() - start)
            if i % 3 == 2:
                progress(f"stages: {rep + 1}/{warmup + reps} rounds")
    return report


def print_stages(out: Report, r: StageReport) -> None:
    out(f"1. PER STAGE, WARM: ms per document, median and p95 over {r.reps} documents of each kind; "
        "mix = weighted mean of the medians")
    out()
    header = ["stage"]
    for k in KINDS:
        header += [k.label, "p95"]
    header += ["mix"]

    def row(label: str, series: dict[str, list[float]]) -> list[str]:
        cells = [label]
        for k in KINDS:
            cells += [ms(median(series.get(k.key, []))), ms(p95(series.get(k.key, [])))]
        return [*cells, ms(r.mix({k.key: median(series.get(k.key, [])) for k in KINDS}))]

    rows = [row(label, {k.key: r.stage_times[k.key][stage] for k in KINDS}) for stage, label in STAGES]
    rows.append(row("WHOLE PIPELINE (sum of the stages)", r.totals))
    rows.append(row("bare WeasyPrint, same HTML", r.bare))
    rows.append(row(f"cross-check: one {r.measured_via} call", r.measured))
    for label in sorted({label for k in KINDS for label in r.probe_times[k.key]}):
        rows.append(row(f"  inside: {label}", {k.key: r.probe_times[k.key].get(label, []) for k in KINDS}))
    out.table(header, rows)
    out()
    out("Documents: " + "; ".join(f"{k.label} = {k.description}, {r.pages.get(k.key, '?')} page(s), "
                                  f"{k.weight:.0%} of the mix" for k in KINDS) + ".")
    out(f"Fonts in the bare render: {', '.join(sorted(r.bare_fonts)) or '?'} (the shipped ones). "
        "'inside' rows are parts of the stages above, timed by wrapping those functions.")
    out()
    ratios = ", ".join(f"{k.label} {r.whole(k.key) / median(r.bare[k.key]):.2f}x" for k in KINDS)
    mix_ratio = r.whole_mix() / r.bare_mix()
    out(f"Whole warm pipeline / bare WeasyPrint: mix {mix_ratio:.2f}x (target <= {TARGET_PIPELINE_VS_BARE}x: "
        f"{verdict(mix_ratio <= TARGET_PIPELINE_VS_BARE)}); {ratios}.")
    out()


# --- 2. the DOCX route ---------------------------------------------------------------------------------------


def print_office(out: Report, r: OfficeResult, stages: StageReport | None, n: int) -> float | None:
    out("2. DOCX ROUTE: docxtpl + LibreOffice headless -> PDF/A-2b (no seal), ms per document")
    out()
    if not r.available:
        out(f"   skipped: {r.note}")
        out()
        return None
    rows: list[list[str]] = []
    warm: dict[str, float] = {}
    cold: dict[str, float] = {}
    ours: dict[str, float] = {}
    for k in KINDS:
        docx = median(r.docx_seconds[k.key])
        warm[k.key] = docx + r.lo_per_doc[k.key]
        cold[k.key] = docx + r.lo_single_call
        ours[k.key] = stages.whole(k.key) if stages else math.nan
        rows.append([k.label, ms(docx), ms(r.lo_per_doc[k.key]), ms(warm[k.key]), ms(cold[k.key]), ms(ours[k.key]),
                     f"{warm[k.key] / ours[k.key]:.1f}x", f"{cold[k.key] / ours[k.key]:.1f}x"])

    def mix(values: dict[str, float]) -> float:
        return sum(k.weight * values[k.key] for k in KINDS)

    rows.append(["mix", "", "", ms(mix(warm)), ms(mix(cold)), ms(mix(ours)), f"{mix(warm) / mix(ours):.1f}x",
                 f"{mix(cold) / mix(ours):.1f}x"])
    out.table(["document", "docxtpl", "LibreOffice", "route", "route, 1 call/doc", "our pipeline",
               "route/ours", "1 call/doc / ours"], rows)
    out()
    out(f"{r.version}. 'LibreOffice' = {n} documents of a kind converted by ONE soffice process, time / {n} "
        f"(a warm office); '1 call/doc' = one soffice process per document ({ms(r.lo_single_call)} ms, start-up "
        f"included). LibreOffice marked its output PDF/A-{'/'.join(sorted(r.pdfa_claims)) or '?'}. "
        "Our pipeline = the whole warm pipeline of section 1 (with seal, gates and filing).")
    if not stages:
        out()
        return None
    ratio = mix(warm) / mix(ours)
    out(f"Our pipeline vs the DOCX route with a warm LibreOffice: {ratio:.1f}x faster (target >= "
        f"{TARGET_VS_LIBREOFFICE}x: {verdict(ratio >= TARGET_VS_LIBREOFFICE)}); vs one soffice call per "
        f"document: {mix(cold) / mix(ours):.1f}x.")
    out()
    return ratio


# --- 2a. the sample set, side by side --------------------------------------------------------------------


def print_samples(out: Report, r: SampleResult) -> float | None:
    out(f"2a. SAMPLE SET SIDE BY SIDE: the {r.inputs} valid samples, whole processes (start-up included), "
        f"median of {max(len(v) for v in r.seconds.values())} alternating runs")
    out()
    rows = [[label, f"{median(times):.2f}", f"{min(times):.2f}-{max(times):.2f}", str(r.pdfs.get(label, '?'))]
            for label, times in r.seconds.items()]
    out.table(["run", "wall s (median)", "range", "PDFs"], rows, align="lrrr")
    out()
    if r.note:
        out(f"   {r.note}")
        out()
    lo = next((label for label in r.seconds if label.startswith("LibreOffice")), None)
    if lo is None:
        return None
    ours = r.median(f"bti-docs file --workers {min(2, os.cpu_count() or 1)}")
    ratio = ours / r.median(lo)
    out(f"`bti-docs file` with default workers ({min(2, os.cpu_count() or 1)} here) / one LibreOffice batch: "
        f"{ratio:.2f}x (target <= 1.0x: {verdict(ratio <= 1.0)}). LibreOffice makes no seal, no checks and no "
        "archive; `file` also files the log copies.")
    out()
    return ratio


# --- 6. the watch folder ------------------------------------------------------------------------------


def print_watch(out: Report, r: WatchResult) -> tuple[float, float | None]:
    out("6. WATCH FOLDER (python -m bti_docs.watch.daemon, real pipeline)")
    out()
    rows = []
    for lat in r.latency:
        p50, p95_ = latency_summary(lat)
        rows.append([f"{lat.how}, --settle {lat.settle:g}" + (" (default)" if lat.settle == 2.0 else ""),
                     str(len(lat.seconds)),
                     f"{p50:.2f}", f"{p95_:.2f}", f"{max(lat.seconds):.2f}"])
    out.table(["latency, one form dropped into an idle inbox", "forms", "p50 s", "p95 s", "max s"], rows,
              align="lrrrr")
    out()
    rows = [[str(b.workers), str(b.n), f"{b.seconds:.1f}", f"{b.per_second:.2f}", f"{b.cores_busy:.2f}",
             f"{b.cores_wanted:.2f}", str(b.done)] for b in r.burst]
    out.table(["burst: workers", "forms", "seconds", "files/s", "cores busy", "cores wanted", "in done/"], rows,
              align="rrrrrrr")
    out()
    out("Latency: drop into the inbox -> the input in done/ (validated, rendered, sealed, checked, filed, receipt "
        "written). A renamed file that nobody has open for writing (a read lease can be taken) is complete when "
        "it arrives: no settle wait (the read guard still compares "
        "before the commit and before done/). A file written in place waits --settle unchanged, and --settle "
        "after the read, so 2 x --settle is its floor. Burst: the batch's mix renamed in at once; cores busy = "
        "CPU time of the watcher and its workers / wall time (other work on the machine lowers it); cores wanted "
        "adds the time they were ready to run but waited for a core (schedstat): what they would keep busy alone.")
    one = next((b for b in r.burst if b.workers == 1), None)
    two = next((b for b in r.burst if b.workers == 2), None)
    if one and two and one.per_second:
        out(f"Burst speed-up 1 -> 2 workers: {two.per_second / one.per_second:.2f}x.")
    out()
    default = next(lat for lat in r.latency if lat.settle == 2.0 and lat.how == "renamed")
    return latency_summary(default)[1], two.cores_busy if two else None


# --- 3./4. the batch --------------------------------------------------------------------------------------


def print_batch(out: Report, results: list[BatchResult]) -> tuple[float | None, bool | None]:
    n = results[0].n
    out(f"3. BATCH OF {n} DOCUMENTS: `bti-docs file FOLDER --workers N` (validate, render, seal, check, file; "
        "mix 50/25/25, every input distinct)")
    out()
    rows = []
    base = next((r for r in results if r.workers == 1), None)
    for r in results:
        speedup = r.docs_per_second / base.docs_per_second if base and base.docs_per_second else math.nan
        rows.append([str(r.workers), f"{r.seconds:.1f}", f"{r.docs_per_second:.2f}",
                     f"{1000 * r.seconds / max(1, r.ok):.0f}", "-" if math.isnan(speedup) else f"{speedup:.2f}x",
                     str(r.ok), str(len(r.failed)), str(r.filed)])
    out.table(["workers", "seconds", "docs/s", "ms/doc", "speed-up", "ok", "failed", "PDFs in archive"], rows)
    out()
    out("Wall clock of the whole command (process start-up included). PDFs in archive: the forms plus the "
        f"copies of the case's log that the rules file with them. Load average after the batches: {_loadavg()}.")
    for r in results:
        for failure in r.failed[:3]:
            out(f"   failed ({r.workers} workers): {failure[:300]}")
    speedup_value: float | None = None
    two = next((r for r in results if r.workers == 2), None)
    if base and two and base.docs_per_second:
        speedup_value = two.docs_per_second / base.docs_per_second
        out(f"Speed-up 1 -> 2 workers: {speedup_value:.2f}x (target >= {TARGET_SPEEDUP}x: "
            f"{verdict(speedup_value >= TARGET_SPEEDUP)}).")
    out()

    out("4. MEMORY (RSS, MiB) DURING THE BATCH")
    out()
    rows = []
    flat: bool | None = None
    for r in results:
        points = memory_points(r)
        for p in points:
            rows.append([str(r.workers), p.label, mib(p.main_rss), mib(p.worker_rss_max), mib(p.worker_hwm_max),
                         mib(p.total_rss)])
        rows.append([str(r.workers), "peak, whole batch", "", "", "", mib(peak_total_rss(r))])
        if len(points) >= 2 and points[0].worker_hwm_max:
            growth = points[-1].worker_hwm_max / points[0].worker_hwm_max - 1
            per_doc = (points[-1].worker_hwm_max - points[0].worker_hwm_max) / (0.9 * r.n / r.workers)
            ok = growth <= TARGET_MEMORY_GROWTH
            flat = ok if flat is None else flat and ok
            rows.append([str(r.workers), f"peak growth {points[0].label} -> end", "", "",
                         f"{growth:+.0%} ({per_doc * 100 / 2**20:+.0f} MiB/100 docs)", verdict(ok)])
    out.table(["workers", "when", "main process", "worker RSS (max)", "worker peak (VmHWM)", "all processes"],
              rows, align="llrrrr")
    out()
    out("Main process = the `bti-docs file` command; workers = the pool's processes (with 1 worker the command "
        "files in its own process). Checkpoints by elapsed time. Flat = the workers' peak RSS grows by at most "
        f"{TARGET_MEMORY_GROWTH:.0%} from the first checkpoint to the end: {verdict(flat)}.")
    out()
    return speedup_value, flat


# --- 5. start-up ----------------------------------------------------------------------------------------


def print_startup(out: Report, r: StartupResult) -> bool | None:
    out("5. START-UP (wall clock of a new process, median)")
    out()
    rows = [[t.label, f"{t.median * 1000:.0f}", str(t.runs), t.tool] for t in r.timings]
    out.table(["command", "ms", "runs", "timed with"], rows, align="lrrl")
    out()
    for command, data in r.imports.items():
        heavy = data.get("heavy")
        out(f"`bti-docs {command}` loads {data.get('modules', '?')} modules; heavy packages imported: "
            f"{', '.join(heavy) if isinstance(heavy, list) and heavy else 'none'}"
            + (f" ({data['error']})" if "error" in data else ""))
    if r.top_imports:
        out("Slowest top-level imports of `validate` (python -X importtime, cumulative ms): "
            + ", ".join(f"{name} {seconds * 1000:.0f}" for name, seconds in r.top_imports))
    validate = next((t for t in r.timings if "validate" in t.label), None)
    ok = validate.median <= TARGET_VALIDATE_STARTUP if validate else None
    if validate:
        out(f"`validate` start-up {validate.median * 1000:.0f} ms (target <= {TARGET_VALIDATE_STARTUP * 1000:.0f} ms:"
            f" {verdict(ok)}).")
    out()
    return ok


# --- profile ----------------------------------------------------------------------------------------------


def print_profile(out: Report, setup: Setup, kind_key: str) -> None:
    kind = next(k for k in KINDS if k.key == kind_key)
    inputs = make_inputs(setup.work / "profile-inputs", 6, "BPROF", STAGE_SEQUENCE)
    paths = [p for key, p in inputs if key == kind.key]
    archive = setup.work / "profile-archive"
    run_staged(paths[0], setup, archive)  # warm
    profiler = cProfile.Profile()
    profiler.enable()
    run_staged(paths[1], setup, archive)
    profiler.disable()
    out(f"PROFILE: one warm {kind.label} through the whole pipeline (cProfile; times include profiler overhead)")
    for order in ("cumulative", "tottime"):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer)
        stats.strip_dirs().sort_stats(order).print_stats(22)
        out(f"-- sorted by {order}")
        for line in buffer.getvalue().splitlines():
            if line.strip() and not line.startswith(("   Ordered by", "   List reduced")):
                out(line.rstrip())
    out()


# --- main -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    docs: int
    reps: int
    warmup: int
    whole_reps: int
    office_docs: int
    startup_runs: int
    workers: tuple[int, ...]
    skip: frozenset[str]
    profile: str | None
    quick: bool
    sample_runs: int = 5
    latency_drops: int = 20
    burst: int = 500


def parse_args(argv: list[str] | None) -> tuple[Plan, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100-document batches and fewer repetitions")
    parser.add_argument("--docs", type=int, default=None, help="documents per batch (default 1000, quick 100)")
    parser.add_argument("--reps", type=int, default=None, help="warm documents of each kind per stage (default 20)")
    parser.add_argument("--burst", type=int, default=None,
                        help="forms in the watch-folder burst (default 500, quick 100)")
    parser.add_argument("--workers", default="1,2", help="worker counts for the batch (default 1,2)")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: "
                        "stages,samples,office,batch,watch,startup")
    parser.add_argument("--profile", choices=[k.key for k in KINDS], default=None,
                        help="also print a cProfile of one warm document of this kind")
    parser.add_argument("--out", type=Path, default=None, help="results file (default bench/results/<date>.txt)")
    parser.add_argument("--no-save", action="store_true", help="print only, do not write a results file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (inputs, archives)")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="first wait up to this long for the machine to be idle (1-min load < 0.3 per core)")
    args = parser.parse_args(argv)
    quick = bool(args.quick)
    skip = frozenset(s.strip() for s in args.skip.split(",") if s.strip())
    unknown = skip - {"stages", "samples", "office", "batch", "watch", "startup"}
    if unknown:
        parser.error(f"unknown section(s) to skip: {', '.join(sorted(unknown))}")
    plan = Plan(
        docs=args.docs or (100 if quick else 1000),
        reps=args.reps or (5 if quick else 20),
        warmup=1 if quick else 2,
        whole_reps=3 if quick else 10,
        office_docs=3 if quick else 10,
        startup_runs=5 if quick else 10,
        workers=tuple(int(w) for w in args.workers.split(",") if w.strip()),
        skip=skip,
        profile=args.profile,
        quick=quick,
        sample_runs=3 if quick else 5,
        latency_drops=8 if quick else 20,
        burst=args.burst or (100 if quick else 500),
    )
    return plan, args


@contextlib.contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="bti-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"kept {path}", file=sys.stderr)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _timed(label: str, fn: Callable[[], Any]) -> Any:
    progress(f"{label} ...")
    start = time.perf_counter()
    value = fn()
    progress(f"{label} done in {time.perf_counter() - start:.0f} s")
    return value


def wait_idle(limit_s: float) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        load = float(_loadavg().split()[0]) if _loadavg() != "?" else 0.0
        if load < 0.3 * cores:
            return
        progress(f"waiting for an idle machine (load {load:.2f})")
        time.sleep(15)


def main(argv: list[str] | None = None) -> int:
    plan, args = parse_args(argv)
    if args.wait_idle:
        wait_idle(args.wait_idle)
    started = time.perf_counter()
    when = datetime.now(tz=UTC)
    out = Report()
    mode = "quick" if plan.quick else "full"
    out(f"bti-docs benchmark, {when:%Y-%m-%d %H:%M} UTC ({mode} run: batches of {plan.docs} documents)")
    out(f"git: {_git_describe()}")
    out()
    for line in machine_lines():
        out(line)
    out()
    summary: list[list[str]] = []
    with workdir(args.keep) as work:
        setup = make_setup(work)
        stages: StageReport | None = None
        if "stages" not in plan.skip:
            stages = _timed("stages", lambda: measure_stages(setup, plan.reps, plan.warmup, plan.whole_reps))
            print_stages(out, stages)
            mix_ratio = stages.whole_mix() / stages.bare_mix()
            summary.append(["whole warm pipeline / bare WeasyPrint", f"<= {TARGET_PIPELINE_VS_BARE}x",
                            f"{mix_ratio:.2f}x", verdict(mix_ratio <= TARGET_PIPELINE_VS_BARE)])
        if "samples" not in plan.skip:
            sampled = _timed("sample set", lambda: run_samples(setup, work, plan.sample_runs))
            lo_ratio = print_samples(out, sampled)
            summary.append(["`bti-docs file` (default workers) vs one LibreOffice batch, sample set", "<= 1.0x",
                            "skipped" if lo_ratio is None else f"{lo_ratio:.2f}x",
                            verdict(None if lo_ratio is None else lo_ratio <= 1.0)])
        if "office" not in plan.skip:
            office = _timed("DOCX route", lambda: run_office(setup, plan.office_docs, work / "office"))
            ratio = print_office(out, office, stages, plan.office_docs)
            summary.append(["DOCX route (LibreOffice) / our pipeline", f">= {TARGET_VS_LIBREOFFICE}x",
                            "skipped" if ratio is None else f"{ratio:.1f}x",
                            verdict(None if ratio is None else ratio >= TARGET_VS_LIBREOFFICE)])
        if "batch" not in plan.skip:
            inputs = work / "batch-inputs"
            make_inputs(inputs, plan.docs, "BATCH")
            if stages:
                eta = plan.docs * stages.whole_mix() * sum(1 / min(w, os.cpu_count() or 1) for w in plan.workers)
                progress(f"batch: expect about {eta / 60:.0f} min")
            results: list[BatchResult] = []
            for w in plan.workers:
                progress(f"batch, {w} worker(s) ...")
                results.append(run_batch(inputs, plan.docs, setup, work / f"archive-{w}", w, work / f"batch-{w}.log"))
                progress(f"batch, {w} worker(s) done in {results[-1].seconds:.0f} s")
            speedup, flat = print_batch(out, results)
            summary.append(["speed-up 1 -> 2 workers", f">= {TARGET_SPEEDUP}x",
                            "-" if speedup is None else f"{speedup:.2f}x",
                            verdict(None if speedup is None else speedup >= TARGET_SPEEDUP)])
            summary.append(["memory flat over the batch", f"<= {TARGET_MEMORY_GROWTH:+.0%}", "see 4.", verdict(flat)])
        if "watch" not in plan.skip:
            watched = _timed("watch folder", lambda: run_watch(setup, work / "watch", plan.latency_drops, plan.burst,
                                                               list(plan.workers)))
            p95_default, cores = print_watch(out, watched)
            summary.append(["watch: a dropped form filed (idle, p95, default settings)",
                            f"<= {TARGET_WATCH_P95} s", f"{p95_default:.2f} s",
                            verdict(p95_default <= TARGET_WATCH_P95)])
            summary.append([f"watch: cores busy in a burst of {plan.burst}, 2 workers", f">= {TARGET_BURST_CORES}",
                            "-" if cores is None else f"{cores:.2f}",
                            verdict(None if cores is None else cores >= TARGET_BURST_CORES)])
        if "startup" not in plan.skip:
            startup = _timed("start-up", lambda: run_startup(setup, plan.startup_runs, work))
            ok = print_startup(out, startup)
            validate = next((t for t in startup.timings if "validate" in t.label), None)
            summary.append(["`bti-docs validate` start-up", f"<= {TARGET_VALIDATE_STARTUP * 1000:.0f} ms",
                            f"{validate.median * 1000:.0f} ms" if validate else "-", verdict(ok)])
        if plan.profile:
            print_profile(out, setup, plan.profile)
    out("TARGETS (ratios measured in this run)")
    out()
    out.table(["target", "goal", "measured", "verdict"], summary, align="llrl")
    out()
    elapsed = time.perf_counter() - started
    out(f"Run took {elapsed // 60:.0f} min {elapsed % 60:.0f} s. Load average at the end: {_loadavg()} "
        "(above ~0.2 per core when idle means other work ran at the same time and slowed some figures).")
    if not args.no_save:
        target = args.out or RESULTS / (f"{when:%Y-%m-%d}.txt" if mode == "full" and not plan.skip
                                        else f"{when:%Y-%m-%d}-{mode}.txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(out.text(), encoding="utf-8")
        print(f"saved {target}", file=sys.stderr)
    return 0


def _src_digest() -> str:
    """A short digest of src/ (every .py file), so a results file says which code it measured."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((REPO / "src").rglob("*.py")):
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _git_describe() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"], capture_output=True,
                               text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return f"{head}" + (" + uncommitted changes in src/" if dirty else "") + f" (src digest {_src_digest()})"


if __name__ == "__main__":
    raise SystemExit(main())
