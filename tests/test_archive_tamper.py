"""Tampering by someone with write access must not hide: through the real ``file``, ``verify`` and ``reindex``.

An archive is filed from the sample case with a receipt log configured (``arkivering: kvitteringslogg``);
each test works on a copy, changes it the way someone with write access could, and runs the commands.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from bti_docs.archive.journal import JOURNAL_DIR, SUM_NAME, Journal
from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
INPUTS = sorted((ROOT / "samples/sak-a").glob("0[1-5]-*.yaml"))
DB = f"{JOURNAL_DIR}/journal.sqlite"


@dataclass(frozen=True)
class Filed:
    archive: Path
    rules: Path
    log: Path
    receipt: str  # the receipt `file` printed last
    trust: list[str]


def rules_with_receipt_log(folder: Path, log: Path, *, system_log: bool = False) -> Path:
    text = (ROOT / "archive_rules.yaml").read_text(encoding="utf-8")
    rules = folder / "archive_rules.yaml"
    extra = "  kvitteringar_til_systemlogg: true\n" if system_log else ""
    rules.write_text(text.replace("\narkivering:\n", f"\narkivering:\n  kvitteringslogg: {log}\n{extra}", 1),
                     encoding="utf-8")
    return rules


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, dev_pki: DevPki) -> Filed:
    base = tmp_path_factory.mktemp("tamper")
    (base / "anna-volum").mkdir()
    log = base / "anna-volum" / "kvitteringar.log"
    rules = rules_with_receipt_log(base, log)
    trust = ["--trust", str(dev_pki.root_cert)]
    code, out = run("--rules", str(rules), "file", *map(str, INPUTS), "--archive", str(base / "arkiv"),
                    "--workers", "1", "--cert", str(dev_pki.unit_p12), "--cert-password-file",
                    str(dev_pki.password_file), *trust)
    assert code == 0, out
    receipt = re.findall(r"Kvittering \(siste journal-hash[^:]*: ([0-9a-f]{64})", out)
    assert receipt, out
    return Filed(base / "arkiv", rules, log, receipt[-1], trust)


@pytest.fixture
def filed(pristine: Filed, tmp_path: Path) -> Filed:
    archive = Path(shutil.copytree(pristine.archive, tmp_path / "arkiv", symlinks=True))
    log = tmp_path / "kvitteringar.log"
    shutil.copy2(pristine.log, log)
    return Filed(archive, pristine.rules, log, pristine.receipt, pristine.trust)


def verify(f: Filed, *extra: str) -> tuple[int, str]:
    return run("--rules", str(f.rules), "verify", str(f.archive), *f.trust, *extra)


def reindex(f: Filed, *extra: str) -> tuple[int, str]:
    return run("--rules", str(f.rules), "reindex", str(f.archive), *f.trust, *extra)


def chain(archive: Path) -> list[tuple[int, str, str]]:
    journal = Journal(archive / DB, readonly=True)
    try:
        return [(e.seq, e.relpath, e.hash) for e in journal.chain()]
    finally:
        journal.close()


def remove_document(archive: Path, relpath: str) -> None:
    (archive / relpath).unlink()
    (archive / (relpath + ".noark5.json")).unlink()


def drop_row_and_recompute_checksum(archive: Path, seq: int) -> None:
    """What someone with write access does to hide a removed document: its row goes, the checksum is redone."""
    db = archive / DB
    (archive / JOURNAL_DIR / SUM_NAME).chmod(0o640)
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        conn.execute("DELETE FROM hendelser WHERE seq = ?", (seq,))
        conn.execute("DELETE FROM entries WHERE seq = ?", (seq,))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    (archive / JOURNAL_DIR / SUM_NAME).write_text(f"{digest}  journal.sqlite\n")


def test_filing_logs_every_receipt_and_verify_prints_the_head(filed: Filed) -> None:
    entries = chain(filed.archive)
    lines = filed.log.read_text().splitlines()
    assert [line.split()[1:] for line in lines] == [[str(seq), digest] for seq, _p, digest in entries]
    assert entries[-1][2] == filed.receipt
    code, out = verify(filed, "--kvittering", str(filed.log), "--kvittering", filed.receipt)
    assert code == 0, out
    assert f"siste journalpost {len(entries)}" in out and filed.receipt in out
    assert f"Alle {len(lines) + 1} kvitteringane finst i journalkjeda" in out


def test_newest_document_and_its_row_removed_is_caught_by_the_receipt(filed: Filed) -> None:
    seq, newest, _hash = chain(filed.archive)[-1]
    remove_document(filed.archive, newest)
    drop_row_and_recompute_checksum(filed.archive, seq)
    assert verify(filed)[0] == 0  # nothing left inside the archive shows it: only a receipt kept elsewhere can

    code, out = verify(filed, "--kvittering", filed.receipt)
    assert code == ExitCode.archive
    assert f"Kvitteringa {filed.receipt[:16]}… (kommandolinja) finst ikkje i journalkjeda" in out

    code, out = verify(filed, "--kvittering", str(filed.log))
    assert code == ExitCode.archive
    assert f"Journalen sluttar ved journalpost {seq - 1}, men kvitteringa" in out
    assert f"er for journalpost {seq}: journalpostane {seq} manglar" in out


def test_reindex_refuses_to_drop_the_newest_document_or_records_the_loss(filed: Filed) -> None:
    seq, newest, _hash = chain(filed.archive)[-1]
    checksum = (filed.archive / JOURNAL_DIR / SUM_NAME).read_bytes()
    remove_document(filed.archive, newest)

    code, out = reindex(filed)
    assert code == ExitCode.archive
    assert (filed.archive / JOURNAL_DIR / SUM_NAME).read_bytes() == checksum  # nothing rebuilt

    code, out = reindex(filed, "--godta-tap")
    assert code == 0, out
    assert f"TAP  {newest} (journalpost {seq}) er registrert som tapt i journalpost {seq + 1}" in out
    code, out = verify(filed, "--kvittering", str(filed.log))
    assert code == 0, out  # every earlier receipt is still in the chain: the lost entry kept its place
    assert f"TAP  {newest}: journalpost {seq} er registrert som tapt (journalpost {seq + 1})" in out

    before = chain(filed.archive)
    code, out = reindex(filed)  # a later rebuild gives the same chain, loss included, without the option
    assert code == 0, out
    assert chain(filed.archive) == before


def test_reindex_names_a_removed_middle_document(filed: Filed, capsys: pytest.CaptureFixture[str]) -> None:
    seq, middle, _hash = chain(filed.archive)[2]
    remove_document(filed.archive, middle)
    code, out = verify(filed)
    assert code == ExitCode.archive
    assert f"{middle}: Dokumentet er borte: PDF-fila til journalpost {seq} manglar." in out

    code, _out = reindex(filed)
    assert code == ExitCode.archive
    err = capsys.readouterr().err
    assert f"{middle} (journalpost {seq})" in err and "--godta-tap" in err


def test_a_journal_rebuilt_without_a_middle_document_names_it(filed: Filed,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """As the old ``reindex`` did: the chain is rebuilt without the document (the old journal kept as .bak)."""
    entries = chain(filed.archive)
    seq, middle, _hash = entries[2]
    remove_document(filed.archive, middle)
    journal = Journal(filed.archive / DB)
    try:
        bodies = [dict(e.body) for e in journal.chain() if e.seq != seq]
        journal.backup(filed.archive / JOURNAL_DIR / "journal.sqlite.20261130T120000Z.bak")
        for position, body in enumerate(bodies, start=1):
            body["sekvens"] = position
        journal.rebuild(bodies)
        journal.record_checksum(filed.archive)
    finally:
        journal.close()
    code, out = verify(filed)
    assert code == ExitCode.archive
    assert f"{middle}: Journalpost {seq} manglar: ingen metadatafil og ingen journalpost har dette " \
           f"sekvensnummeret lenger, så eit dokument er fjerna ({middle})." in out

    code, _out = reindex(filed)  # the rebuilt journal lacks it too, but its sequence number is still missing
    assert code == ExitCode.archive
    assert f"? (journalpost {seq})" in capsys.readouterr().err
    code, out = reindex(filed, "--godta-tap")
    assert code == 0, out
    assert f"TAP  ? (journalpost {seq}) er registrert som tapt" in out


def test_a_stray_file_in_the_journal_folder_is_reported(filed: Filed) -> None:
    stray = filed.archive / JOURNAL_DIR / "notat.txt"
    stray.write_text("x")
    stray.chmod(0o640)
    code, out = verify(filed)
    assert code == ExitCode.archive
    assert f"{JOURNAL_DIR}/notat.txt: Fila høyrer ikkje heime i journalmappa" in out


@pytest.mark.parametrize("mode", [0o777, 0o755])
def test_a_case_folder_open_to_others_is_reported(filed: Filed, mode: int) -> None:
    case_folder = (filed.archive / chain(filed.archive)[0][1]).parent.parent
    case_folder.chmod(mode)
    code, out = verify(filed)
    assert code == ExitCode.archive
    rel = case_folder.relative_to(filed.archive).as_posix()
    assert f"{rel}: Mappa har løyve {oct(mode)}; arkivmapper skal vere stengde for andre" in out


def test_filing_is_refused_when_the_receipt_log_cannot_be_written(
        filed: Filed, dev_pki: DevPki, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = rules_with_receipt_log(tmp_path, tmp_path / "umontert" / "kvitteringar.log")  # the volume is gone
    before = chain(filed.archive)
    code, out = run("--rules", str(rules), "file", str(ROOT / "samples/sak-a/06-samtykke-samarbeid-skole.yaml"),
                    "--archive", str(filed.archive), "--workers", "1", "--cert", str(dev_pki.unit_p12),
                    "--cert-password-file", str(dev_pki.password_file), *filed.trust)
    assert code == ExitCode.archive
    assert "Kvitteringsloggen" in out and "Ingenting er arkivert" in out
    assert chain(filed.archive) == before
    assert verify(filed)[0] == 0


def test_receipts_can_go_to_the_system_log_too(filed: Filed, dev_pki: DevPki, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from bti_docs.archive import receipts

    sent: list[str] = []
    monkeypatch.setattr(receipts.syslog, "syslog", lambda _priority, message: sent.append(message))
    rules = rules_with_receipt_log(tmp_path, filed.log, system_log=True)
    code, out = run("--rules", str(rules), "file", str(ROOT / "samples/sak-a/06-samtykke-samarbeid-skole.yaml"),
                    "--archive", str(filed.archive), "--workers", "1", "--cert", str(dev_pki.unit_p12),
                    "--cert-password-file", str(dev_pki.password_file), *filed.trust)
    assert code == 0, out
    seq, _path, digest = chain(filed.archive)[-1]
    assert sent[-1] == f"kvittering journalpost={seq} hash={digest}"
    assert filed.log.read_text().splitlines()[-1].split()[1:] == [str(seq), digest]


def test_a_bad_receipt_is_a_usage_error(filed: Filed, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kvitteringar.txt"
    bad.write_text("2026-11-30T12:00:00Z 3 ikkje-ein-hash\n")
    assert verify(filed, "--kvittering", str(bad))[0] == ExitCode.bad_args
    assert "kvitteringar.txt:1: linja er ikkje ei kvittering" in capsys.readouterr().err
    assert verify(filed, "--kvittering", str(tmp_path / "finst-ikkje"))[0] == ExitCode.bad_args


def test_a_changed_loss_record_is_reported(filed: Filed) -> None:
    seq, newest, _hash = chain(filed.archive)[-1]
    remove_document(filed.archive, newest)
    assert reindex(filed, "--godta-tap")[0] == 0
    record = filed.archive / JOURNAL_DIR / "tap" / f"{seq + 1:06d}.json"
    record.chmod(0o640)
    record.write_text(record.read_text().replace(newest, "noko/anna.pdf"))
    record.chmod(0o440)
    code, out = verify(filed)
    assert code == ExitCode.archive
    assert f"Tapsregistreringa for journalpost {seq + 1} manglar eller stemmer ikkje med journalen" in out
