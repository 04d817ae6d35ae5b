"""Messages to staff, in nynorsk and bokmål.

One table: problem code → text in each målform. Texts say what is wrong and what to do; ``{name}`` fields are
filled from the problem's context. Nothing here may contain a child's name or id number: callers pass field
paths, dates and codes, never values from the form.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["nn", "nb"]

MESSAGES: dict[str, dict[Lang, str]] = {
    # --- reading the file ---
    "file_missing": {
        "nn": "Fila finst ikkje. Sjekk namnet og mappa.",
        "nb": "Filen finnes ikke. Sjekk navnet og mappen.",
    },
    "file_unreadable": {
        "nn": "Fila kan ikkje lesast ({reason}). Sjekk tilgangen til fila.",
        "nb": "Filen kan ikke leses ({reason}). Sjekk tilgangen til filen.",
    },
    "file_too_large": {
        "nn": "Fila er for stor ({size} byte; grensa er {limit}). Eit skjema skal vere ei lita YAML-fil.",
        "nb": "Filen er for stor ({size} byte; grensen er {limit}). Et skjema skal være en liten YAML-fil.",
    },
    "binary_file": {
        "nn": "Fila er ikkje ei tekstfil (ho inneheld binære data). Lagra skjemaet som YAML-tekst.",
        "nb": "Filen er ikke en tekstfil (den inneholder binære data). Lagre skjemaet som YAML-tekst.",
    },
    "not_utf8": {
        "nn": "Fila er ikkje lagra som UTF-8 (feil ved byte {position}). Lagra ho på nytt med teiknkoding UTF-8.",
        "nb": "Filen er ikke lagret som UTF-8 (feil ved byte {position}). Lagre den på nytt med tegnkoding UTF-8.",
    },
    "yaml_syntax": {
        "nn": "YAML-feil på linje {line}, kolonne {column}: {problem}. Sjekk innrykk, kolon og hermeteikn.",
        "nb": "YAML-feil på linje {line}, kolonne {column}: {problem}. Sjekk innrykk, kolon og anførselstegn.",
    },
    "yaml_alias": {
        "nn": "Linje {line}: YAML-ankrar og -aliasar (& og *) er ikkje tillatne i skjema. Skriv verdiane ut.",
        "nb": "Linje {line}: YAML-ankere og -aliaser (& og *) er ikke tillatt i skjema. Skriv verdiene ut.",
    },
    "yaml_too_deep": {
        "nn": "Linje {line}: skjemaet er nesta for djupt. Sjekk innrykket.",
        "nb": "Linje {line}: skjemaet er nøstet for dypt. Sjekk innrykket.",
    },
    "duplicate_key": {
        "nn": "Linje {line}: feltet «{key}» står to gonger. Slett det eine.",
        "nb": "Linje {line}: feltet «{key}» står to ganger. Slett det ene.",
    },
    "multiple_documents": {
        "nn": "Fila inneheld fleire YAML-dokument (---). Legg kvart skjema i si eiga fil.",
        "nb": "Filen inneholder flere YAML-dokumenter (---). Legg hvert skjema i sin egen fil.",
    },
    "empty_file": {
        "nn": "Fila er tom. Fyll ut eit skjema frå mappa forms/.",
        "nb": "Filen er tom. Fyll ut et skjema fra mappen forms/.",
    },
    "not_a_mapping": {
        "nn": "Skjemaet må vere ei liste av felt (nøkkel: verdi), ikkje {found}.",
        "nb": "Skjemaet må være en liste av felt (nøkkel: verdi), ikke {found}.",
    },
    "missing_form_kind": {
        "nn": "Feltet «skjema» manglar. Skriv kva skjema dette er: {kinds}.",
        "nb": "Feltet «skjema» mangler. Skriv hvilket skjema dette er: {kinds}.",
    },
    "unknown_form_kind": {
        "nn": "Ukjent skjema «{found}». Gyldige verdiar: {kinds}.",
        "nb": "Ukjent skjema «{found}». Gyldige verdier: {kinds}.",
    },
    # --- schema ---
    "missing": {
        "nn": "Feltet manglar. Fyll det ut (sjå mal i forms/).",
        "nb": "Feltet mangler. Fyll det ut (se mal i forms/).",
    },
    "extra_forbidden": {
        "nn": "Ukjent felt. Sjekk stavinga, eller fjern feltet (sjå mal i forms/).",
        "nb": "Ukjent felt. Sjekk stavingen, eller fjern feltet (se mal i forms/).",
    },
    "enum": {
        "nn": "Ugyldig verdi. Tillatne verdiar: {expected}.",
        "nb": "Ugyldig verdi. Tillatte verdier: {expected}.",
    },
    "date": {
        "nn": "Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, til dømes 2026-03-01.",
        "nb": "Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-03-01.",
    },
    "string": {
        "nn": "Feltet skal vere tekst.",
        "nb": "Feltet skal være tekst.",
    },
    "string_too_short": {
        "nn": "Feltet er tomt. Skriv inn ein verdi.",
        "nb": "Feltet er tomt. Skriv inn en verdi.",
    },
    "string_too_long": {
        "nn": "Teksten er for lang (høgst {max_length} teikn). Kort han ned.",
        "nb": "Teksten er for lang (høyst {max_length} tegn). Kort den ned.",
    },
    "string_pattern_mismatch": {
        "nn": "Ugyldig format. Bruk små bokstavar, tal og bindestrek (til dømes «lia-barnehage»).",
        "nb": "Ugyldig format. Bruk små bokstaver, tall og bindestrek (for eksempel «lia-barnehage»).",
    },
    "list_too_short": {
        "nn": "Lista må ha minst {min_length} element.",
        "nb": "Listen må ha minst {min_length} element.",
    },
    "bool": {
        "nn": "Feltet skal vere true (ja) eller false (nei).",
        "nb": "Feltet skal være true (ja) eller false (nei).",
    },
    "int": {"nn": "Feltet skal vere eit heiltal.", "nb": "Feltet skal være et heltall."},
    "list": {"nn": "Feltet skal vere ei liste (linjer som byrjar med «- »).",
             "nb": "Feltet skal være en liste (linjer som begynner med «- »)."},
    "mapping": {"nn": "Feltet skal innehalde underfelt (nøkkel: verdi).",
                "nb": "Feltet skal inneholde underfelt (nøkkel: verdi)."},
    "invalid": {"nn": "Ugyldig verdi: {detail}", "nb": "Ugyldig verdi: {detail}"},
    "child_or_pregnancy": {
        "nn": "Skjemaet skal gjelde anten eit barn («barn») eller eit svangerskap («svangerskap»), ikkje begge "
        "eller ingen av dei.",
        "nb": "Skjemaet skal gjelde enten et barn («barn») eller et svangerskap («svangerskap»), ikke begge "
        "eller ingen av dem.",
    },
    "case_key_looks_like_id": {
        "nn": "Saksnøkkelen kan ikkje innehalde eit fødselsnummer (11 siffer). Bruk ein nøytral nøkkel, "
        "til dømes «FV-2026-0007».",
        "nb": "Saksnøkkelen kan ikke inneholde et fødselsnummer (11 siffer). Bruk en nøytral nøkkel, "
        "for eksempel «FV-2026-0007».",
    },
    "summary_required": {
        "nn": "Når saka vert avslutta utan vidare oppfølging, skal «oppsummering» fyllast ut.",
        "nb": "Når saken avsluttes uten videre oppfølging, skal «oppsummering» fylles ut.",
    },
    "valid_to_before_valid_from": {
        "nn": "«gyldig_til» er før «gyldig_fra». Rett datoane.",
        "nb": "«gyldig_til» er før «gyldig_fra». Rett datoene.",
    },
    "period_end_before_start": {
        "nn": "Perioden sluttar før han byrjar («til» er før «fra»). Rett datoane.",
        "nb": "Perioden slutter før den begynner («til» er før «fra»). Rett datoene.",
    },
    "oral_consent_needs_referat": {
        "nn": "Munnleg samtykke må dokumenterast med referat. Fyll ut «referat».",
        "nb": "Muntlig samtykke må dokumenteres med referat. Fyll ut «referat».",
    },
    "digital_consent_needs_system": {
        "nn": "Digitalt samtykke: skriv kva system det vart gitt i, i feltet «system».",
        "nb": "Digitalt samtykke: skriv hvilket system det ble gitt i, i feltet «system».",
    },
    "other_reason_needs_text": {
        "nn": "Årsaka er «annet»: forklar ho i «arsak_beskrivelse».",
        "nb": "Årsaken er «annet»: forklar den i «arsak_beskrivelse».",
    },
    "ip_needs_coordinator": {
        "nn": "Ved overgang til individuell plan skal koordinatoren førast opp i «koordinator».",
        "nb": "Ved overgang til individuell plan skal koordinatoren føres opp i «koordinator».",
    },
    # --- national id numbers ---
    "fnr_format": {
        "nn": "Fødselsnummeret skal ha 11 siffer.",
        "nb": "Fødselsnummeret skal ha 11 siffer.",
    },
    "fnr_checksum": {
        "nn": "Fødselsnummeret har feil kontrollsiffer. Sjekk at alle siffer er skrivne rett.",
        "nb": "Fødselsnummeret har feil kontrollsiffer. Sjekk at alle sifre er skrevet riktig.",
    },
    "fnr_date": {
        "nn": "Dei seks første sifra i fødselsnummeret er ikkje ein gyldig dato.",
        "nb": "De seks første sifrene i fødselsnummeret er ikke en gyldig dato.",
    },
    "fnr_birth_date_mismatch": {
        "nn": "Fødselsnummeret passar ikkje med fødselsdatoen. Sjekk begge.",
        "nb": "Fødselsnummeret passer ikke med fødselsdatoen. Sjekk begge.",
    },
    "fnr_new_rule_before_2032": {
        "nn": "Fødselsnummeret er berre gyldig etter reglane frå 2032, men dokumentet er datert før 2032. "
        "Sjekk kontrollsifra.",
        "nb": "Fødselsnummeret er bare gyldig etter reglene fra 2032, men dokumentet er datert før 2032. "
        "Sjekk kontrollsifrene.",
    },
    "fnr_not_synthetic": {
        "nn": "I testmodus er berre syntetiske fødselsnummer (månad + 80) tillatne. Bruk eit syntetisk nummer.",
        "nb": "I testmodus er bare syntetiske fødselsnumre (måned + 80) tillatt. Bruk et syntetisk nummer.",
    },
    # --- BTI rules ---
    "case_violence_abuse": {
        "nn": "Mistanke om vald, overgrep eller alvorleg omsorgssvikt: BTI-løypa skal IKKJE brukast, og det "
        "vert ikkje laga dokument. Send melding til barnevernet straks, og kontakt leiaren din.",
        "nb": "Mistanke om vold, overgrep eller alvorlig omsorgssvikt: BTI-løypa skal IKKE brukes, og det "
        "lages ikke dokument. Send melding til barnevernet straks, og kontakt lederen din.",
    },
    "consent_missing_establish": {
        "nn": "Stafettloggen manglar gyldig samtykke til å opprette stafettlogg på dokumentdatoen ({date}). "
        "Hent inn samtykke før loggen vert oppretta.",
        "nb": "Stafettloggen mangler gyldig samtykke til å opprette stafettlogg på dokumentdatoen ({date}). "
        "Innhent samtykke før loggen opprettes.",
    },
    "consent_expired": {
        "nn": "Samtykket «{consent}» gjekk ut {expired}. Forny samtykket før loggen vert ført vidare.",
        "nb": "Samtykket «{consent}» gikk ut {expired}. Forny samtykket før loggen føres videre.",
    },
    "consent_not_yet_valid": {
        "nn": "Samtykket «{consent}» gjeld først frå {valid_from}, etter dokumentdatoen.",
        "nb": "Samtykket «{consent}» gjelder først fra {valid_from}, etter dokumentdatoen.",
    },
    "consent_unknown": {
        "nn": "Samtykket «{consent}» finst ikkje blant samtykka loggen byggjer på («samtykker»).",
        "nb": "Samtykket «{consent}» finnes ikke blant samtykkene loggen bygger på («samtykker»).",
    },
    "service_not_covered": {
        "nn": "Tenesta «{service}» er ikkje dekt av eit gyldig samtykke. Hent inn nytt samtykke før "
        "tenesta vert invitert inn.",
        "nb": "Tjenesten «{service}» er ikke dekket av et gyldig samtykke. Innhent nytt samtykke før "
        "tjenesten inviteres inn.",
    },
    "level_needs_cooperation_consent": {
        "nn": "Nivå {level} krev informert samtykke til samarbeid med andre tenester "
        "(type «samarbeid_tjenester»). Hent inn nytt samtykke.",
        "nb": "Nivå {level} krever informert samtykke til samarbeid med andre tjenester "
        "(type «samarbeid_tjenester»). Innhent nytt samtykke.",
    },
    "consent_by_parents_for_youth": {
        "nn": "Barnet er {age} år på samtykkedatoen. Frå {consent_age} år samtykkjer den unge sjølv: "
        "før opp den unge med rolle «ungdom».",
        "nb": "Barnet er {age} år på samtykkedatoen. Fra {consent_age} år samtykker den unge selv: "
        "før opp den unge med rolle «ungdom».",
    },
    "consent_by_child_under_age": {
        "nn": "Barnet er {age} år på samtykkedatoen. Under {consent_age} år samtykkjer føresette eller verje: "
        "før opp dei med rolle «foresatt» eller «verge».",
        "nb": "Barnet er {age} år på samtykkedatoen. Under {consent_age} år samtykker foresatte eller verge: "
        "før opp dem med rolle «foresatt» eller «verge».",
    },
    "consent_by_pregnant": {
        "nn": "Samtykke for eit svangerskap vert gitt av den gravide sjølv (rolle «gravid»).",
        "nb": "Samtykke for et svangerskap gis av den gravide selv (rolle «gravid»).",
    },
    "consent_renewal_advice": {
        "nn": "Samtykket gjeld i meir enn to år. Ved langvarig samarbeid vert fornying kvart andre år tilrådd.",
        "nb": "Samtykket gjelder i mer enn to år. Ved langvarig samarbeid anbefales fornyelse hvert annet år.",
    },
    "holder_missing_active": {
        "nn": "Ingen stafetthaldar er aktiv på dokumentdatoen ({date}). Det skal alltid vere ein "
        "stafetthaldar: den gamle held stafettpinnen til ein ny har teke imot han.",
        "nb": "Ingen stafettholder er aktiv på dokumentdatoen ({date}). Det skal alltid være en "
        "stafettholder: den gamle holder stafettpinnen til en ny har mottatt den.",
    },
    "holder_two_without_division": {
        "nn": "To stafetthaldarar samstundes krev skriftleg ansvarsfordeling. Fyll ut «ansvarsfordeling» "
        "for begge.",
        "nb": "To stafettholdere samtidig krever skriftlig ansvarsfordeling. Fyll ut «ansvarsfordeling» "
        "for begge.",
    },
    "holder_too_many": {
        "nn": "Meir enn to stafetthaldarar samstundes ({count}). Normalt er det éin, unntaksvis to.",
        "nb": "Mer enn to stafettholdere samtidig ({count}). Normalt er det én, unntaksvis to.",
    },
    "holder_gap": {
        "nn": "Stafetthaldaren slutta {until}, før den nye tok imot stafettpinnen ({accepted}). Den gamle "
        "stafetthaldaren skal halde pinnen til den nye har akseptert: set «til_dato» til {accepted}.",
        "nb": "Stafettholderen sluttet {until}, før den nye mottok stafettpinnen ({accepted}). Den gamle "
        "stafettholderen skal holde pinnen til den nye har akseptert: sett «til_dato» til {accepted}.",
    },
    "holder_not_accepted": {
        "nn": "Ny stafetthaldar manglar «akseptert_dato». Skriv datoen då stafettpinnen vart teken imot.",
        "nb": "Ny stafettholder mangler «akseptert_dato». Skriv datoen da stafettpinnen ble mottatt.",
    },
    "holder_ends_before_start": {
        "nn": "Stafetthaldaren sluttar før han byrja. Rett «fra_dato» og «til_dato».",
        "nb": "Stafettholderen slutter før vedkommende begynte. Rett «fra_dato» og «til_dato».",
    },
    "meeting_in_future": {
        "nn": "Møtet er datert {date}, fram i tid, men er ført som halde. Rett datoen, eller før møtet "
        "opp som «neste_mote».",
        "nb": "Møtet er datert {date}, frem i tid, men er ført som avholdt. Rett datoen, eller før møtet "
        "opp som «neste_mote».",
    },
    "date_in_future": {
        "nn": "Datoen {date} er fram i tid. Eit dokument kan ikkje vere datert etter i dag.",
        "nb": "Datoen {date} er frem i tid. Et dokument kan ikke være datert etter i dag.",
    },
    "evaluation_in_future": {
        "nn": "Evalueringa er datert {date}, fram i tid. Rett datoen.",
        "nb": "Evalueringen er datert {date}, frem i tid. Rett datoen.",
    },
    "transfer_accepted_in_future": {
        "nn": "Akseptdatoen {date} er fram i tid. Overgangsskjemaet vert arkivert når den nye "
        "stafetthaldaren har teke imot stafettpinnen.",
        "nb": "Akseptdatoen {date} er frem i tid. Overgangsskjemaet arkiveres når den nye "
        "stafettholderen har mottatt stafettpinnen.",
    },
    "birth_after_document": {
        "nn": "Fødselsdatoen er etter dokumentdatoen. Sjekk datoane.",
        "nb": "Fødselsdatoen er etter dokumentdatoen. Sjekk datoene.",
    },
    "unknown_unit": {
        "nn": "Eininga «{unit}» finst ikkje i kommunen sine innstillingar. Gyldige: {units}.",
        "nb": "Enheten «{unit}» finnes ikke i kommunens innstillinger. Gyldige: {units}.",
    },
    "unknown_subgoal": {
        "nn": "Tiltaket viser til delmålet «{goal}», som ikkje finst. Rett «delmal».",
        "nb": "Tiltaket viser til delmålet «{goal}», som ikke finnes. Rett «delmal».",
    },
    # --- soft advice ---
    "goal_without_deadline": {
        "nn": "Målet har ingen frist. Gode mål er tidfesta (SMARTE): legg inn «frist».",
        "nb": "Målet har ingen frist. Gode mål er tidfestet (SMARTE): legg inn «frist».",
    },
    "child_view_missing": {
        "nn": "Barnet er {age} år. Skriv i «barnets_medvirkning» korleis barnet sitt syn er henta inn, og "
        "kven som informerer barnet.",
        "nb": "Barnet er {age} år. Skriv i «barnets_medvirkning» hvordan barnets syn er innhentet, og "
        "hvem som informerer barnet.",
    },
    "one_participant_per_service": {
        "nn": "Fleire deltakarar frå same teneste ({service}). Hald deltakinga på eit minimum: éin per "
        "tenestestad.",
        "nb": "Flere deltakere fra samme tjeneste ({service}). Hold deltakelsen på et minimum: én per "
        "tjenestested.",
    },
}


def message(code: str, lang: Lang, **context: object) -> str:
    """The text for ``code`` in ``lang``, with ``{fields}`` filled from ``context``."""
    entry = MESSAGES.get(code)
    if entry is None:
        entry = MESSAGES["invalid"]
        context = {"detail": context.get("detail", code)}
    try:
        return entry[lang].format(**context)
    except (KeyError, IndexError):
        return entry[lang]
