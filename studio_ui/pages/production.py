"""Production: project members, the approvals queue, script history with diff and restore, the audit log.

Every button calls StudioService, which checks the caller's role; a refusal shows as a message.
Comments and names are shown in tables as plain text, never as markup.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from studio.domain.production import ITEM_KINDS, PROJECT_ROLES
from studio.services.studio_service import StudioService
from studio_ui.session import FILM_FROM_URL_JS, ok, problem, token_of, warn

MEMBER_HEADERS = ["email", "name", "role", "user_id"]
APPROVAL_HEADERS = ["id", "film", "kind", "item", "state", "requested_by", "note", "comment", "decided_by"]
VERSION_HEADERS = ["version", "when", "author", "note", "lines"]
# difflib's table marks added, changed and deleted text with these classes.
DIFF_CSS = (
    "<style>#production-diff .diff_add{background:#aaffaa}#production-diff .diff_chg{background:#ffff77}"
    "#production-diff .diff_sub{background:#ffaaaa}#production-diff td{padding:0 .4rem}</style>"
)
AUDIT_HEADERS = ["id", "at", "actor", "action", "target", "film_id", "project_id"]


def _approvals(service: StudioService, token: str) -> list[list[Any]]:
    rows = service.approval_queue(token, state=None)
    return [[r["id"], r["title"], r["kind"], r["item"], r["state"], r["requested_by"], r["note"], r["comment"],
             r["decided_by"]] for r in rows]  # fmt: skip


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Production") as page:
        gr.Markdown("# Production")
        wanted = gr.Textbox(visible="hidden", elem_id="production-film-id")  # ?film= (the Create page's history link)
        status = gr.Markdown(elem_id="production-status")

        gr.Markdown("### Projects")
        with gr.Row():
            project = gr.Dropdown([], label="Project", elem_id="production-project")
            new_name = gr.Textbox(label="New project", placeholder="Name", elem_id="production-new-name")
            create = gr.Button("Create project", elem_id="production-create")
        members = gr.Dataframe(headers=MEMBER_HEADERS, interactive=False, label="Members", elem_id="production-members")
        with gr.Row():
            email = gr.Textbox(label="Member email", elem_id="production-member-email")
            role = gr.Dropdown(list(PROJECT_ROLES), value="viewer", label="Role", elem_id="production-member-role")
            set_member = gr.Button("Add or change member", elem_id="production-set-member")
            film_to_add = gr.Dropdown([], label="Your film", elem_id="production-film-to-add")
            add_film = gr.Button("Add film to project", elem_id="production-add-film")

        gr.Markdown("### Approvals")
        queue = gr.Dataframe(headers=APPROVAL_HEADERS, interactive=False, label="Approval requests",
                             elem_id="production-approvals")  # fmt: skip
        with gr.Row():
            approval_id = gr.Number(value=None, precision=0, label="Request id", elem_id="production-approval-id")
            comment = gr.Textbox(label="Comment", elem_id="production-comment")
        with gr.Row():
            approve = gr.Button("Approve (locks the item)", variant="primary", elem_id="production-approve")
            reject = gr.Button("Reject", variant="stop", elem_id="production-reject")
            unlock = gr.Button("Unlock (producers)", elem_id="production-unlock")
        with gr.Row():
            film = gr.Dropdown([], label="Film", elem_id="production-film")
            kind = gr.Dropdown(list(ITEM_KINDS), value="scene", label="Item", elem_id="production-kind")
            item = gr.Textbox(label="Scene id, 'final' or character name", elem_id="production-item")
            note = gr.Textbox(label="Note", elem_id="production-note")
            ask = gr.Button("Request approval", elem_id="production-request")

        gr.Markdown("### Script history")
        versions = gr.Dataframe(headers=VERSION_HEADERS, interactive=False, elem_id="production-versions")
        with gr.Row():
            old = gr.Number(value=1, precision=0, label="From version", elem_id="production-old")
            new = gr.Number(value=2, precision=0, label="To version", elem_id="production-new")
            show_diff = gr.Button("Show diff", elem_id="production-show-diff")
            restore = gr.Button("Restore 'from' version", elem_id="production-restore")
        diff = gr.HTML(elem_id="production-diff")

        gr.Markdown("### Audit log (admins and producers)")
        audit = gr.Dataframe(headers=AUDIT_HEADERS, interactive=False, elem_id="production-audit")
        with gr.Row():
            export_csv = gr.Button("Export CSV", elem_id="production-export-csv")
            export_jsonl = gr.Button("Export JSON lines", elem_id="production-export-jsonl")
        export_file = gr.File(label="Export", interactive=False, elem_id="production-export")

        def load(wanted_film: str, request: gr.Request) -> tuple[Any, ...]:
            token = token_of(request)
            try:
                mine = service.my_projects(token)
                films = [(f"{f.title} ({f.id})", f.id) for f in service.films(token)]
                rows = _approvals(service, token)
            except Exception as error:
                return problem(error), gr.update(choices=[]), gr.update(choices=[]), gr.update(choices=[]), [], []
            choices = [(f"{p['name']} · {p['role']}", p["id"]) for p in mine]
            first = choices[0][1] if choices else None
            ids = [film_id for _, film_id in films]
            first_film = wanted_film if wanted_film in ids else (ids[0] if ids else None)
            return ("", gr.update(choices=choices, value=first), gr.update(choices=films, value=first_film),
                    gr.update(choices=films, value=first_film), rows, _audit_rows(token))  # fmt: skip

        def _audit_rows(token: str) -> list[list[Any]]:
            try:
                entries = service.audit_log(token, limit=200)
            except Exception:  # not an admin or producer: the table stays empty
                return []
            return [[e["id"], e["at"][:19], e["actor_email"] or "(system)", e["action"],
                     f"{e['target_kind']}:{e['target_id']}", e["film_id"] or "", e["project_id"] or ""]
                    for e in entries]  # fmt: skip

        def show_project(project_id: str | None, request: gr.Request) -> list[list[Any]]:
            if not project_id:
                return []
            try:
                info = service.project(token_of(request), project_id)
            except Exception:
                return []
            return [[m["email"], m["name"], m["role"], m["user_id"]] for m in info["members"]]

        def show_versions(film_id: str | None, request: gr.Request) -> list[list[Any]]:
            if not film_id:
                return []
            try:
                rows = service.script_versions(token_of(request), film_id)
            except Exception:
                return []
            return [[v["number"], v["created_at"], v["author"], v["note"], v["lines"]] for v in rows]

        def act(call, count: int):  # noqa: ANN001, ANN202 - wraps a service call into a handler that reports
            # Gradio finds the request by its annotation, so the inputs are named parameters here.
            def handler(
                a: Any = None, b: Any = None, c: Any = None, d: Any = None, request: gr.Request | None = None
            ) -> tuple[Any, ...]:
                values = (a, b, c, d)[:count]
                token = token_of(request)
                try:
                    message = call(token, *values)
                except Exception as error:
                    return warn(error), _approvals_or_empty(token), _audit_rows(token)
                return ok(message), _approvals_or_empty(token), _audit_rows(token)

            return handler

        def _approvals_or_empty(token: str) -> list[list[Any]]:
            try:
                return _approvals(service, token)
            except Exception:
                return []

        def _number(value: Any) -> int:
            if value is None or value == "":
                raise ValueError("Give the request id (the first column of the table).")
            return int(value)

        def do_create(token: str, name: str) -> str:
            service.create_project(token, name)
            return "Project created; reload the page to pick it."

        def do_member(token: str, project_id: str, address: str, member_role: str) -> str:
            if not project_id:
                raise ValueError("Pick a project first.")
            service.set_project_member(token, project_id, address, member_role)
            return f"{address.strip()} is now {member_role}."

        def do_add_film(token: str, project_id: str, film_id: str) -> str:
            if not project_id or not film_id:
                raise ValueError("Pick a project and a film first.")
            service.add_film_to_project(token, project_id, film_id)
            return "Film added to the project."

        def do_approve(token: str, number: Any, text: str) -> str:
            service.approve(token, _number(number), text)
            return f"Request {int(number)} approved; the item is locked."

        def do_reject(token: str, number: Any, text: str) -> str:
            service.reject(token, _number(number), text)
            return f"Request {int(number)} rejected."

        def do_unlock(token: str, number: Any, text: str) -> str:
            service.unlock(token, _number(number), text)
            return f"Request {int(number)} unlocked."

        def do_request(token: str, film_id: str, item_kind: str, key: str, text: str) -> str:
            if not film_id:
                raise ValueError("Pick a film first.")
            number = service.request_approval(token, film_id, item_kind, key, text)
            return f"Approval requested (request {number})."

        def do_restore(token: str, film_id: str, number: Any) -> str:
            if not film_id:
                raise ValueError("Pick a film first.")
            made = service.restore_script(token, film_id, _number(number))
            return f"Version {int(number)} restored as version {made}; render the film to see it."

        def do_diff(film_id: str | None, first: Any, second: Any, request: gr.Request) -> tuple[str, str]:
            try:
                if not film_id:
                    raise ValueError("Pick a film first.")
                table = service.script_diff(token_of(request), film_id, first, second, as_html=True)
            except Exception as error:
                return warn(error), ""
            return "", DIFF_CSS + table

        def do_export(fmt: str):  # noqa: ANN202
            def handler(request: gr.Request) -> tuple[str, Any]:
                try:
                    body = service.export_audit(token_of(request), fmt)
                except Exception as error:
                    return warn(error), None
                path = Path(tempfile.mkdtemp(prefix="studio-audit-")) / f"audit.{fmt}"
                path.write_text(body, encoding="utf-8")
                return ok(f"Exported {max(0, body.count(chr(10)) - (fmt == 'csv'))} entries."), str(path)

            return handler

        page.load(None, None, wanted, js=FILM_FROM_URL_JS).then(
            load, wanted, [status, project, film, film_to_add, queue, audit], api_name="production"
        )
        project.change(show_project, [project], members, api_visibility="private")
        film.change(show_versions, [film], versions, api_visibility="private")
        after = [status, queue, audit]
        for button, call, inputs in (
            (create, do_create, [new_name]), (set_member, do_member, [project, email, role]),
            (add_film, do_add_film, [project, film_to_add]), (approve, do_approve, [approval_id, comment]),
            (reject, do_reject, [approval_id, comment]), (unlock, do_unlock, [approval_id, comment]),
            (ask, do_request, [film, kind, item, note]), (restore, do_restore, [film, old]),
        ):  # fmt: skip
            event = button.click(act(call, len(inputs)), inputs, after, api_visibility="private")
            event.then(show_project, [project], members, api_visibility="private").then(
                show_versions, [film], versions, api_visibility="private"
            )
        show_diff.click(do_diff, [film, old, new], [status, diff], api_visibility="private")
        export_csv.click(do_export("csv"), None, [status, export_file], api_visibility="private")
        export_jsonl.click(do_export("jsonl"), None, [status, export_file], api_visibility="private")
    return page
