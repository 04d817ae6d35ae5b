"""``Form``: any document kind's form, as parsed (the kinds' own models are in ``bti_docs.kinds``).

Kept so that ``TypeAdapter(Form)`` works where a form is built from plain data; new code imports from
``bti_docs.kinds`` and ``bti_docs.fields``.
"""

from __future__ import annotations

from bti_docs.fields import Skjema
from bti_docs.kinds import Form

__all__ = ["Form", "Skjema"]
