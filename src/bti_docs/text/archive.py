"""What the archive says: ``verify``'s findings, filing and new versions, receipts, reindex, timestamp renewal and
the Noark 5 exports (extract, arkivmelding), the case checks at filing (``case.<problem code>``), the Noark
metadata defaults and event names (``event.<hendelse>``) and the ``saker``/``frister`` tables (``overview.*``), in
nynorsk and bokmål.

``code → {"nn": ..., "nb": ...}``, said through ``bti_docs.text.voice.say``; ``{name}`` fields are filled from
the context. Paths, sequence numbers, hashes and technical details only: no child's name or id number.
"""

from __future__ import annotations

from typing import Final

from bti_docs.i18n import Lang

ARCHIVE: Final[dict[str, dict[Lang, str]]] = {
    # --- verify: one finding each (VerifyProblem.code is the part after "verify.") ---
    "verify.no_archive": {"nn": "Arkivmappa finst ikkje.", "nb": "Arkivmappen finnes ikke."},
    "verify.journal_missing": {
        "nn": "Journalen manglar. Køyr «bti-docs reindex» for å byggje han opp att frå metadatafilene.",
        "nb": "Journalen mangler. Kjør «bti-docs reindex» for å bygge den opp igjen fra metadatafilene.",
    },
    "verify.journal_checksum": {
        "nn": "Journalfila stemmer ikkje med den lagra sjekksummen: ho er endra utanfor bti-docs.",
        "nb": "Journalfilen stemmer ikke med den lagrede sjekksummen: den er endret utenfor bti-docs.",
    },
    "verify.journal_checksum_missing": {
        "nn": "Sjekksummen for journalen manglar.",
        "nb": "Sjekksummen for journalen mangler.",
    },
    "verify.journal_wal": {
        "nn": "Journalen har uskrivne endringar (-wal).",
        "nb": "Journalen har uskrevne endringer (-wal).",
    },
    "verify.journal_corrupt": {
        "nn": "Journalen er øydelagd (SQLite-kontrollen feila).",
        "nb": "Journalen er ødelagt (SQLite-kontrollen feilet).",
    },
    "verify.journal_chain": {
        "nn": "Journalposten er endra: hash-kjeda er broten her.",
        "nb": "Journalposten er endret: hash-kjeden er brutt her.",
    },
    "verify.journal_events": {
        "nn": "Hendingsregisteret i journalen stemmer ikkje med journalpostane.",
        "nb": "Hendelsesregisteret i journalen stemmer ikke med journalpostene.",
    },
    "verify.pending": {
        "nn": "Ei arkivering vart avbroten. Opne arkivet for arkivering (eller køyr recover) for å rydde.",
        "nb": "En arkivering ble avbrutt. Åpne arkivet for arkivering (eller kjør recover) for å rydde.",
    },
    "verify.missing_pdf": {
        "nn": "Dokumentet er borte: PDF-fila til journalpost {seq} manglar.",
        "nb": "Dokumentet er borte: PDF-filen til journalpost {seq} mangler.",
    },
    "verify.missing_seq": {
        "nn": "Journalpost {seq} manglar: ingen metadatafil og ingen journalpost har dette sekvensnummeret lenger, "
        "så eit dokument er fjerna{where}.",
        "nb": "Journalpost {seq} mangler: ingen metadatafil og ingen journalpost har dette sekvensnummeret lenger, "
        "så et dokument er fjernet{where}.",
    },
    "verify.loss_record": {
        "nn": "Tapsregistreringa for journalpost {seq} manglar eller stemmer ikkje med journalen.",
        "nb": "Tapsregistreringen for journalpost {seq} mangler eller stemmer ikke med journalen.",
    },
    "verify.receipt_missing": {
        "nn": "Kvitteringa {receipt} finst ikkje i journalkjeda: journalen er skriven om eller forkorta etter at "
        "kvitteringa vart gjeven, og dokument kan vere fjerna.",
        "nb": "Kvitteringen {receipt} finnes ikke i journalkjeden: journalen er skrevet om eller forkortet etter at "
        "kvitteringen ble gitt, og dokumenter kan være fjernet.",
    },
    "verify.receipt_beyond_head": {
        "nn": "Journalen sluttar ved journalpost {head}, men kvitteringa {receipt} er for journalpost {seq}: "
        "journalpostane {missing} manglar.",
        "nb": "Journalen slutter ved journalpost {head}, men kvitteringen {receipt} er for journalpost {seq}: "
        "journalpostene {missing} mangler.",
    },
    "verify.receipt_seq": {
        "nn": "Kvitteringa {receipt} er for journalpost {seq}, men står no som journalpost {found}: journalen er "
        "skriven om.",
        "nb": "Kvitteringen {receipt} er for journalpost {seq}, men står nå som journalpost {found}: journalen er "
        "skrevet om.",
    },
    "verify.dir_permissions": {
        "nn": "Mappa har løyve {mode}; arkivmapper skal vere stengde for andre og ikkje skrivbare for gruppa "
        "(0750). Køyr «chmod 0750» på mappa.",
        "nb": "Mappen har tillatelser {mode}; arkivmapper skal være stengt for andre og ikke skrivbare for gruppen "
        "(0750). Kjør «chmod 0750» på mappen.",
    },
    "verify.journal_permissions": {
        "nn": "Fila har løyve {mode}; filene i journalmappa skal ikkje vere skrivbare for gruppa eller opne for "
        "andre.",
        "nb": "Filen har tillatelser {mode}; filene i journalmappen skal ikke være skrivbare for gruppen eller åpne "
        "for andre.",
    },
    "verify.journal_unexpected": {
        "nn": "Fila høyrer ikkje heime i journalmappa: bti-docs har ikkje laga ho. Finn ut kven som la ho der.",
        "nb": "Filen hører ikke hjemme i journalmappen: bti-docs har ikke laget den. Finn ut hvem som la den der.",
    },
    "verify.missing_sidecar": {"nn": "Metadatafila (Noark 5) manglar.", "nb": "Metadatafilen (Noark 5) mangler."},
    "verify.pdf_checksum": {
        "nn": "PDF-fila er endra: sjekksummen stemmer ikkje.",
        "nb": "PDF-filen er endret: sjekksummen stemmer ikke.",
    },
    "verify.pdf_size": {"nn": "PDF-fila har feil storleik.", "nb": "PDF-filen har feil størrelse."},
    "verify.sidecar_checksum": {
        "nn": "Metadatafila er endra: sjekksummen i journalen stemmer ikkje.",
        "nb": "Metadatafilen er endret: sjekksummen i journalen stemmer ikke.",
    },
    "verify.sidecar_invalid": {"nn": "Metadatafila er ugyldig: {detail}.", "nb": "Metadatafilen er ugyldig: {detail}."},
    "verify.sidecar_mismatch": {
        "nn": "Metadatafila og journalposten seier ulike ting.",
        "nb": "Metadatafilen og journalposten sier forskjellige ting.",
    },
    "verify.permissions": {
        "nn": "Fila har løyve {mode}; arkivfiler skal vere skriveverna og stengde for andre (0440).",
        "nb": "Filen har tillatelser {mode}; arkivfiler skal være skrivebeskyttet og stengt for andre (0440).",
    },
    "verify.no_seal": {"nn": "PDF-fila har inkje segl.", "nb": "PDF-filen har ikke noe segl."},
    "verify.seal_invalid": {"nn": "{detail}", "nb": "{detail}"},
    "verify.no_trust_roots": {
        "nn": "Ingen rot-sertifikat er oppgitt, så segla kan ikkje kontrollerast.",
        "nb": "Ingen rotsertifikater er oppgitt, så seglene kan ikke kontrolleres.",
    },
    "verify.pdfa": {"nn": "PDF/A ({detail}).", "nb": "PDF/A ({detail})."},
    "verify.copy_mismatch": {
        "nn": "Kopien av stafettloggen er ikkje lik originalen i arkivet.",
        "nb": "Kopien av stafettloggen er ikke lik originalen i arkivet.",
    },
    "verify.version_mismatch": {
        "nn": "Versjonen stemmer ikkje med versjonen ho skal erstatte ({detail}).",
        "nb": "Versjonen stemmer ikke med versjonen den skal erstatte ({detail}).",
    },
    "verify.version_checksum": {"nn": "{path}: sjekksum", "nb": "{path}: sjekksum"},
    "verify.unjournaled": {"nn": "Fila er ikkje journalført.", "nb": "Filen er ikke journalført."},
    "verify.temp_leftover": {
        "nn": "Mellombels fil frå ei avbroten arkivering.",
        "nb": "Midlertidig fil fra en avbrutt arkivering.",
    },
    "verify.symlink": {
        "nn": "Symbolske lenkjer høyrer ikkje heime i arkivet.",
        "nb": "Symbolske lenker hører ikke hjemme i arkivet.",
    },
    # --- receipts given to verify (--kvittering) ---
    "receipts.command_line": {"nn": "kommandolinja", "nb": "kommandolinjen"},
    "receipts.not_a_receipt": {
        "nn": "{source}: linja er ikkje ei kvittering (venta «TID SEKVENS HASH» eller berre HASH).",
        "nb": "{source}: linjen er ikke en kvittering (ventet «TID SEKVENS HASH» eller bare HASH).",
    },
    "receipts.unreadable": {
        "nn": "--kvittering {value}: verken ein hash (64 heksadesimale teikn) eller ei lesbar kvitteringsfil "
        "({reason}).",
        "nb": "--kvittering {value}: verken en hash (64 heksadesimale tegn) eller en lesbar kvitteringsfil "
        "({reason}).",
    },
    "receipts.empty_file": {
        "nn": "--kvittering {value}: fila har inga kvittering.",
        "nb": "--kvittering {value}: filen har ingen kvittering.",
    },
    # --- filing and new versions ---
    "filing.receipt_log_unwritable": {
        "nn": "Kvitteringsloggen {path} kan ikkje skrivast ({reason}). Ingenting er arkivert: kvar arkivering skal "
        "ha kvitteringa si utanfor arkivet. Sjekk at volumet er montert og skrivbart, eller endre «arkivering: "
        "kvitteringslogg» i archive_rules.yaml.",
        "nb": "Kvitteringsloggen {path} kan ikke skrives ({reason}). Ingenting er arkivert: hver arkivering skal "
        "ha kvitteringen sin utenfor arkivet. Sjekk at volumet er montert og skrivbart, eller endre «arkivering: "
        "kvitteringslogg» i archive_rules.yaml.",
    },
    "filing.receipt_not_written": {
        "nn": "Dokumenta er arkiverte og journalførte, men kvitteringa kunne ikkje skrivast til kvitteringsloggen "
        "{path} ({reason}). Kvitteringa står i loggen (systemjournalen): journalpost {seq}, {hash}. Skriv ho inn "
        "i kvitteringsloggen for hand når volumet er i orden.",
        "nb": "Dokumentene er arkivert og journalført, men kvitteringen kunne ikke skrives til kvitteringsloggen "
        "{path} ({reason}). Kvitteringen står i loggen (systemjournalen): journalpost {seq}, {hash}. Skriv den "
        "inn i kvitteringsloggen for hånd når volumet er i orden.",
    },
    "filing.case_changed": {
        "nn": "Eit anna dokument i saka vart arkivert medan dokumentet vart laga. Ingenting er skrive; prøv igjen.",
        "nb": "Et annet dokument i saken ble arkivert mens dokumentet ble laget. Ingenting er skrevet; prøv igjen.",
    },
    "filing.newer_log": {
        "nn": "Ein nyare stafettlogg for saka vart arkivert medan dokumentet vart laga. Ingenting er skrive; prøv "
        "igjen.",
        "nb": "En nyere stafettlogg for saken ble arkivert mens dokumentet ble laget. Ingenting er skrevet; prøv "
        "igjen.",
    },
    "filing.invalid_fields": {
        "nn": "Dokumentet kan ikkje arkiverast: ugyldige felt ({fields}). Ingenting er skrive.",
        "nb": "Dokumentet kan ikke arkiveres: ugyldige felt ({fields}). Ingenting er skrevet.",
    },
    "filing.name_taken": {
        "nn": "Arkivet har alt eit dokument med namnet {name} i {folder}. Stimalen har ikkje {{lopenummer}}, så det "
        "blir ikkje skrive over. Legg til {{lopenummer}} i stimalen i archive_rules.yaml.",
        "nb": "Arkivet har allerede et dokument med navnet {name} i {folder}. Stimalen har ikke {{lopenummer}}, så "
        "det blir ikke skrevet over. Legg til {{lopenummer}} i stimalen i archive_rules.yaml.",
    },
    "filing.folder_full": {
        "nn": "Mappa {folder} har alt {n} dokument med same namn.",
        "nb": "Mappen {folder} har allerede {n} dokumenter med samme navn.",
    },
    "filing.bad_path": {"nn": "Ugyldig arkivsti: {detail}.", "nb": "Ugyldig arkivsti: {detail}."},
    "filing.not_journaled": {"nn": "{path} er ikkje journalført.", "nb": "{path} er ikke journalført."},
    "filing.already_renewed": {
        "nn": "{path} er alt erstatta av ein nyare versjon; forny den nyaste.",
        "nb": "{path} er allerede erstattet av en nyere versjon; forny den nyeste.",
    },
    "filing.version_of_changed": {
        "nn": "{path} stemmer ikkje med journalen; ingen ny versjon er laga. Køyr «bti-docs verify».",
        "nb": "{path} stemmer ikke med journalen; ingen ny versjon er laget. Kjør «bti-docs verify».",
    },
    "filing.version_not_incremental": {
        "nn": "Den nye versjonen av {path} byggjer ikkje på den arkiverte fila; ingenting er skrive.",
        "nb": "Den nye versjonen av {path} bygger ikke på den arkiverte filen; ingenting er skrevet.",
    },
    "filing.no_version_name": {
        "nn": "Finn inkje ledig namn for ny versjon av {path}.",
        "nb": "Finner ikke ledig navn for ny versjon av {path}.",
    },
    "filing.disk_full": {
        "nn": "Arkivet {root} kan ikkje {what}: disken er full. Ingenting er halvskrive: det som ikkje vart ferdig "
        "arkivert, er fjerna. Frigjer plass på disken og prøv igjen.",
        "nb": "Arkivet {root} kan ikke {what}: disken er full. Ingenting er halvskrevet: det som ikke ble ferdig "
        "arkivert, er fjernet. Frigjør plass på disken og prøv igjen.",
    },
    "filing.cannot": {
        "nn": "Arkivet {root} kan ikkje {what}: {reason}. Sjekk tilgangen og prøv igjen; «bti-docs verify» viser om "
        "noko er uferdig.",
        "nb": "Arkivet {root} kan ikke {what}: {reason}. Sjekk tilgangen og prøv igjen; «bti-docs verify» viser om "
        "noe er uferdig.",
    },
    "filing.journal_error": {"nn": "{root}: {reason}", "nb": "{root}: {reason}"},
    "filing.what_open": {"nn": "opnast", "nb": "åpnes"},
    "filing.what_recover": {"nn": "ryddast", "nb": "ryddes"},
    "filing.what_file": {"nn": "skrivast til", "nb": "skrives til"},
    "filing.reason_sqlite": {"nn": "journalen (SQLite): {detail}", "nb": "journalen (SQLite): {detail}"},
    "filing.reason_no_access": {"nn": "manglar skrivetilgang", "nb": "mangler skrivetilgang"},
    "filing.reason_read_only": {"nn": "arkivet er skriveverna", "nb": "arkivet er skrivebeskyttet"},
    "filing.reason_busy": {
        "nn": "arkivet er i bruk av ein annan prosess",
        "nb": "arkivet er i bruk av en annen prosess",
    },
    "archive.unknown_event": {
        "nn": "Ukjend hending «{value}». Kjende: {known}.",
        "nb": "Ukjent hendelse «{value}». Kjente: {known}.",
    },
    "archive.no_journal": {
        "nn": "{root}: finn ingen journal (.bti-journal/{name}). Er dette eit arkiv frå bti-docs?",
        "nb": "{root}: finner ingen journal (.bti-journal/{name}). Er dette et arkiv fra bti-docs?",
    },
    "journal.gone": {
        "nn": "Journalfila er borte medan arkivet var ope. Køyr «bti-docs reindex».",
        "nb": "Journalfilen forsvant mens arkivet var åpent. Kjør «bti-docs reindex».",
    },
    "journal.changed": {
        "nn": "Journalen har endra seg under arkiveringa.",
        "nb": "Journalen har endret seg under arkiveringen.",
    },
    "sidecar.not_json": {"nn": "ikkje gyldig JSON ({kind})", "nb": "ikke gyldig JSON ({kind})"},
    "sidecar.bad_fields": {"nn": "feil form på felta {fields}", "nb": "feil form på feltene {fields}"},
    # --- reindex ---
    "recovery.loss_record_invalid": {
        "nn": "{path}: tapsregistreringa er ugyldig. Journalen er ikkje bygd på nytt.",
        "nb": "{path}: tapsregistreringen er ugyldig. Journalen er ikke bygget på nytt.",
    },
    "recovery.lost_document": {"nn": "{path} (journalpost {seq})", "nb": "{path} (journalpost {seq})"},
    "recovery.documents_lost": {
        "nn": "Den førre journalen hadde dokument som ikkje finst i arkivet no: {documents}. Journalen er ikkje "
        "bygd på nytt. Legg dokumenta tilbake frå tryggingskopien og køyr reindex på nytt, eller køyr «bti-docs "
        "reindex --godta-tap» for å registrere tapet i journalkjeda.",
        "nb": "Den forrige journalen hadde dokumenter som ikke finnes i arkivet nå: {documents}. Journalen er ikke "
        "bygget på nytt. Legg dokumentene tilbake fra sikkerhetskopien og kjør reindex på nytt, eller kjør "
        "«bti-docs reindex --godta-tap» for å registrere tapet i journalkjeden.",
    },
    # --- forny-tidsstempel ---
    "renewal.needs_tsa": {
        "nn": "Fornying av arkivtidsstempel krev ei tidsstempelteneste (tidsstempel_url i archive_rules.yaml).",
        "nb": "Fornying av arkivtidsstempel krever en tidsstempeltjeneste (tidsstempel_url i archive_rules.yaml).",
    },
    "renewal.not_longer": {
        "nn": "det nye arkivtidsstempelet varer ikkje lenger enn det gamle: sertifikatet til tidsstempeltenesta går "
        "ut like tidleg. Bruk ei teneste med nyare sertifikat",
        "nb": "det nye arkivtidsstempelet varer ikke lenger enn det gamle: sertifikatet til tidsstempeltjenesten går "
        "ut like tidlig. Bruk en tjeneste med nyere sertifikat",
    },
    "renewal.failed": {
        "nn": "{path}: den fornya fila held ikkje mål ({detail}). Ingenting er arkivert for dette dokumentet.",
        "nb": "{path}: den fornyede filen holder ikke mål ({detail}). Ingenting er arkivert for dette dokumentet.",
    },
    # --- Noark 5 extract and arkivmelding ---
    "noark.no_rules": {"nn": "Innstillingane manglar arkivering.", "nb": "Innstillingene mangler arkivering."},
    "noark.no_metadata": {
        "nn": "{path}: sidevognsfila manglar Noark 5-metadata (arkivert med ein eldre versjon). Ingen uttrekk er "
        "laga.",
        "nb": "{path}: sidevognsfilen mangler Noark 5-metadata (arkivert med en eldre versjon). Ikke noe uttrekk er "
        "laget.",
    },
    "noark.checksum": {
        "nn": "{path}: dokumentet stemmer ikkje med sjekksummen i sidevognsfila. Køyr «bti-docs verify». Ingen "
        "uttrekk er laga.",
        "nb": "{path}: dokumentet stemmer ikke med sjekksummen i sidevognsfilen. Kjør «bti-docs verify». Ikke noe "
        "uttrekk er laget.",
    },
    "noark.exists": {
        "nn": "{path} finst alt. Vel ei ny mappe for uttrekket.",
        "nb": "{path} finnes allerede. Velg en ny mappe for uttrekket.",
    },
    "noark.empty": {
        "nn": "Arkivet {root} har ingen dokument å ta ut.",
        "nb": "Arkivet {root} har ingen dokumenter å ta ut.",
    },
    "noark.check_failed": {
        "nn": "Uttrekket held ikkje kontrollen: {found}",
        "nb": "Uttrekket består ikke kontrollen: {found}",
    },
    "noark.addml_description": {
        "nn": "Noark 5 v5.0 arkivuttrekk frå {system} ({name})",
        "nb": "Noark 5 v5.0 arkivuttrekk fra {system} ({name})",
    },
    "noark.message_invalid": {
        "nn": "Arkivmeldinga for journalpost {post} held ikkje skjemaet og er ikkje skriven: {detail}",
        "nb": "Arkivmeldingen for journalpost {post} består ikke skjemaet og er ikke skrevet: {detail}",
    },
    "noark.receipt_invalid": {
        "nn": "{path}: ikkje ei gyldig kvittering ({detail}).",
        "nb": "{path}: ikke en gyldig kvittering ({detail}).",
    },
    "noark.receipt_unknown": {
        "nn": "{path}: kvitteringa gjeld journalpost {post}, som ikkje er eksportert frå dette arkivet.",
        "nb": "{path}: kvitteringen gjelder journalpost {post}, som ikke er eksportert fra dette arkivet.",
    },
    # --- Noark 5 metadata defaults when the settings name none: archive metadata, said in the municipality's
    # målform (never --lang), written into sidecars and exports ---
    "noark.arkivdeltittel": {"nn": "Stafettloggar og BTI-skjema", "nb": "Stafettlogger og BTI-skjema"},
    "noark.klassetittel": {
        "nn": "Betre tverrfagleg innsats (stafettlogg)",
        "nb": "Bedre tverrfaglig innsats (stafettlogg)",
    },
    # --- an event's name in a Noark title ({hendelsenavn}; the municipality's målform): "event.<Hendelse>" ---
    "event.overgang": {"nn": "overgang", "nb": "overgang"},
    "event.stafettholderbytte": {"nn": "skifte av stafetthaldar", "nb": "skifte av stafettholder"},
    "event.samtykke_trukket": {"nn": "samtykke trekt tilbake", "nb": "samtykke trukket tilbake"},
    "event.avslutning": {"nn": "avslutting", "nb": "avslutning"},
    "event.nytt_samtykke": {"nn": "nytt samtykke", "nb": "nytt samtykke"},
    "event.periodisk": {"nn": "periodisk arkivering", "nb": "periodisk arkivering"},
    "event.aarlig": {"nn": "årleg arkivering", "nb": "årlig arkivering"},
    "event.undringssamtale": {"nn": "undringssamtale", "nb": "undringssamtale"},
    "event.nivaaendring": {"nn": "endring av nivå", "nb": "endring av nivå"},
    # --- saker and frister (archive.overview): a table's headings ("overview.heading.<field>") and the words in
    # its rows ("overview.<type or status>") ---
    "overview.heading.sak": {"nn": "Sak", "nb": "Sak"},
    "overview.heading.enhet": {"nn": "Eining", "nb": "Enhet"},
    "overview.heading.niva": {"nn": "Nivå", "nb": "Nivå"},
    "overview.heading.stafetthaldar": {"nn": "Stafetthaldar", "nb": "Stafettholder"},
    "overview.heading.siste_stafettlogg": {"nn": "Siste logg", "nb": "Siste logg"},
    "overview.heading.neste_mote": {"nn": "Neste møte", "nb": "Neste møte"},
    "overview.heading.samtykke_gar_ut": {"nn": "Samtykke går ut", "nb": "Samtykke går ut"},
    "overview.heading.namn": {"nn": "Namn", "nb": "Navn"},
    "overview.heading.type": {"nn": "Kva", "nb": "Hva"},
    "overview.heading.frist": {"nn": "Frist", "nb": "Frist"},
    "overview.heading.status": {"nn": "Status", "nb": "Status"},
    "overview.heading.merknad": {"nn": "Merknad", "nb": "Merknad"},
    "overview.aarleg_kopi": {"nn": "årleg kopi (enkeltvedtak)", "nb": "årlig kopi (enkeltvedtak)"},
    "overview.inaktiv": {"nn": "logg utan aktivitet", "nb": "logg uten aktivitet"},
    "overview.samtykke_ute": {"nn": "samtykke gått ut", "nb": "samtykke gått ut"},
    "overview.forfallen": {"nn": "forfallen", "nb": "forfalt"},
    "overview.kjem": {"nn": "kjem", "nb": "kommer"},
    "overview.none_cases": {"nn": "Ingen aktive saker.", "nb": "Ingen aktive saker."},
    "overview.none_due": {"nn": "Ingenting forfalle eller på veg.", "nb": "Ingenting forfalt eller på vei."},
    "overview.barnehageaar": {"nn": "barnehageår", "nb": "barnehageår"},
    "overview.skoleaar": {"nn": "skuleår", "nb": "skoleår"},
    "overview.last_activity": {"nn": "siste aktivitet", "nb": "siste aktivitet"},
    # --- case checks at filing: the document against what the archive knows about its case (archive.case_checks;
    # the problem code is the part after "case.") ---
    "case.refused": {
        "nn": "Dokumentet passar ikkje med det arkivet veit om saka, og er ikkje arkivert:",
        "nb": "Dokumentet passer ikke med det arkivet vet om saken, og er ikke arkivert:",
    },
    "case.case_consent_withdrawn": {
        "nn": "Samtykket «{consent}» vart trekt tilbake {withdrawn} ({doc}). Eit dokument datert etter det kan "
        "ikkje byggje på samtykket. Innhent nytt samtykke, eller arkiver dokumentet med rett dato.",
        "nb": "Samtykket «{consent}» ble trukket tilbake {withdrawn} ({doc}). Et dokument datert etter det kan "
        "ikke bygge på samtykket. Innhent nytt samtykke, eller arkiver dokumentet med riktig dato.",
    },
    "case.case_consent_expired": {
        "nn": "Samtykket «{consent}» gjekk ut {expired} etter samtykkeskjemaet i arkivet ({doc}). Innhent nytt "
        "samtykke før dokumentet blir arkivert.",
        "nb": "Samtykket «{consent}» gikk ut {expired} etter samtykkeskjemaet i arkivet ({doc}). Innhent nytt "
        "samtykke før dokumentet arkiveres.",
    },
    "case.case_consent_not_yet": {
        "nn": "Samtykket «{consent}» gjeld først frå {valid_from} ({doc}). Overgangen kan ikkje byggje på det før.",
        "nb": "Samtykket «{consent}» gjelder først fra {valid_from} ({doc}). Overgangen kan ikke bygge på det før.",
    },
    "case.case_consent_unknown": {
        "nn": "Samtykket «{consent}» finst ikkje i saka. Arkiver samtykkeskjemaet først, eller rett samtykke_id.",
        "nb": "Samtykket «{consent}» finnes ikke i saken. Arkiver samtykkeskjemaet først, eller rett samtykke_id.",
    },
    "case.case_consent_not_covering": {
        "nn": "Samtykket «{consent}» ({doc}) omfattar ikkje tenesta «{service}» som tek imot barnet. Innhent "
        "samtykke som omfattar den nye tenesta før overgangen.",
        "nb": "Samtykket «{consent}» ({doc}) omfatter ikke tjenesten «{service}» som tar imot barnet. Innhent "
        "samtykke som omfatter den nye tjenesten før overgangen.",
    },
    "case.case_closed": {
        "nn": "Stafettloggen vart avslutta {closed} ({doc}). Ein ny stafettlogg eller overgang krev at loggen "
        "blir opna att med nytt samtykke til å opprette stafettlogg.",
        "nb": "Stafettloggen ble avsluttet {closed} ({doc}). En ny stafettlogg eller overgang krever at loggen "
        "åpnes igjen med nytt samtykke til å opprette stafettlogg.",
    },
    "case.copy_predates_holder_change": {
        "nn": "Kopien av stafettloggen som blir arkivert med hendinga, er frå {copy} og eldre enn skiftet av "
        "stafetthaldar {changed}. Arkiver ein oppdatert stafettlogg datert {event} saman med hendinga.",
        "nb": "Kopien av stafettloggen som arkiveres med hendelsen, er fra {copy} og eldre enn skiftet av "
        "stafettholder {changed}. Arkiver en oppdatert stafettlogg datert {event} sammen med hendelsen.",
    },
    "case.copy_old": {
        "nn": "Kopien av stafettloggen som blir arkivert med hendinga, er {days} dagar gammal (frå {copy}). "
        "Arkiver ein oppdatert stafettlogg datert {event} saman med hendinga.",
        "nb": "Kopien av stafettloggen som arkiveres med hendelsen, er {days} dager gammel (fra {copy}). "
        "Arkiver en oppdatert stafettlogg datert {event} sammen med hendelsen.",
    },
    "case.handover_without_transition": {
        "nn": "Loggen viser skifte av stafetthaldar til ei anna eining {day}, men overgangsskjemaet for det "
        "er ikkje i arkivet (enno). Arkiver overgangsskjemaet.",
        "nb": "Loggen viser skifte av stafettholder til en annen enhet {day}, men overgangsskjemaet for det "
        "er ikke i arkivet (ennå). Arkiver overgangsskjemaet.",
    },
}
