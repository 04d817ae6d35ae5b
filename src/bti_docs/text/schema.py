"""What staff see in their editor next to a form: the titles and descriptions of the forms' JSON Schemas
(``bti_docs.forms.schema``), one schema set per målform (``forms/schema/nn``, ``forms/schema/nb``).

``code → {"nn": ..., "nb": ...}``, said through ``bti_docs.text.voice.say``: ``schema.def.<Model>`` describes a
model or enum in ``$defs``, ``schema.field.<name>`` a property of that name wherever it is,
``schema.field.<Model>.<name>`` overrides it for one model, ``schema.header.<name>`` a form's own ``enhet``
and ``dato``. A kind's own title and description live with the kind (``Kind.schema_title``).
"""

from __future__ import annotations

from typing import Final

from bti_docs.i18n import Lang

# The models and enums in ``$defs``: (nynorsk, bokmål).
_DEFS: Final[dict[str, tuple[str, str]]] = {
    "Arena": ("Kvar tiltaket skjer: heime, i eininga (barnehage/skule/helsestasjon) eller hos barnet sjølv.",
              "Hvor tiltaket skjer: hjemme, i enheten (barnehage/skole/helsestasjon) eller hos barnet selv."),
    "AvgittForm": ("Korleis samtykket vart gitt: papir_signatur, digitalt eller muntlig_med_referat.",
                   "Hvordan samtykket ble gitt: papir_signatur, digitalt eller muntlig_med_referat."),
    "Avslutningsarsak": ("Årsak til avslutting: mal_nadd, samtykke_trukket, individuell_plan, flyttet eller annet.",
                         "Årsak til avslutning: mal_nadd, samtykke_trukket, individuell_plan, flyttet eller annet."),
    "Barn": ("Barnet: planeigar. Bruk berre syntetiske fødselsnummer i testdata.",
             "Barnet: planeier. Bruk bare syntetiske fødselsnummer i testdata."),
    "Beslutning": (
        "Del 2 av møtet, avgjerd om vegen vidare: avslutte, fortsette_samme_tiltak, andre_tiltak_egen_tjeneste "
        "eller behov_eksterne_tjenester (nytt nivå krev nytt samtykke).",
        "Del 2 av møtet, avgjørelse om veien videre: avslutte, fortsette_samme_tiltak, "
        "andre_tiltak_egen_tjeneste eller behov_eksterne_tjenester (nytt nivå krever nytt samtykke).",
    ),
    "Deltaker": ("Ein fagperson som deltek i loggen og har ansvar for tiltak. Høgst éin deltakar per tenestestad.",
                 "En fagperson som deltar i loggen og har ansvar for tiltak. Høyst én deltaker per tjenestested."),
    "Evaluering": ("Ei evaluering (kommentar) av tiltaket: kva fungerte, kva fungerte ikkje, og kvifor.",
                   "En evaluering (kommentar) av tiltaket: hva fungerte, hva fungerte ikke, og hvorfor."),
    "Foresatt": ("Ein forelder eller føresett.", "En forelder eller foresatt."),
    "Gravid": ("Den gravide.", "Den gravide."),
    "Konklusjon": (
        "Konklusjon etter undringssamtalen: ingen_videre_oppfolging, niva1_stafettlogg, ressursteam eller "
        "melding_barnevern.",
        "Konklusjon etter undringssamtalen: ingen_videre_oppfolging, niva1_stafettlogg, ressursteam eller "
        "melding_barnevern.",
    ),
    "Mal": ("Eit mål: ønskt framtidig tilstand, skrive i presens. SMARTE: spesifikt, målbart, akseptert, "
            "realistisk, tidfesta, enkelt.",
            "Et mål: ønsket framtidig tilstand, skrevet i presens. SMARTE: spesifikt, målbart, akseptert, "
            "realistisk, tidfestet, enkelt."),
    "Malform": ("Målform: nn (nynorsk) eller nb (bokmål).", "Målform: nn (nynorsk) eller nb (bokmål)."),
    "Mote": ("Eit samarbeidsmøte (stafettloggmøte): del 1 drøfting og evaluering, del 2 avgjerd.",
             "Et samarbeidsmøte (stafettloggmøte): del 1 drøfting og evaluering, del 2 avgjørelse."),
    "Periode": ("Periode med frå-dato og eventuelt til-dato (ÅÅÅÅ-MM-DD).",
                "Periode med fra-dato og eventuelt til-dato (ÅÅÅÅ-MM-DD)."),
    "Person": ("Ein tilsett eller annan vaksen som er nemnd i dokumentet.",
               "En ansatt eller annen voksen som nevnes i dokumentet."),
    "Plassering": ("Kvar barnet er: eining, teneste og BTI-nivå.", "Hvor barnet er: enhet, tjeneste og BTI-nivå."),
    "Samtale": ("Ein undringssamtale: med barnet, med dei føresette, eller felles.",
                "En undringssamtale: med barnet, med de foresatte, eller felles."),
    "Samtaletype": ("Type samtale: med_barnet, med_foresatte eller felles.",
                    "Type samtale: med_barnet, med_foresatte eller felles."),
    "SamtykkeGrunnlag": ("Eit samtykke som loggen byggjer på, slik det står i samtykkeskjemaet.",
                         "Et samtykke som loggen bygger på, slik det står i samtykkeskjemaet."),
    "Samtykkegiver": ("Den som gir eller trekkjer samtykket.", "Den som gir eller trekker samtykket."),
    "Underskriver": ("Den som gir samtykket, med når og korleis vedkomande skreiv under.",
                     "Den som gir samtykket, med når og hvordan vedkommende skrev under."),
    "Signering": ("Korleis personen skreiv under: papir eller digitalt.",
                  "Hvordan personen skrev under: papir eller digitalt."),
    "Samtykkerolle": ("Rolla til den som samtykkjer: foresatt, verge, ungdom (frå 15 år) eller gravid.",
                      "Rollen til den som samtykker: foresatt, verge, ungdom (fra 15 år) eller gravid."),
    "Samtykketype": ("Type samtykke: opprette_stafettlogg eller samarbeid_tjenester.",
                     "Type samtykke: opprette_stafettlogg eller samarbeid_tjenester."),
    "Stafettholder": (
        "Stafetthaldar: den som samordnar innsatsen. Normalt éin; to berre med skriftleg ansvarsfordeling. "
        "Det skal aldri vere eit tidspunkt utan stafetthaldar.",
        "Stafettholder: den som samordner innsatsen. Normalt én; to bare med skriftlig ansvarsfordeling. "
        "Det skal aldri være et tidspunkt uten stafettholder.",
    ),
    "Status": ("Status for tiltaket: apen eller lukket.", "Status for tiltaket: apen eller lukket."),
    "Svangerskap": ("Eit svangerskap: det ufødde barnet har ikkje fødselsnummer enno.",
                    "Et svangerskap: det ufødte barnet har ikke fødselsnummer ennå."),
    "Tiltak": ("Eit tiltak (aktivitet): kort og konkret, med ansvarleg, arena og periode.",
               "Et tiltak (aktivitet): kort og konkret, med ansvarlig, arena og periode."),
    "Tjeneste": ("Teneste. Samtykke blir gitt til tenester, ikkje til namngitte tilsette.",
                 "Tjeneste. Samtykke gis til tjenester, ikke til navngitte ansatte."),
}

# Properties by name, wherever they are: (nynorsk, bokmål).
_FIELDS: Final[dict[str, tuple[str, str]]] = {
    "akseptert_dato": ("Dagen ny stafetthaldar tok imot og aksepterte stafettpinnen (ÅÅÅÅ-MM-DD).",
                       "Dagen ny stafettholder mottok og aksepterte stafettpinnen (ÅÅÅÅ-MM-DD)."),
    "ansvarlig": ("Namnet på den som har ansvar for tiltaket.", "Navnet på den som har ansvar for tiltaket."),
    "ansvarsfordeling": ("Skriftleg fordeling av kven som gjer kva. Påkravd når loggen har to stafetthaldarar.",
                         "Skriftlig fordeling av hvem som gjør hva. Påkrevd når loggen har to stafettholdere."),
    "arena": ("Kvar tiltaket skjer: hjemme, enhet eller barnet.", "Hvor tiltaket skjer: hjemme, enhet eller barnet."),
    "arsak": ("Årsak: mal_nadd, samtykke_trukket, individuell_plan, flyttet eller annet.",
              "Årsak: mal_nadd, samtykke_trukket, individuell_plan, flyttet eller annet."),
    "arsak_beskrivelse": ("Skildring av årsaka. Påkravd når årsaka er «annet».",
                          "Beskrivelse av årsaken. Påkrevd når årsaken er «annet»."),
    "av": ("Kven som skreiv evalueringa (valfritt).", "Hvem som skrev evalueringen (valgfritt)."),
    "avgitt_form": ("Korleis samtykket vart gitt: papir_signatur, digitalt eller muntlig_med_referat.",
                    "Hvordan samtykket ble gitt: papir_signatur, digitalt eller muntlig_med_referat."),
    "avtroppende_stafettholder": ("Stafetthaldaren som gir frå seg stafettpinnen.",
                                  "Stafettholderen som gir fra seg stafettpinnen."),
    "barn": ("Barnet saka gjeld. Fyll ut anten «barn» eller «svangerskap», ikkje begge.",
             "Barnet saken gjelder. Fyll ut enten «barn» eller «svangerskap», ikke begge."),
    "barnet_deltok": ("Om barnet var med på møtet (true/false).", "Om barnet var med på møtet (true/false)."),
    "barnets_medvirkning": (
        "Korleis synet til barnet er henta inn, og kven som informerer barnet og korleis. Frå 7 år deltek barnet "
        "som hovudregel i møta.",
        "Hvordan barnets syn er hentet inn, og hvem som informerer barnet og hvordan. Fra 7 år deltar barnet "
        "som hovedregel i møtene.",
    ),
    "barnets_ord": ("Barnet sine eigne ord om overgangen (valfritt).", "Barnets egne ord om overgangen (valgfritt)."),
    "barnets_syn": ("Kva barnet sjølv fortalde (valfritt).", "Hva barnet selv fortalte (valgfritt)."),
    "beskrivelse": ("Kort og konkret skildring.", "Kort og konkret beskrivelse."),
    "beslutning_tekst": ("Utdjuping av avgjerda (valfritt).", "Utdyping av avgjørelsen (valgfritt)."),
    "dato": ("Dato (ÅÅÅÅ-MM-DD).", "Dato (ÅÅÅÅ-MM-DD)."),
    "del1_evaluering": ("Del 1: drøfting og evaluering av tiltaka. Ta med stemma til barnet.",
                        "Del 1: drøfting og evaluering av tiltakene. Ta med barnets stemme."),
    "del2_beslutning": (
        "Del 2: avslutte, fortsette_samme_tiltak, andre_tiltak_egen_tjeneste eller behov_eksterne_tjenester.",
        "Del 2: avslutte, fortsette_samme_tiltak, andre_tiltak_egen_tjeneste eller behov_eksterne_tjenester.",
    ),
    "delmal": ("Delmål som sikrar at hovudmålet blir nådd. Gi kvart delmål ein id og ein frist.",
               "Delmål som sikrer at hovedmålet nås. Gi hvert delmål en id og en frist."),
    "deltakere": ("Deltakarane.", "Deltakerne."),
    "deltar": ("Om den føresette deltek i samarbeidet (true/false).",
               "Om den foresatte deltar i samarbeidet (true/false)."),
    "enhet": ("Eininga (tenestestaden).", "Enheten (tjenestestedet)."),
    "enkeltvedtak": ("Om barnet har enkeltvedtak (gir årleg arkivering). true/false.",
                     "Om barnet har enkeltvedtak (gir årlig arkivering). true/false."),
    "etternavn": ("Etternamn.", "Etternavn."),
    "evalueringer": ("Evalueringar av tiltaket, med dato.", "Evalueringer av tiltaket, med dato."),
    "familiens_syn": ("Synet til familien på overgangen og på det som er viktig vidare.",
                      "Familiens syn på overgangen og på det som er viktig videre."),
    "felles_forstaelse": ("Felles forståing: kva vi har fokus på. Bruk verb framfor adjektiv (valfritt).",
                          "Felles forståelse: hva vi har fokus på. Bruk verb framfor adjektiv (valgfritt)."),
    "fodselsdato": ("Fødselsdato (ÅÅÅÅ-MM-DD).", "Fødselsdato (ÅÅÅÅ-MM-DD)."),
    "fodselsnummer": ("Fødselsnummer, 11 siffer (valfritt). Bruk berre syntetiske nummer i testdata.",
                      "Fødselsnummer, 11 siffer (valgfritt). Bruk bare syntetiske numre i testdata."),
    "foresatte": ("Foreldre/føresette.", "Foreldre/foresatte."),
    "foresattes_syn": ("Kva dei føresette fortalde (valfritt).", "Hva de foresatte fortalte (valgfritt)."),
    "fornavn": ("Førenamn.", "Fornavn."),
    "fra": ("Frå.", "Fra."),
    "fra_dato": ("Frå dato (ÅÅÅÅ-MM-DD).", "Fra dato (ÅÅÅÅ-MM-DD)."),
    "frist": ("Frist for målet (ÅÅÅÅ-MM-DD): SMARTE mål er tidfesta.",
              "Frist for målet (ÅÅÅÅ-MM-DD): SMARTE mål er tidfestet."),
    "gitt_av": ("Kven som gir samtykket: dei føresette, eller ungdommen sjølv frå 15 år, eller den gravide.",
                "Hvem som gir samtykket: de foresatte, eller ungdommen selv fra 15 år, eller den gravide."),
    "gravid": ("Den gravide.", "Den gravide."),
    "gyldig_fra": ("Samtykket gjeld frå denne datoen (ÅÅÅÅ-MM-DD).",
                   "Samtykket gjelder fra denne datoen (ÅÅÅÅ-MM-DD)."),
    "gyldig_til": ("Samtykket gjeld til og med denne datoen. Blir fornya minst kvart andre år.",
                   "Samtykket gjelder til og med denne datoen. Fornyes minst hvert annet år."),
    "hovedmal": ("Hovudmål: ønskt framtidig tilstand, spesifikt og målbart, skrive i presens.",
                 "Hovedmål: ønsket framtidig tilstand, spesifikt og målbart, skrevet i presens."),
    "id": ("Kort id for målet (små bokstavar, tal og bindestrek), som tiltak kan vise til.",
           "Kort id for målet (små bokstaver, tall og bindestrek), som tiltak kan vise til."),
    "interesser_og_styrker": ("Interessene og styrkane til barnet.", "Barnets interesser og styrker."),
    "kommune": ("Kommunen, ved overgang til ein annan kommune (valfritt).",
                "Kommunen, ved overgang til en annen kommune (valgfritt)."),
    "konklusjon": ("Konklusjon.", "Konklusjon."),
    "koordinator": ("Koordinator for individuell plan. Påkravd når årsaka er «individuell_plan».",
                    "Koordinator for individuell plan. Påkrevd når årsaken er «individuell_plan»."),
    "krav_om_sletting": (
        "Om familien krev sletting (true/false). Kravet går til leiar og systemeigar, ikkje stille sletting.",
        "Om familien krever sletting (true/false). Kravet går til leder og systemeier, ikke stille sletting.",
    ),
    "malform": ("Målform for dokumentet: nn eller nb. Utelate: målforma til kommunen blir brukt.",
                "Målform for dokumentet: nn eller nb. Utelates: kommunens målform brukes."),
    "merknad": ("Merknad (valfritt). Det trengst inga grunngiving for å trekkje samtykke.",
                "Merknad (valgfritt). Det kreves ingen begrunnelse for å trekke samtykke."),
    "mistanke_vold_overgrep": (
        "Mistanke om vald, seksuelle overgrep eller alvorleg omsorgssvikt. Då blir ikkje BTI brukt: meld til "
        "barnevernet straks. Standard: false.",
        "Mistanke om vold, seksuelle overgrep eller alvorlig omsorgssvikt. Da brukes ikke BTI: meld til "
        "barnevernet straks. Standard: false.",
    ),
    "moter": ("Samarbeidsmøte (stafettloggmøte).", "Samarbeidsmøter (stafettloggmøter)."),
    "navn": ("Fullt namn.", "Fullt navn."),
    "neste_mote": ("Dato for neste møte (valfritt).", "Dato for neste møte (valgfritt)."),
    "neste_steg": ("Avtalte neste steg (valfritt).", "Avtalte neste steg (valgfritt)."),
    "niva": ("BTI-nivå.", "BTI-nivå."),
    "ny_stafettholder": ("Den nye stafetthaldaren.", "Den nye stafettholderen."),
    "opplysninger_som_kan_deles": ("Kva opplysningar som kan delast med tenestene samtykket gjeld.",
                                   "Hvilke opplysninger som kan deles med tjenestene samtykket gjelder."),
    "oppmerksomhet": ("Merksemd: bakgrunn, kva vi ser, undringar og bekymringar.",
                      "Oppmerksomhet: bakgrunn, hva vi ser, undringer og bekymringer."),
    "oppsummering": ("Oppsummeringsnotat. Påkravd når saka blir avslutta utan vidare oppfølging.",
                     "Oppsummeringsnotat. Påkrevd når saken avsluttes uten videre oppfølging."),
    "periode": ("Perioden tiltaket varer.", "Perioden tiltaket varer."),
    "referat": ("Referat av eit munnleg samtykke. Påkravd når avgitt_form er muntlig_med_referat.",
                "Referat av et muntlig samtykke. Påkrevd når avgitt_form er muntlig_med_referat."),
    "rolle": ("Rolle (til dømes pedagogisk leiar, kontaktlærar, helsesjukepleiar).",
              "Rolle (for eksempel pedagogisk leder, kontaktlærer, helsesykepleier)."),
    "sak": (
        "Saksnøkkel: ein nøytral kode som FV-2026-0007 (bokstavar, tal, bindestrek). Aldri namn eller "
        "fødselsnummer: nøkkelen namngir mapper i arkivet.",
        "Saksnøkkel: en nøytral kode som FV-2026-0007 (bokstaver, tall, bindestrek). Aldri navn eller "
        "fødselsnummer: nøkkelen navngir mapper i arkivet.",
    ),
    "samtaler": ("Samtalane som vart haldne: med barnet og med dei føresette kvar for seg.",
                 "Samtalene som ble holdt: med barnet og med de foresatte hver for seg."),
    "samtykke_id": ("Id-en til samtykket (små bokstavar, tal og bindestrek), til dømes opprette-2025-02.",
                    "Samtykkets id (små bokstaver, tall og bindestrek), for eksempel opprette-2025-02."),
    "samtykker": ("Samtykka loggen byggjer på. Minst eitt samtykke til å opprette stafettlogg.",
                  "Samtykkene loggen bygger på. Minst ett samtykke til å opprette stafettlogg."),
    "skjema": ("Skjematypen. Skal ikkje endrast.", "Skjematypen. Skal ikke endres."),
    "stafettholdere": ("Stafetthaldarar, også tidlegare (med til_dato). Normalt éin gjeldande.",
                       "Stafettholdere, også tidligere (med til_dato). Normalt én gjeldende."),
    "status": ("Status: apen eller lukket. Standard: apen.", "Status: apen eller lukket. Standard: apen."),
    "svangerskap": ("Svangerskapet saka gjeld. Fyll ut anten «barn» eller «svangerskap», ikkje begge.",
                    "Svangerskapet saken gjelder. Fyll ut enten «barn» eller «svangerskap», ikke begge."),
    "system": ("Systemet eit digitalt samtykke vart gitt i. Påkravd når avgitt_form er digitalt.",
               "Systemet et digitalt samtykke ble gitt i. Påkrevd når avgitt_form er digitalt."),
    "tekst": ("Evalueringa: kva fungerte, kva fungerte ikkje, og kvifor.",
              "Evalueringen: hva fungerte, hva fungerte ikke, og hvorfor."),
    "termindato": ("Termindato (ÅÅÅÅ-MM-DD).", "Termindato (ÅÅÅÅ-MM-DD)."),
    "til": ("Til.", "Til."),
    "til_dato": ("Dagen stafetthaldaren gav stafettpinnen vidare. Tom for gjeldande stafetthaldar.",
                 "Dagen stafettholderen ga stafettpinnen videre. Tom for gjeldende stafettholder."),
    "tilgang_fjernes_dato": ("Dagen tilgangen til loggen for den avtroppande tilsette blir fjerna (valfritt).",
                             "Dagen avtroppende ansattes tilgang til loggen fjernes (valgfritt)."),
    "tiltak": ("Tiltak (aktivitetar), både i heimen og i eininga; gjerne også tiltak barnet har ansvar for.",
               "Tiltak (aktiviteter), både i hjemmet og i enheten; gjerne også tiltak barnet har ansvar for."),
    "tjeneste": ("Tenesta personen høyrer til.", "Tjenesten personen tilhører."),
    "tjenester": ("Tenestene samtykket gjeld.", "Tjenestene samtykket gjelder."),
    "trukket_av": ("Kven som trekkjer samtykket.", "Hvem som trekker samtykket."),
    "type": ("Type.", "Type."),
    "undring": ("Undringa eller bekymringa: kva vart sett og høyrt.",
                "Undringen eller bekymringen: hva ble sett og hørt."),
    "videreforte_mal": ("Mål som blir vidareførte etter overgangen.", "Mål som videreføres etter overgangen."),
    "videreforte_tiltak": ("Tiltak som blir vidareførte etter overgangen.",
                           "Tiltak som videreføres etter overgangen."),
    "vurdering": ("Vurdering av innsatsen og av situasjonen til barnet no.",
                  "Vurdering av innsatsen og av barnets situasjon nå."),
}

# A property of one model, over ``_FIELDS``: (model, name) → (nynorsk, bokmål).
_FIELDS_IN: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("Avslutning", "konklusjon"): ("Konklusjon: kva skjer vidare for barnet.",
                                   "Konklusjon: hva skjer videre for barnet."),
    ("Deltaker", "tjeneste"): ("Tenesta deltakaren kjem frå. Tenesta må vere dekt av eit samtykke.",
                               "Tjenesten deltakeren kommer fra. Tjenesten må være dekket av et samtykke."),
    ("Deltaker", "fra_dato"): ("Dagen deltakaren kom inn i loggen (valfritt).",
                               "Dagen deltakeren kom inn i loggen (valgfritt)."),
    ("Evaluering", "dato"): ("Datoen for evalueringa (ÅÅÅÅ-MM-DD).", "Datoen for evalueringen (ÅÅÅÅ-MM-DD)."),
    ("Foresatt", "rolle"): ("Rolle, til dømes mor, far eller føresett. Standard: foresatt.",
                            "Rolle, for eksempel mor, far eller foresatt. Standard: foresatt."),
    ("Mal", "beskrivelse"): ("Målet, i presens: korleis det er når målet er nådd.",
                             "Målet, i presens: hvordan det er når målet er nådd."),
    ("Mote", "dato"): ("Møtedato (ÅÅÅÅ-MM-DD). Berre møte som er haldne.",
                       "Møtedato (ÅÅÅÅ-MM-DD). Bare møter som er holdt."),
    ("Mote", "deltakere"): ("Namna på dei som deltok i møtet.", "Navnene på dem som deltok i møtet."),
    ("Overgangsskjema", "akseptert_dato"): ("Dagen ny stafetthaldar tok imot og aksepterte stafettpinnen.",
                                            "Dagen ny stafettholder mottok og aksepterte stafettpinnen."),
    ("Overgangsskjema", "fra"): ("Kvar barnet kjem frå.", "Hvor barnet kommer fra."),
    ("Overgangsskjema", "samtykke_id"): ("Id-en til samtykket som dekkjer overgangen og den nye eininga.",
                                         "Id-en til samtykket som dekker overgangen og den nye enheten."),
    ("Overgangsskjema", "til"): ("Kvar barnet skal.", "Hvor barnet skal."),
    ("Periode", "fra"): ("Frå dato (ÅÅÅÅ-MM-DD).", "Fra dato (ÅÅÅÅ-MM-DD)."),
    ("Periode", "til"): ("Til dato (ÅÅÅÅ-MM-DD), valfritt.", "Til dato (ÅÅÅÅ-MM-DD), valgfritt."),
    ("Plassering", "enhet"): ("Eininga (id frå innstillingane til kommunen, eller namnet ved annan kommune).",
                              "Enheten (id fra kommunens innstillinger, eller navnet ved annen kommune)."),
    ("Plassering", "niva"): ("BTI-nivå: 0, 1, 2 eller 3.", "BTI-nivå: 0, 1, 2 eller 3."),
    ("Plassering", "tjeneste"): ("Tenesta.", "Tjenesten."),
    ("ReferatUndringssamtale", "konklusjon"): (
        "Konklusjon: ingen_videre_oppfolging, niva1_stafettlogg, ressursteam eller melding_barnevern.",
        "Konklusjon: ingen_videre_oppfolging, niva1_stafettlogg, ressursteam eller melding_barnevern.",
    ),
    ("Samtale", "dato"): ("Datoen samtalen vart halden (ÅÅÅÅ-MM-DD).", "Datoen samtalen ble holdt (ÅÅÅÅ-MM-DD)."),
    ("Samtale", "deltakere"): ("Kven som deltok i samtalen.", "Hvem som deltok i samtalen."),
    ("Samtale", "type"): ("med_barnet, med_foresatte eller felles.", "med_barnet, med_foresatte eller felles."),
    ("Samtykke", "type"): ("opprette_stafettlogg eller samarbeid_tjenester.",
                           "opprette_stafettlogg eller samarbeid_tjenester."),
    ("SamtykkeGrunnlag", "type"): ("opprette_stafettlogg eller samarbeid_tjenester.",
                                   "opprette_stafettlogg eller samarbeid_tjenester."),
    ("Samtykkegiver", "rolle"): ("foresatt, verge, ungdom (frå 15 år) eller gravid.",
                                 "foresatt, verge, ungdom (fra 15 år) eller gravid."),
    ("Underskriver", "rolle"): ("foresatt, verge, ungdom (frå 15 år) eller gravid.",
                                "foresatt, verge, ungdom (fra 15 år) eller gravid."),
    ("Underskriver", "signert"): ("papir eller digitalt; tomt: som avgitt_form seier.",
                                  "papir eller digitalt; tomt: som avgitt_form sier."),
    ("Underskriver", "signert_dato"): ("Datoen personen skreiv under (ÅÅÅÅ-MM-DD). Påkravd ved skriftleg samtykke.",
                                       "Datoen personen skrev under (ÅÅÅÅ-MM-DD). Påkrevd ved skriftlig samtykke."),
    ("Underskriver", "referanse"): ("Referansen til signeringa i det digitale systemet. Påkravd ved digital "
                                    "signering.",
                                    "Referansen til signeringen i det digitale systemet. Påkrevd ved digital "
                                    "signering."),
    ("Samtykke", "original_oppbevart"): ("Kvar den underskrivne originalen på papir blir oppbevart. Påkravd ved "
                                         "underskrift på papir.",
                                         "Hvor den underskrevne originalen på papir oppbevares. Påkrevd ved "
                                         "underskrift på papir."),
    ("Stafettholder", "enhet"): ("Eininga stafetthaldaren arbeider i.", "Enheten stafettholderen arbeider i."),
    ("Stafettholder", "fra_dato"): ("Dagen stafetthaldaren fekk ansvaret (ÅÅÅÅ-MM-DD).",
                                    "Dagen stafettholderen fikk ansvaret (ÅÅÅÅ-MM-DD)."),
    ("Stafettlogg", "deltakere"): ("Fagpersonar som deltek. Høgst éin per tenestestad; tenesta må ha samtykke.",
                                   "Fagpersoner som deltar. Høyst én per tjenestested; tjenesten må ha samtykke."),
    ("Stafettlogg", "niva"): ("BTI-nivå: 1, 2 eller 3. Nivå 2 og 3 krev samtykke til samarbeid.",
                              "BTI-nivå: 1, 2 eller 3. Nivå 2 og 3 krever samtykke til samarbeid."),
    ("Tiltak", "delmal"): ("Id-en til delmålet tiltaket skal bidra til (valfritt).",
                           "Id-en til delmålet tiltaket skal bidra til (valgfritt)."),
    ("Tiltak", "beskrivelse"): ("Kort og konkret: kva skal gjerast.", "Kort og konkret: hva skal gjøres."),
}

# A form's own ``enhet`` (a unit id in every form, not a free name) and ``dato``; its ``skjema`` constant.
_HEADER: Final[dict[str, tuple[str, str]]] = {
    "enhet": ("Id-en til eininga i innstillingane til kommunen (archive_rules.yaml), t.d. solsida-barnehage.",
              "Enhetens id i kommunens innstillinger (archive_rules.yaml), f.eks. solsida-barnehage."),
    "dato": ("Datoen til dokumentet (ÅÅÅÅ-MM-DD).", "Dokumentets dato (ÅÅÅÅ-MM-DD)."),
    "skjema": ("Skjematypen: alltid «{kind}».", "Skjematypen: alltid «{kind}»."),
}


def _entries(prefix: str, texts: dict[str, tuple[str, str]]) -> dict[str, dict[Lang, str]]:
    return {f"{prefix}{key}": {"nn": nn, "nb": nb} for key, (nn, nb) in texts.items()}


SCHEMA: Final[dict[str, dict[Lang, str]]] = {
    **_entries("schema.def.", _DEFS),
    **_entries("schema.field.", _FIELDS),
    **_entries("schema.field.", {f"{model}.{name}": text for (model, name), text in _FIELDS_IN.items()}),
    **_entries("schema.header.", _HEADER),
}
