"""A municipality's settings, read strictly from ``archive_rules.yaml``.

The file has two sections: ``kommune`` (name, målform, consent age, units, certificate) and ``arkivering``
(the archive rules, see ``bti_docs.config.arkivering``). Unknown keys, missing keys and bad values are errors that
name the key and its line, so a municipality can edit the file without reading code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field, StringConstraints, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from bti_docs.config.arkivering import ArchiveRules
from bti_docs.errors import ConfigError, os_reason
from bti_docs.fields import Malform, Slug, Strict, Tjeneste
from bti_docs.i18n import Lang
from bti_docs.options import lang_of
from bti_docs.text.voice import DEFAULT_LANG, Joined, Phrase, has_text, phrase, say

SETTINGS_ENV = "BTI_DOCS_RULES"
DEFAULT_SETTINGS_NAME = "archive_rules.yaml"
MAX_SETTINGS_BYTES = 1_000_000
# Where an installed system keeps its settings: the last place find_settings looks.
SYSTEM_SETTINGS = Path("/etc/bti-docs") / DEFAULT_SETTINGS_NAME

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Enhet(Strict):
    """A unit (barnehage, skole, helsestasjon ...) of the municipality."""

    navn: ShortText
    tjeneste: Tjeneste


class Sertifikat(Strict):
    """The unit certificate that seals documents, and the roots a seal is verified against.

    Relative paths are taken from the settings file's folder. The password is never in this file: it comes
    from the environment variable ``passord_miljovariabel`` or the file ``passord_fil``.
    """

    p12: Path
    passord_miljovariabel: str | None = "BTI_DOCS_CERT_PASSWORD"
    passord_fil: Path | None = None
    tillitsrot: list[Path] = Field(default_factory=list)
    tidsstempel_url: str | None = None
    pades_nivaa: Literal["B-B", "B-T", "B-LT", "B-LTA"] | None = Field(
        default=None, description="PAdES level; default B-T with tidsstempel_url, else B-B. B-LT/B-LTA need "
        "tidsstempel_url and PDF/A-2")
    hent_tilbakekallingsdata: bool = Field(default=False, description="B-LT/B-LTA: fetch OCSP/CRL (network)")

    @model_validator(mode="after")
    def _tsa_for_level(self) -> Sertifikat:
        if self.pades_nivaa not in (None, "B-B") and not self.tidsstempel_url:
            code = "settings.tsa_for_level"
            raise PydanticCustomError(code, "{text}", {"text": say(code, DEFAULT_LANG, level=self.pades_nivaa),
                                                       "level": self.pades_nivaa})
        return self


# Words that suggest violence, sexual abuse or serious neglect (DOMAIN: the BTI path is not used; Inderøy adds
# serious neglect). Matched on whole words (and phrases), case-insensitive, in every free text of a form whose
# ``mistanke_vold_overgrep`` is false: a hit gives a warning, never a refusal. A municipality adjusts the lists
# under ``kommune.bekymringsord`` in archive_rules.yaml; these are the defaults.
DEFAULT_CONCERN_WORDS_NN: tuple[str, ...] = (
    "vald", "valden", "valdeleg", "valdelege", "valdsam", "valdsbruk", "valdtekt", "valdteke", "valdtatt",
    "overgrep", "overgrepet", "overgrepa", "seksuelle overgrep", "misbruk", "misbrukt", "mishandling",
    "mishandla", "omsorgssvikt", "alvorleg omsorgssvikt", "incest", "blåmerke", "blåmerker", "kvelartak",
    "slo barnet", "slår barnet", "sparka barnet",
)
DEFAULT_CONCERN_WORDS_NB: tuple[str, ...] = (
    "vold", "volden", "voldelig", "voldelige", "voldsom", "voldsbruk", "voldtekt", "voldtatt",
    "overgrep", "overgrepet", "overgrepene", "seksuelle overgrep", "misbruk", "misbrukt", "mishandling",
    "mishandlet", "omsorgssvikt", "alvorlig omsorgssvikt", "incest", "blåmerke", "blåmerker", "kvelertak",
    "slo barnet", "slår barnet", "sparket barnet",
)

ConcernWord = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]


class Bekymringsord(Strict):
    """Words (or phrases) in nynorsk and bokmål that suggest violence, abuse or serious neglect."""

    nn: list[ConcernWord] = Field(default_factory=lambda: list(DEFAULT_CONCERN_WORDS_NN))
    nb: list[ConcernWord] = Field(default_factory=lambda: list(DEFAULT_CONCERN_WORDS_NB))


class Kommune(Strict):
    navn: ShortText
    kommunenummer: Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
    malform: Malform
    samtykkealder: int = Field(default=15, ge=12, le=18, description="From this age the young person consents")
    enheter: dict[Slug, Enhet] = Field(min_length=1)
    testmodus: bool = Field(default=False, description="Only synthetic national id numbers are accepted")
    sertifikat: Sertifikat | None = None
    muntlig_samtykke_til_oppretting: bool = Field(
        default=False,
        description="The consent to establish a log may be oral (then with a referat); default: written only",
    )
    bekymringsord: Bekymringsord = Field(
        default_factory=Bekymringsord,
        description="Words suggesting violence, abuse or serious neglect: a warning when the flag is false",
    )


class SettingsFile(Strict):
    kommune: Kommune
    arkivering: ArchiveRules | None = Field(default=None, description="The archive rules (bti_docs.archive)")


class Settings:
    """Loaded settings with the folder relative paths are resolved against."""

    def __init__(self, data: SettingsFile, source: Path) -> None:
        self.data = data
        self.source = source
        self.base_dir = source.parent

    @property
    def kommune(self) -> Kommune:
        return self.data.kommune

    @property
    def lang(self) -> Lang:
        """The language of the municipality's målform: messages, reports and documents without their own."""
        return lang_of(self.kommune.malform)

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else (self.base_dir / path)


def find_settings(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The settings file: ``--rules``, then ``$BTI_DOCS_RULES``, then ``archive_rules.yaml`` here or above, then
    the installed system's ``/etc/bti-docs/archive_rules.yaml`` (``SYSTEM_SETTINGS``)."""
    if explicit is not None:
        return explicit
    env = os.environ.get(SETTINGS_ENV)
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_SETTINGS_NAME
        if candidate.is_file():
            return candidate
    if SYSTEM_SETTINGS.is_file():
        return SYSTEM_SETTINGS
    raise ConfigError("settings_not_found", name=DEFAULT_SETTINGS_NAME, env=SETTINGS_ENV, searched=here,
                      system=SYSTEM_SETTINGS)


def read_settings_text(path: Path, limit: int) -> str:
    """A settings file's text: at most ``limit`` bytes are read, UTF-8 (with or without BOM) required."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ConfigError("config.unreadable", path=path, reason=os_reason(exc)) from exc
    if len(raw) > limit:
        raise ConfigError("config.too_large", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError("config.not_utf8", path=path, position=exc.start) from exc


def load_settings(path: Path) -> Settings:
    """Read and validate the settings file; raises ConfigError naming every bad key and its line."""
    text = read_settings_text(path, MAX_SETTINGS_BYTES)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError("config.bad_yaml", path=path, detail=str(exc)) from exc
    try:
        parsed = SettingsFile.model_validate(data)
    except ValidationError as exc:
        # Said in the reader's language when the front end says the error: the lines are phrases, not problems
        # (whose messages would be in one language). The målform the file names, if it names one, comes along.
        said = [phrase("config.problem", path=path, field=".".join(str(p) for p in err["loc"]),
                       line=line_of(root, err["loc"]), detail=_said(err)) for err in exc.errors()]
        raise ConfigError("config.invalid", path=path, found=Joined(said, "\n"), malform=_malform_of(data)) from exc
    return Settings(parsed, path.resolve())


# Pydantic's own errors that the validation messages word for staff (the rest say pydantic's text).
_PYDANTIC_WORDED = frozenset({"missing", "extra_forbidden", "string_too_short", "string_too_long"})


def _said(err: ErrorDetails) -> Phrase:
    """One settings error in words: the settings' own checks by their code, a few of pydantic's by the
    validation messages, anything else as pydantic says it."""
    code, context = err["type"], dict(err.get("ctx") or {})
    if has_text(code) and code.startswith("settings."):
        context.pop("text", None)
        return phrase(code, **context)
    if code in _PYDANTIC_WORDED:
        return phrase(code, **context)
    return phrase("invalid", detail=err["msg"])


def _malform_of(data: object) -> Lang | None:
    """The målform a settings file names (``kommune: malform:``), read even when the file is invalid."""
    kommune = data.get("kommune") if isinstance(data, dict) else None
    found = kommune.get("malform") if isinstance(kommune, dict) else None
    return lang_of(found) if found in ("nn", "nb") else None


def line_of(root: yaml.Node | None, loc: tuple[int | str, ...] | list[int | str]) -> int | str:
    """The 1-based line of the deepest node on ``loc`` that exists in the composed YAML tree."""
    node = root
    line: int | str = "?"
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(part)]
            if not match:
                break
            key, node = match[0]
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
