"""The watch folder's operator lines (``bti-docs watch`` on stderr / in the journal), in nynorsk and bokmål.

``WATCH``: ``code → {"nn": ..., "nb": ...}`` with ``{name}`` fields (``str.format``). The lines name an input
only by its claim id (added in front by the log format), and carry counts, short hashes, error codes
(``EACCES``), exception types and the watcher's own folders: never a file's name or a value from a form.
``bti_docs.watch.logline`` says them; the JSON log keeps the machine fields (event, id, counts) beside the text.

The same catalogue holds what staff read in the watch folders: the receipt in ``done/`` (``watch.receipt.*``),
the rejection report in ``rejected/`` (``watch.report.*``) and the watcher's own refusals of a file
(``watch.refusal.<problem code>``). These may name the file they sit beside, never a value from a form.
"""

from __future__ import annotations

from typing import Final

from bti_docs.i18n import Lang


def _both(nn: str, nb: str) -> dict[Lang, str]:
    return {"nn": nn, "nb": nb}


WATCH: Final[dict[str, dict[Lang, str]]] = {
    # --- start, observer, stop ---
    "watch.log.started": _both("bti-docs watch starta ({mode}): innboks {inbox}, arkiv {archive}",
                               "bti-docs watch startet ({mode}): innboks {inbox}, arkiv {archive}"),
    "watch.log.mode.once": _both("éin gong", "én gang"),
    "watch.log.mode.polling": _both("avspørjing", "avspørring"),
    "watch.log.mode.events": _both("hendingar frå operativsystemet", "hendelser fra operativsystemet"),
    "watch.log.workers": _both("{count} arbeidsprosess(ar)", "{count} arbeidsprosess(er)"),
    "watch.log.watching": _both("Overvakar innboksen med {how}", "Overvåker innboksen med {how}"),
    "watch.log.observer.native": _both("hendingar frå operativsystemet", "hendelser fra operativsystemet"),
    "watch.log.observer.polling": _both("avspørjing", "avspørring"),
    "watch.log.observer.fallback": _both("avspørjing (reserveløysing)", "avspørring (reserveløsning)"),
    "watch.log.observer_failed": _both("Overvaking med {how} feila ({reason})",
                                       "Overvåking med {how} feilet ({reason})"),
    "watch.log.no_observer": _both("Inga overvaking: berre ein gjennomgang av innboksen kvart {seconds}. sekund",
                                   "Ingen overvåking: bare en gjennomgang av innboksen hvert {seconds}. sekund"),
    "watch.log.stop_requested": _both("Bede om å stoppe: stoppar når filene i arbeid er ferdige",
                                      "Bedt om å stoppe: stopper når filene i arbeid er ferdige"),
    "watch.log.stopped": _both("Stoppa: {counts}", "Stoppet: {counts}"),
    "watch.log.stopped.nothing": _both("Stoppa: ingenting å gjere", "Stoppet: ingenting å gjøre"),
    "watch.log.count.filed": _both("{count} arkivert", "{count} arkivert"),
    "watch.log.count.duplicate": _both("{count} alt arkivert", "{count} allerede arkivert"),
    "watch.log.count.nothing_to_file": _both("{count} utan noko å arkivere", "{count} uten noe å arkivere"),
    "watch.log.count.rejected": _both("{count} avvist", "{count} avvist"),
    "watch.log.count.retry": _both("{count} att til seinare forsøk", "{count} igjen til et senere forsøk"),
    "watch.log.count.busy": _both("{count} ikkje ferdigskrivne", "{count} ikke ferdigskrevet"),
    "watch.log.count.gone": _both("{count} borte før dei vart tekne", "{count} borte før de ble tatt"),
    "watch.log.stopping_left": _both("Stoppar: {count} fil(er) ligg att i innboksen til neste køyring",
                                     "Stopper: {count} fil(er) ligger igjen i innboksen til neste kjøring"),
    "watch.log.still_writing": _both("{count} fil(er) blir framleis skrivne: ligg att til neste køyring",
                                     "{count} fil(er) skrives fortsatt: ligger igjen til neste kjøring"),
    # --- scans and pauses ---
    "watch.log.list_processing_failed": _both(
        "Kan ikkje lese .processing ({reason}); prøver att ved neste gjennomgang",
        "Kan ikke lese .processing ({reason}); prøver igjen ved neste gjennomgang"),
    "watch.log.list_inbox_failed": _both("Kan ikkje lese innboksen ({reason}); prøver att ved neste gjennomgang",
                                         "Kan ikke lese innboksen ({reason}); prøver igjen ved neste gjennomgang"),
    "watch.log.leftovers": _both("{count} fil(er) låg att i .processing: behandlar dei på nytt",
                                 "{count} fil(er) lå igjen i .processing: behandler dem på nytt"),
    "watch.log.paused": _both(
        "Feil på vår side, ikkje med éi enkelt fil: tek ikkje nye filer dei neste {seconds} sekunda",
        "Feil på vår side, ikke med én enkelt fil: tar ikke nye filer de neste {seconds} sekundene"),
    "watch.log.internal_error": _both(
        "Intern feil ({kind} i {where}): fila blir verande der ho er og blir prøvd att seinare",
        "Intern feil ({kind} i {where}): filen blir liggende der den er og prøves igjen senere"),
    "watch.log.traceback": _both("Feilspor (traceback, kan innehalde personopplysningar)",
                                 "Feilspor (traceback, kan inneholde personopplysninger)"),
    "watch.log.due_list_failed": _both("Fristlista vart ikkje skriven ({kind})",
                                       "Fristlisten ble ikke skrevet ({kind})"),
    "watch.log.folder_tightened": _both("Mappa {path} var open for alle ({mode}): stramma inn til {wanted}",
                                        "Mappen {path} var åpen for alle ({mode}): strammet inn til {wanted}"),
    # --- settings the watcher refuses (ConfigError codes) ---
    "watch.inbox_locked": _both(
        "Ein annan bti-docs watch arbeider alt med innboksen {inbox} (låsen {lock} i .processing er teken). "
        "Stopp han først.",
        "En annen bti-docs watch arbeider allerede med innboksen {inbox} (låsen {lock} i .processing er tatt). "
        "Stopp den først."),
    "watch.archive_in_inbox": _both(
        "Arkivet {archive} og innboksen {inbox} overlappar. Det som blir arkivert, ville kome tilbake som ny "
        "innfil (ei løkke). Vel eit arkiv utanfor innboksen.",
        "Arkivet {archive} og innboksen {inbox} overlapper. Det som blir arkivert, ville komme tilbake som ny "
        "innfil (en løkke). Velg et arkiv utenfor innboksen."),
    "watch.folder_in_archive": _both("Mappa for {label} ({path}) overlappar arkivet {archive}. Vel ei anna mappe.",
                                     "Mappen for {label} ({path}) overlapper arkivet {archive}. Velg en annen mappe."),
    "watch.folder_is_symlink": _both("{path} er ei symbolsk lenke. Watch-mappene må vere verkelege mapper.",
                                     "{path} er en symbolsk lenke. Watch-mappene må være virkelige mapper."),
    "watch.folder_swapped": _both("Mappa {path} vart bytt ut medan ho vart sjekka. Start på nytt.",
                                  "Mappen {path} ble byttet ut mens den ble sjekket. Start på nytt."),
    "watch.settings_yaml": _both(
        "{path}: ugyldig YAML (linje {line}, kolonne {column}). Rett fila og start på nytt.",
        "{path}: ugyldig YAML (linje {line}, kolonne {column}). Rett filen og start på nytt."),
    "watch.settings_not_mapping": _both("{path}: skal vere nøkkel: verdi-par (sjå docs/operations.md).",
                                        "{path}: skal være nøkkel: verdi-par (se docs/operations.md)."),
    "watch.settings_missing": _both(
        "{origin}: «{key}» manglar. Oppgi han på kommandolinja, i innstillingsfila eller som miljøvariabelen {env}.",
        "{origin}: «{key}» mangler. Oppgi den på kommandolinjen, i innstillingsfilen eller som miljøvariabelen "
        "{env}."),
    "watch.settings_invalid": _both("{origin}: ugyldige innstillingar for innboksen:\n{detail}",
                                    "{origin}: ugyldige innstillinger for innboksen:\n{detail}"),
    # --- one input ---
    "watch.log.claimed": _both("Teken i arbeid: {bytes} byte, sha256 {sha}",
                               "Tatt i arbeid: {bytes} byte, sha256 {sha}"),
    "watch.log.not_taken": _both("Ikkje teken, ligg att til eit seinare forsøk: {why}",
                                 "Ikke tatt, ligger igjen til et senere forsøk: {why}"),
    "watch.log.filed": _both("Arkivert: {documents} dokument, {warnings} åtvaring(ar); {where}",
                             "Arkivert: {documents} dokument(er), {warnings} advarsel/advarsler; {where}"),
    "watch.log.duplicate": _both("Alt arkivert (same innhald): ingenting nytt arkivert; {where}",
                                 "Allerede arkivert (samme innhold): ingenting nytt arkivert; {where}"),
    "watch.log.nothing_to_file": _both(
        "Ingenting å arkivere etter reglane (hendinga til skjemaet er slått av); {where}",
        "Ingenting å arkivere etter reglene (hendelsen til skjemaet er slått av); {where}"),
    "watch.log.where.done": _both("fila er flytta til done/", "filen er flyttet til done/"),
    "watch.log.where.deleted": _both("fila er sletta", "filen er slettet"),
    "watch.log.resumed_done": _both("Ein omstart avbraut flyttinga til done/: fullført no",
                                    "En omstart avbrøt flyttingen til done/: fullført nå"),
    "watch.log.resumed_inbox": _both("Ein omstart avbraut flyttinga tilbake til innboksen: fullført, ligg der",
                                     "En omstart avbrøt flyttingen tilbake til innboksen: fullført, ligger der"),
    "watch.log.rejected": _both("Avvist ({reason}, {errors} feil); rapport skriven",
                                "Avvist ({reason}, {errors} feil); rapport skrevet"),
    "watch.log.rejected_report": _both(
        "Avvist ({reason}, {errors} feil); rapport skriven. Rapporten seier: send melding til barnevernet "
        "med ein gong",
        "Avvist ({reason}, {errors} feil); rapport skrevet. Rapporten sier: send melding til barnevernet "
        "med en gang"),
    "watch.log.stalled_rejected": _both("{what}, for {strikes}. gong: avvist, rapport skriven (ring IT)",
                                        "{what}, for {strikes}. gang: avvist, rapport skrevet (ring IT)"),
    "watch.log.retry": _both("Ikkje arkivert, {where} til eit seinare forsøk: {why}",
                             "Ikke arkivert, {where} til et senere forsøk: {why}"),
    "watch.log.changed": _both("{why}; {where} til ho er ferdigskriven",
                               "{why}; {where} til den er ferdigskrevet"),
    "watch.log.kept.inbox": _both("ligg att i innboksen", "ligger igjen i innboksen"),
    "watch.log.kept.processing": _both("ligg att i .processing", "ligger igjen i .processing"),
    "watch.log.move_back_failed": _both("Kunne ikkje flytte fila tilbake til innboksen ({reason}); ho blir i "
                                        ".processing",
                                        "Kunne ikke flytte filen tilbake til innboksen ({reason}); den blir i "
                                        ".processing"),
    "watch.log.finish_back_failed": _both("Kunne ikkje fullføre flyttinga tilbake til innboksen ({reason})",
                                          "Kunne ikke fullføre flyttingen tilbake til innboksen ({reason})"),
    # --- why: what went wrong with one input ---
    "watch.why.claim": _both("kunne ikkje ta fila ({reason})", "kunne ikke ta filen ({reason})"),
    "watch.why.read": _both("kunne ikkje lese fila ({reason})", "kunne ikke lese filen ({reason})"),
    "watch.why.unexpected": _both("uventa {kind} i {where}", "uventet {kind} i {where}"),
    "watch.why.error": _both("{kind}: {message}", "{kind}: {message}"),
    "watch.why.os": _both("{kind} ({reason})", "{kind} ({reason})"),
    "watch.why.done_failed": _both("behandla, men fila kunne ikkje flyttast til done/ ({reason})",
                                   "behandlet, men filen kunne ikke flyttes til done/ ({reason})"),
    "watch.why.rejected_failed": _both("kunne ikkje skrive til rejected/ ({reason})",
                                       "kunne ikke skrive til rejected/ ({reason})"),
    "watch.why.time_limit": _both("tok meir enn {seconds} s: stoppa", "tok mer enn {seconds} s: stoppet"),
    "watch.why.worker_died": _both("arbeidsprosessen døydde ({detail})", "arbeidsprosessen døde ({detail})"),
    "watch.why.once_more": _both("{what}; blir prøvd éin gong til seinare", "{what}; prøves én gang til senere"),
    "watch.why.changed_after_claim": _both("Endra etter at ho vart teken", "Endret etter at den ble tatt"),
    "watch.why.changed_after_read": _both("Endra etter at ho vart lesen ({detail}): ingenting arkivert",
                                          "Endret etter at den ble lest ({detail}): ingenting arkivert"),
    "watch.why.changed_not_rejected": _both("Endra etter at ho vart lesen ({detail}): ikkje avvist",
                                            "Endret etter at den ble lest ({detail}): ikke avvist"),
    "watch.why.changed_after_processing": _both(
        "Endra etter at ho vart behandla ({detail}): blir behandla på nytt",
        "Endret etter at den ble behandlet ({detail}): behandles på nytt"),
    "watch.why.changed_after_filing": _both(
        "Endra etter at ho vart behandla ({detail}): arkivet har dei tidlegare bytane; blir behandla på nytt",
        "Endret etter at den ble behandlet ({detail}): arkivet har de tidligere bytene; behandles på nytt"),
    # what the read guard saw (``guard.InputChanged``'s code)
    "watch.guard.gone": _both("borte", "borte"),
    "watch.guard.stat": _both("storleik, tid eller inode er endra", "størrelse, tid eller inode er endret"),
    "watch.guard.content": _both("innhaldet er endra", "innholdet er endret"),
    "watch.guard.unreadable": _both("kan ikkje lesast på nytt", "kan ikke leses på nytt"),
    "watch.guard.stopping": _both("overvakinga stoppar", "overvåkingen stopper"),
    # --- the receipt beside an input in done/ (``NAME.kvittering.txt``) ---
    "watch.receipt.filed": _both("KVITTERING: «{name}» er arkivert", "KVITTERING: «{name}» er arkivert"),
    "watch.receipt.duplicate": _both("KVITTERING: «{name}» var arkivert frå før (same innhald)",
                                     "KVITTERING: «{name}» var arkivert fra før (samme innhold)"),
    "watch.receipt.nothing_to_file": _both("KVITTERING: «{name}» er motteke, men ingenting er arkivert",
                                           "KVITTERING: «{name}» er mottatt, men ingenting er arkivert"),
    "watch.receipt.when": _both("Tidspunkt: {when}    Referanse: {id}", "Tidspunkt: {when}    Referanse: {id}"),
    "watch.receipt.docs": _both("Dokument i arkivet ({n}):", "Dokumenter i arkivet ({n}):"),
    "watch.receipt.none": _both("Arkivreglane arkiverer ikkje noko for denne hendinga. Fila er teken vare på her.",
                                "Arkivreglene arkiverer ikke noe for denne hendelsen. Filen er tatt vare på her."),
    "watch.receipt.journal": _both("Journalkvittering (kontrollsum): {hash}",
                                   "Journalkvittering (kontrollsum): {hash}"),
    "watch.receipt.keep": _both(
        "Fila og denne kvitteringa kan slettast frå denne mappa når de ikkje treng dei lenger.",
        "Filen og denne kvitteringen kan slettes fra denne mappen når dere ikke trenger dem lenger."),
    # --- the rejection report beside a rejected input (``NAME.feil.txt``) ---
    "watch.report.title": _both("AVVIST: «{name}» er IKKJE arkivert", "AVVIST: «{name}» er IKKE arkivert"),
    "watch.report.received": _both("Motteke: {when}    Referanse: {id}", "Mottatt: {when}    Referanse: {id}"),
    "watch.report.violence": _both(
        "VIKTIG: Skjemaet tyder på mistanke om vald eller overgrep.\n"
        "Send melding til barnevernet STRAKS, og kontakt leiaren din.\n"
        "BTI-løypa skal ikkje brukast i slike saker, og det er ikkje laga noko dokument.\n"
        "Ikkje legg fila i innboksen på nytt.",
        "VIKTIG: Skjemaet tyder på mistanke om vold eller overgrep.\n"
        "Send melding til barnevernet STRAKS, og kontakt lederen din.\n"
        "BTI-løypa skal ikke brukes i slike saker, og det er ikke laget noe dokument.\n"
        "Ikke legg filen i innboksen på nytt."),
    "watch.report.errors": _both("Kva er gale ({n}):", "Hva er galt ({n}):"),
    "watch.report.warnings": _both("Åtvaringar (ikkje til hinder):", "Advarsler (ikke til hinder):"),
    "watch.report.fix": _both(
        "Slik rettar du det:\n"
        "  1. Opne fila «{name}» i denne mappa og rett feila over (meldingane seier korleis).\n"
        "  2. Legg den retta fila i innboksen igjen. Ho vert behandla på nytt av seg sjølv.\n"
        "  3. Slett den gamle fila og denne rapporten frå denne mappa når du er ferdig.",
        "Slik retter du det:\n"
        "  1. Åpne filen «{name}» i denne mappen og rett feilene over (meldingene sier hvordan).\n"
        "  2. Legg den rettede filen i innboksen igjen. Den blir behandlet på nytt automatisk.\n"
        "  3. Slett den gamle filen og denne rapporten fra denne mappen når du er ferdig."),
    "watch.report.fix_ours": _both(
        "Du treng ikkje rette noko i fila. Når feilen er retta, kan du leggje fila i innboksen igjen.",
        "Du trenger ikke rette noe i filen. Når feilen er rettet, kan du legge filen i innboksen igjen."),
    "watch.report.fix_violence": _both(
        "Når meldinga til barnevernet er sendt, kan fila og denne rapporten slettast frå denne mappa.",
        "Når meldingen til barnevernet er sendt, kan filen og denne rapporten slettes fra denne mappen."),
    "watch.report.help": _both(
        "Treng du hjelp? Kontakt den som har ansvaret for BTI-arkivet i kommunen, og oppgi referansen {id}.",
        "Trenger du hjelp? Kontakt den som har ansvaret for BTI-arkivet i kommunen, og oppgi referansen {id}."),
    # --- refusals the watcher makes itself, before the pipeline sees the file (``watch.refusal.<problem code>``) ---
    "watch.refusal.symlink": _both(
        "Fila er ein snarveg (symbolsk lenke), ikkje sjølve skjemaet. Legg sjølve fila i innboksen.",
        "Filen er en snarvei (symbolsk lenke), ikke selve skjemaet. Legg selve filen i innboksen."),
    "watch.refusal.file_too_large": _both(
        "Fila er for stor ({size} byte; grensa er {limit}). Eit skjema er ei lita YAML-fil: sjekk at det "
        "er rett fil.",
        "Filen er for stor ({size} byte; grensen er {limit}). Et skjema er en liten YAML-fil: sjekk at "
        "det er riktig fil."),
    "watch.refusal.not_a_form_file": _both(
        "Berre skjema i YAML-format (filnamn som sluttar på .yaml eller .yml) kan leverast her. Fyll ut "
        "eit skjema frå malane og lagra det som .yaml.",
        "Bare skjema i YAML-format (filnavn som slutter på .yaml eller .yml) kan leveres her. Fyll ut "
        "et skjema fra malene og lagre det som .yaml."),
    "watch.refusal.hard_link": _both(
        "Fila har fleire namn (ei hard lenke til ei fil som også ligg ein annan stad). Av omsyn til "
        "tryggleiken vert slike filer ikkje behandla, og fila er ikkje endra. Lagra skjemaet som ei vanleg, "
        "eiga fil og legg henne i innboksen.",
        "Filen har flere navn (en hard lenke til en fil som også ligger et annet sted). Av hensyn til "
        "sikkerheten blir slike filer ikke behandlet, og filen er ikke endret. Lagre skjemaet som en vanlig, "
        "egen fil og legg den i innboksen."),
    "watch.refusal.time_limit": _both(
        "Det tok for lang tid å lage dokumentet (meir enn {limit} sekund, to gonger), så behandlinga vart "
        "stoppa. Fila er ikkje arkivert og ikkje endra. Kontakt IT eller den som har ansvaret for BTI-arkivet, "
        "og oppgi referansen nedanfor.",
        "Det tok for lang tid å lage dokumentet (mer enn {limit} sekunder, to ganger), så behandlingen ble "
        "stoppet. Filen er ikke arkivert og ikke endret. Kontakt IT eller den som har ansvaret for BTI-arkivet, "
        "og oppgi referansen nedenfor."),
    "watch.refusal.worker_died": _both(
        "Programmet som lagar dokumentet stoppa uventa, to gonger. Fila er ikkje arkivert og ikkje endra. "
        "Kontakt IT eller den som har ansvaret for BTI-arkivet, og oppgi referansen nedanfor.",
        "Programmet som lager dokumentet stoppet uventet, to ganger. Filen er ikke arkivert og ikke endret. "
        "Kontakt IT eller den som har ansvaret for BTI-arkivet, og oppgi referansen nedenfor."),
    "watch.refusal.not_regular_file": _both(
        "Dette er ikkje ei vanleg fil. Legg sjølve skjemafila i innboksen.",
        "Dette er ikke en vanlig fil. Legg selve skjemafilen i innboksen."),
}
