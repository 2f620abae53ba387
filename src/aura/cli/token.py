"""`aura token --user U --tenant T`: print a signed access token, for scripts and curl.

The user is looked up in the auth server's database so that the token carries the user's real
role, email and name. The database is prepared exactly as the auth server prepares it at start-up
(migrations, demo users), so the command works before the system has ever been started.
"""

import argparse
import asyncio
import sys
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from aura.auth_server.database import prepare_database
from aura.auth_server.errors import UnknownUserError
from aura.auth_server.passwords import Passwords
from aura.auth_server.service import AccountService
from aura.auth_server.settings import Settings
from aura.contracts.identity import Role
from aura.kit.database import open_engine, session_factory
from aura.kit.settings import load_settings
from aura.kit.tokens import MAX_LIFETIME_SECONDS

ROLES: tuple[Role, ...] = ("user", "approver", "admin")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "token",
        help="print an access token for a user",
        description="Print a JWT for a user of the auth database, signed with JWT_SECRET (in "
        "development, unset, the checkout's generated secret that aura up uses), and nothing "
        "else, e.g. TOKEN=$(aura token --user user123 --tenant tenant1). "
        "Reads JWT_SECRET, AURA_VAR_DIR, DATABASE_URL and TOKEN_TTL_SECONDS like the auth server.",
    )
    parser.add_argument("--user", required=True, help="user id or username, e.g. user123")
    parser.add_argument("--tenant", required=True, help="tenant id, e.g. tenant1")
    parser.add_argument(
        "--role", choices=ROLES, default=None, help="role to put in the token (default: the user's)"
    )
    parser.add_argument(
        "--ttl",
        type=_positive_seconds,
        default=None,
        metavar="SECONDS",
        help="lifetime of the token (default: TOKEN_TTL_SECONDS, 3600)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(Settings)
    try:
        token = asyncio.run(mint_token(settings, args.user, args.tenant, args.role, args.ttl))
    except UnknownUserError as exc:
        print(f"aura token: {exc.message}", file=sys.stderr)
        return 1
    except (OSError, SQLAlchemyError) as exc:
        where = make_url(settings.database_url).render_as_string(hide_password=True)
        print(f"aura token: cannot use the auth database {where} ({exc}).", file=sys.stderr)
        return 1
    print(token)
    return 0


async def mint_token(
    settings: Settings,
    user: str,
    tenant: str,
    role: Role | None = None,
    ttl_seconds: int | None = None,
) -> str:
    passwords = await Passwords.create()
    async with open_engine(settings.database_url) as engine:
        await prepare_database(engine, passwords, seed=settings.seed_demo_users)
        accounts = AccountService(
            session_factory(engine), passwords, settings.jwt_secret, settings.token_ttl_seconds
        )
        return await accounts.token_for_user(tenant, user, role, ttl_seconds)


def _positive_seconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the lifetime must be at least 1 second")
    if value > MAX_LIFETIME_SECONDS:
        raise argparse.ArgumentTypeError(
            f"the lifetime must be at most {MAX_LIFETIME_SECONDS} seconds (31 days)"
        )
    return value
