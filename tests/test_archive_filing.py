"""Filing real sealed PDF/A files by the rules: paths, sidecars, journal, duplicates, numbering, modes."""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bti_docs.archive import fsutil
from bti_docs.archive.filing import Archive
from bti_docs.archive.journal import JOURNAL_DIR, Journal
from bti_docs.archive.plan import FiledDocument, FilingPlan, plan_filing
from bti_docs.archive.recovery import reindex
from bti_docs.archive.rules import Hendelse
from bti_docs.archive.sidecar import parse_sidecar
from bti_docs.archive.verify import verify_archive
from bti_docs.config import Settings
from bti_docs.errors import ArchiveError, ConfigError, RefusedCaseError
from bti_docs.rules.check import check_form
from test_archive_support import (
    BOKMAL_RULES,
    build_archive,
    documents,
    file_form,
    form,
    scenario,
    settings,
    tree,
    trust_roots,
)

Filed = list[tuple[FilingPlan, list[FiledDocument]]]
CASE = "SAK-2024-0001"


@pytest.fixture(scope="module")
def fjordvik(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Settings, Filed]:
    root, s = tmp_path_factory.mktemp("fjordvik") / "arkiv", settings()
    return root, s, build_archive(root, s)


@pytest.fixture(scope="module")
def nordli(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Settings, Filed]:
    root, s = tmp_path_factory.mktemp("nordli") / "arkiv", settings(BOKMAL_RULES)
    return root, s, build_archive(root, s)


def sidecar_of(doc: FiledDocument) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(doc.sidecar_path.read_text(encoding="utf-8"))
    return data


def test_each_event_files_exactly_the_documents_the_rules_name(fjordvik: tuple[Path, Settings, Filed]) -> None:
    root, _s, filed = fjordvik
    base_a, base_b = f"4699/solsida-barnehage/{CASE}", f"4699/fjordvik-skule/{CASE}"
    expected = [
        ([H.undringssamtale], "ikkje_kravd",
         [f"{base_a}/2023/2023-11-20_undringssamtale_referat_undringssamtale_001.pdf"]),
        ([H.nytt_samtykke], "ingen_stafettlogg", [f"{base_a}/2024/2024-01-05_nytt_samtykke_samtykke_001.pdf"]),
        ([H.periodisk], "skjemaet_er_stafettlogg", [f"{base_a}/2024/2024-05-10_periodisk_stafettlogg_001.pdf"]),
        ([H.overgang, H.stafettholderbytte], "arkivert", [
            f"{base_b}/2024/2024-08-15_overgang_overgangsskjema_001.pdf",
            f"{base_b}/2024/2024-08-15_overgang_stafettlogg_001.pdf",
        ]),
        # the handover in this log was recorded by the transition form: an ordinary snapshot
        ([H.periodisk], "skjemaet_er_stafettlogg", [f"{base_b}/2024/2024-09-01_periodisk_stafettlogg_001.pdf"]),
        ([H.samtykke_trukket], "arkivert", [
            f"{base_b}/2024/2024-10-01_samtykke_trukket_tilbaketrekking_samtykke_001.pdf",
            f"{base_b}/2024/2024-10-01_samtykke_trukket_stafettlogg_001.pdf",
        ]),
        ([H.avslutning], "arkivert", [
            f"{base_b}/2024/2024-11-01_avslutning_avslutning_001.pdf",
            f"{base_b}/2024/2024-11-01_avslutning_stafettlogg_001.pdf",
        ]),
    ]
    assert [(list(p.events), p.log_copy, [d.relpath for d in docs]) for p, docs in filed] == expected
    every = [d.relpath for _p, docs in filed for d in docs]
    assert tree(root) == sorted(every + [p + ".noark5.json" for p in every])


def test_log_copies_are_the_latest_snapshot_byte_for_byte(fjordvik: tuple[Path, Settings, Filed]) -> None:
    _root, _s, filed = fjordvik
    first_log, second_log = filed[2][1][0], filed[4][1][0]
    transition_copy, withdrawal_copy = filed[3][1][1], filed[5][1][1]
    assert transition_copy.path.read_bytes() == first_log.path.read_bytes()
    assert withdrawal_copy.path.read_bytes() == second_log.path.read_bytes()
    meta = sidecar_of(withdrawal_copy)
    assert meta["bti"]["kopi_av"] == {"sti": second_log.relpath, "sjekksum": second_log.pdf_sha256,
                                      "dokumentdato": "2024-09-01"}
    assert meta["bti"]["hendelse"] == "samtykke_trukket" and meta["bti"]["rolle"] == "stafettlogg"
    assert meta["dokumentbeskrivelse"]["tilknyttetRegistreringSom"] == "Vedlegg"
    assert meta["dokumentbeskrivelse"]["tittel"] == "Stafettlogg (samtykke trekt tilbake), Fjordvik skule, 01.09.2024"


def test_sidecars_carry_noark5_fields_and_matching_checksums(fjordvik: tuple[Path, Settings, Filed]) -> None:
    _root, _s, filed = fjordvik
    for _plan, docs in filed:
        for doc in docs:
            pdf = doc.path.read_bytes()
            meta = sidecar_of(doc)
            obj = meta["dokumentbeskrivelse"]["dokumentobjekt"]
            assert obj["sjekksum"] == fsutil.sha256_bytes(pdf) == doc.pdf_sha256
            assert obj["filstoerrelse"] == len(pdf)
            assert (obj["format"], obj["formatDetaljer"], obj["variantformat"], obj["sjekksumAlgoritme"]) == \
                ("fmt/477", "PDF/A-2b", "Arkivformat", "SHA256")
            assert obj["referanseDokumentfil"] == doc.path.name
            assert meta["dokumentbeskrivelse"]["dokumentstatus"] == "Dokumentet er ferdigstilt"
            assert meta["dokumentbeskrivelse"]["kassasjon"]["kassasjonsvedtak"] == "Bevares"
            assert meta["bti"]["segl"]["verifisert"] is True
            assert meta["personopplysninger"] == {"barn_navn": "Testa Oppdiktasen", "barn_fodselsdato": "2019-03-14"}
            assert fsutil.sha256_file(doc.sidecar_path) == doc.sidecar_sha256
            parse_sidecar(doc.sidecar_path.read_bytes())
    transition = sidecar_of(filed[3][1][0])
    assert transition["bti"]["hendelser"] == ["overgang", "stafettholderbytte"]
    assert transition["bti"]["overleveringer"] == ["2024-08-15"]
    assert transition["dokumentbeskrivelse"]["tittel"] == "Overgangsskjema (overgang), Fjordvik skule, 15.08.2024"


def test_the_archive_verifies_and_the_journal_indexes_every_event(fjordvik: tuple[Path, Settings, Filed]) -> None:
    root, _s, filed = fjordvik
    assert verify_archive(root, trust_roots(), lang="nn") == []
    journal = Journal(root / JOURNAL_DIR / "journal.sqlite", readonly=True)
    try:
        assert journal.check() == []
        events = [(seq, event) for seq, event, _case, _day in journal.events()]
        entries = journal.entries()
    finally:
        journal.close()
    seq_of = {e.relpath: e.seq for e in entries}
    assert events == sorted((seq_of[docs[0].relpath], e.value) for p, docs in filed for e in p.events)
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]


def test_no_personal_data_outside_the_sidecars(fjordvik: tuple[Path, Settings, Filed]) -> None:
    root, _s, _filed = fjordvik
    for path in root.rglob("*"):
        assert "Oppdiktasen" not in path.as_posix() and "Testa" not in path.as_posix()
        if path.is_file() and not path.name.endswith(".noark5.json"):
            assert b"Oppdiktasen" not in path.read_bytes(), path


def test_files_are_read_only_and_closed_to_others(fjordvik: tuple[Path, Settings, Filed]) -> None:
    root, _s, _filed = fjordvik
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode == 0o750, path
        elif path.parent.name == JOURNAL_DIR:
            assert mode & 0o007 == 0, path
        else:
            assert mode == 0o440, path
    assert stat.S_IMODE((root / JOURNAL_DIR / "journal.sqlite").stat().st_mode) == 0o640


def test_a_second_municipality_changes_the_outcome_without_code(nordli: tuple[Path, Settings, Filed]) -> None:
    root, _s, filed = nordli
    base_a, base_b = f"bti/nordli-barnehage/{CASE}", f"bti/nordli-skole/{CASE}"
    undring, consent, log, transition = filed[0], filed[1], filed[2], filed[3]
    assert undring[0].skipped == (H.undringssamtale,) and undring[1] == []
    assert consent[0].log_copy == "ikkje_kravd"
    assert [d.relpath for d in consent[1]] == [f"{base_a}/2024-01/samtykke-2024-01-05-001.pdf"]
    assert [d.relpath for d in log[1]] == [f"{base_a}/2024-05/stafettlogg-2024-05-10-001.pdf"]
    assert transition[0].events == (H.stafettholderbytte,) and transition[0].skipped == (H.overgang,)
    assert [d.relpath for d in transition[1]] == [f"{base_b}/bytte/2024-08-15-overgangsskjema-001.pdf",
                                                  f"{base_b}/bytte/2024-08-15-stafettlogg-001.pdf"]
    log_meta, copy_meta = sidecar_of(log[1][0]), sidecar_of(transition[1][1])
    assert log_meta["dokumentbeskrivelse"]["kassasjon"] == {
        "kassasjonsvedtak": "Kasseres", "bevaringstid": 10, "kassasjonsdato": "2034-05-10",
        "kassasjonshjemmel": "Bevarings- og kassasjonsplan for Nordli, pkt. 4"}
    assert log_meta["dokumentbeskrivelse"]["dokumenttype"] == "BTI-logg"
    assert copy_meta["dokumentbeskrivelse"]["tittel"] == \
        "Stafettlogg – skifte av stafettholder – Nordli barnehage 10.05.2024"
    assert sidecar_of(transition[1][0])["dokumentbeskrivelse"]["tittel"] == \
        "Overgangsskjema – skifte av stafettholder – Nordli skole 15.08.2024"
    assert sidecar_of(transition[1][0])["bti"]["kommunenummer"] == "4698"
    assert verify_archive(root, trust_roots()) == []


def test_the_consent_age_of_the_second_municipality_applies() -> None:
    youth = {"fornavn": "Unga", "etternavn": "Oppdiktasen", "fodselsdato": "2009-01-01"}
    outcomes = []
    for s in (settings(), settings(BOKMAL_RULES)):
        f = form("samtykke", s, barn=youth, dato="2024-06-01",
                 gitt_av=[{"navn": "Unga Oppdiktasen", "rolle": "ungdom", "signert_dato": "2024-01-05"}])
        problems = check_form(f, s.kommune, today=date(2024, 6, 2), file="x", lang="nb")
        outcomes.append(sorted(p.code for p in problems if p.severity == "error"))
    assert outcomes == [[], ["consent_by_child_under_age"]]


def test_refiling_the_same_input_is_recognised(fjordvik: tuple[Path, Settings, Filed]) -> None:
    root, s, filed = fjordvik
    before = tree(root)
    with Archive(root, s) as archive:
        for f, (first_plan, first_docs) in zip(scenario(s), filed, strict=True):
            plan = plan_filing(f, s, archive)
            assert plan.events == first_plan.events  # even though the journal knows more now
            if first_docs:
                assert plan.complete
            _plan, again = file_form(archive, s, f, label="other-rendering")
            assert [d.relpath for d in again] == [d.relpath for d in first_docs]
            assert all(d.duplicate for d in again)
    assert tree(root) == before


def test_a_new_document_with_the_same_name_gets_the_next_number(tmp_path: Path) -> None:
    s = settings()
    with Archive(tmp_path, s) as archive:
        _p, one = file_form(archive, s, form("stafettlogg", s))
        _p, two = file_form(archive, s, form("stafettlogg", s, oppmerksomhet="Endra tekst."))
    assert one[0].relpath.endswith("_001.pdf") and two[0].relpath.endswith("_002.pdf")
    assert verify_archive(tmp_path, trust_roots()) == []


def test_without_lopenummer_an_existing_name_is_refused(tmp_path: Path) -> None:
    text = Path(settings().source).read_text(encoding="utf-8").replace("_{lopenummer}.pdf", ".pdf")
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    s = settings(tmp_path / "rules.yaml")
    root = tmp_path / "arkiv"
    with Archive(root, s) as archive:
        _p, one = file_form(archive, s, form("stafettlogg", s))
        with pytest.raises(ArchiveError, match="blir ikkje skrive over"):
            file_form(archive, s, form("stafettlogg", s, oppmerksomhet="Endra tekst."))
    assert tree(root) == [one[0].relpath, one[0].relpath + ".noark5.json"]
    assert verify_archive(root, trust_roots()) == []


def test_a_read_only_archive_is_an_archive_error_and_leaves_nothing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    s = settings()
    with Archive(tmp_path, s) as archive:
        def refuse(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(os, "link", refuse)
        with pytest.raises(ArchiveError, match="skriveverna") as info:
            file_form(archive, s, form("stafettlogg", s))
        assert "Oppdiktasen" not in info.value.message
        monkeypatch.undo()
        assert tree(tmp_path) == []
        assert verify_archive(tmp_path, trust_roots()) == []
        _p, docs = file_form(archive, s, form("stafettlogg", s))  # and works again afterwards
    assert len(docs) == 1


def test_reindex_rebuilds_the_same_chain_from_the_sidecars(tmp_path: Path) -> None:
    s = settings()
    build_archive(tmp_path, s)
    db = tmp_path / JOURNAL_DIR / "journal.sqlite"
    journal = Journal(db, readonly=True)
    before = [(e.seq, e.hash, e.body) for e in journal.entries()]
    journal.close()
    db.unlink()
    assert [p.code for p in verify_archive(tmp_path, trust_roots())] == ["journal_missing"]
    assert reindex(tmp_path).count == len(before)
    journal = Journal(db, readonly=True)
    assert [(e.seq, e.hash, e.body) for e in journal.entries()] == before
    journal.close()
    assert verify_archive(tmp_path, trust_roots()) == []
    assert stat.S_IMODE(db.stat().st_mode) == 0o640


def test_refused_cases_and_missing_rules_file_nothing(tmp_path: Path) -> None:
    s, root = settings(), tmp_path / "arkiv"
    with Archive(root, s) as archive:
        with pytest.raises(RefusedCaseError):
            plan_filing(form("stafettlogg", s, mistanke_vold_overgrep=True), s, archive)
        text = Path(s.source).read_text(encoding="utf-8").split("\narkivering:")[0]
        (tmp_path / "utan.yaml").write_text(text, encoding="utf-8")
        bare = settings(tmp_path / "utan.yaml")
        with pytest.raises(ConfigError, match="arkivering"):
            plan_filing(form("stafettlogg", bare), bare, archive)
    assert tree(root) == []


def test_yearly_filing_and_the_due_list(tmp_path: Path) -> None:
    s = settings()
    with Archive(tmp_path, s) as archive:
        log = form("stafettlogg", s, enkeltvedtak=True)
        file_form(archive, s, log)
        assert [d.case for d in archive.due_yearly(date(2024, 6, 1))] == [CASE]
        yearly = form("stafettlogg", s, enkeltvedtak=True, dato="2024-06-18")
        plan, docs = file_form(archive, s, yearly, override="aarlig")
        assert plan.events == (H.aarlig,) and "_aarlig_" in docs[0].relpath
        assert archive.due_yearly(date(2024, 6, 1)) == []
        assert [(d.case, d.deadline) for d in archive.due_yearly(date(2024, 8, 1))] == [(CASE, date(2025, 7, 18))]
        assert archive.latest_log(CASE) == docs[0]


def test_filing_works_with_an_umask_that_would_close_the_group(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        s = settings()
        with Archive(tmp_path / "ny", s) as archive:
            _p, docs = file_form(archive, s, form("samtykke", s))
    finally:
        os.umask(old)
    assert stat.S_IMODE(docs[0].path.stat().st_mode) == 0o440
    assert stat.S_IMODE(docs[0].path.parent.stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "ny").stat().st_mode) == 0o750


def test_a_malformed_document_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    s = settings()
    with Archive(tmp_path, s) as archive:
        doc = documents(plan_filing(form("samtykke", s), s, archive), "form")[0]
        assert "Oppdiktasen" not in repr(doc)
        for bad, field in [(replace(doc, pdf=b"GIF89a"), "pdf"), (replace(doc, pdfa_level="3b"), "pdfa_level"),
                           (replace(doc, title=" "), "tittel"), (replace(doc, event="ferie"), "event")]:
            with pytest.raises(ArchiveError, match=f"ugyldige felt \\(.*{field}") as info:
                archive.file([bad])
            assert "Oppdiktasen" not in info.value.message
    assert tree(tmp_path) == []
    assert verify_archive(tmp_path, trust_roots()) == []


H = Hendelse


def test_two_filers_creating_a_new_archive_at_once_both_open_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo_settings: Settings
) -> None:
    """The second of two processes that both found no archive folder opens the one the first just made (seen
    in CI: two unit watchers starting on an empty archive, one failed with 'File exists')."""
    root = tmp_path / "arkiv"
    real_mkdir = Path.mkdir

    def mkdir_after_the_other(self: Path, *args: Any, **kwargs: Any) -> None:
        if self == root and not root.exists():
            real_mkdir(root, 0o750)  # the other filer wins the race
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir_after_the_other)
    with Archive(root, repo_settings) as archive:
        assert archive.root == root
    assert (root / JOURNAL_DIR).is_dir()
