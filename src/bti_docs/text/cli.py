"""The command line's texts: help for every command and argument, what the commands write, and argparse's
own frame ("usage:", "options", its error messages) in nynorsk and bokmål.

``CLI``: ``code → {"nn": ..., "nb": ...}`` with ``{name}`` fields (``str.format``). ``ARGPARSE``: argparse's
English msgid → ``{"nn": ..., "nb": ...}`` with argparse's own ``%`` fields, used by ``bti_docs.cli``'s parser
in place of gettext.
"""

from __future__ import annotations

from typing import Final

from bti_docs.i18n import Lang

CLI: Final[dict[str, dict[Lang, str]]] = {
    # --- the parser ---
    "cli.description": {
        "nn": "Dokument og arkiv for BTI og stafettloggen: valider, lag PDF/A, forsegl og arkiver.",
        "nb": "Dokumenter og arkiv for BTI og stafettloggen: valider, lag PDF/A, forsegl og arkiver.",
    },
    "cli.version": {"nn": "vis versjonen og avslutt", "nb": "vis versjonen og avslutt"},
    "cli.verbose": {"nn": "vis detaljar ved feil (traceback)", "nb": "vis detaljer ved feil (traceback)"},
    "cli.rules": {
        "nn": "innstillingsfila (archive_rules.yaml); elles $BTI_DOCS_RULES eller søk oppover",
        "nb": "innstillingsfilen (archive_rules.yaml); ellers $BTI_DOCS_RULES eller søk oppover",
    },
    "cli.ui_lang": {
        "nn": "språket bti-docs skriv på (nn eller nb); standard: kommunen si målform, elles nynorsk",
        "nb": "språket bti-docs skriver på (nn eller nb); standard: kommunens målform, ellers nynorsk",
    },
    "cli.command": {"nn": "kommandoen som skal køyrast", "nb": "kommandoen som skal kjøres"},
    "cli.validate": {"nn": "kontroller skjema (filer eller mapper)", "nb": "kontroller skjemaer (filer eller mapper)"},
    "cli.validate.paths": {
        "nn": "skjemafiler (YAML) eller mapper med skjema",
        "nb": "skjemafiler (YAML) eller mapper med skjemaer",
    },
    "cli.json": {"nn": "skriv resultatet som JSON", "nb": "skriv resultatet som JSON"},
    "cli.quiet": {"nn": "vis berre feil, ikkje åtvaringar", "nb": "vis bare feil, ikke advarsler"},
    "cli.render": {"nn": "lag forsegla PDF/A (og DOCX) av skjema", "nb": "lag forseglet PDF/A (og DOCX) av skjemaer"},
    "cli.inputs": {
        "nn": "skjemafiler (YAML) eller mapper med skjema",
        "nb": "skjemafiler (YAML) eller mapper med skjemaer",
    },
    "cli.output": {"nn": "mappa dokumenta vert skrivne til", "nb": "mappen dokumentene skrives til"},
    "cli.pdfa": {"nn": "PDF/A-nivå (standard 2b)", "nb": "PDF/A-nivå (standard 2b)"},
    "cli.doc_lang": {
        "nn": "målforma i dokumentet (standard: kommunen si); bti-docs skriv òg sjølv på henne",
        "nb": "målformen i dokumentet (standard: kommunens); bti-docs skriver også selv på den",
    },
    "cli.docx": {"nn": "lag òg DOCX (arbeidskopi)", "nb": "lag også DOCX (arbeidskopi)"},
    "cli.file": {
        "nn": "valider, lag PDF/A, forsegl og arkiver etter archive_rules.yaml",
        "nb": "valider, lag PDF/A, forsegl og arkiver etter archive_rules.yaml",
    },
    "cli.archive": {"nn": "arkivmappa", "nb": "arkivmappen"},
    "cli.event": {
        "nn": "arkiver som denne hendinga, t.d. «aarlig» for årleg arkivering ved enkeltvedtak",
        "nb": "arkiver som denne hendelsen, f.eks. «aarlig» for årlig arkivering ved enkeltvedtak",
    },
    "cli.workers": {"nn": "prosessar (standard: éin per kjerne)", "nb": "prosesser (standard: én per kjerne)"},
    "cli.cert": {
        "nn": "eininga sitt sertifikat (PKCS#12); elles «sertifikat» i archive_rules.yaml",
        "nb": "enhetens sertifikat (PKCS#12); ellers «sertifikat» i archive_rules.yaml",
    },
    "cli.cert_password_file": {
        "nn": "fil med passordet til sertifikatet (elles miljøvariabelen BTI_DOCS_CERT_PASSWORD)",
        "nb": "fil med passordet til sertifikatet (ellers miljøvariabelen BTI_DOCS_CERT_PASSWORD)",
    },
    "cli.trust": {
        "nn": "tillitsrot (PEM) som seglet vert kontrollert mot; kan gjevast fleire gonger",
        "nb": "tillitsrot (PEM) som seglet kontrolleres mot; kan gis flere ganger",
    },
    "cli.verify": {
        "nn": "kontroller arkivet: sjekksummar, segl, PDF/A og journalen",
        "nb": "kontroller arkivet: sjekksummer, segl, PDF/A og journalen",
    },
    "cli.archive_arg": {"nn": "arkivmappa", "nb": "arkivmappen"},
    "cli.skjema": {
        "nn": "skriv ut eit blankt skjema (YAML) for ein skjematype",
        "nb": "skriv ut et blankt skjema (YAML) for en skjematype",
    },
    "cli.skjema_file": {
        "nn": "skriv berre stien til JSON Schema-fila",
        "nb": "skriv bare stien til JSON Schema-filen",
    },
    "cli.watch_json": {
        "nn": "skriv utfallet for kvar innfil som JSON når han stoppar",
        "nb": "skriv utfallet for hver innfil som JSON når den stopper",
    },
    "cli.seal_detail": {
        "nn": "vis kvart segl: PAdES-nivå, tidsstempel og arkivtidsstempel per dokument",
        "nb": "vis hvert segl: PAdES-nivå, tidsstempel og arkivtidsstempel per dokument",
    },
    "cli.renew": {
        "nn": "nytt arkivtidsstempel (B-LTA) før det siste går ut; arkivert som ny versjon",
        "nb": "nytt arkivtidsstempel (B-LTA) før det siste går ut; arkivert som ny versjon",
    },
    "cli.renew_within": {
        "nn": "forny dokument der sertifikatet til siste arkivtidsstempel går ut innan så mange dagar (standard 90)",
        "nb": "forny dokumenter der sertifikatet til siste arkivtidsstempel går ut innen så mange dager "
              "(standard 90)",
    },
    "cli.receipt": {
        "nn": "kvittering (hash) eller kvitteringslogg (fil, éi kvittering per linje) som journalkjeda skal "
        "innehalde; kan gjevast fleire gonger",
        "nb": "kvittering (hash) eller kvitteringslogg (fil, én kvittering per linje) som journalkjeden skal "
        "inneholde; kan gis flere ganger",
    },
    "cli.reindex": {
        "nn": "bygg journalen opp att frå sidevognsfilene",
        "nb": "bygg journalen opp igjen fra sidevognsfilene",
    },
    "cli.skip_bad": {
        "nn": "hopp over dokument som ikkje stemmer med sidevognsfila (verify melder dei)",
        "nb": "hopp over dokumenter som ikke stemmer med sidevognsfilen (verify melder dem)",
    },
    "cli.accept_loss": {
        "nn": "bygg journalen sjølv om dokument den førre journalen hadde, er borte, og registrer tapet i "
        "journalkjeda",
        "nb": "bygg journalen selv om dokumenter den forrige journalen hadde, er borte, og registrer tapet i "
        "journalkjeden",
    },
    "cli.cases": {
        "nn": "aktive saker per eining: stafetthaldar, nivå, siste logg, neste møte",
        "nb": "aktive saker per enhet: stafettholder, nivå, siste logg, neste møte",
    },
    "cli.days": {
        "nn": "vis samtykke som går ut innan N dagar (standard: oversikt i archive_rules.yaml)",
        "nb": "vis samtykker som går ut innen N dager (standard: oversikt i archive_rules.yaml)",
    },
    "cli.due": {
        "nn": "frister: årleg kopi ved enkeltvedtak, loggar utan aktivitet, samtykke",
        "nb": "frister: årlig kopi ved enkeltvedtak, logger uten aktivitet, samtykker",
    },
    "cli.months": {
        "nn": "loggar utan aktivitet i N månader (standard: oversikt i archive_rules.yaml)",
        "nb": "logger uten aktivitet i N måneder (standard: oversikt i archive_rules.yaml)",
    },
    "cli.date": {"nn": "rekn frå denne datoen (standard: i dag)", "nb": "regn fra denne datoen (standard: i dag)"},
    "cli.csv": {"nn": "skriv CSV", "nb": "skriv CSV"},
    "cli.json_out": {"nn": "skriv JSON", "nb": "skriv JSON"},
    "cli.with_names": {
        "nn": "ta med namnet på barnet (berre til skjermen eller ei fil som berre du kan lese)",
        "nb": "ta med navnet på barnet (bare til skjermen eller en fil som bare du kan lese)",
    },
    "cli.out_file": {"nn": "skriv til ei ny fil (modus 0600)", "nb": "skriv til en ny fil (modus 0600)"},
    "cli.watch": {
        "nn": "overvak ein innboks og arkiver det som kjem",
        "nb": "overvåk en innboks og arkiver det som kommer",
    },
    "cli.web": {
        "nn": "web-app for skjema: utkast, kontroll, førehandsvising og innsending",
        "nb": "web-app for skjemaer: utkast, kontroll, forhåndsvisning og innsending",
    },
    "cli.demo": {
        "nn": "køyr heile eksempelsaka gjennom arkivet med testsertifikat",
        "nb": "kjør hele eksempelsaken gjennom arkivet med testsertifikat",
    },
    "cli.demo.folder": {
        "nn": "mappa demoen lagar arkivet og testsertifikatet i (standard: bti-demo)",
        "nb": "mappen demoen lager arkivet og testsertifikatet i (standard: bti-demo)",
    },
    "cli.samples": {
        "nn": "mappa med eksempelskjema (standard: samples/)",
        "nb": "mappen med eksempelskjemaer (standard: samples/)",
    },
    "cli.dev_cert": {
        "nn": "lag testsertifikat (test-CA og einingssertifikat) for demo og testar",
        "nb": "lag testsertifikater (test-CA og enhetssertifikat) for demo og tester",
    },
    "cli.dev_cert.folder": {
        "nn": "mappa testsertifikatet vert skrive til",
        "nb": "mappen testsertifikatet skrives til",
    },
    "cli.overwrite": {
        "nn": "skriv over eit eksisterande testsertifikat",
        "nb": "skriv over et eksisterende testsertifikat",
    },
    "cli.export": {
        "nn": "ta ut arkivet for arkivinstitusjonen (Noark 5-uttrekk, arkivmelding)",
        "nb": "ta ut arkivet for arkivinstitusjonen (Noark 5-uttrekk, arkivmelding)",
    },
    "cli.export.kind": {"nn": "kva som skal eksporterast", "nb": "hva som skal eksporteres"},
    "cli.export.noark5": {
        "nn": "Noark 5 v5.0-uttrekk (arkivstruktur.xml, journalar, ADDML, dokument)",
        "nb": "Noark 5 v5.0-uttrekk (arkivstruktur.xml, journaler, ADDML, dokumenter)",
    },
    "cli.export.folder": {"nn": "ny mappe for uttrekket", "nb": "ny mappe for uttrekket"},
    "cli.export.bagit": {
        "nn": "pakk uttrekket som BagIt (data/ + manifest)",
        "nb": "pakk uttrekket som BagIt (data/ + manifest)",
    },
    "cli.export.arkivmelding": {
        "nn": "éi Fiks Arkiv-arkivmelding per registrering, i ein utboks",
        "nb": "én Fiks Arkiv-arkivmelding per registrering, i en utboks",
    },
    "cli.export.outbox": {"nn": "utboksmappa", "nb": "utboksmappen"},
    "cli.export.again": {
        "nn": "eksporter òg registreringar som er sende før",
        "nb": "eksporter også registreringer som er sendt før",
    },
    "cli.export.receipt": {
        "nn": "registrer ei arkivmeldingKvittering frå arkivet",
        "nb": "registrer en arkivmeldingKvittering fra arkivet",
    },
    "cli.export.receipt_file": {
        "nn": "fila med arkivmeldingKvitteringa (XML)",
        "nb": "filen med arkivmeldingKvitteringen (XML)",
    },
    # --- watch ---
    "cli.watch.description": {
        "nn": "Arkiver skjema som vert lagde i ein innboks.",
        "nb": "Arkiver skjemaer som legges i en innboks.",
    },
    "cli.watch.inbox": {
        "nn": "mappa eininga legg ferdige skjema i (elles $BTI_DOCS_INBOX eller --config)",
        "nb": "mappen enheten legger ferdige skjemaer i (ellers $BTI_DOCS_INBOX eller --config)",
    },
    "cli.watch.archive": {"nn": "arkivet (elles $BTI_DOCS_ARCHIVE)", "nb": "arkivet (ellers $BTI_DOCS_ARCHIVE)"},
    "cli.watch.config": {
        "nn": "innstillingar for innboksen (YAML; elles ${env})",
        "nb": "innstillinger for innboksen (YAML; ellers ${env})",
    },
    "cli.watch.cert": {
        "nn": "sertifikatet som forseglar (elles $BTI_DOCS_CERT)",
        "nb": "sertifikatet som forsegler (ellers $BTI_DOCS_CERT)",
    },
    "cli.watch.trust": {"nn": "ekstra tillitsrot (kan gjentakast)", "nb": "ekstra tillitsrot (kan gjentas)"},
    "cli.watch.done": {
        "nn": "ferdige innfiler (standard INNBOKS/done)",
        "nb": "ferdige innfiler (standard INNBOKS/done)",
    },
    "cli.watch.rejected": {
        "nn": "avviste innfiler (standard INNBOKS/rejected)",
        "nb": "avviste innfiler (standard INNBOKS/rejected)",
    },
    "cli.watch.on_success": {
        "nn": "kva som skjer med innfila etter arkivering (standard move); ei innfil som reglane ikkje arkiverer "
        "noko for, går alltid til done",
        "nb": "hva som skjer med innfilen etter arkivering (standard move); en innfil som reglene ikke arkiverer "
        "noe for, går alltid til done",
    },
    "cli.watch.poll": {
        "nn": "spør mappa med jamne mellomrom (nettverksdisk: SMB/NFS)",
        "nb": "spør mappen med jevne mellomrom (nettverksdisk: SMB/NFS)",
    },
    "cli.watch.poll_interval": {
        "nn": "sekund mellom kvar gong (med --poll)",
        "nb": "sekunder mellom hver gang (med --poll)",
    },
    "cli.watch.once": {
        "nn": "behandle det som ligg i innboksen og avslutt (cron, testar)",
        "nb": "behandle det som ligger i innboksen og avslutt (cron, tester)",
    },
    "cli.watch.settle": {
        "nn": "fila må vere uendra så lenge før ho vert teken (standard 2)",
        "nb": "filen må være uendret så lenge før den blir tatt (standard 2)",
    },
    "cli.watch.rescan": {
        "nn": "full gjennomgang av innboksen så ofte (standard 60)",
        "nb": "full gjennomgang av innboksen så ofte (standard 60)",
    },
    "cli.watch.max_bytes": {"nn": "største tillatne innfil", "nb": "største tillatte innfil"},
    "cli.watch.retry": {
        "nn": "første venting etter ein feil på vår side (standard 30)",
        "nb": "første venting etter en feil på vår side (standard 30)",
    },
    "cli.watch.retry_max": {
        "nn": "lengste venting mellom forsøka etter ein feil på vår side",
        "nb": "lengste venting mellom forsøkene etter en feil på vår side",
    },
    "cli.watch.log_format": {
        "nn": "text (standard) eller json: eitt JSON-objekt per linje (journald, ELK)",
        "nb": "text (standard) eller json: ett JSON-objekt per linje (journald, ELK)",
    },
    "cli.watch.workers": {
        "nn": "prosessar som arkiverer samstundes (standard: éin per kjerne); kvar sak i rekkjefølgje",
        "nb": "prosesser som arkiverer samtidig (standard: én per kjerne); hver sak i rekkefølge",
    },
    "cli.watch.time_limit": {
        "nn": "lengste tid for eitt dokument før det vert stoppa (standard 120); same fil to gonger for lenge: "
        "avvist med rapport",
        "nb": "lengste tid for ett dokument før det blir stoppet (standard 120); samme fil to ganger for lenge: "
        "avvist med rapport",
    },
    "cli.watch.pdfa": {"nn": "PDF/A-variant (standard 2b)", "nb": "PDF/A-variant (standard 2b)"},
    "cli.watch.lang": {"nn": "målform i dokumenta", "nb": "målform i dokumentene"},
    "cli.watch.report_lang": {"nn": "målform i avvisingsrapportane", "nb": "målform i avvisningsrapportene"},
    "cli.watch.password_file": {
        "nn": "fil med passordet til sertifikatet (elles miljøvariabelen i innstillingane)",
        "nb": "fil med passordet til sertifikatet (ellers miljøvariabelen i innstillingene)",
    },
    "cli.watch.log_level": {
        "nn": "standard INFO; DEBUG kan skrive personopplysningar i loggen (tracebacks)",
        "nb": "standard INFO; DEBUG kan skrive personopplysninger i loggen (tracebacks)",
    },
    # --- web ---
    "cli.web.config": {
        "nn": "innstillingar for web-appen (YAML, sjå docs/web.md)",
        "nb": "innstillinger for web-appen (YAML, se docs/web.md)",
    },
    "cli.web.host": {
        "nn": "adressa appen lyttar på (standard {host})",
        "nb": "adressen appen lytter på (standard {host})",
    },
    "cli.web.port": {"nn": "porten (standard 8080)", "nb": "porten (standard 8080)"},
    "cli.web.data_dir": {"nn": "mappe for utkast-databasen og nøkkelen", "nb": "mappe for utkastdatabasen og nøkkelen"},
    "cli.web.inbox": {
        "nn": "innboksen (watch) for einingar utan eigen",
        "nb": "innboksen (watch) for enheter uten egen",
    },
    "cli.web.dev": {
        "nn": "utviklarbrukar med tilgang til alle einingar (berre på {host}, utan HTTPS)",
        "nb": "utviklerbruker med tilgang til alle enheter (bare på {host}, uten HTTPS)",
    },
    "cli.web.demo": {
        "nn": "prøv appen: --dev, testsertifikat, innboks og arkiv i MAPPE, og ein watcher ved sida av",
        "nb": "prøv appen: --dev, testsertifikat, innboks og arkiv i MAPPE, og en watcher ved siden av",
    },
    "cli.web.demo_watcher": {
        "nn": "Mappeovervaking: {inbox} → {archive} (testsertifikat: berre for testing, ikkje for bruk i produksjon)",
        "nb": "Mappeovervåking: {inbox} → {archive} (testsertifikat: bare for testing, ikke for bruk i produksjon)",
    },
    # --- what the commands write ---
    "cli.no_forms": {
        "nn": "Fann ingen skjema (*.yaml) i: {paths}",
        "nb": "Fant ingen skjemaer (*.yaml) i: {paths}",
    },
    "cli.status_ok": {"nn": "OK  ", "nb": "OK  "},
    "cli.status_error": {"nn": "FEIL", "nb": "FEIL"},
    "cli.status_again": {"nn": "ALT ", "nb": "ALT "},
    "cli.filed_before": {
        "nn": "(arkivert frå før: ikkje arkivert på nytt)",
        "nb": "(arkivert fra før: ikke arkivert på nytt)",
    },
    "cli.nothing_to_file": {
        "nn": "(ingen dokument å arkivere etter reglane)",
        "nb": "(ingen dokumenter å arkivere etter reglene)",
    },
    "cli.filed_summary": {"nn": "{ok} arkiverte, {bad} med feil", "nb": "{ok} arkivert, {bad} med feil"},
    "cli.receipt_line": {
        "nn": "Kvittering (siste journal-hash, ta vare på han utanfor arkivet): {receipt}",
        "nb": "Kvittering (siste journal-hash, ta vare på den utenfor arkivet): {receipt}",
    },
    "cli.loss": {
        "nn": "TAP  {path}: journalpost {seq} er registrert som tapt (journalpost {loss})",
        "nb": "TAP  {path}: journalpost {seq} er registrert som tapt (journalpost {loss})",
    },
    "cli.journal": {
        "nn": "Journalen: {documents} dokument, siste journalpost {head}",
        "nb": "Journalen: {documents} dokumenter, siste journalpost {head}",
    },
    "cli.archive_receipt": {
        "nn": "Kvittering for arkivet no (hash for siste journalpost): {hash}",
        "nb": "Kvittering for arkivet nå (hash for siste journalpost): {hash}",
    },
    "cli.archive_problems": {"nn": "{n} problem i arkivet", "nb": "{n} problemer i arkivet"},
    "cli.receipt_found": {
        "nn": "Kvitteringa finst i journalkjeda.",
        "nb": "Kvitteringen finnes i journalkjeden.",
    },
    "cli.receipts_found": {
        "nn": "Alle {n} kvitteringane finst i journalkjeda.",
        "nb": "Alle {n} kvitteringene finnes i journalkjeden.",
    },
    "cli.archive_ok": {
        "nn": "Arkivet er i orden: sjekksummar, segl, PDF/A og journalkjede stemmer.",
        "nb": "Arkivet er i orden: sjekksummer, segl, PDF/A og journalkjede stemmer.",
    },
    "cli.reindex_loss": {
        "nn": "TAP  {path} (journalpost {seq}) er registrert som tapt i journalpost {loss}",
        "nb": "TAP  {path} (journalpost {seq}) er registrert som tapt i journalpost {loss}",
    },
    "cli.reindexed": {
        "nn": "Journalen er bygd opp att frå {n} sidevognsfiler (sidecars).",
        "nb": "Journalen er bygd opp igjen fra {n} sidevognsfiler (sidecars).",
    },
    "cli.written_private": {
        "nn": "Skrive til {path} (berre lesbar for deg).",
        "nb": "Skrevet til {path} (bare lesbar for deg).",
    },
    "cli.demo_intro": {
        "nn": "Demo: {name}, {n} skjema frå {samples}",
        "nb": "Demo: {name}, {n} skjemaer fra {samples}",
    },
    "cli.demo_cert": {
        "nn": "Testsertifikat: {path} (TEST – ikkje for bruk i produksjon)",
        "nb": "Testsertifikat: {path} (TEST – ikke for bruk i produksjon)",
    },
    "cli.demo_refused": {
        "nn": "(Avvisinga av {n} skjema i *-avvist er venta: det viser kontrollen av saka.)",
        "nb": "(Avvisningen av {n} skjemaer i *-avvist er ventet: det viser kontrollen av saken.)",
    },
    "cli.demo_archive": {"nn": "Arkiv: {path}", "nb": "Arkiv: {path}"},
    "cli.demo_verify_ok": {
        "nn": "Kontroll (bti-docs verify): arkivet er i orden.",
        "nb": "Kontroll (bti-docs verify): arkivet er i orden.",
    },
    "cli.demo_verify_bad": {"nn": "Kontroll (bti-docs verify): FEIL.", "nb": "Kontroll (bti-docs verify): FEIL."},
    "cli.demo_due": {
        "nn": "Frister per {date} (bti-docs frister):",
        "nb": "Frister per {date} (bti-docs frister):",
    },
    "cli.noark5_done": {
        "nn": "Noark 5-uttrekk: {folder} ({cases} saker, {posts} journalpostar, {documents} dokument)",
        "nb": "Noark 5-uttrekk: {folder} ({cases} saker, {posts} journalposter, {documents} dokumenter)",
    },
    "cli.arkivmelding_done": {
        "nn": "Arkivmeldingar: {n} nye i {folder}, {skipped} sende før.",
        "nb": "Arkivmeldinger: {n} nye i {folder}, {skipped} sendt før.",
    },
    "cli.receipt_recorded": {
        "nn": "Kvittering registrert for journalpost {post}: {what}",
        "nb": "Kvittering registrert for journalpost {post}: {what}",
    },    "cli.seal_timestamp": {"nn": ", tidsstempel {time}", "nb": ", tidsstempel {time}"},
    "cli.seal_no_timestamp": {"nn": ", utan tidsstempel", "nb": ", uten tidsstempel"},
    "cli.seal_archive_timestamp": {"nn": ", arkivtidsstempel {time}", "nb": ", arkivtidsstempel {time}"},
    "cli.seal_not_ok": {"nn": " (IKKJE i orden)", "nb": " (IKKE i orden)"},
    "cli.seal_superseded": {"nn": " — erstatta av {path}", "nb": " — erstattet av {path}"},
    "cli.seal_failed_count": {"nn": "feil {n}", "nb": "feil {n}"},
    "cli.seal_levels": {
        "nn": "Segl per PAdES-nivå (gjeldande dokument): {counts}",
        "nb": "Segl per PAdES-nivå (gjeldende dokumenter): {counts}",
    },
    "cli.seal_superseded_count": {
        "nn": "{n} eldre versjonar er erstatta av fornya versjonar (og er tekne vare på)",
        "nb": "{n} eldre versjoner er erstattet av fornyede versjoner (og er tatt vare på)",
    },
    "cli.renewed": {
        "nn": "FORNYA {old} → {new} (journalpost {seq}; arkivtidsstempelet gjekk ut {expired}, det nye går ut "
        "{expires})",
        "nb": "FORNYET {old} → {new} (journalpost {seq}; arkivtidsstempelet gikk ut {expired}, det nye går ut "
        "{expires})",
    },
    "cli.renew_summary": {
        "nn": "{renewed} dokument fornya, {later} med arkivtidsstempel som varer meir enn {days} dagar til{first}, "
        "{not_lta} utan arkivtidsstempel (ikkje B-LTA).",
        "nb": "{renewed} dokumenter fornyet, {later} med arkivtidsstempel som varer mer enn {days} dager til{first}, "
        "{not_lta} uten arkivtidsstempel (ikke B-LTA).",
    },
    "cli.renew_first": {"nn": " (første går ut {date})", "nb": " (første går ut {date})"},
    "cli.devcert_made": {
        "nn": "Testsertifikat laga i {folder} ({mark}).",
        "nb": "Testsertifikat laget i {folder} ({mark}).",
    },
    "cli.devcert_root": {
        "nn": "  Rot-CA (klarert rot for validering): {path}",
        "nb": "  Rot-CA (klarert rot for validering): {path}",
    },
    "cli.devcert_subject": {"nn": "    Subjekt: {subject}", "nb": "    Subjekt: {subject}"},
    "cli.devcert_fingerprint": {"nn": "    SHA-256: {fingerprint}", "nb": "    SHA-256: {fingerprint}"},
    "cli.devcert_unit": {
        "nn": "  Seglsertifikat for eininga (PKCS#12): {path}",
        "nb": "  Seglsertifikat for enheten (PKCS#12): {path}",
    },
    "cli.devcert_valid": {"nn": "    Gyldig: {start} til {end}", "nb": "    Gyldig: {start} til {end}"},
    "cli.devcert_password": {
        "nn": "  Passordet ligg i {path} (berre lesbar for deg).",
        "nb": "  Passordet ligger i {path} (bare lesbar for deg).",
    },
    "cli.devcert_password_how": {
        "nn": "  Set det i miljøvariabelen {env}, eller vis til passordfila i oppsettet.",
        "nb": "  Sett det i miljøvariabelen {env}, eller vis til passordfilen i oppsettet.",
    },
    "cli.devcert_not_valid": {
        "nn": "  Dokument forsegla med dette sertifikatet er IKKJE gyldige utanfor testing.",
        "nb": "  Dokumenter forseglet med dette sertifikatet er IKKE gyldige utenfor testing.",
    },
}

# argparse's own frame (Python 3.11's msgids), in place of its gettext catalogue.
ARGPARSE: Final[dict[str, dict[Lang, str]]] = {
    "usage: ": {"nn": "bruk: ", "nb": "bruk: "},
    "positional arguments": {"nn": "argument", "nb": "argumenter"},
    "options": {"nn": "val", "nb": "valg"},
    "show this help message and exit": {"nn": "vis denne hjelpa og avslutt", "nb": "vis denne hjelpen og avslutt"},
    "%(prog)s: error: %(message)s\n": {"nn": "%(prog)s: feil: %(message)s\n", "nb": "%(prog)s: feil: %(message)s\n"},
    "the following arguments are required: %s": {
        "nn": "desse argumenta må vere med: %s",
        "nb": "disse argumentene må være med: %s",
    },
    "unrecognized arguments: %s": {"nn": "ukjende argument: %s", "nb": "ukjente argumenter: %s"},
    "invalid choice: %(value)r (choose from %(choices)s)": {
        "nn": "ugyldig val: %(value)r (vel mellom %(choices)s)",
        "nb": "ugyldig valg: %(value)r (velg mellom %(choices)s)",
    },
    "invalid %(type)s value: %(value)r": {
        "nn": "ugyldig verdi for %(type)s: %(value)r",
        "nb": "ugyldig verdi for %(type)s: %(value)r",
    },
    "argument %(argument_name)s: %(message)s": {
        "nn": "argumentet %(argument_name)s: %(message)s",
        "nb": "argumentet %(argument_name)s: %(message)s",
    },
    "expected one argument": {"nn": "ventar eitt argument", "nb": "venter ett argument"},
    "expected at most one argument": {"nn": "ventar høgst eitt argument", "nb": "venter høyst ett argument"},
    "expected at least one argument": {"nn": "ventar minst eitt argument", "nb": "venter minst ett argument"},
    "expected %s argument": {"nn": "ventar %s argument", "nb": "venter %s argument"},
    "expected %s arguments": {"nn": "ventar %s argument", "nb": "venter %s argumenter"},
    "not allowed with argument %s": {
        "nn": "ikkje lov saman med argumentet %s",
        "nb": "ikke lov sammen med argumentet %s",
    },
    "one of the arguments %s is required": {
        "nn": "eitt av argumenta %s må vere med",
        "nb": "ett av argumentene %s må være med",
    },
    "ambiguous option: %(option)s could match %(matches)s": {
        "nn": "tvetydig val: %(option)s kan vere %(matches)s",
        "nb": "tvetydig valg: %(option)s kan være %(matches)s",
    },
    "unknown parser %(parser_name)r (choices: %(choices)s)": {
        "nn": "ukjend kommando %(parser_name)r (val: %(choices)s)",
        "nb": "ukjent kommando %(parser_name)r (valg: %(choices)s)",
    },
    "ignored explicit argument %r": {"nn": "argumentet %r vart ikkje brukt", "nb": "argumentet %r ble ikke brukt"},
    "can't open '%(filename)s': %(error)s": {
        "nn": "kan ikkje opne «%(filename)s»: %(error)s",
        "nb": "kan ikke åpne «%(filename)s»: %(error)s",
    },
}
