"""Exit codes, problems and the exception hierarchy.

A *problem* is one finding about one input (file, field path, code, Norwegian message). Validation collects
every problem in a file at once; an exception carries them when a stage cannot go on. Each exception class
sets only its exit code; the message says what is wrong, where, and what to do next.

An exception does not need to know the reader's language: it is raised with a text code from the one catalogue
(``bti_docs.text.voice``) and its context, ``BtiError("seal.cert_missing", path=p)``, and the front end says it
with ``.render(lang)`` in the municipality's målform (or ``--lang``). ``.message`` says it in the default
language. A literal text is still accepted for callers that already said it in the right language.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import IntEnum, StrEnum
from typing import Final

from bti_docs.i18n import Lang
from bti_docs.text.voice import DEFAULT_LANG, Phrase, has_text, phrase, say

# The code of an error whose message is its problems, one line each.
PROBLEMS: Final = "problems"


class CodedValueError(ValueError):
    """A ValueError raised with a text code and context (no values from the input): ``say(lang)`` says it in
    the reader's language, ``str()`` in the default language."""

    def __init__(self, code: str, **context: object) -> None:
        self.code, self.context = code, context
        super().__init__(self.say(DEFAULT_LANG))

    def say(self, lang: Lang) -> str:
        return say(self.code, lang, **self.context)


class ExitCode(IntEnum):
    """Process exit codes of the CLI and the watch daemon (documented in README)."""

    ok = 0
    bad_args = 2
    input_file = 3  # unreadable, not UTF-8, binary, too large, malformed YAML
    invalid_form = 4  # the form breaks the schema or a BTI rule
    refused_case = 5  # suspected violence or sexual abuse: not for the BTI path
    config = 6  # municipality settings or archive_rules.yaml are wrong
    render = 7  # rendering failed (e.g. text the fonts cannot show)
    quality = 8  # the output failed the PDF/A or seal check: nothing was filed
    seal = 9  # certificate or password problem
    archive = 10  # the archive could not be written, or verify found problems
    interrupted = 130
    other = 15


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding about one input. ``path`` is the field path (``tiltak[2].ansvarlig``), '' for the file.

    ``line`` and ``column`` (1-based) point into the input file where known: the field's key, the character a
    YAML syntax error was found at, or the enclosing block for a field that is missing.
    """

    file: str
    path: str
    code: str
    message: str
    severity: Severity = Severity.error
    line: int | None = None
    column: int | None = None

    @property
    def whole_file(self) -> bool:
        """A problem of the whole file (unreadable, not YAML, binary), not of one field."""
        return not self.path

    def as_dict(self) -> dict[str, str | int | bool | None]:
        d: dict[str, str | int | bool | None] = asdict(self)
        d["severity"] = str(self.severity)
        d["whole_file"] = self.whole_file
        return d

    def where(self, lang: Lang = DEFAULT_LANG) -> str:
        """Where the problem is, as every list of problems says it: ``linje 9, barn.fornavn`` (``åtvaring, …``
        in front of a warning); '' for a problem of the whole file whose message says its line itself."""
        parts = []
        if self.severity is not Severity.error:
            parts.append(say("problem.warning", lang))
        if self.line is not None and (self.path or self.code not in SAYS_ITS_LINE):
            parts.append(say("cli_line", lang, line=self.line))
        if self.path:
            parts.append(self.path)
        return ", ".join(parts)

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        """The one layout of a problem, under its file's name: ``linje 9, barn.fornavn: Feltet er tomt: …``."""
        where = self.where(lang)
        return f"{where}: {self.message}" if where else self.message

    def format(self, lang: Lang = DEFAULT_LANG) -> str:
        """The problem on a line of its own, its file's name in front: ``multi.yaml: linje 9, barn.fornavn: …``."""
        return f"{self.file}: {self.describe(lang)}"


def problems_text(problems: Sequence[Problem], lang: Lang = DEFAULT_LANG) -> str:
    """Problems as every front end lists them: each file's name on a line, its problems indented under it."""
    lines: list[str] = []
    current: str | None = None
    for p in problems:
        if p.file != current:
            current = p.file
            lines.append(p.file)
        lines += [f"  {line}" for line in p.describe(lang).splitlines() or [""]]
    return "\n".join(lines)


# errno → the catalogue's text (``os.*``); a missing space is "disken er full"; the rest say their errno's name.
_OS_REASONS: Final = {
    errno.ENOENT: "os.ENOENT", errno.EACCES: "os.EACCES", errno.EPERM: "os.EACCES", errno.EEXIST: "os.EEXIST",
    errno.ENOTDIR: "os.ENOTDIR", errno.EISDIR: "os.EISDIR", errno.ENOTEMPTY: "os.ENOTEMPTY",
    errno.EROFS: "os.EROFS", errno.EIO: "os.EIO", errno.ENOSPC: "archive.disk_full", errno.EDQUOT: "os.EDQUOT",
    errno.ENAMETOOLONG: "os.ENAMETOOLONG", errno.ELOOP: "os.ELOOP", errno.EMFILE: "os.EMFILE",
    errno.ENFILE: "os.EMFILE", errno.EBUSY: "os.EBUSY", errno.EXDEV: "os.EXDEV",
}


def os_reason(exc: OSError) -> Phrase:
    """Why the operating system refused, said in the reader's language (never the C library's English
    ``strerror``): a context value for an error's text, ``reason=os_reason(exc)``."""
    code = _OS_REASONS.get(exc.errno or 0)
    if code is not None:
        return phrase(code)
    name = errno.errorcode.get(exc.errno or 0) or type(exc).__name__
    return phrase("os.other", name=name)


# Problems of the whole file whose message begins with its line ("Linje 15: feltet «sak» står to gonger").
SAYS_ITS_LINE: Final = frozenset({"yaml_syntax", "yaml_alias", "yaml_too_deep", "duplicate_key"})


class BtiError(Exception):
    """Base of every error bti-docs raises on purpose.

    ``text`` is a code in the catalogue (said in the reader's language by :meth:`render`), :data:`PROBLEMS`
    (the message is the problems, one a line), or a literal text already in the reader's language.
    """

    exit_code: ExitCode = ExitCode.other

    def __init__(self, text: str, problems: Sequence[Problem] = (), **context: object) -> None:
        super().__init__(text)
        self.code: str | None = text if text == PROBLEMS or has_text(text) else None
        self.text = text
        self.context: dict[str, object] = context
        self.problems: list[Problem] = list(problems)

    def render(self, lang: Lang) -> str:
        """The message in ``lang``."""
        if self.code == PROBLEMS:
            return problems_text(self.problems, lang)
        if self.code is None:
            return self.text
        return say(self.code, lang, **self.context)

    @property
    def message(self) -> str:
        """The message in the default language (front ends that know the reader's use :meth:`render`)."""
        return self.render(DEFAULT_LANG)

    def __str__(self) -> str:
        return self.message


class InputFileError(BtiError):
    exit_code = ExitCode.input_file


class InvalidFormError(BtiError):
    exit_code = ExitCode.invalid_form


class RefusedCaseError(BtiError):
    exit_code = ExitCode.refused_case


class ConfigError(BtiError):
    exit_code = ExitCode.config


class RenderError(BtiError):
    exit_code = ExitCode.render


class QualityError(BtiError):
    """The output failed the in-product PDF/A or seal check; it was not handed on."""

    exit_code = ExitCode.quality


class SealError(BtiError):
    exit_code = ExitCode.seal


class ArchiveError(BtiError):
    exit_code = ExitCode.archive
