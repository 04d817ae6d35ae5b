"""Every valid sample through the whole render path, checked by independent tools.

PDF/A: the product's own gate runs inside the pipeline; here qpdf, pdftotext, pyHanko's validator and (for
PDF/A-1b) Apache PDFBox Preflight look at the files from outside.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml

from bti_docs import api
from bti_docs.cli import main
from bti_docs.config import Settings
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode
from bti_docs.pdfa import PdfaLevel
from bti_docs.pipeline import RenderOptions
from bti_docs.seal import SealConfig, seal_ok, validate_seals
from tools import pdftotext, preflight_1b, qpdf_check

ROOT = Path(__file__).resolve().parents[1]
VALID = sorted(
    p for case in (ROOT / "samples").glob("sak-*") for p in case.glob("*.yaml")
)
INJECTION = '<img src="file:///etc/passwd"> <script>alert(1)</script> & < > {{ 7*7 }} {% include "x" %}'


def names_in(sample: Path) -> list[str]:
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    person = data.get("barn") or data["svangerskap"]["gravid"]
    return [person["fornavn"], person["etternavn"]]


@pytest.mark.slow
@pytest.mark.parametrize("sample", VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_renders_sealed_pdfa_and_docx_in_both_languages(
    sample: Path, tmp_path: Path, repo_settings: Settings, seal_config: SealConfig
) -> None:
    for lang in ("nn", "nb"):
        options = RenderOptions(seal=seal_config, level=PdfaLevel("2b"), lang=lang, docx=True)
        [result] = api.render_files([sample], repo_settings, options, tmp_path / lang)
        assert result.docx is not None and result.docx.stat().st_size > 0
        assert sorted(p.name for p in (tmp_path / lang).iterdir()) == sorted([result.pdf.name, result.docx.name])
        assert result.pdf.stat().st_mode & 0o007 == 0  # closed to others
        for name in names_in(sample):
            assert name not in result.pdf.name
        ok, output = qpdf_check(result.pdf)
        assert ok, output
        data = result.pdf.read_bytes()
        statuses = validate_seals(data, seal_config.trust_roots)
        assert statuses and all(seal_ok(s) for s in statuses), [s.summary for s in statuses]
        text = pdftotext(result.pdf)
        for name in names_in(sample):
            assert name in text  # letters intact (æøå included in the samples)
        assert ("Side 1 av" in text) or ("Side 1 av" in text.replace("\n", " "))
        with pikepdf.open(result.pdf) as pdf:
            meta = pdf.open_metadata()
            title = str(meta.get("dc:title", ""))
            for name in names_in(sample):
                assert name not in title and name not in str(pdf.docinfo.get("/Title", ""))


@pytest.mark.slow
@pytest.mark.parametrize("sample", [VALID[0], *[p for p in VALID if "stafettlogg" in p.name][:1]],
                         ids=lambda p: p.name)
def test_pdfa_1b_sealed_passes_pdfbox_preflight(
    sample: Path, tmp_path: Path, repo_settings: Settings, seal_config: SealConfig
) -> None:
    options = RenderOptions(seal=seal_config, level=PdfaLevel("1b"))
    [result] = api.render_files([sample], repo_settings, options, tmp_path)
    verdict = preflight_1b(result.pdf)
    assert verdict[0], verdict[1]


def _write_variant(tmp_path: Path, change: dict[str, object]) -> Path:
    source = ROOT / "samples/sak-a/05-stafettlogg-niva2.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(change)
    target = tmp_path / "skjema.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def _render_args(pki: DevPki, out: Path, *inputs: Path) -> list[str]:
    return [
        "--rules", str(ROOT / "archive_rules.yaml"), "render", *map(str, inputs), "-o", str(out),
        "--cert", str(pki.unit_p12), "--cert-password-file", str(pki.password_file), "--trust", str(pki.root_cert),
    ]


@pytest.mark.slow
def test_injection_comes_out_literally_in_pdf_and_docx(tmp_path: Path, dev_pki: DevPki) -> None:
    from docx import Document

    form = _write_variant(tmp_path, {"oppmerksomhet": INJECTION, "felles_forstaelse": INJECTION})
    out = tmp_path / "out"
    assert main([*_render_args(dev_pki, out, form), "--docx"], stdout=io.StringIO()) == 0
    [pdf] = out.glob("*.pdf")
    text = " ".join(pdftotext(pdf).split())
    assert "{{ 7*7 }}" in text and "<script>alert(1)</script>" in text and 'src="file:///etc/passwd"' in text
    assert "root:x:0" not in text
    [docx] = out.glob("*.docx")
    body = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "{{ 7*7 }}" in body and "<script>alert(1)</script>" in body and '{% include "x" %}' in body


@pytest.mark.slow
def test_text_the_fonts_cannot_show_is_refused(tmp_path: Path, dev_pki: DevPki) -> None:
    form = _write_variant(tmp_path, {"oppmerksomhet": "Tiril likar \U0001F600 og 漢字."})
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "bti_docs", *_render_args(dev_pki, out, form)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == ExitCode.render, proc.stderr
    assert "oppmerksomhet" in proc.stderr or "oppmerksomhet" in proc.stdout
    assert not list(out.glob("*.pdf"))


@pytest.mark.slow
def test_a_seal_that_does_not_verify_is_never_written(tmp_path: Path, dev_pki: DevPki) -> None:
    from bti_docs.devcert import create_dev_pki

    stranger = create_dev_pki(tmp_path / "other")
    out = tmp_path / "out"
    args = _render_args(dev_pki, out, ROOT / "samples/sak-a/02-samtykke-opprette-stafettlogg.yaml")
    args[args.index("--trust") + 1] = str(stranger.root_cert)
    assert main(args, stdout=io.StringIO()) == ExitCode.quality
    assert not list(out.glob("*.pdf"))


def test_missing_certificate_says_how_to_get_one(tmp_path: Path) -> None:
    code = subprocess.run(
        [sys.executable, "-m", "bti_docs", "--rules", str(ROOT / "archive_rules.yaml"), "render",
         str(ROOT / "samples/sak-a/02-samtykke-opprette-stafettlogg.yaml"), "-o", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert code.returncode == ExitCode.seal
    assert "dev-cert" in code.stderr
