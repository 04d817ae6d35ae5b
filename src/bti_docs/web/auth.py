"""Who is asking: the user and groups from the trusted proxy's headers, mapped to the units they may see.

The reverse proxy (e.g. Apache mod_auth_openidc against Entra ID, ID-porten or Feide) authenticates and
passes the user and groups in headers. Those headers are believed only when the request comes from a
configured proxy address; from anywhere else the request is refused. The user's id is kept only as a keyed
hash (``User.key``): it never reaches a URL, a log line or the database in clear text.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from starlette.requests import Request

from bti_docs.web.config import DEV_USER, WebConfig

_SPLIT = re.compile(r"[,;]")  # mod_auth_openidc joins a list claim with "," (OIDCClaimDelimiter)


@dataclass(frozen=True)
class User:
    key: str  # keyed hash of the user id: the owner of drafts in the database
    units: tuple[str, ...]  # the unit ids this user may see, in the settings' order

    def may_see(self, unit: str) -> bool:
        return unit in self.units


class NotAuthenticated(Exception):
    """No believable user on this request (not from the proxy, or no user header)."""


def user_key(secret: bytes, user_id: str) -> str:
    return hmac.new(secret, user_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def units_for_groups(groups: list[str], config: WebConfig, known_units: list[str]) -> tuple[str, ...]:
    allowed = {unit for group in groups for unit in config.groups.get(group, [])}
    return tuple(u for u in known_units if u in allowed)


def authenticate(request: Request, config: WebConfig, secret: bytes, known_units: list[str]) -> User:
    if config.dev_user:
        return User(user_key(secret, DEV_USER), tuple(known_units))
    client = request.client.host if request.client else ""
    if client not in config.trusted_proxies:
        raise NotAuthenticated
    user_id = request.headers.get(config.user_header, "").strip()
    if not user_id:
        raise NotAuthenticated
    groups = [g.strip() for g in _SPLIT.split(request.headers.get(config.groups_header, "")) if g.strip()]
    return User(user_key(secret, user_id), units_for_groups(groups, config, known_units))
