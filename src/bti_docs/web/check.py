"""The library's validation on web form data: the same loader, models, rules and messages as the CLI.

The data is dumped to YAML and read back by ``bti_docs.forms.load.parse_form`` — the loader a CLI user's file
goes through — then ``bti_docs.rules.check.check_form`` runs on the form. The loader gives each problem the
field it belongs to, rules over several fields included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bti_docs.api import messages_lang
from bti_docs.config import Settings
from bti_docs.errors import Problem, Severity
from bti_docs.forms.load import parse_form
from bti_docs.kinds import Form
from bti_docs.rules.check import check_form
from bti_docs.web.formdata import to_yaml
from bti_docs.web.formgen import SUBJECT_FIELD

DISPLAY_NAME = "skjema"  # the name problems carry: never a person's name


@dataclass(frozen=True)
class Checked:
    form: Form | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]

    @property
    def advice(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.warning]

    @property
    def ok(self) -> bool:
        return self.form is not None and not self.errors


def check_data(data: Mapping[str, Any], settings: Settings, *, today: date | None = None) -> Checked:
    lang = messages_lang(settings)
    loaded = parse_form(to_yaml(data).encode("utf-8"), DISPLAY_NAME, lang)
    problems = list(loaded.problems)
    if loaded.form is not None:
        problems += check_form(loaded.form, settings.kommune, today=today or date.today(), file=DISPLAY_NAME,
                               lang=lang)
    return Checked(loaded.form, problems)


def field_of(problem: Problem) -> str:
    """The form field a problem belongs to (``''`` for the whole form). The loader already points a rule over
    several fields at the one to fix (``bti_docs.fields.MODEL_CHECK_FIELDS``); here only the child-or-pregnancy
    pair, one choice in the web form, is pointed at that choice."""
    if problem.code == "child_or_pregnancy":
        return SUBJECT_FIELD
    return problem.path
