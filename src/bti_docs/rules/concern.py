"""A warning when a form's free text suggests violence, sexual abuse or serious neglect while
``mistanke_vold_overgrep`` is false.

On such a suspicion the BTI path is not used: the case is reported to barnevernet at once (DOMAIN; Inderøy adds
serious neglect). Software cannot judge a text, so this is a **warning**, never a refusal: the member of staff
decides. The words (and phrases) are the municipality's, in nynorsk and bokmål (``kommune.bekymringsord`` in
archive_rules.yaml, defaults in ``bti_docs.config``); they match whole words, case-insensitive. The warning names
the fields only: it never quotes the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from bti_docs.config import Bekymringsord
from bti_docs.kinds.shared import Finding, MedBarn, warning

# String fields that hold names, ids, units or codes, not free text about the child.
NOT_FREE_TEXT = frozenset({
    "navn", "fornavn", "etternavn", "rolle", "enhet", "fodselsnummer", "sak", "samtykke_id", "id", "delmal",
    "kommune", "system", "referanse", "ansvarlig", "av", "deltakere", "malform", "skjema",
})


def concern_pattern(words: Bekymringsord) -> re.Pattern[str] | None:
    """One pattern for every word of both lists: whole words, any run of spaces inside a phrase."""
    phrases = sorted({w.strip() for w in (*words.nn, *words.nb) if w.strip()}, key=len, reverse=True)
    if not phrases:
        return None
    alternatives = [r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def free_texts(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every free-text value of ``model`` with its field path (``moter[0].del1_evaluering``)."""
    for name in type(model).model_fields:
        if name in NOT_FREE_TEXT:
            continue
        yield from _values(getattr(model, name), f"{prefix}{name}")


def _values(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        yield from free_texts(value, f"{path}.")
    elif isinstance(value, str):
        if not hasattr(value, "value"):  # enum members are codes, not text
            yield path, value
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _values(item, f"{path}[{i}]")


def concern_findings(form: MedBarn, words: Bekymringsord) -> list[Finding]:
    """A warning naming the fields whose text matches a concern word, when the flag is false."""
    if form.mistanke_vold_overgrep:
        return []
    pattern = concern_pattern(words)
    if pattern is None:
        return []
    paths = _unique(path for path, text in free_texts(form) if pattern.search(text))
    if not paths:
        return []
    return [warning(paths[0], "concern_words_flag_false", fields=", ".join(f"«{p}»" for p in paths))]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
