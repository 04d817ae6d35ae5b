"""Values as a reader sees them, in nynorsk or bokmål: dates, times, id numbers, paragraphs. Plain text, no
markup: the templates escape it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bti_docs.i18n import Lang
from bti_docs.text.labels import label

Prose = list[list[str]]

_LOCAL_TIME = ZoneInfo("Europe/Oslo")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_NATIONAL_ID = re.compile(r"\d{11}")


def format_date(value: date, lang: Lang) -> str:
    """``3. mars 2027``."""
    return f"{value.day}. {label(f'month.{value.month}', lang)} {value.year}"


def optional_date(value: date | None, lang: Lang) -> str:
    return format_date(value, lang) if value is not None else ""


def format_datetime(value: datetime, lang: Lang) -> str:
    """``3. mars 2027 kl. 14:05``, in Norwegian local time when ``value`` is timezone-aware."""
    local = value.astimezone(_LOCAL_TIME) if value.tzinfo is not None else value
    time = label("doc.time", lang).format(time=local.strftime("%H:%M"))
    return f"{format_date(local.date(), lang)} {time}"


def format_national_id(value: str) -> str:
    """``DDMMYY NNNNN``; anything that is not eleven digits is shown as given."""
    digits = value.replace(" ", "")
    return f"{digits[:6]} {digits[6:]}" if _NATIONAL_ID.fullmatch(digits) else value


def prose(text: str | None) -> Prose:
    """Paragraphs (split at blank lines) of lines (split at single newlines); no markup is added."""
    if not text:
        return []
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = ([line.strip() for line in part.split("\n")] for part in _PARAGRAPH_BREAK.split(normalised))
    return [lines for lines in ([line for line in p if line] for p in paragraphs) if lines]


def yes_no(value: bool, lang: Lang) -> str:
    return label("doc.yes" if value else "doc.no", lang)
