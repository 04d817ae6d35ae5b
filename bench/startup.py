"""Start-up time of the command line (``bti-docs validate``, ``render --help``, a real render) and what it imports.

Timed with hyperfine when it is installed, else with ``subprocess`` (wall clock, median of N runs).
"""

from __future__ import annotations

import json
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import KINDS, RULES, Setup

HEAVY = ("weasyprint", "pyhanko", "pikepdf", "docxtpl", "fontTools", "cryptography", "pydyf", "jinja2")

_IMPORT_CHECK = """
import json, sys
from bti_docs.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"exit": code, "heavy": heavy, "modules": len(sys.modules)}), file=sys.stderr)
"""


@dataclass
class Timing:
    label: str
    command: list[str]
    median: float
    runs: int
    tool: str


@dataclass
class StartupResult:
    timings: list[Timing] = field(default_factory=list)
    imports: dict[str, dict[str, object]] = field(default_factory=dict)  # command -> {"heavy": [...], ...}
    top_imports: list[tuple[str, float]] = field(default_factory=list)  # validate: (package, cumulative s)


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "bti-docs"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bti_docs"]


def _time(label: str, command: list[str], runs: int) -> Timing:
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run([hyperfine, "--shell=none", "--warmup", "2", "--runs", str(runs), "--export-json",
                            out.name, "--ignore-failure", shlex.join(command)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            data = json.loads(Path(out.name).read_text())
        return Timing(label, command, float(data["results"][0]["median"]), runs, "hyperfine")
    for _ in range(2):  # warm the page cache
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return Timing(label, command, statistics.median(times), runs, "subprocess")


def _imports_of(args: list[str]) -> dict[str, object]:
    code = f"HEAVY = {HEAVY!r}\n{_IMPORT_CHECK}"
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "{}"
    try:
        data: dict[str, object] = json.loads(last)
    except json.JSONDecodeError:
        data = {"error": last[:200]}
    return data


def _top_imports(args: list[str], n: int = 6) -> list[tuple[str, float]]:
    """The slowest top-level imports of a command (``python -X importtime``), cumulative seconds."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "bti_docs", *args],
                          capture_output=True, text=True, check=False)
    tops: list[tuple[str, float]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = (part for part in line.removeprefix("import time:").split("|"))
        if not name.startswith("  ") and name.strip():  # top level (not imported by another module)
            tops.append((name.strip(), int(cumulative) / 1e6))
    return sorted(tops, key=lambda t: -t[1])[:n]


def run_startup(setup: Setup, runs: int, work: Path) -> StartupResult:
    result = StartupResult()
    sample = str(KINDS[0].sample)
    cli = cli_command()
    validate = ["--rules", str(RULES), "validate", sample]
    render_help = ["render", "--help"]
    outdir = work / "startup-render"
    render = ["--rules", str(RULES), "render", sample, "-o", str(outdir), "--cert", str(setup.pki.unit_p12),
              "--cert-password-file", str(setup.pki.password_file), "--trust", str(setup.pki.root_cert)]
    result.timings.append(_time("python -c pass (interpreter alone)", [sys.executable, "-c", "pass"], runs))
    result.timings.append(_time("bti-docs validate <short consent>", [*cli, *validate], runs))
    result.timings.append(_time("bti-docs render --help", [*cli, *render_help], runs))
    result.timings.append(_time("bti-docs render <short consent> (cold, sealed)", [*cli, *render],
                                max(3, runs // 2)))
    result.imports["validate"] = _imports_of(validate)
    result.imports["render --help"] = _imports_of(render_help)
    result.top_imports = _top_imports(validate)
    return result
