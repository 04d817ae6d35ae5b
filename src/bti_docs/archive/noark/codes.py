"""Where the official schemas are (``xsd/``, see its SOURCES.md); the code lists live with the settings."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from bti_docs.config.noark_codes import code_list, code_name

XSD_DIR = Path(str(resources.files("bti_docs.archive.noark") / "xsd"))

__all__ = ["XSD_DIR", "code_list", "code_name"]
