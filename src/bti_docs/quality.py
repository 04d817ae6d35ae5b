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
from bti_docs.pdfa import PdfaLevel, check_pdfa
from bti_docs.render.fonts import uncovered_characters
from bti_docs.seal import SealStatus, seal_ok, validate_seals


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")


def gate_glyphs(form: BaseModel, file: str) -> None:
    """Refuse text the shipped fonts cannot show, naming the field and the characters (as code points)."""
    problems = []
    for path, text in _texts(form):
        missing = uncovered_characters(text)
        if missing:
            shown = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in sorted(missing))
            problems.append(Problem(
                file=file, path=path, code="glyph_missing",
                message=f"Teikn som skrifta ikkje kan vise / tegn som skriften ikke kan vise: {shown}. "
                        "Skriv teksten utan desse teikna / uten disse tegnene.",
            ))
    if problems:
        raise RenderError(
            f"{file}: teksten har teikn som ikkje kan visast i dokumentet / teksten har tegn som ikke kan vises.",
            problems,
        )


def gate_pdfa(pdf: bytes, level: PdfaLevel, stage: str) -> None:
    findings = check_pdfa(pdf, level)
    if findings:
        detail = "; ".join(f"{f.clause}: {f.message}" for f in findings[:10])
        raise QualityError(
            f"Dokumentet er ikkje gyldig PDF/A-{level.value} etter {stage} og vert ikkje levert / "
            f"er ikke gyldig PDF/A og leveres ikke: {detail}"
        )


def gate_seals(pdf: bytes, trust_roots: Sequence[Path]) -> SealStatus:
    if not trust_roots:
        raise QualityError(
            "Ingen tillitsrot er sett opp, så seglet kan ikkje kontrollerast / ingen tillitsrot er satt opp. "
            "Oppgi --trust eller «tillitsrot» under «sertifikat» i archive_rules.yaml."
        )
    statuses = validate_seals(pdf, trust_roots)
    if not statuses:
        raise QualityError("Dokumentet har ikkje noko segl / dokumentet har ikke noe segl.")
    bad = [s for s in statuses if not seal_ok(s)]
    if bad:
        raise QualityError(
            "Seglet held ikkje kontrollen og dokumentet vert ikkje levert / seglet består ikke kontrollen: "
            + "; ".join(s.summary for s in bad)
        )
    return statuses[-1]
