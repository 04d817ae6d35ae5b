"""The fonts bti-docs ships, which characters they can show, and a WeasyPrint font configuration that
sees no other font.

Documents are rendered only with the Noto Sans files in ``templates/fonts/`` (SIL Open Font License,
see ``templates/fonts/OFL.txt``). Two things keep other fonts out:

* :func:`uncovered_characters` lets callers refuse text the shipped fonts cannot show, before rendering,
  so Pango never has to look for a fallback font (and PDF/A-2 forbids referencing ``.notdef``);
* :func:`isolated_font_config` gives WeasyPrint a Fontconfig configuration without any system font
  directory, so even a template that names another family (or a character that slipped through) can
  only ever be set in a shipped font: the output does not depend on the fonts installed on the host.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from bti_docs.paths import templates_dir

#: The CSS family name of the shipped fonts (the name used in ``fonts.css``).
FONT_FAMILY = "Noto Sans"
#: The shipped font files, in ``fonts_dir()``.
FONT_FILES: tuple[str, ...] = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
)

# Characters that need no glyph: controls (\n, \t, ...), format characters (soft hyphen, zero-width
# joiners, bidi marks: HarfBuzz treats them as default-ignorable) and line/paragraph separators.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def fonts_dir() -> Path:
    """``fonts/`` in the templates folder (``bti_docs.paths.templates_dir``), looked up when first needed,
    not at import: ``$BTI_DOCS_TEMPLATES`` set after import still counts, and a missing folder is a
    ConfigError where the fonts are used."""
    return templates_dir() / "fonts"


def fonts_css() -> Path:
    """The stylesheet with the ``@font-face`` rules (relative URLs to the files next to it)."""
    return fonts_dir() / "fonts.css"


def shipped_fonts() -> tuple[Path, ...]:
    """The paths of the shipped font files."""
    folder = fonts_dir()
    return tuple(folder / name for name in FONT_FILES)


@lru_cache(maxsize=1)
def shipped_codepoints() -> frozenset[int]:
    """Every code point that at least one shipped font maps to a glyph (the union of their cmaps)."""
    codepoints: set[int] = set()
    for path in shipped_fonts():
        with TTFont(path, lazy=True) as font:
            cmap = font.getBestCmap()
            if cmap is None:  # pragma: no cover - every shipped font has a Unicode cmap
                raise ValueError(f"{path.name} has no Unicode cmap")
            codepoints.update(cmap)
    return frozenset(codepoints)


def uncovered_characters(text: str) -> set[str]:
    """The characters of ``text`` that no shipped font has a glyph for.

    The text is NFC-normalised first, as the renderer would see it: a letter with diacritics that has
    a precomposed form (``ễ``) needs that glyph, a base letter plus a combining mark without one needs
    the mark itself. Controls, format characters and line/paragraph separators are ignored.
    """
    covered = shipped_codepoints()
    return {
        char
        for char in set(unicodedata.normalize("NFC", text))
        if ord(char) not in covered and unicodedata.category(char) not in _NO_GLYPH_CATEGORIES
    }


def uncovered_fields(value: Any, path: str = "") -> Iterator[tuple[str, set[str]]]:
    """(field path, characters no shipped font can show) for every text of a form (a pydantic model) that has
    such characters: what ``validate`` reports before anything is rendered."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from uncovered_fields(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, str):
        missing = uncovered_characters(value)
        if missing:
            yield path, missing
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from uncovered_fields(item, f"{path}[{i}]")


def describe_characters(chars: Iterable[str], limit: int = 10) -> str:
    """A short, stable description of characters for a message to staff: ``«中» (U+4E2D), ...``."""
    ordered = sorted(set(chars))
    parts = [f"«{char}» (U+{ord(char):04X})" for char in ordered[:limit]]
    if len(ordered) > limit:
        parts.append(f"og {len(ordered) - limit} til")
    return ", ".join(parts)


# An empty Fontconfig configuration: no <dir>, hence no system or user fonts. WeasyPrint adds the
# @font-face files to it as application fonts.
_EMPTY_FONTCONFIG = '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig/>\n'
_config_lock = threading.Lock()
_config_file: Path | None = None


def _empty_config_file() -> Path:
    global _config_file
    if _config_file is None:
        fd, name = tempfile.mkstemp(prefix="bti-docs-fontconfig-", suffix=".conf")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_EMPTY_FONTCONFIG)
        _config_file = Path(name)
        atexit.register(_config_file.unlink, missing_ok=True)
    return _config_file


_per_thread = threading.local()


def shared_font_config() -> Any:
    """This thread's isolated ``FontConfiguration``, made on first use and reused for every document.

    A new configuration per document made WeasyPrint's memory grow by some 0.2 MiB per render (bench/README.md);
    one reused configuration keeps a batch or the watch daemon flat. WeasyPrint does not load an @font-face
    font twice into one configuration, and the shipped fonts never change while the process runs.
    """
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        config = _per_thread.font_config = isolated_font_config()
        # Release it before interpreter shutdown: WeasyPrint's __del__ needs its module globals.
        atexit.register(_release, _per_thread)
    return config


def _release(holder: threading.local) -> None:
    holder.__dict__.pop("font_config", None)


def isolated_font_config() -> Any:
    """A new WeasyPrint ``FontConfiguration`` that contains no system font.

    WeasyPrint builds it with ``FcInitLoadConfigAndFonts()``, which reads the file named by the
    ``FONTCONFIG_FILE`` environment variable; we point that at an empty configuration just while the
    object is created (under a lock, then restore the variable). Fonts from ``@font-face`` rules are
    added to it later as application fonts. Returns ``weasyprint.text.fonts.FontConfiguration``.
    """
    from bti_docs.render.weasy import FontConfiguration

    with _config_lock:
        previous = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(_empty_config_file())
        try:
            return FontConfiguration()
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous
