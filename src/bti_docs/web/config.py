"""The web app's settings: a strict YAML file (``bti-docs web --config``) with command-line overrides."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bti_docs.config import read_settings_text
from bti_docs.errors import ConfigError

DEV_USER = "utviklar"
LOOPBACK = "127.0.0.1"


class WebConfig(BaseModel):
    """Everything the web app needs. Relative paths are taken from the config file's folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: Path | None = Field(default=None, description="archive_rules.yaml (else $BTI_DOCS_RULES or search)")
    data_dir: Path = Field(description="Where the drafts database and the app's secret key live (mode 0700)")
    inbox: Path | None = Field(default=None, description="The watch inbox for units without their own")
    inboxes: dict[str, Path] = Field(default_factory=dict, description="unit id → that unit's watch inbox")
    done: Path | None = Field(default=None, description="The watcher's done/ folder (default INBOX/done)")
    rejected: Path | None = Field(default=None, description="The watcher's rejected/ folder (default INBOX/rejected)")
    archive: Path | None = Field(default=None, description="The archive whose due list the start page shows")
    trusted_proxies: tuple[str, ...] = Field(default=(), description="Addresses whose user headers are believed")
    user_header: str = "X-Remote-User"
    groups_header: str = "X-Remote-Groups"
    groups: dict[str, list[str]] = Field(default_factory=dict, description="group → the unit ids it gives")
    draft_days: int = Field(default=30, ge=1, le=365, description="Drafts untouched this long are deleted")
    dev_user: bool = Field(default=False, description="A fixed test user with every unit: 127.0.0.1 only")
    secure_cookies: bool = True
    host: str = LOOPBACK
    port: int = Field(default=8080, gt=0, lt=65536)

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for addr in v:
            ipaddress.ip_address(addr)
        return v

    def inbox_for(self, unit: str) -> Path:
        folder = self.inboxes.get(unit) or self.inbox
        if folder is None:
            raise ConfigError("web.no_inbox", unit=unit)
        return folder

    def done_dir(self, inbox: Path) -> Path:
        return self.done or inbox / "done"

    def rejected_dir(self, inbox: Path) -> Path:
        return self.rejected or inbox / "rejected"

    def check_dev_binding(self) -> None:
        """The development user exists only on the loopback address: refuse anything else."""
        if self.dev_user and self.host != LOOPBACK:
            raise ConfigError("web.dev_user_loopback", loopback=LOOPBACK, host=self.host)


def load_web_config(path: Path | None, overrides: dict[str, Any]) -> WebConfig:
    """The config file (if any) with ``overrides`` (from the command line) on top; errors name the key."""
    data: dict[str, Any] = {}
    base = Path.cwd()
    if path is not None:
        loaded = yaml.safe_load(read_settings_text(path, 100_000)) or {}
        if not isinstance(loaded, dict):
            raise ConfigError("config.not_mapping", path=path)
        data, base = loaded, path.resolve().parent
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        config = WebConfig.model_validate(data)
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError("web.bad_settings", path=path or "web", detail=detail) from exc

    def absolute(p: Path | None) -> Path | None:
        return None if p is None else (p if p.is_absolute() else base / p)

    return config.model_copy(update={
        "rules": absolute(config.rules), "data_dir": absolute(config.data_dir), "inbox": absolute(config.inbox),
        "archive": absolute(config.archive),
        "done": absolute(config.done), "rejected": absolute(config.rejected),
        "inboxes": {k: absolute(v) for k, v in config.inboxes.items()},
    })
