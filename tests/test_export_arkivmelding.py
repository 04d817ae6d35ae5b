"""`bti-docs eksport arkivmelding` and `eksport kvittering`: valid messages, written once, atomically."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from bti_docs import api, cli
from bti_docs.archive.noark import arkivmelding
from bti_docs.archive.noark.xml import validate
from export_helpers import demo_archive, sidecars

__all__ = ["demo_archive"]

ROOT = Path(__file__).resolve().parents[1]
KV = arkivmelding.KV
MD = arkivmelding.MD


@pytest.fixture
def archive(demo_archive: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "arkiv"
    shutil.copytree(demo_archive, copy)
    return copy


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(list(args), out), out.getvalue()


def _trust(archive: Path) -> tuple[Path, ...]:
    return (archive.parent.parent / "demo" / "testsertifikat" / "test-rot-ca.pem",)


def test_one_valid_message_per_registration_with_its_files(archive: Path, tmp_path: Path,
                                                           demo_archive: Path) -> None:
    outbox = tmp_path / "utboks"
    code, text = _run("eksport", "arkivmelding", str(archive), "-o", str(outbox))
    assert code == 0, text
    metas = sidecars(archive)
    posts = {m["noark"]["journalpost"]["systemID"] for m in metas}
    folders = sorted(p for p in outbox.iterdir())
    assert {f.name for f in folders} == posts
    by_sum = {m["dokumentbeskrivelse"]["dokumentobjekt"]["sjekksum"] for m in metas}
    files = 0
    for folder in folders:
        data = (folder / "arkivmelding.xml").read_bytes()
        validate("arkivmelding", data)
        doc = etree.fromstring(data)
        ns = {"a": arkivmelding.AM}
        names = [el.text for el in doc.iterfind(".//a:referanseDokumentfil", ns)]
        assert int(doc.findtext("a:antallFiler", namespaces=ns) or 0) == len(names)
        for name in names:
            assert name and (folder / name).is_file()
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() in by_sum
            files += 1
        roles = [el.findtext(f"{{{MD}}}kode") for el in doc.iterfind(".//a:tilknyttetRegistreringSom", ns)]
        assert roles[0] == "H" and all(r == "V" for r in roles[1:])
        assert doc.findtext(".//a:skjerming/a:skjermingshjemmel", namespaces=ns) == "offl. § 13 jf. fvl. § 13"
    assert files == len(metas)
    # the journal database keeps the state and the archive still verifies
    assert api.verify(archive, api.open_settings(ROOT / "archive_rules.yaml"), _trust(demo_archive)) == []


def test_exported_exactly_once_and_again_on_request(archive: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "utboks"
    assert _run("eksport", "arkivmelding", str(archive), "-o", str(outbox))[0] == 0
    first = sorted(p.name for p in outbox.iterdir())
    shutil.rmtree(outbox)  # the integration picked them up
    code, text = _run("eksport", "arkivmelding", str(archive), "-o", str(outbox))
    assert code == 0 and not any(outbox.iterdir()) and f"{len(first)} sende før" in text
    assert _run("eksport", "arkivmelding", str(archive), "-o", str(outbox), "--paa-nytt")[0] == 0
    assert sorted(p.name for p in outbox.iterdir()) == first


def test_a_message_written_before_a_crash_is_recorded_not_written_twice(archive: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "utboks"
    assert _run("eksport", "arkivmelding", str(archive), "-o", str(outbox))[0] == 0
    before = sorted(p.name for p in outbox.iterdir())
    one = outbox / before[0]
    db = sqlite3.connect(archive / ".bti-journal" / "journal.sqlite")
    db.execute("DELETE FROM eksport_arkivmelding WHERE journalpost = ?", (one.name,))  # crash before commit
    db.commit()
    db.close()
    assert _run("eksport", "arkivmelding", str(archive), "-o", str(outbox))[0] == 0
    assert sorted(p.name for p in outbox.iterdir()) == before
    assert not (outbox / f"{one.name}-2").exists()
    assert one.name in arkivmelding.receipts(archive)


def test_a_message_that_fails_the_schema_is_never_written(archive: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real = arkivmelding.message

    def broken(*args: object, **kwargs: object) -> tuple[bytes, list[tuple[str, Path]]]:
        data, files = real(*args, **kwargs)  # type: ignore[arg-type]
        return data.replace(b"<system>bti-docs</system>", b""), files

    monkeypatch.setattr(arkivmelding, "message", broken)
    outbox = tmp_path / "utboks"
    code, _text = _run("eksport", "arkivmelding", str(archive), "-o", str(outbox))
    assert code == 10
    assert list(outbox.iterdir()) == []  # no message folder, no temporary folder
    assert arkivmelding.receipts(archive) == {}


def _receipt(post_id: str, system: str = "bti-docs") -> bytes:
    kv = etree.Element(f"{{{KV}}}arkivmeldingKvittering", nsmap={None: KV, "n5mdk": MD})
    reg = etree.SubElement(kv, f"{{{KV}}}registreringKvittering")
    etree.SubElement(reg, f"{{{KV}}}systemID").text = "0f8b7c3e-1d2a-4b5c-9e8f-7a6b5c4d3e2f"
    etree.SubElement(reg, f"{{{KV}}}opprettetDato").text = "2026-12-01T10:00:00Z"
    key = etree.SubElement(reg, f"{{{KV}}}referanseEksternNoekkel")
    etree.SubElement(key, f"{{{MD}}}fagsystem").text = system
    etree.SubElement(key, f"{{{MD}}}noekkel").text = post_id
    etree.SubElement(reg, f"{{{KV}}}opprettetEllerEksisterende").text = "Opprettet"
    return bytes(etree.tostring(kv, xml_declaration=True, encoding="utf-8"))


def test_a_receipt_is_read_back_and_recorded(archive: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "utboks"
    assert _run("eksport", "arkivmelding", str(archive), "-o", str(outbox))[0] == 0
    post_id = sorted(outbox.iterdir())[0].name
    receipt = tmp_path / "kvittering.xml"
    receipt.write_bytes(_receipt(post_id))
    validate("arkivmeldingKvittering", receipt.read_bytes())
    code, text = _run("eksport", "kvittering", str(archive), str(receipt))
    assert code == 0 and post_id in text
    recorded = arkivmelding.receipts(archive)[post_id]
    assert recorded is not None and "0f8b7c3e-1d2a-4b5c-9e8f-7a6b5c4d3e2f" in recorded
    unknown = tmp_path / "ukjend.xml"
    unknown.write_bytes(_receipt("11111111-2222-3333-4444-555555555555"))
    assert _run("eksport", "kvittering", str(archive), str(unknown))[0] == 10
    bad = tmp_path / "feil.xml"
    bad.write_bytes(b"<arkivmeldingKvittering/>")
    assert _run("eksport", "kvittering", str(archive), str(bad))[0] == 10
