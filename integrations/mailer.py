"""Outgoing email through SMTP (`smtplib`): verification links, password resets, notifications.

Configured by `studio.settings.SmtpSettings` (STUDIO_SMTP_HOST/_PORT/_USERNAME/_PASSWORD/_TLS/_FROM).
Without it `Mailer.configured` is False and `send` raises `EmailNotConfigured`, which callers turn
into "email not configured" rather than a failure. An SMTP server that is down or refuses raises
`EmailFailed` with a message fit for a log; the password is never logged.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # integrations stay free of the studio package at run time
    from studio.settings import SmtpSettings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10.0  # a stalled server must not hold a web request for long


class EmailNotConfigured(RuntimeError):
    """No STUDIO_SMTP_HOST is set."""


class EmailFailed(RuntimeError):
    """The SMTP server could not be reached or refused the message."""


class Mailer:
    """Sends plain-text messages through one SMTP server."""

    def __init__(self, smtp: SmtpSettings | None) -> None:
        self.smtp = smtp

    @property
    def configured(self) -> bool:
        return self.smtp is not None

    def send(self, to: str, subject: str, body: str) -> str:
        """Send one message; returns its Message-ID."""
        if self.smtp is None:
            raise EmailNotConfigured("Email is not configured (set STUDIO_SMTP_HOST).")
        smtp = self.smtp
        message = EmailMessage()
        message["From"] = formataddr(("Film Studio", smtp.sender))
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2] or None)
        message.set_content(body)
        try:
            if smtp.tls == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    smtp.host, smtp.port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS)
            with client:
                if smtp.tls == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if smtp.username:
                    client.login(smtp.username, smtp.password)
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            # The recipient is personal data and the password a secret: log the server and the reason only.
            log.error("email to the SMTP server %s:%s failed: %s", smtp.host, smtp.port, error)
            raise EmailFailed(
                f"The mail server {smtp.host}:{smtp.port} could not send the message ({error})."
            ) from error
        return str(message["Message-ID"])


def verification_email(name: str, link: str, hours: int) -> tuple[str, str]:
    return (
        "Confirm your Film Studio email",
        f"Hello {name},\n\nConfirm your email to finish signing up and receive your free credits:\n\n"
        f"{link}\n\nThe link works once and expires in {hours} hours. If you did not sign up, ignore this email.\n",
    )


def existing_account_email(link: str) -> tuple[str, str]:
    """Sent instead of a verification when someone signs up with an address that already has an account."""
    return (
        "Someone tried to sign up with your email",
        "Someone (perhaps you) tried to create a Film Studio account with this email, which already has one.\n\n"
        f"If it was you, sign in, or reset your password here:\n\n{link}\n\nOtherwise you can ignore this email.\n",
    )


def reset_email(name: str, link: str, minutes: int) -> tuple[str, str]:
    return (
        "Reset your Film Studio password",
        f"Hello {name},\n\nChoose a new password here:\n\n{link}\n\n"
        f"The link works once and expires in {minutes} minutes. If you did not ask for it, ignore this email; "
        "your password is unchanged.\n",
    )


def notify_film_ready(mailer: Mailer, to: str, title: str, link: str) -> bool:
    """Tell a creator their film is rendered. Returns False (and logs) when email is off or down:
    a notification never fails the render that triggered it."""
    return _notify(
        mailer,
        to,
        f"Your film “{title}” is ready",
        f"Your film “{title}” has finished rendering. Watch it here:\n\n{link}\n",
    )


def notify_low_balance(mailer: Mailer, to: str, balance: int, link: str) -> bool:
    """Tell a creator their credits are running low (the billing page calls this under 5 credits)."""
    return _notify(
        mailer,
        to,
        "Your Film Studio credits are running low",
        f"You have {balance} credit{'s' if balance != 1 else ''} left. Top up or change plan here:\n\n{link}\n",
    )


def _notify(mailer: Mailer, to: str, subject: str, body: str) -> bool:
    try:
        mailer.send(to, subject, body)
    except EmailNotConfigured:
        log.info("email not configured: '%s' was not sent", subject)
        return False
    except EmailFailed:
        return False  # already logged with the reason
    return True
