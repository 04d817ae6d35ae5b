"""JSON Schemas for the BTI forms, generated from the kinds' pydantic models (``bti_docs.kinds``).

The schemas are committed under ``forms/schema/`` so that editors (yaml-language-server) can complete and
check the YAML forms offline. They are generated, never edited by hand; regenerate them with::

    python -m bti_docs.forms.schema forms/schema

Titles and descriptions that staff see in their editor are Norwegian (bokmål); the models' own English
docstrings are replaced where a Norwegian text exists. Output is deterministic: sorted keys, two-space indent,
trailing newline.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bti_docs.config import SettingsFile
from bti_docs.fields import Skjema
from bti_docs.kinds import KINDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:bti-docs:skjema:"
REGENERATE_COMMAND = "python -m bti_docs.forms.schema forms/schema"

# Norwegian descriptions of the models and enums in ``$defs``.
_DEF_TEXT: dict[str, str] = {
    "Arena": "Hvor tiltaket skjer: hjemme, i enheten (barnehage/skole/helsestasjon) eller hos barnet selv.",
    "AvgittForm": "Hvordan samtykket ble gitt: papir_signatur, digitalt eller muntlig_med_referat.",
    "Avslutningsarsak": "Årsak til avslutning: mal_nadd, samtykke_trukket, individuell_plan, flyttet eller annet.",
    "Barn": "Barnet: planeier. Bruk bare syntetiske fødselsnummer i testdata.",
    "Beslutning": (
        "Del 2 av møtet, avgjørelse om veien videre: avslutte, fortsette_samme_tiltak, "
        "andre_tiltak_egen_tjeneste eller behov_eksterne_tjenester (nytt nivå krever nytt samtykke)."
    ),
    "Deltaker": "En fagperson som deltar i loggen og har ansvar for tiltak. Høyst én deltaker per tjenestested.",
    "Evaluering": "En evaluering (kommentar) av tiltaket: hva fungerte, hva fungerte ikke, og hvorfor.",
    "Foresatt": "En forelder eller foresatt.",
    "Gravid": "Den gravide.",
    "Konklusjon": (
        "Konklusjon etter undringssamtalen: ingen_videre_oppfolging, niva1_stafettlogg, ressursteam "
        "eller melding_barnevern."
    ),
    "Mal": "Et mål: ønsket framtidig tilstand, skrevet i presens. SMARTE: spesifikt, målbart, akseptert, "
    "realistisk, tidfestet, enkelt.",
    "Malform": "Målform: nn (nynorsk) eller nb (bokmål).",
    "Mote": "Et samarbeidsmøte (stafettloggmøte): del 1 drøfting og evaluering, del 2 avgjørelse.",
    "Periode": "Periode med fra-dato og eventuelt til-dato (ÅÅÅÅ-MM-DD).",
    "Person": "En ansatt eller annen voksen som nevnes i dokumentet.",
    "Plassering": "Hvor barnet er: enhet, tjeneste og BTI-nivå.",
    "Samtale": "En undringssamtale: med barnet, med de foresatte, eller felles.",
    "Samtaletype": "Type samtale: med_barnet, med_foresatte eller felles.",
    "SamtykkeGrunnlag": "Et samtykke som loggen bygger på, slik det står i samtykkeskjemaet.",
    "Samtykkegiver": "Den som gir eller trekker samtykket.",
    "Underskriver": "Den som gir samtykket, med når og hvordan vedkommende skrev under.",
    "Signering": "Hvordan personen skrev under: papir eller digitalt.",
    "Samtykkerolle": "Rollen til den som samtykker: foresatt, verge, ungdom (fra 15 år) eller gravid.",
    "Samtykketype": "Type samtykke: opprette_stafettlogg eller samarbeid_tjenester.",
    "Stafettholder": (
        "Stafettholder: den som samordner innsatsen. Normalt én; to bare med skriftlig ansvarsfordeling. "
        "Det skal aldri være et tidspunkt uten stafettholder."
    ),
    "Status": "Status for tiltaket: apen eller lukket.",
    "Svangerskap": "Et svangerskap: det ufødte barnet har ikke fødselsnummer ennå.",
    "Tiltak": "Et tiltak (aktivitet): kort og konkret, med ansvarlig, arena og periode.",
    "Tjeneste": "Tjeneste. Samtykke gis til tjenester, ikke til navngitte ansatte.",
}

# Descriptions of properties by name; ``_FIELD_TEXT_IN`` overrides them for one model.
_FIELD_TEXT: dict[str, str] = {
    "akseptert_dato": "Dagen ny stafettholder mottok og aksepterte stafettpinnen (ÅÅÅÅ-MM-DD).",
    "ansvarlig": "Navnet på den som har ansvar for tiltaket.",
    "ansvarsfordeling": "Skriftlig fordeling av hvem som gjør hva. Påkrevd når loggen har to stafettholdere.",
    "arena": "Hvor tiltaket skjer: hjemme, enhet eller barnet.",
    "arsak": "Årsak: mal_nadd, samtykke_trukket, individuell_plan, flyttet eller annet.",
    "arsak_beskrivelse": "Beskrivelse av årsaken. Påkrevd når årsaken er «annet».",
    "av": "Hvem som skrev evalueringen (valgfritt).",
    "avgitt_form": "Hvordan samtykket ble gitt: papir_signatur, digitalt eller muntlig_med_referat.",
    "avtroppende_stafettholder": "Stafettholderen som gir fra seg stafettpinnen.",
    "barn": "Barnet saken gjelder. Fyll ut enten «barn» eller «svangerskap», ikke begge.",
    "barnet_deltok": "Om barnet var med på møtet (true/false).",
    "barnets_medvirkning": (
        "Hvordan barnets syn er hentet inn, og hvem som informerer barnet og hvordan. "
        "Fra 7 år deltar barnet som hovedregel i møtene."
    ),
    "barnets_ord": "Barnets egne ord om overgangen (valgfritt).",
    "barnets_syn": "Hva barnet selv fortalte (valgfritt).",
    "beskrivelse": "Kort og konkret beskrivelse.",
    "beslutning_tekst": "Utdyping av avgjørelsen (valgfritt).",
    "dato": "Dato (ÅÅÅÅ-MM-DD).",
    "del1_evaluering": "Del 1: drøfting og evaluering av tiltakene. Ta med barnets stemme.",
    "del2_beslutning": (
        "Del 2: avslutte, fortsette_samme_tiltak, andre_tiltak_egen_tjeneste eller behov_eksterne_tjenester."
    ),
    "delmal": "Delmål som sikrer at hovedmålet nås. Gi hvert delmål en id og en frist.",
    "deltakere": "Deltakerne.",
    "deltar": "Om den foresatte deltar i samarbeidet (true/false).",
    "enhet": "Enheten (tjenestestedet).",
    "enkeltvedtak": "Om barnet har enkeltvedtak (gir årlig arkivering). true/false.",
    "etternavn": "Etternavn.",
    "evalueringer": "Evalueringer av tiltaket, med dato.",
    "familiens_syn": "Familiens syn på overgangen og på det som er viktig videre.",
    "felles_forstaelse": "Felles forståelse: hva vi har fokus på. Bruk verb framfor adjektiv (valgfritt).",
    "fodselsdato": "Fødselsdato (ÅÅÅÅ-MM-DD).",
    "fodselsnummer": "Fødselsnummer, 11 siffer (valgfritt). Bruk bare syntetiske numre i testdata.",
    "foresatte": "Foreldre/foresatte.",
    "foresattes_syn": "Hva de foresatte fortalte (valgfritt).",
    "fornavn": "Fornavn.",
    "fra": "Fra.",
    "fra_dato": "Fra dato (ÅÅÅÅ-MM-DD).",
    "frist": "Frist for målet (ÅÅÅÅ-MM-DD): SMARTE mål er tidfestet.",
    "gitt_av": "Hvem som gir samtykket: de foresatte, eller ungdommen selv fra 15 år, eller den gravide.",
    "gravid": "Den gravide.",
    "gyldig_fra": "Samtykket gjelder fra denne datoen (ÅÅÅÅ-MM-DD).",
    "gyldig_til": "Samtykket gjelder til og med denne datoen. Fornyes minst hvert annet år.",
    "hovedmal": "Hovedmål: ønsket framtidig tilstand, spesifikt og målbart, skrevet i presens.",
    "id": "Kort id for målet (små bokstaver, tall og bindestrek), som tiltak kan vise til.",
    "interesser_og_styrker": "Barnets interesser og styrker.",
    "kommune": "Kommunen, ved overgang til en annen kommune (valgfritt).",
    "konklusjon": "Konklusjon.",
    "koordinator": "Koordinator for individuell plan. Påkrevd når årsaken er «individuell_plan».",
    "krav_om_sletting": (
        "Om familien krever sletting (true/false). Kravet går til leder og systemeier, ikke stille sletting."
    ),
    "malform": "Målform for dokumentet: nn eller nb. Utelates: kommunens målform brukes.",
    "merknad": "Merknad (valgfritt). Det kreves ingen begrunnelse for å trekke samtykke.",
    "mistanke_vold_overgrep": (
        "Mistanke om vold, seksuelle overgrep eller alvorlig omsorgssvikt. Da brukes ikke BTI: meld til "
        "barnevernet straks. Standard: false."
    ),
    "moter": "Samarbeidsmøter (stafettloggmøter).",
    "navn": "Fullt navn.",
    "neste_mote": "Dato for neste møte (valgfritt).",
    "neste_steg": "Avtalte neste steg (valgfritt).",
    "niva": "BTI-nivå.",
    "ny_stafettholder": "Den nye stafettholderen.",
    "opplysninger_som_kan_deles": "Hvilke opplysninger som kan deles med tjenestene samtykket gjelder.",
    "oppmerksomhet": "Oppmerksomhet: bakgrunn, hva vi ser, undringer og bekymringer.",
    "oppsummering": "Oppsummeringsnotat. Påkrevd når saken avsluttes uten videre oppfølging.",
    "periode": "Perioden tiltaket varer.",
    "referat": "Referat av et muntlig samtykke. Påkrevd når avgitt_form er muntlig_med_referat.",
    "rolle": "Rolle (for eksempel pedagogisk leder, kontaktlærer, helsesykepleier).",
    "sak": (
        "Saksnøkkel: en nøytral kode som FV-2026-0007 (bokstaver, tall, bindestrek). "
        "Aldri navn eller fødselsnummer: nøkkelen navngir mapper i arkivet."
    ),
    "samtaler": "Samtalene som ble holdt: med barnet og med de foresatte hver for seg.",
    "samtykke_id": "Samtykkets id (små bokstaver, tall og bindestrek), for eksempel opprette-2025-02.",
    "samtykker": "Samtykkene loggen bygger på. Minst ett samtykke til å opprette stafettlogg.",
    "skjema": "Skjematypen. Skal ikke endres.",
    "stafettholdere": "Stafettholdere, også tidligere (med til_dato). Normalt én gjeldende.",
    "status": "Status: apen eller lukket. Standard: apen.",
    "svangerskap": "Svangerskapet saken gjelder. Fyll ut enten «barn» eller «svangerskap», ikke begge.",
    "system": "Systemet et digitalt samtykke ble gitt i. Påkrevd når avgitt_form er digitalt.",
    "tekst": "Evalueringen: hva fungerte, hva fungerte ikke, og hvorfor.",
    "termindato": "Termindato (ÅÅÅÅ-MM-DD).",
    "til": "Til.",
    "til_dato": "Dagen stafettholderen ga stafettpinnen videre. Tom for gjeldende stafettholder.",
    "tilgang_fjernes_dato": "Dagen avtroppende ansattes tilgang til loggen fjernes (valgfritt).",
    "tiltak": "Tiltak (aktiviteter), både i hjemmet og i enheten; gjerne også tiltak barnet har ansvar for.",
    "tjeneste": "Tjenesten personen tilhører.",
    "tjenester": "Tjenestene samtykket gjelder.",
    "trukket_av": "Hvem som trekker samtykket.",
    "type": "Type.",
    "undring": "Undringen eller bekymringen: hva ble sett og hørt.",
    "videreforte_mal": "Mål som videreføres etter overgangen.",
    "videreforte_tiltak": "Tiltak som videreføres etter overgangen.",
    "vurdering": "Vurdering av innsatsen og av barnets situasjon nå.",
}

_FIELD_TEXT_IN: dict[tuple[str, str], str] = {
    ("Avslutning", "konklusjon"): "Konklusjon: hva skjer videre for barnet.",
    ("Deltaker", "tjeneste"): "Tjenesten deltakeren kommer fra. Tjenesten må være dekket av et samtykke.",
    ("Deltaker", "fra_dato"): "Dagen deltakeren kom inn i loggen (valgfritt).",
    ("Evaluering", "dato"): "Datoen for evalueringen (ÅÅÅÅ-MM-DD).",
    ("Foresatt", "rolle"): "Rolle, for eksempel mor, far eller foresatt. Standard: foresatt.",
    ("Mal", "beskrivelse"): "Målet, i presens: hvordan det er når målet er nådd.",
    ("Mote", "dato"): "Møtedato (ÅÅÅÅ-MM-DD). Bare møter som er holdt.",
    ("Mote", "deltakere"): "Navnene på dem som deltok i møtet.",
    ("Overgangsskjema", "akseptert_dato"): "Dagen ny stafettholder mottok og aksepterte stafettpinnen.",
    ("Overgangsskjema", "fra"): "Hvor barnet kommer fra.",
    ("Overgangsskjema", "samtykke_id"): "Id-en til samtykket som dekker overgangen og den nye enheten.",
    ("Overgangsskjema", "til"): "Hvor barnet skal.",
    ("Periode", "fra"): "Fra dato (ÅÅÅÅ-MM-DD).",
    ("Periode", "til"): "Til dato (ÅÅÅÅ-MM-DD), valgfritt.",
    ("Plassering", "enhet"): "Enheten (id fra kommunens innstillinger, eller navnet ved annen kommune).",
    ("Plassering", "niva"): "BTI-nivå: 0, 1, 2 eller 3.",
    ("Plassering", "tjeneste"): "Tjenesten.",
    ("ReferatUndringssamtale", "konklusjon"): (
        "Konklusjon: ingen_videre_oppfolging, niva1_stafettlogg, ressursteam eller melding_barnevern."
    ),
    ("Samtale", "dato"): "Datoen samtalen ble holdt (ÅÅÅÅ-MM-DD).",
    ("Samtale", "deltakere"): "Hvem som deltok i samtalen.",
    ("Samtale", "type"): "med_barnet, med_foresatte eller felles.",
    ("Samtykke", "type"): "opprette_stafettlogg eller samarbeid_tjenester.",
    ("SamtykkeGrunnlag", "type"): "opprette_stafettlogg eller samarbeid_tjenester.",
    ("Samtykkegiver", "rolle"): "foresatt, verge, ungdom (fra 15 år) eller gravid.",
    ("Underskriver", "rolle"): "foresatt, verge, ungdom (fra 15 år) eller gravid.",
    ("Underskriver", "signert"): "papir eller digitalt; tomt: som avgitt_form sier.",
    ("Underskriver", "signert_dato"): "Datoen personen skrev under (ÅÅÅÅ-MM-DD). Påkrevd ved skriftlig samtykke.",
    ("Underskriver", "referanse"): "Referansen til signeringen i det digitale systemet. Påkrevd ved digital "
    "signering.",
    ("Samtykke", "original_oppbevart"): "Hvor den underskrevne originalen på papir oppbevares. Påkrevd ved "
    "underskrift på papir.",
    ("Stafettholder", "enhet"): "Enheten stafettholderen arbeider i.",
    ("Stafettholder", "fra_dato"): "Dagen stafettholderen fikk ansvaret (ÅÅÅÅ-MM-DD).",
    ("Stafettlogg", "deltakere"): "Fagpersoner som deltar. Høyst én per tjenestested; tjenesten må ha samtykke.",
    ("Stafettlogg", "niva"): "BTI-nivå: 1, 2 eller 3. Nivå 2 og 3 krever samtykke til samarbeid.",
    ("Tiltak", "delmal"): "Id-en til delmålet tiltaket skal bidra til (valgfritt).",
    ("Tiltak", "beskrivelse"): "Kort og konkret: hva skal gjøres.",
}

# The header's ``enhet`` is a unit id in every form, not a free name.
_HEADER_ENHET = "Enhetens id i kommunens innstillinger (archive_rules.yaml), f.eks. solsida-barnehage."
_HEADER_DATO = "Dokumentets dato (ÅÅÅÅ-MM-DD)."


def _describe_properties(model_name: str, node: dict[str, Any], *, root: bool) -> None:
    properties: dict[str, Any] = node.get("properties", {})
    for name, prop in properties.items():
        text = _FIELD_TEXT_IN.get((model_name, name))
        if text is None and root and name == "enhet":
            text = _HEADER_ENHET
        if text is None and root and name == "dato":
            text = _HEADER_DATO
        if text is None:
            text = _FIELD_TEXT.get(name)
        if text is not None:
            prop["description"] = text


def _schema_for(kind: Skjema) -> dict[str, Any]:
    model = KINDS[kind].model
    schema: dict[str, Any] = model.model_json_schema()
    title, description = KINDS[kind].schema_title, KINDS[kind].schema_description
    schema["$schema"] = SCHEMA_DIALECT
    schema["$id"] = f"{ID_PREFIX}{kind.value}"
    schema["title"] = title
    schema["description"] = description
    schema["properties"]["skjema"] = {
        "const": kind.value,
        "description": f"Skjematypen: alltid «{kind.value}».",
        "title": "Skjema",
        "type": "string",
    }
    _describe_properties(model.__name__, schema, root=True)
    for def_name, definition in schema.get("$defs", {}).items():
        if def_name in _DEF_TEXT:
            definition["description"] = _DEF_TEXT[def_name]
        _describe_properties(def_name, definition, root=False)
    return schema


def json_schemas() -> dict[str, dict[str, Any]]:
    """Every form kind's JSON Schema, keyed by the kind (the value of ``skjema``)."""
    return {kind.value: _schema_for(kind) for kind in sorted(KINDS, key=lambda k: k.value)}


def schema_filename(kind: str) -> str:
    return f"{kind}.schema.json"


def render_schema(schema: dict[str, Any]) -> str:
    """The committed text of a schema: sorted keys, two-space indent, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


SETTINGS_SCHEMA = "archive_rules"


def settings_schema() -> dict[str, Any]:
    """The schema of ``archive_rules.yaml`` (municipality settings and archive rules), for editors."""
    schema = SettingsFile.model_json_schema()
    schema.update({
        "$schema": SCHEMA_DIALECT,
        "$id": "urn:bti-docs:innstillinger",
        "title": "Innstillinger og arkivregler for bti-docs (archive_rules.yaml)",
        "description": "Kommunens innstillinger (kommune) og reglene for arkivering (arkivering).",
    })
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema committed under forms/schema: the form kinds and the settings file."""
    return {**json_schemas(), SETTINGS_SCHEMA: settings_schema()}


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema to ``directory/<name>.schema.json``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind, schema in all_schemas().items():
        path = directory / schema_filename(kind)
        path.write_text(render_schema(schema), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1:
        print("usage: python -m bti_docs.forms.schema [DIRECTORY]", file=sys.stderr)
        return 2
    directory = Path(args[0]) if args else Path("forms/schema")
    for path in write_schemas(directory):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
