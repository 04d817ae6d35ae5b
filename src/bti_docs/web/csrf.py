"""CSRF protection for every POST: a token bound to a random per-browser cookie and the user.

The cookie ``bti_csrf`` holds a random nonce (HttpOnly, SameSite=Strict, Secure unless configured off for
plain-HTTP development). The token is an HMAC of the nonce and the user's key; forms carry it in the field
``csrf`` and htmx sends it in the ``X-CSRF-Token`` header. A POST without a matching token is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

COOKIE = "bti_csrf"
FIELD = "csrf"
HEADER = "X-CSRF-Token"


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def token_for(secret: bytes, nonce: str, user_key: str) -> str:
    return hmac.new(secret, f"{nonce}|{user_key}".encode(), hashlib.sha256).hexdigest()


def token_ok(secret: bytes, nonce: str | None, user_key: str, presented: str | None) -> bool:
    if not nonce or not presented:
        return False
    return hmac.compare_digest(token_for(secret, nonce, user_key), presented)
