"""The labels the templates see: every text in ``bti_docs.text.labels`` plus each kind's title
(``title.<kind>``) from the kinds' registry."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from bti_docs.i18n import Lang
from bti_docs.kinds import KINDS
from bti_docs.text import labels as text

__all__ = ["LABELS", "LANGS", "Lang", "enum_key", "enum_label", "label", "labels_for"]

LANGS = text.LANGS
LABELS: Final[dict[str, dict[Lang, str]]] = {
    **{f"title.{skjema.value}": dict(kind.title) for skjema, kind in KINDS.items()},
    **text.LABELS,
}


def label(key: str, lang: Lang) -> str:
    """The text for ``key`` in ``lang``; a missing key is a programming error (KeyError)."""
    return text.label(key, lang, LABELS)


def enum_key(value: StrEnum) -> str:
    return text.enum_key(value)


def enum_label(value: StrEnum, lang: Lang) -> str:
    return text.enum_label(value, lang)


def labels_for(lang: Lang) -> dict[str, dict[str, str]]:
    """All labels in one language, nested by group, for templates: ``t.heading.attention``."""
    return text.labels_for(lang, LABELS)
