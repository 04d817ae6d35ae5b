"""The case ledger and the checks across documents, through `bti-docs file` into real archives.

Every rule is shown on real sealed PDF/A documents filed by the CLI: a log resting on a withdrawn or expired
consent, a transition whose consent is unknown or does not cover the receiving service, a log after closure
(and after re-opening), holder and level changes as events, the log copy chosen by the event's date and its
age recorded, a copy owed to an event filed before its log, `reindex` giving the same case state back, and
`verify` passing throughout. The forms are small synthetic ones (``test_archive_support.form``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bti_docs.archive.ledger import CaseLedger, LedgerDoc, facts_of, ledgers_from_bodies
from bti_docs.archive.sidecar import Saksfakta
from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode
from test_archive_support import form, settings
from test_file_cli import RULES, file_cmd, sidecars

S = settings()
CASE = "SAK-2024-0001"
CONSENT = {"samtykke_id": "s-1", "type": "opprette_stafettlogg", "tjenester": ["barnehage", "helsestasjon"],
           "gyldig_fra": "2024-01-05", "gyldig_til": "2025-12-31"}


def write(folder: Path, name: str, kind: str, **extra: Any) -> Path:
    """A valid form of ``kind`` (see test_archive_support.form) written as YAML."""
    data = form(kind, S, **extra).model_dump(mode="json", exclude_none=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def file(pki: DevPki, archive: Path, *inputs: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main(file_cmd(pki, archive, *inputs, workers=1), stdout=out)
    return code, out.getvalue()


def verify_ok(pki: DevPki, archive: Path) -> None:
    out = io.StringIO()
    assert main([*RULES, "verify", str(archive), "--trust", str(pki.root_cert)], stdout=out) == 0, out.getvalue()


def pdfs(archive: Path) -> list[str]:
    return sorted(str(p.relative_to(archive)) for p in archive.rglob("*.pdf"))


def saker_json(archive: Path, *extra: str) -> Any:
    out = io.StringIO()
    assert main([*RULES, "saker", str(archive), "--dato", "2024-12-01", "--json", *extra], stdout=out) == 0
    return json.loads(out.getvalue())


def consent_form(folder: Path, name: str = "01-samtykke.yaml", **extra: Any) -> Path:
    return write(folder, name, "samtykke", **{**CONSENT, "dato": "2024-01-05", **extra})


def log_form(folder: Path, name: str, dato: str, **extra: Any) -> Path:
    holder = {"navn": "Hilde Haldar", "rolle": "pedagogisk leiar", "enhet": "solsida-barnehage",
              "tjeneste": "barnehage", "fra_dato": "2024-01-10", "akseptert_dato": "2024-01-10"}
    return write(folder, name, "stafettlogg", **{"dato": dato, "samtykker": [CONSENT], "stafettholdere": [holder],
                                                 **extra})


# --- the ledger, pure -------------------------------------------------------------------------------


def test_facts_carry_no_names() -> None:
    log = form("stafettlogg", S, stafettholdere=[{"navn": "Hilde Haldar", "rolle": "kontaktlærar", "enhet": "E",
                                                   "fra_dato": "2024-01-10"}])
    text = facts_of(log).model_dump_json()
    assert "Hilde" not in text and "Oppdiktasen" not in text and "Testa" not in text
    assert '"kontaktlærar"' in text and '"niva":1' in text


def test_the_fold_is_by_date_not_by_arrival() -> None:
    def doc(seq: int, day: str, kind: str, facts: Saksfakta) -> LedgerDoc:
        from datetime import date

        return LedgerDoc(seq, date.fromisoformat(day), kind, "u", (), f"p{seq}", facts)

    consent = facts_of(form("samtykke", S))
    withdrawal = facts_of(form("tilbaketrekking_samtykke", S))
    closing = Saksfakta(avslutningsarsak="samtykke_trukket")
    reopening = facts_of(form("samtykke", S, samtykke_id="s-2", dato="2024-12-01", gyldig_fra="2024-12-01"))
    docs = [doc(1, "2024-12-01", "samtykke", reopening), doc(2, "2024-11-01", "avslutning", closing),
            doc(3, "2024-10-01", "tilbaketrekking_samtykke", withdrawal), doc(4, "2024-01-05", "samtykke", consent)]
    ledger = CaseLedger.build(CASE, docs)
    assert [d.seq for d in ledger.docs] == [4, 3, 2, 1]
    from datetime import date

    assert ledger.consents["s-1"].withdrawn is not None
    assert ledger.status(date(2024, 10, 15)) == "avslutta"
    assert ledger.status(date(2024, 12, 2)) == "open"
    assert CaseLedger.build(CASE, reversed(docs)).summary(date(2024, 12, 2)) == ledger.summary(date(2024, 12, 2))


def test_an_older_archive_without_facts_keeps_working() -> None:
    """Documents filed before the ledger have no facts: a transition's consent cannot be looked up, so it is
    not refused for being unknown; an older settings file with one yearly deadline still gives it."""
    from bti_docs.archive.case_checks import check_case
    from test_archive_support import BOKMAL_RULES

    body = {"dokumentdato": "2024-01-05", "skjema": "samtykke", "enhet": "solsida-barnehage",
            "hendelser": ["nytt_samtykke"], "sti": "x.pdf", "kopi_av": None, "sak": CASE}
    ledger = ledgers_from_bodies([(1, body)])[CASE]
    assert ledger.legacy and ledger.consents == {}
    transition = form("overgangsskjema", S, samtykke_id="ukjent")
    assert check_case(transition, ledger, S, "nn", "f.yaml") == []
    assert check_case(transition, CaseLedger(CASE), S, "nn", "f.yaml")[0].code == "case_consent_unknown"
    older = settings(BOKMAL_RULES).data.arkivering
    assert older is not None and older.hendelser.aarlig.deadline_for("skole") == older.hendelser.aarlig.frist


# --- refusals through `file` ------------------------------------------------------------------------


def test_a_log_after_the_withdrawal_is_refused_naming_it(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    inputs = [consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-05-10"),
              write(tmp_path, "03-trekk.yaml", "tilbaketrekking_samtykke", dato="2024-10-01")]
    code, out = file(dev_pki, archive, *inputs)
    assert code == 0, out
    before = pdfs(archive)
    # the snapshot on the day of the withdrawal is the case as it ended: it is accepted
    same_day = log_form(tmp_path, "04-logg-same-dag.yaml", "2024-10-01")
    code, out = file(dev_pki, archive, same_day)
    assert code == 0, out
    # ... and, being the current log on the withdrawal's day, it is copied to the withdrawal too
    assert out.count("samtykke_trukket_stafettlogg") == 1 and len(pdfs(archive)) == len(before) + 2
    before = pdfs(archive)
    later = log_form(tmp_path, "05-logg-etter.yaml", "2024-10-15")
    code, out = file(dev_pki, archive, later)
    assert code == ExitCode.invalid_form, out
    assert "samtykker[0].samtykke_id" in out
    assert "«s-1» vart trekt tilbake 01.10.2024 (Tilbaketrekking av samtykke, 01.10.2024)" in out
    assert "avslutta 01.10.2024" in out  # the establishing consent is gone: the log has ended
    assert pdfs(archive) == before
    verify_ok(dev_pki, archive)


def test_a_log_claiming_an_expired_consent_is_refused(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    code, out = file(dev_pki, archive, consent_form(tmp_path, gyldig_til="2024-06-30"))
    assert code == 0, out
    code, out = file(dev_pki, archive, log_form(tmp_path, "02-logg.yaml", "2024-08-01"))
    assert code == ExitCode.invalid_form, out
    assert "gjekk ut 30.06.2024 etter samtykkeskjemaet i arkivet (Samtykke, 05.01.2024)" in out


def test_transition_consent_must_be_known_and_cover_the_receiving_service(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    transition = {"dato": "2024-08-15", "akseptert_dato": "2024-08-15",
                  "fra": {"enhet": "solsida-barnehage", "tjeneste": "barnehage", "niva": 1},
                  "til": {"enhet": "fjordvik-skule", "tjeneste": "skole", "niva": 1}}
    code, out = file(dev_pki, archive, consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-05-10"))
    assert code == 0, out
    unknown = write(tmp_path, "03-overgang-ukjent.yaml", "overgangsskjema", **transition, samtykke_id="finst-ikkje")
    code, out = file(dev_pki, archive, unknown)
    assert code == ExitCode.invalid_form and "«finst-ikkje» finst ikkje i saka" in out, out
    narrow = write(tmp_path, "03-overgang.yaml", "overgangsskjema", **transition)
    code, out = file(dev_pki, archive, narrow)
    assert code == ExitCode.invalid_form, out
    assert "til.tjeneste" in out and "omfattar ikkje tenesta «skole»" in out and "(Samtykke, 05.01.2024)" in out
    wide = write(tmp_path, "04-samtykke-skule.yaml", "samtykke", **{**CONSENT, "samtykke_id": "s-2",
                 "type": "samarbeid_tjenester", "tjenester": ["barnehage", "skole"], "dato": "2024-06-01",
                 "gyldig_fra": "2024-06-01"})
    ok = write(tmp_path, "05-overgang.yaml", "overgangsskjema", **transition, samtykke_id="s-2")
    code, out = file(dev_pki, archive, wide, ok)
    assert code == 0, out
    assert "05-overgang.yaml  [overgang, stafettholderbytte]" in out
    verify_ok(dev_pki, archive)


def test_after_closure_a_log_waits_for_a_new_establishing_consent(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    code, out = file(dev_pki, archive, consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-05-10"),
                     write(tmp_path, "03-avslutning.yaml", "avslutning", dato="2024-11-01"))
    assert code == 0, out
    code, out = file(dev_pki, archive, log_form(tmp_path, "04-logg.yaml", "2024-11-20"))
    assert code == ExitCode.invalid_form, out
    assert "vart avslutta 01.11.2024 (Avslutting av stafettlogg, 01.11.2024)" in out
    assert saker_json(archive) == []  # closed: no longer active
    reopen = consent_form(tmp_path, "05-samtykke-ny.yaml", samtykke_id="s-3", dato="2024-11-15",
                          gyldig_fra="2024-11-15")
    relog = write(tmp_path, "06-logg.yaml", "stafettlogg", dato="2024-11-20",
                  samtykker=[{**CONSENT, "samtykke_id": "s-3", "gyldig_fra": "2024-11-15"}],
                  stafettholdere=[{"navn": "Hilde Haldar", "enhet": "solsida-barnehage", "fra_dato": "2024-11-15"}])
    code, out = file(dev_pki, archive, reopen, relog)
    assert code == 0, out
    assert [c["sak"] for c in saker_json(archive)] == [CASE]
    verify_ok(dev_pki, archive)


# --- events from the state --------------------------------------------------------------------------


def test_a_level_change_with_the_same_holder_is_its_own_event(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    cooperation = {**CONSENT, "samtykke_id": "s-2", "type": "samarbeid_tjenester", "gyldig_fra": "2024-04-01"}
    same_unit = {"enhet": "solsida-barnehage", "tjeneste": "barnehage"}
    inputs = [
        consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-03-10"),
        write(tmp_path, "03-samarbeid.yaml", "samtykke", **{**cooperation, "dato": "2024-04-01"}),
        write(tmp_path, "04-niva.yaml", "overgangsskjema", dato="2024-04-10", akseptert_dato="2024-04-10",
              fra={**same_unit, "niva": 1}, til={**same_unit, "niva": 2}, samtykke_id="s-2",
              avtroppende_stafettholder={"navn": "Hilde Haldar", "enhet": "solsida-barnehage"},
              ny_stafettholder={"navn": "Hilde Haldar", "enhet": "solsida-barnehage"}),
        log_form(tmp_path, "05-logg-niva2.yaml", "2024-05-10", niva=2, samtykker=[CONSENT, cooperation]),
        log_form(tmp_path, "06-logg-niva1.yaml", "2024-09-10", niva=1, samtykker=[CONSENT, cooperation]),
    ]
    code, out = file(dev_pki, archive, *inputs)
    assert code == 0, out
    assert "04-niva.yaml  [nivaaendring]" in out  # not a holder change: the holder is the same
    assert "05-logg-niva2.yaml  [periodisk]" in out  # the transition already moved the case to level 2
    assert "06-logg-niva1.yaml  [nivaaendring]" in out
    [case] = saker_json(archive)
    assert case["niva"] == 1
    verify_ok(dev_pki, archive)


# --- current copies ---------------------------------------------------------------------------------


def test_the_copy_is_the_log_as_of_the_event_and_its_age_is_recorded(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    withdrawal = write(tmp_path, "03-trekk.yaml", "tilbaketrekking_samtykke", dato="2024-10-01")
    code, out = file(dev_pki, archive, consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-03-10"),
                     withdrawal)
    assert code == 0, out
    assert "er 205 dagar gammal (frå 10.03.2024)" in out  # older than maks_alder_dagar (120): a warning
    docs = sidecars(archive)
    own = next(d["bti"] for d in docs.values() if d["bti"]["skjema"] == "tilbaketrekking_samtykke")
    copy = next(d["bti"] for d in docs.values() if d["bti"]["kopi_av"] and d["bti"]["hendelse"] == "samtykke_trukket")
    assert own["kopi_alder_dagar"] == 205 and copy["kopi_alder_dagar"] == 205
    assert copy["kopi_av"]["dokumentdato"] == "2024-03-10"
    assert own["saksfakta"]["trekt_samtykke"] == "s-1"
    # a log dated after the event never becomes its copy
    code, out = file(dev_pki, archive, log_form(tmp_path, "04-logg.yaml", "2024-10-01"))
    assert code == 0, out
    assert sum(1 for d in sidecars(archive).values() if d["bti"]["kopi_av"]) == 2  # + the consent's none


def filed_content(archive: Path) -> list[tuple[Any, ...]]:
    """What an archive holds, without what differs between runs (seal times, sequence numbers, ids)."""
    out = []
    for rel, d in sidecars(archive).items():
        b = d["bti"]
        out.append((rel, tuple(b["hendelser"]), b["rolle"], (b["kopi_av"] or {}).get("sti"), b["stafettlogg_kopi"],
                    b.get("kopi_alder_dagar"), json.dumps(b.get("saksfakta"), sort_keys=True)))
    return sorted(out)


def test_an_event_filed_before_its_log_gets_the_copy_when_the_log_comes(tmp_path: Path, dev_pki: DevPki) -> None:
    consent, log = consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-09-20")
    withdrawal = write(tmp_path, "03-trekk.yaml", "tilbaketrekking_samtykke", dato="2024-10-01")
    code, out = file(dev_pki, tmp_path / "i-rekkjefolgje", consent, log, withdrawal)
    assert code == 0, out
    late = tmp_path / "logg-sist"
    for step in (consent, withdrawal, log):  # three deliveries, the log last
        code, out = file(dev_pki, late, step)
        assert code == 0, out
    assert "03-trekk" not in out and "samtykke_trukket_stafettlogg" in out  # the log's filing files the copy
    ordered, unordered = filed_content(tmp_path / "i-rekkjefolgje"), filed_content(late)
    # The same documents; only the event's own sidecar remembers that it was filed before the log.
    assert [r[:4] for r in ordered] == [r[:4] for r in unordered]
    assert [r[4] for r in unordered if r[2] == "skjema" and "samtykke_trukket" in r[1]] == ["ingen_stafettlogg"]
    verify_ok(dev_pki, late)


# --- reindex and the overviews ----------------------------------------------------------------------


def test_reindex_rebuilds_the_same_case_state(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    code, out = file(dev_pki, archive, consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-05-10"))
    assert code == 0, out
    from bti_docs.archive.journal import Journal

    def state() -> dict[str, Any]:
        journal = Journal(archive / ".bti-journal" / "journal.sqlite", readonly=True)
        try:
            from datetime import date

            return {c: ledger.summary(date(2024, 12, 1))
                    for c, ledger in ledgers_from_bodies((e.seq, e.body) for e in journal.entries()).items()}
        finally:
            journal.close()

    before, listed = state(), saker_json(archive)
    assert before[CASE]["samtykke"][0]["id"] == "s-1" and before[CASE]["stafettloggar"] == ["2024-05-10"]
    out_io = io.StringIO()
    assert main([*RULES, "reindex", str(archive), "--trust", str(dev_pki.root_cert)], stdout=out_io) == 0
    assert state() == before and saker_json(archive) == listed
    verify_ok(dev_pki, archive)


def test_saker_and_frister_show_names_only_when_asked(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    code, out = file(dev_pki, archive, consent_form(tmp_path, gyldig_til="2025-01-15"),
                     log_form(tmp_path, "02-logg.yaml", "2024-05-10", enkeltvedtak=True))
    assert code == 0, out
    [case] = saker_json(archive)
    assert case["samtykke_gar_ut"] == "s-1 (2025-01-15)" and case["stafetthaldar"] == \
        "pedagogisk leiar (solsida-barnehage)" and "namn" not in case
    assert saker_json(archive, "--med-namn")[0]["namn"] == "Testa Oppdiktasen"
    table = io.StringIO()
    assert main([*RULES, "frister", str(archive), "--dato", "2024-12-01"], stdout=table) == 0
    text = table.getvalue()
    # barnehage: the barnehage year ends 31 July, due four weeks later
    assert "årleg kopi (enkeltvedtak)  SAK-2024-0001  solsida-barnehage  2024-08-28  forfallen  barnehageår" in text
    assert "logg utan aktivitet" in text and "Oppdiktasen" not in text
    csv_out = io.StringIO()
    assert main([*RULES, "frister", str(archive), "--dato", "2024-12-01", "--csv"], stdout=csv_out) == 0
    assert csv_out.getvalue().splitlines()[0] == "type,sak,enhet,frist,status,merknad"
    target = tmp_path / "frister.csv"
    assert main([*RULES, "frister", str(archive), "--csv", "--med-namn", "--ut", str(target)],
                stdout=io.StringIO()) == 0
    assert target.stat().st_mode & 0o777 == 0o600 and "Testa Oppdiktasen" in target.read_text()


def test_the_watchers_daily_due_list(tmp_path: Path, dev_pki: DevPki) -> None:
    from datetime import date

    from bti_docs.archive.overview import write_due_list
    from bti_docs.config import load_settings

    archive = tmp_path / "arkiv"
    code, out = file(dev_pki, archive, consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-05-10"))
    assert code == 0, out
    rules = tmp_path / "archive_rules.yaml"
    text = (Path(RULES[1])).read_text(encoding="utf-8")
    rules.write_text(text.replace("# frister_mappe: frister", "frister_mappe: frister"), encoding="utf-8")
    written = write_due_list(archive, load_settings(rules), date(2024, 12, 1))
    assert sorted(p.name for p in written) == ["frister-2024-12-01.csv", "frister-2024-12-01.json"]
    assert json.loads(written[1].read_text())[0]["type"] == "inaktiv"
    assert write_due_list(archive, load_settings(rules), date(2024, 12, 1)) == []  # once a day
    from bti_docs import api

    assert [p.name for p in api.write_due_list(archive, load_settings(rules), date(2024, 12, 2))] == [
        "frister-2024-12-02.csv", "frister-2024-12-02.json"]
    assert api.write_due_list(archive, S) == []  # no folder set: nothing


@pytest.mark.parametrize("kind", ["saker", "frister"])
def test_overviews_refuse_a_folder_that_is_no_archive(tmp_path: Path, kind: str) -> None:
    assert main([*RULES, kind, str(tmp_path)], stdout=io.StringIO()) == ExitCode.archive



# --- two watchers, one case -------------------------------------------------------------------------

SAK_A = sorted((Path(RULES[1]).parent / "samples" / "sak-a").glob("*.yaml"))


def file_in_two_processes(pki: DevPki, archive: Path, first: list[Path], second: list[Path]) -> None:
    """Two `bti-docs file` processes at once into one archive, each filing its inputs in order."""
    import subprocess
    import sys

    procs = [subprocess.Popen([sys.executable, "-m", "bti_docs", *file_cmd(pki, archive, *part, workers=1)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for part in (first, second)]
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out


@pytest.mark.slow
def test_two_unit_watchers_at_once_give_the_archive_one_process_gives(tmp_path: Path, dev_pki: DevPki) -> None:
    """Sak A's barnehage documents and school documents filed at the same time by two processes."""
    in_order = tmp_path / "ein-prosess"
    code, out = file(dev_pki, in_order, *SAK_A)
    assert code == 0, out
    barnehage = [p for p in SAK_A if "\nenhet: solsida-barnehage\n" in p.read_text(encoding="utf-8")]
    school = [p for p in SAK_A if p not in barnehage]
    assert len(barnehage) == 8 and len(school) == 3
    concurrent = tmp_path / "to-prosessar"
    file_in_two_processes(dev_pki, concurrent, school, barnehage)  # the school's watcher starts first
    expected = filed_content(in_order)
    assert len([r for r in expected if r[0].endswith(".pdf")]) == len(expected) == 16  # 11 forms, 5 copies
    assert filed_content(concurrent) == expected
    assert not any(r[4] == "ingen_stafettlogg" and "nytt_samtykke" not in r[1] for r in expected)
    verify_ok(dev_pki, concurrent)


@pytest.mark.slow
def test_two_halves_at_once_leave_no_event_without_its_current_log(tmp_path: Path, dev_pki: DevPki) -> None:
    """The first and the second half of sak A at once (one unit's documents split over two processes): the
    second half's first event may be filed before the log it needs. Every form is still filed once, and no
    event is left without the copy of its current log (the latest log dated on or before it)."""
    concurrent = tmp_path / "to-prosessar"
    file_in_two_processes(dev_pki, concurrent, SAK_A[:5], SAK_A[5:])
    filed: dict[str, Any] = {rel: d["bti"] for rel, d in sidecars(concurrent).items()}
    originals = [b for b in filed.values() if b["kopi_av"] is None]
    assert len(originals) == len(SAK_A)
    logs = {b["dokumentdato"]: rel for rel, b in filed.items() if b["skjema"] == "stafettlogg" and not b["kopi_av"]}
    for event in originals:
        if event["stafettlogg_kopi"] not in ("arkivert", "ingen_stafettlogg"):
            continue
        current = max((day for day in logs if day <= event["dokumentdato"]), default=None)
        copies = {b["kopi_av"]["sti"] for b in filed.values()
                  if b["kopi_av"] and b["inndata_sha256"] == event["inndata_sha256"]}
        assert current is None or logs[current] in copies, (event["skjema"], event["dokumentdato"], copies)
    verify_ok(dev_pki, concurrent)


@pytest.mark.slow
def test_the_watcher_rejects_a_log_after_withdrawal_and_a_transition_beyond_its_consent(
    tmp_path: Path, dev_pki: DevPki
) -> None:
    """The real watcher goes through the same library path: both land in rejected/ with a report."""
    from watch_helpers import Folders, Watch

    (tmp_path / "eining").mkdir()
    folders = Folders(tmp_path / "eining")
    other = "SAK-2024-0002"
    code, out = file(dev_pki, folders.archive, consent_form(tmp_path), log_form(tmp_path, "02-logg.yaml", "2024-05-10"),
                     write(tmp_path, "03-trekk.yaml", "tilbaketrekking_samtykke", dato="2024-10-01"),
                     write(tmp_path, "04-samtykke.yaml", "samtykke", case=other, **{**CONSENT, "dato": "2024-01-05"}))
    assert code == 0, out
    log_form(folders.inbox, "logg-etter-trekk.yaml", "2024-10-15")
    write(folders.inbox, "overgang.yaml", "overgangsskjema", case=other, dato="2024-08-15", akseptert_dato="2024-08-15",
          fra={"enhet": "solsida-barnehage", "tjeneste": "barnehage", "niva": 1},
          til={"enhet": "fjordvik-skule", "tjeneste": "skole", "niva": 1})
    before = pdfs(folders.archive)
    watch = Watch(folders, *RULES, "--cert", str(dev_pki.unit_p12), "--trust", str(dev_pki.root_cert), "--once",
                  "--settle", "0.3",
                  env={"BTI_DOCS_CERT_PASSWORD": dev_pki.password_file.read_text().strip()}, real=True)
    assert watch.wait(180) == 0, watch.log()
    assert {p.name for p in folders.files(folders.rejected)} >= {
        "logg-etter-trekk.yaml", "logg-etter-trekk.yaml.feil.txt", "overgang.yaml", "overgang.yaml.feil.txt"}
    withdrawn = (folders.rejected / "logg-etter-trekk.yaml.feil.txt").read_text(encoding="utf-8")
    assert "(Tilbaketrekking av samtykke, 01.10.2024)" in withdrawn
    transition = (folders.rejected / "overgang.yaml.feil.txt").read_text(encoding="utf-8")
    assert "omfattar ikkje tenesta «skole»" in transition
    assert pdfs(folders.archive) == before


def test_a_yearly_filing_clears_its_deadline(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    code, out = file(dev_pki, archive, consent_form(tmp_path),
                     log_form(tmp_path, "02-logg.yaml", "2024-05-10", enkeltvedtak=True))
    assert code == 0, out
    yearly = log_form(tmp_path, "03-arleg.yaml", "2024-08-20", enkeltvedtak=True)
    out_io = io.StringIO()
    assert main([*file_cmd(dev_pki, archive, yearly, workers=1), "--hendelse", "aarlig"], stdout=out_io) == 0
    assert "[aarlig]" in out_io.getvalue()
    listed = io.StringIO()
    assert main([*RULES, "frister", str(archive), "--dato", "2024-12-01", "--json"], stdout=listed) == 0
    assert [(d["type"], d["frist"], d["status"]) for d in json.loads(listed.getvalue())] == [
        ("aarleg_kopi", "2025-08-28", "kjem")]  # the 2024 copy was filed in time; next one after 31 July 2025
