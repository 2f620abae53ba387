"""Named secrets: refused when missing in production, generated once per install in development."""

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from aura.kit.secrets import SecretError, resolve_secret, secret_file
from aura.kit.settings import ConfigurationError, ServiceSettings, load_settings
from tests.support.identity import TEST_JWT_SECRET


def test_production_without_the_secret_refuses_in_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as refused:
        load_settings(ServiceSettings, ENVIRONMENT="production", AURA_VAR_DIR=str(tmp_path))
    message = str(refused.value)
    assert message.startswith("JWT_SECRET is not set: with ENVIRONMENT=production")
    assert message.count(". ") == 0 and "\n" not in message
    assert not (tmp_path / "secrets").exists()


def test_production_takes_the_secret_it_is_given(tmp_path: Path) -> None:
    settings = load_settings(
        ServiceSettings,
        ENVIRONMENT="Production",
        JWT_SECRET=TEST_JWT_SECRET,
        AURA_VAR_DIR=str(tmp_path),
    )
    assert settings.production and settings.jwt_secret == TEST_JWT_SECRET


def test_the_once_published_default_is_refused_everywhere(tmp_path: Path) -> None:
    for environment in ("development", "production"):
        with pytest.raises(ConfigurationError, match="published in the Aura source"):
            load_settings(
                ServiceSettings,
                ENVIRONMENT=environment,
                JWT_SECRET="aura-development-secret-change-me-in-production",
                AURA_VAR_DIR=str(tmp_path),
            )


def test_development_generates_one_private_secret_per_install(tmp_path: Path) -> None:
    first = load_settings(ServiceSettings, AURA_VAR_DIR=str(tmp_path)).jwt_secret
    again = load_settings(ServiceSettings, AURA_VAR_DIR=str(tmp_path)).jwt_secret
    other_install = load_settings(ServiceSettings, AURA_VAR_DIR=str(tmp_path / "other")).jwt_secret
    assert first == again != other_install
    assert len(first.encode()) >= 32
    path = secret_file(tmp_path, "JWT_SECRET")
    assert path == tmp_path / "secrets" / "jwt_secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_processes_racing_to_create_the_secret_all_get_the_same_one(tmp_path: Path) -> None:
    def resolve(_: int) -> str:
        return resolve_secret("HITL_SIGNING_KEY", None, environment="development", var_dir=tmp_path)

    with ThreadPoolExecutor(max_workers=16) as pool:
        values = set(pool.map(resolve, range(64)))
    assert len(values) == 1
    assert [p.name for p in (tmp_path / "secrets").iterdir()] == ["hitl_signing_key"]


def test_a_truncated_secret_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = secret_file(tmp_path, "JWT_SECRET")
    path.parent.mkdir(parents=True)
    path.write_text("short\n")
    with pytest.raises(SecretError, match=f"JWT_SECRET is 5 bytes long \\(read from {path}\\)"):
        resolve_secret("JWT_SECRET", "", environment="development", var_dir=tmp_path)


def test_the_source_holds_no_default_secret() -> None:
    assert ServiceSettings.model_fields["jwt_secret"].default == ""
