"""The demo seed: enough varied mail for every demo user, seeded once however often we start."""

import asyncio
import re
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI

from aura.mail_service.app import create_app
from aura.mail_service.demo_mail import DemoMailbox, demo_messages
from aura.mail_service.seed import DEMO_MAILBOXES, seed_demo_mail
from aura.mail_service.settings import Settings
from tests.mail_service.mailboxes import rows_of, sessions_of
from tests.support.apps import started

pytestmark = pytest.mark.db

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("demo", DEMO_MAILBOXES, ids=lambda box: f"{box.tenant_id}/{box.user_id}")
async def test_every_demo_user_has_varied_mail(mail_app: FastAPI, demo: DemoMailbox) -> None:
    rows = await rows_of(mail_app, demo.tenant_id, demo.user_id)
    assert len(rows) >= 25
    by_folder = Counter(row.folder for row in rows)
    assert set(by_folder) == {"inbox", "sent", "trash"}
    inbox = [row for row in rows if row.folder == "inbox"]
    assert {row.read for row in inbox} == {True, False}
    assert any(HANGUL.search(row.subject) for row in rows)
    assert any(not HANGUL.search(row.subject) for row in rows)
    assert len({row.sender_address for row in inbox}) >= 4
    domains = {row.sender_address.split("@")[1] for row in inbox}
    assert demo.address.split("@")[1] in domains, "colleagues from the user's own company"
    assert len(domains) >= 2, "and senders from outside"
    assert all(row.sender_address == demo.address for row in rows if row.folder == "sent")
    assert all(row.previous_folder in ("inbox", "sent") for row in rows if row.folder == "trash")
    dates = [row.received_at for row in rows]
    assert all(date.tzinfo is not None and date.utcoffset() == timedelta(0) for date in dates)
    assert max(dates) - min(dates) >= timedelta(days=21)
    assert max(dates) <= datetime.now(UTC)


async def test_a_second_start_seeds_nothing_again(mail_app: FastAPI, database_url: str) -> None:
    before = {
        (box.tenant_id, box.user_id): len(await rows_of(mail_app, box.tenant_id, box.user_id))
        for box in DEMO_MAILBOXES
    }
    settings = Settings(jwt_secret="x" * 40, database_url=database_url)
    async with started(create_app(settings)) as second:
        assert await seed_demo_mail(sessions_of(second)) == 0
    after = {
        (box.tenant_id, box.user_id): len(await rows_of(mail_app, box.tenant_id, box.user_id))
        for box in DEMO_MAILBOXES
    }
    assert after == before


async def test_concurrent_seeding_writes_one_copy(mail_app: FastAPI) -> None:
    suffix = uuid.uuid4().hex[:10]
    box = DemoMailbox(f"tenant-{suffix}", f"user-{suffix}", "Racer", f"r-{suffix}@test.example")
    seeded = await asyncio.gather(*(seed_demo_mail(sessions_of(mail_app), [box]) for _ in range(4)))
    assert sum(seeded) == 1
    rows = await rows_of(mail_app, box.tenant_id, box.user_id)
    assert len(rows) == len(demo_messages(box, [box], datetime.now(UTC)))
    assert len({row.id for row in rows}) == len(rows)


def test_the_same_mailbox_always_gets_the_same_mail() -> None:
    box = DEMO_MAILBOXES[0]
    now = datetime(2026, 1, 16, 12, tzinfo=UTC)
    first = demo_messages(box, list(DEMO_MAILBOXES), now)
    again = demo_messages(box, list(DEMO_MAILBOXES), now)
    assert first == again
    other = demo_messages(DEMO_MAILBOXES[1], list(DEMO_MAILBOXES), now)
    assert [m.subject for m in first] != [m.subject for m in other]
    assert {m.id for m in first}.isdisjoint({m.id for m in other})
