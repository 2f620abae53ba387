"""Redis write access is not approval authority: the agent runs an approved action only when the
record carries Aura's signature of the request it opened and the main service's signature of the
decision and of the exact arguments to run. Every other way of turning a record into `approved`
ends the run, runs nothing and is logged. And an approval made while no live process holds the
run is recorded with an answer that says so (runs are durable: whoever holds the run acts on it)."""

import hashlib
import json
import logging
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from aura.agent.runtime.phrases import say
from aura.contracts.clock import unix_now
from aura.contracts.hitl import request_key
from aura.contracts.runs import owner_key, run_key
from aura.kit.approval_signatures import ApprovalSigner
from aura.main_service.app import create_app as create_main_app
from aura.main_service.settings import Settings as MainSettings
from tests.agent.harness import SseTranscript, decide, read_stream
from tests.agent.items import Journal
from tests.support.apps import asgi_client, started
from tests.support.identity import TEST_JWT_SECRET, auth_headers
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY

pytestmark = pytest.mark.db

DELETE = ("delete_items", {"ids": ["m1", "m3"]})


def open_stream(http: httpx.AsyncClient, url: str) -> Any:
    return http.stream(
        "POST",
        f"{url}/aura/test/stream",
        json={"prompt": "메일 2개를 삭제해주세요"},
        headers={**auth_headers(), "Accept": "text/event-stream"},
    )


async def until_hitl(response: httpx.Response, transcript: SseTranscript) -> dict[str, Any]:
    await read_stream(response, transcript, until=lambda e: e.type == "hitl")
    assert transcript.types()[-1] == "hitl", transcript.types()
    return transcript.events[-1].payload


def sha256_of(params: dict[str, Any]) -> str:
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def rewrite(redis: Redis, request_id: str, **changes: Any) -> None:
    key = request_key(request_id)
    record = json.loads(await redis.get(key)) | changes
    await redis.set(key, json.dumps(record, ensure_ascii=False), keepttl=True)


def decided_now(by: str = "user123") -> dict[str, Any]:
    return {"status": "approved", "decidedBy": by, "decidedAt": unix_now()}


async def forge_status_only(redis: Redis, request_id: str) -> None:
    await rewrite(redis, request_id, **decided_now())


async def forge_new_params(redis: Redis, request_id: str) -> None:
    params = {"ids": ["m1", "m2", "m3", "m4"]}
    await rewrite(redis, request_id, params=params, paramsHash=sha256_of(params), **decided_now())


async def forge_edited_params(redis: Redis, request_id: str) -> None:
    await rewrite(redis, request_id, editedParams={"ids": ["m2", "m4"]}, **decided_now())


async def forge_after_a_real_approval(redis: Redis, request_id: str) -> None:
    """A genuine, signed approval of the proposed ids, then `editedParams` slipped in."""
    await decide(redis, request_id, "approved", publish=False)
    await rewrite(redis, request_id, editedParams={"ids": ["m2", "m4"]})


async def forge_with_another_key(redis: Redis, request_id: str) -> None:
    """Both signatures present, but made with a key that is not the services' key."""
    forger = ApprovalSigner("a key the attacker chose, long enough to pass")
    record = json.loads(await redis.get(request_key(request_id))) | decided_now()
    record["requestSignature"] = forger.sign_request(record)
    record["decisionSignature"] = forger.sign_decision(
        record,
        decision="approved",
        decided_by=record["decidedBy"],
        decided_at=record["decidedAt"],
        arguments=record["params"],
    )
    await redis.set(request_key(request_id), json.dumps(record), keepttl=True)


FORGERIES = {
    "status approved": forge_status_only,
    "new params with a recomputed paramsHash": forge_new_params,
    "editedParams": forge_edited_params,
    "editedParams after a signed approval": forge_after_a_real_approval,
    "signatures made with another key": forge_with_another_key,
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
async def test_a_record_rewritten_in_redis_never_executes(
    start_agent, http, redis, journal: Journal, caplog: pytest.LogCaptureFixture, forgery: str
):
    with caplog.at_level(logging.ERROR, logger="aura.agent.approvals"):
        async with start_agent([[DELETE]]) as agent, open_stream(http, agent.url) as response:
            transcript = SseTranscript()
            hitl = await until_hitl(response, transcript)
            await FORGERIES[forgery](redis, hitl["requestId"])
            await read_stream(response, transcript)  # found by polling: nothing was published

    assert journal.runs == []
    [error] = transcript.of("error")
    assert error.payload["errorType"] == "ApprovalMismatchError"
    assert error.payload["message"] == say("approval_unverified", "ko")
    assert transcript.of("end")[0].payload["status"] == "failed" and transcript.done
    refusals = [m for m in caplog.messages if "refusing the approval" in m]
    assert len(refusals) == 1 and hitl["requestId"] in refusals[0]


async def test_a_signed_approval_runs(start_agent, http, redis, journal: Journal):
    async with start_agent([[DELETE]]) as agent, open_stream(http, agent.url) as response:
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        await decide(redis, hitl["requestId"], "approved", edited={"ids": ["m3"]})
        await read_stream(response, transcript)
    assert journal.of("delete_items") == [{"ids": ["m3"]}]
    assert transcript.of("end")[0].payload["status"] == "completed"


async def test_the_opened_request_is_signed_and_carries_the_tools_edit_policy(
    start_agent, http, redis
):
    async with start_agent([[DELETE]]) as agent, open_stream(http, agent.url) as response:
        hitl = await until_hitl(response, SseTranscript())
        record = json.loads(await redis.get(request_key(hitl["requestId"])))
        await decide(redis, hitl["requestId"], "rejected")
    signer = ApprovalSigner(TEST_APPROVAL_SIGNING_KEY)
    assert signer.request_is_signed(record)
    assert record["editPolicy"] == {"kind": "none"}  # the scripted tool declares none
    assert not signer.request_is_signed(record | {"preview": [{"id": "m9"}]})


async def test_an_approval_while_the_lease_lapsed_is_recorded_and_runs_once(
    start_agent, http, redis, redis_url, database_url, journal: Journal
):
    main_settings = MainSettings(
        jwt_secret=TEST_JWT_SECRET,
        approval_signing_key=TEST_APPROVAL_SIGNING_KEY,
        redis_url=redis_url,
        database_url=database_url,
    )
    approve = {"headers": auth_headers(**{"X-User-ID": "user123"}), "json": {"userId": "user123"}}
    # The agent renews its lease rarely, so deleting the lease key looks like its death.
    async with (
        start_agent(
            [[DELETE]], hitl_poll_seconds=30, run_sweep_seconds=30, run_owner_lease_seconds=60
        ) as agent,
        started(create_main_app(main_settings)) as main,
        asgi_client(main, "http://main") as client,
        open_stream(http, agent.url) as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        owner = await redis.hget(run_key(hitl["runId"]), "owner")
        await redis.delete(owner_key(owner))
        accepted = await client.post(f"/aura/hitl/approve/{hitl['requestId']}", **approve)
        await read_stream(response, transcript)

    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["data"]["runHeld"] is False
    assert "No Aura process holds this run" in accepted.json()["message"]
    assert journal.of("delete_items") == [{"ids": ["m1", "m3"]}]
    assert transcript.of("end")[0].payload["status"] == "completed"
