"""The in-product quality gates: a document that fails one is never handed on.

Three gates, run by the pipeline: the text can be shown by the shipped fonts (before rendering), the PDF/A
essentials hold (after rendering and again after sealing), and every seal validates, is trusted and covers
the whole file (after sealing).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bti_docs.errors import Problem, QualityError, RenderError
from bti_docs.i18n import Lang
from bti_docs.pdfa import PdfaLevel, check_pdfa
from bti_docs.render.fonts import uncovered_characters
from bti_docs.seal import SealStatus, seal_ok, validate_seals
from bti_docs.text.voice import DEFAULT_LANG, Joined, phrase, say


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")


def gate_glyphs(form: BaseModel, file: str, lang: Lang = DEFAULT_LANG) -> None:
    """Refuse text the shipped fonts cannot show, naming the field and the characters (as code points)."""
    problems = []
    for path, text in _texts(form):
        missing = uncovered_characters(text)
        if missing:
            shown = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in sorted(missing))
            problems.append(Problem(file=file, path=path, code="glyph_missing",
                                    message=say("quality.glyphs_field", lang, chars=shown)))
    if problems:
        raise RenderError("quality.glyphs", problems, file=file)


_STAGES = {"rendering": "quality.stage_rendering", "forsegling": "quality.stage_sealing",
           "kopiering": "quality.stage_copying"}


def gate_pdfa(pdf: bytes, level: PdfaLevel, stage: str) -> None:
    """``stage``: rendering, forsegling or kopiering."""
    findings = check_pdfa(pdf, level)
    if findings:
        detail = Joined([phrase("archive.pdfa_finding", clause=f.clause, detail=f) for f in findings[:10]])
        raise QualityError("quality.not_pdfa", level=level.value, stage=phrase(_STAGES[stage]), detail=detail)


def gate_seals(pdf: bytes, trust_roots: Sequence[Path]) -> SealStatus:
    if not trust_roots:
        raise QualityError("quality.no_trust_root")
    statuses = validate_seals(pdf, trust_roots)
    if not statuses:
        raise QualityError("quality.no_seal")
    bad = [s for s in statuses if not seal_ok(s)]
    if bad:
        raise QualityError("quality.bad_seal", detail=Joined(bad))
    return statuses[-1]
