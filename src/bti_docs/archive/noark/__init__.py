"""Noark 5 for the archivist: metadata on every filed document, the deposit extract and Fiks Arkiv messages.

- ``codes``: the official code lists the settings and exports use;
- (``bti_docs.archive.noark_metadata``, beside filing: the ``noark`` block of each sidecar);
- ``xml``: schema validation against the official XSDs in ``xsd/`` (see ``xsd/SOURCES.md``);
- ``extract``: ``bti-docs eksport noark5`` (arkivstruktur.xml and friends, ADDML, optional BagIt);
- ``arkivmelding``: ``bti-docs eksport arkivmelding`` (one Fiks Arkiv V1 message per registration).
"""
