"""Command line: parses arguments and calls ``bti_docs.api``. No business logic here."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bti_docs import __version__
from bti_docs.errors import BtiError, ConfigError, ExitCode, Problem, Severity
from bti_docs.options import DEFAULT_PDFA, LANG_CHOICES, PDFA_CHOICES
from bti_docs.outcome import exit_code_for, run_guarded
from bti_docs.paths import CHECKOUT

if TYPE_CHECKING:
    from bti_docs.api import FileFailure, FileOptions, FileOutcome, Validated
    from bti_docs.config import Settings
    from bti_docs.i18n import Lang
    from bti_docs.pipeline import RenderOptions

Handler = Callable[[argparse.Namespace, TextIO], int]


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.i18n import message

    settings = api.open_settings(args.rules)
    lang = api.messages_lang(settings)
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
                "exit_code": int(exit_code_for(problems)),
            },
            out, ensure_ascii=False, indent=2,
        )
        out.write("\n")
    else:
        for r in results:
            out.write(f"{'OK  ' if r.ok else 'FEIL'} {r.file}\n")
            shown = [p for p in r.problems if p.severity is Severity.error or not args.quiet]
            _write_problems(out, shown, lang)
            template = _form_template(r, CHECKOUT / "forms")
            if template is not None and any(p.code in _TEMPLATE_HELPS for p in shown):
                out.write(f"{_INDENT}{message('cli_form_template', lang, path=template)}\n")
        bad = sum(1 for r in results if not r.ok)
        out.write(message("cli_validate_summary", lang, ok=len(results) - bad, bad=bad) + "\n")
    return int(exit_code_for(problems))


_INDENT = "     "
# Problems with the form's shape, where the blank form shows how it should look.
_TEMPLATE_HELPS = frozenset({"missing", "extra_forbidden", "block_not_indented", "child_or_pregnancy"})


def _write_problems(out: TextIO, problems: Sequence[Problem], lang: Lang) -> None:
    """One layout for every problem of a file: indented under the file's line, the position (where known) and
    the field in front, and a message of several lines kept under its first."""
    from bti_docs.i18n import message

    for p in problems:
        # A problem of the whole file (a YAML syntax error) says its line itself; a field's line goes in front.
        where = [message("cli_line", lang, line=p.line)] if p.line is not None and p.path else []
        if p.severity is not Severity.error:
            where.insert(0, message("cli_warning", lang))
        if p.path:
            where.append(p.path)
        head = f"{_INDENT}{', '.join(where)}: " if where else _INDENT
        lines = p.message.splitlines() or [""]
        out.write(head + lines[0] + "\n")
        for more in lines[1:]:
            out.write(f"{_INDENT}  {more}\n")


def _form_template(result: Validated, forms: Path) -> str | None:
    """The blank form for the result's kind, when it is at hand (a checkout or an installed forms/)."""
    kind = result.form.skjema.value if result.form else None
    if kind is None:
        m = re.search(rb"^skjema:[ \t]*([a-z_]+)[ \t]*(?:#.*)?$", result.content, re.MULTILINE)
        kind = m.group(1).decode() if m else None
    path = forms / f"{kind}.yaml" if kind else None
    if path is None or not path.is_file() or path.resolve() == Path(result.file).resolve():
        return None
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _render_options(args: argparse.Namespace, settings: Settings) -> RenderOptions:
    from bti_docs.options import PdfaLevel
    from bti_docs.pipeline import RenderOptions, seal_config

    seal = seal_config(settings, args.cert, tuple(args.trust), args.cert_password_file)
    return RenderOptions(seal=seal, level=PdfaLevel(args.pdfa), lang=args.lang, docx=getattr(args, "docx", False))


def _cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api

    settings = api.open_settings(args.rules)
    options = _render_options(args, settings)
    for r in api.render_files(args.inputs, settings, options, args.output):
        out.write(f"OK   {r.input}\n     -> {r.pdf}\n")
        if r.docx:
            out.write(f"     -> {r.docx}\n")
        for w in r.warnings:
            out.write(f"     {w.format()}\n")
    return 0


def _cmd_dev_cert(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs.devcert import create_dev_pki, describe_dev_pki

    pki = create_dev_pki(args.directory, overwrite=args.overwrite)
    out.write(describe_dev_pki(pki) + "\n")
    return 0


def _file_options(args: argparse.Namespace, archive: Path) -> FileOptions:
    from bti_docs.api import FileOptions

    return FileOptions(archive=archive, cert=args.cert, trust=tuple(args.trust), pdfa=args.pdfa, lang=args.lang,
                       password_file=args.cert_password_file, event=args.hendelse)


def _report_one(r: FileOutcome | FileFailure, out: TextIO, lang: Lang) -> None:
    """One input's lines: its status and name, then where it was filed, or what is wrong."""
    from bti_docs.api import FileFailure
    from bti_docs.i18n import message

    if isinstance(r, FileFailure):
        out.write(f"FEIL {r.input}\n" + "".join(f"{_INDENT}{line}\n" for line in r.error.splitlines()))
        for p in r.problems:
            if p.format() not in r.error:
                out.write(f"{_INDENT}{p.format()}\n")
        return
    status = "ALT " if r.duplicate else message("cli_file_filed", lang)
    out.write(f"{status} {r.input}  [{', '.join(r.events) or '-'}]\n")
    for path in r.filed:
        out.write(f"{_INDENT}-> {path}\n")
    if r.duplicate:
        out.write(f"{_INDENT}({message('cli_file_duplicate', lang)})\n")
    elif not r.filed:
        out.write(f"{_INDENT}({message('cli_file_nothing', lang)})\n")
    for w in r.problems:
        out.write(f"{_INDENT}{w.format()}\n")


def _report_filing(results: Sequence[FileOutcome | FileFailure], out: TextIO, lang: Lang = "nn", *,
                   each: bool = True) -> int:
    """Every input's lines (unless ``each`` is False: they were written as they came), the count, and the
    receipt: the journal's hash after the last filing."""
    from bti_docs.api import FileFailure
    from bti_docs.i18n import message

    worst = max((int(r.exit_code) for r in results if isinstance(r, FileFailure)), default=0)
    receipt = ""
    for r in results:
        if each:
            _report_one(r, out, lang)
        if not isinstance(r, FileFailure):
            receipt = r.receipt or receipt
    ok = sum(1 for r in results if not isinstance(r, FileFailure))
    out.write(message("cli_file_summary", lang, ok=ok, bad=len(results) - ok) + "\n")
    if receipt:
        out.write(message("cli_file_receipt", lang, receipt=receipt) + "\n")
    return worst


def _filing_json(r: FileOutcome | FileFailure) -> dict[str, object]:
    """One input in ``file --json``: see README, "Commands"."""
    from bti_docs.api import FileFailure

    if isinstance(r, FileFailure):
        return {"input": r.input, "status": "failed", "exit_code": int(r.exit_code), "error": r.error,
                "filed": [], "events": [], "receipt": None, "problems": [p.as_dict() for p in r.problems]}
    status = "duplicate" if r.duplicate else "filed" if r.filed else "nothing_to_file"
    return {"input": r.input, "status": status, "exit_code": 0, "error": None,
            "filed": [str(p) for p in r.filed], "events": list(r.events), "receipt": r.receipt or None,
            "problems": [p.as_dict() for p in r.problems]}


class _FileProgress:
    """``file``'s display while it works: a progress line on stderr when stderr is a terminal (rich), else
    each input's lines on ``out`` as its result comes (not with ``--json``)."""

    def __init__(self, total: int, out: TextIO, lang: Lang, *, quiet: bool) -> None:
        from bti_docs.i18n import message

        self.out, self.lang, self.quiet = out, lang, quiet
        self.results: list[FileOutcome | FileFailure] = []
        self.bar = None
        if sys.stderr.isatty() and not quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn(message("cli_file_progress", lang)), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("", total=total)
            self.bar.start()

    @property
    def each_shown(self) -> bool:
        return self.bar is None and not self.quiet

    def __call__(self, result: FileOutcome | FileFailure) -> None:
        self.results.append(result)
        if self.bar is not None:
            self.bar.advance(self.task)
        elif not self.quiet:
            _report_one(result, self.out, self.lang)
            self.out.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class _StopBetweenFiles:
    """The first Ctrl-C (SIGINT) asks to stop between inputs: the input in hand is finished and filed. A
    second one interrupts at once."""

    def __init__(self) -> None:
        self.asked = False
        self.previous: object = None

    def __enter__(self) -> _StopBetweenFiles:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def _handler(self, signum: int, frame: object) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True

    def check(self) -> None:
        if self.asked:
            raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]


def _cmd_file(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.config import find_settings
    from bti_docs.i18n import message

    rules = find_settings(args.rules)
    settings = api.open_settings(rules)  # settings errors now, once, not per input
    lang = api.messages_lang(settings)
    inputs = api.expand_inputs(args.inputs)
    progress = _FileProgress(len(inputs), out, lang, quiet=args.json)
    interrupted = False
    with _StopBetweenFiles() as stop:

        def on_result(result: FileOutcome | FileFailure) -> None:
            progress(result)
            stop.check()

        try:
            results = api.file_inputs(inputs, rules, _file_options(args, args.archive), workers=args.workers,
                                      on_result=on_result)
        except KeyboardInterrupt:
            interrupted = True
            results = progress.results
        finally:
            progress.close()
    head = api.journal_head(args.archive)
    if args.json:
        json.dump({"files": [_filing_json(r) for r in results], "interrupted": interrupted,
                   "filed": sum(1 for r in results if not isinstance(r, api.FileFailure)),
                   "failed": sum(1 for r in results if isinstance(r, api.FileFailure)),
                   "journal_head": {"seq": head[0], "hash": head[1]} if head else None,
                   "exit_code": int(ExitCode.interrupted) if interrupted else max(
                       (int(r.exit_code) for r in results if isinstance(r, api.FileFailure)), default=0)},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return int(ExitCode.interrupted) if interrupted else max(
            (int(r.exit_code) for r in results if isinstance(r, api.FileFailure)), default=0)
    code = _report_filing(results, out, lang, each=not progress.each_shown)
    if interrupted:
        out.write(message("cli_file_interrupted", lang, done=len(results), total=len(inputs)) + "\n")
        if head:
            out.write(message("cli_file_journal_head", lang, seq=head[0], receipt=head[1]) + "\n")
        return int(ExitCode.interrupted)
    return code


def _cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api

    try:
        settings = api.open_settings(args.rules)
    except ConfigError:
        if not args.trust:
            raise
        settings = None  # the trust root was given: an archive can be checked without the municipality's file
    if not api.trust_roots(settings, args.trust):
        from bti_docs.i18n import message

        raise ConfigError(message("cli_no_trust_root", api.messages_lang(settings) if settings else "nb"))
    result = api.verify_receipts(args.archive, settings, tuple(args.trust), args.kvittering)
    lang = api.messages_lang(settings) if settings else "nb"
    problems = result.problems
    if args.json:  # shape: README, "Commands"
        json.dump({"archive": str(args.archive), "ok": not problems, "documents": result.documents,
                   "journal_head": {"seq": result.head_seq, "hash": result.head_hash},
                   "problems": [{"file": p.file, "code": p.code, "message": p.message} for p in problems],
                   "losses": [{"loss_seq": loss, "seq": seq, "path": path} for loss, seq, path in result.losses],
                   "receipts_checked": result.receipts,
                   "exit_code": int(ExitCode.archive) if problems else 0}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return int(ExitCode.archive) if problems else 0
    for p in problems:
        out.write(f"FEIL {p.file}: {p.message}\n")
    for loss, seq, path in result.losses:
        out.write(_t(lang, f"TAP  {path}: journalpost {seq} er registrert som tapt (journalpost {loss})\n",
                     f"TAP  {path}: journalpost {seq} er registrert som tapt (journalpost {loss})\n"))
    out.write(_t(lang, f"Journalen: {result.documents} dokument, siste journalpost {result.head_seq}\n",
                 f"Journalen: {result.documents} dokumenter, siste journalpost {result.head_seq}\n"))
    out.write(_t(lang, f"Kvittering for arkivet no (hash for siste journalpost): {result.head_hash}\n",
                 f"Kvittering for arkivet nå (hash for siste journalpost): {result.head_hash}\n"))
    if problems:
        out.write(_t(lang, f"{len(problems)} problem i arkivet\n", f"{len(problems)} problemer i arkivet\n"))
        return int(ExitCode.archive)
    if result.receipts:
        out.write(_t(lang, f"Alle {result.receipts} kvitteringane finst i journalkjeda.\n",
                     f"Alle {result.receipts} kvitteringene finnes i journalkjeden.\n"))
    out.write("Arkivet er i orden: sjekksummar, segl, PDF/A og journalkjede stemmer.\n")
    return 0


def _t(lang: str, nn: str, nb: str) -> str:
    return nn if lang == "nn" else nb


def _cmd_reindex(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api

    try:
        settings = api.open_settings(args.rules)
    except ConfigError:
        settings = None  # without the municipality's file: seals are checked only with --trust
    report = api.reindex(args.archive, settings, tuple(args.trust), skip_bad=args.skip_bad,
                         accept_loss=args.godta_tap)
    lang = api.messages_lang(settings) if settings else "nb"
    if args.json:  # shape: README, "Commands"
        head = api.journal_head(args.archive)
        json.dump({"archive": str(args.archive), "documents": report.count,
                   "lost": [{"seq": seq, "path": path} for seq, path in report.lost], "loss_seq": report.loss_seq,
                   "journal_head": {"seq": head[0], "hash": head[1]} if head else None, "exit_code": 0},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for seq, path in report.lost:
        out.write(_t(lang, f"TAP  {path} (journalpost {seq}) er registrert som tapt i journalpost "
                           f"{report.loss_seq}\n",
                     f"TAP  {path} (journalpost {seq}) er registrert som tapt i journalpost {report.loss_seq}\n"))
    out.write(f"Journalen er bygd opp att frå {report.count} sidevognsfiler (sidecars).\n")
    return 0


def _cmd_overview(args: argparse.Namespace, out: TextIO) -> int:
    """``saker`` and ``frister``: names only with --med-namn, and then only to stdout or a 0600 file."""
    from datetime import date

    from bti_docs import api
    from bti_docs.archive.overview import write_private

    settings = api.open_settings(args.rules)
    fmt = "json" if args.json else "csv" if args.csv else "table"
    options = api.OverviewOptions(today=args.dato or date.today(), days=getattr(args, "dagar", None),
                                  months=getattr(args, "maaneder", None), fmt=fmt, with_names=args.med_namn)
    make = api.cases_overview if args.command == "saker" else api.due_overview
    text = make(args.archive, settings, options)
    if args.ut is None:
        out.write(text)
        return 0
    try:
        write_private(args.ut, text)
    except FileExistsError:
        raise BtiError(f"{args.ut} finst frå før / finnes fra før: vel eit nytt filnamn.") from None
    out.write(f"Skrive til / skrevet til {args.ut} (berre lesbar for deg / bare lesbar for deg).\n")
    return 0


def _add_overview_arguments(p: argparse.ArgumentParser) -> None:
    from datetime import date

    p.add_argument("archive", type=Path, metavar="ARKIV")
    p.add_argument("--dato", type=date.fromisoformat, default=None, metavar="ÅÅÅÅ-MM-DD",
                   help="rekn frå denne datoen (standard: i dag)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="skriv JSON")
    form.add_argument("--csv", action="store_true", help="skriv CSV")
    p.add_argument("--med-namn", "--med-navn", dest="med_namn", action="store_true",
                   help="ta med namnet på barnet (berre til skjermen eller ei fil som berre du kan lese)")
    p.add_argument("--ut", type=Path, default=None, metavar="FIL", help="skriv til ei ny fil (modus 0600)")
    p.set_defaults(handler=_cmd_overview)


def _cmd_watch(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs.watch.daemon import pipeline_processor, run_watch
    from bti_docs.watch.inbox import Result
    from bti_docs.watch.settings import config_from_args

    config = config_from_args(args)
    config, processor = pipeline_processor(config)
    results: list[Result] = []
    code = run_watch(config, processor, once=args.once, poll=bool(args.poll),
                     on_result=results.append if args.json else None)
    if args.json:
        json.dump(_watch_json(results, config.done_dir, code), out, ensure_ascii=False, indent=2)
        out.write("\n")
    return code


def _watch_json(results: Sequence[object], done: Path, code: int) -> dict[str, object]:
    """``watch --json``: each input's outcome by its claim id (never its name), with its receipt in done/ where
    it has one (shape: README, "Commands")."""
    from bti_docs.watch.inbox import Result
    from bti_docs.watch.receipt import JSON_SUFFIX

    receipts: dict[str, tuple[Path, dict[str, object]]] = {}
    for path in done.glob(f"*{JSON_SUFFIX}") if done.is_dir() else ():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            receipts[data["id"]] = (path, data)
    inputs = []
    for r in results:
        assert isinstance(r, Result)
        found = receipts.get(r.claim_id)
        data = found[1] if found else {}
        inputs.append({"id": r.claim_id, "status": r.status.value, "reason": r.reason or None,
                       "exit_code": r.exit_code, "receipt": str(found[0]) if found else None,
                       "filed": data.get("filed", []), "journal_receipt": data.get("journal_receipt")})
    return {"inputs": inputs, "exit_code": code}


def _cmd_skjema(args: argparse.Namespace, out: TextIO) -> int:
    """``skjema KIND``: a blank form on stdout, its ``$schema`` line pointing at the schema installed with the
    package (a ``file://`` URI, so the form can be copied anywhere); ``--skjema-fil``: that schema's path."""
    from bti_docs import api
    from bti_docs.forms.schema import schema_filename
    from bti_docs.paths import schemas_dir
    from bti_docs.web.blank import blank_form

    schema = schemas_dir() / schema_filename(args.kind)
    if args.skjema_fil:
        out.write(f"{schema}\n")
        return 0
    lang = args.lang
    if lang is None:
        try:
            lang = api.messages_lang(api.open_settings(args.rules))
        except ConfigError:
            lang = "nb"  # no settings at hand: as every message before the settings are read
    out.write(blank_form(args.kind, lang, schema.as_uri()))
    return 0


def _cmd_web(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs.web.serve import run_web

    return run_web(args, out)


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from datetime import date

    from bti_docs import api
    from bti_docs.config import find_settings
    from bti_docs.devcert import create_dev_pki, existing_dev_pki

    folder: Path = args.directory.absolute()
    cert_dir = folder / "testsertifikat"
    # Run again on the same folder, the demo keeps its test certificate, so what it filed before still verifies.
    pki = existing_dev_pki(cert_dir) or create_dev_pki(cert_dir, unit_name="Fjordvik testeining",
                                                        municipality="Fjordvik kommune")
    rules = find_settings(args.rules or CHECKOUT / "archive_rules.yaml")
    settings = api.open_settings(rules)
    samples = args.samples or CHECKOUT / "samples"
    inputs = sorted(p for p in samples.glob("sak-*") if p.is_dir())
    out.write(f"Demo: {settings.kommune.navn}, {len(api.expand_inputs(inputs))} skjema frå {samples}\n")
    out.write(f"Testsertifikat: {pki.unit_p12} (TEST – ikkje for bruk i produksjon)\n")
    archive = folder / "arkiv"
    options = api.FileOptions(archive=archive, cert=pki.unit_p12, trust=(pki.root_cert,),
                              password_file=pki.password_file)
    results = api.file_inputs(inputs, rules, options, workers=args.workers)
    _report_filing(results, out, settings.lang)
    # samples in a folder named *-avvist are meant to be refused: the demo shows the refusal
    refused = [r for r in results if isinstance(r, api.FileFailure)]
    expected = [r for r in refused if Path(r.input).parent.name.endswith("-avvist")
                and r.exit_code is ExitCode.invalid_form]
    code = max((int(r.exit_code) for r in refused if r not in expected), default=0)
    missed = [r for r in results if r not in refused and Path(r.input).parent.name.endswith("-avvist")]
    if expected:
        out.write(f"(Avvisinga av {len(expected)} skjema i *-avvist er venta: det viser kontrollen av saka.)\n")
    out.write(f"\nArkiv: {archive}\n")
    problems = api.verify(archive, settings, (pki.root_cert,))
    for p in problems:
        out.write(f"FEIL {p.file}: {p.message}\n")
    out.write("Kontroll (bti-docs verify): " + ("arkivet er i orden.\n" if not problems else "FEIL.\n"))
    today = date.today()
    out.write(f"\nFrister per {today.isoformat()} (bti-docs frister):\n")
    out.write(api.due_overview(archive, settings, api.OverviewOptions(today=today)))
    return code or (int(ExitCode.archive) if problems or missed else 0)


def _cmd_eksport_noark5(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.archive.noark.extract import export_noark5

    settings = api.open_settings(args.rules)
    nn = settings.kommune.malform.value == "nn"
    report = export_noark5(args.archive, settings, args.output, bag=args.bagit)
    out.write((f"Noark 5-uttrekk: {report.folder} ({report.cases} saker, {report.posts} journalpostar, "
               f"{report.documents} dokument)\n") if nn else
              (f"Noark 5-uttrekk: {report.folder} ({report.cases} saker, {report.posts} journalposter, "
               f"{report.documents} dokumenter)\n"))
    for name, checksum in report.checksums.items():
        out.write(f"  {name} SHA-256 {checksum}\n")
    if report.bag:
        out.write("BagIt: data/ med manifest-sha256.txt\n")
    return 0


def _cmd_eksport_arkivmelding(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.archive.noark.arkivmelding import export_arkivmelding

    settings = api.open_settings(args.rules)
    nn = settings.kommune.malform.value == "nn"
    report = export_arkivmelding(args.archive, settings, args.output, again=args.paa_nytt)
    for folder in report.written:
        out.write(f"{folder}\n")
    out.write((f"Arkivmeldingar: {len(report.written)} nye i {args.output}, {report.skipped} sende før.\n") if nn
              else (f"Arkivmeldinger: {len(report.written)} nye i {args.output}, {report.skipped} sendt før.\n"))
    return 0


def _cmd_eksport_kvittering(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.archive.noark.arkivmelding import record_receipt

    settings = api.open_settings(args.rules)
    receipt = record_receipt(args.archive, settings, args.file)
    what = ", ".join(f"{k}={v}" for k, v in sorted(receipt.data.items()))
    out.write(f"Kvittering registrert for journalpost {receipt.journalpost}: {what}\n")  # same in nn and nb
    return 0


def _add_eksport(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eksport", help="ta ut arkivet for arkivinstitusjonen (Noark 5-uttrekk, arkivmelding)")
    kinds = p.add_subparsers(dest="eksport", required=True, metavar="TYPE")
    n5 = kinds.add_parser("noark5", help="Noark 5 v5.0-uttrekk (arkivstruktur.xml, journalar, ADDML, dokument)")
    n5.add_argument("archive", type=Path, metavar="ARKIV")
    n5.add_argument("-o", "--output", type=Path, required=True, metavar="UTTREKK", help="ny mappe for uttrekket")
    n5.add_argument("--bagit", action="store_true", help="pakk uttrekket som BagIt (data/ + manifest)")
    n5.set_defaults(handler=_cmd_eksport_noark5)
    am = kinds.add_parser("arkivmelding", help="éi Fiks Arkiv-arkivmelding per registrering, i ein utboks")
    am.add_argument("archive", type=Path, metavar="ARKIV")
    am.add_argument("-o", "--output", type=Path, required=True, metavar="UTBOKS", help="utboksmappa")
    am.add_argument("--paa-nytt", action="store_true", help="eksporter òg registreringar som er sende før")
    am.set_defaults(handler=_cmd_eksport_arkivmelding)
    kv = kinds.add_parser("kvittering", help="registrer ei arkivmeldingKvittering frå arkivet")
    kv.add_argument("archive", type=Path, metavar="ARKIV")
    kv.add_argument("file", type=Path, metavar="FIL")
    kv.set_defaults(handler=_cmd_eksport_kvittering)


def _add_seal_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cert", type=Path, default=None,
                   help="eininga sitt sertifikat (PKCS#12); elles «sertifikat» i archive_rules.yaml")
    p.add_argument("--cert-password-file", type=Path, default=None,
                   help="fil med passordet til sertifikatet (elles miljøvariabelen BTI_DOCS_CERT_PASSWORD)")
    p.add_argument("--trust", type=Path, action="append", default=[],
                   help="tillitsrot (PEM) som seglet vert kontrollert mot; kan gjevast fleire gonger")


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

    p = sub.add_parser("render", help="lag forsegla PDF/A (og DOCX) av skjema")
    p.add_argument("inputs", nargs="+", type=Path, metavar="SKJEMA")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="MAPPE")
    p.add_argument("--pdfa", choices=PDFA_CHOICES, default=DEFAULT_PDFA.value, help="PDF/A-nivå (standard 2b)")
    p.add_argument("--lang", choices=LANG_CHOICES, default=None, help="målform (standard: kommunen sin)")
    p.add_argument("--docx", action="store_true", help="lag òg DOCX (arbeidskopi)")
    _add_seal_arguments(p)
    p.set_defaults(handler=_cmd_render)

    p = sub.add_parser("file", help="valider, lag PDF/A, forsegl og arkiver etter archive_rules.yaml")
    p.add_argument("inputs", nargs="+", type=Path, metavar="SKJEMA")
    p.add_argument("--archive", type=Path, required=True, metavar="MAPPE")
    p.add_argument("--pdfa", choices=PDFA_CHOICES, default=DEFAULT_PDFA.value, help="PDF/A-nivå (standard 2b)")
    p.add_argument("--lang", choices=LANG_CHOICES, default=None, help="målform (standard: kommunen sin)")
    p.add_argument("--hendelse", default=None, metavar="HENDING",
                   help="arkiver som denne hendinga, t.d. «aarlig» for årleg arkivering ved enkeltvedtak")
    p.add_argument("--workers", type=int, default=None, help="prosessar (standard: éin per kjerne)")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    _add_seal_arguments(p)
    p.set_defaults(handler=_cmd_file)

    p = sub.add_parser("verify", help="kontroller arkivet: sjekksummar, segl, PDF/A og journalen")
    p.add_argument("archive", type=Path, metavar="ARKIV")
    p.add_argument("--trust", type=Path, action="append", default=[], help="tillitsrot (PEM)")
    p.add_argument("--kvittering", action="append", default=[], metavar="HASH|FIL",
                   help="kvittering (hash) eller kvitteringslogg (fil, éi kvittering per linje) som journalkjeda "
                        "skal innehalde; kan gjevast fleire gonger")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.set_defaults(handler=_cmd_verify)

    p = sub.add_parser("reindex", help="bygg journalen opp att frå sidevognsfilene")
    p.add_argument("archive", type=Path, metavar="ARKIV")
    p.add_argument("--trust", type=Path, action="append", default=[], help="tillitsrot (PEM) for segla")
    p.add_argument("--skip-bad", action="store_true",
                   help="hopp over dokument som ikkje stemmer med sidevognsfila (verify melder dei)")
    p.add_argument("--godta-tap", action="store_true",
                   help="bygg journalen sjølv om dokument den førre journalen hadde, er borte, og registrer "
                        "tapet i journalkjeda")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.set_defaults(handler=_cmd_reindex)

    p = sub.add_parser("saker", help="aktive saker per eining: stafetthaldar, nivå, siste logg, neste møte")
    _add_overview_arguments(p)
    p.add_argument("--dagar", "--dager", dest="dagar", type=int, default=None, metavar="N",
                   help="vis samtykke som går ut innan N dagar (standard: oversikt i archive_rules.yaml)")

    p = sub.add_parser("frister", help="frister: årleg kopi ved enkeltvedtak, loggar utan aktivitet, samtykke")
    _add_overview_arguments(p)
    p.add_argument("--maaneder", "--manader", dest="maaneder", type=int, default=None, metavar="N",
                   help="loggar utan aktivitet i N månader (standard: oversikt i archive_rules.yaml)")

    from bti_docs.watch.settings import add_watch_arguments

    p = sub.add_parser("watch", help="overvak ein innboks og arkiver det som kjem")
    add_watch_arguments(p)
    p.add_argument("--json", action="store_true", help="skriv utfallet for kvar innfil som JSON når han stoppar")
    p.set_defaults(handler=_cmd_watch)

    from bti_docs.web.serve import add_web_arguments

    p = sub.add_parser("web", help="web-app for skjema: utkast, kontroll, førehandsvising og innsending")
    add_web_arguments(p)
    p.set_defaults(handler=_cmd_web)

    from bti_docs.fields import Skjema

    p = sub.add_parser("skjema", help="skriv ut eit blankt skjema (YAML) for ein skjematype")
    p.add_argument("kind", choices=[s.value for s in Skjema], metavar="TYPE",
                   help=", ".join(s.value for s in Skjema))
    p.add_argument("--lang", choices=LANG_CHOICES, default=None, help="målform (standard: kommunen sin)")
    p.add_argument("--skjema-fil", action="store_true", help="skriv berre stien til JSON Schema-fila")
    p.set_defaults(handler=_cmd_skjema)

    p = sub.add_parser("demo", help="køyr heile eksempelsaka gjennom arkivet med testsertifikat")
    p.add_argument("directory", type=Path, nargs="?", default=Path("bti-demo"), metavar="MAPPE")
    p.add_argument("--samples", type=Path, default=None, help="mappa med eksempelskjema (standard: samples/)")
    p.add_argument("--workers", type=int, default=None)
    p.set_defaults(handler=_cmd_demo)

    p = sub.add_parser("dev-cert", help="lag testsertifikat (test-CA og einingssertifikat) for demo og testar")
    p.add_argument("directory", type=Path, metavar="MAPPE")
    p.add_argument("--overwrite", action="store_true", help="skriv over eit eksisterande testsertifikat")
    p.set_defaults(handler=_cmd_dev_cert)

    _add_eksport(sub)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version or bad arguments
        return int(exc.code or 0) if exc.code in (0, None) else int(ExitCode.bad_args)
    handler: Handler = args.handler
    return run_guarded("bti-docs", lambda: handler(args, out), reraise=args.verbose)


if __name__ == "__main__":
    raise SystemExit(main())
