"""Command line: parses arguments and calls ``bti_docs.api``. No business logic here."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from bti_docs import __version__
from bti_docs.errors import BtiError, ExitCode, Severity

Handler = Callable[[argparse.Namespace, TextIO], int]


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api

    settings = api.open_settings(args.rules)
    results = api.validate(args.paths, settings)
    if not results:
        raise BtiError("Fann ingen skjema (*.yaml) / fant ingen skjema (*.yaml) i: "
                       + ", ".join(str(p) for p in args.paths))
    problems = [p for r in results for p in r.problems]
    if args.json:
        json.dump(
            {
                "files": [
                    {"file": r.file, "ok": r.ok, "kind": r.form.skjema.value if r.form else None,
                     "problems": [p.as_dict() for p in r.problems]}
                    for r in results
                ],
                "exit_code": int(api.exit_code_for(problems)),
            },
            out, ensure_ascii=False, indent=2,
        )
        out.write("\n")
    else:
        for r in results:
            status = "OK  " if r.ok else "FEIL"
            out.write(f"{status} {r.file}\n")
            for p in r.problems:
                if p.severity is Severity.error or not args.quiet:
                    out.write(f"     {p.format()}\n")
        bad = sum(1 for r in results if not r.ok)
        out.write(f"{len(results) - bad} gyldige, {bad} med feil\n")
    return int(api.exit_code_for(problems))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bti-docs",
        description="Dokument og arkiv for BTI og stafettloggen: valider, lag PDF/A, forsegl og arkiver.",
    )
    parser.add_argument("--version", action="version", version=f"bti-docs {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="vis detaljar ved feil (traceback)")
    parser.add_argument("--rules", type=Path, default=None,
                        help="innstillingsfila (archive_rules.yaml); elles $BTI_DOCS_RULES eller søk oppover")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    p = sub.add_parser("validate", help="kontroller skjema (filer eller mapper)")
    p.add_argument("paths", nargs="+", type=Path, metavar="STI")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="vis berre feil, ikkje åtvaringar")
    p.set_defaults(handler=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version or bad arguments
        return int(exc.code or 0) if exc.code in (0, None) else int(ExitCode.bad_args)
    handler: Handler = args.handler
    try:
        return handler(args, out)
    except BtiError as exc:
        if args.verbose:
            raise
        print(f"bti-docs: {exc.message}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("bti-docs: avbrote / avbrutt", file=sys.stderr)
        return int(ExitCode.interrupted)


if __name__ == "__main__":
    raise SystemExit(main())
