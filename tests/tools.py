"""Wrappers for the independent checkers the tests use, with typed results.

A wrapper skips the test when its tool is not installed, except in CI (the ``CI`` environment variable
is set), where a missing tool fails the test: CI must never pass by skipping the independent checks.

Debian packages: default-jre-headless, libpdfbox2-java (with libfontbox2-java and libcommons-logging-java),
libactivation-java, libjaxb-api-java (PDFBox Preflight), qpdf, poppler-utils (pdftotext, pdftoppm).
Python: ``pikepdf[pdfa]`` (jsonschema, referencing) for pikepdf's PDF/A allowlist validator.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest

from bti_docs.i18n import Lang

JAVA_DIR = Path("/usr/share/java")
# Apache PDFBox 2 Preflight from Debian: the jars are not on each other's manifest class path, except
# fontbox2 in pdfbox2's; activation and JAXB are needed on Java 11+ (javax.xml.bind.DatatypeConverter).
PREFLIGHT_JARS = (
    "preflight.jar",
    "pdfbox2.jar",
    "fontbox2.jar",
    "xmpbox.jar",
    "commons-logging.jar",
    "javax.activation.jar",
    "jaxb-api.jar",
)
PREFLIGHT_MAIN = "org.apache.pdfbox.preflight.Validator_A1b"
TIMEOUT = 120


class Verdict(NamedTuple):
    ok: bool
    messages: list[str]


class QpdfResult(NamedTuple):
    ok: bool
    output: str


def require(tool: str, present: bool) -> None:
    """Skip (or, in CI, fail) the calling test when ``tool`` is missing."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is required in CI but is not installed")
    pytest.skip(f"{tool} is not installed")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def preflight_1b(path: Path) -> Verdict:
    """Validate ``path`` as PDF/A-1b with Apache PDFBox Preflight.

    Validator_A1b prints "The file X is a valid PDF/A-1b file" and exits 0, or "... is not a valid
    PDF/A-1b file, error(s) :" followed by one "code : message" line per error and exits 255 (-1).
    Anything else (usage, exception, missing class) is a tool failure and raises.
    """
    java = shutil.which("java")
    jars = [JAVA_DIR / jar for jar in PREFLIGHT_JARS]
    require(
        "PDFBox Preflight (java, " + ", ".join(PREFLIGHT_JARS) + ")",
        java is not None and all(jar.is_file() for jar in jars),
    )
    assert java is not None
    classpath = os.pathsep.join(str(jar) for jar in jars)
    result = _run([java, "-Djava.awt.headless=true", "-cp", classpath, PREFLIGHT_MAIN, str(path)])
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    if result.returncode == 0 and lines and lines[0].endswith("is a valid PDF/A-1b file"):
        return Verdict(True, [])
    if result.returncode == 255 and lines and "is not a valid PDF/A-1b file" in lines[0]:
        return Verdict(False, lines[1:])
    raise RuntimeError(f"PDFBox Preflight failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def qpdf_check(path: Path) -> QpdfResult:
    """``qpdf --check``: ok only if it exits 0 (no errors, no warnings)."""
    qpdf = shutil.which("qpdf")
    require("qpdf", qpdf is not None)
    assert qpdf is not None
    result = _run([qpdf, "--check", str(path)])
    if result.returncode not in (0, 2, 3):
        raise RuntimeError(f"qpdf failed (exit {result.returncode}): {result.stderr}")
    return QpdfResult(result.returncode == 0, result.stdout + result.stderr)


def pdftotext(path: Path, layout: bool = False) -> str:
    """The text of ``path`` by poppler's pdftotext (UTF-8)."""
    tool = shutil.which("pdftotext")
    require("pdftotext (poppler-utils)", tool is not None)
    assert tool is not None
    result = _run([tool, "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"])
    if result.returncode != 0:
        raise RuntimeError(f"pdftotext failed (exit {result.returncode}): {result.stderr}")
    return result.stdout


def pdftoppm_png(path: Path, outdir: Path, dpi: int = 60) -> list[Path]:
    """Render every page of ``path`` to PNG in ``outdir`` with poppler's pdftoppm; the files, in page order."""
    tool = shutil.which("pdftoppm")
    require("pdftoppm (poppler-utils)", tool is not None)
    assert tool is not None
    outdir.mkdir(parents=True, exist_ok=True)
    result = _run([tool, "-png", "-r", str(dpi), str(path), str(outdir / "page")])
    if result.returncode != 0:
        raise RuntimeError(f"pdftoppm failed (exit {result.returncode}): {result.stderr}")
    return sorted(outdir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def pikepdf_pdfa(path: Path, flavour: str) -> Verdict:
    """Validate ``path`` with pikepdf's PDF/A allowlist validator (flavours "1b", "2b", "3b").

    An allowlist: anything it does not know is a finding, so it rejects some valid files (for
    example PDF/A extension schemas), but should never accept an invalid one.
    """
    try:
        import pikepdf.pdfa as pdfa
    except ImportError:
        require("pikepdf[pdfa] (jsonschema, referencing)", False)
        raise
    report = pdfa.validate_written(path, flavour)
    return Verdict(bool(report.passed), [f"{f.rule} {f.where}: {f.message}" for f in report.findings])


def settings_text_as(malform: Lang) -> str:
    """The repository's settings (a nynorsk municipality) as a municipality of ``malform``."""
    text = (Path(__file__).resolve().parents[1] / "archive_rules.yaml").read_text(encoding="utf-8")
    said, count = re.subn(r"^  malform: nn\b", f"  malform: {malform}", text, flags=re.MULTILINE)
    assert count == 1
    return said
