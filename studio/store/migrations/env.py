"""Alembic environment: migrations run on the connection handed over by `runner.upgrade_to_head`."""

from alembic import context

from studio.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
