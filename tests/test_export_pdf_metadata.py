"""The smaller archival points: artifacts in PDF/A-2a, whole words, Info title = Noark title, dc:creator."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pikepdf
import pytest

from bti_docs import cli
from bti_docs.pdfa import DC, PdfaLevel, check_pdfa, read_xmp
from export_helpers import demo_archive
from tools import pdftotext, preflight_1b

__all__ = ["demo_archive"]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rendered_2a(tmp_path_factory: pytest.TempPathFactory, demo_archive: Path) -> Path:
    out = tmp_path_factory.mktemp("r2a")
    certs = demo_archive.parent / "testsertifikat"
    form = ROOT / "samples" / "sak-a" / "09-stafettlogg-skule.yaml"
    code = cli.main(["render", str(form), "-o", str(out), "--pdfa", "2a", "--cert", str(certs / "testeining-segl.p12"),
                     "--cert-password-file", str(certs / "testeining-segl.passord"),
                     "--trust", str(certs / "test-rot-ca.pem")], io.StringIO())
    assert code == 0
    [pdf] = out.glob("*.pdf")
    return pdf


def _reachable(doc: pikepdf.Pdf) -> set[tuple[int, int]]:
    seen: set[tuple[int, int]] = set()
    stack = [doc.Root.StructTreeRoot.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node and node.objgen not in seen:
            seen.add(node.objgen)
            stack.append(node.get("/K"))
    return seen


def test_2a_margin_boxes_are_pagination_artifacts_and_all_content_is_tagged(rendered_2a: Path) -> None:
    with pikepdf.open(rendered_2a) as doc:
        assert len(doc.pages) >= 2
        reachable = _reachable(doc)
        nums = doc.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in doc.pages:
            array = parents[int(page.obj.StructParents)]
            pagination = 0
            for instruction in pikepdf.parse_content_stream(page):
                if str(instruction.operator) != "BDC":
                    continue
                tag, props = instruction.operands
                if tag == pikepdf.Name.Artifact:
                    pagination += props.get("/Type") == pikepdf.Name.Pagination
                    continue
                element = array[int(props.MCID)]
                assert isinstance(element, pikepdf.Dictionary) and element.objgen in reachable
            assert pagination >= 2  # page number (and, after page 1, the running header)
    assert check_pdfa(rendered_2a.read_bytes(), PdfaLevel("2a")) == []


def test_no_automatic_hyphenation_in_extracted_text(rendered_2a: Path) -> None:
    text = pdftotext(rendered_2a)
    assert "\u00ad" not in text
    assert not re.search(r"[a-zæøå]-\n\s*[a-zæøå]", text)  # a word split across lines
    assert "hyphens: auto" not in (ROOT / "templates" / "html" / "style.css").read_text(encoding="utf-8")


def test_info_title_is_the_noark_title_and_creator_is_the_unit(demo_archive: Path) -> None:
    checked = 0
    for sidecar in sorted(demo_archive.rglob("*.pdf.noark5.json")):
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if meta["dokumentbeskrivelse"]["tilknyttetRegistreringSom"] != "Hoveddokument":
            continue  # a log copy keeps the bytes (and title) of the snapshot it copies
        pdf = Path(str(sidecar).removesuffix(".noark5.json"))
        with pikepdf.open(pdf) as doc:
            assert str(doc.trailer.Info.Title) == meta["dokumentbeskrivelse"]["tittel"]
            creator = f"Fjordvik kommune, {meta['bti']['enhetsnavn']}"
            assert str(doc.trailer.Info.Author) == creator
            props = read_xmp(bytes(doc.Root.Metadata.read_bytes()))
        creators = props[(DC, "creator")]
        assert isinstance(creators, list) and [c[1] for c in creators] == [creator]
        for name in meta["personopplysninger"].values():
            assert name not in creator
        checked += 1
    assert checked >= 10


def test_preflight_accepts_1b_with_creator(tmp_path: Path, demo_archive: Path) -> None:
    certs = demo_archive.parent / "testsertifikat"
    form = ROOT / "samples" / "sak-a" / "01-referat-undringssamtale.yaml"
    assert cli.main(["render", str(form), "-o", str(tmp_path), "--pdfa", "1b", "--cert",
                     str(certs / "testeining-segl.p12"), "--cert-password-file",
                     str(certs / "testeining-segl.passord"), "--trust", str(certs / "test-rot-ca.pem")],
                    io.StringIO()) == 0
    [pdf] = tmp_path.glob("*.pdf")
    verdict = preflight_1b(pdf)
    assert verdict.ok, verdict.messages
