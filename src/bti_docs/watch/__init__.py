"""The watch folder: files forms that units drop into an inbox, unattended.

``settings`` reads a unit's watch settings (YAML file, ``BTI_DOCS_*`` environment, command line); ``safety``
keeps the paths honest (no symlinks, no loops, size limit, name filters); ``inbox`` is the state machine
(inbox → ``.processing/`` → ``done/`` or ``rejected/``, recovery at start-up); ``report`` writes the
Norwegian rejection report and its JSON twin; ``daemon`` runs watchdog, the rescans and the loop.

The daemon is imported on demand (``python -m bti_docs.watch.daemon`` must not find it imported already).
"""
