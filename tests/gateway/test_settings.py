"""Timeouts that outlast the HITL wait (docs/gateway.md#timeouts), and the rest of the
configuration."""

import pytest

from aura.gateway.routing import Upstream
from aura.gateway.settings import Settings
from aura.kit.settings import ConfigurationError, load_settings
from tests.support.identity import TEST_JWT_SECRET


def test_defaults_outlast_heartbeat_and_hitl_wait() -> None:
    settings = Settings(jwt_secret=TEST_JWT_SECRET)
    assert settings.port == 8080
    assert settings.connect_timeout_seconds == 10
    assert settings.read_timeout > settings.sse_heartbeat_seconds
    assert settings.total_timeout > settings.hitl_timeout_seconds
    assert settings.max_body_bytes == 256 * 1024
    assert settings.cors_origins == ["http://localhost:4200"]
    assert settings.upstream_urls()[Upstream.AGENT] == ["http://127.0.0.1:9000"]
    assert settings.upstream_keepalive_seconds < 75  # below `aura serve`'s keep-alive


def test_an_upstream_url_may_list_replicas() -> None:
    settings = Settings(
        jwt_secret=TEST_JWT_SECRET, agent_url="http://127.0.0.1:9000/, http://127.0.0.1:9010"
    )
    assert settings.upstream_urls()[Upstream.AGENT] == [
        "http://127.0.0.1:9000",
        "http://127.0.0.1:9010",
    ]


def test_derived_timeouts_follow_the_hitl_and_heartbeat_settings() -> None:
    settings = Settings(
        jwt_secret=TEST_JWT_SECRET, hitl_timeout_seconds=900, sse_heartbeat_seconds=30
    )
    assert settings.read_timeout == 120
    assert settings.total_timeout > 900


def test_origins_are_comma_separated() -> None:
    settings = Settings(
        jwt_secret=TEST_JWT_SECRET, cors_allowed_origins="http://a.test, http://b.test,"
    )
    assert settings.cors_origins == ["http://a.test", "http://b.test"]


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"read_timeout_seconds": 10, "sse_heartbeat_seconds": 15}, "GATEWAY_READ_TIMEOUT_SECONDS"),
        (
            {"total_timeout_seconds": 300, "hitl_timeout_seconds": 300},
            "GATEWAY_TOTAL_TIMEOUT_SECONDS",
        ),
    ],
)
def test_a_timeout_that_would_cut_a_waiting_run_is_refused(
    overrides: dict[str, float], named: str
) -> None:
    with pytest.raises(ConfigurationError, match=named):
        load_settings(Settings, jwt_secret=TEST_JWT_SECRET, **overrides)


def test_streams_get_their_own_much_longer_lifetime() -> None:
    settings = Settings(jwt_secret=TEST_JWT_SECRET)
    assert settings.max_stream_lifetime is not None
    assert settings.max_stream_lifetime >= 3600 > settings.total_timeout
    unbounded = Settings(jwt_secret=TEST_JWT_SECRET, max_stream_seconds=0)
    assert unbounded.max_stream_lifetime is None


def test_a_stream_lifetime_that_would_cut_a_waiting_run_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="GATEWAY_MAX_STREAM_SECONDS"):
        load_settings(Settings, jwt_secret=TEST_JWT_SECRET, max_stream_seconds=300)
