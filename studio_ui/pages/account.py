"""Account: sign up, sign in (with a two-factor code when turned on), sign out, profile, password,
two-factor sign-in, API keys for the public API, "download my data", and deleting the account and its data.

Signing in, up and out are browser functions that post to the server's /auth routes, which set or
clear the HttpOnly session cookie (studio/web/auth_routes.py); the page never sees a token. The other
actions are Gradio events that read the cookie from the request, like every page.
"""

from __future__ import annotations

from html import escape
from typing import Any

import gradio as gr

from studio.services.studio_service import StudioService
from studio_ui.api_keys_panel import add_api_keys_panel
from studio_ui.labels import credits_text
from studio_ui.session import (
    EMAIL_ACTION_JS,
    SIGN_IN_CODE_JS,
    SIGN_IN_JS,
    SIGN_OUT_JS,
    SIGN_UP_JS,
    ok,
    problem,
    token_of,
    warn,
)


def build(service: StudioService) -> gr.Blocks:
    with gr.Blocks(title="Film Studio · Account") as page:
        gr.Markdown("# Account")
        status = gr.Markdown(elem_id="account-status")
        challenge = gr.Textbox(visible="hidden", elem_id="account-challenge")
        with gr.Group(visible=True) as signed_out:
            with gr.Tabs():
                with gr.Tab("Sign in", id="signin"):
                    in_email = gr.Textbox(label="Email", elem_id="signin-email")
                    in_password = gr.Textbox(label="Password", type="password", elem_id="signin-password")
                    sign_in = gr.Button("Sign in", variant="primary", elem_id="signin-button")
                    in_code = gr.Textbox(
                        label="Two-factor code (only if you turned it on) or a recovery code", elem_id="signin-code"
                    )
                    send_code = gr.Button("Verify code", elem_id="signin-code-button")
                    with gr.Row():
                        forgot = gr.Button("Email me a password-reset link", size="sm", elem_id="forgot-button")
                        resend = gr.Button("Send the confirmation link again", size="sm", elem_id="resend-button")
                    gr.Markdown(
                        f"<small>This studio: {escape(service.email_status())}.</small>", elem_id="account-email-status"
                    )
                with gr.Tab("Sign up", id="signup"):
                    up_name = gr.Textbox(label="Name", elem_id="signup-name")
                    up_email = gr.Textbox(label="Email", elem_id="signup-email")
                    up_password = gr.Textbox(
                        label="Password (at least 8 characters)", type="password", elem_id="signup-password"
                    )
                    sign_up = gr.Button("Create account", variant="primary", elem_id="signup-button")
        with gr.Group(visible=False) as signed_in:
            profile = gr.Markdown(elem_id="account-profile")
            name = gr.Textbox(label="Display name", elem_id="account-name")
            save_name = gr.Button("Save profile", elem_id="account-save")
            with gr.Accordion("Change password", open=False):
                old = gr.Textbox(label="Current password", type="password")
                new = gr.Textbox(label="New password", type="password")
                change = gr.Button("Change password")
            with gr.Accordion("Two-factor sign-in", open=False):
                tfa_state = gr.Markdown(elem_id="tfa-state")
                tfa_begin = gr.Button("Set up two-factor sign-in", elem_id="tfa-begin")
                tfa_secret = gr.Textbox(
                    label="Add this to your authenticator app (key or otpauth:// link)",
                    interactive=False,
                    elem_id="tfa-secret",
                )
                tfa_code = gr.Textbox(label="6-digit code from the app", elem_id="tfa-code")
                with gr.Row():
                    tfa_on = gr.Button("Turn on", variant="primary", elem_id="tfa-confirm")
                    tfa_off = gr.Button("Turn off", elem_id="tfa-disable")
                tfa_codes = gr.Textbox(
                    label="Recovery codes: each works once; keep them somewhere safe",
                    interactive=False,
                    lines=5,
                    elem_id="tfa-codes",
                )
            keys_table, load_keys = add_api_keys_panel(service)
            gr.Markdown(
                "[Download my data](/me/export) (a zip of your account, credits ledger, films, scripts and media)",
                elem_id="account-export",
            )
            sign_out = gr.Button("Sign out", elem_id="account-signout")
            with gr.Accordion("Delete my account and all my films", open=False):
                confirm = gr.Textbox(label="Password", type="password", elem_id="delete-password")
                delete = gr.Button("Delete my account and data", variant="stop", elem_id="delete-button")

        def load(request: gr.Request) -> tuple[Any, ...]:
            token = token_of(request)
            # The status is left alone (gr.skip) so a slow load cannot erase what a click already said.
            if not token:
                return gr.skip(), gr.Group(visible=True), gr.Group(visible=False), "", "", ""
            try:
                user = service.user(token)
                tfa = service.two_factor_status(token)
            except Exception as error:
                return problem(error), gr.Group(visible=True), gr.Group(visible=False), "", "", ""
            credits = "unlimited credits" if user.balance is None else credits_text(user.balance)
            about = (
                f"**{escape(user.email)}** · {user.role.title()} · {user.tier.title()} plan · {credits} · "
                f"member since {user.created_at:%Y-%m-%d}"
            )
            return gr.skip(), gr.Group(visible=False), gr.Group(visible=True), about, user.name, _tfa_text(tfa)

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

        def do_tfa_begin(request: gr.Request) -> tuple[str, str]:
            try:
                uri = service.two_factor_begin(token_of(request))
            except Exception as error:
                return warn(error), ""
            return ok("Add the key to your authenticator app, then enter its current code."), uri

        def do_tfa_confirm(code: str, request: gr.Request) -> tuple[str, str, str, str]:
            try:
                codes = service.two_factor_confirm(token_of(request), code)
                state = _tfa_text(service.two_factor_status(token_of(request)))
            except Exception as error:
                return warn(error), gr.skip(), gr.skip(), gr.skip()
            return (ok("Two-factor sign-in is on; your other sessions were signed out."), "\n".join(codes), "", state)

        def do_tfa_disable(code: str, request: gr.Request) -> tuple[str, str]:
            try:
                service.two_factor_disable(token_of(request), code)
                state = _tfa_text(service.two_factor_status(token_of(request)))
            except Exception as error:
                return warn(error), gr.skip()
            return ok("Two-factor sign-in is off."), state

        def do_delete(password: str, request: gr.Request) -> tuple[str, str]:
            try:
                service.delete_account(token_of(request), password)
            except Exception as error:
                return warn(error), "kept"
            return ok("Your account, films and media are deleted."), "deleted"

        page.load(load, None, [status, signed_out, signed_in, profile, name, tfa_state], api_name="account")
        page.load(load_keys, None, keys_table, api_visibility="private")
        # Browser-only events: they post to /auth/* (no Gradio function, so nothing to call over the API).
        sign_in.click(None, [in_email, in_password], [status, challenge], js=SIGN_IN_JS)
        in_password.submit(None, [in_email, in_password], [status, challenge], js=SIGN_IN_JS)
        send_code.click(None, [challenge, in_code], status, js=SIGN_IN_CODE_JS)
        in_code.submit(None, [challenge, in_code], status, js=SIGN_IN_CODE_JS)
        forgot.click(None, in_email, status, js=EMAIL_ACTION_JS % "/auth/forgot")
        resend.click(None, in_email, status, js=EMAIL_ACTION_JS % "/auth/resend")
        sign_up.click(None, [up_name, up_email, up_password], status, js=SIGN_UP_JS)
        sign_out.click(None, js=SIGN_OUT_JS)
        save_name.click(do_save, name, status, api_visibility="private")
        change.click(do_change, [old, new], [status, old, new], api_visibility="private")
        tfa_begin.click(do_tfa_begin, None, [status, tfa_secret], api_visibility="private")
        tfa_on.click(do_tfa_confirm, tfa_code, [status, tfa_codes, tfa_code, tfa_state], api_visibility="private")
        tfa_off.click(do_tfa_disable, tfa_code, [status, tfa_state], api_visibility="private")
        deleted = gr.Textbox(visible="hidden")
        delete.click(do_delete, confirm, [status, deleted], api_visibility="private").then(
            None, deleted, None, js="(state) => { if (state === 'deleted') { window.location.href = '/'; } }"
        )
    return page


def _tfa_text(state: dict[str, Any]) -> str:
    if state["enabled"]:
        return f"Two-factor sign-in is **on** · {state['recovery_codes_left']} recovery codes left."
    if state["required"]:
        return "Two-factor sign-in is **off**. Admin accounts should turn it on (it cannot be turned off again)."
    return "Two-factor sign-in is **off** (optional)."
