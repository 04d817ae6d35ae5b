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

from bti_docs.watch.report import Lang, write_pair

TEXT_SUFFIX = ".kvittering.txt"
JSON_SUFFIX = ".kvittering.json"
SCHEMA = "bti-docs/watch-receipt/1"

_T: dict[str, dict[Lang, str]] = {
    "filed": {"nn": "KVITTERING: «{name}» er arkivert", "nb": "KVITTERING: «{name}» er arkivert"},
    "duplicate": {"nn": "KVITTERING: «{name}» var arkivert frå før (same innhald)",
                  "nb": "KVITTERING: «{name}» var arkivert fra før (samme innhold)"},
    "nothing_to_file": {"nn": "KVITTERING: «{name}» er motteke, men ingenting er arkivert",
                        "nb": "KVITTERING: «{name}» er mottatt, men ingenting er arkivert"},
    "when": {"nn": "Tidspunkt: {when}    Referanse: {id}", "nb": "Tidspunkt: {when}    Referanse: {id}"},
    "docs": {"nn": "Dokument i arkivet ({n}):", "nb": "Dokumenter i arkivet ({n}):"},
    "none": {"nn": "Arkivreglane arkiverer ikkje noko for denne hendinga. Fila er teken vare på her.",
             "nb": "Arkivreglene arkiverer ikke noe for denne hendelsen. Filen er tatt vare på her."},
    "journal": {"nn": "Journalkvittering (kontrollsum): {hash}", "nb": "Journalkvittering (kontrollsum): {hash}"},
    "keep": {"nn": "Fila og denne kvitteringa kan slettast frå denne mappa når de ikkje treng dei lenger.",
             "nb": "Filen og denne kvitteringen kan slettes fra denne mappen når dere ikke trenger dem lenger."},
}


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
    title = _T[rec.status][lang].format(name=rec.name)
    lines = [title, "=" * len(title), "", _T["when"][lang].format(when=rec.done.isoformat(timespec="seconds"),
                                                                 id=rec.claim_id), ""]
    if rec.filed:
        lines += [_T["docs"][lang].format(n=len(rec.filed)), *(f"  - {p.as_posix()}" for p in rec.filed)]
    else:
        lines.append(_T["none"][lang])
    if rec.journal:
        lines += ["", _T["journal"][lang].format(hash=rec.journal)]
    lines += ["", _T["keep"][lang]]
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
