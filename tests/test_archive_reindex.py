"""``reindex`` beside live filers, a journal file replaced under an open ``Archive``, what ``reindex`` checks
before it indexes a sidecar, and a plan whose log snapshot went out of date before filing.

A child process opens an ``Archive`` and plans (as ``bti-docs file`` and the watcher do, a second or more
before they file), the test rebuilds the journal meanwhile, and then the child files: its entries must land
in the journal the archive uses, not in a file set aside.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from bti_docs.archive.filing import Archive
from bti_docs.archive.journal import JOURNAL_DIR, SUM_NAME, Journal
from bti_docs.archive.plan import PlanOutdatedError, plan_filing
from bti_docs.archive.recovery import reindex
from bti_docs.archive.verify import verify_archive
from bti_docs.devcert import create_dev_pki
from bti_docs.errors import ArchiveError
from test_archive_support import (
    build_archive,
    codes,
    documents,
    file_form,
    flip_byte,
    form,
    sealed_pdf,
    settings,
    tree,
    trust_roots,
)

TESTS = Path(__file__).resolve().parent
DB = f"{JOURNAL_DIR}/journal.sqlite"
CHILD = """
import sys
from datetime import UTC, datetime
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import test_archive_support as S
from bti_docs.archive.filing import Archive
from bti_docs.archive.plan import plan_filing
from bti_docs.errors import ArchiveError
s = S.settings()
f = S.form("overgangsskjema", s, unit=1)
with Archive(Path(sys.argv[1]), s) as archive:
    plan = plan_filing(f, s, archive)
    print("open", flush=True)
    sys.stdin.readline()
    try:
        docs = archive.file(plan.documents(pdf=Path(sys.argv[2]).read_bytes(), pdfa_level="2b", seal_signer="Test",
                                           seal_time=datetime(2024, 8, 15, tzinfo=UTC), seal_verified=True))
    except ArchiveError as exc:
        print("FEIL", exc.message, flush=True)
    else:
        print(*(d.relpath for d in docs), flush=True)
"""


def start_filer(root: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """A child that has opened the archive and planned a transition form (the form and a log copy)."""
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(sealed_pdf("form"))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root), str(pdf), str(TESTS)], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline()
    assert line == "open\n", child.stderr.read()
    return child


def finish(child: subprocess.Popen[str]) -> str:
    """Let the child file; what it printed (the filed paths, or FEIL and the error)."""
    out, err = child.communicate("\n", timeout=60)
    assert child.returncode == 0, err
    return out.strip()


def journaled(root: Path) -> list[str]:
    journal = Journal(root / DB, readonly=True)
    try:
        return [e.relpath for e in journal.entries()]
    finally:
        journal.close()


def pdfs(root: Path) -> list[str]:
    return [p for p in tree(root) if p.endswith(".pdf")]


@pytest.fixture
def one_log(tmp_path: Path) -> Path:
    root, s = tmp_path / "arkiv", settings()
    with Archive(root, s) as archive:
        file_form(archive, s, form("stafettlogg", s))
    return root


# --- reindex beside live connections ----------------------------------------------------------------

@pytest.mark.slow  # a child process
def test_reindex_while_a_filer_has_the_archive_open_loses_nothing(one_log: Path, tmp_path: Path) -> None:
    root = one_log
    log = pdfs(root)
    child = start_filer(root, tmp_path)
    try:
        assert reindex(root).count == 1
    finally:
        filed = finish(child).split()
    assert len(filed) == 2
    assert journaled(root) == log + filed
    assert verify_archive(root, trust_roots()) == []
    assert [p.name for p in (root / JOURNAL_DIR).glob("*.bak")] != []  # the old journal is kept
    s = settings()
    with Archive(root, s) as archive:  # and the next filer carries on from there
        _plan, docs = file_form(archive, s, form("avslutning", s, unit=1))
    assert journaled(root) == log + filed + [d.relpath for d in docs]
    assert verify_archive(root, trust_roots()) == []


@pytest.mark.slow  # a child process
def test_an_unusable_journal_is_not_replaced_while_another_process_has_it_open(one_log: Path,
                                                                              tmp_path: Path) -> None:
    root, log = one_log, pdfs(one_log)
    with closing(sqlite3.connect(root / DB)) as conn, conn:  # not the schema this version writes
        conn.execute("ALTER TABLE entries ADD COLUMN annan TEXT")
    child = start_filer(root, tmp_path)
    try:
        with pytest.raises(ArchiveError, match="i bruk av ein annan prosess"):
            reindex(root)
        assert list((root / JOURNAL_DIR).glob("*.bak")) == []
    finally:
        filed = finish(child).split()
    assert journaled(root) == log + filed
    assert reindex(root).count == 3  # nobody has it open now: the file is replaced
    assert journaled(root) == log + filed
    assert verify_archive(root, trust_roots()) == []


@pytest.mark.slow  # a child process
def test_a_deleted_journal_still_open_elsewhere_is_not_rebuilt_under_it(one_log: Path, tmp_path: Path) -> None:
    root, log = one_log, pdfs(one_log)
    child = start_filer(root, tmp_path)
    try:
        (root / DB).unlink()
        with pytest.raises(ArchiveError, match="i bruk av ein annan prosess"):
            reindex(root)
        assert not (root / DB).exists()
    finally:
        out = finish(child)
    assert out.startswith("FEIL") and "reindex" in out  # the filer notices instead of writing into the void
    assert tree(root) == [log[0], log[0] + ".noark5.json"]
    assert reindex(root).count == 1
    assert verify_archive(root, trust_roots()) == []


def test_a_journal_replaced_under_an_open_archive_is_reopened(tmp_path: Path) -> None:
    s = settings()
    with Archive(tmp_path, s) as archive:
        _plan, log = file_form(archive, s, form("stafettlogg", s))
        copy = tmp_path / JOURNAL_DIR / "kopi.sqlite"
        with closing(sqlite3.connect(tmp_path / DB)) as src, closing(sqlite3.connect(copy)) as dst:
            src.backup(dst)
        copy.chmod(0o640)
        copy.replace(tmp_path / DB)  # as a restore from a backup would
        _plan, docs = file_form(archive, s, form("overgangsskjema", s, unit=1))
        assert [d.relpath for d in archive.documents()] == [d.relpath for d in log + docs]
    assert journaled(tmp_path) == [d.relpath for d in log + docs]
    assert verify_archive(tmp_path, trust_roots()) == []


# --- what reindex checks --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine") / "arkiv"
    build_archive(root, settings())
    return root


@pytest.fixture
def archive(pristine: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "arkiv", symlinks=True))


def test_reindex_refuses_a_pdf_its_sidecar_does_not_describe(archive: Path) -> None:
    changed, gone = pdfs(archive)[1], pdfs(archive)[3]
    flip_byte(archive / changed, 200)
    (archive / gone).unlink()
    checksum = (archive / JOURNAL_DIR / SUM_NAME).read_bytes()
    with pytest.raises(ArchiveError) as info:
        reindex(archive)
    assert f"{changed} (sjekksummen stemmer ikkje" in info.value.message
    assert f"{gone} (PDF-fila manglar" in info.value.message
    assert "Oppdiktasen" not in info.value.message
    assert (archive / JOURNAL_DIR / SUM_NAME).read_bytes() == checksum  # nothing rebuilt
    assert list((archive / JOURNAL_DIR).glob("*.bak")) == []

    count = len(journaled(archive))
    seqs = {e: i for i, e in enumerate(journaled(archive), start=1)}
    with pytest.raises(ArchiveError) as info:  # left out, they would be dropped from the chain: named instead
        reindex(archive, skip_bad=True)
    assert f"{changed} (journalpost {seqs[changed]})" in info.value.message
    assert f"{gone} (journalpost {seqs[gone]})" in info.value.message
    assert (archive / JOURNAL_DIR / SUM_NAME).read_bytes() == checksum

    report = reindex(archive, skip_bad=True, accept_loss=True)
    assert (report.count, sorted(report.lost)) == (count - 2, sorted([(seqs[changed], changed), (seqs[gone], gone)]))
    assert report.loss_seq == count + 1
    found = {(p.path, p.code) for p in verify_archive(archive, trust_roots())}
    assert (changed, "pdf_checksum") in found  # still there, still reported
    assert not any(path == gone for path, _code in found)  # gone, and recorded as lost


def test_reindex_checks_the_pdfa_level_the_sidecar_names(archive: Path) -> None:
    target = archive / (pdfs(archive)[0] + ".noark5.json")
    data = json.loads(target.read_text(encoding="utf-8"))
    data["dokumentbeskrivelse"]["dokumentobjekt"]["formatDetaljer"] = "PDF/A-1b"
    target.chmod(0o640)
    target.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ArchiveError, match=f"{pdfs(archive)[0]} \\(PDF/A "):
        reindex(archive)


def test_reindex_checks_seals_when_given_trust_roots(archive: Path, tmp_path: Path) -> None:
    count = len(journaled(archive))
    assert reindex(archive, trust_roots=trust_roots()).count == count
    stranger = create_dev_pki(tmp_path / "annan-pki")
    with pytest.raises(ArchiveError, match="klarert"):
        reindex(archive, trust_roots=[stranger.root_cert])
    assert verify_archive(archive, trust_roots()) == []


# --- a plan made before a newer log landed ------------------------------------------------------------

def test_a_copy_of_a_log_that_is_no_longer_the_latest_is_refused(one_log: Path) -> None:
    root, s = one_log, settings()
    with Archive(root, s) as first, Archive(root, s) as second:
        plan = plan_filing(form("overgangsskjema", s, unit=1), s, first)
        docs = documents(plan, "form")
        file_form(second, s, form("stafettlogg", s, dato="2024-07-01", oppmerksomhet="Ny logg."))
        before = tree(root)
        with pytest.raises(PlanOutdatedError, match="prøv igjen"):
            first.file(docs)
        assert tree(root) == before
        _plan, filed = file_form(first, s, form("overgangsskjema", s, unit=1))  # planning again works
    newest = [p for p in before if p.endswith("2024-07-01_periodisk_stafettlogg_001.pdf")]
    assert [d.copy_of for d in filed] == [None, *newest]
    assert verify_archive(root, trust_roots()) == []


def test_a_form_planned_without_a_log_is_refused_once_the_case_has_one(tmp_path: Path) -> None:
    s = settings()
    with Archive(tmp_path, s) as first, Archive(tmp_path, s) as second:
        later = form("samtykke", s, dato="2024-06-01")  # after the log's date: the log is its copy
        plan = plan_filing(later, s, first)
        assert plan.log_copy == "ingen_stafettlogg"
        file_form(second, s, form("stafettlogg", s))
        with pytest.raises(PlanOutdatedError):
            first.file(documents(plan, "form"))
        plan, filed = file_form(first, s, later)
    assert plan.log_copy == "arkivert" and len(filed) == 2
    assert "pending" not in codes(verify_archive(tmp_path, trust_roots()))
