"""The journal: an SQLite database (WAL) that indexes every filed document and every event, as a hash chain.

Each entry's body is derived from the document's sidecar (plus the sidecar's SHA-256), so ``reindex`` can
rebuild the journal from the sidecars and get the same bodies. The entry hash is
``sha256(prev_hash + "\\n" + canonical JSON of the body)``; the first entry follows ``GENESIS``. Changing
any entry breaks every hash after it. The indexed columns repeat body fields for queries; ``check`` compares
them with the bodies, and ``journal.sqlite.sha256`` holds the checksum of the whole database file after each
write, so one changed byte anywhere in the file is found.

The journal holds no personal data: case keys, unit ids, dates, paths and hashes only.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bti_docs.archive import fsutil
from bti_docs.archive.events import CaseRecord
from bti_docs.archive.sidecar import SIDECAR_SUFFIX, Sidecar
from bti_docs.i18n import Lang
from bti_docs.text.voice import DEFAULT_LANG, has_text, say

JOURNAL_DIR = ".bti-journal"
DB_NAME = "journal.sqlite"
SUM_NAME = "journal.sqlite.sha256"
LOCK_NAME = "laas"
PENDING_NAME = "pending.json"
LOSS_DIR = "tap"  # .bti-journal/tap/NNNNNN.json: the record of each loss reindex was told to accept
LOSS_ROLE = "tap"  # the role of a loss entry in the chain (documents are "skjema" or "stafettlogg")
GENESIS = "0" * 64
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    sti TEXT NOT NULL UNIQUE,
    sak TEXT NOT NULL,
    skjema TEXT NOT NULL,
    rolle TEXT NOT NULL,
    dokumentdato TEXT NOT NULL,
    inndata_sha256 TEXT NOT NULL,
    arkiveringsnokkel TEXT NOT NULL UNIQUE,
    pdf_sha256 TEXT NOT NULL,
    sidecar_sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_sak ON entries (sak);
CREATE INDEX IF NOT EXISTS entries_input ON entries (inndata_sha256);
CREATE TABLE IF NOT EXISTS hendelser (
    seq INTEGER NOT NULL REFERENCES entries (seq),
    hendelse TEXT NOT NULL,
    sak TEXT NOT NULL,
    dokumentdato TEXT NOT NULL,
    PRIMARY KEY (seq, hendelse)
);
"""
INDEXED = ("sti", "sak", "skjema", "rolle", "dokumentdato", "inndata_sha256", "arkiveringsnokkel",
           "pdf_sha256", "sidecar_sha256")


def canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return fsutil.sha256_bytes(prev_hash.encode("ascii") + b"\n" + canonical(body))


def entry_body(seq: int, relpath: str, sidecar: Sidecar, sidecar_sha256: str) -> dict[str, Any]:
    """The journal body of a filed document: everything from its sidecar except personal data."""
    raw = sidecar.model_dump(mode="json")
    bti, obj = raw["bti"], raw["dokumentbeskrivelse"]["dokumentobjekt"]
    return {
        "sekvens": seq,
        "registrert": obj["opprettetDato"],
        "sti": relpath,
        "sidecar": relpath + SIDECAR_SUFFIX,
        "pdf_sha256": obj["sjekksum"],
        "filstoerrelse": obj["filstoerrelse"],
        "sidecar_sha256": sidecar_sha256,
        "format": obj["formatDetaljer"],
        "sak": bti["sak"],
        "enhet": bti["enhet"],
        "skjema": bti["skjema"],
        "rolle": bti["rolle"],
        "hendelse": bti["hendelse"],
        "hendelser": bti["hendelser"],
        "dokumentdato": bti["dokumentdato"],
        "inndata_sha256": bti["inndata_sha256"],
        "arkiveringsnokkel": bti["arkiveringsnokkel"],
        "kopi_av": bti["kopi_av"]["sti"] if bti["kopi_av"] else None,
        "stafettlogg_kopi": bti["stafettlogg_kopi"],
        "overleveringer": bti["overleveringer"],
        "enkeltvedtak": bti["enkeltvedtak"],
        # the case ledger (archive.ledger); only when present, so older sidecars give the same bodies back
        **{k: bti[k] for k in ("saksfakta", "kopi_alder_dagar") if bti.get(k) is not None},
        # a new version of a filed document (renewed archive timestamp): the path of the version it replaces
        **({"fornyar": bti["fornyar"]["sti"], "versjonsnummer": obj["versjonsnummer"]} if bti.get("fornyar") else {}),
    }


def is_version(body: dict[str, Any]) -> bool:
    """A later version of a document already in the chain (``forny-tidsstempel``): not a filing of its own, so
    the case ledger, its events and duplicate checks count the document once, by its first entry."""
    return "fornyar" in body


def loss_relpath(seq: int) -> str:
    return f"{JOURNAL_DIR}/{LOSS_DIR}/{seq:06d}.json"


def loss_body(seq: int, registered: str, lost: Sequence[JournalEntry]) -> dict[str, Any]:
    """The journal body that records the loss of ``lost`` (documents the previous journal had).

    It carries every indexed column so the chain check treats it like any entry; its ``sti`` is the loss
    record beside the journal, from which ``reindex`` rebuilds it.
    """
    relpath = loss_relpath(seq)
    return {
        "sekvens": seq, "registrert": registered, "sti": relpath, "sidecar": relpath, "rolle": LOSS_ROLE,
        "sak": "", "skjema": "", "enhet": "", "hendelse": "", "hendelser": [], "dokumentdato": registered[:10],
        "inndata_sha256": "", "arkiveringsnokkel": f"tap:{seq}", "pdf_sha256": "", "sidecar_sha256": "",
        "kopi_av": None, "tapte": [{"sekvens": e.seq, "sti": e.relpath, "hash": e.hash} for e in lost],
    }


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    body: dict[str, Any]
    prev_hash: str
    hash: str

    @property
    def relpath(self) -> str:
        return str(self.body["sti"])

    @property
    def sidecar_relpath(self) -> str:
        return str(self.body["sidecar"])

    @property
    def is_loss(self) -> bool:
        return bool(self.body.get("rolle") == LOSS_ROLE)

    def record(self) -> CaseRecord:
        b = self.body
        return CaseRecord(seq=self.seq, doc_date=date.fromisoformat(b["dokumentdato"]), kind=b["skjema"],
                          unit=b["enhet"], events=tuple(b["hendelser"]), enkeltvedtak=b["enkeltvedtak"],
                          handovers=tuple(b["overleveringer"]))


class JournalError(Exception):
    """The journal cannot be used (corrupt file, broken entry); the message is Norwegian, without data.

    Raised with a text code and context (said by ``render(lang)``) or a literal text."""

    def __init__(self, text: str, **context: object) -> None:
        super().__init__(text)
        self.text, self.context = text, context

    def render(self, lang: Lang) -> str:
        return say(self.text, lang, **self.context) if has_text(self.text) else self.text

    def say(self, lang: Lang) -> str:
        """The message in ``lang`` (so an error that carries this one says it in the same language)."""
        return self.render(lang)

    def __str__(self) -> str:
        return self.render(DEFAULT_LANG)


class Journal:
    """One connection to the journal. Writers hold the archive lock (``fsutil.locked``) around ``append``."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.identity: tuple[int, int] | None = None  # (st_dev, st_ino) of the file the connection opened
        if readonly:
            # immutable: no locks and no -wal/-shm files; a pending WAL is reported by verify on its own
            self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
            return
        if not path.exists():
            fsutil.write_new(path, b"", fsutil.DB_MODE)
        self._db = self._connect()
        try:
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        except BaseException:
            self._db.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        """Connect (under the archive lock, so the file cannot be swapped between the two steps) and note
        which file the connection opened."""
        db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            st = self.path.stat()
        except BaseException:
            db.close()
            raise
        self.identity = (st.st_dev, st.st_ino)
        return db

    def close(self) -> None:
        self._db.close()

    def ensure_current(self) -> bool:
        """Reconnect if ``journal.sqlite`` is no longer the file this connection opened (under the lock).

        A connection follows the file it opened, not the name: were the file replaced (restored from a
        backup, or rebuilt by an older ``reindex``), entries appended through it would land in a file that
        is no longer the journal. Returns True if it reconnected; JournalError if the journal is gone.
        """
        try:
            st = self.path.stat()
        except FileNotFoundError:
            raise JournalError("journal.gone") from None
        if (st.st_dev, st.st_ino) == self.identity:
            return False
        # Close first: SQLite's clean-up of the old connection works on the -wal/-shm names, which the new
        # connection will use.
        self._db.close()
        self._db = self._connect()
        return True

    def integrity_ok(self) -> bool:
        """SQLite's own check of the file, and the schema this version writes."""
        try:
            if [str(r[0]) for r in self._db.execute("PRAGMA integrity_check")] != ["ok"]:
                return False
            columns = [str(r[1]) for r in self._db.execute("PRAGMA table_info(entries)")]
        except sqlite3.DatabaseError:
            return False
        return columns == ["seq", "body", "prev_hash", "hash", *INDEXED]

    def backup(self, target: Path) -> None:
        """Copy the database, as one consistent snapshot, to the new file ``target`` (mode 0640)."""
        fsutil.write_new(target, b"", fsutil.DB_MODE)
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            self._db.backup(copy)
        finally:
            copy.close()

    def head(self) -> tuple[int, str]:
        row = self._db.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    def append(self, body: dict[str, Any], prev_hash: str) -> JournalEntry:
        """Add one entry in one transaction; ``body["sekvens"]`` and ``prev_hash`` must continue the chain."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            seq, head = self.head()
            if body["sekvens"] != seq + 1 or prev_hash != head:
                raise JournalError("journal.changed")
            entry = self._insert(body, prev_hash)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return entry

    def rebuild(self, bodies: Sequence[dict[str, Any]]) -> None:
        """Replace every entry by ``bodies`` (``sekvens`` 1, 2, ...) chained from GENESIS, in one transaction.

        This is how ``reindex`` rewrites a journal other processes may have open: through SQLite, whose locks
        and WAL keep their connections consistent, instead of swapping the file under them.
        """
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("DELETE FROM hendelser")
            self._db.execute("DELETE FROM entries")
            prev = GENESIS
            for seq, body in enumerate(bodies, start=1):
                if body["sekvens"] != seq:
                    raise JournalError("archive.journal_bad_sequence")
                prev = self._insert(body, prev).hash
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _insert(self, body: dict[str, Any], prev_hash: str) -> JournalEntry:
        seq, digest = int(body["sekvens"]), chain_hash(prev_hash, body)
        self._db.execute(
            f"INSERT INTO entries (seq, body, prev_hash, hash, {', '.join(INDEXED)}) "
            f"VALUES (?, ?, ?, ?, {', '.join('?' * len(INDEXED))})",
            (seq, canonical(body).decode("utf-8"), prev_hash, digest, *(body[k] for k in INDEXED)),
        )
        if body["rolle"] == "skjema" and not is_version(body):
            self._db.executemany(
                "INSERT INTO hendelser VALUES (?, ?, ?, ?)",
                [(seq, event, body["sak"], body["dokumentdato"]) for event in body["hendelser"]],
            )
        return JournalEntry(seq, body, prev_hash, digest)

    def _select(self, where: str = "", args: tuple[Any, ...] = (), *, losses: bool = False) -> list[JournalEntry]:
        """Entries matching ``where``; documents only, unless ``losses`` (then loss entries too)."""
        if not losses:
            where = f"{where} AND rolle != ?" if where else "WHERE rolle != ?"
            args = (*args, LOSS_ROLE)
        rows = self._db.execute(f"SELECT seq, body, prev_hash, hash FROM entries {where} ORDER BY seq", args)
        return [JournalEntry(int(s), json.loads(b), str(p), str(h)) for s, b, p, h in rows]

    def entries(self) -> list[JournalEntry]:
        """Every filed document (loss entries left out)."""
        return self._select()

    def chain(self) -> list[JournalEntry]:
        """Every entry of the chain, loss entries included."""
        return self._select(losses=True)

    def since(self, seq: int) -> list[JournalEntry]:
        """Every entry after ``seq``, loss entries included."""
        return self._select("WHERE seq > ?", (seq,), losses=True)

    def by_hash(self, digest: str) -> JournalEntry | None:
        found = self._select("WHERE hash = ?", (digest,), losses=True)
        return found[0] if found else None

    def by_input(self, input_sha256: str) -> list[JournalEntry]:
        """The documents filed for one input (first versions: a renewal is not a filing of its own)."""
        return [e for e in self._select("WHERE inndata_sha256 = ?", (input_sha256,)) if not is_version(e.body)]

    def by_key(self, filing_key: str) -> JournalEntry | None:
        found = self._select("WHERE arkiveringsnokkel = ?", (filing_key,))
        return found[0] if found else None

    def by_relpath(self, relpath: str) -> JournalEntry | None:
        found = self._select("WHERE sti = ?", (relpath,))
        return found[0] if found else None

    def originals(self, case: str | None = None) -> list[JournalEntry]:
        """Documents filed as themselves (not snapshot copies, not later versions), of one case or all."""
        found = self._select() if case is None else self._select("WHERE sak = ?", (case,))
        return [e for e in found if e.body["kopi_av"] is None and not is_version(e.body)]

    def versions(self) -> dict[str, JournalEntry]:
        """Path of each superseded document → the entry of the version that replaces it (``forny-tidsstempel``)."""
        return {str(e.body["fornyar"]): e for e in self._select() if is_version(e.body)}

    def current(self) -> list[JournalEntry]:
        """Every document in its latest version (a renewed document by its newest file)."""
        replaced = set(self.versions())
        return [e for e in self._select() if e.relpath not in replaced]

    def latest_log(self, case: str, on: str | None = None) -> JournalEntry | None:
        """The case's latest log by document date; with ``on`` (ISO date), the latest dated on or before it."""
        logs = [e for e in self.originals(case) if e.body["skjema"] == "stafettlogg"
                and (on is None or e.body["dokumentdato"] <= on)]
        return max(logs, key=lambda e: (e.body["dokumentdato"], e.seq), default=None)

    def events(self) -> list[tuple[int, str, str, str]]:
        rows = self._db.execute("SELECT seq, hendelse, sak, dokumentdato FROM hendelser ORDER BY seq, hendelse")
        return [(int(s), str(h), str(c), str(d)) for s, h, c, d in rows]

    def checkpoint(self, timeout_s: float = 30.0) -> None:
        """Move everything from the WAL into the database file, so the file alone holds the journal.

        Another process reading at the same moment makes the checkpoint stop short (``busy``); then the file
        alone is not the journal yet, so try again until it is complete.
        """
        deadline = time.monotonic() + timeout_s
        while True:
            busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                return
            if time.monotonic() > deadline:
                raise JournalError("archive.journal_busy")
            time.sleep(0.02)

    def record_checksum(self, root: Path) -> None:
        """Checkpoint, then record the checksum of the journal file (under the archive lock).

        The connection is closed while the file is read: on POSIX, closing any descriptor of a file drops
        every lock this process holds on it, SQLite's included, which would let another process write the
        journal while this connection still believes it holds its locks (see SQLite's "How To Corrupt").
        """
        self.checkpoint()
        self._db.close()
        try:
            write_db_checksum(root)
        finally:
            self._db = self._connect()

    def check(self) -> list[tuple[int, str]]:
        """Problems in the database: (sequence number or 0, code). Empty when the chain and index hold."""
        problems: list[tuple[int, str]] = []
        try:
            result = [str(r[0]) for r in self._db.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.append((0, "journal_corrupt"))
            rows = self._db.execute(
                f"SELECT seq, body, prev_hash, hash, {', '.join(INDEXED)} FROM entries ORDER BY seq"
            ).fetchall()
            stored_events = set(self.events())
        except sqlite3.DatabaseError:
            return [(0, "journal_corrupt")]
        previous, expected_events = GENESIS, set()
        for position, (seq, body_text, prev_hash, digest, *columns) in enumerate(rows, start=1):
            try:
                body = json.loads(body_text)
                intact = (
                    seq == position and body.get("sekvens") == seq and prev_hash == previous
                    and digest == chain_hash(prev_hash, body)
                    and list(columns) == [body.get(k) for k in INDEXED]
                )
            except (ValueError, TypeError, AttributeError):
                intact, body = False, {}
            if not intact:
                problems.append((int(seq), "journal_chain"))
            if body.get("rolle") == "skjema" and not is_version(body):
                expected_events |= {(seq, e, body.get("sak"), body.get("dokumentdato"))
                                    for e in body.get("hendelser", [])}
            previous = str(digest)
        if stored_events != expected_events:
            problems.append((0, "journal_events"))
        return problems


def journal_dir(root: Path) -> Path:
    return root / JOURNAL_DIR


def db_checksum_line(db: Path) -> bytes:
    return f"{fsutil.sha256_file(db)}  {DB_NAME}\n".encode("ascii")


def write_db_checksum(root: Path) -> None:
    """Record the checksum of the journal file (after a checkpoint, under the archive lock)."""
    folder = journal_dir(root)
    fsutil.replace_file(folder / SUM_NAME, db_checksum_line(folder / DB_NAME), fsutil.FILE_MODE)


def db_checksum_ok(root: Path) -> bool | None:
    """True if the journal file matches its recorded checksum; None if no checksum is recorded."""
    folder = journal_dir(root)
    try:
        recorded = (folder / SUM_NAME).read_bytes()
    except FileNotFoundError:
        return None
    return recorded == db_checksum_line(folder / DB_NAME)
