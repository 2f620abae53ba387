"""What the auth server refuses to start with, and what it answers once started."""

import httpx
import pytest

from aura.auth_server.app import create_app
from aura.auth_server.settings import Settings
from aura.kit.settings import ConfigurationError, load_settings

SHORT_SECRET = "only-31-bytes-long-0123456789ab"


def test_settings_refuse_a_secret_under_32_bytes() -> None:
    assert len(SHORT_SECRET.encode()) == 31
    with pytest.raises(ConfigurationError) as refused:
        load_settings(Settings, JWT_SECRET=SHORT_SECRET)
    message = str(refused.value)
    assert "JWT_SECRET" in message and "32 bytes" in message
    assert message.count(".") <= 1 and "\n" not in message


def test_the_app_refuses_a_short_secret_that_bypassed_validation(database_url: str) -> None:
    settings = Settings.model_construct(jwt_secret=SHORT_SECRET, database_url=database_url)
    with pytest.raises(ConfigurationError, match="at least 32 bytes"):
        create_app(settings)


def test_a_korean_secret_is_measured_in_bytes() -> None:
    # 11 Hangul syllables are 33 UTF-8 bytes: long enough, though only 11 characters.
    assert load_settings(Settings, JWT_SECRET="가" * 11).jwt_secret == "가" * 11


def test_settings_read_the_port_and_token_lifetime() -> None:
    settings = load_settings(Settings, AUTH_PORT="18001", TOKEN_TTL_SECONDS="60")
    assert (settings.port, settings.token_ttl_seconds) == (18001, 60)
    assert Settings.model_fields["port"].default == 8001
    with pytest.raises(ConfigurationError):
        load_settings(Settings, TOKEN_TTL_SECONDS="0")


@pytest.mark.db
async def test_health(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "healthy"
    assert response.headers["x-request-id"]
