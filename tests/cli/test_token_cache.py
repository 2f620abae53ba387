"""Logins the CLI remembers: per gateway and user, never an expired one, never world-readable."""

import stat
from pathlib import Path

import pytest

from aura.cli.errors import ApiError
from aura.cli.logins import Login, TokenCache
from tests.support.identity import token_for

GATEWAY = "http://127.0.0.1:8080"


def test_a_token_names_who_the_cli_acts_as() -> None:
    login = Login.from_token(token_for("user123", "tenant1"))
    assert (login.user_id, login.tenant_id) == ("user123", "tenant1")
    assert login.expires_at is not None and not login.expired()


def test_something_that_is_not_a_jwt_is_refused_with_a_sentence() -> None:
    with pytest.raises(ApiError, match="not a JWT"):
        Login.from_token("not-a-token")


def test_the_latest_login_for_a_gateway_is_found(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path / "aura" / "tokens.json")
    cache.save(GATEWAY, Login.from_token(token_for("alice", "tenant1")))
    cache.save(GATEWAY, Login.from_token(token_for("bob", "tenant1", "approver")))
    found = cache.find(GATEWAY)
    assert found is not None and found.user_id == "bob"
    named = cache.find(GATEWAY + "/", user="alice")
    assert named is not None and named.user_id == "alice"
    assert cache.find(GATEWAY, user="alice", tenant="default") is None
    assert cache.find("http://elsewhere:8080") is None


def test_logging_in_again_replaces_the_old_token(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path / "tokens.json")
    cache.save(GATEWAY, Login.from_token(token_for("alice", "tenant1", lifetime_seconds=100)))
    newer = Login.from_token(token_for("alice", "tenant1", lifetime_seconds=7200))
    cache.save(GATEWAY, newer)
    assert cache.find(GATEWAY) == newer
    assert (tmp_path / "tokens.json").read_text().count('"userId": "alice"') == 1


def test_expired_tokens_are_not_used(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path / "tokens.json")
    cache.save(GATEWAY, Login.from_token(token_for("alice", "tenant1", lifetime_seconds=-10)))
    assert cache.find(GATEWAY) is None


def test_the_cache_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    TokenCache(path).save(GATEWAY, Login.from_token(token_for()))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_corrupt_cache_is_treated_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text("{not json")
    cache = TokenCache(path)
    assert cache.find(GATEWAY) is None
    cache.save(GATEWAY, Login.from_token(token_for()))
    assert cache.find(GATEWAY) is not None


def test_a_login_is_found_by_its_login_name_too(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path / "tokens.json")
    cache.save(
        GATEWAY, Login.from_token(token_for("user456", "tenant1", "approver")), "seoyeon.lee"
    )
    by_name = cache.find(GATEWAY, user="seoyeon.lee")
    assert by_name is not None and by_name.user_id == "user456"
    assert cache.find(GATEWAY, user="user456") == by_name
