"""`aura token`: a token for a user of the auth database, printed alone."""

import argparse
import asyncio

import pytest

from aura.auth_server.settings import Settings
from aura.cli import token as token_command
from aura.kit.tokens import decode_token

pytestmark = pytest.mark.db


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="aura")
    token_command.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


@pytest.fixture
def command_env(monkeypatch: pytest.MonkeyPatch, database_url: str, jwt_secret: str) -> None:
    # The command reads its configuration from the environment, like the auth server.
    monkeypatch.setenv("JWT_SECRET", jwt_secret)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("TOKEN_TTL_SECONDS", raising=False)
    monkeypatch.delenv("AUTH_SEED_DEMO_USERS", raising=False)


async def run_command(*argv: str) -> int:
    args = parse("token", *argv)
    # In a thread: the command runs its own event loop, as it does from the shell.
    return int(await asyncio.to_thread(args.func, args))


@pytest.mark.usefixtures("command_env")
async def test_prints_only_a_token_with_the_users_role_and_email(
    capsys: pytest.CaptureFixture[str], jwt_secret: str
) -> None:
    assert await run_command("--user", "user456", "--tenant", "tenant1") == 0
    out, err = capsys.readouterr()
    assert out.endswith("\n") and out.count("\n") == 1
    claims = decode_token(out.strip(), jwt_secret)
    assert (claims.sub, claims.tenant_id, claims.role) == ("user456", "tenant1", "approver")
    assert claims.email == "seoyeon.lee@tenant1.example.com"
    assert claims.exp - claims.iat == 3600
    assert err == ""


@pytest.mark.usefixtures("command_env")
async def test_username_role_override_and_lifetime(
    capsys: pytest.CaptureFixture[str], jwt_secret: str
) -> None:
    argv = ("--user", "jiho.park", "--tenant", "default", "--role", "admin", "--ttl", "120")
    assert await run_command(*argv) == 0
    claims = decode_token(capsys.readouterr().out.strip(), jwt_secret)
    assert (claims.sub, claims.role, claims.exp - claims.iat) == ("user001", "admin", 120)


@pytest.mark.usefixtures("command_env")
@pytest.mark.parametrize(
    ("user", "tenant"), [("nobody", "tenant1"), ("user123", "default"), ("user123", "nowhere")]
)
async def test_an_unknown_user_is_one_sentence_and_exit_code_1(
    capsys: pytest.CaptureFixture[str], user: str, tenant: str
) -> None:
    assert await run_command("--user", user, "--tenant", tenant) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"aura token: There is no user '{user}' in tenant '{tenant}'.\n"


@pytest.mark.parametrize("ttl", ["0", "-5", "soon"])
def test_a_lifetime_that_is_not_a_positive_number_is_refused(ttl: str) -> None:
    with pytest.raises(SystemExit) as refused:
        parse("token", "--user", "user123", "--tenant", "tenant1", "--ttl", ttl)
    assert refused.value.code == 2


async def test_mint_token_takes_settings(database_url: str, jwt_secret: str) -> None:
    settings = Settings(jwt_secret=jwt_secret, database_url=database_url, token_ttl_seconds=90)
    minted = await token_command.mint_token(settings, "user123", "tenant1")
    claims = decode_token(minted, jwt_secret)
    assert (claims.sub, claims.role, claims.exp - claims.iat) == ("user123", "user", 90)
