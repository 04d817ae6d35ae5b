"""A batch through the real command, ``bti-docs file FOLDER --archive A --workers N``, and its memory.

The command runs ``bti_docs.api.file_inputs(..., workers=N)``, the project's own batch path, in a new
process, so its memory figures are its own (not this script's). Memory is read from /proc (VmRSS, and VmHWM
= peak RSS) of that process and every process below it (the pool's workers) every quarter second.
"""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import RULES, Setup, descendants, proc_status
from startup import cli_command

HELPERS = ("resource_tracker", "forkserver")  # multiprocessing's helper processes: not workers


@dataclass(frozen=True)
class MemorySample:
    t: float
    rss: dict[int, int]  # pid -> VmRSS
    hwm: dict[int, int]  # pid -> VmHWM (peak so far)


@dataclass
class MemoryLog:
    root: int
    samples: list[MemorySample] = field(default_factory=list)
    workers: set[int] = field(default_factory=set)  # pool workers seen (other children, e.g. helpers, are not)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class MemorySampler:
    """Reads VmRSS/VmHWM of process ``root`` and all its descendants every ``interval`` seconds."""

    def __init__(self, root: int, interval: float = 0.25) -> None:
        self.interval = interval
        self.log = MemoryLog(root=root)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._start = time.perf_counter()
        self._seen: set[int] = set()

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        rss: dict[int, int] = {}
        hwm: dict[int, int] = {}
        for pid in [self.log.root, *descendants(self.log.root)]:
            status = proc_status(pid)
            if not status:
                continue
            if pid not in self._seen:
                self._seen.add(pid)
                cmdline = _cmdline(pid)
                if pid != self.log.root and not any(h in cmdline for h in HELPERS):  # forked or spawned
                    self.log.workers.add(pid)
            rss[pid], hwm[pid] = status.get("VmRSS", 0), status.get("VmHWM", 0)
        if rss:
            self.log.samples.append(MemorySample(time.perf_counter() - self._start, rss, hwm))

    def _loop(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return


@dataclass
class BatchResult:
    workers: int
    n: int
    seconds: float
    ok: int
    failed: list[str]
    filed: int  # PDFs in the archive afterwards (forms and copies of the case's log)
    exit_code: int
    memory: MemoryLog

    @property
    def docs_per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def worker_pids(self) -> set[int]:
        """The pool's processes; with one worker the command files in its own process, which is then the worker."""
        if self.workers == 1:
            return {self.memory.root}
        return set(self.memory.workers) or {self.memory.root}


def run_batch(inputs: Path, n: int, setup: Setup, archive_root: Path, workers: int, log_file: Path) -> BatchResult:
    """``bti-docs file inputs --archive archive_root --workers workers`` with the test certificate."""
    cmd = [*cli_command(), "--rules", str(RULES), "file", str(inputs), "--archive", str(archive_root),
           "--workers", str(workers), "--cert", str(setup.pki.unit_p12),
           "--cert-password-file", str(setup.pki.password_file), "--trust", str(setup.pki.root_cert)]
    with log_file.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        with MemorySampler(proc.pid) as sampler:
            code = proc.wait()
        seconds = time.perf_counter() - start
    lines = log_file.read_text(encoding="utf-8", errors="replace").splitlines()
    ok = sum(1 for line in lines if line.startswith(("OK ", "ALT ")))
    failed = [f"{line[5:]}: {nxt.strip()}" for line, nxt in zip(lines, [*lines[1:], ""], strict=True)
              if line.startswith("FEIL ")]
    if code and not failed:
        failed = [f"exit code {code}: {' | '.join(lines[-3:])}"]
    filed = sum(1 for _ in archive_root.rglob("*.pdf")) if archive_root.is_dir() else 0
    return BatchResult(workers, n, seconds, ok, failed, filed, code, sampler.log)


# --- what the memory log says --------------------------------------------------------------------------

CHECKPOINTS = (0.1, 0.5, 1.0)


@dataclass(frozen=True)
class MemoryPoint:
    label: str
    main_rss: int
    worker_rss_max: int
    worker_hwm_max: int
    total_rss: int


def memory_points(result: BatchResult) -> list[MemoryPoint]:
    """RSS after about 10 %, 50 % and 100 % of the batch (by elapsed time: the command reports no progress)."""
    log = result.memory
    if not log.samples:
        return []
    workers = result.worker_pids
    alive = [s for s in log.samples if any(p in workers for p in s.rss)] or log.samples  # before workers end
    end = alive[-1].t
    points: list[MemoryPoint] = []
    for fraction in CHECKPOINTS:
        sample = next((s for s in alive if s.t >= end * fraction), alive[-1])
        mine = [pid for pid in sample.rss if pid in workers]
        points.append(MemoryPoint(
            label=f"~{round(result.n * fraction)} docs",
            main_rss=sample.rss.get(log.root, 0),
            worker_rss_max=max((sample.rss[p] for p in mine), default=0),
            worker_hwm_max=max((sample.hwm[p] for p in mine), default=0),
            total_rss=sum(sample.rss.values()),
        ))
    return points


def peak_total_rss(result: BatchResult) -> int:
    return max((sum(s.rss.values()) for s in result.memory.samples), default=0)
