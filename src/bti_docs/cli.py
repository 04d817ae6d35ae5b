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
from bti_docs.errors import PROBLEMS, BtiError, ConfigError, ExitCode, Problem, Severity, problems_text
from bti_docs.i18n import Lang
from bti_docs.options import DEFAULT_PDFA, LANG_CHOICES, PDFA_CHOICES, lang_of
from bti_docs.outcome import exit_code_for, run_guarded
from bti_docs.paths import CHECKOUT
from bti_docs.text.parser import NorwegianParser, parser_class
from bti_docs.text.voice import DEFAULT_LANG, say

if TYPE_CHECKING:
    from bti_docs.api import FileFailure, FileOptions, FileOutcome, Validated, VerifyResult
    from bti_docs.config import Settings
    from bti_docs.pipeline import RenderOptions

Handler = Callable[[argparse.Namespace, TextIO], int]


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.i18n import message

    settings = api.open_settings(args.rules)
    lang = args.voice
    results = api.validate(args.paths, settings, lang=lang)
    if not results:
        raise BtiError("cli.no_forms", paths=", ".join(str(p) for p in args.paths))
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
            template = _form_template(r, lang)
            if template is not None and any(p.code in _TEMPLATE_HELPS for p in shown):
                out.write(f"{_INDENT}{template}\n")
        bad = sum(1 for r in results if not r.ok)
        out.write(message("cli_validate_summary", lang, ok=len(results) - bad, bad=bad) + "\n")
    return int(exit_code_for(problems))


_INDENT = "     "
# Problems with the form's shape, where the blank form shows how it should look.
_TEMPLATE_HELPS = frozenset({"missing", "extra_forbidden", "block_not_indented", "child_or_pregnancy"})


def _write_problems(out: TextIO, problems: Sequence[Problem], lang: Lang) -> None:
    """One layout for every problem of a file (validate, render, file): indented under the file's line, the
    position (where known) and the field in front (``Problem.describe``), and a message of several lines kept
    under its first."""
    for p in problems:
        lines = p.describe(lang).splitlines() or [""]
        out.write(f"{_INDENT}{lines[0]}\n")
        for more in lines[1:]:
            out.write(f"{_INDENT}  {more}\n")


def _form_template(result: Validated, lang: Lang) -> str | None:
    """Where the blank form for the result's kind is, in ``lang``: the generated form of a checkout
    (``forms/nn/``, ``forms/nb/``), else the command that prints it (``bti-docs skjema KIND``)."""
    from bti_docs.fields import Skjema
    from bti_docs.i18n import message

    kind = result.form.skjema.value if result.form else None
    if kind is None:
        m = re.search(rb"^skjema:[ \t]*([a-z_]+)[ \t]*(?:#.*)?$", result.content, re.MULTILINE)
        kind = m.group(1).decode() if m else None
    if kind not in {s.value for s in Skjema}:
        return None
    path = CHECKOUT / "forms" / lang / f"{kind}.yaml"
    if not path.is_file():
        return message("cli_form_command", lang, kind=kind)
    if path.resolve() == Path(result.file).resolve():
        return None
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return message("cli_form_template", lang, path=shown)


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
        _write_problems(out, r.warnings, args.voice)
    return 0


def _cmd_dev_cert(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs.devcert import create_dev_pki, describe_dev_pki

    pki = create_dev_pki(args.directory, overwrite=args.overwrite, lang=args.voice)
    out.write(describe_dev_pki(pki, args.voice) + "\n")
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
        out.write(f"{say('cli.status_error', lang)} {r.input}\n")
        said = problems_text(r.problems, lang)
        if r.error != said:  # an error of its own, not only the problems
            out.write("".join(f"{_INDENT}{line}\n" for line in r.error.splitlines()))
        _write_problems(out, r.problems, lang)
        return
    status = say("cli.status_again" if r.duplicate else "cli.status_ok", lang)
    out.write(f"{status} {r.input}  [{', '.join(r.events) or '-'}]\n")
    for path in r.filed:
        out.write(f"{_INDENT}-> {path}\n")
    if r.duplicate:
        out.write(f"{_INDENT}({message('cli_file_duplicate', lang)})\n")
    elif not r.filed:
        out.write(f"{_INDENT}({message('cli_file_nothing', lang)})\n")
    _write_problems(out, r.problems, lang)


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
    counts = _filing_counts(results)
    ok = counts["filed"] + counts["nothing_to_file"]
    if counts["already_filed"]:
        out.write(message("cli_file_summary_again", lang, ok=ok, again=counts["already_filed"],
                          bad=counts["failed"]) + "\n")
    else:
        out.write(message("cli_file_summary", lang, ok=ok, bad=counts["failed"]) + "\n")
    if receipt:
        out.write(message("cli_file_receipt", lang, receipt=receipt) + "\n")
    return worst


def _filing_status(r: FileOutcome | FileFailure) -> str:
    from bti_docs.api import FileFailure

    if isinstance(r, FileFailure):
        return "failed"
    return "duplicate" if r.duplicate else "filed" if r.filed else "nothing_to_file"


def _filing_counts(results: Sequence[FileOutcome | FileFailure]) -> dict[str, int]:
    """How many inputs were filed now, were filed before (nothing new), had nothing to file, failed."""
    statuses = [_filing_status(r) for r in results]
    return {"filed": statuses.count("filed"), "already_filed": statuses.count("duplicate"),
            "nothing_to_file": statuses.count("nothing_to_file"), "failed": statuses.count("failed")}


def _filing_json(r: FileOutcome | FileFailure) -> dict[str, object]:
    """One input in ``file --json``: see README, "Commands"."""
    from bti_docs.api import FileFailure

    if isinstance(r, FileFailure):
        return {"input": r.input, "status": "failed", "exit_code": int(r.exit_code), "error": r.error,
                "filed": [], "events": [], "receipt": None, "problems": [p.as_dict() for p in r.problems]}
    return {"input": r.input, "status": _filing_status(r), "exit_code": 0, "error": None,
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
    api.check_seal(settings, _file_options(args, args.archive))  # so is a certificate or password error
    lang = args.voice
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
        json.dump({"files": [_filing_json(r) for r in results], "interrupted": interrupted, **_filing_counts(results),
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
        raise ConfigError("cli_no_trust_root")
    lang = args.voice
    result = api.verify_receipts(args.archive, settings, tuple(args.trust), args.kvittering, lang=lang)
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
        out.write(f"{say('cli.status_error', lang)} {p.file}: {p.message}\n")
    for loss, seq, path in result.losses:
        out.write(say("cli.loss", lang, path=path, seq=seq, loss=loss) + "\n")
    _write_seals(out, result, lang, detail=args.detaljar)
    out.write(say("cli.journal", lang, documents=result.documents, head=result.head_seq) + "\n")
    out.write(say("cli.archive_receipt", lang, hash=result.head_hash) + "\n")
    if problems:
        out.write(say("cli.archive_problems", lang, n=len(problems)) + "\n")
        return int(ExitCode.archive)
    if result.receipts:
        found = "cli.receipt_found" if result.receipts == 1 else "cli.receipts_found"
        out.write(say(found, lang, n=result.receipts) + "\n")
    out.write(say("cli.archive_ok", lang) + "\n")
    return 0


def _write_seals(out: TextIO, result: VerifyResult, lang: Lang, *, detail: bool) -> None:
    """The seals verify found: a count per PAdES level; with ``detail`` one line per document and seal."""
    if not result.seals:
        return
    if detail:
        for s in result.seals:
            when = say("cli.seal_timestamp", lang, time=s.signing_time) if s.timestamped else \
                say("cli.seal_no_timestamp", lang)
            lta = say("cli.seal_archive_timestamp", lang, time=s.archive_timestamp) if s.archive_timestamp else ""
            state = "" if s.ok else say("cli.seal_not_ok", lang)
            old = say("cli.seal_superseded", lang, path=s.superseded_by) if s.superseded_by else ""
            out.write(f"SEGL {s.path}: PAdES {s.level}{when}{lta}{state}{old}\n")
    counts = ", ".join(f"{level} {n}" if level != "feil" else say("cli.seal_failed_count", lang, n=n)
                       for level, n in result.seal_levels.items() if n)
    out.write(say("cli.seal_levels", lang, counts=counts) + "\n")
    if result.superseded:
        out.write(say("cli.seal_superseded_count", lang, n=result.superseded) + "\n")


def _cmd_renew(args: argparse.Namespace, out: TextIO) -> int:
    """``forny-tidsstempel``: renewed documents are new versions; the filed files stay as they are."""
    from bti_docs import api

    settings = api.open_settings(args.rules)
    lang = args.voice
    report = api.renew_timestamps(args.archive, settings, within_days=args.innan, trust=tuple(args.trust))
    for r in report.renewed:
        out.write(say("cli.renewed", lang, old=r.old, new=r.new, seq=r.seq, expired=f"{r.expired:%Y-%m-%d}",
                      expires=f"{r.expires:%Y-%m-%d}") + "\n")
    first = min((e for _p, e in report.later), default=None)
    out.write(say("cli.renew_summary", lang, renewed=len(report.renewed), later=len(report.later), days=args.innan,
                  first=say("cli.renew_first", lang, date=f"{first:%Y-%m-%d}") if first else "",
                  not_lta=len(report.not_lta)) + "\n")
    return 0


def _cmd_reindex(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api

    try:
        settings = api.open_settings(args.rules)
    except ConfigError:
        settings = None  # without the municipality's file: seals are checked only with --trust
    report = api.reindex(args.archive, settings, tuple(args.trust), skip_bad=args.skip_bad,
                         accept_loss=args.godta_tap)
    lang = args.voice
    if args.json:  # shape: README, "Commands"
        head = api.journal_head(args.archive)
        json.dump({"archive": str(args.archive), "documents": report.count,
                   "lost": [{"seq": seq, "path": path} for seq, path in report.lost], "loss_seq": report.loss_seq,
                   "journal_head": {"seq": head[0], "hash": head[1]} if head else None, "exit_code": 0},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for seq, path in report.lost:
        out.write(say("cli.reindex_loss", lang, path=path, seq=seq, loss=report.loss_seq) + "\n")
    out.write(say("cli.reindexed", lang, n=report.count) + "\n")
    return 0


def _cmd_overview(args: argparse.Namespace, out: TextIO) -> int:
    """``saker`` and ``frister``: names only with --med-namn, and then only to stdout or a 0600 file."""
    from datetime import date

    from bti_docs import api
    from bti_docs.archive.overview import write_private

    settings = api.open_settings(args.rules)
    fmt = "json" if args.json else "csv" if args.csv else "table"
    options = api.OverviewOptions(today=args.dato or date.today(), days=getattr(args, "dagar", None),
                                  months=getattr(args, "maaneder", None), fmt=fmt, with_names=args.med_namn,
                                  lang=args.voice)
    make = api.cases_overview if args.command == "saker" else api.due_overview
    text = make(args.archive, settings, options)
    if args.ut is None:
        out.write(text)
        return 0
    try:
        write_private(args.ut, text)
    except FileExistsError:
        raise BtiError("archive.exists", path=args.ut) from None
    out.write(say("cli.written_private", args.voice, path=args.ut) + "\n")
    return 0


def _add_overview_arguments(p: argparse.ArgumentParser, lang: Lang) -> None:
    from datetime import date

    p.add_argument("archive", type=Path, metavar="ARKIV", help=say("cli.archive_arg", lang))
    p.add_argument("--dato", type=date.fromisoformat, default=None, metavar="ÅÅÅÅ-MM-DD",
                   help=say("cli.date", lang))
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help=say("cli.json_out", lang))
    form.add_argument("--csv", action="store_true", help=say("cli.csv", lang))
    p.add_argument("--med-namn", "--med-navn", dest="med_namn", action="store_true", help=say("cli.with_names", lang))
    p.add_argument("--ut", type=Path, default=None, metavar="FIL", help=say("cli.out_file", lang))
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
        json.dump(_watch_json(results, config.done_dir, code, config.rejected_dir,
                              lang=config.report_lang or DEFAULT_LANG), out, ensure_ascii=False, indent=2)
        out.write("\n")
    return code


def _by_claim_id(folder: Path, suffix: str) -> dict[str, tuple[Path, dict[str, object]]]:
    """The JSON reports in ``folder`` (receipts in done/, rejection reports in rejected/) by their claim id."""
    found: dict[str, tuple[Path, dict[str, object]]] = {}
    for path in folder.glob(f"*{suffix}") if folder.is_dir() else ():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            found[data["id"]] = (path, data)
    return found


def _watch_json(results: Sequence[object], done: Path, code: int, rejected: Path | None = None, *,
                lang: Lang = DEFAULT_LANG) -> dict[str, object]:
    """``watch --json``: each input's outcome by its claim id (never its name), with its receipt in done/ or its
    report in rejected/ where it has one (shape: README, "Commands"). ``reason`` stays a machine string;
    ``message`` says what became of the input in Norwegian, as its log line does (in the watcher's language)."""
    from bti_docs.watch.inbox import Result
    from bti_docs.watch.receipt import JSON_SUFFIX
    from bti_docs.watch.report import JSON_SUFFIX as REPORT_SUFFIX

    receipts = _by_claim_id(done, JSON_SUFFIX)
    reports = _by_claim_id(rejected, REPORT_SUFFIX) if rejected is not None else {}
    inputs = []
    for r in results:
        assert isinstance(r, Result)
        found = receipts.get(r.claim_id)
        data = found[1] if found else {}
        report = reports.get(r.claim_id)
        inputs.append({"id": r.claim_id, "status": r.status.value, "reason": r.reason or None,
                       "message": r.said.say(lang) if r.said is not None else None, "exit_code": r.exit_code,
                       "receipt": str(found[0]) if found else None,
                       "report": str(report[0]) if report else None,
                       "filed": data.get("filed", []), "journal_receipt": data.get("journal_receipt")})
    return {"inputs": inputs, "exit_code": code}


def _cmd_skjema(args: argparse.Namespace, out: TextIO) -> int:
    """``skjema KIND``: a blank form on stdout, its ``$schema`` line pointing at the schema in the form's målform
    installed with the package (a ``file://`` URI, so the form can be copied anywhere); ``--skjema-fil``: that
    schema's path."""
    from bti_docs import api
    from bti_docs.forms.schema import schema_path
    from bti_docs.paths import schemas_dir
    from bti_docs.web.blank import blank_form

    lang = args.lang
    if lang is None:
        try:
            lang = api.messages_lang(api.open_settings(args.rules))
        except ConfigError:
            lang = "nb"  # no settings at hand: as every message before the settings are read
    schema = schemas_dir() / schema_path(args.kind, lang)
    if args.skjema_fil:
        out.write(f"{schema}\n")
        return 0
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
    pki = existing_dev_pki(cert_dir) or create_dev_pki(cert_dir, unit_name=say("devcert.demo_unit_name", args.voice),
                                                        municipality="Fjordvik kommune", lang=args.voice)
    rules = find_settings(args.rules or CHECKOUT / "archive_rules.yaml")
    settings = api.open_settings(rules)
    samples = args.samples or CHECKOUT / "samples"
    inputs = sorted(p for p in samples.glob("sak-*") if p.is_dir())
    lang = args.voice
    out.write(say("cli.demo_intro", lang, name=settings.kommune.navn, n=len(api.expand_inputs(inputs)),
                  samples=samples) + "\n")
    out.write(say("cli.demo_cert", lang, path=pki.unit_p12) + "\n")
    archive = folder / "arkiv"
    options = api.FileOptions(archive=archive, cert=pki.unit_p12, trust=(pki.root_cert,),
                              password_file=pki.password_file)
    results = api.file_inputs(inputs, rules, options, workers=args.workers)
    _report_filing(results, out, lang)
    # samples in a folder named *-avvist are meant to be refused: the demo shows the refusal
    refused = [r for r in results if isinstance(r, api.FileFailure)]
    expected = [r for r in refused if Path(r.input).parent.name.endswith("-avvist")
                and r.exit_code is ExitCode.invalid_form]
    code = max((int(r.exit_code) for r in refused if r not in expected), default=0)
    missed = [r for r in results if r not in refused and Path(r.input).parent.name.endswith("-avvist")]
    if expected:
        out.write(say("cli.demo_refused", lang, n=len(expected)) + "\n")
    out.write("\n" + say("cli.demo_archive", lang, path=archive) + "\n")
    problems = api.verify(archive, settings, (pki.root_cert,))
    for p in problems:
        out.write(f"{say('cli.status_error', lang)} {p.file}: {p.message}\n")
    out.write(say("cli.demo_verify_bad" if problems else "cli.demo_verify_ok", lang) + "\n")
    today = date.today()
    out.write("\n" + say("cli.demo_due", lang, date=today.isoformat()) + "\n")
    out.write(api.due_overview(archive, settings, api.OverviewOptions(today=today, lang=lang)))
    return code or (int(ExitCode.archive) if problems or missed else 0)


def _cmd_eksport_noark5(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.archive.noark.extract import export_noark5

    settings = api.open_settings(args.rules)
    report = export_noark5(args.archive, settings, args.output, bag=args.bagit, lang=args.voice)
    out.write(say("cli.noark5_done", args.voice, folder=report.folder, cases=report.cases, posts=report.posts,
                  documents=report.documents) + "\n")
    for name, checksum in report.checksums.items():
        out.write(f"  {name} SHA-256 {checksum}\n")
    if report.bag:
        out.write("BagIt: data/ med manifest-sha256.txt\n")
    return 0


def _cmd_eksport_arkivmelding(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.archive.noark.arkivmelding import export_arkivmelding

    settings = api.open_settings(args.rules)
    report = export_arkivmelding(args.archive, settings, args.output, again=args.paa_nytt)
    for folder in report.written:
        out.write(f"{folder}\n")
    out.write(say("cli.arkivmelding_done", args.voice, n=len(report.written), folder=args.output,
                  skipped=report.skipped) + "\n")
    return 0


def _cmd_eksport_kvittering(args: argparse.Namespace, out: TextIO) -> int:
    from bti_docs import api
    from bti_docs.archive.noark.arkivmelding import record_receipt

    settings = api.open_settings(args.rules)
    receipt = record_receipt(args.archive, settings, args.file)
    what = ", ".join(f"{k}={v}" for k, v in sorted(receipt.data.items()))
    out.write(say("cli.receipt_recorded", args.voice, post=receipt.journalpost, what=what) + "\n")
    return 0


def _add_eksport(sub: argparse._SubParsersAction[NorwegianParser], lang: Lang) -> None:
    p = sub.add_parser("eksport", help=say("cli.export", lang), description=say("cli.export", lang))
    kinds = p.add_subparsers(dest="eksport", required=True, metavar="TYPE", help=say("cli.export.kind", lang))
    n5 = kinds.add_parser("noark5", help=say("cli.export.noark5", lang))
    n5.add_argument("archive", type=Path, metavar="ARKIV", help=say("cli.archive_arg", lang))
    n5.add_argument("-o", "--output", type=Path, required=True, metavar="UTTREKK", help=say("cli.export.folder", lang))
    n5.add_argument("--bagit", action="store_true", help=say("cli.export.bagit", lang))
    n5.set_defaults(handler=_cmd_eksport_noark5)
    am = kinds.add_parser("arkivmelding", help=say("cli.export.arkivmelding", lang))
    am.add_argument("archive", type=Path, metavar="ARKIV", help=say("cli.archive_arg", lang))
    am.add_argument("-o", "--output", type=Path, required=True, metavar="UTBOKS", help=say("cli.export.outbox", lang))
    am.add_argument("--paa-nytt", action="store_true", help=say("cli.export.again", lang))
    am.set_defaults(handler=_cmd_eksport_arkivmelding)
    kv = kinds.add_parser("kvittering", help=say("cli.export.receipt", lang))
    kv.add_argument("archive", type=Path, metavar="ARKIV", help=say("cli.archive_arg", lang))
    kv.add_argument("file", type=Path, metavar="FIL", help=say("cli.export.receipt_file", lang))
    kv.set_defaults(handler=_cmd_eksport_kvittering)


def _add_seal_arguments(p: argparse.ArgumentParser, lang: Lang) -> None:
    p.add_argument("--cert", type=Path, default=None, help=say("cli.cert", lang))
    p.add_argument("--cert-password-file", type=Path, default=None, help=say("cli.cert_password_file", lang))
    p.add_argument("--trust", type=Path, action="append", default=[], help=say("cli.trust", lang))


def build_parser(lang: Lang = DEFAULT_LANG) -> argparse.ArgumentParser:
    """The command line in ``lang``: help texts, headings and argparse's errors."""
    parser = parser_class(lang)(prog="bti-docs", description=say("cli.description", lang))
    parser.add_argument("--version", action="version", version=f"bti-docs {__version__}",
                        help=say("cli.version", lang))
    parser.add_argument("-v", "--verbose", action="store_true", help=say("cli.verbose", lang))
    parser.add_argument("--rules", type=Path, default=None, help=say("cli.rules", lang))
    parser.add_argument("--lang", dest="ui_lang", choices=LANG_CHOICES, default=None, help=say("cli.ui_lang", lang))
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", help=say("cli.command", lang))

    def command(name: str, code: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=say(code, lang), description=say(code, lang))

    p = command("validate", "cli.validate")
    p.add_argument("paths", nargs="+", type=Path, metavar="STI", help=say("cli.validate.paths", lang))
    p.add_argument("--json", action="store_true", help=say("cli.json", lang))
    p.add_argument("-q", "--quiet", action="store_true", help=say("cli.quiet", lang))
    p.set_defaults(handler=_cmd_validate)

    p = command("render", "cli.render")
    p.add_argument("inputs", nargs="+", type=Path, metavar="SKJEMA", help=say("cli.inputs", lang))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="MAPPE", help=say("cli.output", lang))
    p.add_argument("--pdfa", choices=PDFA_CHOICES, default=DEFAULT_PDFA.value, help=say("cli.pdfa", lang))
    p.add_argument("--lang", choices=LANG_CHOICES, default=None, help=say("cli.doc_lang", lang))
    p.add_argument("--docx", action="store_true", help=say("cli.docx", lang))
    _add_seal_arguments(p, lang)
    p.set_defaults(handler=_cmd_render)

    p = command("file", "cli.file")
    p.add_argument("inputs", nargs="+", type=Path, metavar="SKJEMA", help=say("cli.inputs", lang))
    p.add_argument("--archive", type=Path, required=True, metavar="MAPPE", help=say("cli.archive", lang))
    p.add_argument("--pdfa", choices=PDFA_CHOICES, default=DEFAULT_PDFA.value, help=say("cli.pdfa", lang))
    p.add_argument("--lang", choices=LANG_CHOICES, default=None, help=say("cli.doc_lang", lang))
    p.add_argument("--hendelse", default=None, metavar="HENDING", help=say("cli.event", lang))
    p.add_argument("--workers", type=int, default=None, help=say("cli.workers", lang))
    p.add_argument("--json", action="store_true", help=say("cli.json", lang))
    _add_seal_arguments(p, lang)
    p.set_defaults(handler=_cmd_file)

    p = command("verify", "cli.verify")
    p.add_argument("archive", type=Path, metavar="ARKIV", help=say("cli.archive_arg", lang))
    p.add_argument("--trust", type=Path, action="append", default=[], help=say("cli.trust", lang))
    p.add_argument("--kvittering", action="append", default=[], metavar="HASH|FIL", help=say("cli.receipt", lang))
    p.add_argument("--detaljar", action="store_true", help=say("cli.seal_detail", lang))
    p.add_argument("--json", action="store_true", help=say("cli.json", lang))
    p.set_defaults(handler=_cmd_verify)

    p = command("forny-tidsstempel", "cli.renew")
    p.add_argument("archive", type=Path, metavar="ARKIV", help=say("cli.archive_arg", lang))
    p.add_argument("--innan", type=int, default=90, metavar="DAGAR", help=say("cli.renew_within", lang))
    p.add_argument("--trust", type=Path, action="append", default=[], help=say("cli.trust", lang))
    p.set_defaults(handler=_cmd_renew)

    p = command("reindex", "cli.reindex")
    p.add_argument("archive", type=Path, metavar="ARKIV", help=say("cli.archive_arg", lang))
    p.add_argument("--trust", type=Path, action="append", default=[], help=say("cli.trust", lang))
    p.add_argument("--skip-bad", action="store_true", help=say("cli.skip_bad", lang))
    p.add_argument("--godta-tap", action="store_true", help=say("cli.accept_loss", lang))
    p.add_argument("--json", action="store_true", help=say("cli.json", lang))
    p.set_defaults(handler=_cmd_reindex)

    p = command("saker", "cli.cases")
    _add_overview_arguments(p, lang)
    p.add_argument("--dagar", "--dager", dest="dagar", type=int, default=None, metavar="N", help=say("cli.days", lang))

    p = command("frister", "cli.due")
    _add_overview_arguments(p, lang)
    p.add_argument("--maaneder", "--manader", dest="maaneder", type=int, default=None, metavar="N",
                   help=say("cli.months", lang))

    from bti_docs.watch.settings import add_watch_arguments

    p = command("watch", "cli.watch")
    add_watch_arguments(p)
    p.add_argument("--json", action="store_true", help=say("cli.watch_json", lang))
    p.set_defaults(handler=_cmd_watch)

    from bti_docs.web.serve import add_web_arguments

    p = command("web", "cli.web")
    add_web_arguments(p)
    p.set_defaults(handler=_cmd_web)

    from bti_docs.fields import Skjema

    p = command("skjema", "cli.skjema")
    p.add_argument("kind", choices=[s.value for s in Skjema], metavar="TYPE",
                   help=", ".join(s.value for s in Skjema))
    p.add_argument("--lang", choices=LANG_CHOICES, default=None, help=say("cli.doc_lang", lang))
    p.add_argument("--skjema-fil", action="store_true", help=say("cli.skjema_file", lang))
    p.set_defaults(handler=_cmd_skjema)

    p = command("demo", "cli.demo")
    p.add_argument("directory", type=Path, nargs="?", default=Path("bti-demo"), metavar="MAPPE",
                   help=say("cli.demo.folder", lang))
    p.add_argument("--samples", type=Path, default=None, help=say("cli.samples", lang))
    p.add_argument("--workers", type=int, default=None, help=say("cli.workers", lang))
    p.set_defaults(handler=_cmd_demo)

    p = command("dev-cert", "cli.dev_cert")
    p.add_argument("directory", type=Path, metavar="MAPPE", help=say("cli.dev_cert.folder", lang))
    p.add_argument("--overwrite", action="store_true", help=say("cli.overwrite", lang))
    p.set_defaults(handler=_cmd_dev_cert)

    _add_eksport(sub, lang)
    _add_voice_options(sub, lang)
    return parser


def _add_voice_options(sub: argparse._SubParsersAction[NorwegianParser], lang: Lang) -> None:
    """``--lang`` after the command too (``bti-docs validate --lang nb``), on every command that has no
    ``--lang`` of its own (render, file and skjema: the document's målform, which bti-docs then also speaks).
    ``voice_of`` reads it from the arguments before parsing, so it wins over the målform everywhere."""
    for name, parser in sub.choices.items():
        if name in ("watch", "web"):  # the daemon and the web app take their language from their settings
            continue
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for group in nested:
            _add_voice_options(group, lang)
        if not nested and "--lang" not in parser._option_string_actions:
            parser.add_argument("--lang", dest="voice_lang", choices=LANG_CHOICES, default=None,
                                help=say("cli.ui_lang", lang))


def _option(argv: Sequence[str], name: str) -> str | None:
    """The value of ``--name X`` or ``--name=X`` anywhere in ``argv`` (the last one), before parsing."""
    found = None
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith(name + "="):
            found = arg.partition("=")[2]
    return found


def voice_of(argv: Sequence[str]) -> Lang:
    """The language bti-docs speaks: ``--lang`` if given, else the municipality's målform (when its settings
    are found: ``--rules``, ``$BTI_DOCS_RULES`` or archive_rules.yaml here or above), else the default."""
    explicit = _option(argv, "--lang")
    if explicit in LANG_CHOICES:
        return lang_of(explicit)
    from bti_docs import api

    rules = _option(argv, "--rules")
    try:
        return api.messages_lang(api.open_settings(Path(rules) if rules else None))
    except BtiError as exc:  # invalid settings still say in which målform their errors are best read
        named = exc.context.get("malform")
        return "nn" if named == "nn" else "nb" if named == "nb" else DEFAULT_LANG
    except (OSError, ValueError):
        return DEFAULT_LANG


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = voice_of(arguments)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # argparse: --help, --version or bad arguments
        return int(exc.code or 0) if exc.code in (0, None) else int(ExitCode.bad_args)
    args.voice = lang
    handler: Handler = args.handler
    if getattr(args, "json", False):
        handler = _json_on_stop(handler, lang)
    return run_guarded("bti-docs", lambda: handler(args, out), reraise=args.verbose, lang=lang)


def _json_on_stop(handler: Handler, lang: Lang) -> Handler:
    """With ``--json``, a command that stops early (no trust root, an archive that cannot be read, Ctrl-C)
    still writes one JSON object on stdout: ``{"ok": false, "exit_code": N, "error": {"code", "message"}}``
    (README, "Commands"). The message goes to stderr as always."""
    from bti_docs.outcome import classify_error

    def guarded(args: argparse.Namespace, out: TextIO) -> int:
        try:
            return handler(args, out)
        except (BtiError, KeyboardInterrupt) as exc:
            if isinstance(exc, BtiError):
                error = {"code": exc.code if exc.code and exc.code != PROBLEMS else type(exc).__name__,
                         "message": exc.render(lang), "problems": [p.as_dict() for p in exc.problems]}
            else:
                error = {"code": "interrupted", "message": say("interrupted", lang), "problems": []}
            json.dump({"ok": False, "exit_code": int(classify_error(exc).exit_code), "error": error}, out,
                      ensure_ascii=False, indent=2)
            out.write("\n")
            raise

    return guarded


if __name__ == "__main__":
    raise SystemExit(main())
