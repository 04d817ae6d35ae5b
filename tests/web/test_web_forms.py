"""The generated forms: every field of every kind has a label in both målformer, the kinds' shapes are kept."""

from __future__ import annotations

import pytest

from bti_docs.web.formgen import SUBJECT_FIELD, Repeat, build_form, kinds, walk_leaves
from bti_docs.web.texts import FIELD_LABELS, HELP, UI


@pytest.mark.parametrize("kind", kinds())
def test_every_field_is_labelled_in_both_malformer(kind: str) -> None:
    nn, nb = build_form(kind, "nn"), build_form(kind, "nb")
    assert [p for p, _ in walk_leaves(nn.fields)] == [p for p, _ in walk_leaves(nb.fields)]
    for (path, a), (_, b) in zip(walk_leaves(nn.fields), walk_leaves(nb.fields), strict=True):
        assert a.label and b.label, path
        assert [v for v, _ in a.choices] == [v for v, _ in b.choices], path
        assert all(text for _, text in a.choices + b.choices), path


def test_every_text_has_both_malformer() -> None:
    for table in (FIELD_LABELS, HELP, UI):
        for key, texts in table.items():
            assert set(texts) == {"nn", "nb"} and all(texts.values()), key


def test_shapes_follow_the_models() -> None:
    log = build_form("stafettlogg", "nb")
    leaves = dict(walk_leaves(log.fields))
    assert leaves["tiltak[].periode.fra"].widget == "date"
    assert leaves["samtykker[].tjenester"].widget == "checkboxes"
    assert leaves["niva"].integer and [v for v, _ in leaves["niva"].choices] == ["1", "2", "3"]
    assert leaves["foresatte[].deltar"].default is True
    assert leaves["oppmerksomhet"].widget == "textarea" and leaves["oppmerksomhet"].required
    assert leaves[SUBJECT_FIELD].widget == "radio"
    assert [f.name for f in log.fields][:7] == ["sak", "enhet", "dato", "malform", SUBJECT_FIELD, "barn", "svangerskap"]
    repeats = {n.name: n for n in log.fields if isinstance(n, Repeat)}
    assert repeats["stafettholdere"].min_items == 1
    assert "mistanke_vold_overgrep" not in leaves and "skjema" not in leaves
