"""Production management: projects and members, approvals, script versions, an append-only audit log.

Existing films get their current script as version 1. The audit log refuses UPDATE and DELETE
with a trigger on SQLite and on PostgreSQL (and TRUNCATE there).

Revision ID: 0007_production
Revises: 0006_renders_survive
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_production"
down_revision = "0006_renders_survive"
branch_labels = None
depends_on = None

APPEND_ONLY = "audit_log is append-only: entries cannot be changed or deleted"


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("created_by", sa.String(32), nullable=True),
        sa.Column("organisation_id", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_projects_organisation_id", "projects", ["organisation_id"])
    op.create_table(
        "project_members",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.String(32), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("project_id", "user_id"),
    )
    op.create_index("ix_project_members_project_id", "project_members", ["project_id"])
    op.create_index("ix_project_members_user_id", "project_members", ["user_id"])
    op.create_table(
        "project_films",
        sa.Column("film_id", sa.String(32), sa.ForeignKey("films.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("project_id", sa.String(32), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_project_films_project_id", "project_films", ["project_id"])
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("film_id", sa.String(32), sa.ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_kind", sa.String(20), nullable=False),
        sa.Column("item_key", sa.String(120), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("snapshot", sa.JSON, nullable=False),
        sa.Column("requested_by", sa.String(32), nullable=True),
        sa.Column("request_note", sa.Text, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(32), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text, nullable=False),
    )
    op.create_index("ix_approvals_film_id", "approvals", ["film_id"])
    op.create_table(
        "script_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("film_id", sa.String(32), sa.ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("script", sa.Text, nullable=False),
        sa.Column("script_format", sa.String(20), nullable=False),
        sa.Column("author_id", sa.String(32), nullable=True),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("film_id", "number"),
    )
    op.create_index("ix_script_versions_film_id", "script_versions", ["film_id"])
    op.execute(
        "INSERT INTO script_versions (film_id, number, script, script_format, author_id, note, created_at) "
        "SELECT id, 1, script, script_format, owner_id, 'before version history', updated_at FROM films"
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=True),
        sa.Column("actor_email", sa.String(320), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("target_kind", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("film_id", sa.String(32), nullable=True),
        sa.Column("project_id", sa.String(32), nullable=True),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_film_id", "audit_log", ["film_id"])
    op.create_index("ix_audit_log_project_id", "audit_log", ["project_id"])
    # The right to erasure: an account deletion redacts the entries about that person (studio/services/privacy.py).
    op.create_table("audit_erasures", sa.Column("id", sa.Integer, primary_key=True, autoincrement=True))
    if op.get_bind().dialect.name == "postgresql":
        # Rows change only inside an erasure (an account deletion's transaction holds a row in
        # audit_erasures, which no other transaction sees until it commits, and it deletes it first).
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF TG_OP <> 'TRUNCATE' AND EXISTS (SELECT 1 FROM audit_erasures) THEN "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
            f"RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"WHEN NOT EXISTS (SELECT 1 FROM audit_erasures) BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
    for table in (
        "audit_erasures",
        "audit_log",
        "script_versions",
        "approvals",
        "project_films",
        "project_members",
        "projects",
    ):
        op.drop_table(table)
