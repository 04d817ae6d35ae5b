"""The pages and htmx endpoints. Every handler asks ``_user``/``_draft`` for what the user may see, and every
POST passes ``_csrf`` first."""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

import yaml
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bti_docs.errors import BtiError
from bti_docs.forms.load import MAX_FILE_BYTES, _StrictLoader, parse_form
from bti_docs.i18n import Lang
from bti_docs.render.labels import LABELS
from bti_docs.web import csrf
from bti_docs.web.auth import User
from bti_docs.web.check import DISPLAY_NAME, Checked, check_data, field_of
from bti_docs.web.formdata import edit_list, from_post, lookup, subject_of, to_yaml
from bti_docs.web.formgen import GATE_FIELD, SUBJECT_FIELD, FormSpec, Repeat, build_form, kinds, walk_leaves
from bti_docs.web.preview import draft_html, draft_pdf
from bti_docs.web.store import Draft, new_id
from bti_docs.web.submit import status_of, write_into_inbox
from bti_docs.web.texts import FIELD_LABELS, ui

Handler = Callable[[Request], Awaitable[Response]]
_HTML_LANG = {"nn": "nn", "nb": "nb"}
MAX_FIELDS = 50_000


# --- helpers ---------------------------------------------------------------------------------------


def _state(request: Request) -> Any:
    return request.app.state.web


def _lang(request: Request) -> Lang:
    lang: Lang = _state(request).lang
    return lang


def _user(request: Request) -> User:
    user: User = request.state.user
    return user


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    state = _state(request)
    lang = _lang(request)
    user = getattr(request.state, "user", None)
    base = {
        "request": request,
        "t": lambda key: ui(key, lang),
        "html_lang": _HTML_LANG[lang],
        "municipality": state.settings.kommune.navn,
        "csrf_token": csrf.token_for(state.secret, request.state.csrf_nonce, user.key) if user else "",
    }
    response: Response = state.templates.TemplateResponse(request, name, base | context, status_code=status)
    return response


def message_page(request: Request, heading: str, text: str, status: int, color: str = "danger") -> Response:
    lang = _lang(request)
    return _render(request, "message.html", {"heading": ui(heading, lang), "text": ui(text, lang), "color": color},
                   status)


async def _csrf(request: Request) -> FormData:
    """The posted form, after the CSRF token (field or header) matched; else 403."""
    # A long log with many measures posts thousands of fields (every checkbox of every consent ...).
    form = await request.form(max_fields=MAX_FIELDS, max_part_size=MAX_FILE_BYTES + 1)
    presented = request.headers.get(csrf.HEADER) or form.get(csrf.FIELD)
    state = _state(request)
    if not csrf.token_ok(state.secret, request.cookies.get(csrf.COOKIE), _user(request).key,
                         presented if isinstance(presented, str) else None):
        raise HTTPException(403)
    return form


def _draft(request: Request) -> Draft:
    user = _user(request)
    draft: Draft | None = _state(request).store.draft(user.key, user.units, request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404)
    return draft


def _posted(form: FormData) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if (isinstance(value, str) and not key.startswith("_")) or key == "_subject":
            out.setdefault(key, []).append(value if isinstance(value, str) else "")
    return out


def _fid(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


def _kind_titles(lang: Lang) -> dict[str, str]:
    return {k: LABELS[f"title.{k}"][lang] for k in kinds()}


def _unit_names(request: Request) -> dict[str, str]:
    return {k: u.navn for k, u in _state(request).settings.kommune.enheter.items()}


def _field_name(spec: FormSpec, path: str, lang: Lang) -> str:
    """A readable name for a field path in the error summary: the labels along the path."""
    names = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            names.append(f"{ui('form.number', lang)} {int(part[1:-1]) + 1}")
        elif part == "_subject":
            names.append(ui("form.subject", lang))
        elif part in FIELD_LABELS:
            names.append(FIELD_LABELS[part][lang])
        else:
            names.append(part)
    leaves = dict(walk_leaves(spec.fields))
    template = re.sub(r"\[\d+\]", "[]", path)
    if template in leaves:
        names[-1] = leaves[template].label
    return " › ".join(names)


def _form_page(request: Request, draft: Draft, checked: Checked | None = None, *, summary: bool = False,
               notice: tuple[str, str] | None = None, status: int = 200) -> Response:
    lang = _lang(request)
    spec = build_form(draft.kind, lang)
    user = _user(request)
    names = _unit_names(request)
    checked = checked or check_data(draft.data, _state(request).settings)
    by_field: dict[str, list[str]] = {}
    for p in checked.errors:
        by_field.setdefault(field_of(p), []).append(p.message)
    context = {
        "spec": spec, "draft": draft, "subject": subject_of(draft.data),
        "val": lambda path: subject_of(draft.data) if path == SUBJECT_FIELD else lookup(draft.data, path),
        "errs": (lambda path: by_field.get(path, [])) if summary else (lambda path: []),
        "fid": _fid,
        "field_name": lambda path: _field_name(spec, path, lang),
        "unit_choices": [(u, names[u]) for u in user.units],
        "list_url": request.url_for("edit_list", draft_id=draft.id),
        "summary": [(field_of(p), p.message) for p in checked.errors] if summary else [],
        "notice": notice,
        **_live_context(checked, lang),
    }
    return _render(request, "form.html", context, status)


def _live_context(checked: Checked, lang: Lang) -> dict[str, Any]:
    count_text = ui("form.error_count", lang).format(n=len(checked.errors))
    return {
        "errors": [(_fid(field_of(p)) if field_of(p) else "", p.message) for p in checked.errors],
        "advice": [(field_of(p), p.message) for p in checked.advice],
        "count_text": count_text,
    }


def _save_posted(request: Request, draft: Draft, form: FormData) -> dict[str, Any]:
    spec = build_form(draft.kind, _lang(request))
    data = from_post(spec, _posted(form))
    unit = data.get("enhet") if data.get("enhet") in _user(request).units else draft.unit
    _state(request).store.save_draft(_user(request).key, draft.id, str(unit), data)
    return data


# --- pages -----------------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    state, user, lang = _state(request), _user(request), _lang(request)
    names = _unit_names(request)
    subs = state.store.submissions(user.units) if user.units else []
    return _render(request, "home.html", {
        "units": [(u, names[u]) for u in user.units],
        "kinds": list(_kind_titles(lang).items()),
        "kind_titles": _kind_titles(lang),
        "unit_names": names,
        "drafts": state.store.drafts(user.key, user.units) if user.units else [],
        "submissions": [(s, _status(request, s)) for s in subs],
        "due": _due(request, user),
        "when": lambda ts: datetime.fromtimestamp(ts).strftime("%d.%m.%Y %H:%M"),
    })


def _due(request: Request, user: User) -> list[Any] | None:
    """The due list of the user's units from the case ledger (no names); None without an archive."""
    from bti_docs import api

    state = _state(request)
    if state.config.archive is None or not user.units:
        return None
    try:
        return list(api.unit_due_list(state.config.archive, state.settings, user.units))
    except BtiError:
        return None


def _kind_and_unit(request: Request, kind: Any, unit: Any) -> tuple[str, str]:
    if kind not in kinds() or unit not in _user(request).units:
        raise HTTPException(404)
    return str(kind), str(unit)


async def gate(request: Request) -> Response:
    """The violence/abuse question, first and alone; yes leads to the barnevern page, no to a new draft."""
    lang = _lang(request)
    if request.method == "GET":
        kind, unit = _kind_and_unit(request, request.query_params.get("kind"), request.query_params.get("unit"))
        return _render(request, "gate.html", {"kind": kind, "unit": unit, "title": ui("gate.heading", lang),
                                              "question": FIELD_LABELS[GATE_FIELD][lang]})
    form = await _csrf(request)
    kind, unit = _kind_and_unit(request, form.get("kind"), form.get("unit"))
    answer = form.get("svar")
    if answer == "ja":
        return RedirectResponse(request.url_for("refused"), status_code=303)
    if answer != "nei":
        return _render(request, "gate.html", {"kind": kind, "unit": unit, "title": ui("gate.heading", lang),
                                              "question": FIELD_LABELS[GATE_FIELD][lang]}, 422)
    data = {"skjema": kind, GATE_FIELD: False, "enhet": unit, "dato": date.today().isoformat()}
    draft = _state(request).store.create_draft(_user(request).key, unit, kind, data)
    return RedirectResponse(request.url_for("draft", draft_id=draft.id), status_code=303)


async def refused(request: Request) -> Response:
    return message_page(request, "refused.heading", "refused.text", 200, color="danger")


async def draft_page(request: Request) -> Response:
    draft = _draft(request)
    if request.query_params.get("ukjende"):
        lang = _lang(request)
        checked = check_data(draft.data, _state(request).settings)
        unknown = sorted({p.path for p in checked.problems if p.code == "extra_forbidden"})
        if unknown:
            return _form_page(request, draft, checked, notice=(
                "warning", ui("upload.unknown_fields", lang).format(fields=", ".join(unknown))))
    return _form_page(request, draft)


async def save_draft(request: Request) -> Response:
    draft = _draft(request)
    form = await _csrf(request)
    data = _save_posted(request, draft, form)
    saved = Draft(draft.id, draft.unit, draft.kind, data, time.time())
    return _form_page(request, saved, notice=("success", ui("form.saved", _lang(request))))


async def check_draft(request: Request) -> Response:
    """htmx: save what is there (drafts may be invalid) and answer with the live check."""
    draft = _draft(request)
    form = await _csrf(request)
    data = _save_posted(request, draft, form)
    checked = check_data(data, _state(request).settings)
    return _render(request, "live.html", _live_context(checked, _lang(request)))


async def edit_list_route(request: Request) -> Response:
    """htmx: add an item to a repeatable section, or remove one; answers with the section re-rendered."""
    draft = _draft(request)
    form = await _csrf(request)
    data = _save_posted(request, draft, form)
    spec = build_form(draft.kind, _lang(request))
    path = str(form.get("_list", ""))
    node = _repeat_at(spec, path)
    index = form.get("_index")
    focus = edit_list(data, path, add=form.get("_op") == "add",
                      index=int(index) if isinstance(index, str) and index.isdigit() else None, spec=spec)
    _state(request).store.save_draft(_user(request).key, draft.id, draft.unit, data)
    return _render(request, "repeat.html", {
        "node": node, "path": path, "focus": focus, "val": lambda p: lookup(data, p), "errs": lambda p: [],
        "fid": _fid, "list_url": request.url_for("edit_list", draft_id=draft.id), "subject": subject_of(data),
        "unit_choices": [],
    })


def _repeat_at(spec: FormSpec, path: str) -> Repeat:
    from bti_docs.web.formdata import _node_at

    node = _node_at(spec, path)
    if not isinstance(node, Repeat) or not re.fullmatch(r"[a-z_]+(\[\d+\]\.[a-z_]+)*", path):
        raise HTTPException(400)
    return node


async def submit_draft(request: Request) -> Response:
    draft = _draft(request)
    form = await _csrf(request)
    data = _save_posted(request, draft, form)
    saved = Draft(draft.id, draft.unit, draft.kind, data, time.time())
    checked = check_data(data, _state(request).settings)
    unit = str(data.get("enhet", ""))
    if not checked.ok:
        return _form_page(request, saved, checked, summary=True, status=422)
    if unit not in _user(request).units:
        raise HTTPException(403)
    state, user = _state(request), _user(request)
    sub_id = new_id()
    name = f"web-{re.sub(r'[^A-Za-z0-9]', '', sub_id)}.yaml"
    inbox = state.config.inbox_for(unit)
    write_into_inbox(inbox, name, to_yaml(data).encode("utf-8"))
    state.store.add_submission(user.key, unit, draft.kind, inbox, name, sub_id)
    state.store.delete_draft(user.key, draft.id)
    return RedirectResponse(request.url_for("submission", sub_id=sub_id), status_code=303)


async def delete_draft(request: Request) -> Response:
    draft = _draft(request)
    await _csrf(request)
    _state(request).store.delete_draft(_user(request).key, draft.id)
    return RedirectResponse(request.url_for("home"), status_code=303)


async def download(request: Request) -> Response:
    draft = _draft(request)
    return Response(to_yaml(draft.data), media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{draft.kind}-utkast.yaml"'})


async def upload(request: Request) -> Response:
    form = await _csrf(request)
    file = form.get("fil")
    lang = _lang(request)
    if not isinstance(file, UploadFile):
        raise HTTPException(400)
    content = await file.read(MAX_FILE_BYTES + 1)
    loaded = parse_form(content, DISPLAY_NAME, lang)
    codes = {p.code for p in loaded.problems}
    if "case_violence_abuse" in codes:
        return RedirectResponse(request.url_for("refused"), status_code=303)
    data = _raw(content) if not codes & _UNREADABLE else None
    if data is None or data.get("skjema") not in kinds():
        text = ui("upload.bad", lang) + " " + " ".join(p.message for p in loaded.problems)
        return _render(request, "message.html", {"heading": ui("error.heading", lang), "text": text,
                                                 "color": "danger"}, 422)
    unit = str(data.get("enhet", ""))
    user = _user(request)
    if unit not in user.units:
        unit = user.units[0]
        data["enhet"] = unit
    draft = _state(request).store.create_draft(user.key, unit, str(data["skjema"]), data)
    url = request.url_for("draft", draft_id=draft.id)
    if "extra_forbidden" in codes:  # fields the form does not have: say so before a save drops them
        url = url.include_query_params(ukjende="1")
    return RedirectResponse(url, status_code=303)


_UNREADABLE = {"file_too_large", "binary_file", "not_utf8", "yaml_syntax", "yaml_alias", "yaml_too_deep",
               "duplicate_key", "multiple_documents", "empty_file", "not_a_mapping", "missing_form_kind",
               "unknown_form_kind"}


def _raw(content: bytes) -> dict[str, Any] | None:
    """The uploaded file's data, read by the loader's own strict YAML loader (dates stay text)."""
    try:
        raw = yaml.load(content.decode("utf-8-sig"), Loader=_StrictLoader)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError):
        return None  # parse_form has said what is wrong with the file
    return raw if isinstance(raw, dict) else None


async def preview_html(request: Request) -> Response:
    draft = _draft(request)
    checked = check_data(draft.data, _state(request).settings)
    if checked.form is None:
        return _form_page(request, draft, checked, summary=True, status=422)
    html, _, _ = draft_html(checked.form, _state(request).settings, base_href="/dokument/html/")
    return Response(html, media_type="text/html; charset=utf-8")


async def preview_pdf(request: Request) -> Response:
    draft = _draft(request)
    checked = check_data(draft.data, _state(request).settings)
    if checked.form is None:
        return _form_page(request, draft, checked, summary=True, status=422)
    try:
        pdf = draft_pdf(checked.form, _state(request).settings)
    except BtiError as exc:
        lang = _lang(request)
        return _render(request, "message.html", {"heading": ui("error.heading", lang), "text": exc.render(lang),
                                                 "color": "danger"}, 422)
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{draft.kind}-utkast.pdf"'})


def _status(request: Request, sub: Any) -> Any:
    config = _state(request).config
    return status_of(sub.inbox, config.done_dir(sub.inbox), config.rejected_dir(sub.inbox), sub.name)


def _submission(request: Request) -> Any:
    user = _user(request)
    sub = _state(request).store.submission(user.units, request.path_params["sub_id"])
    if sub is None:
        raise HTTPException(404)
    return sub


async def submission(request: Request) -> Response:
    sub = _submission(request)
    lang = _lang(request)
    return _render(request, "status.html", {"sub": sub, "status": _status(request, sub),
                                            "kind_title": _kind_titles(lang)[sub.kind],
                                            "unit_name": _unit_names(request)[sub.unit]})


async def submission_status(request: Request) -> Response:
    sub = _submission(request)
    return _render(request, "status_box.html", {"sub": sub, "status": _status(request, sub)})


async def http_error(request: Request, exc: Exception) -> Response:
    code = exc.status_code if isinstance(exc, HTTPException) else 500
    text = {403: "error.forbidden", 404: "error.not_found"}.get(code, "error.not_found")
    if getattr(request.state, "user", None) is None:
        return Response(status_code=code)
    return message_page(request, "error.heading", text, code)


def routes() -> list[Route]:
    return [
        Route("/", home, name="home"),
        Route("/ny", gate, methods=["GET", "POST"], name="gate"),
        Route("/barnevern", refused, name="refused"),
        Route("/last-opp", upload, methods=["POST"], name="upload"),
        Route("/utkast/{draft_id}", draft_page, name="draft"),
        Route("/utkast/{draft_id}/lagre", save_draft, methods=["POST"], name="save_draft"),
        Route("/utkast/{draft_id}/sjekk", check_draft, methods=["POST"], name="check_draft"),
        Route("/utkast/{draft_id}/liste", edit_list_route, methods=["POST"], name="edit_list"),
        Route("/utkast/{draft_id}/send", submit_draft, methods=["POST"], name="submit_draft"),
        Route("/utkast/{draft_id}/slett", delete_draft, methods=["POST"], name="delete_draft"),
        Route("/utkast/{draft_id}/skjema.yaml", download, name="download"),
        Route("/utkast/{draft_id}/forhandsvis", preview_html, name="preview_html"),
        Route("/utkast/{draft_id}/utkast.pdf", preview_pdf, name="preview_pdf"),
        Route("/innsending/{sub_id}", submission, name="submission"),
        Route("/innsending/{sub_id}/status", submission_status, name="submission_status"),
    ]
