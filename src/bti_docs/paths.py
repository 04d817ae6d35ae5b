"""Where the shipped templates and fonts are: ``$BTI_DOCS_TEMPLATES``, the checkout's ``templates/``, or the
copy installed inside the package (``bti_docs.templates``, see pyproject.toml)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from bti_docs.errors import ConfigError

TEMPLATES_ENV = "BTI_DOCS_TEMPLATES"
CHECKOUT = Path(__file__).resolve().parents[2]  # a source checkout: samples/, templates/, archive_rules.yaml
_CHECKOUT_TEMPLATES = CHECKOUT / "templates"


def templates_dir() -> Path:
    env = os.environ.get(TEMPLATES_ENV)
    installed = Path(str(resources.files("bti_docs") / "templates"))
    folder = Path(env) if env else _CHECKOUT_TEMPLATES if (_CHECKOUT_TEMPLATES / "html").is_dir() else installed
    if not (folder / "html").is_dir():
        raise ConfigError("config.no_templates", folder=folder, env=TEMPLATES_ENV)
    return folder.resolve()


_CHECKOUT_SCHEMAS = CHECKOUT / "forms" / "schema"


def schemas_dir() -> Path:
    """The forms' JSON Schemas: the checkout's ``forms/schema``, else the copy installed inside the package
    (``bti_docs.schemas``, see pyproject.toml)."""
    if _CHECKOUT_SCHEMAS.is_dir():
        return _CHECKOUT_SCHEMAS.resolve()
    return Path(str(resources.files("bti_docs") / "schemas")).resolve()
