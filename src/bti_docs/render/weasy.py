"""WeasyPrint, imported without its slow library search.

WeasyPrint opens Pango, HarfBuzz and Fontconfig with cffi under several names per library (Linux, macOS and
Windows spellings). For each name that does not open at once, cffi asks ``ctypes.util.find_library``, which
on Linux runs ``ldconfig``, ``gcc`` and ``ld`` as subprocesses: some fifty of them, a third of a second at
every start of a process that renders (``file``, ``render``, the watcher and its workers, the web app).
The Linux sonames in those lists (``libpango-1.0.so.0`` ...) open directly, so the import is first tried with
a ``find_library`` that answers "not found" at once; should that fail (an unusual installation that needs
the search), it is imported again the usual way. Nothing else is changed, and only during the import.
"""

from __future__ import annotations

import ctypes.util
import importlib
import sys
import threading
from types import ModuleType
from typing import Any

_lock = threading.Lock()


def _not_found(name: str) -> str | None:
    return None


def _import_quickly() -> ModuleType:
    with _lock:
        if "weasyprint" in sys.modules:
            return sys.modules["weasyprint"]
        real = ctypes.util.find_library
        ctypes.util.find_library = _not_found
        try:
            return importlib.import_module("weasyprint")
        except Exception:
            for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
                del sys.modules[name]
        finally:
            ctypes.util.find_library = real
        return importlib.import_module("weasyprint")


weasyprint = _import_quickly()

from weasyprint.text.fonts import FontConfiguration  # noqa: E402 - after the quick import above
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402

CSS: Any = weasyprint.CSS
HTML: Any = weasyprint.HTML

__all__ = ["CSS", "HTML", "FatalURLFetchingError", "FontConfiguration", "URLFetcher", "URLFetcherResponse",
           "weasyprint"]
