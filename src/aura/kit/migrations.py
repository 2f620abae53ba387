"""What each service's Alembic `env.py` calls: run migrations on the connection it was handed.

A service's `migrations/env.py` is two lines: import its metadata and call `run_migrations`.
"""

from alembic import context
from sqlalchemy import MetaData


def run_migrations(target_metadata: MetaData) -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Migrations run at service start-up, on the service's own connection.")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=config.attributes.get("version_table", "alembic_version"),
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
