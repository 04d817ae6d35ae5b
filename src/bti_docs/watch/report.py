"""The rejection report beside a rejected input: a Norwegian text for the staff who dropped it, and JSON.

For ``rejected/skjema.yaml`` the reports are ``rejected/skjema.yaml.feil.txt`` and ``...feil.json``. The
text says what is wrong, in which field, and how to fix it; for a suspected case of violence or abuse it
says first, and plainly, that a report to barnevernet must be sent at once. The reports may name the file
(they sit beside it, with the same restricted permissions); they never repeat values from the form: the
problems' messages are written from field paths and codes only (see ``bti_docs.i18n``).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from bti_docs import fsio
from bti_docs.errors import Problem, Severity
from bti_docs.watch.safety import publish_no_overwrite

Lang = Literal["nn", "nb"]
TEXT_SUFFIX = ".feil.txt"
JSON_SUFFIX = ".feil.json"
REPORT_MODE = 0o640
SCHEMA = "bti-docs/watch-rejection/1"
REFUSED_CASE = "refused_case"
OUR_SIDE = frozenset({"time_limit", "worker_died"})  # nothing wrong with the file: staff fix nothing

# Texts for refusals the watcher makes itself, before the pipeline sees the file.
REFUSALS: dict[str, dict[Lang, str]] = {
    "symlink": {
        "nn": "Fila er ein snarveg (symbolsk lenke), ikkje sjølve skjemaet. Legg sjølve fila i innboksen.",
        "nb": "Filen er en snarvei (symbolsk lenke), ikke selve skjemaet. Legg selve filen i innboksen.",
    },
    "file_too_large": {
        "nn": "Fila er for stor ({size} byte; grensa er {limit}). Eit skjema er ei lita YAML-fil: sjekk at det "
        "er rett fil.",
        "nb": "Filen er for stor ({size} byte; grensen er {limit}). Et skjema er en liten YAML-fil: sjekk at "
        "det er riktig fil.",
    },
    "not_a_form_file": {
        "nn": "Berre skjema i YAML-format (filnamn som sluttar på .yaml eller .yml) kan leverast her. Fyll ut "
        "eit skjema frå malane og lagra det som .yaml.",
        "nb": "Bare skjema i YAML-format (filnavn som slutter på .yaml eller .yml) kan leveres her. Fyll ut "
        "et skjema fra malene og lagre det som .yaml.",
    },
    "hard_link": {
        "nn": "Fila har fleire namn (ei hard lenke til ei fil som også ligg ein annan stad). Av omsyn til "
        "tryggleiken vert slike filer ikkje behandla, og fila er ikkje endra. Lagra skjemaet som ei vanleg, "
        "eiga fil og legg henne i innboksen.",
        "nb": "Filen har flere navn (en hard lenke til en fil som også ligger et annet sted). Av hensyn til "
        "sikkerheten blir slike filer ikke behandlet, og filen er ikke endret. Lagre skjemaet som en vanlig, "
        "egen fil og legg den i innboksen.",
    },
    "time_limit": {
        "nn": "Det tok for lang tid å lage dokumentet (meir enn {limit} sekund, to gonger), så behandlinga vart "
        "stoppa. Fila er ikkje arkivert og ikkje endra. Kontakt IT eller den som har ansvaret for BTI-arkivet, "
        "og oppgi referansen nedanfor.",
        "nb": "Det tok for lang tid å lage dokumentet (mer enn {limit} sekunder, to ganger), så behandlingen ble "
        "stoppet. Filen er ikke arkivert og ikke endret. Kontakt IT eller den som har ansvaret for BTI-arkivet, "
        "og oppgi referansen nedenfor.",
    },
    "worker_died": {
        "nn": "Programmet som lagar dokumentet stoppa uventa, to gonger. Fila er ikkje arkivert og ikkje endra. "
        "Kontakt IT eller den som har ansvaret for BTI-arkivet, og oppgi referansen nedanfor.",
        "nb": "Programmet som lager dokumentet stoppet uventet, to ganger. Filen er ikke arkivert og ikke endret. "
        "Kontakt IT eller den som har ansvaret for BTI-arkivet, og oppgi referansen nedenfor.",
    },
    "not_regular_file": {
        "nn": "Dette er ikkje ei vanleg fil. Legg sjølve skjemafila i innboksen.",
        "nb": "Dette er ikke en vanlig fil. Legg selve skjemafilen i innboksen.",
    },
}

_T: dict[str, dict[Lang, str]] = {
    "title": {"nn": "AVVIST: «{name}» er IKKJE arkivert", "nb": "AVVIST: «{name}» er IKKE arkivert"},
    "received": {"nn": "Motteke: {when}    Referanse: {id}", "nb": "Mottatt: {when}    Referanse: {id}"},
    "violence": {
        "nn": "VIKTIG: Skjemaet tyder på mistanke om vald eller overgrep.\n"
        "Send melding til barnevernet STRAKS, og kontakt leiaren din.\n"
        "BTI-løypa skal ikkje brukast i slike saker, og det er ikkje laga noko dokument.\n"
        "Ikkje legg fila i innboksen på nytt.",
        "nb": "VIKTIG: Skjemaet tyder på mistanke om vold eller overgrep.\n"
        "Send melding til barnevernet STRAKS, og kontakt lederen din.\n"
        "BTI-løypa skal ikke brukes i slike saker, og det er ikke laget noe dokument.\n"
        "Ikke legg filen i innboksen på nytt.",
    },
    "errors": {"nn": "Kva er gale ({n}):", "nb": "Hva er galt ({n}):"},
    "warnings": {"nn": "Åtvaringar (ikkje til hinder):", "nb": "Advarsler (ikke til hinder):"},
    "whole_file": {"nn": "Heile fila", "nb": "Hele filen"},
    "field": {"nn": "Feltet «{path}»", "nb": "Feltet «{path}»"},
    "fix": {
        "nn": "Slik rettar du det:\n"
        "  1. Opne fila «{name}» i denne mappa og rett feila over (meldingane seier korleis).\n"
        "  2. Legg den retta fila i innboksen igjen. Ho vert behandla på nytt av seg sjølv.\n"
        "  3. Slett den gamle fila og denne rapporten frå denne mappa når du er ferdig.",
        "nb": "Slik retter du det:\n"
        "  1. Åpne filen «{name}» i denne mappen og rett feilene over (meldingene sier hvordan).\n"
        "  2. Legg den rettede filen i innboksen igjen. Den blir behandlet på nytt automatisk.\n"
        "  3. Slett den gamle filen og denne rapporten fra denne mappen når du er ferdig.",
    },
    "fix_ours": {
        "nn": "Du treng ikkje rette noko i fila. Når feilen er retta, kan du leggje fila i innboksen igjen.",
        "nb": "Du trenger ikke rette noe i filen. Når feilen er rettet, kan du legge filen i innboksen igjen.",
    },
    "fix_violence": {
        "nn": "Når meldinga til barnevernet er sendt, kan fila og denne rapporten slettast frå denne mappa.",
        "nb": "Når meldingen til barnevernet er sendt, kan filen og denne rapporten slettes fra denne mappen.",
    },
    "help": {
        "nn": "Treng du hjelp? Kontakt den som har ansvaret for BTI-arkivet i kommunen, og oppgi referansen {id}.",
        "nb": "Trenger du hjelp? Kontakt den som har ansvaret for BTI-arkivet i kommunen, og oppgi referansen {id}.",
    },
}


@dataclass(frozen=True)
class Rejection:
    """Why one input was rejected. ``reason`` is ``invalid_form``, ``input_file``, ``refused_case`` or one of
    the watcher's own refusal codes; ``problems`` carry field paths and Norwegian messages."""

    claim_id: str
    name: str
    reason: str
    summary: str
    problems: Sequence[Problem] = ()
    sha256: str | None = None
    exit_code: int | None = None
    received: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @property
    def refused_case(self) -> bool:
        return self.reason == REFUSED_CASE or any(p.code == "case_violence_abuse" for p in self.problems)


def refusal_problem(name: str, code: str, lang: Lang, **context: object) -> Problem:
    return Problem(file=name, path="", code=code, message=REFUSALS[code][lang].format(**context))


def report_paths(target: Path) -> tuple[Path, Path]:
    """The text and JSON report for a rejected file at ``target``."""
    return target.with_name(target.name + TEXT_SUFFIX), target.with_name(target.name + JSON_SUFFIX)


def render_text(rej: Rejection, lang: Lang) -> str:
    def t(key: str, **ctx: object) -> str:
        return _T[key][lang].format(**ctx)

    title = t("title", name=rej.name)
    lines = [title, "=" * len(title), "", t("received", when=rej.received.strftime("%Y-%m-%d %H:%M"), id=rej.claim_id)]
    if rej.refused_case:
        banner = t("violence").splitlines()
        width = max(len(x) for x in banner) + 4
        lines += ["", "!" * width, *(f"! {x.ljust(width - 4)} !" for x in banner), "!" * width]
    errors = [p for p in rej.problems if p.severity is Severity.error]
    warnings = [p for p in rej.problems if p.severity is not Severity.error]
    lines += ["", t("errors", n=max(len(errors), 1))]
    if errors:
        lines += [f"  {i}. {_where(p, lang)}: {p.message}" for i, p in enumerate(errors, 1)]
    else:
        lines.append(f"  1. {rej.summary}")
    if warnings:
        lines += ["", t("warnings"), *(f"  - {_where(p, lang)}: {p.message}" for p in warnings)]
    fix = t("fix_violence") if rej.refused_case else \
        t("fix_ours") if rej.reason in OUR_SIDE else t("fix", name=rej.name)
    lines += ["", fix, "", t("help", id=rej.claim_id)]
    return "\n".join(lines) + "\n"


def _where(problem: Problem, lang: Lang) -> str:
    return _T["field"][lang].format(path=problem.path) if problem.path else _T["whole_file"][lang]


def render_json(rej: Rejection) -> str:
    data = {
        "schema": SCHEMA,
        "id": rej.claim_id,
        "file": rej.name,
        "received": rej.received.isoformat(timespec="seconds"),
        "sha256": rej.sha256,
        "outcome": "rejected",
        "reason": rej.reason,
        "exit_code": rej.exit_code,
        "report_to_child_welfare_now": rej.refused_case,
        "summary": rej.summary,
        "problems": [p.as_dict() for p in rej.problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_reports(target: Path, rej: Rejection, lang: Lang) -> tuple[Path, Path]:
    """Write both reports for the file that will be at ``target``, each complete or not at all, mode 0640.

    Reports a crashed run of the same claim left there are replaced; anyone else's are not (FileExistsError,
    and nothing of ours is left beside them). The JSON goes first: it names the claim, so a crash between the
    two leaves a report that is recognised as ours.
    """
    text_path, json_path = report_paths(target)
    ours = report_claim_id(target) == rej.claim_id
    write_pair(json_path, render_json(rej), text_path, render_text(rej, lang), replace=ours)
    return text_path, json_path


def write_pair(json_path: Path, json_text: str, text_path: Path, text: str, *, replace: bool) -> None:
    """The JSON, then the text beside it, each complete or not at all: if the text cannot be written, a JSON
    this call wrote is taken back (a report or receipt is whole or not there)."""
    written = write_text_file(json_path, json_text, replace=replace)
    try:
        write_text_file(text_path, text, replace=replace)
    except BaseException:
        if written:
            json_path.unlink(missing_ok=True)
        raise


def remove_reports(target: Path) -> None:
    """Take back the reports just written for ``target`` (its name turned out to be taken)."""
    for path in report_paths(target):
        path.unlink(missing_ok=True)


def report_claim_id(target: Path) -> str | None:
    """The claim id in an existing JSON report for ``target`` (to recognise our own after a crash)."""
    try:
        data = json.loads(report_paths(target)[1].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def write_text_file(path: Path, text: str, *, replace: bool) -> bool:
    """Write ``path`` atomically (temp + link/rename); True when it did not exist before."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fsio.write_new(tmp, text.encode("utf-8"), REPORT_MODE)
    try:
        if replace and os.path.lexists(path):
            os.replace(tmp, path)
            return False
        publish_no_overwrite(tmp, path)
        return True
    finally:
        tmp.unlink(missing_ok=True)
