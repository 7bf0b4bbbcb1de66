"""AccountService: sign-up with email verification, sign-in with limits and a
second factor, password reset by email, two-factor enrolment, data export and account deletion.

The web routes (studio/web/server.py) and the Account page call these; `register` is the sign-up the
web uses, which answers the same whether or not the email already has an account.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from studio.domain.errors import UserError
from studio.domain.views import UserView
from studio.services import account_tokens, accounts, credits, two_factor
from studio.services.audit import audited
from studio.store import FilmRow
from studio.store.accounts import RenderRequestRow, UserRow

if TYPE_CHECKING:
    from integrations.mailer import Mailer
    from studio.services.core import ServiceCore

log = logging.getLogger(__name__)
CHECK_INBOX = (
    "Check your inbox: we sent a link to finish signing up (it works for 48 hours). "
    "No email? Ask for it again from the Sign in tab."
)
RESET_SENT = "If an account uses this email, we sent it a link to choose a new password (it works for 30 minutes)."


class TwoFactorRequired(accounts.AuthError):
    """The password was right; the account needs a code from its authenticator app (or a recovery code)."""

    def __init__(self, challenge: str) -> None:
        super().__init__("Enter the 6-digit code from your authenticator app (or a recovery code).")
        self.challenge = challenge


class EmailNotVerified(accounts.AuthError):
    """The account exists but its email is not confirmed yet."""


@dataclass(frozen=True)
class SignUpResult:
    message: str
    token: str | None  # a session when no verification is needed


def user_view(user: UserRow) -> UserView:
    unlimited = credits.unlimited(user)
    return UserView(
        id=user.id, email=user.email, name=user.name, role=user.role, tier=user.tier,
        balance=None if unlimited else int(user.balance), suspended=bool(user.suspended),
        created_at=accounts.aware(user.created_at),
    )  # fmt: skip


class AccountService:
    """Sign-up, sign-in, verification, resets, two-factor, profile, data export and account deletion."""

    def __init__(self, core: ServiceCore) -> None:
        self.core, self.store, self.runs = core, core.store, core.runs

    # ----- email ----------------------------------------------------------------------------
    @property
    def mailer(self) -> Mailer:
        from integrations.mailer import Mailer

        return Mailer(self.core.settings.smtp)

    def _link(self, path: str) -> str:
        return f"{self.core.settings.public_url or 'http://127.0.0.1:7860'}{path}"

    def email_status(self) -> str:
        """'email configured' or 'email not configured' (shown on the Account page)."""
        return "email configured" if self.core.settings.smtp else "email not configured"

    def _send(self, to: str, subject: str, body: str) -> bool:
        """Send or log why not; a down mail server never fails the sign-up that triggered it."""
        from integrations.mailer import EmailFailed, EmailNotConfigured

        try:
            self.mailer.send(to, subject, body)
        except EmailNotConfigured:
            log.warning("email not configured: '%s' was not sent", subject)
            return False
        except EmailFailed:
            return False  # logged by the mailer with the server's reason
        return True

    # ----- sign-up --------------------------------------------------------------------------
    def _grant_signup(self, session: Any, user: UserRow) -> None:
        allowance = credits.tier(user.tier).monthly_credits
        if allowance:  # the key makes a second grant (two clicks on the link) impossible
            credits.credit(session, user.id, allowance, "signup", f"{user.tier} plan", f"signup:{user.id}")

    def _new_account(self, session: Any, email: str, password: str, name: str, verified: bool) -> UserRow:
        user = accounts.create_user(session, email, password, name, "free", verified=verified)
        if accounts.claim_first_admin(session, user.id):
            user.role, user.tier = "admin", "enterprise"  # the studio's owner: unlimited
        if verified:
            self._grant_signup(session, user)
        return user

    @audited("account.sign_up", "user", actor="result")
    def sign_up(self, email: str, password: str, name: str) -> str:
        """Create an account and return a session token. The first user of an empty store is admin
        (on the unlimited enterprise tier: it is the studio's owner); everyone else starts on free.
        When verification is required the free credits wait for the emailed link (verify_email).
        Raises EmailTaken for a used email: the web uses `register`, which does not tell."""
        verified = not self.core.settings.require_verification
        with self.store.session() as session:
            user = self._new_account(session, email, password, name, verified)
            token = accounts.open_session(session, user.id).token
            link = None if verified else account_tokens.issue(session, user.id, "verify")
            to, person = user.email, user.name
        if link:
            self._send(to, *_verification(person, self._link(f"/auth/verify?token={link}")))
        return token

    @audited("account.register", "user", target="email", actor="result")
    def register(self, email: str, password: str, name: str) -> SignUpResult:
        """The web sign-up. With verification required (a studio with email), the answer is the same
        whether the email is new or taken: the owner of a taken address gets an email saying so,
        and no session is given until the link is followed. Without email (a local install) the
        account is signed in at once, and a taken email is refused (documented in SECURITY.md)."""
        if not self.core.settings.require_verification:
            return SignUpResult("Account created.", self.sign_up(email, password, name))
        email, password, name = (
            accounts.normalise_email(email),
            accounts.check_password(password),
            accounts.check_name(name),
        )
        try:
            with self.store.session() as session:
                user = self._new_account(session, email, password, name, verified=False)
                link = account_tokens.issue(session, user.id, "verify")
        except accounts.EmailTaken:
            from integrations.mailer import existing_account_email

            self._send(email, *existing_account_email(self._link("/account")))
            return SignUpResult(CHECK_INBOX, None)
        self._send(email, *_verification(name, self._link(f"/auth/verify?token={link}")))
        return SignUpResult(CHECK_INBOX, None)

    @audited("account.resend_verification", "user", target="email", actor="none")
    def resend_verification(self, email: str) -> str:
        """Send a new confirmation link to an unconfirmed account; the same answer for any email."""
        try:
            email = accounts.normalise_email(email)
        except UserError:
            return CHECK_INBOX
        with self.store.session() as session:
            user = session.scalar(select(UserRow).where(UserRow.email == email))
            if user is None or user.email_verified_at is not None:
                return CHECK_INBOX
            link = account_tokens.issue(session, user.id, "verify")
            name = user.name
        self._send(email, *_verification(name, self._link(f"/auth/verify?token={link}")))
        return CHECK_INBOX

    @audited("account.verify_email", "user", actor="verify")
    def verify_email(self, token: str) -> str:
        """Confirm the email of the link's account, grant its free credits once, return a session."""
        with self.store.session() as session:
            user = session.get(UserRow, account_tokens.consume(session, token, "verify"))
            if user is None or user.suspended:
                raise account_tokens.TokenInvalid(account_tokens.MESSAGES["verify"])
            if user.email_verified_at is None:
                user.email_verified_at = accounts.now()
                self._grant_signup(session, user)
            return accounts.open_session(session, user.id).token

    # ----- sign-in --------------------------------------------------------------------------
    @audited("account.sign_in", "user", actor="result")
    def sign_in(self, email: str, password: str, client: str = "", device: str = "") -> str:
        """Return a new session token. Failures are limited per email and per `client` address;
        a browser presenting the account's `device` cookie is not subject to the email's lock.
        Raises TwoFactorRequired (with a challenge) when the account has two-factor sign-in on."""
        failure: UserError | None = None
        with self.store.session() as session:
            try:
                user = accounts.authenticate(session, email, password, client, device)
                if self.core.settings.require_verification and user.email_verified_at is None:
                    raise EmailNotVerified(
                        "Confirm your email first: follow the link we sent (you can ask for it again below)."
                    )
                if two_factor.enabled(user):
                    raise TwoFactorRequired(account_tokens.issue(session, user.id, "mfa"))
            except accounts.AuthError as error:
                failure = error  # committed below, so the failure counts even though we refuse
            else:
                return accounts.open_session(session, user.id).token
        raise failure

    @audited("account.sign_in_second_factor", "user", actor="result")
    def sign_in_second_factor(self, challenge: str, code: str, client: str = "") -> str:
        """Finish a two-factor sign-in; a wrong code uses up the challenge (sign in again) and counts
        as a failed sign-in, so codes cannot be guessed faster than passwords."""
        failure: UserError | None = None
        with self.store.session() as session:
            user = session.get(UserRow, account_tokens.consume(session, challenge, "mfa"))
            if user is None or user.suspended:
                raise accounts.AuthError("Wrong email or password.")
            if two_factor.check(session, user, code):
                accounts.clear_failures(session, user.email)
                return accounts.open_session(session, user.id).token
            accounts.record_failure(session, user.email, client)
            failure = accounts.AuthError("That code is not right; sign in again.")
        raise failure

    def device_cookie(self, token: str) -> str:
        """The device cookie for the signed-in user of `token` (see accounts.device_token)."""
        with self.store.session() as session:
            user = accounts.user_for_token(session, token)
            if user is None:
                raise accounts.AuthError("Please sign in.")
            return accounts.device_token(session, user)

    # ----- password reset -------------------------------------------------------------------
    @audited("account.request_password_reset", "user", target="email", actor="none")
    def request_password_reset(self, email: str) -> str:
        """Email a single-use reset link if the account exists; the same answer either way."""
        if not self.core.settings.smtp:
            raise UserError(
                "Email is not configured on this studio; ask its admin to reset your password "
                "(`studio admin` on the server)."
            )
        try:
            email = accounts.normalise_email(email)
        except UserError:
            return RESET_SENT
        with self.store.session() as session:
            user = session.scalar(select(UserRow).where(UserRow.email == email))
            if user is None or user.suspended:
                return RESET_SENT
            link, name = account_tokens.issue(session, user.id, "reset"), user.name
        from integrations.mailer import reset_email

        minutes = int(account_tokens.LIFETIMES["reset"].total_seconds() // 60)
        self._send(email, *reset_email(name, self._link(f"/auth/reset?token={link}"), minutes))
        return RESET_SENT

    @audited("account.reset_password", "user", actor="reset")
    def reset_password(self, token: str, new_password: str) -> None:
        """Set a new password from a reset link (once); every session ends and the email's lock clears.
        Following the link proves the mailbox, so the email counts as confirmed."""
        new_password = accounts.check_password(new_password)
        with self.store.session() as session:
            user = session.get(UserRow, account_tokens.consume(session, token, "reset"))
            if user is None:
                raise account_tokens.TokenInvalid(account_tokens.MESSAGES["reset"])
            user.password_hash = accounts.hash_password(new_password)
            accounts.end_sessions(session, user.id)
            accounts.clear_failures(session, user.email)
            if user.email_verified_at is None:
                user.email_verified_at = accounts.now()
                self._grant_signup(session, user)

    # ----- two-factor -----------------------------------------------------------------------
    @audited("account.two_factor_begin", "user")
    def two_factor_begin(self, token: str) -> str:
        """Start enrolment: returns the otpauth:// URI (its `secret=` is what an app needs)."""
        with self.store.session() as session:
            return two_factor.begin(self.core.me(session, token))

    @audited("account.two_factor_confirm", "user")
    def two_factor_confirm(self, token: str, code: str) -> list[str]:
        """Turn two-factor on with a code from the app; returns ten recovery codes (shown once).
        The account's other sessions end: they were opened without the second factor."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            codes = two_factor.confirm(session, user, code)
            accounts.end_sessions(session, user.id, keep_token=token)
            return codes

    @audited("account.two_factor_disable", "user")
    def two_factor_disable(self, token: str, code: str) -> None:
        with self.store.session() as session:
            two_factor.disable(session, self.core.me(session, token), code)

    def two_factor_status(self, token: str) -> dict[str, Any]:
        with self.store.session() as session:
            user = self.core.me(session, token)
            return {
                "enabled": two_factor.enabled(user),
                "recovery_codes_left": two_factor.recovery_codes_left(session, user),
                "required": user.role == "admin",
            }

    # ----- privacy --------------------------------------------------------------------------
    def export_my_data(self, token: str) -> Path:
        """A zip of the user's account record, ledger, films (scripts, settings, scenes) and media."""
        from studio.services.privacy import export_user

        with self.store.session() as session:
            user_id = self.core.me(session, token).id
        return export_user(self.store, self.core.settings, user_id)

    # ----- session, profile, deletion -------------------------------------------------------
    @audited("account.sign_out", "user")
    def sign_out(self, token: str) -> None:
        """End the session (no error if it is already gone)."""
        if token and isinstance(token, str):
            from studio.store.accounts import SessionRow

            with self.store.session() as session:
                session.execute(delete(SessionRow).where(SessionRow.token_hash == accounts.hash_token(token)))

    def user(self, token: str) -> UserView:
        """The signed-in user; raises NotSignedIn for a missing, expired or unknown token."""
        with self.store.session() as session:
            return user_view(self.core.me(session, token))

    @audited("account.update_profile", "user")
    def update_profile(self, token: str, name: str) -> UserView:
        """Change the display name."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            user.name = accounts.check_name(name)
            return user_view(user)

    @audited("account.change_password", "user")
    def change_password(self, token: str, old: str, new: str) -> None:
        """Change the password after checking the old one; the user's other sessions are ended."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            if not accounts.verify_password(user.password_hash, old or ""):
                raise UserError("The current password is wrong.")
            user.password_hash = accounts.hash_password(accounts.check_password(new))
            accounts.end_sessions(session, user.id, keep_token=token)

    @audited("account.delete", "user", erases=True)
    def delete_account(self, token: str, password: str) -> None:
        """Delete the user, their films, media, renders and ledger rows, after checking the password."""
        with self.store.session() as session:
            user = self.core.me(session, token)
            if not accounts.verify_password(user.password_hash, password or ""):
                raise UserError("The password is wrong; nothing was deleted.")
            user_id = user.id
            # An organisation's films stay with the organisation when a member leaves the studio.
            from studio.store.organisations import OrgFilmRow

            film_ids = list(
                session.scalars(
                    select(FilmRow.id).where(FilmRow.owner_id == user_id, FilmRow.id.not_in(select(OrgFilmRow.film_id)))
                )
            )
            pending = list(
                session.scalars(
                    select(RenderRequestRow.run_id).where(
                        RenderRequestRow.user_id == user_id, RenderRequestRow.state == "submitted"
                    )
                )
            )
        for run_id in pending:  # stop renders that would write media for a deleted film
            try:
                self.runs.cancel(run_id)
            except Exception:  # noqa: BLE001 - a run that cannot be reached is deleted with the rest
                pass
        from studio.services.privacy import purge_user_files

        # Files first, while the store still says which films (and uploads) are whose.
        purge_user_files(self.store, self.core.settings, user_id, film_ids, self.runs)
        for film_id in film_ids:  # published copies too (S3); a store that fails stops before any row goes
            self.core.media_store.delete_film(film_id)
        with self.store.session() as session:
            for film_id in film_ids:
                film = session.get(FilmRow, film_id)
                if film is not None:
                    session.delete(film)
            session.delete(session.get(UserRow, user_id))  # cascades: sessions, ledger, render requests, tokens
        from studio.services.privacy import purge_user_rows

        purge_user_rows(self.store, user_id, film_ids)  # rows keyed by the user's ids without a foreign key
        for film_id in film_ids:
            shutil.rmtree(self.core.settings.media_root / film_id, ignore_errors=True)


def _verification(name: str, link: str) -> tuple[str, str]:
    from integrations.mailer import verification_email

    return verification_email(name, link, int(account_tokens.LIFETIMES["verify"].total_seconds() // 3600))
