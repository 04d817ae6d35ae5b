"""The Jinja2 environment for the HTML document templates.

User text is data, never markup or template code: the environment is sandboxed, escapes everything it
prints, fails on any undefined name, and loads templates only from the HTML template folder
(``templates/html/``), which is also the base URL for WeasyPrint (``html_to_pdf(base_dir=...)``). Every
document gets that folder's ``style.css`` and the shipped ``../fonts/fonts.css``, parsed once per process
(``render.html.document_stylesheets``): templates do not link them. Templates never use
``|safe``; long texts arrive from ``context.prose`` already split into paragraphs and lines, so line breaks
are added by the template around escaped text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from bti_docs.render.context import Data, DocumentMeta, FormModel, build_context


@lru_cache(maxsize=4)
def make_environment(templates_dir: Path) -> SandboxedEnvironment:
    """The environment for the HTML template folder ``templates_dir``; cached per directory."""
    return SandboxedEnvironment(
        loader=FileSystemLoader(templates_dir, followlinks=False),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def template_name(kind: str) -> str:
    """The template of one document kind: ``stafettlogg`` → ``stafettlogg.html``."""
    return f"{kind}.html"


def render_template(name: str, context: Data, templates_dir: Path) -> str:
    """Render one template with ``context``; undefined names raise ``jinja2.UndefinedError``."""
    env = make_environment(templates_dir.resolve())
    return env.get_template(name).render(context)


def render_html(form: FormModel, meta: DocumentMeta, templates_dir: Path) -> str:
    """The document as HTML; ``templates_dir`` is the HTML template folder (``templates/html``).

    Render the result to PDF with that same folder as base URL: ``html_to_pdf(html, base_dir=templates_dir,
    ...)``. Raises ``RefusedCaseError`` for a case of suspected violence or sexual abuse.
    """
    context = build_context(form, meta)
    return render_template(template_name(form.skjema.value), context, templates_dir)
