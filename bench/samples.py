"""Side by side on the sample set: bti-docs against docxtpl + LibreOffice, whole processes, start-up included.

The 18 valid samples (``samples/sak-*``, ``samples/warnings``). Each run is a new process, timed by wall
clock; the runs alternate (one of each, then again) and the median of ``runs`` is shown:

* ``bti-docs render`` of the 18 forms (validate, PDF/A-2b, gates, seal; no filing);
* ``bti-docs file --workers 1`` and ``--workers 2`` into a new archive (23 PDFs with the log copies);
* LibreOffice: one ``soffice --convert-to pdf`` (PDF/A-2) of the same 18 forms' DOCX (made with docxtpl
  beforehand, not timed), start-up included: the route a team would otherwise take, with no seal, no checks,
  no filing.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from common import REPO, RULES, Setup, median
from office import _convert, find_soffice
from startup import cli_command

SAMPLE_DIRS = ("sak-a", "sak-b-svangerskap", "sak-c-ungdom", "warnings")


@dataclass
class SampleResult:
    inputs: int
    seconds: dict[str, list[float]] = field(default_factory=dict)  # label -> wall times
    pdfs: dict[str, int] = field(default_factory=dict)
    note: str = ""

    def median(self, label: str) -> float:
        return median(self.seconds[label]) if self.seconds.get(label) else float("nan")


def sample_files() -> list[Path]:
    return sorted(p for d in SAMPLE_DIRS for p in (REPO / "samples" / d).glob("*.yaml"))


def _docx_files(setup: Setup, files: list[Path], folder: Path) -> list[Path]:
    from bti_docs import api
    from bti_docs.paths import templates_dir
    from bti_docs.render.context import DocumentMeta, resolve_lang
    from bti_docs.render.docx import render_docx
    from bti_docs.seal import signer_description
    from bti_docs.validate import require_valid

    settings = setup.settings
    sealed_by = signer_description(setup.seal)
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for path in files:
        form = require_valid(api.validate_file(path, settings))
        meta = DocumentMeta(municipality=settings.kommune.navn, unit=settings.kommune.enheter[form.enhet].navn,
                            lang=resolve_lang(form, api.messages_lang(settings)), sealed_by=sealed_by,
                            sealed_at=datetime.now(tz=UTC).replace(microsecond=0), pdfa_level="2b")
        target = folder / f"{path.parent.name}-{path.stem}.docx"
        target.write_bytes(render_docx(form, meta, templates_dir() / "docx"))
        out.append(target)
    return out


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    return time.perf_counter() - start


def run_samples(setup: Setup, work: Path, runs: int) -> SampleResult:
    files = sample_files()
    result = SampleResult(len(files))
    seal = ["--cert", str(setup.pki.unit_p12), "--cert-password-file", str(setup.pki.password_file),
            "--trust", str(setup.pki.root_cert)]
    base = [*cli_command(), "--rules", str(RULES)]
    soffice = find_soffice()
    docx: list[Path] = []
    if soffice is None:
        result.note = ("LibreOffice (soffice) is not installed: its column is skipped "
                       "(apt-get install libreoffice-writer-nogui to measure it).")
    else:
        docx = _docx_files(setup, files, work / "samples-docx")
        _convert(soffice, work / "samples-lo-profile", docx[:1], work / "samples-lo-warm")  # the profile: not timed
    for run in range(runs):
        out = work / f"samples-render-{run}"
        result.seconds.setdefault("bti-docs render", []).append(
            _wall([*base, "render", *map(str, files), "-o", str(out), *seal]))
        result.pdfs["bti-docs render"] = len(list(out.glob("*.pdf")))
        for workers in (1, 2):
            label = f"bti-docs file --workers {workers}"
            archive = work / f"samples-archive-{workers}-{run}"
            result.seconds.setdefault(label, []).append(
                _wall([*base, "file", *map(str, files), "--archive", str(archive), "--workers", str(workers), *seal]))
            result.pdfs[label] = sum(1 for _ in archive.rglob("*.pdf"))
            shutil.rmtree(archive, ignore_errors=True)
        if soffice is not None:
            lo_out = work / f"samples-lo-{run}"
            label = "LibreOffice, one soffice call (DOCX -> PDF/A-2)"
            result.seconds.setdefault(label, []).append(
                _convert(soffice, work / "samples-lo-profile", docx, lo_out))
            result.pdfs[label] = len(list(lo_out.glob("*.pdf")))
    return result
