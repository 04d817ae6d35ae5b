"""Every text the web app shows, in nynorsk (nn) and bokmål (nb).

Field labels come from the document labels (``bti_docs.render.labels``) where a text exists there, so the form
and the finished document use the same words; the rest is here. ``FIELD_LABELS`` is keyed by field name, with
``Model.field`` keys where one name means different things in different models. A test walks every field of
every kind and every key here in both målformer.
"""

from __future__ import annotations

from typing import Final

from bti_docs.i18n import Lang
from bti_docs.render.labels import LABELS


def _both(nn: str, nb: str) -> dict[Lang, str]:
    return {"nn": nn, "nb": nb}


def _same(text: str) -> dict[Lang, str]:
    return {"nn": text, "nb": text}


def _doc(key: str) -> dict[Lang, str]:
    return dict(LABELS[key])


FIELD_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "sak": _both("Saksnøkkel (aldri namn eller fødselsnummer)", "Saksnøkkel (aldri navn eller fødselsnummer)"),
    "enhet": _doc("field.unit"),
    "dato": _doc("field.date"),
    "Root.dato": _doc("doc.date"),
    "malform": _both("Målform i dokumentet", "Målform i dokumentet"),
    "mistanke_vold_overgrep": _both(
        "Er det mistanke om vald, seksuelle overgrep eller alvorleg omsorgssvikt?",
        "Er det mistanke om vold, seksuelle overgrep eller alvorlig omsorgssvikt?",
    ),
    "barn": _doc("heading.child"),
    "svangerskap": _doc("heading.pregnancy"),
    "gravid": _doc("field.pregnant"),
    "fornavn": _both("Førenamn", "Fornavn"),
    "etternavn": _both("Etternamn", "Etternavn"),
    "fodselsdato": _doc("field.birth_date"),
    "fodselsnummer": _doc("field.national_id"),
    "termindato": _doc("field.due_date"),
    "barnets_medvirkning": _doc("heading.child_participation"),
    "navn": _doc("field.name"),
    "rolle": _doc("field.role"),
    "tjeneste": _doc("field.service"),
    "tjenester": _doc("field.services"),
    "Person.enhet": _doc("field.unit"),
    "samtaler": _doc("heading.conversations"),
    "Samtale.type": _both("Type samtale", "Type samtale"),
    "deltakere": _doc("field.participants"),
    "undring": _doc("heading.wondering"),
    "barnets_syn": _doc("heading.childs_view"),
    "foresattes_syn": _doc("heading.guardians_view"),
    "konklusjon": _doc("heading.conclusion"),
    "oppsummering": _doc("heading.summary"),
    "neste_steg": _doc("heading.next_steps"),
    "samtykke_id": _both("Id for samtykket (t.d. opprette-2025-02)", "Id for samtykket (f.eks. opprette-2025-02)"),
    "type": _doc("field.consent_type"),
    "gyldig_fra": _doc("field.valid_from"),
    "gyldig_til": _doc("field.valid_to"),
    "gitt_av": _doc("heading.consent_givers"),
    "opplysninger_som_kan_deles": _doc("heading.information_shared"),
    "avgitt_form": _doc("heading.how_given"),
    "system": _both("System samtykket vart gitt i", "System samtykket ble gitt i"),
    "referat": _doc("field.oral_record"),
    "signert": _both("Korleis personen skreiv under", "Hvordan personen skrev under"),
    "signert_dato": _both("Dato personen skreiv under", "Dato personen skrev under"),
    "referanse": _both("Referanse i signeringssystemet", "Referanse i signeringssystemet"),
    "original_oppbevart": _doc("field.original_kept"),
    "trukket_av": _doc("field.withdrawn_by"),
    "krav_om_sletting": _both("Familien krev sletting", "Familien krever sletting"),
    "merknad": _doc("heading.remark"),
    "niva": _doc("field.level"),
    "stafettholdere": _doc("heading.holders"),
    "fra_dato": _doc("field.since"),
    "akseptert_dato": _doc("field.accepted"),
    "til_dato": _doc("field.handed_over"),
    "ansvarsfordeling": _doc("heading.division"),
    "foresatte": _doc("heading.guardians"),
    "deltar": _doc("field.participates"),
    "oppmerksomhet": _doc("heading.attention"),
    "felles_forstaelse": _doc("heading.shared_understanding"),
    "hovedmal": _doc("heading.main_goal"),
    "Stafettlogg.delmal": _both("Delmål", "Delmål"),
    "Tiltak.delmal": _both("Gjeld delmål (id)", "Gjelder delmål (id)"),
    "id": _both("Id (til bruk i tiltak, t.d. lese-1)", "Id (til bruk i tiltak, f.eks. lese-1)"),
    "beskrivelse": _both("Skildring", "Beskrivelse"),
    "frist": _doc("field.deadline"),
    "tiltak": _doc("heading.measures"),
    "ansvarlig": _doc("field.responsible"),
    "arena": _doc("field.arena"),
    "periode": _doc("field.period"),
    "fra": _doc("field.from"),
    "til": _doc("field.to"),
    "Overgangsskjema.fra": _doc("field.from_unit"),
    "Overgangsskjema.til": _doc("field.to_unit"),
    "status": _doc("field.status"),
    "evalueringer": _doc("field.evaluation"),
    "tekst": _both("Tekst", "Tekst"),
    "av": _both("Av", "Av"),
    "moter": _doc("heading.meetings"),
    "barnet_deltok": _doc("field.child_present"),
    "del1_evaluering": _doc("heading.part1"),
    "del2_beslutning": _doc("heading.part2"),
    "beslutning_tekst": _both("Grunngiving for avgjerda", "Begrunnelse for beslutningen"),
    "neste_mote": _doc("field.next_meeting"),
    "samtykker": _doc("heading.consents"),
    "enkeltvedtak": _doc("field.enkeltvedtak"),
    "kommune": _doc("field.municipality"),
    "barnets_ord": _doc("heading.childs_words"),
    "familiens_syn": _doc("heading.family_view"),
    "videreforte_mal": _doc("heading.goals_carried"),
    "videreforte_tiltak": _doc("heading.measures_carried"),
    "interesser_og_styrker": _doc("heading.interests"),
    "avtroppende_stafettholder": _doc("field.outgoing_holder"),
    "ny_stafettholder": _doc("field.new_holder"),
    "Overgangsskjema.akseptert_dato": _doc("field.accepted_date"),
    "tilgang_fjernes_dato": _doc("field.access_removed"),
    "Overgangsskjema.samtykke_id": _doc("field.covering_consent"),
    "arsak": _doc("heading.reason"),
    "arsak_beskrivelse": _both("Skildring av årsaka", "Beskrivelse av årsaken"),
    "vurdering": _doc("heading.assessment"),
    "koordinator": _doc("heading.coordinator"),
}

HELP: Final[dict[str, dict[Lang, str]]] = {
    "sak": _both("Bokstavar, tal og bindestrek, t.d. FV-2026-0007. Same nøkkel for alle dokument i saka.",
                 "Bokstaver, tall og bindestrek, f.eks. FV-2026-0007. Samme nøkkel for alle dokumenter i saken."),
    "fodselsnummer": _both("11 siffer. Kan stå tomt.", "11 siffer. Kan stå tomt."),
    "barnets_medvirkning": _both("Korleis barnet sitt syn er henta inn, og kven som informerer barnet.",
                                 "Hvordan barnets syn er hentet inn, og hvem som informerer barnet."),
    "ansvarsfordeling": _both("Skal fyllast ut når det er to stafetthaldarar.",
                              "Skal fylles ut når det er to stafettholdere."),
    "Tiltak.delmal": _both("Id-en til delmålet tiltaket høyrer til.", "Id-en til delmålet tiltaket hører til."),
    "frist": _both("SMART: tidfesta.", "SMART: tidfestet."),
    # consent: who gives it, written or oral, the evidence, where the original is kept
    "tjenester": _both("Samtykke blir gitt til tenester, ikkje til personar.",
                       "Samtykke gis til tjenester, ikke til personer."),
    "Samtykke.gitt_av": _both("Dei føresette samtykkjer; frå 15 år (eller den alderen kommunen har sett) ungdommen "
                              "sjølv.", "De foresatte samtykker; fra 15 år (eller den alderen kommunen har satt) "
                              "ungdommen selv."),
    "Underskriver.signert": _both("Tomt: som «avgitt_form» seier.", "Tomt: som «avgitt_form» sier."),
    "Underskriver.signert_dato": _both("Påkravd når samtykket er skriftleg.", "Påkrevd når samtykket er skriftlig."),
    "Underskriver.referanse": _both("Påkravd ved digital signering.", "Påkrevd ved digital signering."),
    "Samtykke.avgitt_form": _both(
        "Samtykke til å opprette stafettlogg skal vere skriftleg; munnleg berre der kommunen tillèt det.",
        "Samtykke til å opprette stafettlogg skal være skriftlig; muntlig bare der kommunen tillater det."),
    "Samtykke.system": _both("Påkravd når samtykket er gitt digitalt.", "Påkrevd når samtykket er gitt digitalt."),
    "Samtykke.referat": _both("Påkravd når samtykket er gitt munnleg.", "Påkrevd når samtykket er gitt muntlig."),
    "Samtykke.original_oppbevart": _both("Påkravd når nokon skreiv under på papir.",
                                         "Påkrevd når noen skrev under på papir."),
    # the log and the transition: holders and the consents the services rest on
    "Stafettholder.til_dato": _both(
        "Tomt for den noverande stafetthaldaren. Same dag som den nye tok imot: aldri ein dag utan stafetthaldar.",
        "Tomt for nåværende stafettholder. Samme dag som den nye tok imot: aldri en dag uten stafettholder."),
    "Deltaker.tjeneste": _both("Tenesta må vere dekt av eit gyldig samtykke.",
                               "Tjenesten må være dekket av et gyldig samtykke."),
    "Stafettlogg.enkeltvedtak": _both("Då blir loggen arkivert kvart år.", "Da arkiveres loggen hvert år."),
    "Overgangsskjema.samtykke_id": _both("Samtykket som dekkjer overgangen og den nye eininga.",
                                         "Samtykket som dekker overgangen og den nye enheten."),
    "Overgangsskjema.akseptert_dato": _both(
        "Den avtroppande slepp ikkje stafettpinnen før den nye har teke imot han.",
        "Den avtroppende slipper ikke stafettpinnen før den nye har tatt imot den."),
    # withdrawal, closure, level 0
    "krav_om_sletting": _both("Kravet går til leiar og systemeigar; ingenting blir sletta i det stille.",
                              "Kravet går til leder og systemeier; ingenting slettes i det stille."),
    "TilbaketrekkingSamtykke.merknad": _both("Det trengst inga grunngjeving.", "Det kreves ingen begrunnelse."),
    "Avslutning.arsak_beskrivelse": _both("Påkravd når årsaka er «annet».", "Påkrevd når årsaken er «annet»."),
    "Avslutning.koordinator": _both("Påkravd når årsaka er «individuell_plan»; elles tomt.",
                                    "Påkrevd når årsaken er «individuell_plan»; ellers tomt."),
    "ReferatUndringssamtale.oppsummering": _both("Påkravd når konklusjonen er «ingen_videre_oppfolging».",
                                                 "Påkrevd når konklusjonen er «ingen_videre_oppfolging»."),
}

UI: Final[dict[str, dict[Lang, str]]] = {
    "app.title": _both("BTI-dokument", "BTI-dokumenter"),
    "app.skip": _both("Gå til hovudinnhaldet", "Gå til hovedinnholdet"),
    "home.heading": _both("Mine utkast og innsendingar", "Mine utkast og innsendinger"),
    "home.new": _both("Nytt dokument", "Nytt dokument"),
    "home.kind": _both("Kva slags dokument?", "Hva slags dokument?"),
    "home.unit": _both("Eining", "Enhet"),
    "home.start": _both("Start", "Start"),
    "home.drafts": _both("Utkast", "Utkast"),
    "home.no_drafts": _both("Du har ingen utkast.", "Du har ingen utkast."),
    "home.submissions": _both("Innsendingar", "Innsendinger"),
    "home.no_submissions": _both("Ingen innsendingar enno.", "Ingen innsendinger ennå."),
    "home.upload": _both("Last opp YAML-fil som utkast", "Last opp YAML-fil som utkast"),
    "home.upload_file": _both("YAML-fil", "YAML-fil"),
    "home.upload_button": _both("Last opp", "Last opp"),
    "home.no_units": _both("Du har ikkje tilgang til noka eining. Kontakt systemansvarleg.",
                           "Du har ikke tilgang til noen enhet. Kontakt systemansvarlig."),
    "home.saved": _both("Sist lagra", "Sist lagret"),
    "home.open": _both("Opne", "Åpne"),
    "home.delete": _both("Slett", "Slett"),
    "home.sent": _both("Sendt", "Sendt"),
    "home.due": _both("Frister i eininga", "Frister i enheten"),
    "home.due_none": _both("Ingenting forfalle eller på veg.", "Ingenting forfalt eller på vei."),
    "home.due_what": _both("Kva", "Hva"),
    "home.due_case": _both("Sak", "Sak"),
    "home.due_deadline": _both("Frist", "Frist"),
    "home.due_status": _both("Status", "Status"),
    "home.due_note": _both("Merknad", "Merknad"),
    "gate.heading": _both("Før du byrjar", "Før du begynner"),
    "gate.yes": _same("Ja"),
    "gate.no": _same("Nei"),
    "gate.next": _both("Gå vidare", "Gå videre"),
    "refused.heading": _both("Meld til barnevernet no", "Meld til barnevernet nå"),
    "refused.text": _both(
        "Ved mistanke om vald, seksuelle overgrep eller alvorleg omsorgssvikt skal BTI-modellen ikkje nyttast. "
        "Send melding til barnevernet med ein gong, og snakk med leiaren din. Det blir ikkje laga noko dokument "
        "her. Ved fare for liv eller helse: ring politiet på 112.",
        "Ved mistanke om vold, seksuelle overgrep eller alvorlig omsorgssvikt skal BTI-modellen ikke brukes. "
        "Send melding til barnevernet umiddelbart, og snakk med lederen din. Det lages ikke noe dokument her. "
        "Ved fare for liv eller helse: ring politiet på 112.",
    ),
    "refused.back": _both("Tilbake til oversikta", "Tilbake til oversikten"),
    "form.subject": _both("Gjeld dokumentet eit barn eller eit svangerskap?",
                          "Gjelder dokumentet et barn eller et svangerskap?"),
    "form.subject_child": _both("Eit barn", "Et barn"),
    "form.subject_pregnancy": _both("Eit svangerskap", "Et svangerskap"),
    "form.choose": _both("Vel …", "Velg …"),
    "form.default_malform": _both("Kommunen si målform", "Kommunens målform"),
    "form.add": _both("Legg til", "Legg til"),
    "form.remove": _both("Fjern", "Fjern"),
    "form.number": _both("nr.", "nr."),
    "form.save": _both("Lagre utkast", "Lagre utkast"),
    "form.saved": _both("Utkastet er lagra.", "Utkastet er lagret."),
    "form.preview_html": _both("Førehandsvis", "Forhåndsvis"),
    "form.preview_pdf": _both("Utkast som PDF", "Utkast som PDF"),
    "form.download": _both("Last ned YAML", "Last ned YAML"),
    "form.submit": _both("Send til arkivering", "Send til arkivering"),
    "form.required": _both("må fyllast ut", "må fylles ut"),
    "form.optional": _both("valfritt", "valgfritt"),
    "form.errors_heading": _both("Rett dette før du sender:", "Rett dette før du sender:"),
    "form.advice_heading": _both("Råd (hindrar ikkje innsending):", "Råd (hindrer ikke innsending):"),
    "form.error_count": _same("{n} feil i skjemaet."),
    "form.no_problems": _both("Ingen feil funne.", "Ingen feil funnet."),
    "form.live_status": _both("Kontroll", "Kontroll"),
    "form.whole_form": _both("Heile skjemaet", "Hele skjemaet"),
    "form.unit_not_allowed": _both("Du har ikkje tilgang til denne eininga.", "Du har ikke tilgang til denne enheten."),
    "form.back": _both("Tilbake til oversikta", "Tilbake til oversikten"),
    "status.heading": _both("Status for innsendinga", "Status for innsendingen"),
    "status.waiting": _both("Ventar på arkivering …", "Venter på arkivering …"),
    "status.filed": _both("Arkivert", "Arkivert"),
    "status.rejected": _both("Avvist", "Avvist"),
    "status.where": _both("Arkivert som", "Arkivert som"),
    "status.journal": _both("Journal-hash (kvittering)", "Journal-hash (kvittering)"),
    "status.report": _both("Rapport frå arkiveringa", "Rapport fra arkiveringen"),
    "status.filed_no_receipt": _both("Kvitteringa frå arkiveringa er ikkje klar enno.",
                                     "Kvitteringen fra arkiveringen er ikke klar ennå."),
    "status.duplicate": _both("Det same skjemaet var arkivert frå før.", "Det samme skjemaet var arkivert fra før."),
    "status.nothing_to_file": _both("Motteke. Arkivreglane arkiverer ikkje noko for denne hendinga.",
                                    "Mottatt. Arkivreglene arkiverer ikke noe for denne hendelsen."),
    "upload.unknown_fields": _both(
        "Fila har felt som skjemaet ikkje kjenner: {fields}. Dei blir borte når du lagrar eller sender. Rett dei "
        "i fila og last ho opp på nytt om dei skal vere med.",
        "Filen har felt som skjemaet ikke kjenner: {fields}. De forsvinner når du lagrer eller sender. Rett dem "
        "i filen og last den opp på nytt om de skal være med.",
    ),
    "upload.bad": _both("Fila kunne ikkje lesast som skjema:", "Filen kunne ikke leses som skjema:"),
    "error.heading": _both("Noko gjekk gale", "Noe gikk galt"),
    "error.not_found": _both("Fann ikkje sida, eller du har ikkje tilgang til ho.",
                             "Fant ikke siden, eller du har ikke tilgang til den."),
    "error.forbidden": _both("Førespurnaden vart avvist (utløpt skjema?). Last sida på nytt og prøv igjen.",
                             "Forespørselen ble avvist (utløpt skjema?). Last siden på nytt og prøv igjen."),
    "error.unauthenticated": _both("Du er ikkje innlogga.", "Du er ikke innlogget."),
    "draft.banner": _both("UTKAST – ikkje forsegla og ikkje arkivert", "UTKAST – ikke forseglet og ikke arkivert"),
    "draft.note": _both("Dette er eit utkast til førehandsvising. Berre den forsegla PDF/A-fila i arkivet gjeld.",
                        "Dette er et utkast til forhåndsvisning. Bare den forseglede PDF/A-filen i arkivet gjelder."),
    "malform.nn": _same("Nynorsk"),
    "malform.nb": _same("Bokmål"),
    "bool.yes": _same("Ja"),
}


def ui(key: str, lang: Lang) -> str:
    return UI[key][lang]


def field_label(owner: str, name: str, lang: Lang, *, root: bool = False) -> str:
    texts = FIELD_LABELS.get(f"{owner}.{name}") or (root and FIELD_LABELS.get(f"Root.{name}")) or FIELD_LABELS[name]
    return texts[lang]


def field_help(owner: str, name: str, lang: Lang) -> str | None:
    texts = HELP.get(f"{owner}.{name}") or HELP.get(name)
    return texts[lang] if texts else None
