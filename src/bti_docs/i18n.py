"""Messages to staff, in nynorsk and bokmål.

One table: problem code → text in each målform. Texts say what is wrong and what to do; ``{name}`` fields are
filled from the problem's context. Nothing here may contain a child's name or id number: callers pass field
paths, dates and codes, never values from the form. The one exception is ``{excerpt}`` of ``yaml_at_*``: the line
of the file a YAML syntax error is on, quoted for the person who wrote it (``validate`` output and the
``rejected/`` report), never for a log line.
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
    # YAML syntax errors (bti_docs.forms.yaml_errors): where, the line itself, then what is wrong and what to do.
    "yaml_at_line_column": {
        "nn": "Linje {line}, kolonne {column}: «{excerpt}».",
        "nb": "Linje {line}, kolonne {column}: «{excerpt}».",
    },
    "yaml_at_line": {"nn": "Linje {line}: «{excerpt}».", "nb": "Linje {line}: «{excerpt}»."},
    "yaml_syntax": {
        "nn": "Fila kan ikkje lesast som YAML her. Sjekk at innrykket berre er mellomrom, at kvart feltnamn "
        "har kolon etter seg, og at tekst med spesialteikn står i hermeteikn.",
        "nb": "Filen kan ikke leses som YAML her. Sjekk at innrykket bare er mellomrom, at hvert feltnavn "
        "har kolon etter seg, og at tekst med spesialtegn står i anførselstegn.",
    },
    "yaml_tab": {
        "nn": "Linja har eit tabulatorteikn (vist som →). YAML godtek berre mellomrom: byt tabulatoren med "
        "mellomrom (to mellomrom per nivå).",
        "nb": "Linjen har et tabulatortegn (vist som →). YAML godtar bare mellomrom: bytt tabulatoren med "
        "mellomrom (to mellomrom per nivå).",
    },
    "yaml_colon_in_value": {
        "nn": "Teksten har eit kolon som vert lese som eit nytt felt. Set teksten i hermeteikn når han "
        "inneheld kolon, til dømes: felt: \"Merknad: tekst\".",
        "nb": "Teksten har et kolon som blir lest som et nytt felt. Sett teksten i anførselstegn når den "
        "inneholder kolon, for eksempel: felt: \"Merknad: tekst\".",
    },
    "yaml_indent_under_value": {
        "nn": "Linja har meir innrykk enn feltet over, som alt har ein verdi. Gje linja same innrykk som "
        "feltet over; er ho framhald av teksten over, set heile teksten i hermeteikn.",
        "nb": "Linjen har mer innrykk enn feltet over, som allerede har en verdi. Gi linjen samme innrykk som "
        "feltet over; er den en fortsettelse av teksten over, sett hele teksten i anførselstegn.",
    },
    "yaml_missing_colon": {
        "nn": "Det manglar kolon: kvar linje skal vere «felt: verdi». Set inn kolonet etter feltnamnet; "
        "er linja ein del av ein lengre tekst, må ho ha innrykk under feltet sitt.",
        "nb": "Det mangler kolon: hver linje skal være «felt: verdi». Sett inn kolonet etter feltnavnet; "
        "er linjen en del av en lengre tekst, må den ha innrykk under feltet sitt.",
    },
    "yaml_unclosed_quote": {
        "nn": "Hermeteiknet som byrjar her, vert aldri lukka. Set same slag hermeteikn til slutt i teksten.",
        "nb": "Anførselstegnet som begynner her, blir aldri lukket. Sett samme slags anførselstegn til slutt "
        "i teksten.",
    },
    "yaml_bad_escape": {
        "nn": "Ein omvendt skråstrek (\\) inne i doble hermeteikn må skrivast dobbelt (\\\\). Eller bruk "
        "enkle hermeteikn (') rundt teksten.",
        "nb": "En omvendt skråstrek (\\) inne i doble anførselstegn må skrives dobbelt (\\\\). Eller bruk "
        "enkle anførselstegn (') rundt teksten.",
    },
    "yaml_block_header": {
        "nn": "Etter «{char}» kan det ikkje stå tekst på same linje. Skriv teksten på linjene under, med to "
        "mellomrom meir innrykk enn feltet.",
        "nb": "Etter «{char}» kan det ikke stå tekst på samme linje. Skriv teksten på linjene under, med to "
        "mellomrom mer innrykk enn feltet.",
    },
    "yaml_block_not_indented": {
        "nn": "Teksten etter «{key}: |» må ha innrykk under feltet: rykk inn kvar linje i teksten med to "
        "mellomrom meir enn «{key}».",
        "nb": "Teksten etter «{key}: |» må ha innrykk under feltet: rykk inn hver linje i teksten med to "
        "mellomrom mer enn «{key}».",
    },
    "yaml_space_after_colon": {
        "nn": "Etter kolonet må det stå eit mellomrom: skriv «felt: verdi».",
        "nb": "Etter kolonet må det stå et mellomrom: skriv «felt: verdi».",
    },
    "yaml_block_line_not_indented": {
        "nn": "Linja høyrer truleg til teksten etter «{key}: |» (linje {header}), men har mista innrykket. Gje ho "
        "same innrykk som resten av teksten.",
        "nb": "Linjen hører trolig til teksten etter «{key}: |» (linje {header}), men har mistet innrykket. Gi den "
        "samme innrykk som resten av teksten.",
    },
    "yaml_unclosed_bracket": {
        "nn": "Ei liste eller gruppe som byrjar med «[» eller «{{», vert ikkje lukka. Lukk ho med «]» eller "
        "«}}», eller set teksten i hermeteikn om parentesen høyrer til teksten.",
        "nb": "En liste eller gruppe som begynner med «[» eller «{{», blir ikke lukket. Lukk den med «]» "
        "eller «}}», eller sett teksten i anførselstegn om parentesen hører til teksten.",
    },
    "yaml_special_start": {
        "nn": "Ein verdi kan ikkje byrje med teiknet «{char}». Set teksten i hermeteikn.",
        "nb": "En verdi kan ikke begynne med tegnet «{char}». Sett teksten i anførselstegn.",
    },
    "yaml_stray_char": {
        "nn": "Teiknet «{char}» kan ikkje stå her. Slett det, eller set teksten i hermeteikn om teiknet høyrer "
        "til teksten.",
        "nb": "Tegnet «{char}» kan ikke stå her. Slett det, eller sett teksten i anførselstegn om tegnet hører "
        "til teksten.",
    },
    "yaml_dash_in_value": {
        "nn": "Ein tekst kan ikkje byrje med «- » på same linje som feltet. Set teksten i hermeteikn, eller "
        "skriv lista på eigne linjer under feltet.",
        "nb": "En tekst kan ikke begynne med «- » på samme linje som feltet. Sett teksten i anførselstegn, "
        "eller skriv listen på egne linjer under feltet.",
    },
    "yaml_after_end": {
        "nn": "Det står noko etter slutten av skjemaet («...» eller «---» over). Slett desse linjene, eller "
        "flytt innhaldet opp i skjemaet.",
        "nb": "Det står noe etter slutten av skjemaet («...» eller «---» over). Slett disse linjene, eller "
        "flytt innholdet opp i skjemaet.",
    },
    "yaml_text_after_quote": {
        "nn": "Teksten held fram etter det avsluttande hermeteiknet. Set heile teksten i hermeteikn, og bruk "
        "«» eller ' for hermeteikn inne i teksten.",
        "nb": "Teksten fortsetter etter det avsluttende anførselstegnet. Sett hele teksten i anførselstegn, "
        "og bruk «» eller ' for anførselstegn inne i teksten.",
    },
    "yaml_list_in_mapping": {
        "nn": "Eit listepunkt («- ») står der det skulle vore eit felt. Gje «- » same innrykk som dei andre "
        "punkta i lista, under eit felt som sluttar med kolon.",
        "nb": "Et listepunkt («- ») står der det skulle vært et felt. Gi «- » samme innrykk som de andre "
        "punktene i listen, under et felt som slutter med kolon.",
    },
    "yaml_mapping_in_list": {
        "nn": "Eit felt står der det skulle vore eit listepunkt. Byrjar det eit nytt punkt, set «- » framfor; "
        "høyrer feltet til punktet over, gje det same innrykk som felta i det punktet.",
        "nb": "Et felt står der det skulle vært et listepunkt. Begynner det et nytt punkt, sett «- » foran; "
        "hører feltet til punktet over, gi det samme innrykk som feltene i det punktet.",
    },
    "yaml_empty_key": {
        "nn": "Linja byrjar med kolon: feltnamnet framfor kolonet manglar.",
        "nb": "Linjen begynner med kolon: feltnavnet foran kolonet mangler.",
    },
    "yaml_bad_indent": {
        "nn": "Innrykket passar ikkje med linjene over. Felt på same nivå skal ha nøyaktig same innrykk, og "
        "underfelt to mellomrom meir enn feltet dei høyrer til.",
        "nb": "Innrykket passer ikke med linjene over. Felt på samme nivå skal ha nøyaktig samme innrykk, og "
        "underfelt to mellomrom mer enn feltet de hører til.",
    },
    "yaml_control_char": {
        "nn": "Fila har eit usynleg kontrollteikn ({char_code}) her. Slett teiknet, eller skriv teksten inn på nytt.",
        "nb": "Filen har et usynlig kontrolltegn ({char_code}) her. Slett tegnet, eller skriv teksten inn på nytt.",
    },
    "yaml_complex_key": {
        "nn": "Eit feltnamn må vere eitt ord (til dømes «fornavn»), ikkje ei liste eller ei gruppe. Sjekk "
        "linjer som byrjar med «?», «[» eller «{{».",
        "nb": "Et feltnavn må være ett ord (for eksempel «fornavn»), ikke en liste eller en gruppe. Sjekk "
        "linjer som begynner med «?», «[» eller «{{».",
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
        "nn": "Fila er tom. Fyll ut eit blankt skjema og lagra det i denne fila.",
        "nb": "Filen er tom. Fyll ut et blankt skjema og lagre det i denne filen.",
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
    # --- `bti-docs validate` output ---
    "cli_line": {"nn": "linje {line}", "nb": "linje {line}"},
    "cli_warning": {"nn": "åtvaring", "nb": "advarsel"},
    "cli_form_template": {"nn": "Malen for skjemaet: {path}", "nb": "Malen for skjemaet: {path}"},
    "cli_form_command": {
        "nn": "Malen for skjemaet får du med: bti-docs skjema {kind} > {kind}.yaml",
        "nb": "Malen for skjemaet får du med: bti-docs skjema {kind} > {kind}.yaml",
    },
    "cli_validate_summary": {"nn": "{ok} gyldige, {bad} med feil", "nb": "{ok} gyldige, {bad} med feil"},
    # --- schema ---
    "missing": {
        "nn": "Feltet manglar. Legg det til og fyll det ut.",
        "nb": "Feltet mangler. Legg det til og fyll det ut.",
    },
    "extra_forbidden": {
        "nn": "Ukjent felt. Sjekk stavinga, eller fjern feltet.",
        "nb": "Ukjent felt. Sjekk stavingen, eller fjern feltet.",
    },
    "unknown_key_did_you_mean": {
        "nn": "Ukjent felt. Meinte du «{suggestion}»? Rett stavinga.",
        "nb": "Ukjent felt. Mente du «{suggestion}»? Rett stavingen.",
    },
    "key_not_ascii": {
        "nn": "Nøklane skrivast utan æ, ø, å: {suggestion}",
        "nb": "Nøklene skrives uten æ, ø, å: {suggestion}",
    },
    "block_not_indented": {
        "nn": "Teksten etter «{key}: |» (linje {line}) må ha innrykk under feltet: rykk inn kvar linje i "
        "teksten med to mellomrom meir enn «{key}». No vert linjene lesne som ukjende felt.",
        "nb": "Teksten etter «{key}: |» (linje {line}) må ha innrykk under feltet: rykk inn hver linje i "
        "teksten med to mellomrom mer enn «{key}». Nå blir linjene lest som ukjente felt.",
    },
    "empty": {"nn": "Feltet er tomt: fyll inn {what}.", "nb": "Feltet er tomt: fyll inn {what}."},
    "empty_item": {
        "nn": "Punktet i lista er tomt: fyll inn {what}, eller slett linja «- ».",
        "nb": "Punktet i listen er tomt: fyll inn {what}, eller slett linjen «- ».",
    },
    "child_or_pregnancy_blank": {
        "nn": "Fyll inn anten barn eller svangerskap, og slett den andre blokka («{blank}» er tom).",
        "nb": "Fyll inn enten barn eller svangerskap, og slett den andre blokken («{blank}» er tom).",
    },
    "child_or_pregnancy_both_blank": {
        "nn": "Fyll inn anten barn eller svangerskap, og slett den andre blokka.",
        "nb": "Fyll inn enten barn eller svangerskap, og slett den andre blokken.",
    },
    # what to fill in (the {what} of "empty" and "empty_item")
    "what_text": {"nn": "ein tekst", "nb": "en tekst"},
    "what_date": {"nn": "ein dato (ÅÅÅÅ-MM-DD)", "nb": "en dato (ÅÅÅÅ-MM-DD)"},
    "what_choice": {"nn": "ein av verdiane {expected}", "nb": "en av verdiene {expected}"},
    "what_bool": {"nn": "true (ja) eller false (nei)", "nb": "true (ja) eller false (nei)"},
    "what_int": {"nn": "eit heiltal", "nb": "et heltall"},
    "what_list": {"nn": "ei liste (linjer som byrjar med «- »)", "nb": "en liste (linjer som begynner med «- »)"},
    "what_mapping": {"nn": "underfelta", "nb": "underfeltene"},
    "what_slug": {
        "nn": "eininga sin id frå innstillingane (til dømes «lia-barnehage»)",
        "nb": "enhetens id fra innstillingene (for eksempel «lia-barnehage»)",
    },
    "what_case_key": {
        "nn": "ein saksnøkkel (til dømes «FV-2026-0007»)",
        "nb": "en saksnøkkel (for eksempel «FV-2026-0007»)",
    },
    "what_value": {"nn": "ein verdi", "nb": "en verdi"},
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
        "nn": "Feltet er tomt: fyll inn ein tekst.",
        "nb": "Feltet er tomt: fyll inn en tekst.",
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
    # --- single-document rules (issue 11 item 4) and consent evidence (item 5) ---
    "unit_service_not_covered": {
        "nn": "«enhet»: tenesta til eininga «{unit}» ({service}) er ikkje dekt av eit samtykke som gjeld "
        "{date}. Legg samtykket til under «samtykker», eller hent inn nytt samtykke.",
        "nb": "«enhet»: tjenesten til enheten «{unit}» ({service}) er ikke dekket av et samtykke som gjelder "
        "{date}. Legg samtykket til under «samtykker», eller innhent nytt samtykke.",
    },
    "meeting_without_consent": {
        "nn": "«{field}»: møtet {date} var ikkje dekt av eit samtykke til å opprette stafettlogg som galdt den "
        "dagen (sjå «samtykker»). Rett datoen, eller før opp samtykket som galdt då.",
        "nb": "«{field}»: møtet {date} var ikke dekket av et samtykke til å opprette stafettlogg som gjaldt den "
        "dagen (se «samtykker»). Rett datoen, eller før opp samtykket som gjaldt da.",
    },
    "meeting_service_not_covered": {
        "nn": "«{field}»: tenesta {service} var med på møtet {date}, men ingen samtykke i «samtykker» "
        "omfatta henne den dagen. Ny teneste krev samtykke før ho blir invitert.",
        "nb": "«{field}»: tjenesten {service} var med på møtet {date}, men ingen samtykke i «samtykker» "
        "omfattet den den dagen. Ny tjeneste krever samtykke før den inviteres.",
    },
    "measures_without_goal": {
        "nn": "«tiltak» har tiltak, men loggen har ikkje mål. Skriv «hovedmal» (og gjerne «delmal») som "
        "tiltaka skal føre til.",
        "nb": "«tiltak» har tiltak, men loggen har ikke mål. Skriv «hovedmal» (og gjerne «delmal») som "
        "tiltakene skal føre til.",
    },
    "transition_same_from_to": {
        "nn": "«fra» og «til» er like (same eining, teneste, nivå og kommune). Ein overgang går til ei anna "
        "eining, teneste, eit anna nivå eller ein annan kommune: rett «til».",
        "nb": "«fra» og «til» er like (samme enhet, tjeneste, nivå og kommune). En overgang går til en annen "
        "enhet, tjeneste, et annet nivå eller en annen kommune: rett «til».",
    },
    "access_removed_before_acceptance": {
        "nn": "«tilgang_fjernes_dato» ({removed}) er før «akseptert_dato» ({accepted}). Avtroppande tilsette "
        "held tilgangen til ny stafetthaldar har teke imot stafettpinnen: set ein dato same dag eller seinare.",
        "nb": "«tilgang_fjernes_dato» ({removed}) er før «akseptert_dato» ({accepted}). Avtroppende ansatte "
        "beholder tilgangen til ny stafettholder har tatt imot stafettpinnen: sett en dato samme dag eller senere.",
    },
    "concern_words_flag_false": {
        "nn": "Fritekst i {fields} kan tyde på vald, overgrep eller alvorleg omsorgssvikt, men "
        "«mistanke_vold_overgrep» er false. Ved slik mistanke skal det ikkje førast stafettlogg: meld til "
        "barnevernet straks. Er det ingen slik mistanke, kan du sjå bort frå denne åtvaringa.",
        "nb": "Fritekst i {fields} kan tyde på vold, overgrep eller alvorlig omsorgssvikt, men "
        "«mistanke_vold_overgrep» er false. Ved slik mistanke skal det ikke føres stafettlogg: meld til "
        "barnevernet straks. Er det ingen slik mistanke, kan du se bort fra denne advarselen.",
    },
    "establishing_consent_not_written": {
        "nn": "«avgitt_form»: samtykket til å opprette stafettlogg skal vere skriftleg (papir_signatur eller "
        "digitalt). Kommunen sine innstillingar tillèt ikkje munnleg samtykke "
        "(kommune.muntlig_samtykke_til_oppretting).",
        "nb": "«avgitt_form»: samtykket til å opprette stafettlogg skal være skriftlig (papir_signatur eller "
        "digitalt). Kommunens innstillinger tillater ikke muntlig samtykke "
        "(kommune.muntlig_samtykke_til_oppretting).",
    },
    "consent_signed_date_missing": {
        "nn": "«{field}»: skriv datoen då denne personen skreiv under samtykket (ÅÅÅÅ-MM-DD).",
        "nb": "«{field}»: skriv datoen da denne personen skrev under samtykket (ÅÅÅÅ-MM-DD).",
    },
    "consent_signed_in_future": {
        "nn": "«{field}»: underskriftsdatoen {date} er fram i tid. Rett datoen.",
        "nb": "«{field}»: underskriftsdatoen {date} er frem i tid. Rett datoen.",
    },
    "consent_signed_after_valid_from": {
        "nn": "«{field}»: underskrifta ({date}) er etter «gyldig_fra» ({valid_from}). Samtykket kan ikkje "
        "gjelde før det er gitt: rett «gyldig_fra» eller underskriftsdatoen.",
        "nb": "«{field}»: underskriften ({date}) er etter «gyldig_fra» ({valid_from}). Samtykket kan ikke "
        "gjelde før det er gitt: rett «gyldig_fra» eller underskriftsdatoen.",
    },
    "consent_digital_reference_missing": {
        "nn": "«{field}»: samtykket er signert digitalt. Skriv referansen frå systemet («system») til "
        "signeringa, så originalen kan finnast att.",
        "nb": "«{field}»: samtykket er signert digitalt. Skriv referansen fra systemet («system») til "
        "signeringen, så originalen kan finnes igjen.",
    },
    "consent_digital_system_missing": {
        "nn": "«{field}» er signert digitalt, men «system» er tomt. Skriv kva system samtykket vart signert i.",
        "nb": "«{field}» er signert digitalt, men «system» er tomt. Skriv hvilket system samtykket ble signert i.",
    },
    "consent_original_location_missing": {
        "nn": "«original_oppbevart»: samtykket er underskrive på papir. Skriv kvar det underskrivne "
        "originalet er oppbevart (til dømes barnet si mappe i arkivet til eininga).",
        "nb": "«original_oppbevart»: samtykket er underskrevet på papir. Skriv hvor den underskrevne "
        "originalen oppbevares (for eksempel barnets mappe i enhetens arkiv).",
    },
    "consent_oral_but_signed": {
        "nn": "«{field}»: samtykket er munnleg («avgitt_form: muntlig_med_referat»), men personen står som "
        "signert. Rett «avgitt_form» eller fjern «signert».",
        "nb": "«{field}»: samtykket er muntlig («avgitt_form: muntlig_med_referat»), men personen står som "
        "signert. Rett «avgitt_form» eller fjern «signert».",
    },
    # --- issue 14: command line and watcher start-up (ops) ---
    "cli_no_trust_root": {
        "nn": "Ingen tillitsrot å kontrollere segla mot. Gje rotsertifikatet (PEM) med --trust FIL, eller set "
        "«sertifikat.tillitsrot» i innstillingsfila (archive_rules.yaml).",
        "nb": "Ingen tillitsrot å kontrollere seglene mot. Oppgi rotsertifikatet (PEM) med --trust FIL, eller sett "
        "«sertifikat.tillitsrot» i innstillingsfilen (archive_rules.yaml).",
    },
    "watch_no_trust_root": {
        "nn": "Overvakinga startar ikkje: ingen tillitsrot å kontrollere segla mot, så kvar fil ville bli avvist. "
        "Gje rotsertifikatet (PEM) med --trust FIL eller BTI_DOCS_TRUST, eller set «sertifikat.tillitsrot» i "
        "innstillingsfila (archive_rules.yaml).",
        "nb": "Overvåkingen starter ikke: ingen tillitsrot å kontrollere seglene mot, så hver fil ville blitt "
        "avvist. Oppgi rotsertifikatet (PEM) med --trust FIL eller BTI_DOCS_TRUST, eller sett "
        "«sertifikat.tillitsrot» i innstillingsfilen (archive_rules.yaml).",
    },
    "settings_not_found": {
        "nn": "Fann ikkje innstillingsfila {name}. Leita i {searched} og mappene over. Gje fila med --rules FIL "
        "eller miljøvariabelen {env}, eller legg ho i {system} (der ein installert tenar har henne).",
        "nb": "Fant ikke innstillingsfilen {name}. Lette i {searched} og mappene over. Oppgi filen med --rules "
        "FIL eller miljøvariabelen {env}, eller legg den i {system} (der en installert server har den).",
    },
    "cli_file_filed": {"nn": "OK  ", "nb": "OK  "},
    "cli_file_duplicate": {
        "nn": "arkivert frå før: ikkje arkivert på nytt",
        "nb": "arkivert fra før: ikke arkivert på nytt",
    },
    "cli_file_nothing": {
        "nn": "ingen dokument å arkivere etter reglane",
        "nb": "ingen dokumenter å arkivere etter reglene",
    },
    "cli_file_summary": {
        "nn": "{ok} arkiverte, {bad} med feil",
        "nb": "{ok} arkivert, {bad} med feil",
    },
    "cli_file_summary_again": {
        "nn": "{ok} arkiverte, {again} arkiverte frå før (ikkje på nytt), {bad} med feil",
        "nb": "{ok} arkivert, {again} arkivert fra før (ikke på nytt), {bad} med feil",
    },
    "cli_file_receipt": {
        "nn": "Kvittering (siste journal-hash, ta vare på han utanfor arkivet): {receipt}",
        "nb": "Kvittering (siste journal-hash, ta vare på den utenfor arkivet): {receipt}",
    },
    "cli_file_progress": {"nn": "Arkiverer", "nb": "Arkiverer"},
    "cli_file_interrupted": {
        "nn": "Avbrote. {done} av {total} skjema var ferdige då; dei andre er ikkje arkiverte og kan køyrast på "
        "nytt (det som er arkivert, vert ikkje arkivert to gonger).",
        "nb": "Avbrutt. {done} av {total} skjemaer var ferdige da; de andre er ikke arkivert og kan kjøres på "
        "nytt (det som er arkivert, blir ikke arkivert to ganger).",
    },
    "cli_file_journal_head": {
        "nn": "Kvittering for arkivet no (journalpost {seq}): {receipt}",
        "nb": "Kvittering for arkivet nå (journalpost {seq}): {receipt}",
    },
    "glyph_missing_field": {
        "nn": "Teksten har teikn som skrifta i dokumentet ikkje kan vise: {chars}. Skriv teksten utan desse "
        "teikna (til dømes emoji).",
        "nb": "Teksten har tegn som skriften i dokumentet ikke kan vise: {chars}. Skriv teksten uten disse "
        "tegnene (for eksempel emoji).",
    },
    "blank_form_title": {"nn": "{title} – blankt skjema", "nb": "{title} – blankt skjema"},
    "blank_form_howto": {
        "nn": "Slik fyller du ut:\n"
        "- Datoar skriv du ÅÅÅÅ-MM-DD, til dømes 2026-03-05.\n"
        "- Felt merkte (valfritt) kan stå tomme eller slettast. Alle andre felt må fyllast ut.\n"
        "- Lengre tekst skriv du etter «|» på nye linjer med to mellomrom innrykk.\n"
        "- Innrykk er berre mellomrom (to per nivå), aldri tabulator.\n"
        "- Gje fila eit namn utan personopplysningar, til dømes FV-2026-0007-{kind}-2026-04.yaml.\n"
        "- Kontroller fila med: bti-docs validate FIL",
        "nb": "Slik fyller du ut:\n"
        "- Datoer skriver du ÅÅÅÅ-MM-DD, for eksempel 2026-03-05.\n"
        "- Felt merket (valgfritt) kan stå tomme eller slettes. Alle andre felt må fylles ut.\n"
        "- Lengre tekst skriver du etter «|» på nye linjer med to mellomrom innrykk.\n"
        "- Innrykk er bare mellomrom (to per nivå), aldri tabulator.\n"
        "- Gi filen et navn uten personopplysninger, for eksempel FV-2026-0007-{kind}-2026-04.yaml.\n"
        "- Kontroller filen med: bti-docs validate FIL",
    },
    "blank_form_subject": {
        "nn": "Fyll ut ANTEN «barn» ELLER «svangerskap», og slett den andre.",
        "nb": "Fyll ut ENTEN «barn» ELLER «svangerskap», og slett den andre.",
    },
    "blank_form_kind": {"nn": "Skjematypen. Skal ikkje endrast.", "nb": "Skjematypen. Skal ikke endres."},
    "blank_form_date": {"nn": "ÅÅÅÅ-MM-DD", "nb": "ÅÅÅÅ-MM-DD"},
    "blank_form_choices": {"nn": "Ein av: {choices}", "nb": "En av: {choices}"},
    "blank_form_several": {"nn": "Ei liste med nokre av: {choices}", "nb": "En liste med noen av: {choices}"},
    "blank_form_repeat": {
        "nn": "Ei liste: kopier «-»-blokka for kvar ny",
        "nb": "En liste: kopier «-»-blokken for hver ny",
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
