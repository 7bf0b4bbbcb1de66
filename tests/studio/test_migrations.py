"""The store's migrations form one line, so every new migration has exactly one parent to revise."""

from alembic.script import ScriptDirectory

from studio.store.migrations.runner import alembic_config


def test_the_migrations_have_a_single_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"more than one migration head: {heads}; revise the newest one instead"
