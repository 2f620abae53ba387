"""Alembic environment of the main service: its own tables, its own version table."""

from aura.kit.migrations import run_migrations
from aura.main_service.models import MainBase

run_migrations(MainBase.metadata)
