"""The watch folder, measured through the real daemon (``python -m bti_docs.watch.daemon``).

* **Latency, idle inbox**: one form at a time is renamed into the inbox (how a finished file arrives from a
  program that writes it elsewhere first), and the time until it is in ``done/`` is taken; the next one only
  after that and a pause. p50 and p95 per setting of ``--settle``: a renamed file is complete when it arrives,
  so it waits for neither (the read guard still compares before the commit and before done/). Then forms
  written in place (as a copy to an SMB share does): they wait ``--settle`` unchanged before the claim and
  ``--settle`` after the read before the commit, so twice ``--settle`` is a floor of their latency.
* **Burst**: N forms (the batch's mix, whole cases) renamed into the inbox at once; the time until all are
  in ``done/``, files per second, and how many cores the watcher and its workers kept busy (their CPU time
  over the wall time, from /proc), with 1 and 2 workers; and how many they *wanted* (CPU time plus the time
  they were ready to run but waited for a core that other work on the machine held, from schedstat): on a
  machine of their own the two would be the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import RULES, Setup, descendants, make_inputs, median, p95

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class LatencyResult:
    settle: float
    how: str = "renamed"  # or "in place": written straight into the inbox
    seconds: list[float] = field(default_factory=list)


@dataclass
class BurstResult:
    workers: int
    n: int
    seconds: float
    done: int
    cpu_seconds: float
    queued_seconds: float = 0.0  # time the watcher's and its workers' threads were runnable but not running

    @property
    def per_second(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    @property
    def cores_busy(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds else 0.0

    @property
    def cores_wanted(self) -> float:
        """Cores the watcher and its workers would have kept busy on a machine of their own: CPU time plus time
        spent ready to run but waiting for a core (other work on the machine), over the wall time."""
        return (self.cpu_seconds + self.queued_seconds) / self.seconds if self.seconds else 0.0


@dataclass
class WatchResult:
    latency: list[LatencyResult] = field(default_factory=list)
    burst: list[BurstResult] = field(default_factory=list)
    note: str = ""


class Daemon:
    def __init__(self, setup: Setup, inbox: Path, archive: Path, log: Path, *args: str) -> None:
        inbox.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "bti_docs.watch.daemon", str(inbox), "--archive", str(archive),
               "--rules", str(RULES), "--cert", str(setup.pki.unit_p12), "--password-file",
               str(setup.pki.password_file), "--trust", str(setup.pki.root_cert), *args]
        self.log = log
        self._fh = log.open("wb")
        self.proc = subprocess.Popen(cmd, stdout=self._fh, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while " watching: " not in log.read_text(errors="replace"):  # the observer is running
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the watcher did not start: {log.read_text(errors='replace')[-500:]}")
            time.sleep(0.05)

    def cpu_seconds(self) -> float:
        total = 0
        for pid in [self.proc.pid, *descendants(self.proc.pid)]:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            total += int(stat[11]) + int(stat[12])  # utime, stime
        return total / TICKS

    def queued_seconds(self) -> float:
        """Time the threads now alive spent runnable but waiting for a core (``/proc/PID/task/*/schedstat``,
        second field, ns); a pool thread that has ended takes its share with it (they mostly sleep)."""
        total = 0
        for pid in [self.proc.pid, *descendants(self.proc.pid)]:
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for task in tasks:
                try:
                    total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        return total / 1e9

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._fh.close()


def _done(inbox: Path) -> int:
    done = inbox / "done"
    return sum(1 for p in done.glob("*.yaml")) if done.is_dir() else 0


def measure_latency(setup: Setup, work: Path, settle: float, drops: int, how: str = "renamed") -> LatencyResult:
    result = LatencyResult(settle, how)
    tag = f"lat-{settle}-{how.replace(' ', '-')}"
    staging, inbox = work / f"{tag}-staging", work / f"{tag}-inbox"
    forms = make_inputs(staging, drops, f"LAT{int(settle * 10)}{'W' if how != 'renamed' else ''}")
    daemon = Daemon(setup, inbox, work / f"{tag}-archive", work / f"{tag}.log", "--settle", str(settle))
    try:
        time.sleep(1.0)
        for n, (_kind, path) in enumerate(forms, 1):
            data = path.read_bytes()
            start = time.perf_counter()
            if how == "renamed":
                os.rename(path, inbox / path.name)
            else:
                (inbox / path.name).write_bytes(data)
            deadline = start + 120
            while _done(inbox) < n:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"not filed within 120 s: see {daemon.log}")
                time.sleep(0.01)
            result.seconds.append(time.perf_counter() - start)
            time.sleep(0.5)
    finally:
        daemon.stop()
    return result


def measure_burst(setup: Setup, work: Path, n: int, workers: int) -> BurstResult:
    staging, inbox = work / f"burst-{workers}-staging", work / f"burst-{workers}-inbox"
    forms = make_inputs(staging, n, f"BURST{workers}")
    daemon = Daemon(setup, inbox, work / f"burst-{workers}-archive", work / f"burst-{workers}.log",
                    "--workers", str(workers))
    try:
        time.sleep(1.0)
        cpu0, queued0 = daemon.cpu_seconds(), daemon.queued_seconds()
        start = time.perf_counter()
        for _kind, path in forms:
            os.rename(path, inbox / path.name)
        deadline = start + 3600
        rejected = inbox / "rejected"
        while _done(inbox) + (sum(1 for _ in rejected.glob("*.yaml")) if rejected.is_dir() else 0) < n:
            if time.perf_counter() > deadline:
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        cpu = daemon.cpu_seconds() - cpu0
        queued = daemon.queued_seconds() - queued0
    finally:
        daemon.stop()
    return BurstResult(workers, n, seconds, _done(inbox), cpu, max(0.0, queued))


def run_watch(setup: Setup, work: Path, drops: int, burst: int, workers: list[int]) -> WatchResult:
    result = WatchResult()
    for settle in (2.0, 0.5):
        result.latency.append(measure_latency(setup, work, settle, drops))
    result.latency.append(measure_latency(setup, work, 2.0, max(4, drops // 4), "in place"))
    for w in workers:
        result.burst.append(measure_burst(setup, work, burst, w))
    return result


def summary(r: LatencyResult) -> tuple[float, float]:
    return median(r.seconds), p95(r.seconds)
