"""Choices that run through every layer, each defined once: the PDF/A level, the målform → language, and
how ``file`` runs.

Pure and cheap to import (no pikepdf, no WeasyPrint): the CLI parser, the watcher's settings and the
engines all take their lists and defaults from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import get_args

from bti_docs.fields import Malform
from bti_docs.i18n import Lang


class PdfaLevel(StrEnum):
    """The PDF/A levels bti-docs makes and checks (``bti_docs.pdfa.LEVELS`` holds what each one requires)."""

    PDFA_1B = "1b"
    PDFA_2B = "2b"
    PDFA_2U = "2u"
    PDFA_2A = "2a"


DEFAULT_PDFA = PdfaLevel.PDFA_2B
PDFA_CHOICES: tuple[str, ...] = tuple(level.value for level in PdfaLevel)
LANG_CHOICES: tuple[str, ...] = get_args(Lang)


def lang_of(malform: Malform | str | None, default: Lang = "nb") -> Lang:
    """The language of a målform (``nn`` or ``nb``); ``default`` when none is named."""
    if malform is None:
        return default
    return "nn" if str(malform) == "nn" else "nb"


@dataclass(frozen=True)
class FileOptions:
    """How ``file`` runs: the archive, the seal certificate (else the settings'), the PDF/A level."""

    archive: Path
    cert: Path | None = None
    trust: tuple[Path, ...] = ()
    pdfa: str = DEFAULT_PDFA.value
    lang: Lang | None = None
    password_file: Path | None = None
    event: str | None = None  # e.g. "aarlig" for the yearly filing of a log with enkeltvedtak
