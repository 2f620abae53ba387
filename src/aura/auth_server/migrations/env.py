from aura.auth_server.models import AuthBase
from aura.kit.migrations import run_migrations

run_migrations(AuthBase.metadata)
