"""Alembic environment of the mail service: its own metadata, run on the start-up connection."""

from aura.kit.migrations import run_migrations
from aura.mail_service.models import MailBase

run_migrations(MailBase.metadata)
