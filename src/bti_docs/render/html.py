"""Finished HTML to PDF/A with WeasyPrint (>= 70): safe resource fetching, shipped fonts only.

* Resources (stylesheets, fonts, images) are served only from ``base_dir`` and the shipped fonts folder,
  after resolving ``..`` and symlinks; every other URL (http(s), ``file:`` elsewhere, ``data:``) is
  refused. User text is HTML-escaped by the template engine, so a refused fetch is a template bug: the
  render fails with :class:`~bti_docs.errors.RenderError` instead of leaving a hole in the document.
* Fonts: ``templates/fonts/fonts.css`` is always loaded, WeasyPrint gets a Fontconfig configuration
  without system fonts (:func:`~bti_docs.render.fonts.isolated_font_config`), text the fonts cannot
  show is refused before rendering, and any glyph still missing after layout fails the render.
* Metadata and conformance details are finished by :func:`bti_docs.pdfa.finalize_pdfa`.
* The output is deterministic: same HTML, resources and arguments give the same bytes (WeasyPrint
  derives font subset tags and the file identifier from the content, dates come from ``created``).
* Font subsetting: WeasyPrint 70 uses HarfBuzz's subsetter (libharfbuzz-subset0) when it can load it
  and HarfBuzz >= 4.1, else fontTools (much slower, with a warning); see
  :func:`harfbuzz_subset_available`.
"""

from __future__ import annotations

import mimetypes
import threading
from datetime import datetime
from functools import lru_cache
from html.parser import HTMLParser
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from bti_docs.errors import RenderError
from bti_docs.pdfa import LEVELS, PdfaLevel, finalize_pdfa
from bti_docs.render.fonts import (
    FONT_FAMILY,
    describe_characters,
    fonts_css,
    fonts_dir,
    shared_font_config,
    uncovered_characters,
)
from bti_docs.render.weasy import CSS, HTML, FatalURLFetchingError, URLFetcher, URLFetcherResponse
from bti_docs.text.voice import phrase

__all__ = [
    "RefusedResource", "SafeUrlFetcher", "document_stylesheets", "finish_pdf", "harfbuzz_subset_available",
    "html_to_pdf", "lay_out", "visible_text",
]

_BASE_CSS = f'html {{ font-family: "{FONT_FAMILY}"; }}'
_STYLE_CSS = "style.css"  # the template folder's stylesheet, applied to every document


@lru_cache(maxsize=1)
def _creator_tool() -> str:
    try:
        return f"bti-docs {version('bti-docs')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "bti-docs"


class RefusedResource(ValueError):
    """A resource URL outside the allowed folders (or not a local file)."""


class SafeUrlFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that serves regular files under ``roots`` and refuses everything else.

    Refused URLs are kept in :attr:`refused`. ``fail_on_errors`` makes WeasyPrint stop at the first
    refused or failed fetch (where it does not swallow errors, e.g. inside SVG images: hence the list).
    """

    def __init__(self, *roots: Path) -> None:
        super().__init__(fail_on_errors=True)
        self.roots = tuple(root.resolve(strict=True) for root in roots)
        self.refused: list[str] = []

    def resolve(self, url: str) -> Path:
        """The local file ``url`` names, or :class:`RefusedResource`."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(url)
        path = Path(url2pathname(parts.path)).resolve()  # follows symlinks, removes ".."
        if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedResource(url)
        return path

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        try:
            path = self.resolve(url)
        except RefusedResource:
            self.refused.append(url)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


class _TextCollector(HTMLParser):
    _HIDDEN = frozenset({"head", "title", "style", "script", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # </head> may be left out
            self.hidden = 0
        self.hidden += tag in self._HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self._HIDDEN and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of ``html`` outside <head>, <title>, <style>, <script> and <template>, entities decoded."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def html_to_pdf(
    html: str, *, base_dir: Path, level: PdfaLevel, title: str, doc_type: str, lang: str, created: datetime,
    creator: str | None = None,
) -> bytes:
    """Render finished HTML to a PDF/A file of ``level`` with bti-docs' metadata.

    ``base_dir`` is the base URL of the document and, with the shipped fonts folder, the only place
    resources may come from. ``title`` and ``doc_type`` go into the metadata (generic texts: no names
    or identity numbers), ``created`` (timezone-aware) is the creation date. Raises
    :class:`RenderError` for text the fonts cannot show, a refused or failed resource, or a failure
    in WeasyPrint.
    """
    if created.utcoffset() is None:
        raise ValueError("created must be timezone-aware")
    return finish_pdf(lay_out(html, base_dir=base_dir, level=level), level=level, title=title, doc_type=doc_type,
                      lang=lang, created=created, creator=creator)


def lay_out(html: str, *, base_dir: Path, level: PdfaLevel) -> bytes:
    """The pages of finished HTML: WeasyPrint's PDF of ``level``'s variant, before :func:`finish_pdf` gives it
    its metadata. The costly part of a render; the metadata (the title) can be set again without it."""
    if not base_dir.is_dir():
        raise RenderError("render.no_templates", path=base_dir)
    missing = uncovered_characters(visible_text(html))
    if missing:
        raise RenderError("render.glyphs", chars=describe_characters(missing))
    fetcher = SafeUrlFetcher(base_dir, fonts_dir())
    font_config = shared_font_config()
    notdef: set[int] = set()

    def check_glyphs(document: Any, pdf: Any) -> None:
        for font in document.fonts.values():
            notdef.update(getattr(font, "missing", {}))

    try:
        stylesheets = document_stylesheets(base_dir, font_config)
        document = HTML(string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=stylesheets,
            font_config=font_config,
            finisher=check_glyphs,
            pdf_variant=LEVELS[level].weasyprint_variant,
            custom_metadata=False,
        )
    except FatalURLFetchingError as error:
        raise _refused(fetcher, base_dir) from error
    except RenderError:
        raise
    except Exception as error:
        raise RenderError("render.weasyprint", detail=type(error).__name__) from error
    if fetcher.refused:
        raise _refused(fetcher, base_dir)
    if notdef:
        shown = describe_characters(chr(c) for c in notdef)
        raise RenderError("render.template_glyphs", chars=shown)
    return pdf


def finish_pdf(pages: bytes, *, level: PdfaLevel, title: str, doc_type: str, lang: str, created: datetime,
               creator: str | None = None) -> bytes:
    """:func:`lay_out`'s pages with bti-docs' metadata (:func:`bti_docs.pdfa.finalize_pdfa`)."""
    if created.utcoffset() is None:
        raise ValueError("created must be timezone-aware")
    return finalize_pdfa(
        pages, level, title=title, doc_type=doc_type, created=created, lang=lang, creator_tool=_creator_tool(),
        creator=creator,
    )


# Parsed stylesheets, reused for every document: parsing them (and registering the @font-face fonts) was an
# eighth of a render. Kept per thread, beside the thread's font configuration they were parsed with
# (``fonts.shared_font_config``): no lock, and they go when the thread does. A file that changes on disk (a
# municipality adjusting its style.css under a running watcher) is parsed again: the key holds its
# modification time and size.
_per_thread = threading.local()


def _cache(font_config: Any) -> dict[object, Any]:
    """This thread's parsed stylesheets, for ``font_config`` (a new configuration starts a new cache)."""
    if getattr(_per_thread, "font_config", None) is not font_config:
        _per_thread.font_config, _per_thread.sheets = font_config, {}
    sheets: dict[object, Any] = _per_thread.sheets
    return sheets


def document_stylesheets(base_dir: Path, font_config: Any) -> list[Any]:
    """The stylesheets every document is rendered with: the shipped fonts, the base font family and the
    template folder's ``style.css``, parsed once per thread (and again when a file changes)."""
    cache = _cache(font_config)
    if "base" not in cache:
        cache["base"] = CSS(string=_BASE_CSS, font_config=font_config)
    sheets = [_parsed_css(fonts_css(), font_config, cache), cache["base"]]
    if (base_dir / _STYLE_CSS).is_file():
        sheets.append(_parsed_css(base_dir / _STYLE_CSS, font_config, cache))
    return sheets


def _parsed_css(path: Path, font_config: Any, cache: dict[object, Any]) -> Any:
    resolved = path.resolve()
    stat = resolved.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    found = cache.get(resolved)
    if found is None or found[0] != version:
        fetcher = SafeUrlFetcher(resolved.parent, fonts_dir())
        try:
            sheet = CSS(filename=str(resolved), url_fetcher=fetcher, font_config=font_config)
        except FatalURLFetchingError as error:
            raise _refused(fetcher, resolved.parent) from error
        if fetcher.refused:
            raise _refused(fetcher, resolved.parent)
        found = cache[resolved] = (version, sheet)
    return found[1]


def _refused(fetcher: SafeUrlFetcher, base_dir: Path) -> RenderError:
    urls = ", ".join(url[:200] for url in dict.fromkeys(fetcher.refused)) or phrase("render.unknown")
    return RenderError("render.refused_resource", urls=urls, path=base_dir)
