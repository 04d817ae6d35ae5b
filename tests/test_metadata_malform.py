"""Archive metadata the settings leave out (the arkivdel's and the class's titles) is written in the
municipality's målform, read from the text catalogue: by the real CLI into a real archive's sidecars and its
Noark 5 extract; ``--lang`` changes what the command says, never what the archive keeps."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from bti_docs.archive.sidecar import SIDECAR_SUFFIX
from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.i18n import Lang
from tools import settings_text_as

ROOT = Path(__file__).resolve().parents[1]
TITLES: dict[Lang, tuple[str, str]] = {
    "nn": ("Stafettloggar og BTI-skjema", "Betre tverrfagleg innsats (stafettlogg)"),
    "nb": ("Stafettlogger og BTI-skjema", "Bedre tverrfaglig innsats (stafettlogg)"),
}


def settings_without_titles(folder: Path, malform: Lang) -> Path:
    """The repository's settings as a municipality of ``malform`` that names no arkivdel or class title."""
    text = settings_text_as(malform)
    text, titles = re.subn(r"^ *(arkivdeltittel|klassetittel): .*\n", "", text, flags=re.MULTILINE)
    assert titles == 2
    path = folder / f"{malform}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("malform", "lang"), [("nn", "nb"), ("nb", "nn")])
def test_default_titles_are_in_the_municipalitys_malform(malform: Lang, lang: Lang, dev_pki: DevPki,
                                                         tmp_path: Path) -> None:
    rules = settings_without_titles(tmp_path, malform)
    archive = tmp_path / "arkiv"
    form = ROOT / "samples" / "sak-a" / "01-referat-undringssamtale.yaml"
    out = io.StringIO()
    code = main(["--rules", str(rules), "file", str(form), "--archive", str(archive), "--workers", "1",
                 "--cert", str(dev_pki.unit_p12), "--cert-password-file", str(dev_pki.password_file),
                 "--trust", str(dev_pki.root_cert), "--lang", lang], out)
    assert code == 0, out.getvalue()
    arkivdel, klasse = TITLES[malform]
    other_arkivdel, other_klasse = TITLES[lang]
    [sidecar] = archive.rglob(f"*{SIDECAR_SUFFIX}")
    noark = json.loads(sidecar.read_text(encoding="utf-8"))["noark"]
    assert noark["klassering"]["tittel"] == klasse

    out = io.StringIO()
    code = main(["--rules", str(rules), "eksport", "noark5", str(archive), "-o", str(tmp_path / "uttrekk"),
                 "--lang", lang], out)
    assert code == 0, out.getvalue()
    structure = (tmp_path / "uttrekk" / "arkivstruktur.xml").read_text(encoding="utf-8")
    assert f"<tittel>{arkivdel}</tittel>" in structure
    assert f"<tittel>{klasse}</tittel>" in structure
    assert other_arkivdel not in structure and other_klasse not in structure


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_the_demos_test_unit_is_named_in_the_demos_malform(lang: Lang, tmp_path: Path) -> None:
    """``bti-docs demo`` makes its test certificate for «Fjordvik testeining» or «Fjordvik testenhet»."""
    from cryptography import x509

    samples = tmp_path / "samples" / "sak-x"
    samples.mkdir(parents=True)
    (samples / "01.yaml").write_bytes((ROOT / "samples" / "sak-a" / "01-referat-undringssamtale.yaml").read_bytes())
    out = io.StringIO()
    code = main(["demo", str(tmp_path / "demo"), "--samples", str(samples.parent), "--workers", "1", "--lang", lang],
                out)
    assert code == 0, out.getvalue()
    unit = x509.load_pem_x509_certificate((tmp_path / "demo" / "testsertifikat" / "testeining-segl.pem")
                                          .read_bytes()).subject.rfc4514_string()
    name, other = ("Fjordvik testeining", "Fjordvik testenhet") if lang == "nn" else \
        ("Fjordvik testenhet", "Fjordvik testeining")
    assert name in unit and other not in unit, unit
