"""Every text a reader of a BTI document sees, in nynorsk (nn) and bokmål (nb).

``LABELS`` is data: a flat table of ``"group.name"`` keys, each with both languages. Enum values shown in
words use the enum's class name in lower case as the group (``konklusjon.niva1_stafettlogg``), so a new enum
member without a label fails the tests. Texts with ``{placeholders}`` are filled with ``str.format`` by
``bti_docs.text.format`` and the kinds' render-context builders; the result is plain text that the templates escape.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from bti_docs.i18n import Lang

LANGS: Final[tuple[Lang, ...]] = ("nn", "nb")


def _both(nn: str, nb: str) -> dict[Lang, str]:
    return {"nn": nn, "nb": nb}


def _same(text: str) -> dict[Lang, str]:
    return {"nn": text, "nb": text}


_DOCUMENT: dict[str, dict[Lang, str]] = {
    "doc.model": _both("Betre tverrfagleg innsats (BTI)", "Bedre tverrfaglig innsats (BTI)"),
    "doc.exempt": _both(
        "Unnateke offentlegheit, jf. offl. § 13 og fvl. § 13",
        "Unntatt offentlighet, jf. offl. § 13 og fvl. § 13",
    ),
    "doc.date": _same("Dokumentdato"),
    "doc.reference": _same("Referanse"),
    "doc.page": _same("Side"),
    "doc.of": _same("av"),
    "doc.level": _same("Nivå {level}"),
    "doc.transition": _both("Frå {source} til {target}", "Fra {source} til {target}"),
    "doc.seal": _both("Elektronisk forsegla av {by} {when}", "Elektronisk forseglet av {by} {when}"),
    "doc.seal_note": _both(
        "Dokumentet er forsegla elektronisk og har difor inga handskriven underskrift.",
        "Dokumentet er forseglet elektronisk og har derfor ingen håndskrevet underskrift.",
    ),
    "doc.time": _same("kl. {time}"),
    # The editable DOCX working copy (bti_docs.render.docx) says on every page that it is not the archive.
    "doc.working_copy_heading": _same("Redigerbar arbeidskopi"),
    "doc.working_copy_note": _both(
        "Denne DOCX-fila kan endrast og er ikkje forsegla. Arkivversjonen av dokumentet er den "
        "elektronisk forsegla PDF/A-fila.",
        "Denne DOCX-filen kan endres og er ikke forseglet. Arkivversjonen av dokumentet er den "
        "elektronisk forseglede PDF/A-filen.",
    ),
    "doc.working_copy_short": _both(
        "Arbeidskopi (DOCX), ikkje forsegla. Arkivversjonen er den forsegla PDF/A-fila.",
        "Arbeidskopi (DOCX), ikke forseglet. Arkivversjonen er den forseglede PDF/A-filen.",
    ),
    "doc.age": _same("{years} år"),
    "doc.yes": _same("Ja"),
    "doc.no": _same("Nei"),
}

_HEADINGS: dict[str, dict[Lang, str]] = {
    "heading.child": _both("Barnet (planeigar)", "Barnet (planeier)"),
    "heading.pregnancy": _same("Svangerskap"),
    "heading.child_participation": _both("Medverknad frå barnet", "Barnets medvirkning"),
    "heading.conversations": _both("Samtalar", "Samtaler"),
    "heading.wondering": _both("Kva vi undrar oss over", "Hva vi undrer oss over"),
    "heading.childs_view": _both("Barnet sitt syn", "Barnets syn"),
    "heading.guardians_view": _both("Føresette sitt syn", "Foresattes syn"),
    "heading.conclusion": _same("Konklusjon"),
    "heading.summary": _same("Oppsummering"),
    "heading.next_steps": _both("Vidare steg", "Videre steg"),
    "heading.consent_content": _both("Kva det blir gitt samtykke til", "Hva det gis samtykke til"),
    "heading.consent_givers": _both("Samtykke gitt av", "Samtykke gitt av"),
    "heading.information_shared": _both("Opplysningar som kan delast", "Opplysninger som kan deles"),
    "heading.how_given": _both("Korleis samtykket er gitt", "Hvordan samtykket er gitt"),
    "heading.withdrawal": _both("Samtykket som blir trekt tilbake", "Samtykket som trekkes tilbake"),
    "heading.deletion": _same("Sletting"),
    "heading.remark": _same("Merknad"),
    "heading.holders": _both("Stafetthaldar", "Stafettholder"),
    "heading.holders_former": _both("Tidlegare stafetthaldarar", "Tidligere stafettholdere"),
    "heading.division": _both("Ansvarsfordeling", "Ansvarsfordeling"),
    "heading.guardians": _both("Føresette", "Foresatte"),
    "heading.participants": _both("Deltakarar", "Deltakere"),
    "heading.consents": _both("Samtykke loggen byggjer på", "Samtykker loggen bygger på"),
    "heading.attention": _both("Merksemd", "Oppmerksomhet"),
    "heading.shared_understanding": _both("Felles forståing", "Felles forståelse"),
    "heading.goals": _both("Hovudmål og delmål", "Hovedmål og delmål"),
    "heading.main_goal": _both("Hovudmål", "Hovedmål"),
    "heading.measures": _both("Tiltak og evaluering", "Tiltak og evaluering"),
    "heading.meetings": _both("Samarbeidsmøte", "Samarbeidsmøter"),
    "heading.meeting": _same("Samarbeidsmøte {date}"),
    "heading.part1": _both("Del 1: Drøfting og evaluering", "Del 1: Drøfting og evaluering"),
    "heading.part2": _both("Del 2: Avgjerd om vegen vidare", "Del 2: Beslutning om veien videre"),
    "heading.transition": _same("Overgang"),
    "heading.childs_words": _both("Barnet sine eigne ord", "Barnets egne ord"),
    "heading.family_view": _both("Familien sitt syn", "Familiens syn"),
    "heading.interests": _both("Interesser og sterke sider", "Interesser og styrker"),
    "heading.goals_carried": _both("Mål som blir vidareførte", "Mål som videreføres"),
    "heading.measures_carried": _both("Tiltak som blir vidareførte", "Tiltak som videreføres"),
    "heading.baton": _both("Overlevering av stafettpinnen", "Overlevering av stafettpinnen"),
    "heading.reason": _both("Årsak til avslutting", "Årsak til avslutning"),
    "heading.assessment": _same("Vurdering"),
    "heading.coordinator": _both("Koordinator for individuell plan", "Koordinator for individuell plan"),
}

_FIELDS: dict[str, dict[Lang, str]] = {
    "field.name": _both("Namn", "Navn"),
    "field.birth_date": _same("Fødselsdato"),
    "field.national_id": _same("Fødselsnummer"),
    "field.age": _same("Alder"),
    "field.due_date": _same("Termindato"),
    "field.pregnant": _both("Den gravide", "Den gravide"),
    "field.role": _same("Rolle"),
    "field.service": _both("Teneste", "Tjeneste"),
    "field.services": _both("Tenester", "Tjenester"),
    "field.unit": _both("Eining", "Enhet"),
    "field.municipality": _same("Kommune"),
    "field.level": _same("Nivå"),
    "field.date": _same("Dato"),
    "field.type": _same("Type"),
    "field.from": _both("Frå", "Fra"),
    "field.to": _same("Til"),
    "field.since": _both("Frå", "Fra"),
    "field.accepted": _same("Akseptert"),
    "field.handed_over": _same("Overlevert"),
    "field.participants": _both("Deltakarar", "Deltakere"),
    "field.participates": _both("Deltek", "Deltar"),
    "field.valid": _same("Gyldig"),
    "field.valid_from": _both("Gyldig frå", "Gyldig fra"),
    "field.valid_to": _same("Gyldig til"),
    "field.status": _same("Status"),
    "field.consent_type": _same("Samtykketype"),
    "field.consent_reference": _both("Referanse til samtykket", "Referanse til samtykket"),
    "field.given_as": _both("Form", "Form"),
    "field.system": _same("System"),
    "field.oral_record": _both("Referat frå munnleg samtykke", "Referat fra muntlig samtykke"),
    "field.withdrawn_by": _both("Trekt tilbake av", "Trukket tilbake av"),
    "field.goal": _same("Delmål"),
    "field.goal_number": _same("Delmål {number}"),
    "field.serves_goal": _both("Gjeld delmål {number}", "Gjelder delmål {number}"),
    "field.deadline": _same("Frist"),
    "field.measure": _same("Tiltak"),
    "field.responsible": _both("Ansvarleg", "Ansvarlig"),
    "field.arena": _same("Arena"),
    "field.period": _same("Periode"),
    "field.evaluation": _same("Evaluering"),
    "field.evaluation_by": _same("{date}, {by}"),
    "field.child_present": _both("Barnet deltok", "Barnet deltok"),
    "field.next_meeting": _same("Neste møte"),
    "field.enkeltvedtak": _both("Barnet har enkeltvedtak", "Barnet har enkeltvedtak"),
    "field.from_unit": _both("Frå", "Fra"),
    "field.to_unit": _same("Til"),
    "field.outgoing_holder": _both("Avtroppande stafetthaldar", "Avtroppende stafettholder"),
    "field.new_holder": _both("Ny stafetthaldar", "Ny stafettholder"),
    "field.accepted_date": _both("Ny stafetthaldar aksepterte", "Ny stafettholder aksepterte"),
    "field.access_removed": _both(
        "Tilgangen for avtroppande tilsette blir fjerna",
        "Tilgangen for avtroppende ansatte fjernes",
    ),
    "field.covering_consent": _both("Samtykke som dekkjer overgangen", "Samtykke som dekker overgangen"),
    "field.guardian_default_role": _both("føresett", "foresatt"),
}

_TEXTS: dict[str, dict[Lang, str]] = {
    "text.withdraw_anytime": _both(
        "Samtykket kan trekkjast tilbake når som helst, utan grunngiving.",
        "Samtykket kan trekkes tilbake når som helst, uten begrunnelse.",
    ),
    "text.withdrawn": _both(
        "Samtykket er trekt tilbake. Stafettloggen blir avslutta. Det som alt er dokumentert, "
        "blir arkivert etter arkivlova.",
        "Samtykket er trukket tilbake. Stafettloggen avsluttes. Det som allerede er dokumentert, "
        "arkiveres etter arkivloven.",
    ),
    "text.deletion_demanded": _both(
        "Familien krev sletting. Kravet blir sendt til leiar og systemansvarleg for vurdering.",
        "Familien krever sletting. Kravet sendes til leder og systemansvarlig for vurdering.",
    ),
    "text.deletion_not_demanded": _both("Familien har ikkje kravd sletting.", "Familien har ikke krevd sletting."),
    "text.no_participants": _both("Ingen deltakarar frå andre tenester.", "Ingen deltakere fra andre tjenester."),
    "text.no_measures": _both("Ingen tiltak er registrerte.", "Ingen tiltak er registrert."),
    "text.no_meetings": _both("Ingen samarbeidsmøte er haldne.", "Ingen samarbeidsmøter er holdt."),
    "text.no_goals": _both("Ingen mål er registrerte.", "Ingen mål er registrert."),
    "text.period_open": _both("Frå {date}", "Fra {date}"),
    "text.period_end": _same("– {date}"),
    "text.refused_case": _both(
        "Skjemaet er merkt med mistanke om vald eller overgrep. Då skal BTI-modellen ikkje nyttast, og "
        "det blir ikkje laga noko dokument: send melding til barnevernet med ein gong.",
        "Skjemaet er merket med mistanke om vold eller overgrep. Da skal BTI-modellen ikke brukes, og "
        "det lages ikke noe dokument: send melding til barnevernet umiddelbart.",
    ),
}

_MONTHS: dict[str, dict[Lang, str]] = {
    f"month.{number}": _same(name)
    for number, name in enumerate(
        (
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ),
        start=1,
    )
}

# Enum values shown in words: group = the enum class name in lower case, name = the member's value.
_ENUMS: dict[str, dict[Lang, str]] = {
    "tjeneste.helsestasjon": _same("Helsestasjon"),
    "tjeneste.jordmor": _same("Jordmor"),
    "tjeneste.skolehelsetjeneste": _both("Skulehelsetenesta", "Skolehelsetjenesten"),
    "tjeneste.barnehage": _same("Barnehage"),
    "tjeneste.skole": _both("Skule", "Skole"),
    "tjeneste.sfo": _same("SFO"),
    "tjeneste.ppt": _same("PPT"),
    "tjeneste.barnevern": _both("Barnevernstenesta", "Barnevernstjenesten"),
    "tjeneste.bup": _same("BUP"),
    "tjeneste.nav": _same("NAV"),
    "tjeneste.innvandrertjenesten": _both("Innvandrartenesta", "Innvandrertjenesten"),
    "tjeneste.psykisk_helse": _same("Psykisk helse"),
    "tjeneste.fysioterapi": _same("Fysioterapi"),
    "tjeneste.tannhelse": _both("Tannhelsetenesta", "Tannhelsetjenesten"),
    "tjeneste.fastlege": _same("Fastlege"),
    "tjeneste.familiesenter": _same("Familiesenter"),
    "tjeneste.videregaende_skole": _both("Vidaregåande skule", "Videregående skole"),
    "tjeneste.annen": _both("Anna teneste", "Annen tjeneste"),
    "samtaletype.med_barnet": _same("Samtale med barnet"),
    "samtaletype.med_foresatte": _both("Samtale med føresette", "Samtale med foresatte"),
    "samtaletype.felles": _both("Felles samtale med barnet og føresette", "Felles samtale med barnet og foresatte"),
    "konklusjon.ingen_videre_oppfolging": _both(
        "Ingen vidare oppfølging: saka blir avslutta", "Ingen videre oppfølging: saken avsluttes"
    ),
    "konklusjon.niva1_stafettlogg": _both("Vidare til nivå 1: stafettlogg etter samtykke",
                                          "Videre til nivå 1: stafettlogg etter samtykke"),
    "konklusjon.ressursteam": _both("Saka blir drøfta i ressursteam", "Saken drøftes i ressursteam"),
    "konklusjon.melding_barnevern": _same("Melding til barnevernet"),
    "samtykketype.opprette_stafettlogg": _both(
        "Samtykke til å opprette stafettlogg", "Samtykke til å opprette stafettlogg"
    ),
    "samtykketype.samarbeid_tjenester": _both(
        "Informert samtykke til samarbeid mellom tenester",
        "Informert samtykke til samarbeid mellom tjenester",
    ),
    "samtykkerolle.foresatt": _both("Føresett", "Foresatt"),
    "samtykkerolle.verge": _both("Verje", "Verge"),
    "samtykkerolle.ungdom": _both("Ungdom (samtykkjer sjølv)", "Ungdom (samtykker selv)"),
    "samtykkerolle.gravid": _same("Gravid"),
    "avgittform.papir_signatur": _same("På papir med underskrift"),
    "avgittform.digitalt": _same("Digitalt"),
    "avgittform.muntlig_med_referat": _both("Munnleg, med referat", "Muntlig, med referat"),
    "arena.hjemme": _both("Heime", "Hjemme"),
    "arena.enhet": _both("I eininga", "I enheten"),
    "arena.barnet": _both("Barnet sjølv", "Barnet selv"),
    "status.apen": _both("Open", "Åpen"),
    "status.lukket": _both("Lukka", "Lukket"),
    "beslutning.avslutte": _both("Avslutte stafettloggen", "Avslutte stafettloggen"),
    "beslutning.fortsette_samme_tiltak": _both("Halde fram med dei same tiltaka", "Fortsette med de samme tiltakene"),
    "beslutning.andre_tiltak_egen_tjeneste": _both(
        "Setje i verk andre tiltak innan eiga teneste", "Sette i verk andre tiltak innen egen tjeneste"
    ),
    "beslutning.behov_eksterne_tjenester": _both(
        "Behov for hjelp frå andre tenester (nivå 2 eller 3, nytt samtykke)",
        "Behov for hjelp fra andre tjenester (nivå 2 eller 3, nytt samtykke)",
    ),
    "avslutningsarsak.mal_nadd": _both("Måla er nådde", "Målene er nådd"),
    "avslutningsarsak.samtykke_trukket": _both("Samtykket er trekt tilbake", "Samtykket er trukket tilbake"),
    "avslutningsarsak.individuell_plan": _both(
        "Samordninga held fram i individuell plan (IP)", "Samordningen fortsetter i individuell plan (IP)"
    ),
    "avslutningsarsak.flyttet": _both("Familien har flytta", "Familien har flyttet"),
    "avslutningsarsak.annet": _both("Anna årsak", "Annen årsak"),
    "consent_status.valid": _same("Gyldig"),
    "consent_status.expired": _both("Utgått", "Utløpt"),
    "consent_status.future": _both("Ikkje trådd i kraft", "Ikke trådt i kraft"),
}

# The evidence of a consent (issue 11 item 5): who signed when and how, and where a paper original is kept.
_CONSENT_EVIDENCE: dict[str, dict[Lang, str]] = {
    "signering.papir": _both("Underskrive på papir", "Underskrevet på papir"),
    "signering.digitalt": _same("Signert digitalt"),
    "field.signed": _same("Underskrift"),
    "field.original_kept": _both("Det underskrivne originalet er oppbevart", "Den underskrevne originalen oppbevares"),
    "text.signed_on": _same("{how} {date}"),
    "text.signed_digital": _same("{how} i {system} {date}, referanse {reference}"),
    "text.signed_oral": _both("Munnleg samtykke, sjå referatet", "Muntlig samtykke, se referatet"),
    "doc.seal_note_paper_consent": _both(
        "Samtykket er underskrive på papir. Denne PDF-fila er ein elektronisk forsegla kopi; det underskrivne "
        "originalet er oppbevart: {where}",
        "Samtykket er underskrevet på papir. Denne PDF-filen er en elektronisk forseglet kopi; den underskrevne "
        "originalen oppbevares: {where}",
    ),
    "doc.seal_note_digital_consent": _both(
        "Samtykket er signert digitalt i {system} (sjå referansane over). Dokumentet er forsegla elektronisk og "
        "har difor inga handskriven underskrift.",
        "Samtykket er signert digitalt i {system} (se referansene over). Dokumentet er forseglet elektronisk og "
        "har derfor ingen håndskrevet underskrift.",
    ),
    "doc.seal_note_oral_consent": _both(
        "Samtykket er gitt munnleg og skrive ned i referatet over. Dokumentet er forsegla elektronisk og har "
        "inga handskriven underskrift.",
        "Samtykket er gitt muntlig og skrevet ned i referatet over. Dokumentet er forseglet elektronisk og har "
        "ingen håndskrevet underskrift.",
    ),
}

LABELS: Final[dict[str, dict[Lang, str]]] = {
    **_DOCUMENT,
    **_HEADINGS,
    **_FIELDS,
    **_TEXTS,
    **_MONTHS,
    **_ENUMS,
    **_CONSENT_EVIDENCE,
}


def label(key: str, lang: Lang, table: Mapping[str, Mapping[Lang, str]] = LABELS) -> str:
    """The text for ``key`` in ``lang``; a missing key is a programming error (KeyError)."""
    return table[key][lang]


def enum_key(value: StrEnum) -> str:
    """The label key of an enum member: ``konklusjon.niva1_stafettlogg``."""
    return f"{type(value).__name__.lower()}.{value.value}"


def enum_label(value: StrEnum, lang: Lang) -> str:
    return label(enum_key(value), lang)


def labels_for(lang: Lang, table: Mapping[str, Mapping[Lang, str]] = LABELS) -> dict[str, dict[str, str]]:
    """All labels in one language, nested by group, for templates: ``t.heading.attention``."""
    nested: dict[str, dict[str, str]] = {}
    for key, texts in table.items():
        group, _, name = key.partition(".")
        nested.setdefault(group, {})[name] = texts[lang]
    return nested
