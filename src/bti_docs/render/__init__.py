"""Rendering of finished HTML to archival PDF/A with WeasyPrint, using only the fonts shipped in
``templates/fonts/`` (see :mod:`bti_docs.render.fonts` and :mod:`bti_docs.render.html`)."""
