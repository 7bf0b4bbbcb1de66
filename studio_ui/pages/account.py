"""Account: sign up, sign in, sign out, profile, password, and deleting the account and its data.

A successful sign-in hands the token to the browser, which keeps it in the `studio_session`
cookie (see studio_ui/session.py); the pages and the media routes both read it from there.
"""

from __future__ import annotations

from html import escape
from typing import Any

import gradio as gr

from studio.service import StudioService
from studio_ui.session import CLEAR_COOKIE_JS, SET_COOKIE_JS, ok, problem, token_of, warn


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Account") as page:
        gr.Markdown("# Account")
        status = gr.Markdown(elem_id="account-status")
        token_box = gr.Textbox(visible="hidden", elem_id="account-token")
        with gr.Group(visible=True) as signed_out:
            with gr.Tabs():
                with gr.Tab("Sign in", id="signin"):
                    in_email = gr.Textbox(label="Email", elem_id="signin-email")
                    in_password = gr.Textbox(label="Password", type="password", elem_id="signin-password")
                    sign_in = gr.Button("Sign in", variant="primary", elem_id="signin-button")
                with gr.Tab("Sign up", id="signup"):
                    up_name = gr.Textbox(label="Name", elem_id="signup-name")
                    up_email = gr.Textbox(label="Email", elem_id="signup-email")
                    up_password = gr.Textbox(label="Password (at least 8 characters)", type="password",
                                             elem_id="signup-password")
                    sign_up = gr.Button("Create account", variant="primary", elem_id="signup-button")
        with gr.Group(visible=False) as signed_in:
            profile = gr.Markdown(elem_id="account-profile")
            name = gr.Textbox(label="Display name", elem_id="account-name")
            save_name = gr.Button("Save profile", elem_id="account-save")
            with gr.Accordion("Change password", open=False):
                old = gr.Textbox(label="Current password", type="password")
                new = gr.Textbox(label="New password", type="password")
                change = gr.Button("Change password")
            sign_out = gr.Button("Sign out", elem_id="account-signout")
            with gr.Accordion("Delete my account and all my films", open=False):
                confirm = gr.Textbox(label="Password", type="password", elem_id="delete-password")
                delete = gr.Button("Delete my account and data", variant="stop", elem_id="delete-button")

        def load(request: gr.Request) -> tuple[Any, ...]:
            token = token_of(request)
            if not token:
                return "", gr.Group(visible=True), gr.Group(visible=False), "", ""
            try:
                user = service.user(token)
            except Exception as error:
                return problem(error), gr.Group(visible=True), gr.Group(visible=False), "", ""
            credits = "unlimited" if user.balance is None else user.balance
            about = (f"**{escape(user.email)}** · role {user.role} · {user.tier} tier · {credits} credits · "
                     f"member since {user.created_at:%Y-%m-%d}")
            return "", gr.Group(visible=False), gr.Group(visible=True), about, user.name

        def do_sign_in(email: str, password: str) -> tuple[str, str]:
            try:
                return ok("Signed in."), service.sign_in(email, password)
            except Exception as error:
                return warn(error), ""

        def do_sign_up(person: str, email: str, password: str) -> tuple[str, str]:
            try:
                return ok("Account created."), service.sign_up(email, password, person)
            except Exception as error:
                return warn(error), ""

        def do_save(person: str, request: gr.Request) -> str:
            try:
                service.update_profile(token_of(request), person)
            except Exception as error:
                return warn(error)
            return ok("Profile saved.")

        def do_change(current: str, fresh: str, request: gr.Request) -> tuple[str, str, str]:
            try:
                service.change_password(token_of(request), current, fresh)
            except Exception as error:
                return warn(error), gr.skip(), gr.skip()
            return ok("Password changed; your other sessions were signed out."), "", ""

        def do_sign_out(request: gr.Request) -> str:
            try:
                service.sign_out(token_of(request))
            except Exception as error:
                return warn(error)
            return ok("Signed out.")

        def do_delete(password: str, request: gr.Request) -> tuple[str, str]:
            try:
                service.delete_account(token_of(request), password)
            except Exception as error:
                return warn(error), "kept"
            return ok("Your account, films and media are deleted."), "deleted"

        page.load(load, None, [status, signed_out, signed_in, profile, name], api_name="account")
        sign_in.click(do_sign_in, [in_email, in_password], [status, token_box], api_name="sign_in").then(
            None, token_box, token_box, js=SET_COOKIE_JS)
        in_password.submit(do_sign_in, [in_email, in_password], [status, token_box], api_visibility="private").then(
            None, token_box, token_box, js=SET_COOKIE_JS)
        sign_up.click(do_sign_up, [up_name, up_email, up_password], [status, token_box], api_name="sign_up").then(
            None, token_box, token_box, js=SET_COOKIE_JS)
        save_name.click(do_save, name, status, api_visibility="private")
        change.click(do_change, [old, new], [status, old, new], api_visibility="private")
        sign_out.click(do_sign_out, None, status, api_visibility="private").then(None, js=CLEAR_COOKIE_JS)
        deleted = gr.Textbox(visible="hidden")
        delete.click(do_delete, confirm, [status, deleted], api_visibility="private").then(
            None, deleted, None, js=f"(state) => {{ if (state === 'deleted') {{ ({CLEAR_COOKIE_JS})(); }} }}")
    return page
