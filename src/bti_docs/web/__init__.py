"""``bti-docs web``: a server-rendered web app on the same pipeline (forms, validation, drafts, preview, submit).

Small modules: ``config`` (settings), ``auth`` (user and units from a trusted proxy), ``csrf``, ``store``
(drafts and submissions in SQLite), ``formgen`` (forms generated from the kinds' models), ``formdata``
(posted fields to the dict the YAML loader gives, and back), ``check`` (the library's validation),
``preview`` (unsealed draft PDF), ``submit`` (atomic write into the unit's inbox and status), ``routes``
and ``app`` (the Starlette application).
"""
