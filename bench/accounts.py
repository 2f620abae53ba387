"""Users of their own for a benchmark: N accounts in the auth database (one shared password
hash, so that seeding costs one argon2 hash) and a seeded demo mailbox for each."""

from datetime import UTC, datetime

from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import async_sessionmaker

from aura.auth_server.repository import UserRepository
from aura.kit.database import open_engine
from aura.mail_service.demo_mail import DemoMailbox
from aura.mail_service.seed import seed_mailbox

PASSWORD = "bench-password-1234"


def user_id(index: int) -> str:
    return f"bench{index:05d}"


async def create_accounts(
    auth_database_url: str, mail_database_url: str, tenant: str, count: int
) -> list[str]:
    password_hash = PasswordHasher().hash(PASSWORD)
    users = [user_id(index) for index in range(count)]
    async with open_engine(auth_database_url) as engine:
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        async with sessions.begin() as session:
            await UserRepository(session).insert_missing(
                [
                    {
                        "tenant_id": tenant,
                        "user_id": user,
                        "username": user,
                        "email": f"{user}@{tenant}.example",
                        "display_name": f"Bench {user}",
                        "role": "user",
                        "password_hash": password_hash,
                    }
                    for user in users
                ]
            )
    mailboxes = [
        DemoMailbox(tenant, user, f"Bench {user}", f"{user}@{tenant}.example") for user in users
    ]
    async with open_engine(mail_database_url) as engine:
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        now = datetime.now(UTC)
        for mailbox in mailboxes:
            await seed_mailbox(sessions, mailbox, [mailbox], now)
    return users
