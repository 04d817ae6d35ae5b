"""Errors the engines raise (render, seal, quality gates, archive) and the top-level handler's texts.

``code → {"nn": ..., "nb": ...}``; ``{name}`` fields are filled from the exception's context. Said through
``bti_docs.text.voice.say``. No child's name or id number in any field: paths, codes, dates and technical
details only.
"""

from __future__ import annotations

from typing import Final

from bti_docs.i18n import Lang

ERRORS: Final[dict[str, dict[Lang, str]]] = {
    # --- the top-level handler and problem lines ---
    "problem.error": {"nn": "feil", "nb": "feil"},
    "problem.warning": {"nn": "åtvaring", "nb": "advarsel"},
    "interrupted": {"nn": "avbrote", "nb": "avbrutt"},
    "unexpected": {"nn": "Uventa feil: {kind}", "nb": "Uventet feil: {kind}"},
    # --- seal: certificate and password ---
    "seal.no_certificate": {
        "nn": "Ingen sertifikat for forsegling. Oppgi --cert (og --trust), eller «sertifikat» i archive_rules.yaml. "
        "For testing: bti-docs dev-cert MAPPE.",
        "nb": "Ingen sertifikat for forsegling. Oppgi --cert (og --trust), eller «sertifikat» i archive_rules.yaml. "
        "For testing: bti-docs dev-cert MAPPE.",
    },
    "seal.archive_timestamp_unreadable": {
        "nn": "PDF-fila kan ikkje lesast for kontroll av arkivtidsstempelet: {detail}.",
        "nb": "PDF-filen kan ikke leses for kontroll av arkivtidsstempelet: {detail}.",
    },
    "seal.password_file_missing": {
        "nn": "Passordfila for seglsertifikatet finst ikkje: {path}.",
        "nb": "Passordfilen for seglsertifikatet finnes ikke: {path}.",
    },
    "seal.password_file_unreadable": {
        "nn": "Passordfila for seglsertifikatet kan ikkje lesast: {path} ({reason}).",
        "nb": "Passordfilen for seglsertifikatet kan ikke leses: {path} ({reason}).",
    },
    "seal.not_utf8": {"nn": "ikkje UTF-8", "nb": "ikke UTF-8"},
    "seal.password_file_empty": {
        "nn": "Passordfila for seglsertifikatet er tom: {path}.",
        "nb": "Passordfilen for seglsertifikatet er tom: {path}.",
    },
    "seal.password_missing": {
        "nn": "Passordet til seglsertifikatet er ikkje sett opp. Set miljøvariabelen {env}, eller vis til ei "
        "passordfil i oppsettet (aldri på kommandolinja).",
        "nb": "Passordet til seglsertifikatet er ikke satt opp. Sett miljøvariabelen {env}, eller vis til en "
        "passordfil i oppsettet (aldri på kommandolinjen).",
    },
    "seal.wrong_password": {
        "nn": "Feil passord for seglsertifikatet {path}. Sjekk passordet i oppsettet.",
        "nb": "Feil passord for seglsertifikatet {path}. Sjekk passordet i oppsettet.",
    },
    "seal.not_pkcs12": {
        "nn": "{path} er ikkje ei gyldig PKCS#12-fil (.p12/.pfx).",
        "nb": "{path} er ikke en gyldig PKCS#12-fil (.p12/.pfx).",
    },
    "seal.cert_missing": {
        "nn": "Seglsertifikatet finst ikkje: {path}.",
        "nb": "Seglsertifikatet finnes ikke: {path}.",
    },
    "seal.cert_is_folder": {
        "nn": "Seglsertifikatet {path} er ei mappe, ikkje ei PKCS#12-fil.",
        "nb": "Seglsertifikatet {path} er en mappe, ikke en PKCS#12-fil.",
    },
    "seal.cert_unreadable": {
        "nn": "Seglsertifikatet kan ikkje lesast: {path} ({reason}).",
        "nb": "Seglsertifikatet kan ikke leses: {path} ({reason}).",
    },
    "seal.key_and_cert": {
        "nn": "{path} inneheld ikkje både ein privat nøkkel og eit sertifikat.",
        "nb": "{path} inneholder ikke både en privat nøkkel og et sertifikat.",
    },
    "seal.not_rsa": {
        "nn": "Seglsertifikatet {path} har ein {key}-nøkkel. Berre RSA-nøklar kan brukast: signaturar med ECDSA "
        "eller EdDSA høyrer til PDF 2.0 og ikkje til PDF/A-1/2.",
        "nb": "Seglsertifikatet {path} har en {key}-nøkkel. Bare RSA-nøkler kan brukes: signaturer med ECDSA "
        "eller EdDSA hører til PDF 2.0 og ikke til PDF/A-1/2.",
    },
    "seal.not_yet_valid": {
        "nn": "Seglsertifikatet {path} er ikkje gyldig enno (gyldig frå {when} UTC).",
        "nb": "Seglsertifikatet {path} er ikke gyldig ennå (gyldig fra {when} UTC).",
    },
    "seal.expired": {
        "nn": "Seglsertifikatet {path} gjekk ut {when}. Skaff eit nytt sertifikat for eininga.",
        "nb": "Seglsertifikatet {path} gikk ut {when}. Skaff et nytt sertifikat for enheten.",
    },
    "seal.cannot_open": {
        "nn": "Seglsertifikatet {path} kan ikkje opnast (feil passord eller ugyldig fil).",
        "nb": "Seglsertifikatet {path} kan ikke åpnes (feil passord eller ugyldig fil).",
    },
    "seal.no_cert": {
        "nn": "{path} inneheld ikkje noko sertifikat.",
        "nb": "{path} inneholder ikke noe sertifikat.",
    },
    # --- seal: sealing ---
    "seal.field_exists": {
        "nn": "Dokumentet har alt eit signaturfelt med namnet «{name}». Er det forsegla før?",
        "nb": "Dokumentet har allerede et signaturfelt med navnet «{name}». Er det forseglet før?",
    },
    "seal.what_xmp": {"nn": "XMP-metadata", "nb": "XMP-metadata"},
    "seal.what_info": {"nn": "Info-ordboka", "nb": "Info-ordboken"},
    "seal.touched_metadata": {
        "nn": "Forseglinga endra {what} i PDF-fila, og då kan PDF/A-samsvaret vere brote. Fila er ikkje levert; "
        "sjekk pyHanko-versjonen.",
        "nb": "Forseglingen endret {what} i PDF-filen, og da kan PDF/A-samsvaret være brutt. Filen er ikke "
        "levert; sjekk pyHanko-versjonen.",
    },
    "seal.pdf_version": {
        "nn": "Forseglinga merkte fila som PDF {version}, som PDF/A-nivået ikkje tillèt. Fila er ikkje levert; "
        "sjekk pyHanko-versjonen.",
        "nb": "Forseglingen merket filen som PDF {version}, som PDF/A-nivået ikke tillater. Filen er ikke "
        "levert; sjekk pyHanko-versjonen.",
    },
    "seal.the_tsa": {"nn": "tidsstempeltenesta", "nb": "tidsstempeltjenesten"},
    "seal.unknown_level": {
        "nn": "Ukjent PDF/A-nivå «{level}» for forsegling (kjende: {known}).",
        "nb": "Ukjent PDF/A-nivå «{level}» for forsegling (kjente: {known}).",
    },
    "seal.lt_needs_pdfa2": {
        "nn": "PAdES {pades} krev PDF/A-2 (dokumenttidsstempel og valideringsdata er ikkje lov i PDF/A-1). Vel "
        "PDF/A-2b eller PAdES B-T.",
        "nb": "PAdES {pades} krever PDF/A-2 (dokumenttidsstempel og valideringsdata er ikke lov i PDF/A-1). Velg "
        "PDF/A-2b eller PAdES B-T.",
    },
    "seal.pdf_unreadable": {
        "nn": "PDF-fila kan ikkje lesast for forsegling: {detail}.",
        "nb": "PDF-filen kan ikke leses for forsegling: {detail}.",
    },
    "seal.xref_streams": {
        "nn": "PDF-fila brukar kryssreferansestraumar og er difor ikkje PDF/A-1; forseglinga ville ha skrive "
        "ein straum til. Lag fila på nytt som PDF/A-1b.",
        "nb": "PDF-filen bruker kryssreferansestrømmer og er derfor ikke PDF/A-1; forseglingen ville ha skrevet "
        "en strøm til. Lag filen på nytt som PDF/A-1b.",
    },
    "seal.failed": {"nn": "Forseglinga feila: {detail}.", "nb": "Forseglingen feilet: {detail}."},
    "seal.no_timestamp": {
        "nn": "Fekk ikkje tidsstempel frå {where}: {detail}. Fila er ikkje forsegla; prøv igjen seinare.",
        "nb": "Fikk ikke tidsstempel fra {where}: {detail}. Filen er ikke forseglet; prøv igjen senere.",
    },
    "seal.unknown_pades": {
        "nn": "Ukjent PAdES-nivå «{level}» (kjende: {known}).",
        "nb": "Ukjent PAdES-nivå «{level}» (kjente: {known}).",
    },
    "seal.pades_needs_tsa": {
        "nn": "PAdES {level} krev ei tidsstempelteneste (tidsstempel_url i archive_rules.yaml).",
        "nb": "PAdES {level} krever en tidsstempeltjeneste (tidsstempel_url i archive_rules.yaml).",
    },
    "seal.validation_data": {
        "nn": "Valideringsdata kunne ikkje leggjast til: {detail}.",
        "nb": "Valideringsdata kunne ikke legges til: {detail}.",
    },
    "seal.no_doc_timestamp": {
        "nn": "Fekk ikkje dokumenttidsstempel frå {where}: {detail}.",
        "nb": "Fikk ikke dokumenttidsstempel fra {where}: {detail}.",
    },
    "seal.doc_timestamp_failed": {
        "nn": "Dokumenttidsstempelet feila: {detail}.",
        "nb": "Dokumenttidsstempelet feilet: {detail}.",
    },
    "seal.root_unreadable": {
        "nn": "Rot-sertifikatet kan ikkje lesast: {path} ({reason}).",
        "nb": "Rot-sertifikatet kan ikke leses: {path} ({reason}).",
    },
    "seal.root_invalid": {
        "nn": "{path} er ikkje eit gyldig X.509-sertifikat (PEM eller DER).",
        "nb": "{path} er ikke et gyldig X.509-sertifikat (PEM eller DER).",
    },
    "seal.check_unreadable": {
        "nn": "PDF-fila kan ikkje lesast for kontroll av seglet: {detail}.",
        "nb": "PDF-filen kan ikke leses for kontroll av seglet: {detail}.",
    },
    # --- seal: the outcome of checking one seal ---
    "seal.summary_broken": {
        "nn": "Seglet kan ikkje kontrollerast: {detail}.",
        "nb": "Seglet kan ikke kontrolleres: {detail}.",
    },
    "seal.summary_changed": {
        "nn": "innhaldet er endra etter forseglinga",
        "nb": "innholdet er endret etter forseglingen",
    },
    "seal.summary_invalid": {"nn": "signaturen er ikkje gyldig", "nb": "signaturen er ikke gyldig"},
    "seal.summary_untrusted": {
        "nn": "sertifikatet er ikkje klarert mot dei oppgitte rot-sertifikata",
        "nb": "sertifikatet er ikke klarert mot de oppgitte rot-sertifikatene",
    },
    "seal.summary_not_whole": {
        "nn": "seglet dekkjer ikkje heile fila (noko er lagt til etter forseglinga)",
        "nb": "seglet dekker ikke hele filen (noe er lagt til etter forseglingen)",
    },
    "seal.summary_stamped": {"nn": "med tidsstempel", "nb": "med tidsstempel"},
    "seal.summary_bad_stamp": {
        "nn": "tidsstempelet er ikkje gyldig eller ikkje klarert",
        "nb": "tidsstempelet er ikke gyldig eller ikke klarert",
    },
    "seal.summary_no_stamp": {"nn": "utan tidsstempel", "nb": "uten tidsstempel"},
    "seal.summary_head": {
        "nn": "Segl frå {signer}{when}, PAdES {level}",
        "nb": "Segl fra {signer}{when}, PAdES {level}",
    },
    "seal.summary_archive_stamp": {"nn": ", arkivtidsstempel {when}", "nb": ", arkivtidsstempel {when}"},
    "seal.summary_bad": {
        "nn": "{head}: IKKJE i orden: {problems} ({stamp}).",
        "nb": "{head}: IKKE i orden: {problems} ({stamp}).",
    },
    "seal.summary_ok": {
        "nn": "{head}: i orden, intakt, gyldig, klarert og dekkjer heile fila ({stamp}).",
        "nb": "{head}: i orden, intakt, gyldig, klarert og dekker hele filen ({stamp}).",
    },
    # --- quality gates ---
    "quality.glyphs_field": {
        "nn": "Teikn som skrifta ikkje kan vise: {chars}. Skriv teksten utan desse teikna.",
        "nb": "Tegn som skriften ikke kan vise: {chars}. Skriv teksten uten disse tegnene.",
    },
    "quality.glyphs": {
        "nn": "{file}: teksten har teikn som ikkje kan visast i dokumentet.",
        "nb": "{file}: teksten har tegn som ikke kan vises i dokumentet.",
    },
    "quality.stage_rendering": {"nn": "laginga", "nb": "produksjonen"},
    "quality.stage_sealing": {"nn": "forseglinga", "nb": "forseglingen"},
    "quality.stage_copying": {"nn": "kopieringa", "nb": "kopieringen"},
    "quality.not_pdfa": {
        "nn": "Dokumentet er ikkje gyldig PDF/A-{level} etter {stage} og vert ikkje levert: {detail}",
        "nb": "Dokumentet er ikke gyldig PDF/A-{level} etter {stage} og leveres ikke: {detail}",
    },
    "quality.no_trust_root": {
        "nn": "Ingen tillitsrot er sett opp, så seglet kan ikkje kontrollerast. Oppgi --trust eller «tillitsrot» "
        "under «sertifikat» i archive_rules.yaml.",
        "nb": "Ingen tillitsrot er satt opp, så seglet kan ikke kontrolleres. Oppgi --trust eller «tillitsrot» "
        "under «sertifikat» i archive_rules.yaml.",
    },
    "quality.no_seal": {"nn": "Dokumentet har ikkje noko segl.", "nb": "Dokumentet har ikke noe segl."},
    "quality.bad_seal": {
        "nn": "Seglet held ikkje kontrollen, og dokumentet vert ikkje levert: {detail}",
        "nb": "Seglet består ikke kontrollen, og dokumentet leveres ikke: {detail}",
    },
    # --- render ---
    "render.no_templates": {
        "nn": "Malmappa {path} finst ikkje.",
        "nb": "Malmappen {path} finnes ikke.",
    },
    "render.glyphs": {
        "nn": "Teksten har teikn som skriftene i dokumentet ikkje kan vise: {chars}. Skriv teksten utan desse "
        "teikna og prøv igjen.",
        "nb": "Teksten har tegn som skriftene i dokumentet ikke kan vise: {chars}. Skriv teksten uten disse "
        "tegnene og prøv igjen.",
    },
    "render.weasyprint": {
        "nn": "WeasyPrint klarte ikkje å lage PDF-en ({detail}).",
        "nb": "WeasyPrint klarte ikke å lage PDF-en ({detail}).",
    },
    "render.template_glyphs": {
        "nn": "Malen har teikn som skriftene ikkje kan vise: {chars}.",
        "nb": "Malen har tegn som skriftene ikke kan vise: {chars}.",
    },
    "render.refused_resource": {
        "nn": "Malen viser til ein ressurs som ikkje finst eller ikkje er tillaten: {urls}. Berre filer i {path} "
        "og i skriftmappa kan brukast. Dette er ein feil i malen.",
        "nb": "Malen viser til en ressurs som ikke finnes eller ikke er tillatt: {urls}. Bare filer i {path} og "
        "i skriftmappen kan brukes. Dette er en feil i malen.",
    },
    "render.unknown": {"nn": "(ukjend)", "nb": "(ukjent)"},
    "render.docx_xml": {
        "nn": "DOCX-malen {name} gav ugyldig XML (kolonne {column}). Sjekk at kvar {{% if %}} og {{% for %}} "
        "vert opna og lukka i same avsnitt, tabellrad eller celle.",
        "nb": "DOCX-malen {name} ga ugyldig XML (kolonne {column}). Sjekk at hver {{% if %}} og {{% for %}} "
        "åpnes og lukkes i samme avsnitt, tabellrad eller celle.",
    },
    "render.docx_missing": {
        "nn": "DOCX-malen {name} manglar i {folder}: kopier han frå templates/docx.",
        "nb": "DOCX-malen {name} mangler i {folder}: kopier den fra templates/docx.",
    },
    "render.docx_half_tag": {
        "nn": "DOCX-malen {name} har ein halv malkode «{edge}» i avsnittet «{paragraph}». Rett han i Word eller "
        "LibreOffice: kvar malkode vert opna og lukka i same avsnitt.",
        "nb": "DOCX-malen {name} har en halv malkode «{edge}» i avsnittet «{paragraph}». Rett den i Word eller "
        "LibreOffice: hver malkode åpnes og lukkes i samme avsnitt.",
    },
    "render.docx_tag": {
        "nn": "DOCX-malen {name} har ein feil i ein malkode: {detail}.",
        "nb": "DOCX-malen {name} har en feil i en malkode: {detail}.",
    },
    # --- archive ---
    "archive.wrong_event": {
        "nn": "Hendinga «{event}» passar ikkje for skjemaet {kind}.",
        "nb": "Hendelsen «{event}» passer ikke for skjemaet {kind}.",
    },
    "archive.yearly_needs_decision": {
        "nn": "Årleg arkivering gjeld berre barn med enkeltvedtak (enkeltvedtak: true i stafettloggen).",
        "nb": "Årlig arkivering gjelder bare barn med enkeltvedtak (enkeltvedtak: true i stafettloggen).",
    },
    "archive.sidecar_other_file": {
        "nn": "metadatafila viser til ei anna fil",
        "nb": "metadatafilen viser til en annen fil",
    },
    "archive.symlink": {"nn": "symbolsk lenkje", "nb": "symbolsk lenke"},
    "archive.pdf_missing": {"nn": "PDF-fila manglar", "nb": "PDF-filen mangler"},
    "archive.checksum": {"nn": "sjekksummen stemmer ikkje", "nb": "sjekksummen stemmer ikke"},
    "archive.checksum_for": {
        "nn": "sjekksummen for {name} stemmer ikkje",
        "nb": "sjekksummen for {name} stemmer ikke",
    },
    "archive.size": {"nn": "storleiken stemmer ikkje", "nb": "størrelsen stemmer ikke"},
    "archive.missing": {"nn": "{name} manglar", "nb": "{name} mangler"},
    "archive.file_missing": {"nn": "fila {name} finst ikkje", "nb": "filen {name} finnes ikke"},
    "archive.unknown_format": {"nn": "ukjent format {format}", "nb": "ukjent format {format}"},
    "archive.pdfa_finding": {"nn": "PDF/A {clause}: {detail}", "nb": "PDF/A {clause}: {detail}"},
    "archive.document_reason": {"nn": "{path} ({reason})", "nb": "{path} ({reason})"},
    "archive.document": {"nn": "{path}", "nb": "{path}"},
    "archive.cannot_index": {
        "nn": "Desse dokumenta kan ikkje journalførast: {documents}. Journalen er ikkje bygd på nytt; "
        "«bti-docs verify» viser meir.",
        "nb": "Disse dokumentene kan ikke journalføres: {documents}. Journalen er ikke bygget på nytt; "
        "«bti-docs verify» viser mer.",
    },
    "archive.disk_full": {"nn": "disken er full", "nb": "disken er full"},
    # --- why the operating system said no (errno), in the reader's language: bti_docs.errors.os_reason ---
    "os.ENOENT": {"nn": "fila eller mappa finst ikkje", "nb": "filen eller mappen finnes ikke"},
    "os.EACCES": {"nn": "manglar løyve", "nb": "mangler tillatelse"},
    "os.EEXIST": {"nn": "finst frå før", "nb": "finnes fra før"},
    "os.ENOTDIR": {"nn": "ein del av stien er ikkje ei mappe", "nb": "en del av stien er ikke en mappe"},
    "os.EISDIR": {"nn": "er ei mappe, ikkje ei fil", "nb": "er en mappe, ikke en fil"},
    "os.ENOTEMPTY": {"nn": "mappa er ikkje tom", "nb": "mappen er ikke tom"},
    "os.EROFS": {"nn": "filsystemet er skriveverna", "nb": "filsystemet er skrivebeskyttet"},
    "os.EIO": {"nn": "inn- eller utlesingsfeil på disken", "nb": "inn- eller utlesingsfeil på disken"},
    "os.EDQUOT": {"nn": "diskkvoten er brukt opp", "nb": "diskkvoten er brukt opp"},
    "os.ENAMETOOLONG": {"nn": "namnet er for langt", "nb": "navnet er for langt"},
    "os.ELOOP": {"nn": "for mange symbolske lenkjer i stien", "nb": "for mange symbolske lenker i stien"},
    "os.EMFILE": {"nn": "for mange opne filer", "nb": "for mange åpne filer"},
    "os.EBUSY": {"nn": "fila eller eininga er i bruk", "nb": "filen eller enheten er i bruk"},
    "os.EXDEV": {"nn": "kan ikkje flyttast mellom to filsystem", "nb": "kan ikke flyttes mellom to filsystemer"},
    "os.other": {"nn": "systemfeil {name}", "nb": "systemfeil {name}"},
    "archive.cannot_rebuild": {
        "nn": "Journalen i {root} kan ikkje byggjast på nytt: {reason}.",
        "nb": "Journalen i {root} kan ikke bygges på nytt: {reason}.",
    },
    "archive.journal_in_use": {
        "nn": "Journalen i {root} er øydelagd og i bruk av ein annan prosess. Stopp arkivering og overvaking "
        "(bti-docs file, bti-docs watch) og køyr «bti-docs reindex» på nytt.",
        "nb": "Journalen i {root} er ødelagt og i bruk av en annen prosess. Stopp arkivering og overvåking "
        "(bti-docs file, bti-docs watch) og kjør «bti-docs reindex» på nytt.",
    },
    "archive.pending_bad_name": {
        "nn": "{name}: ugyldig mellombels namn.",
        "nb": "{name}: ugyldig midlertidig navn.",
    },
    "archive.journal_bad_sequence": {
        "nn": "Journalen kan ikkje byggjast: feil sekvensnummer.",
        "nb": "Journalen kan ikke bygges: feil sekvensnummer.",
    },
    "archive.journal_busy": {
        "nn": "Journalen kunne ikkje skrivast ferdig (oppteken).",
        "nb": "Journalen kunne ikke skrives ferdig (opptatt).",
    },
    "archive.due_list_unwritable": {
        "nn": "Fristlista kan ikkje skrivast ({reason}).",
        "nb": "Fristlisten kan ikke skrives ({reason}).",
    },
    "archive.journal_unreadable": {
        "nn": "{root}: journalen kan ikkje lesast. Køyr «bti-docs verify».",
        "nb": "{root}: journalen kan ikke leses. Kjør «bti-docs verify».",
    },
    "archive.rules_missing": {
        "nn": "{source}: «arkivering» manglar. Arkivreglane må stå i innstillingsfila.",
        "nb": "{source}: «arkivering» mangler. Arkivreglene må stå i innstillingsfilen.",
    },
    "archive.log_unreadable": {
        "nn": "Stafettloggen {path} kan ikkje lesast ({reason}).",
        "nb": "Stafettloggen {path} kan ikke leses ({reason}).",
    },
    "archive.log_not_journal": {
        "nn": "Stafettloggen {path} stemmer ikkje med journalen. Køyr «bti-docs verify» på arkivet.",
        "nb": "Stafettloggen {path} stemmer ikke med journalen. Kjør «bti-docs verify» på arkivet.",
    },
    "archive.log_sidecar_invalid": {
        "nn": "Metadatafila til stafettloggen {path} er ugyldig ({detail}). Køyr «bti-docs verify» på arkivet.",
        "nb": "Metadatafilen til stafettloggen {path} er ugyldig ({detail}). Kjør «bti-docs verify» på arkivet.",
    },
    "archive.unknown_unit": {
        "nn": "Eininga «{unit}» finst ikkje i innstillingane (kommune.enheter).",
        "nb": "Enheten «{unit}» finnes ikke i innstillingene (kommune.enheter).",
    },
    # --- settings ---
    "config.not_found": {
        "nn": "Fann ikkje {name}. Oppgi fila med --rules eller miljøvariabelen {env}.",
        "nb": "Fant ikke {name}. Oppgi filen med --rules eller miljøvariabelen {env}.",
    },
    "config.unreadable": {"nn": "{path}: kan ikkje lesast ({reason}).", "nb": "{path}: kan ikke leses ({reason})."},
    "config.too_large": {
        "nn": "{path}: fila er for stor til å vere ei innstillingsfil.",
        "nb": "{path}: filen er for stor til å være en innstillingsfil.",
    },
    "config.not_utf8": {
        "nn": "{path}: er ikkje UTF-8 (byte {position}).",
        "nb": "{path}: er ikke UTF-8 (byte {position}).",
    },
    "config.not_mapping": {
        "nn": "{path}: skal vere nøkkel: verdi.",
        "nb": "{path}: skal være nøkkel: verdi.",
    },
    "config.bad_yaml": {"nn": "{path}: ugyldig YAML: {detail}", "nb": "{path}: ugyldig YAML: {detail}"},
    "config.invalid": {
        "nn": "{path}: innstillingane er ugyldige:\n{found}",
        "nb": "{path}: innstillingene er ugyldige:\n{found}",
    },
    "config.problem": {
        "nn": "{path}: {field}: feil: linje {line}: {detail}",
        "nb": "{path}: {field}: feil: linje {line}: {detail}",
    },
    # --- what the settings' own checks find (config/__init__.py, config/arkivering.py) ---
    "settings.tsa_for_level": {
        "nn": "pades_nivaa {level} krev tidsstempel_url.",
        "nb": "pades_nivaa {level} krever tidsstempel_url.",
    },
    "settings.bad_braces": {
        "nn": "{what} har ugyldige krøllparentesar ({detail}).",
        "nb": "{what} har ugyldige krøllparenteser ({detail}).",
    },
    "settings.unknown_placeholder": {
        "nn": "ukjend plasshaldar {{{name}}} i {what}; tillate: {known}.",
        "nb": "ukjent plassholder {{{name}}} i {what}; tillatt: {known}.",
    },
    "settings.placeholder_format": {
        "nn": "plasshaldaren {{{name}}} i {what} kan ikkje ha format eller konvertering.",
        "nb": "plassholderen {{{name}}} i {what} kan ikke ha format eller konvertering.",
    },
    "settings.what_path": {"nn": "stimalen", "nb": "stimalen"},
    "settings.what_title": {"nn": "tittelmalen", "nb": "tittelmalen"},
    "settings.path_absolute": {
        "nn": "stien må vere relativ, utan bakstrek",
        "nb": "stien må være relativ, uten bakstrek",
    },
    "settings.path_parts": {
        "nn": "stien kan ikkje ha tomme ledd, «.», «..» eller ledd som byrjar med punktum",
        "nb": "stien kan ikke ha tomme ledd, «.», «..» eller ledd som starter med punktum",
    },
    "settings.path_part_long": {
        "nn": "eit ledd i stien er lengre enn {limit} teikn",
        "nb": "et ledd i stien er lengre enn {limit} tegn",
    },
    "settings.path_chars": {
        "nn": "stimalen kan berre ha bokstavane a-z, siffer, punktum, bindestrek, understrek og «/».",
        "nb": "stimalen kan bare ha bokstavene a-z, sifre, punktum, bindestrek, understrek og «/».",
    },
    "settings.path_needs_case": {
        "nn": "stimalen må ha {{sak}}: dokument om eitt barn skal i den eigne mappa til barnet.",
        "nb": "stimalen må ha {{sak}}: dokumenter om ett barn skal i barnets egen mappe.",
    },
    "settings.path_pdf": {"nn": "stimalen må slutte med «.pdf».", "nb": "stimalen må slutte med «.pdf»."},
    "settings.number_in_folder": {
        "nn": "{{lopenummer}} kan berre stå i filnamnet, ikkje i ei mappe.",
        "nb": "{{lopenummer}} kan bare stå i filnavnet, ikke i en mappe.",
    },
    "settings.path_invalid": {
        "nn": "stimalen gir ein ugyldig sti: {detail}.",
        "nb": "stimalen gir en ugyldig sti: {detail}.",
    },
    "settings.path_needs_folder": {
        "nn": "stimalen må ha minst éi mappe (med {{sak}}) før filnamnet.",
        "nb": "stimalen må ha minst én mappe (med {{sak}}) før filnavnet.",
    },
    "settings.keep_needs_years": {
        "nn": "vedtak K (kasserast) krev kassasjonsfrist_aar.",
        "nb": "vedtak K (kasseres) krever kassasjonsfrist_aar.",
    },
    "settings.keep_no_years": {
        "nn": "vedtak B (bevarast) kan ikkje ha kassasjonsfrist_aar.",
        "nb": "vedtak B (bevares) kan ikke ha kassasjonsfrist_aar.",
    },
    "settings.unknown_code": {
        "nn": "ukjend kode «{value}» for {list}; gyldige kodar: {known}.",
        "nb": "ukjent kode «{value}» for {list}; gyldige koder: {known}.",
    },
    "settings.no_such_day": {
        "nn": "datoen {day}.{month}. finst ikkje kvart år.",
        "nb": "datoen {day}.{month}. finnes ikke hvert år.",
    },
    "settings.documents_need_form": {
        "nn": "dokumenter må ha med «skjema»: skjemaet til hendinga blir alltid arkivert.",
        "nb": "dokumenter må ha med «skjema»: hendelsens eget skjema arkiveres alltid.",
    },
    "settings.documents_twice": {
        "nn": "dokumenter nemner same dokument to gonger.",
        "nb": "dokumenter nevner samme dokument to ganger.",
    },
    "settings.yearly_needs_due": {
        "nn": "hendinga aarlig må ha frist (maaned, dag, uker_etter) eller frister.",
        "nb": "hendelsen aarlig må ha frist (maaned, dag, uker_etter) eller frister.",
    },
    "config.no_templates": {
        "nn": "Fann ikkje malane i {folder}. Set {env}.",
        "nb": "Fant ikke malene i {folder}. Sett {env}.",
    },
    # --- web settings ---
    "web.no_inbox": {
        "nn": "Ingen innboks for eininga «{unit}» (inbox).",
        "nb": "Ingen innboks for enheten «{unit}» (inbox).",
    },
    "web.dev_user_loopback": {
        "nn": "Utviklarbrukaren (dev_user) krev at appen lyttar berre på {loopback}, ikkje {host}.",
        "nb": "Utviklerbrukeren (dev_user) krever at appen lytter bare på {loopback}, ikke {host}.",
    },
    "web.bad_settings": {
        "nn": "{path}: ugyldige innstillingar: {detail}",
        "nb": "{path}: ugyldige innstillinger: {detail}",
    },
    "archive.not_in_structure": {
        "nn": "fila er ikkje nemnd i arkivstruktur.xml",
        "nb": "filen er ikke nevnt i arkivstruktur.xml",
    },
    "archive.count": {
        "nn": "talet på {name} er {found}, uttrekket har {count}",
        "nb": "antallet {name} er {found}, uttrekket har {count}",
    },
    "archive.pending_broken": {
        "nn": "{path} er øydelagd. Ei avbroten arkivering kan ikkje ryddast automatisk; køyr «bti-docs verify» og "
        "rydd etter rapporten.",
        "nb": "{path} er ødelagt. En avbrutt arkivering kan ikke ryddes automatisk; kjør «bti-docs verify» og "
        "rydd etter rapporten.",
    },
    "archive.refused_case": {
        "nn": "Skjemaet gjeld mistanke om vald eller overgrep: BTI-vegen blir ikkje brukt, og ingenting blir "
        "arkivert her. Meld til barnevernet.",
        "nb": "Skjemaet gjelder mistanke om vold eller overgrep: BTI-veien blir ikke brukt, og ingenting blir "
        "arkivert her. Meld til barnevernet.",
    },
    # --- the watcher's folders ---
    "watch.no_inbox": {
        "nn": "Innboksen {path} finst ikkje eller er ikkje ei mappe.",
        "nb": "Innboksen {path} finnes ikke eller er ikke en mappe.",
    },
    "watch.folder_is_inbox": {
        "nn": "Mappa for {label} ({path}) kan ikkje vere sjølve innboksen.",
        "nb": "Mappen for {label} ({path}) kan ikke være selve innboksen.",
    },
    "watch.done_is_rejected": {
        "nn": "done og rejected kan ikkje vere same mappa ({path}).",
        "nb": "done og rejected kan ikke være samme mappe ({path}).",
    },
    "watch.protected_in_inbox": {
        "nn": "{path} ligg i ei mappe andre kan skrive i ({inbox}). Innstillingar og sertifikat skal ligge utanfor "
        "innboksen og mappene han flyttar filer til.",
        "nb": "{path} ligger i en mappe andre kan skrive i ({inbox}). Innstillinger og sertifikat skal ligge utenfor "
        "innboksen og mappene den flytter filer til.",
    },
    "watch.not_a_folder": {"nn": "{path} finst, men er ikkje ei mappe.", "nb": "{path} finnes, men er ikke en mappe."},
    "watch.world_readable": {
        "nn": "Mappa {path} kan lesast av alle (rettar {mode}) og høyrer til ein annan brukar, så bti-docs watch kan "
        "ikkje stramme ho inn. Filene der er skjema med personopplysningar: be eigaren om «chmod {wanted} {path}», "
        "eller vel ei anna mappe.",
        "nb": "Mappen {path} kan leses av alle (rettigheter {mode}) og tilhører en annen bruker, så bti-docs watch "
        "kan ikke stramme den inn. Filene der er skjemaer med personopplysninger: be eieren om «chmod {wanted} "
        "{path}», eller velg en annen mappe.",
    },
    "watch.cannot_tighten": {
        "nn": "Rettane til mappa {path} kan ikkje strammast inn ({reason}).",
        "nb": "Rettighetene til mappen {path} kan ikke strammes inn ({reason}).",
    },
    # --- test certificates ---
    "devcert.test_mark": {"nn": "TEST – ikkje for bruk i produksjon", "nb": "TEST – ikke for bruk i produksjon"},
    "devcert.unit_name": {"nn": "Testeining", "nb": "Testenhet"},  # the unit a test certificate seals for
    "devcert.demo_unit_name": {"nn": "Fjordvik testeining", "nb": "Fjordvik testenhet"},  # bti-docs demo, web --demo
    "devcert.empty_name": {
        "nn": "Namnet på eininga og kommunen kan ikkje vere tomt.",
        "nb": "Navnet på enheten og kommunen kan ikke være tomt.",
    },
    "devcert.name_too_long": {
        "nn": "Namnet «{name}» blir for langt i sertifikatet ({length} teikn, høgst {limit}). Bruk eit kortare namn "
        "på eininga eller kommunen.",
        "nb": "Navnet «{name}» blir for langt i sertifikatet ({length} tegn, høyst {limit}). Bruk et kortere navn "
        "på enheten eller kommunen.",
    },
    "devcert.exists": {
        "nn": "Testsertifikata finst alt ({names}). Dei blir ikkje skrivne over; slett dei først eller bruk ei anna "
        "mappe.",
        "nb": "Testsertifikatene finnes allerede ({names}). De blir ikke skrevet over; slett dem først eller bruk en "
        "annen mappe.",
    },
    "devcert.cannot_make_folder": {
        "nn": "Kan ikkje lage mappa for testsertifikata ({path}): {reason}.",
        "nb": "Kan ikke lage mappen for testsertifikatene ({path}): {reason}.",
    },
    "devcert.cannot_write": {
        "nn": "Kan ikkje skrive testsertifikata i {path}: {reason}.",
        "nb": "Kan ikke skrive testsertifikatene i {path}: {reason}.",
    },
    "archive.exists": {
        "nn": "{path} finst frå før: vel eit nytt filnamn.",
        "nb": "{path} finnes fra før: velg et nytt filnavn.",
    },
}
