"""``bti-docs web``: arguments, the demo set-up (development user, local inbox, a watcher alongside), uvicorn."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, TextIO

from bti_docs.i18n import Lang
from bti_docs.text.voice import DEFAULT_LANG, say
from bti_docs.web.config import LOOPBACK, WebConfig, load_web_config


def add_web_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``bti-docs web``, with help in the parser's language (``p.lang``)."""
    lang: Lang = getattr(p, "lang", DEFAULT_LANG)

    def h(code: str, **context: object) -> str:
        return say(f"cli.web.{code}", lang, **context)

    p.add_argument("--config", type=Path, default=None, help=h("config"))
    p.add_argument("--host", default=None, help=h("host", host=LOOPBACK))
    p.add_argument("--port", type=int, default=None, help=h("port"))
    p.add_argument("--data-dir", type=Path, default=None, help=h("data_dir"))
    p.add_argument("--inbox", type=Path, default=None, help=h("inbox"))
    p.add_argument("--dev", action="store_true", help=h("dev", host=LOOPBACK))
    p.add_argument("--demo", type=Path, default=None, metavar="MAPPE", help=h("demo"))


def config_from_args(args: argparse.Namespace) -> WebConfig:
    overrides: dict[str, Any] = {"host": args.host, "port": args.port, "data_dir": args.data_dir,
                                 "inbox": args.inbox, "rules": args.rules}
    if args.dev or args.demo:
        overrides |= {"dev_user": True, "secure_cookies": False}
    if args.demo:
        folder = args.demo.absolute()
        overrides["data_dir"] = overrides["data_dir"] or folder / "web"
        overrides["inbox"] = overrides["inbox"] or folder / "innboks"
        overrides["archive"] = folder / "arkiv"
    return load_web_config(args.config, overrides)


def _start_watcher(folder: Path, config: WebConfig, out: TextIO, lang: Lang) -> subprocess.Popen[bytes]:
    """The demo's watcher: a separate process with a test certificate (the web app never holds it). What it
    says is in ``lang``, the web app's (the municipality's målform)."""
    from bti_docs.devcert import create_dev_pki, existing_dev_pki

    cert_dir = folder / "testsertifikat"
    pki = existing_dev_pki(cert_dir) or create_dev_pki(cert_dir, unit_name=say("devcert.demo_unit_name", lang),
                                                        municipality="Fjordvik kommune", lang=lang)
    assert config.inbox is not None
    argv = [sys.executable, "-m", "bti_docs", *(["--rules", str(config.rules)] if config.rules else []), "watch",
            str(config.inbox), "--archive", str(folder / "arkiv"), "--cert", str(pki.unit_p12),
            "--trust", str(pki.root_cert), "--password-file", str(pki.password_file), "--settle", "0.5"]
    config.inbox.mkdir(parents=True, exist_ok=True)
    out.write(say("cli.web.demo_watcher", lang, inbox=config.inbox, archive=folder / "arkiv") + "\n")
    return subprocess.Popen(argv, env=os.environ.copy())


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def run_web(args: argparse.Namespace, out: TextIO) -> int:
    import uvicorn

    from bti_docs.web.app import create_app

    config = config_from_args(args)
    app = create_app(config)  # refuses a development user on any address but 127.0.0.1
    watcher = _start_watcher(args.demo.absolute(), config, out, app.state.web.lang) if args.demo else None
    out.write(f"bti-docs web: http://{config.host}:{config.port}/\n")
    out.flush()
    # uvicorn raises SIGTERM again after its graceful shutdown: end by SystemExit so the watcher is stopped too.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        # proxy_headers off: the client address must be the real peer, the reverse proxy's own address.
        uvicorn.run(app, host=config.host, port=config.port, proxy_headers=False, server_header=False,
                    log_level="info")
    finally:
        if watcher is not None:
            watcher.terminate()
            watcher.wait(timeout=30)
    return 0
