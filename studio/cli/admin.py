"""`studio admin`: manage accounts from the shell (for the first admin of a hosted studio)."""

from __future__ import annotations

import sys

import click

from studio.settings import Settings


@click.group("admin")
def admin() -> None:
    """Create accounts and change roles without the web app."""


@admin.command("create")
@click.argument("email")
@click.option("--name", default="Admin", show_default=True)
@click.option("--role", type=click.Choice(["admin", "producer", "creator"]), default="admin", show_default=True)
@click.option("--tier", type=click.Choice(["free", "pro", "enterprise"]), default="enterprise", show_default=True)
@click.password_option(help="Prompted for (twice, hidden) when not given.")
def create(email: str, name: str, role: str, tier: str, password: str) -> None:
    """Create an account for EMAIL with a role and a tier."""
    from studio.domain.errors import UserError
    from studio.services import accounts, credits
    from studio.store import FilmStore

    store = FilmStore(Settings.from_env().database_url)
    store.migrate()
    try:
        with store.session() as session:
            user = accounts.create_user(session, email, password, name, tier, role=role)
            allowance = credits.tier(tier).monthly_credits
            if allowance:
                credits.credit(session, user.id, allowance, "signup", f"{tier} plan", f"signup:{user.id}")
            click.echo(f"Created {user.email} ({role}, {tier}).")
    except UserError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
