"""Stripe billing: customers, subscriptions, credit lots, refunds, webhook events, ledger links.

Revision ID: 0003_stripe
Revises: 0002_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_stripe"
down_revision = "0002_accounts"
branch_labels = ("stripe",)
depends_on = None


def _user_fk(primary_key: bool = False) -> sa.Column:
    return sa.Column(
        "user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, primary_key=primary_key
    )


def upgrade() -> None:
    op.create_table(
        "billing_customers",
        _user_fk(primary_key=True),
        sa.Column("customer_id", sa.String(255), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "billing_subscriptions",
        sa.Column("id", sa.String(255), primary_key=True),
        _user_fk(),
        sa.Column("interval", sa.String(10), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("cancel_at_period_end", sa.Boolean, nullable=False),
        sa.Column("current_period_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_event_created", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_billing_subscriptions_user_id", "billing_subscriptions", ["user_id"])
    op.create_table(
        "credit_lots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _user_fk(),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("credits", sa.Integer, nullable=False),
        sa.Column("remaining", sa.Integer, nullable=False),
        sa.Column("purchased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stripe_object", sa.String(255), nullable=True, unique=True),
        sa.Column("payment_intent", sa.String(255), nullable=True),
        sa.Column("amount_cents", sa.Integer, nullable=False),
        sa.Column("clawed_back", sa.Integer, nullable=False),
        sa.Column("shortfall", sa.Integer, nullable=False),
        sa.CheckConstraint("remaining >= 0 AND remaining <= credits", name="ck_credit_lots_remaining"),
    )
    op.create_index("ix_credit_lots_user_id", "credit_lots", ["user_id"])
    op.create_index("ix_credit_lots_expires_at", "credit_lots", ["expires_at"])
    op.create_index("ix_credit_lots_payment_intent", "credit_lots", ["payment_intent"])
    op.create_table(
        "stripe_refunds",
        sa.Column("charge_id", sa.String(255), primary_key=True),
        sa.Column("payment_intent", sa.String(255), nullable=True),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("amount_refunded", sa.Integer, nullable=False),
    )
    op.create_index("ix_stripe_refunds_payment_intent", "stripe_refunds", ["payment_intent"])
    op.create_table(
        "stripe_events",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("created", sa.Integer, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(30), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_stripe_events_received_at", "stripe_events", ["received_at"])
    op.create_index("ix_stripe_events_user_id", "stripe_events", ["user_id"])
    op.create_table(
        "ledger_stripe_links",
        sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("stripe_object", sa.String(255), nullable=False),
        sa.Column("event_id", sa.String(255), nullable=True),
    )
    op.create_index("ix_ledger_stripe_links_stripe_object", "ledger_stripe_links", ["stripe_object"])
    op.create_table(
        "credit_lot_uses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ledger_key", sa.String(200), nullable=False),
        sa.Column("lot_id", sa.Integer, sa.ForeignKey("credit_lots.id", ondelete="CASCADE"), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
    )
    op.create_index("ix_credit_lot_uses_ledger_key", "credit_lot_uses", ["ledger_key"])


def downgrade() -> None:
    for table in (
        "credit_lot_uses",
        "ledger_stripe_links",
        "stripe_events",
        "stripe_refunds",
        "credit_lots",
        "billing_subscriptions",
        "billing_customers",
    ):
        op.drop_table(table)
