"""Noark 5 metadata in every sidecar: screening, journalpost, klassering, part, signature; and its settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bti_docs.config import load_settings
from bti_docs.errors import ConfigError
from export_helpers import demo_archive, sidecars

__all__ = ["demo_archive"]

ROOT = Path(__file__).resolve().parents[1]


def test_every_registration_is_screened_with_the_bti_defaults(demo_archive: Path) -> None:
    metas = sidecars(demo_archive)
    assert len(metas) >= 10
    for meta in metas:
        noark = meta["noark"]
        for screening in (noark["skjerming"], noark["journalpost"]["skjerming"], noark["saksmappe"]["skjerming"]):
            assert screening["tilgangsrestriksjon"] == "13"
            assert screening["skjermingshjemmel"] == "offl. § 13 jf. fvl. § 13"
            assert "partNavn" in screening["skjermingMetadata"]
        assert noark["skjerming"]["skjermingDokument"] == {"kode": "H", "navn": "Skjerming av hele dokumentet"}


def test_offentlig_tittel_screens_the_childs_name_which_is_only_in_screened_metadata(demo_archive: Path) -> None:
    for meta in sidecars(demo_archive):
        noark = meta["noark"]
        name = meta["personopplysninger"].get("barn_navn") or meta["personopplysninger"].get("gravid_navn")
        assert name
        folder = noark["saksmappe"]
        assert name in folder["tittel"]
        assert name not in folder["offentligTittel"] and "*****" in folder["offentligTittel"]
        for part in name.split():
            assert part not in folder["offentligTittel"]
            assert part not in noark["journalpost"]["offentligTittel"]
        assert noark["journalpost"]["part"] == [{"partNavn": name, "partRolle": {"kode": "K", "navn": "Klient"}}]
        assert "partNavn" in noark["journalpost"]["skjerming"]["skjermingMetadata"]


def test_journalpost_document_numbers_and_the_rules_codes(demo_archive: Path) -> None:
    metas = sidecars(demo_archive)
    by_post: dict[str, list[dict[str, object]]] = {}
    for meta in metas:
        noark = meta["noark"]
        post = noark["journalpost"]
        by_post.setdefault(post["systemID"], []).append(meta)
        main = meta["dokumentbeskrivelse"]["tilknyttetRegistreringSom"] == "Hoveddokument"
        assert noark["dokumentnummer"] == (1 if main else 2)
        assert post["dokumentetsDato"] == meta["bti"]["dokumentdato"]
        assert noark["tilknyttetAv"] == "bti-docs"
        expected = "I" if meta["bti"]["hendelse"] in ("samtykke_trukket", "nytt_samtykke") else "X"
        assert post["journalposttype"]["kode"] == expected  # per event in archive_rules.yaml, default X
        assert post["journalstatus"] == {"kode": "J", "navn": "Journalført"}
        assert noark["arkivskaper"] == {"arkivskaperID": "4699", "arkivskaperNavn": "Fjordvik kommune"}
        assert noark["klassering"]["klasseID"] == "BTI"
        assert noark["saksmappe"]["mappeID"] == meta["bti"]["sak"]
        assert noark["saksmappe"]["administrativEnhet"] == meta["bti"]["enhetsnavn"]
        assert post["forfatter"] == [meta["bti"]["enhetsnavn"]]  # the unit, never a person
        signature = noark["elektroniskSignatur"]
        assert signature["elektroniskSignaturVerifisert"]["kode"] == ("V" if meta["bti"]["segl"]["verifisert"] else "I")
    # a log copy shares the journalpost of the form it was filed with
    assert any(len(docs) == 2 for docs in by_post.values())
    for docs in by_post.values():
        assert sorted(d["noark"]["dokumentnummer"] for d in docs) == list(range(1, len(docs) + 1))  # type: ignore[index]


def _settings_with(tmp_path: Path, noark: dict[str, object]) -> Path:
    data = yaml.safe_load((ROOT / "archive_rules.yaml").read_text(encoding="utf-8"))
    data["arkivering"]["noark"] = noark
    path = tmp_path / "archive_rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_noark_codes_are_checked_against_the_official_lists(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(_settings_with(tmp_path, {"journalposttype": "Q"}))
    assert "arkivering.noark.journalposttype" in str(err.value) and "X (Organinternt" in str(err.value)
    with pytest.raises(ConfigError, match="skjermingDokument"):
        load_settings(_settings_with(tmp_path, {"skjerming": {"skjermingDokument": "Z"}}))


def test_noark_section_has_defaults(tmp_path: Path) -> None:
    settings = load_settings(_settings_with(tmp_path, {}))
    assert settings.data.arkivering is not None
    noark = settings.data.arkivering.noark
    assert noark.skjerming.skjermingshjemmel == "offl. § 13 jf. fvl. § 13"
    assert noark.journalposttype == "X" and noark.arkivdel == "BTI"


def test_public_title_screens_each_part_of_the_name_as_a_whole_word() -> None:
    from bti_docs.archive.noark_metadata import public_title

    title = "Stafettlogg for Sol Testesen, Solsida barnehage"
    assert public_title(title, "Sol Testesen", "*****") == "Stafettlogg for *****, Solsida barnehage"
    assert public_title("Notat frå Testesen", "Sol Testesen", "*****") == "Notat frå *****"
    assert public_title(title, None, "*****") == title
