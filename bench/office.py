"""The DOCX route for comparison: docxtpl (``bti_docs.render.docx.render_docx``) + LibreOffice headless → PDF/A-2b.

LibreOffice is not a project dependency: without ``soffice`` the column is skipped with a note. LibreOffice is
timed fairly: N documents are converted by ONE ``soffice`` process and the time divided by N (its start-up
spread over the batch, as a long-running office would be); one call for a single document is shown too.
No seal is added on this route, so the comparison favours it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from common import KINDS, Setup

# PDF/A-2b ("SelectPdfVersion" 2); the JSON form of the filter options needs LibreOffice >= 7.4.
PDFA2_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
TIMEOUT_S = 900


@dataclass
class OfficeResult:
    available: bool
    note: str = ""
    version: str = ""
    docx_seconds: dict[str, list[float]] = field(default_factory=dict)  # docxtpl, per document
    lo_per_doc: dict[str, float] = field(default_factory=dict)  # LibreOffice, N documents in one process
    lo_single_call: float = float("nan")  # one soffice process for one document (start-up included)
    pdfa_claims: set[str] = field(default_factory=set)  # the PDF/A identification LibreOffice wrote


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(soffice: str, profile: Path, files: list[Path], outdir: Path) -> float:
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--nodefault", "--convert-to", PDFA2_FILTER, "--outdir", str(outdir), *map(str, files)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT_S)
    seconds = time.perf_counter() - start
    missing = [f.name for f in files if not (outdir / f.with_suffix(".pdf").name).is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {len(missing)} file(s), e.g. {missing[0]}")
    return seconds


def _pdfa_claim(pdf: Path) -> str:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        status: str = doc.open_metadata().pdfa_status
        return status or "none"


def run_office(setup: Setup, n_per_kind: int, work: Path) -> OfficeResult:
    soffice = find_soffice()
    if soffice is None:
        return OfficeResult(False, note="LibreOffice (soffice) is not installed: DOCX route skipped "
                                        "(apt-get install libreoffice-writer-nogui to measure it).")
    from bti_docs import api
    from bti_docs.paths import templates_dir
    from bti_docs.render.context import DocumentMeta, resolve_lang
    from bti_docs.render.docx import render_docx
    from bti_docs.seal import signer_description
    from bti_docs.validate import require_valid

    result = OfficeResult(True)
    try:
        version = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=120).stdout
        result.version = version.strip().splitlines()[0] if version.strip() else "?"
    except (OSError, subprocess.SubprocessError):
        result.version = "?"
    settings = setup.settings
    sealed_by = signer_description(setup.seal)
    docx_dir = templates_dir() / "docx"
    inputs: dict[str, list[Path]] = {}
    for kind in KINDS:
        validated = api.validate_file(kind.sample, settings)
        form = require_valid(validated)
        lang = resolve_lang(form, api.messages_lang(settings))
        meta = DocumentMeta(municipality=settings.kommune.navn, unit=settings.kommune.enheter[form.enhet].navn,
                            lang=lang, sealed_by=sealed_by, sealed_at=datetime.now(tz=UTC).replace(microsecond=0),
                            pdfa_level="2b")
        folder = work / "docx" / kind.key
        folder.mkdir(parents=True, exist_ok=True)
        render_docx(form, meta, docx_dir)  # warm
        times: list[float] = []
        files: list[Path] = []
        for i in range(n_per_kind):
            start = time.perf_counter()
            data = render_docx(form, meta, docx_dir)
            times.append(time.perf_counter() - start)
            path = folder / f"{kind.key}-{i:03d}.docx"
            path.write_bytes(data)
            files.append(path)
        result.docx_seconds[kind.key] = times
        inputs[kind.key] = files

    profile = work / "lo-profile"
    first = inputs[KINDS[0].key][0]
    try:
        _convert(soffice, profile, [first], work / "lo-warmup")  # creates the profile: not timed
        result.lo_single_call = _convert(soffice, profile, [first], work / "lo-single")
        for kind in KINDS:
            out = work / "lo-out" / kind.key
            result.lo_per_doc[kind.key] = _convert(soffice, profile, inputs[kind.key], out) / n_per_kind
            result.pdfa_claims.add(_pdfa_claim(out / inputs[kind.key][0].with_suffix(".pdf").name))
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        result.available = False
        result.note = f"LibreOffice failed ({type(exc).__name__}: {exc}); DOCX route skipped."
    return result
