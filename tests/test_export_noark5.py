"""`bti-docs eksport noark5` on the demo archive: schema-valid extract, Arkade-style checks, screening, BagIt."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import bagit
import pytest
from lxml import etree

from bti_docs import cli
from bti_docs.archive.noark.extract import NS, XML_FILES, check_extract
from bti_docs.archive.noark.xml import validate
from export_helpers import demo_archive, sidecars

__all__ = ["demo_archive"]


@pytest.fixture(scope="module")
def extract(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("uttrekk") / "uttrekk"
    text = io.StringIO()
    assert cli.main(["eksport", "noark5", str(demo_archive), "-o", str(out)], text) == 0
    assert "Noark 5-uttrekk" in text.getvalue()
    return out


def test_every_xml_validates_against_the_official_schemas(extract: Path) -> None:
    for name in XML_FILES:
        validate(name.removesuffix(".xml"), (extract / name).read_bytes())
    validate("addml", (extract / "arkivuttrekk.xml").read_bytes())
    assert check_extract(extract) == []


def test_structure_counts_and_documents_match_the_archive(extract: Path, demo_archive: Path) -> None:
    metas = sidecars(demo_archive)
    root = etree.parse(str(extract / "arkivstruktur.xml")).getroot()
    ns = {"n": NS["arkivstruktur"]}
    path = "n:arkivdel/n:klassifikasjonssystem/n:klasse/n:mappe/n:registrering/n:dokumentbeskrivelse/n:dokumentobjekt"
    objects = root.findall(path, ns)
    assert len(objects) == len(metas)
    assert {o.findtext("n:sjekksum", namespaces=ns) for o in objects} == {
        m["dokumentbeskrivelse"]["dokumentobjekt"]["sjekksum"] for m in metas}
    assert len(root.findall(".//n:mappe", ns)) == len({m["bti"]["sak"] for m in metas})
    assert len(root.findall(".//n:registrering", ns)) == len({m["noark"]["journalpost"]["systemID"] for m in metas})
    statuses = {m.findtext("n:mappeID", namespaces=ns): m.findtext("n:saksstatus", namespaces=ns)
                for m in root.findall(".//n:mappe", ns)}
    closed = {m["bti"]["sak"] for m in metas if "avslutning" in m["bti"]["hendelser"]}
    assert closed and all(statuses[case] == "Avsluttet" for case in closed)
    assert all(status == "Under behandling" for case, status in statuses.items() if case not in closed)


def test_public_journal_is_screened_and_never_names_the_child(extract: Path, demo_archive: Path) -> None:
    public = (extract / "offentligJournal.xml").read_text(encoding="utf-8")
    running = (extract / "loependeJournal.xml").read_text(encoding="utf-8")
    names = {m["personopplysninger"]["barn_navn"] for m in sidecars(demo_archive)
             if "barn_navn" in m["personopplysninger"]}
    assert names
    for name in names:
        assert name not in public
        for part in name.split():
            assert part not in public
        assert name in running  # the running journal is the archive's own, screened as a whole
    assert "<offentligTittel>Stafettlogg – *****</offentligTittel>" in public
    assert public.count("<tilgangsrestriksjon>13</tilgangsrestriksjon>") >= 2
    assert "<tittel>Stafettlogg" not in public


def test_checks_find_a_changed_document_a_missing_file_and_a_stray_file(extract: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(extract, copy)
    pdfs = sorted((copy / "dokumenter").rglob("*.pdf"))
    pdfs[0].write_bytes(pdfs[0].read_bytes() + b"\n%tamper\n")
    pdfs[1].unlink()
    (copy / "dokumenter" / "extra.pdf").write_bytes(b"%PDF-1.7\n")
    (copy / "endringslogg.xml").write_bytes((copy / "endringslogg.xml").read_bytes() + b"\n")
    problems = check_extract(copy)
    assert any("sjekksummen stemmer" in p for p in problems)
    assert any("storleiken" in p for p in problems)
    assert any("finst ikkje" in p and pdfs[1].name in p for p in problems)
    assert any("extra.pdf" in p for p in problems)
    assert any("sjekksummen for endringslogg.xml" in p for p in problems)


def test_an_existing_folder_is_never_overwritten(extract: Path, demo_archive: Path) -> None:
    before = (extract / "arkivstruktur.xml").read_bytes()
    assert cli.main(["eksport", "noark5", str(demo_archive), "-o", str(extract)], io.StringIO()) == 10
    assert (extract / "arkivstruktur.xml").read_bytes() == before


def test_bagit_wraps_a_valid_bag(demo_archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "bag"
    assert cli.main(["eksport", "noark5", str(demo_archive), "-o", str(out), "--bagit"], io.StringIO()) == 0
    bag = bagit.Bag(str(out))
    bag.validate()
    assert "sha256" in bag.algorithms
    assert check_extract(out / "data") == []
    (out / "data" / "arkivstruktur.xml").write_bytes(b"<x/>")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(out)).validate()
