"""A unit's watch settings: from a YAML file, ``BTI_DOCS_*`` environment variables and the command line.

Later sources win: defaults < file (``--config`` / ``$BTI_DOCS_WATCH_CONFIG``) < environment < command line.
Every key of :class:`WatchConfig` can be set in the file, and as ``BTI_DOCS_<KEY>`` in the environment
(``BTI_DOCS_INBOX``, ``BTI_DOCS_ARCHIVE``, ``BTI_DOCS_RULES``, ``BTI_DOCS_CERT``, ``BTI_DOCS_SETTLE_SECONDS``
...; ``BTI_DOCS_TRUST`` is a ``:``-separated list). Unknown keys and bad values are errors naming the key.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bti_docs.config import read_settings_text
from bti_docs.errors import ConfigError, Problem
from bti_docs.i18n import Lang
from bti_docs.options import DEFAULT_PDFA, PDFA_CHOICES, PdfaLevel
from bti_docs.text.voice import DEFAULT_LANG, say

CONFIG_ENV = "BTI_DOCS_WATCH_CONFIG"
ENV_PREFIX = "BTI_DOCS_"
MAX_CONFIG_BYTES = 100_000
DEFAULT_MAX_BYTES = 1_000_000  # the form loader's own limit: nothing larger can be a form
PDFA_LEVELS = PDFA_CHOICES


class OnSuccess(StrEnum):
    move = "move"  # to done/
    delete = "delete"


class WatchConfig(BaseModel):
    """Everything one watcher (one unit's inbox) needs. Paths are absolute once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    inbox: Path = Field(description="The folder the unit drops finished forms into")
    archive: Path = Field(description="The archive root the pipeline files into")
    rules: Path | None = Field(default=None, description="archive_rules.yaml (else $BTI_DOCS_RULES or search)")
    cert: Path | None = Field(default=None, description="The unit's sealing certificate (.p12)")
    trust: tuple[Path, ...] = Field(default=(), description="Extra trust roots for the seal check")
    pdfa: PdfaLevel = Field(default=DEFAULT_PDFA, description="PDF/A level: 1b, 2b, 2u or 2a")
    lang: Literal["nn", "nb"] | None = Field(default=None, description="Document language (else målform)")
    password_file: Path | None = Field(default=None, description="File with the certificate's password")
    done: Path | None = Field(default=None, description="Where filed inputs go (default INBOX/done)")
    rejected: Path | None = Field(default=None, description="Where bad inputs go (default INBOX/rejected)")
    on_success: OnSuccess = Field(default=OnSuccess.move, description="move (to done/) or delete a filed input; "
                                  "one the rules file nothing for always goes to done/")
    report_lang: Literal["nn", "nb"] | None = Field(default=None, description="Report language (else målform)")
    poll: bool = Field(default=False, description="Poll instead of OS events (SMB/NFS shares)")
    poll_interval: float = Field(default=5.0, gt=0, le=3600)
    settle_seconds: float = Field(default=2.0, ge=0, le=3600, description="A file must stay unchanged this long")
    rescan_seconds: float = Field(default=60.0, gt=0, le=86_400, description="Full rescan of the inbox")
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, gt=0, le=1_000_000_000)
    retry_seconds: float = Field(default=30.0, gt=0, le=86_400, description="First wait after an error on our side")
    retry_max_seconds: float = Field(default=3600.0, gt=0, le=86_400)
    time_limit_seconds: float = Field(default=120.0, gt=0, le=86_400,
                                      description="Longest time for one document (render, seal); then stopped")
    workers: int | None = Field(default=None, ge=1, le=64,
                                description="Worker processes filing in parallel (default: one per core)")
    stale_open_seconds: float = Field(default=600.0, gt=0, description="An open file unchanged this long is taken")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = Field(default="text", description="text, or json: one JSON object per "
                                                "line (time, level, event, id, message) for journald/ELK")

    @model_validator(mode="after")
    def _retry_order(self) -> WatchConfig:
        if self.retry_max_seconds < self.retry_seconds:
            raise ValueError("retry_max_seconds er mindre enn retry_seconds")
        if self.time_limit_seconds <= self.settle_seconds:  # the check before the commit waits settle_seconds
            raise ValueError("time_limit_seconds må vere større enn settle_seconds")
        return self

    @property
    def done_dir(self) -> Path:
        return self.done or self.inbox / "done"

    @property
    def rejected_dir(self) -> Path:
        return self.rejected or self.inbox / "rejected"

    @property
    def processing_dir(self) -> Path:
        """Always inside the inbox: the claim is a rename, which is atomic only within one file system."""
        return self.inbox / ".processing"


_PATH_KEYS = ("inbox", "archive", "rules", "cert", "password_file", "done", "rejected")
_FIELDS = tuple(WatchConfig.model_fields)


def load_config_file(path: Path) -> dict[str, Any]:
    """The keys of a watch settings file, relative paths taken from the file's folder."""
    text = read_settings_text(path, MAX_CONFIG_BYTES)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else ("?", "?")
        raise ConfigError("watch.settings_yaml", path=path, line=line, column=column) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("watch.settings_not_mapping", path=path)
    base = path.resolve().parent
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in _PATH_KEYS and isinstance(value, str):
            value = base / value
        elif key == "trust" and isinstance(value, list):
            value = [base / v if isinstance(v, str) else v for v in value]
        out[str(key)] = value
    return out


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """``BTI_DOCS_<KEY>`` for every key; empty values count as unset."""
    out: dict[str, Any] = {}
    for key in _FIELDS:
        value = environ.get(ENV_PREFIX + key.upper(), "").strip()
        if not value:
            continue
        out[key] = [Path(p) for p in value.split(os.pathsep) if p] if key == "trust" else value
    return out


def build_config(*layers: Mapping[str, Any], origin: str = "innstillingane") -> WatchConfig:
    """Merge layers (later wins) into a validated config with absolute paths; ConfigError names the key."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update({k: v for k, v in layer.items() if v is not None})
    for key in ("inbox", "archive"):
        if key not in merged:
            raise ConfigError("watch.settings_missing", origin=origin, key=key, env=f"{ENV_PREFIX}{key.upper()}")
    try:
        config = WatchConfig.model_validate(merged)
    except ValidationError as exc:
        problems = [
            Problem(file=origin, path=".".join(str(p) for p in err["loc"]), code=err["type"], message=err["msg"])
            for err in exc.errors()
        ]
        detail = "\n".join(p.format() for p in problems)
        raise ConfigError("watch.settings_invalid", problems, origin=origin, detail=detail) from exc
    return config.model_copy(update=_absolute(config))


def _absolute(config: WatchConfig) -> dict[str, Any]:
    update: dict[str, Any] = {}
    for key in _PATH_KEYS:
        value = getattr(config, key)
        if value is not None:
            update[key] = Path(os.path.abspath(value))
    update["trust"] = tuple(Path(os.path.abspath(p)) for p in config.trust)
    return update


def add_watch_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``bti-docs watch``. ``--rules`` is the main parser's (read as ``args.rules``).

    Help in the parser's language (``parser.lang`` of the CLI's Norwegian parser)."""
    lang: Lang = getattr(parser, "lang", DEFAULT_LANG)

    def h(code: str, **context: object) -> str:
        return say(f"cli.watch.{code}", lang, **context)

    parser.add_argument("inbox", nargs="?", type=Path, metavar="INNBOKS", help=h("inbox"))
    parser.add_argument("--archive", type=Path, metavar="MAPPE", help=h("archive"))
    parser.add_argument("--config", type=Path, metavar="FIL", help=h("config", env=CONFIG_ENV))
    parser.add_argument("--cert", type=Path, metavar="P12", help=h("cert"))
    parser.add_argument("--trust", type=Path, action="append", metavar="PEM", help=h("trust"))
    parser.add_argument("--done", type=Path, metavar="MAPPE", help=h("done"))
    parser.add_argument("--rejected", type=Path, metavar="MAPPE", help=h("rejected"))
    parser.add_argument("--on-success", choices=[m.value for m in OnSuccess], default=None, help=h("on_success"))
    parser.add_argument("--poll", action="store_true", default=None, help=h("poll"))
    parser.add_argument("--poll-interval", type=float, metavar="SEK", default=None, help=h("poll_interval"))
    parser.add_argument("--once", action="store_true", help=h("once"))
    parser.add_argument("--settle", dest="settle_seconds", type=float, metavar="SEK", default=None,
                        help=h("settle"))
    parser.add_argument("--rescan", dest="rescan_seconds", type=float, metavar="SEK", default=None,
                        help=h("rescan"))
    parser.add_argument("--max-bytes", type=int, metavar="N", default=None, help=h("max_bytes"))
    parser.add_argument("--retry", dest="retry_seconds", type=float, metavar="SEK", default=None, help=h("retry"))
    parser.add_argument("--retry-max", dest="retry_max_seconds", type=float, metavar="SEK", default=None,
                        help=h("retry_max"))
    parser.add_argument("--time-limit", dest="time_limit_seconds", type=float, metavar="SEK", default=None,
                        help=h("time_limit"))
    parser.add_argument("--workers", dest="workers", type=int, metavar="N", default=None, help=h("workers"))
    parser.add_argument("--pdfa", choices=PDFA_LEVELS, default=None, help=h("pdfa"))
    parser.add_argument("--lang", choices=["nn", "nb"], default=None, help=h("lang"))
    parser.add_argument("--report-lang", choices=["nn", "nb"], default=None, help=h("report_lang"))
    parser.add_argument("--password-file", type=Path, metavar="FIL", help=h("password_file"))
    parser.add_argument("--log-level", default=None, choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help=h("log_level"))
    parser.add_argument("--logg-format", "--log-format", dest="log_format", choices=["text", "json"], default=None,
                        help=h("log_format"))


_ARG_KEYS = (
    "inbox", "archive", "rules", "cert", "done", "rejected", "on_success", "poll", "poll_interval",
    "settle_seconds", "rescan_seconds", "max_bytes", "retry_seconds", "retry_max_seconds", "time_limit_seconds",
    "workers", "pdfa", "lang", "report_lang", "password_file", "log_level", "log_format",
)


def config_from_args(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> WatchConfig:
    """The config for ``args`` (from :func:`add_watch_arguments`), over the file and the environment."""
    env = os.environ if environ is None else environ
    file_path: Path | None = getattr(args, "config", None)
    if file_path is None and env.get(CONFIG_ENV, "").strip():
        file_path = Path(env[CONFIG_ENV].strip())
    from_file = load_config_file(file_path) if file_path is not None else {}
    from_args: dict[str, Any] = {k: getattr(args, k, None) for k in _ARG_KEYS}
    if getattr(args, "trust", None):
        from_args["trust"] = tuple(args.trust)
    origin = str(file_path) if file_path is not None else "bti-docs watch"
    return build_config(from_file, from_environment(env), from_args, origin=origin)
