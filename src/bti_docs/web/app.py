"""The Starlette application: state, security middleware, static files and routes."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bti_docs import fsio
from bti_docs.api import messages_lang, open_settings
from bti_docs.config import Settings
from bti_docs.paths import templates_dir
from bti_docs.web import csrf
from bti_docs.web.auth import NotAuthenticated, authenticate
from bti_docs.web.config import WebConfig
from bti_docs.web.store import Store

HERE = Path(__file__).resolve().parent
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
}


@dataclass
class WebState:
    config: WebConfig
    settings: Settings
    store: Store
    secret: bytes
    templates: Jinja2Templates

    @property
    def lang(self) -> str:
        return messages_lang(self.settings)

    @property
    def units(self) -> list[str]:
        return list(self.settings.kommune.enheter)


def _secret(data_dir: Path) -> bytes:
    path = data_dir / "secret.key"
    key = secrets.token_bytes(32)
    try:
        fsio.write_new(path, key, 0o600)
    except FileExistsError:
        return path.read_bytes()
    return key


class SecurityMiddleware(BaseHTTPMiddleware):
    """Authenticate every request, give it a CSRF nonce, and set the security and no-store headers."""

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        state: WebState = request.app.state.web
        if request.url.path.startswith(("/static/", "/dokument/")):
            response = await call_next(request)
            response.headers.update(_SECURITY_HEADERS)
            return response
        from bti_docs.web.routes import message_page

        try:
            request.state.user = authenticate(request, state.config, state.secret, state.units)
        except NotAuthenticated:
            request.state.user = None
        nonce = request.cookies.get(csrf.COOKIE)
        fresh = not nonce
        request.state.csrf_nonce = nonce or csrf.new_nonce()
        if request.state.user is None:
            response = message_page(request, "error.heading", "error.unauthenticated", 401)
        else:
            response = await call_next(request)
        response.headers.update(_SECURITY_HEADERS)
        response.headers["Cache-Control"] = "no-store"
        if fresh:
            response.set_cookie(csrf.COOKIE, request.state.csrf_nonce, httponly=True, samesite="strict",
                                secure=state.config.secure_cookies, path="/")
        return response


def create_app(config: WebConfig, settings: Settings | None = None) -> Starlette:
    from bti_docs.web.routes import http_error, routes

    config.check_dev_binding()
    settings = settings or open_settings(config.rules)
    store = Store(config.data_dir, config.draft_days)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    templates = Jinja2Templates(env=env)
    doc_templates = templates_dir()
    app = Starlette(
        routes=[
            *routes(),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
            Mount("/dokument/html", StaticFiles(directory=doc_templates / "html"), name="doc_html"),
            Mount("/dokument/fonts", StaticFiles(directory=doc_templates / "fonts"), name="doc_fonts"),
        ],
        middleware=[Middleware(SecurityMiddleware)],
        exception_handlers={HTTPException: http_error},
    )
    app.state.web = WebState(config, settings, store, _secret(config.data_dir), templates)
    return app
