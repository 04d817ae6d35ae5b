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
from bti_docs.text.voice import say
from bti_docs.watch.safety import publish_no_overwrite

Lang = Literal["nn", "nb"]
TEXT_SUFFIX = ".feil.txt"
JSON_SUFFIX = ".feil.json"
REPORT_MODE = 0o640
SCHEMA = "bti-docs/watch-rejection/1"
REFUSED_CASE = "refused_case"
OUR_SIDE = frozenset({"time_limit", "worker_died"})  # nothing wrong with the file: staff fix nothing

# The watcher's own refusals (before the pipeline sees the file) are said as ``watch.refusal.<code>``.


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
    return Problem(file=name, path="", code=code, message=say(f"watch.refusal.{code}", lang, **context))


def report_paths(target: Path) -> tuple[Path, Path]:
    """The text and JSON report for a rejected file at ``target``."""
    return target.with_name(target.name + TEXT_SUFFIX), target.with_name(target.name + JSON_SUFFIX)


def render_text(rej: Rejection, lang: Lang) -> str:
    def t(key: str, **ctx: object) -> str:
        return say(f"watch.report.{key}", lang, **ctx)

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
        lines += [_item(f"  {i}. ", p.describe(lang)) for i, p in enumerate(errors, 1)]
    else:
        lines.append(f"  1. {rej.summary}")
    if warnings:
        lines += ["", t("warnings"), *(_item("  - ", p.describe(lang)) for p in warnings)]
    fix = t("fix_violence") if rej.refused_case else \
        t("fix_ours") if rej.reason in OUR_SIDE else t("fix", name=rej.name)
    lines += ["", fix, "", t("help", id=rej.claim_id)]
    return "\n".join(lines) + "\n"


def _item(mark: str, text: str) -> str:
    """One problem in the list, in the one layout of ``Problem.describe`` (``linje 9, barn.fornavn: …``, as
    ``validate`` and ``file`` say it); a message's further lines are indented under its first."""
    first, *more = text.splitlines() or [""]
    return "\n".join([mark + first, *(" " * len(mark) + line for line in more)])


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
