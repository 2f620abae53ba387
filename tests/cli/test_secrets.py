"""How the commands meet secrets: refused in production when unset, one generated file otherwise."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from aura.auth_server.demo_users import DEMO_PASSWORD
from aura.cli.services import SERVICES
from aura.kit.secrets import secret_file
from aura.kit.tokens import decode_token
from tests.support.backends import database_for_tests
from tests.support.system import start_system

AURA = [sys.executable, "-m", "aura.cli"]
REFUSAL = "aura: JWT_SECRET is not set: with ENVIRONMENT=production every service needs"


def _env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("JWT_SECRET", "DATABASE_URL")}
    env.update({"AURA_VAR_DIR": str(var_dir), **extra})
    return env


def _refusal(argv: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr.strip()


def test_aura_up_preflight_refuses_production_without_a_secret(tmp_path: Path) -> None:
    env = _env(tmp_path, ENVIRONMENT="production")
    assert _refusal([*AURA, "up", "--var-dir", str(tmp_path)], env).startswith(REFUSAL)


@pytest.mark.parametrize("service", [spec.name for spec in SERVICES])
def test_every_service_refuses_production_without_a_secret(tmp_path: Path, service: str) -> None:
    env = _env(tmp_path, ENVIRONMENT="production")
    assert _refusal([*AURA, "serve", service], env).startswith(REFUSAL)
    assert not (tmp_path / "secrets").exists()


def test_aura_token_signs_with_the_installs_generated_secret(tmp_path: Path) -> None:
    result = subprocess.run(
        [*AURA, "token", "--user", "user123", "--tenant", "tenant1"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=True,
    )
    secret = secret_file(tmp_path, "JWT_SECRET").read_text().strip()
    assert decode_token(result.stdout.strip(), secret).sub == "user123"


@pytest.mark.e2e
def test_aura_up_without_a_secret_shares_one_generated_secret(redis_url: str) -> None:
    # An empty JWT_SECRET is "not set": development generates one under the var directory.
    with (
        database_for_tests() as database_url,
        start_system(redis_url, database_url, {"JWT_SECRET": ""}) as system,
    ):
        path = secret_file(system.var_dir, "JWT_SECRET")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        login = httpx.post(
            f"{system.gateway}/api/auth/login",
            json={"username": "user123", "password": DEMO_PASSWORD, "tenantId": "tenant1"},
            timeout=30,
        )
        token = login.json()["data"]["accessToken"]
        assert decode_token(token, path.read_text().strip()).sub == "user123"
        headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1"}
        for url in (
            f"{system.gateway}/api/mail/messages?limit=1",
            f"{system.url('mail')}/mail/messages?limit=1",
            f"{system.url('main')}/aura/hitl/requests",
            f"{system.url('auth')}/auth/me",
        ):
            assert httpx.get(url, headers=headers, timeout=30).status_code == 200, url
