"""The one voice: every text staff read, looked up by code in nynorsk or bokmål.

The catalogues are plain dicts, ``code → {"nn": ..., "nb": ...}``: ``bti_docs.i18n.MESSAGES`` (validation),
``bti_docs.text.errors.ERRORS`` (render, seal, quality, archive, settings errors), ``bti_docs.text.cli.CLI``
(command line help and output), ``bti_docs.text.pdfa.PDFA`` (what the PDF/A check finds) and
``bti_docs.text.archive.ARCHIVE`` (verify, filing, receipts, reindex, renewal, Noark 5 exports),
``bti_docs.text.schema.SCHEMA`` (the forms' JSON Schemas, as staff see them in their editor) and
``bti_docs.text.watch.WATCH`` (the watch folder's operator log lines). ``say`` looks a
code up in all of them. ``bti_docs.text.cli.ARGPARSE`` holds argparse's own frame (keyed by argparse's English
msgid) and ``bti_docs.text.labels.LABELS`` what a reader of a document sees.

A context value may itself be sayable (a :class:`Phrase`, a seal's status, a PDF/A finding): it is said in the
same language, so an exception raised without knowing the language is still said in one language only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol, runtime_checkable

from bti_docs.i18n import MESSAGES, Lang
from bti_docs.text.archive import ARCHIVE
from bti_docs.text.cli import CLI
from bti_docs.text.errors import ERRORS
from bti_docs.text.pdfa import PDFA
from bti_docs.text.schema import SCHEMA
from bti_docs.text.watch import WATCH

# The language bti-docs speaks when neither ``--lang`` nor the municipality's målform says (no settings found,
# or an exception's ``.message`` outside a front end): nynorsk, as bti-docs always spoke before it had two voices.
DEFAULT_LANG: Final[Lang] = "nn"

Catalogue = Mapping[str, Mapping[Lang, str]]
CATALOGUES: Final[tuple[Catalogue, ...]] = (MESSAGES, ERRORS, CLI, PDFA, ARCHIVE, SCHEMA, WATCH)


@dataclass(frozen=True)
class Phrase:
    """A text not yet said: its code and context, said later in whatever language the reader has."""

    code: str
    context: dict[str, object] = field(default_factory=dict)

    def say(self, lang: Lang) -> str:
        return say(self.code, lang, **self.context)


@runtime_checkable
class Sayable(Protocol):
    """Anything that can say itself in a language (a phrase, a seal's status)."""

    def say(self, lang: Lang) -> str: ...


@dataclass(frozen=True)
class Joined:
    """Several sayable things said in one language, joined by ``separator``."""

    items: Sequence[Sayable]
    separator: str = "; "

    def say(self, lang: Lang) -> str:
        return self.separator.join(item.say(lang) for item in self.items)


def phrase(code: str, **context: object) -> Phrase:
    return Phrase(code, context)


def entry(code: str) -> Mapping[Lang, str] | None:
    for catalogue in CATALOGUES:
        found = catalogue.get(code)
        if found is not None:
            return found
    return None


def has_text(code: str) -> bool:
    return entry(code) is not None


def say(code: str, lang: Lang, **context: object) -> str:
    """The text for ``code`` in ``lang`` with ``{fields}`` filled; sayable context values are said in ``lang``."""
    found = entry(code)
    if found is None:
        raise KeyError(f"no text with code {code!r}")
    filled = {k: v.say(lang) if isinstance(v, Sayable) else v for k, v in context.items()}
    try:
        return found[lang].format(**filled)
    except (KeyError, IndexError):
        return found[lang]
