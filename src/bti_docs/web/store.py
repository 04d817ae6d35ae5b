"""Drafts and submissions in SQLite (``data_dir/web.sqlite``, mode 0600).

A draft belongs to one user (by the user's keyed hash) and one unit; it is saved at any time, valid or not,
as the same nested data the YAML loader gives, and deleted when untouched for ``draft_days``. Submissions
are visible to everyone of their unit. Every query names the owner and/or the units the caller may see:
there is no lookup by id alone.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT NOT NULL,
    data TEXT NOT NULL, updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT NOT NULL,
    inbox TEXT NOT NULL, name TEXT NOT NULL, created REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Draft:
    id: str
    unit: str
    kind: str
    data: dict[str, Any]
    updated: float


@dataclass(frozen=True)
class Submission:
    id: str
    unit: str
    kind: str
    inbox: Path
    name: str
    created: float


def new_id() -> str:
    return secrets.token_urlsafe(12)


class Store:
    def __init__(self, data_dir: Path, keep_days: int) -> None:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = data_dir / "web.sqlite"
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self.keep_seconds = keep_days * 86_400
        with self._db() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=10)
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    def purge(self, now: float | None = None) -> int:
        cutoff = (now or time.time()) - self.keep_seconds
        with self._db() as db:
            return db.execute("DELETE FROM drafts WHERE updated < ?", (cutoff,)).rowcount

    # --- drafts ---
    def create_draft(self, owner: str, unit: str, kind: str, data: dict[str, Any]) -> Draft:
        draft = Draft(new_id(), unit, kind, data, time.time())
        with self._db() as db:
            db.execute("INSERT INTO drafts VALUES (?, ?, ?, ?, ?, ?)",
                       (draft.id, owner, unit, kind, json.dumps(data, ensure_ascii=False), draft.updated))
        return draft

    def drafts(self, owner: str, units: Sequence[str]) -> list[Draft]:
        self.purge()
        marks = ",".join("?" * len(units))
        with self._db() as db:
            rows = db.execute(
                f"SELECT id, unit, kind, data, updated FROM drafts WHERE owner = ? AND unit IN ({marks}) "
                "ORDER BY updated DESC", (owner, *units)).fetchall()
        return [Draft(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    def draft(self, owner: str, units: Sequence[str], draft_id: str) -> Draft | None:
        return next((d for d in self.drafts(owner, units) if d.id == draft_id), None)

    def save_draft(self, owner: str, draft_id: str, unit: str, data: dict[str, Any]) -> None:
        with self._db() as db:
            db.execute("UPDATE drafts SET data = ?, unit = ?, updated = ? WHERE id = ? AND owner = ?",
                       (json.dumps(data, ensure_ascii=False), unit, time.time(), draft_id, owner))

    def delete_draft(self, owner: str, draft_id: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM drafts WHERE id = ? AND owner = ?", (draft_id, owner))

    # --- submissions ---
    def add_submission(self, owner: str, unit: str, kind: str, inbox: Path, name: str, sub_id: str) -> Submission:
        sub = Submission(sub_id, unit, kind, inbox, name, time.time())
        with self._db() as db:
            db.execute("INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (sub.id, owner, unit, kind, str(inbox), name, sub.created))
        return sub

    def submissions(self, units: Sequence[str], limit: int = 50) -> list[Submission]:
        marks = ",".join("?" * len(units))
        with self._db() as db:
            rows = db.execute(
                f"SELECT id, unit, kind, inbox, name, created FROM submissions WHERE unit IN ({marks}) "
                "ORDER BY created DESC LIMIT ?", (*units, limit)).fetchall()
        return [Submission(r[0], r[1], r[2], Path(r[3]), r[4], r[5]) for r in rows]

    def submission(self, units: Sequence[str], sub_id: str) -> Submission | None:
        marks = ",".join("?" * len(units))
        with self._db() as db:
            r = db.execute(f"SELECT id, unit, kind, inbox, name, created FROM submissions WHERE id = ? "
                           f"AND unit IN ({marks})", (sub_id, *units)).fetchone()
        return Submission(r[0], r[1], r[2], Path(r[3]), r[4], r[5]) if r else None
