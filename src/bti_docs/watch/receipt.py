"""The receipt beside an input in done/: where it was filed, and the journal hash to keep as proof.

For ``done/skjema.yaml`` the receipts are ``done/skjema.yaml.kvittering.txt`` (a short Norwegian text for
staff) and ``...kvittering.json``, mode 0640 like the input. They name the input (it sits beside them) and
otherwise hold only the archive's own opaque paths (case key, kind, date), the input's SHA-256, the claim id,
times in ISO 8601 with offset, and the journal's entry hash after the filing (``receipt``): whoever keeps
that hash elsewhere can later show that the archive's journal was not rewritten (``bti-docs verify``).
Nothing from the form's content is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bti_docs.text.voice import say
from bti_docs.watch.report import Lang, write_pair

TEXT_SUFFIX = ".kvittering.txt"
JSON_SUFFIX = ".kvittering.json"
SCHEMA = "bti-docs/watch-receipt/1"



@dataclass(frozen=True)
class Receipt:
    claim_id: str
    name: str  # the name the input was dropped with
    status: str  # filed, duplicate, nothing_to_file
    sha256: str
    filed: Sequence[Path]  # relative to the archive root
    journal: str  # the journal's entry hash after the filing ("" when nothing was filed)
    received: datetime
    done: datetime = field(default_factory=lambda: datetime.now().astimezone())


def receipt_paths(target: Path) -> tuple[Path, Path]:
    return target.with_name(target.name + TEXT_SUFFIX), target.with_name(target.name + JSON_SUFFIX)


def render_text(rec: Receipt, lang: Lang) -> str:
    def t(key: str, **ctx: object) -> str:
        return say(f"watch.receipt.{key}", lang, **ctx)

    title = t(rec.status, name=rec.name)
    lines = [title, "=" * len(title), "", t("when", when=rec.done.isoformat(timespec="seconds"), id=rec.claim_id), ""]
    if rec.filed:
        lines += [t("docs", n=len(rec.filed)), *(f"  - {p.as_posix()}" for p in rec.filed)]
    else:
        lines.append(t("none"))
    if rec.journal:
        lines += ["", t("journal", hash=rec.journal)]
    lines += ["", t("keep")]
    return "\n".join(lines) + "\n"


def render_json(rec: Receipt) -> str:
    data = {
        "schema": SCHEMA,
        "id": rec.claim_id,
        "file": rec.name,
        "outcome": rec.status,
        "received": rec.received.isoformat(timespec="seconds"),
        "done": rec.done.isoformat(timespec="seconds"),
        "sha256": rec.sha256,
        "filed": [p.as_posix() for p in rec.filed],
        "journal_receipt": rec.journal or None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def receipt_claim_id(target: Path) -> str | None:
    try:
        data = json.loads(receipt_paths(target)[1].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def write_receipts(target: Path, rec: Receipt, lang: Lang) -> tuple[Path, Path]:
    """Both receipts for the input that will be at ``target``, each complete or not at all, mode 0640;
    a crashed run's receipts for the same claim are replaced, anyone else's never (FileExistsError)."""
    text_path, json_path = receipt_paths(target)
    ours = receipt_claim_id(target) == rec.claim_id
    write_pair(json_path, render_json(rec), text_path, render_text(rec, lang), replace=ours)
    return text_path, json_path


def remove_receipts(target: Path) -> None:
    for path in receipt_paths(target):
        path.unlink(missing_ok=True)
