"""``verify`` finds one changed byte anywhere, missing and extra files, and broken seals, and names them."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bti_docs.archive.journal import JOURNAL_DIR, PENDING_NAME, SUM_NAME, write_db_checksum
from bti_docs.archive.verify import verify_archive
from bti_docs.devcert import create_dev_pki
from test_archive_support import build_archive, codes, flip_byte, settings, tree, trust_roots

DB = f"{JOURNAL_DIR}/journal.sqlite"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine") / "arkiv"
    build_archive(root, settings())
    assert verify_archive(root, trust_roots()) == []
    return root


@pytest.fixture
def archive(pristine: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "arkiv", symlinks=True))


def documents(root: Path) -> list[str]:
    return [p for p in tree(root) if p.endswith(".pdf")]


def offset_for(name: str, size: int) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % size


@pytest.mark.parametrize("index", range(10))
def test_one_flipped_byte_in_any_pdf_is_found(archive: Path, index: int) -> None:
    relpath = documents(archive)[index]
    path = archive / relpath
    flip_byte(path, offset_for(relpath, path.stat().st_size))
    problems = verify_archive(archive, trust_roots())
    assert {p.path for p in problems} == {relpath}
    assert "pdf_checksum" in codes(problems)


@pytest.mark.parametrize("index", range(0, 10, 3))
def test_one_flipped_byte_in_a_sidecar_is_found(archive: Path, index: int) -> None:
    relpath = documents(archive)[index] + ".noark5.json"
    path = archive / relpath
    flip_byte(path, offset_for(relpath, path.stat().st_size))
    problems = verify_archive(archive, trust_roots())
    assert relpath in {p.path for p in problems}
    assert "sidecar_checksum" in codes(problems)


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.2, 0.45, 0.7, 0.99])
def test_one_flipped_byte_in_the_journal_is_found(archive: Path, fraction: float) -> None:
    path = archive / DB
    flip_byte(path, int(path.stat().st_size * fraction))
    problems = verify_archive(archive, trust_roots())
    assert (DB, "journal_checksum") in {(p.path, p.code) for p in problems}


def test_a_flipped_byte_in_the_journal_checksum_is_found(archive: Path) -> None:
    flip_byte(archive / JOURNAL_DIR / SUM_NAME, 3)
    assert codes(verify_archive(archive, trust_roots())) == {"journal_checksum"}


def test_a_rewritten_entry_breaks_the_chain_even_with_a_fresh_file_checksum(archive: Path) -> None:
    db = archive / DB
    with closing(sqlite3.connect(db)) as conn, conn:
        body = json.loads(conn.execute("SELECT body FROM entries WHERE seq = 3").fetchone()[0])
        body["dokumentdato"] = "2024-05-11"
        conn.execute("UPDATE entries SET body = ?, dokumentdato = ? WHERE seq = 3",
                     (json.dumps(body), "2024-05-11"))
    write_db_checksum(archive)  # as someone who knows the layout would
    problems = {(p.path, p.code) for p in verify_archive(archive, trust_roots())}
    third = next(p for p in documents(archive) if p.endswith("2024-05-10_periodisk_stafettlogg_001.pdf"))
    assert (third, "journal_chain") in problems
    assert (third + ".noark5.json", "sidecar_mismatch") in problems
    assert "journal_checksum" not in {code for _path, code in problems}


def test_a_write_left_in_the_wal_is_found(archive: Path) -> None:
    conn = sqlite3.connect(archive / DB)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    with conn:
        conn.execute("DELETE FROM hendelser WHERE seq = 1")
    try:
        assert "journal_wal" in codes(verify_archive(archive, trust_roots()))
    finally:
        conn.close()


def test_an_edited_index_column_or_event_row_is_found(archive: Path) -> None:
    db = archive / DB
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE entries SET sak = 'SAK-ANNA' WHERE seq = 2")
        conn.execute("DELETE FROM hendelser WHERE seq = 4")
    write_db_checksum(archive)
    assert {"journal_chain", "journal_events"} <= codes(verify_archive(archive, trust_roots()))


def test_missing_files_are_named(archive: Path) -> None:
    pdf, other = documents(archive)[0], documents(archive)[1]
    (archive / pdf).unlink()
    (archive / (other + ".noark5.json")).unlink()
    found = {(p.path, p.code) for p in verify_archive(archive, trust_roots())}
    assert found == {(pdf, "missing_pdf"), (other + ".noark5.json", "missing_sidecar")}


def test_extra_and_leftover_files_are_named(archive: Path) -> None:
    pdf = documents(archive)[0]
    folder = (archive / pdf).parent
    shutil.copy2(archive / pdf, folder / "ekstra.pdf")
    shutil.copy2(archive / (pdf + ".noark5.json"), folder / "ekstra.pdf.noark5.json")
    (folder / ".bti-tmp-0123456789abcdef.pdf").write_bytes(b"%PDF-")
    (archive / "notat.txt").write_text("x")
    rel = folder.relative_to(archive).as_posix()
    found = {(p.path, p.code) for p in verify_archive(archive, trust_roots())}
    assert {(f"{rel}/ekstra.pdf", "unjournaled"), (f"{rel}/ekstra.pdf.noark5.json", "unjournaled"),
            (f"{rel}/.bti-tmp-0123456789abcdef.pdf", "temp_leftover"), ("notat.txt", "unjournaled")} <= found


def test_writable_or_world_readable_files_are_named(archive: Path) -> None:
    pdf = documents(archive)[0]
    (archive / pdf).chmod(0o644)
    found = verify_archive(archive, trust_roots(), lang="nn")
    assert [(p.path, p.code) for p in found] == [(pdf, "permissions")]
    assert "0o644" in found[0].message and "skriveverna" in found[0].message


def test_seals_are_checked_against_the_given_roots(archive: Path, tmp_path: Path) -> None:
    stranger = create_dev_pki(tmp_path / "annan-pki")
    problems = verify_archive(archive, [stranger.root_cert])
    assert {p.path for p in problems} == set(documents(archive))
    assert codes(problems) == {"seal_invalid"}
    assert all("klarert" in p.message for p in problems)
    assert codes(verify_archive(archive, [])) == {"no_trust_roots"}


def test_an_interrupted_filing_is_reported(archive: Path) -> None:
    (archive / JOURNAL_DIR / PENDING_NAME).write_text('{"versjon": 1, "dokument": []}')
    (archive / JOURNAL_DIR / PENDING_NAME).chmod(0o640)  # as filing writes it
    assert codes(verify_archive(archive, trust_roots())) == {"pending"}


def test_messages_carry_no_personal_data(archive: Path) -> None:
    for relpath in documents(archive)[:2]:
        flip_byte(archive / relpath, 100)
    for problem in verify_archive(archive, trust_roots()):
        assert "Oppdiktasen" not in problem.message and "Oppdiktasen" not in problem.path
