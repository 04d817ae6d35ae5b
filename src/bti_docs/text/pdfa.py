"""What the PDF/A check finds (``bti_docs.pdfa.check_pdfa``), in nynorsk and bokmål.

``code → {"nn": ..., "nb": ...}``, said through ``bti_docs.text.voice.say``.
"""

from __future__ import annotations

from typing import Final

from bti_docs.i18n import Lang

PDFA: Final[dict[str, dict[Lang, str]]] = {
    "pdfa.header": {
        "nn": 'Filhovudet er ikkje «%PDF-1.n» følgt av ei binær kommentarlinje.',
        "nb": 'Filhodet er ikke «%PDF-1.n» fulgt av en binær kommentarlinje.',
    },
    "pdfa.data_after_eof": {
        "nn": 'Det står data etter siste «%%EOF».',
        "nb": 'Det står data etter siste «%%EOF».',
    },
    "pdfa.no_id": {
        "nn": 'Traileren manglar filidentifikator (/ID).',
        "nb": 'Traileren mangler filidentifikator (/ID).',
    },
    "pdfa.encrypted": {
        "nn": 'Fila er kryptert.',
        "nb": 'Filen er kryptert.',
    },
    "pdfa.xref_stream": {
        "nn": 'Fila brukar kryssreferansestraumar (ikkje tillate i PDF/A-1).',
        "nb": 'Filen bruker kryssreferansestrømmer (ikke tillatt i PDF/A-1).',
    },
    "pdfa.damaged_structure": {
        "nn": 'Filstrukturen er skadd: {detail}',
        "nb": 'Filstrukturen er skadet: {detail}',
    },
    "pdfa.optional_content": {
        "nn": 'Katalogen har valfritt innhald (/OCProperties).',
        "nb": 'Katalogen har valgfritt innhold (/OCProperties).',
    },
    "pdfa.permissions": {
        "nn": 'Løyveordboka (/Perms) har andre nøklar enn UR3 og DocMDP.',
        "nb": 'Tillatelsesordboken (/Perms) har andre nøkler enn UR3 og DocMDP.',
    },
    "pdfa.embedded_files": {
        "nn": 'Dokumentet har innebygde filer (/EmbeddedFiles).',
        "nb": 'Dokumentet har innebygde filer (/EmbeddedFiles).',
    },
    "pdfa.javascript": {
        "nn": 'Dokumentet har JavaScript (/Names /JavaScript).',
        "nb": 'Dokumentet har JavaScript (/Names /JavaScript).',
    },
    "pdfa.catalog_aa": {
        "nn": 'Katalogen har tilleggshandlingar (/AA).',
        "nb": 'Katalogen har tilleggshandlinger (/AA).',
    },
    "pdfa.needs_rendering": {
        "nn": 'Katalogen har /NeedsRendering.',
        "nb": 'Katalogen har /NeedsRendering.',
    },
    "pdfa.need_appearances": {
        "nn": 'Skjemaet har NeedAppearances sett.',
        "nb": 'Skjemaet har NeedAppearances satt.',
    },
    "pdfa.xfa": {
        "nn": 'Skjemaet inneheld XFA.',
        "nb": 'Skjemaet inneholder XFA.',
    },
    "pdfa.no_output_intent": {
        "nn": 'Manglar «output intent» av typen GTS_PDFA1.',
        "nb": 'Mangler «output intent» av typen GTS_PDFA1.',
    },
    "pdfa.output_intents_differ": {
        "nn": 'Fleire «output intents» har ulike ICC-profilar.',
        "nb": 'Flere «output intents» har ulike ICC-profiler.',
    },
    "pdfa.no_icc_profile": {
        "nn": '«Output intent» manglar innebygd ICC-profil (DestOutputProfile).',
        "nb": '«Output intent» mangler innebygd ICC-profil (DestOutputProfile).',
    },
    "pdfa.bad_icc_profile": {
        "nn": 'ICC-profilen i «output intent» har feil klasse, fargerom eller versjon.',
        "nb": 'ICC-profilen i «output intent» har feil klasse, fargerom eller versjon.',
    },
    "pdfa.external_stream": {
        "nn": 'Ein straum viser til ei ekstern fil (F, FFilter eller FDecodeParms).',
        "nb": 'En strøm viser til en ekstern fil (F, FFilter eller FDecodeParms).',
    },
    "pdfa.filter": {
        "nn": 'Ein straum brukar filteret {names}.',
        "nb": 'En strøm bruker filteret {names}.',
    },
    "pdfa.interpolate": {
        "nn": 'Eit bilete har /Interpolate sett.',
        "nb": 'Et bilde har /Interpolate satt.',
    },
    "pdfa.embedded_file": {
        "nn": 'Dokumentet har ei innebygd fil (filspesifikasjon med /EF).',
        "nb": 'Dokumentet har en innebygd fil (filspesifikasjon med /EF).',
    },
    "pdfa.page_aa": {
        "nn": 'Ei side har tilleggshandlingar (/AA).',
        "nb": 'En side har tilleggshandlinger (/AA).',
    },
    "pdfa.field_aa": {
        "nn": 'Eit skjemafelt har tilleggshandlingar (/AA).',
        "nb": 'Et skjemafelt har tilleggshandlinger (/AA).',
    },
    "pdfa.font_not_embedded": {
        "nn": 'Skrifttypen «{name}» er ikkje innebygd.',
        "nb": 'Skrifttypen «{name}» er ikke innebygd.',
    },
    "pdfa.no_to_unicode": {
        "nn": 'Skrifttypen «{name}» manglar Unicode-tabell (/ToUnicode).',
        "nb": 'Skrifttypen «{name}» mangler Unicode-tabell (/ToUnicode).',
    },
    "pdfa.blend_mode": {
        "nn": 'Blandingsmodus som ikkje er tillaten: {modes}.',
        "nb": 'Ikke tillatt blandingsmodus: {modes}.',
    },
    "pdfa.transparency_group": {
        "nn": 'Ei side eller eit skjema har ei transparensgruppe.',
        "nb": 'En side eller et skjema har en transparensgruppe.',
    },
    "pdfa.soft_mask": {
        "nn": 'Dokumentet brukar mjuk maske (SMask).',
        "nb": 'Dokumentet bruker myk maske (SMask).',
    },
    "pdfa.transparency": {
        "nn": 'Dokumentet brukar gjennomsikt (CA/ca ulik 1).',
        "nb": 'Dokumentet bruker gjennomsiktighet (CA/ca ulik 1).',
    },
    "pdfa.action": {
        "nn": 'Handlinga «{kind}» er ikkje tillaten.',
        "nb": 'Handlingen «{kind}» er ikke tillatt.',
    },
    "pdfa.named_action": {
        "nn": 'Den namngjevne handlinga «{name}» er ikkje tillaten.',
        "nb": 'Den navngitte handlingen «{name}» er ikke tillatt.',
    },
    "pdfa.byte_range": {
        "nn": 'Signaturen har ugyldig ByteRange.',
        "nb": 'Signaturen har ugyldig ByteRange.',
    },
    "pdfa.byte_range_cover": {
        "nn": 'ByteRange i signaturen dekkjer ikkje heile revisjonen han signerer.',
        "nb": 'Signaturens ByteRange dekker ikke hele revisjonen den signerer.',
    },
    "pdfa.annot_type": {
        "nn": 'Merknadstypen «{subtype}» er ikkje tillaten.',
        "nb": 'Merknadstypen «{subtype}» er ikke tillatt.',
    },
    "pdfa.annot_no_flags": {
        "nn": 'Merknaden «{subtype}» manglar flagg (/F).',
        "nb": 'Merknaden «{subtype}» mangler flagg (/F).',
    },
    "pdfa.annot_hidden": {
        "nn": 'Merknaden «{subtype}» skal skrivast ut og ikkje vere skjult (/F).',
        "nb": 'Merknaden «{subtype}» skal skrives ut og ikke være skjult (/F).',
    },
    "pdfa.annot_transparent": {
        "nn": 'Merknaden «{subtype}» er gjennomsiktig (/CA).',
        "nb": 'Merknaden «{subtype}» er gjennomsiktig (/CA).',
    },
    "pdfa.widget_action": {
        "nn": 'Eit skjemafelt utfører ei handling (/A).',
        "nb": 'Et skjemafelt utfører en handling (/A).',
    },
    "pdfa.widget_appearance": {
        "nn": 'Eit skjemafelt (til dømes ein signatur) manglar utsjånad (/AP).',
        "nb": 'Et skjemafelt (for eksempel en signatur) mangler utseende (/AP).',
    },
    "pdfa.annot_no_appearance": {
        "nn": 'Merknaden «{subtype}» manglar utsjånad (/AP).',
        "nb": 'Merknaden «{subtype}» mangler utseende (/AP).',
    },
    "pdfa.appearance_only_n": {
        "nn": 'Utsjånaden til merknaden «{subtype}» skal berre ha /N.',
        "nb": 'Utseendet til merknaden «{subtype}» skal bare ha /N.',
    },
    "pdfa.appearance_not_stream": {
        "nn": 'Utsjånaden (/N) til merknaden «{subtype}» er ikkje ein straum.',
        "nb": 'Utseendet (/N) til merknaden «{subtype}» er ikke en strøm.',
    },
    "pdfa.no_xmp": {
        "nn": 'Katalogen manglar XMP-metadata (/Metadata av typen /XML).',
        "nb": 'Katalogen mangler XMP-metadata (/Metadata av typen /XML).',
    },
    "pdfa.xmp_compressed": {
        "nn": 'XMP-metadatastraumen er komprimert (ikkje tillate i PDF/A-1).',
        "nb": 'XMP-metadatastrømmen er komprimert (ikke tillatt i PDF/A-1).',
    },
    "pdfa.xmp_packet": {
        "nn": 'XMP-pakkehovudet har attributtet bytes eller encoding.',
        "nb": 'XMP-pakkehodet har attributtet bytes eller encoding.',
    },
    "pdfa.xmp_syntax": {
        "nn": 'XMP-metadataa er ikkje gyldig UTF-8-XML utan DTD ({detail}).',
        "nb": 'XMP-metadataene er ikke gyldig UTF-8-XML uten DTD ({detail}).',
    },
    "pdfa.xmp_schema": {
        "nn": 'XMP-eigenskapen {name} ({namespace}) er ikkje skildra i eit utvidingsskjema.',
        "nb": 'XMP-egenskapen {name} ({namespace}) er ikke beskrevet i et utvidelsesskjema.',
    },
    "pdfa.no_identification": {
        "nn": 'XMP-metadataa manglar PDF/A-identifikasjon (pdfaid:part og conformance).',
        "nb": 'XMP-metadataene mangler PDF/A-identifikasjon (pdfaid:part og conformance).',
    },
    "pdfa.unused_level": {
        "nn": 'Fila er merkt PDF/A-{level}, som bti-docs ikkje brukar.',
        "nb": 'Filen er merket PDF/A-{level}, som bti-docs ikke bruker.',
    },
    "pdfa.wrong_level": {
        "nn": 'Fila er merkt PDF/A-{claimed}, ikkje PDF/A-{level}.',
        "nb": 'Filen er merket PDF/A-{claimed}, ikke PDF/A-{level}.',
    },
    "pdfa.info_xmp": {
        "nn": 'Info-ordboka og XMP er usamde om {key}.',
        "nb": 'Info-ordboken og XMP er uenige om {key}.',
    },
    "pdfa.not_tagged": {
        "nn": 'Dokumentet er ikkje merkt som tagga (/MarkInfo /Marked).',
        "nb": 'Dokumentet er ikke merket som tagget (/MarkInfo /Marked).',
    },
    "pdfa.no_struct_tree": {
        "nn": 'Dokumentet manglar strukturtre (/StructTreeRoot).',
        "nb": 'Dokumentet mangler strukturtre (/StructTreeRoot).',
    },
    "pdfa.not_pdf": {
        "nn": 'Fila kan ikkje lesast som PDF: {detail}',
        "nb": 'Filen kan ikke leses som PDF: {detail}',
    },
    "pdfa.damaged": {
        "nn": 'Fila er skadd og kan ikkje lesast heilt: {detail}',
        "nb": 'Filen er skadet og kan ikke leses helt: {detail}',
    },
}
