"""Approve and reject (docs/contract.md#main-service): the seed's flow, edits, replays, refusals.

Every refusal also checks that Redis (the request record, the signal key) and the database (the
audit log) are exactly as they were before the call.
"""

import json
import time

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.hitl import EditPolicy, request_key, signal_key
from aura.main_service.repository import AuditRepository
from tests.main_service.channel import listening
from tests.main_service.pending import assert_untouched
from tests.support.hitl import new_request_id, write_pending
from tests.support.identity import auth_headers
from tests.support.signing import test_signer

pytestmark = pytest.mark.db

SEED_HEADERS = {"X-User-ID": "user123", "Content-Type": "application/json"}


def approve_url(request_id: str) -> str:
    return f"/aura/hitl/approve/{request_id}"


def reject_url(request_id: str) -> str:
    return f"/aura/hitl/reject/{request_id}"


async def test_the_seed_approval(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    async with listening(redis, pending.session_id) as channel:
        before = int(time.time())
        response = await client.post(
            approve_url(pending.request_id),
            headers=auth_headers(**SEED_HEADERS),
            content=json.dumps({"userId": "user123"}),
        )
        published = await channel.published()

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "SUCCESS" and body["success"] is True
    assert body["data"] == {
        "requestId": pending.request_id,
        "sessionId": pending.session_id,
        "status": "approved",
    }
    assert list(body) == ["status", "message", "data", "success", "timestamp"]
    assert list(body["data"]) == ["requestId", "sessionId", "status"]
    assert len(published) == 1
    signal = published[0]
    assert list(signal) == ["type", "requestId", "status", "timestamp"]
    assert signal["type"] == "approval" and signal["status"] == "approved"
    assert signal["requestId"] == pending.request_id
    assert type(signal["timestamp"]) is int and signal["timestamp"] >= before

    stored = await redis.get(signal_key(pending.session_id))
    assert json.loads(stored) == signal
    assert 0 < await redis.ttl(signal_key(pending.session_id)) <= 300

    record = json.loads(await redis.get(request_key(pending.request_id)))
    original = json.loads(pending.text)
    assert record["status"] == "approved"
    assert record["decidedBy"] == "user123" and record["decidedAt"] == signal["timestamp"]
    assert "editedParams" not in record
    # Everything Aura wrote is kept exactly (nulls and empty lists included), TTL too.
    assert {key: record[key] for key in original if key != "status"} == {
        key: value for key, value in original.items() if key != "status"
    }
    assert 1700 < await redis.ttl(request_key(pending.request_id)) <= 1800

    query = await client.get(f"/aura/hitl/signals/{pending.session_id}", headers=auth_headers())
    envelope = query.json()
    assert query.status_code == 200
    assert envelope["status"] == "SUCCESS" and envelope["success"] is True
    assert isinstance(envelope["data"], str) and json.loads(envelope["data"]) == signal
    assert isinstance(envelope["timestamp"], str) and envelope["message"] == "Signal retrieved"

    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.decision == "approved" and entry.decided_by == "user123"
    assert entry.session_id == pending.session_id and entry.run_id == pending.record.run_id
    assert entry.original_params == pending.record.params and entry.edited_params is None
    assert entry.created_at.tzinfo is not None and entry.decided_at.tzinfo is not None
    assert int(entry.decided_at.timestamp()) == signal["timestamp"]
    assert int(entry.created_at.timestamp()) == pending.record.created_at


async def test_rejection_without_a_reason_carries_the_default_one(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    async with listening(redis, pending.session_id) as channel:
        response = await client.post(
            reject_url(pending.request_id),
            headers=auth_headers(**SEED_HEADERS),
            json={"userId": "user123"},
        )
        [signal] = await channel.published()

    assert response.status_code == 200, response.text
    assert response.json()["data"] == {
        "requestId": pending.request_id,
        "sessionId": pending.session_id,
        "status": "rejected",
        "reason": "사용자 거절",
    }
    assert list(signal) == ["type", "requestId", "status", "reason", "timestamp"]
    assert signal["type"] == "rejection" and signal["status"] == "rejected"
    assert signal["reason"] == "사용자 거절"
    # Korean is stored as is, not \u-escaped, like the seed's example.
    assert "사용자 거절" in await redis.get(signal_key(pending.session_id))
    record = json.loads(await redis.get(request_key(pending.request_id)))
    assert record["status"] == "rejected" and record["reason"] == "사용자 거절"
    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.decision == "rejected" and entry.reason == "사용자 거절"


async def test_rejection_reason_and_approval_comment_are_recorded(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    rejected = await write_pending(redis)
    approved = await write_pending(redis)
    headers = auth_headers(**SEED_HEADERS)
    reason = "중요한 메일이 포함되어 있습니다"
    first = await client.post(
        reject_url(rejected.request_id),
        headers=headers,
        json={"userId": "user123", "reason": reason},
    )
    second = await client.post(
        approve_url(approved.request_id),
        headers=headers,
        json={"userId": "user123", "comment": "checked the senders"},
    )
    assert first.status_code == 200 and first.json()["data"]["reason"] == reason
    assert json.loads(await redis.get(signal_key(rejected.session_id)))["reason"] == reason
    assert second.status_code == 200
    assert json.loads(await redis.get(request_key(approved.request_id)))["comment"] == (
        "checked the senders"
    )
    [entry] = await audit.entries("tenant1", request_id=approved.request_id)
    assert entry.comment == "checked the senders" and entry.reason is None


async def test_edited_params_are_signalled_and_recorded(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    edited = {"ids": ["msg-a"], "folder": None}
    async with listening(redis, pending.session_id) as channel:
        response = await client.post(
            approve_url(pending.request_id),
            headers=auth_headers(**SEED_HEADERS),
            json={"userId": "user123", "params": edited},
        )
        [signal] = await channel.published()

    assert response.status_code == 200, response.text
    assert signal["params"] == edited and signal["type"] == "approval"
    record = json.loads(await redis.get(request_key(pending.request_id)))
    assert record["editedParams"] == edited
    assert record["params"] == pending.record.params
    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.edited_params == edited and entry.original_params == pending.record.params


async def test_approving_the_proposed_params_unchanged_is_not_an_edit(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    pending = await write_pending(redis)
    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123", "params": pending.record.params},
    )
    assert response.status_code == 200
    assert "params" not in json.loads(await redis.get(signal_key(pending.session_id)))
    assert "editedParams" not in json.loads(await redis.get(request_key(pending.request_id)))


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"ids": []}, "params.ids"),
        ({"ids": ["msg-a", 7]}, "params.ids[1]"),
        ({"folder": "trash"}, "params"),
        ({"ids": ["msg-a"], "everything": True}, "params"),
    ],
)
async def test_edited_params_that_break_the_schema_are_refused(
    client: httpx.AsyncClient,
    redis: Redis,
    audit: AuditRepository,
    params: dict[str, object],
    field: str,
) -> None:
    pending = await write_pending(redis)
    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123", "params": params},
    )
    body = response.json()
    assert response.status_code == 400 and body["errorCode"] == "E4000"
    assert body["success"] is False and field in [problem["field"] for problem in body["errors"]]
    await assert_untouched(redis, audit, pending)


async def test_the_same_decision_again_is_an_idempotent_409(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    headers = auth_headers(**SEED_HEADERS)
    async with listening(redis, pending.session_id) as channel:
        first = await client.post(
            approve_url(pending.request_id), headers=headers, json={"userId": "user123"}
        )
        record_after_first = await redis.get(request_key(pending.request_id))
        again = await client.post(
            approve_url(pending.request_id), headers=headers, json={"userId": "user123"}
        )
        published = await channel.published()

    assert first.status_code == 200
    body = again.json()
    assert again.status_code == 409
    assert body["status"] == "SUCCESS" and body["success"] is True
    assert body["message"] == "already processed"
    assert body["data"] == first.json()["data"]
    assert len(published) == 1
    assert await redis.get(request_key(pending.request_id)) == record_after_first
    assert len(await audit.entries("tenant1", request_id=pending.request_id)) == 1


async def test_the_opposite_decision_is_refused(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    headers = auth_headers(**SEED_HEADERS)
    async with listening(redis, pending.session_id) as channel:
        await client.post(
            reject_url(pending.request_id), headers=headers, json={"userId": "user123"}
        )
        signal_after_reject = await redis.get(signal_key(pending.session_id))
        record_after_reject = await redis.get(request_key(pending.request_id))
        response = await client.post(
            approve_url(pending.request_id), headers=headers, json={"userId": "user123"}
        )
        published = await channel.published()

    body = response.json()
    assert response.status_code == 409 and body["errorCode"] == "E3002"
    assert body["success"] is False and "rejected" in body["message"]
    assert len(published) == 1 and published[0]["type"] == "rejection"
    assert await redis.get(signal_key(pending.session_id)) == signal_after_reject
    assert await redis.get(request_key(pending.request_id)) == record_after_reject
    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.decision == "rejected"


async def test_a_replay_completes_an_audit_row_the_first_call_could_not_write(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    decided = json.loads(pending.text) | {
        "status": "approved",
        "decidedBy": "user123",
        "decidedAt": int(time.time()),
    }
    # Decided by this service (signed) but its audit row was never written.
    decided["decisionSignature"] = test_signer.sign_decision(
        decided,
        decision="approved",
        decided_by="user123",
        decided_at=decided["decidedAt"],
        arguments=decided["params"],
    )
    await redis.set(request_key(pending.request_id), json.dumps(decided), keepttl=True)
    assert await audit.has_entry(pending.request_id) is False

    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123"},
    )
    assert response.status_code == 409 and response.json()["success"] is True
    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.decided_by == "user123" and entry.decision == "approved"


@pytest.mark.parametrize("status", ["approved", "rejected"])
async def test_a_decision_written_in_redis_is_never_acknowledged_or_audited(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository, status: str
) -> None:
    pending = await write_pending(redis)
    forged = json.loads(pending.text) | {
        "status": status,
        "decidedBy": "user123",
        "decidedAt": int(time.time()),
    }
    text = json.dumps(forged)
    await redis.set(request_key(pending.request_id), text, keepttl=True)

    response = await client.post(
        f"/aura/hitl/{'approve' if status == 'approved' else 'reject'}/{pending.request_id}",
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123"},
    )
    body = response.json()
    assert response.status_code == 409 and body["errorCode"] == "E3002", response.text
    assert body["success"] is False and "outside the approval API" in body["message"]
    assert await redis.get(request_key(pending.request_id)) == text
    assert await audit.has_entry(pending.request_id) is False


@pytest.mark.parametrize("role", ["approver", "admin"])
async def test_an_approver_or_admin_of_the_tenant_decides_for_another_user(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository, role: str
) -> None:
    pending = await write_pending(redis, user_id="user123")
    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers("lead456", "tenant1", role, **{"X-User-ID": "lead456"}),
        json={"userId": "lead456"},
    )
    assert response.status_code == 200, response.text
    assert json.loads(await redis.get(request_key(pending.request_id)))["decidedBy"] == "lead456"
    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.decided_by == "lead456" and entry.user_id == "user123"


# Each refusal: (headers, body, expected status, expected error code).
REFUSALS = {
    "another tenant's approver": (
        auth_headers("boss", "tenant2", "approver", **{"X-User-ID": "boss"}),
        {"userId": "boss"},
        403,
        "E2007",
    ),
    "another user without a deciding role": (
        auth_headers("user999", "tenant1", "user", **{"X-User-ID": "user999"}),
        {"userId": "user999"},
        403,
        "E2001",
    ),
    "body userId is not the token's sub": (
        auth_headers(**SEED_HEADERS),
        {"userId": "user999"},
        403,
        "E2001",
    ),
    "X-User-ID is not the token's sub": (
        auth_headers("user123", "tenant1", **{"X-User-ID": "user999"}),
        {"userId": "user123"},
        403,
        "E2001",
    ),
    "X-Tenant-ID is not the token's tenant": (
        auth_headers("user123", "tenant1", **SEED_HEADERS) | {"X-Tenant-ID": "tenant2"},
        {"userId": "user123"},
        403,
        "E2007",
    ),
    "missing X-User-ID": (auth_headers(), {"userId": "user123"}, 400, "E4001"),
    "no token": ({"X-Tenant-ID": "tenant1", **SEED_HEADERS}, {"userId": "user123"}, 401, "E2000"),
    "a forged token": (
        auth_headers(**SEED_HEADERS) | {"Authorization": "Bearer not.a.jwt"},
        {"userId": "user123"},
        401,
        "E2003",
    ),
    "params not an object": (
        auth_headers(**SEED_HEADERS),
        {"userId": "user123", "params": ["msg-a"]},
        400,
        "E4000",
    ),
    "userId not a string": (auth_headers(**SEED_HEADERS), {"userId": 123}, 400, "E4000"),
    "no userId": (auth_headers(**SEED_HEADERS), {"comment": "ok"}, 400, "E4001"),
}


@pytest.mark.parametrize("decision", ["approve", "reject"])
@pytest.mark.parametrize("case", list(REFUSALS))
async def test_refusals_leave_redis_and_the_database_unchanged(
    client: httpx.AsyncClient,
    redis: Redis,
    audit: AuditRepository,
    case: str,
    decision: str,
) -> None:
    headers, body, status, code = REFUSALS[case]
    if decision == "reject" and "params" in body:
        body = {"userId": body["userId"], "reason": ["not", "text"]}
    pending = await write_pending(redis)
    response = await client.post(
        f"/aura/hitl/{decision}/{pending.request_id}", headers=headers, json=body
    )
    answer = response.json()
    assert (response.status_code, answer["errorCode"]) == (status, code), response.text
    assert answer["status"] == "ERROR" and answer["success"] is False
    await assert_untouched(redis, audit, pending)


async def test_missing_x_user_id_names_the_header(client: httpx.AsyncClient, redis: Redis) -> None:
    pending = await write_pending(redis)
    response = await client.post(
        approve_url(pending.request_id), headers=auth_headers(), json={"userId": "user123"}
    )
    assert response.json()["errors"] == [{"field": "X-User-ID", "reason": "header is required"}]


async def test_wrong_types_name_the_field(client: httpx.AsyncClient, redis: Redis) -> None:
    pending = await write_pending(redis)
    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123", "params": "ids=1,2"},
    )
    assert response.status_code == 400
    assert [problem["field"] for problem in response.json()["errors"]] == ["params"]


@pytest.mark.parametrize("content", ['{"userId": "user123"', "userId=user123", ""])
async def test_malformed_json_is_refused(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository, content: str
) -> None:
    pending = await write_pending(redis)
    response = await client.post(
        approve_url(pending.request_id), headers=auth_headers(**SEED_HEADERS), content=content
    )
    assert response.status_code == 400, response.text
    assert response.json()["errorCode"] in ("E4002", "E4001")
    await assert_untouched(redis, audit, pending)


@pytest.mark.parametrize(
    "request_id", ["req_0000000000000000", "req-12345", "hitl-req_0000", "x" * 300]
)
@pytest.mark.parametrize("decision", ["approve", "reject"])
async def test_unknown_or_malformed_ids_are_404(
    client: httpx.AsyncClient, request_id: str, decision: str
) -> None:
    if request_id == "req_0000000000000000":
        request_id = new_request_id()
    response = await client.post(
        f"/aura/hitl/{decision}/{request_id}",
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123"},
    )
    assert response.status_code == 404 and response.json()["errorCode"] == "E1004"


async def test_a_request_aged_out_of_redis_is_404(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    # Ageing out is the key's TTL running out; deleting it is the same state without the wait.
    await redis.delete(request_key(pending.request_id))
    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123"},
    )
    assert response.status_code == 404 and response.json()["errorCode"] == "E1004"
    assert await redis.exists(signal_key(pending.session_id)) == 0
    assert await audit.has_entry(pending.request_id) is False


@pytest.mark.parametrize("decision", ["approve", "reject"])
async def test_an_expired_request_is_409(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository, decision: str
) -> None:
    pending = await write_pending(redis, status="expired", expires_in=-5)
    response = await client.post(
        f"/aura/hitl/{decision}/{pending.request_id}",
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123"},
    )
    body = response.json()
    assert response.status_code == 409 and body["errorCode"] == "E3002"
    assert body["success"] is False and "expired" in body["message"]
    await assert_untouched(redis, audit, pending)


async def test_a_pending_request_past_its_deadline_is_409(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    """Aura has given up waiting (or died) before marking it: nobody would act on a decision."""
    pending = await write_pending(redis, expires_in=-1)
    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123"},
    )
    assert response.status_code == 409 and response.json()["errorCode"] == "E3002"
    await assert_untouched(redis, audit, pending)


async def test_a_subset_policy_that_names_no_list_allows_no_edit(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis, edit_policy=EditPolicy(kind="subset"))
    response = await client.post(
        approve_url(pending.request_id),
        headers=auth_headers(**SEED_HEADERS),
        json={"userId": "user123", "params": {"ids": ["msg-a"], "folder": None}},
    )
    assert response.status_code == 400 and "cannot be edited" in response.json()["message"]
    await assert_untouched(redis, audit, pending)
