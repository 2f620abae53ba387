"""Durable runs with real processes: a paused run survives the death of its Aura process (and of
one of two replicas), approved actions run exactly once even when the process dies between the
ledger's claim and the mail service's answer, and runs waiting at the gate ride out a Redis
restart. Every check counts what really happened in the mail database."""

import asyncio
import random
import signal

import httpx
import pytest
from redis.asyncio import Redis

from tests.agent.harness import SseTranscript
from tests.e2e.durable import (
    DELETE_SELECTED,
    Paused,
    Person,
    decide,
    kill,
    mail_ids,
    pause,
    rest_of,
    service_pids,
    sign_in,
    until_healthy,
)
from tests.support.backends import database_for_tests
from tests.support.mail_database import folders_by_id, mail_database_url
from tests.support.restartable_redis import restartable_redis
from tests.support.system import RunningSystem, start_system

pytestmark = [pytest.mark.e2e, pytest.mark.db]

# A process that dies is taken over three seconds later (its lease), not fifteen.
DURABLE = {"RUN_OWNER_LEASE_SECONDS": "3", "HITL_TIMEOUT_SECONDS": "300"}
USERS = [
    ("user123", "tenant1"),
    ("seoyeon.lee", "tenant1"),
    ("jiho.park", "default"),
    ("sujin.choi", "default"),
    ("alice", "acme"),
    ("bob", "acme"),
]


@pytest.fixture
async def http():
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0), limits=limits) as client:
        yield client


async def pause_deletes(
    http: httpx.AsyncClient, system: RunningSystem, people: list[Person], per_person: int
) -> list[Paused]:
    """One run per mail, each deleting one mail of its own (selected on the page)."""
    runs = []
    for person in people:
        for mail_id in (await mail_ids(http, system, person, "inbox"))[:per_person]:
            runs.append(
                await pause(http, system, person, DELETE_SELECTED, {"selectedItemIds": [mail_id]})
            )
    assert all(len(run.params["ids"]) == 1 for run in runs)  # type: ignore[arg-type]
    return runs


async def mailboxes(system: RunningSystem, people: list[Person]) -> dict[str, dict[str, str]]:
    database = mail_database_url(system.env, system.var_dir)
    return {p.user_id: await folders_by_id(database, p.tenant, p.user_id) for p in people}


def assert_deleted_once(
    runs: list[Paused], before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]
) -> None:
    """Every approved mail is in the trash, nothing else moved, and no row was added."""
    wanted = {(run.person.user_id, run.params["ids"][0]) for run in runs}  # type: ignore[index]
    for user_id, folders in after.items():
        assert folders.keys() == before[user_id].keys()  # no row added or lost
        moved = {m for m, folder in folders.items() if folder != before[user_id][m]}
        assert {(user_id, m) for m in moved} == {w for w in wanted if w[0] == user_id}
        assert all(folders[m] == "trash" for m in moved)


def assert_completed(transcript: SseTranscript) -> None:
    last = [event.payload for event in transcript.events[-4:]]
    assert transcript.events[-1].payload == {"status": "completed"}, last


def assert_ran_once(transcript_types: list[str]) -> None:
    # Never twice in the log. A step that finished just before its process was killed can be
    # missing from the log (its output is kept in the checkpoint and not run again), so the
    # mail database check is what proves "once".
    assert transcript_types.count("tool_execution") <= 1


async def test_runs_paused_when_the_agent_is_killed_finish_once(redis_url: str, http) -> None:
    with (
        database_for_tests() as database_url,
        start_system(redis_url, database_url, DURABLE) as system,
    ):
        people = [await sign_in(http, system, *user) for user in USERS[:2]]
        runs = await pause_deletes(http, system, people, 10)
        before = await mailboxes(system, people)
        [agent] = service_pids(system, "agent")
        kill(agent)
        # Half decided while no process holds the runs, half once the agent is back.
        while_down = [await decide(http, system, run) for run in runs[:10]]
        await until_healthy(http, system.url("agent"))
        after_back = [await decide(http, system, run) for run in runs[10:]]
        transcripts = await asyncio.gather(*(rest_of(http, system, run) for run in runs))
        after = await mailboxes(system, people)
        log = system.log_text()

    assert [a.status_code for a in while_down + after_back] == [200] * 20
    for transcript in transcripts:
        assert_completed(transcript)
        assert_ran_once(transcript.types())
    assert_deleted_once(runs, before, after)
    assert "resuming it" in log and "agent exited with code -9" in log


async def test_two_replicas_one_killed_halfway_every_run_finishes_once(
    redis_url: str, http
) -> None:
    with (
        database_for_tests() as database_url,
        start_system(redis_url, database_url, {**DURABLE, "AGENT_REPLICAS": "2"}) as system,
    ):
        people = [await sign_in(http, system, *user) for user in USERS]
        runs = await pause_deletes(http, system, people, 17)
        before = await mailboxes(system, people)
        order = random.sample(runs, len(runs))
        answers = [await decide(http, system, run) for run in order[: len(order) // 2]]
        kill(random.choice(service_pids(system, "agent")))
        answers += [await decide(http, system, run) for run in order[len(order) // 2 :]]
        transcripts = await asyncio.gather(*(rest_of(http, system, run) for run in runs))
        after = await mailboxes(system, people)

    assert len(runs) == 102
    assert [a.status_code for a in answers] == [200] * len(runs)
    for transcript in transcripts:
        assert_completed(transcript)
        assert_ran_once(transcript.types())
    assert_deleted_once(runs, before, after)


async def ledger_claimed(redis: Redis, request_id: str) -> None:
    while await redis.get(f"aura:hitl:execution:{request_id}") != "running":
        await asyncio.sleep(0.02)


async def crash_between_claim_and_answer(
    http: httpx.AsyncClient, system: RunningSystem, run: Paused
) -> httpx.Response:
    """Freeze the mail service, approve, and kill the agent once it has claimed the action in
    its ledger (the mail call is then on its way or in the mail service's hands)."""
    [mail] = service_pids(system, "mail")
    [agent] = service_pids(system, "agent")
    kill(mail, signal.SIGSTOP)
    try:
        async with Redis.from_url(system.env["REDIS_URL"], decode_responses=True) as redis:
            approved = await decide(http, system, run)
            await asyncio.wait_for(ledger_claimed(redis, run.request_id), 30)
            kill(agent)
    finally:
        kill(mail, signal.SIGCONT)
    return approved


async def test_an_approved_delete_runs_once_when_the_agent_dies_mid_call(
    redis_url: str, http
) -> None:
    with (
        database_for_tests() as database_url,
        start_system(redis_url, database_url, DURABLE) as system,
    ):
        [person] = [await sign_in(http, system, *USERS[0])]
        [run] = await pause_deletes(http, system, [person], 1)
        before = await mailboxes(system, [person])
        approved = await crash_between_claim_and_answer(http, system, run)
        transcript = await rest_of(http, system, run)
        after = await mailboxes(system, [person])

    assert approved.status_code == 200
    assert transcript.events[-1].payload == {"status": "completed"}
    assert_deleted_once([run], before, after)


async def test_an_approved_send_is_sent_once_when_the_agent_dies_mid_call(
    redis_url: str, http
) -> None:
    subject = f"회의 자료 {random.randrange(10**8)}"
    prompt = (
        f"seoyeon.lee@tenant1.example.com 에게 제목: {subject}, 내용: 자료 보내드립니다 메일 보내줘"
    )
    with (
        database_for_tests() as database_url,
        start_system(redis_url, database_url, DURABLE) as system,
    ):
        sender = await sign_in(http, system, "user123", "tenant1")
        recipient = await sign_in(http, system, "seoyeon.lee", "tenant1")
        run = await pause(http, system, sender, prompt)
        assert run.params["subject"] == subject, run.params
        approved = await crash_between_claim_and_answer(http, system, run)
        transcript = await rest_of(http, system, run)
        received = await http.get(
            f"{system.gateway}/api/mail/messages",
            params={"q": subject, "folder": "inbox"},
            headers=recipient.headers,
        )
        sent = await http.get(
            f"{system.gateway}/api/mail/messages",
            params={"q": subject, "folder": "sent"},
            headers=sender.headers,
        )

    assert approved.status_code == 200
    assert transcript.events[-1].payload == {"status": "completed"}
    assert received.json()["data"]["total"] == 1  # one mail in the recipient's inbox
    assert sent.json()["data"]["total"] == 1


async def test_runs_waiting_at_the_gate_ride_out_a_redis_restart(http) -> None:
    with (
        restartable_redis() as server,
        database_for_tests() as database_url,
        start_system(server.url, database_url, DURABLE) as system,
    ):
        people = [await sign_in(http, system, *USERS[0])]
        runs = await pause_deletes(http, system, people, 3)
        before = await mailboxes(system, people)
        server.stop()
        refused = await decide(http, system, runs[0])
        await asyncio.sleep(2)  # down for a few seconds in all
        server.start()
        answers = [await decide(http, system, run) for run in runs]
        transcripts = await asyncio.gather(*(rest_of(http, system, run) for run in runs))
        after = await mailboxes(system, people)

    assert refused.status_code == 503, refused.text
    assert refused.json()["errorCode"] == "E5002" and refused.headers["Retry-After"]
    assert [a.status_code for a in answers] == [200, 200, 200]
    for transcript in transcripts:
        assert_completed(transcript)
        assert_ran_once(transcript.types())
    assert_deleted_once(runs, before, after)
