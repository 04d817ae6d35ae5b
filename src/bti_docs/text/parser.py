"""argparse in nynorsk or bokmål: our parsers' frame ("usage:", "options", argparse's own error messages)
speaks the reader's language, from ``bti_docs.text.cli.ARGPARSE``, without touching other parsers.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bti_docs.i18n import Lang
from bti_docs.text.cli import ARGPARSE
from bti_docs.text.voice import DEFAULT_LANG


@contextmanager
def argparse_speaks(lang: Lang) -> Iterator[None]:
    """argparse's own texts (``usage:``, ``options``, its errors) in ``lang`` while the block runs.

    argparse looks its texts up through the module's gettext functions ``_`` and ``ngettext`` when it builds
    a parser, formats help and reports an error; they are swapped only for our parser's calls and put back
    after, so other parsers in the process keep theirs.
    """

    def gettext(msgid: str) -> str:
        entry = ARGPARSE.get(msgid)
        return entry[lang] if entry else msgid

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    saved = argparse.__dict__["_"], argparse.__dict__["ngettext"]
    setattr(argparse, "_", gettext)  # noqa: B010 - argparse reads its module global at call time
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


class NorwegianParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose frame (usage, headings, errors) speaks ``lang``, as its subcommands do."""

    lang: Lang = DEFAULT_LANG

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with argparse_speaks(self.lang):
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        with argparse_speaks(self.lang):
            return super().add_argument(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with argparse_speaks(self.lang):
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with argparse_speaks(self.lang):
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with argparse_speaks(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with argparse_speaks(self.lang):
            return super().format_help()

    def error(self, message: str) -> Any:
        with argparse_speaks(self.lang):
            return super().error(message)


def parser_class(lang: Lang) -> type[NorwegianParser]:
    """A parser class speaking ``lang`` (subcommands are made from the same class, so they speak it too)."""
    return type(f"NorwegianParser_{lang}", (NorwegianParser,), {"lang": lang})
