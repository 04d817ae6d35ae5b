"""The watcher's log lines: a stable event word for machines, the text for operators in the municipality's målform.

Each line is a :class:`Line` (the record's ``msg``): its ``event`` (``claimed``, ``filed``, ``rejected``...:
stable words to filter on in journald or ELK, documented in docs/operations.md), the claim id where it is about
one input, a catalogue code (``bti_docs.text.watch``) and its fields (counts, short hashes, error codes,
exception types, the watcher's own folders; never a file's name or a value from a form). ``str(line)`` says it in
the language :func:`speak` set (the municipality's målform, set by ``run_watch``), so a handler the host program
set up still gets Norwegian text; the watcher's own format (``daemon._OperatorFormat``) puts the event and the
claim id in front, or writes JSON with the fields beside the text.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from bti_docs.i18n import Lang
from bti_docs.text.voice import DEFAULT_LANG, Phrase, Sayable, say

_lang: list[Lang] = [DEFAULT_LANG]


def speak(lang: Lang) -> None:
    """The language of the log lines from now on (the municipality's målform)."""
    _lang[0] = lang


def spoken() -> Lang:
    return _lang[0]


@dataclass(frozen=True)
class Line:
    event: str
    code: str
    claim: str | None = None
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang | None = None) -> str:
        return say(self.code, lang or spoken(), **self.fields)

    def data(self) -> dict[str, object]:
        """The fields for machines: plain values as they are, sayable ones by their code."""
        return {k: (v.code if isinstance(v, Phrase) else v) for k, v in self.fields.items()
                if isinstance(v, str | int | float | bool | dict | Phrase)}

    def __str__(self) -> str:
        return f"[{self.claim}] {self.text()}" if self.claim else self.text()


def note(logger: logging.Logger, level: int, event: str, code: str, claim: str | None = None,
         exc_info: bool = False, **fields: object) -> Phrase:
    """Log one line: ``event`` for machines, the catalogue's ``code`` with ``fields`` for operators. Returns
    the line's text not yet said (for ``watch --json``, said there in the operator's language)."""
    logger.log(level, Line(event, code, claim, fields), exc_info=exc_info)
    return Phrase(code, dict(fields))


def os_reason(exc: BaseException) -> str:
    """An OS error as its code (``EACCES``): no file names, no English text; else the exception's type."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return errno.errorcode.get(exc.errno, str(exc.errno))
    return type(exc).__name__


def said(value: object) -> object:
    """``value`` as a line's field: a sayable one stays sayable (said in the line's language)."""
    return value if isinstance(value, Sayable) else str(value)
