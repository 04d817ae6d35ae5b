"""What a rule returns: a code, a field path and the context its message needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bti_docs.errors import Severity


@dataclass(frozen=True)
class Finding:
    path: str
    code: str
    context: dict[str, object] = field(default_factory=dict)
    severity: Severity = Severity.error


def warning(path: str, code: str, **context: object) -> Finding:
    return Finding(path, code, context, Severity.warning)


def error(path: str, code: str, **context: object) -> Finding:
    return Finding(path, code, context, Severity.error)


def age_on(birth: date, on: date) -> int:
    """Whole years from ``birth`` to ``on`` (a child born 29 February turns a year older on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years
