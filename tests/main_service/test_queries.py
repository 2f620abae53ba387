"""The read side (docs/contract.md#main-service): records, listings, signals, audit; all checked."""

import json
import secrets
import time

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.hitl import request_key, session_key, signal_key, tenant_index_key
from tests.support.hitl import new_request_id, write_pending
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db


def decide_headers(user: str, tenant: str = "tenant1", role: str = "user") -> dict[str, str]:
    return auth_headers(user, tenant, role, **{"X-User-ID": user})


async def approve(client: httpx.AsyncClient, request_id: str, user: str = "user123") -> None:
    response = await client.post(
        f"/aura/hitl/approve/{request_id}", headers=decide_headers(user), json={"userId": user}
    )
    assert response.status_code == 200, response.text


# --- GET /aura/hitl/requests/{requestId} ---


async def test_the_request_record_comes_back_as_the_stored_string(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    pending = await write_pending(redis)
    response = await client.get(f"/aura/hitl/requests/{pending.request_id}", headers=auth_headers())
    body = response.json()
    assert response.status_code == 200 and body["success"] is True
    assert body["data"] == pending.text

    await approve(client, pending.request_id)
    after = await client.get(f"/aura/hitl/requests/{pending.request_id}", headers=auth_headers())
    assert after.json()["data"] == await redis.get(request_key(pending.request_id))
    assert json.loads(after.json()["data"])["status"] == "approved"


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        (auth_headers("user123", "tenant2"), 403, "E2007"),
        (auth_headers("boss", "tenant2", "admin"), 403, "E2007"),
        (auth_headers("user999", "tenant1"), 403, "E2001"),
        ({"X-Tenant-ID": "tenant1"}, 401, "E2000"),
    ],
)
async def test_the_request_record_is_for_its_tenant_and_user(
    client: httpx.AsyncClient, redis: Redis, headers: dict[str, str], status: int, code: str
) -> None:
    pending = await write_pending(redis)
    response = await client.get(f"/aura/hitl/requests/{pending.request_id}", headers=headers)
    body = response.json()
    assert (response.status_code, body["errorCode"]) == (status, code)
    assert "data" not in body


async def test_an_approver_of_the_tenant_reads_another_users_request(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    pending = await write_pending(redis)
    response = await client.get(
        f"/aura/hitl/requests/{pending.request_id}",
        headers=auth_headers("lead456", "tenant1", "approver"),
    )
    assert response.status_code == 200 and response.json()["data"] == pending.text


@pytest.mark.parametrize("request_id", ["unknown", "req-12345", "aged-out"])
async def test_unknown_requests_are_404(
    client: httpx.AsyncClient, redis: Redis, request_id: str
) -> None:
    if request_id == "unknown":
        request_id = new_request_id()
    elif request_id == "aged-out":
        pending = await write_pending(redis)
        await redis.delete(request_key(pending.request_id))
        request_id = pending.request_id
    response = await client.get(f"/aura/hitl/requests/{request_id}", headers=auth_headers())
    assert response.status_code == 404 and response.json()["errorCode"] == "E1004"


# --- GET /aura/hitl/requests?status= ---


async def test_listing_is_per_tenant_and_per_user_unless_approver(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    tenant = f"tenant-{secrets.token_hex(4)}"
    now = int(time.time())
    mine_old = await write_pending(redis, user_id="kim", tenant_id=tenant, created_at=now - 20)
    mine_new = await write_pending(redis, user_id="kim", tenant_id=tenant, created_at=now - 10)
    theirs = await write_pending(redis, user_id="lee", tenant_id=tenant, created_at=now - 5)
    elsewhere = await write_pending(redis, user_id="kim", created_at=now)
    response = await client.post(
        f"/aura/hitl/approve/{mine_old.request_id}",
        headers=decide_headers("kim", tenant),
        json={"userId": "kim"},
    )
    assert response.status_code == 200

    def ids(response: httpx.Response) -> list[str]:
        assert response.status_code == 200, response.text
        return [item["requestId"] for item in response.json()["data"]]

    url = "/aura/hitl/requests"
    kim = auth_headers("kim", tenant)
    approver = auth_headers("boss", tenant, "approver")
    assert ids(await client.get(url, headers=kim)) == [mine_new.request_id, mine_old.request_id]
    assert ids(await client.get(url, params={"status": "pending"}, headers=kim)) == [
        mine_new.request_id
    ]
    assert ids(await client.get(url, params={"status": "approved"}, headers=kim)) == [
        mine_old.request_id
    ]
    assert ids(await client.get(url, params={"status": "pending"}, headers=approver)) == [
        theirs.request_id,
        mine_new.request_id,
    ]
    assert ids(await client.get(url, params={"limit": 1}, headers=approver)) == [theirs.request_id]
    assert elsewhere.request_id not in ids(await client.get(url, headers=approver))
    listed = (await client.get(url, params={"status": "pending"}, headers=kim)).json()["data"]
    assert listed == [json.loads(mine_new.text)]


async def test_listing_skips_and_purges_aged_out_requests(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    tenant = f"tenant-{secrets.token_hex(4)}"
    now = int(time.time())
    kept = await write_pending(redis, user_id="kim", tenant_id=tenant)
    aged = await write_pending(redis, user_id="kim", tenant_id=tenant)
    await redis.delete(request_key(aged.request_id))
    ancient = new_request_id()
    await redis.zadd(tenant_index_key(tenant), {ancient: now - 7200})

    response = await client.get(
        "/aura/hitl/requests", params={"status": "pending"}, headers=auth_headers("kim", tenant)
    )
    assert [item["requestId"] for item in response.json()["data"]] == [kept.request_id]
    assert await redis.zscore(tenant_index_key(tenant), aged.request_id) is None
    assert await redis.zscore(tenant_index_key(tenant), ancient) is None
    assert await redis.zscore(tenant_index_key(tenant), kept.request_id) is not None


async def test_a_pending_request_past_its_expiry_is_listed_as_expired_not_pending(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    """A run that died never marks its request expired; the listing does not offer it."""
    tenant = f"tenant-{secrets.token_hex(4)}"
    now = int(time.time())
    live = await write_pending(redis, user_id="kim", tenant_id=tenant, created_at=now)
    dead = await write_pending(
        redis, user_id="kim", tenant_id=tenant, created_at=now - 400, expires_in=300
    )
    url, kim = "/aura/hitl/requests", auth_headers("kim", tenant)

    async def listed(**params: str) -> list[tuple[str, str]]:
        response = await client.get(url, params=params, headers=kim)
        assert response.status_code == 200, response.text
        return [(item["requestId"], item["status"]) for item in response.json()["data"]]

    assert await listed(status="pending") == [(live.request_id, "pending")]
    assert await listed(status="expired") == [(dead.request_id, "expired")]
    assert await listed() == [(live.request_id, "pending"), (dead.request_id, "expired")]
    # Only the listing says so: the record itself is left as Aura wrote it.
    assert await redis.get(request_key(dead.request_id)) == dead.text
    single = await client.get(f"{url}/{dead.request_id}", headers=kim)
    assert single.json()["data"] == dead.text


@pytest.mark.parametrize(
    ("params", "field"), [({"status": "done"}, "status"), ({"limit": "0"}, "limit")]
)
async def test_listing_parameters_are_validated(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    response = await client.get("/aura/hitl/requests", params=params, headers=auth_headers())
    body = response.json()
    assert response.status_code == 400 and body["errorCode"] == "E4000"
    assert [problem["field"] for problem in body["errors"]] == [field]


async def test_listing_needs_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/aura/hitl/requests", headers={"X-Tenant-ID": "tenant1"})
    assert response.status_code == 401 and response.json()["errorCode"] == "E2000"


# --- GET /aura/hitl/signals/{sessionId} ---


async def test_no_signal_yet_is_200_without_data(client: httpx.AsyncClient, redis: Redis) -> None:
    pending = await write_pending(redis)
    for session_id in (pending.session_id, f"sess_{secrets.token_hex(8)}"):
        response = await client.get(f"/aura/hitl/signals/{session_id}", headers=auth_headers())
        body = response.json()
        assert response.status_code == 200 and body["success"] is True
        assert body["message"] == "No signal found for session" and "data" not in body


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        (auth_headers("user123", "tenant2"), 403, "E2007"),
        (auth_headers("user999", "tenant1"), 403, "E2001"),
        ({"X-Tenant-ID": "tenant1"}, 401, "E2000"),
    ],
)
async def test_a_signal_is_shown_only_to_its_tenant_and_user(
    client: httpx.AsyncClient, redis: Redis, headers: dict[str, str], status: int, code: str
) -> None:
    pending = await write_pending(redis)
    await approve(client, pending.request_id)
    response = await client.get(f"/aura/hitl/signals/{pending.session_id}", headers=headers)
    body = response.json()
    assert (response.status_code, body["errorCode"]) == (status, code)
    assert "data" not in body
    approver = await client.get(
        f"/aura/hitl/signals/{pending.session_id}",
        headers=auth_headers("lead456", "tenant1", "approver"),
    )
    assert approver.status_code == 200 and json.loads(approver.json()["data"])["type"] == "approval"


async def test_without_the_session_record_the_request_names_the_signals_owner(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    pending = await write_pending(redis)
    await approve(client, pending.request_id)
    await redis.delete(session_key(pending.session_id))
    url = f"/aura/hitl/signals/{pending.session_id}"
    own = await client.get(url, headers=auth_headers())
    other = await client.get(url, headers=auth_headers("user123", "tenant2"))
    assert own.status_code == 200 and own.json()["data"] == await redis.get(
        signal_key(pending.session_id)
    )
    assert other.status_code == 403 and other.json()["errorCode"] == "E2007"

    # With neither record left, nobody can be shown to own it: no signal is shown.
    await redis.delete(request_key(pending.request_id))
    gone = await client.get(url, headers=auth_headers())
    assert gone.status_code == 200 and "data" not in gone.json()


async def test_a_malformed_session_id_is_not_found(client: httpx.AsyncClient) -> None:
    response = await client.get("/aura/hitl/signals/" + "s" * 200, headers=auth_headers())
    body = response.json()
    assert response.status_code == 404 and body["errorCode"] == "E1004"


# --- GET /aura/hitl/audit ---


async def test_audit_entries_are_per_tenant_and_per_user_unless_approver(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    tenant = f"tenant-{secrets.token_hex(4)}"
    kims = await write_pending(redis, user_id="kim", tenant_id=tenant)
    lees = await write_pending(redis, user_id="lee", tenant_id=tenant)
    for pending, user in ((kims, "kim"), (lees, "lee")):
        response = await client.post(
            f"/aura/hitl/reject/{pending.request_id}",
            headers=decide_headers(user, tenant),
            json={"userId": user, "reason": "not now"},
        )
        assert response.status_code == 200

    def request_ids(response: httpx.Response) -> list[str]:
        assert response.status_code == 200, response.text
        entries = response.json()["data"]
        for entry in entries:  # the audit row's columns in order; the null ones left out
            assert list(entry) == [
                "id",
                "requestId",
                "sessionId",
                "runId",
                "tenantId",
                "userId",
                "actionType",
                "decision",
                "decidedBy",
                "originalParams",
                "reason",
                "createdAt",
                "decidedAt",
            ]
        return [entry["requestId"] for entry in entries]

    approver = auth_headers("boss", tenant, "approver")
    # Newest decision first: lee decided after kim.
    assert request_ids(await client.get("/aura/hitl/audit", headers=approver)) == [
        lees.request_id,
        kims.request_id,
    ]
    assert request_ids(
        await client.get("/aura/hitl/audit", headers=auth_headers("kim", tenant))
    ) == [kims.request_id]
    one = await client.get(
        "/aura/hitl/audit", params={"requestId": lees.request_id}, headers=approver
    )
    [entry] = one.json()["data"]
    assert entry["decision"] == "rejected" and entry["reason"] == "not now"
    assert entry["decidedBy"] == "lee" and entry["tenantId"] == tenant
    assert entry["originalParams"] == lees.record.params and "editedParams" not in entry
    assert entry["decidedAt"].endswith("Z") and entry["createdAt"].endswith("Z")
    other_tenant = await client.get(
        "/aura/hitl/audit",
        params={"requestId": lees.request_id},
        headers=auth_headers("boss", "tenant1", "admin"),
    )
    assert other_tenant.status_code == 200 and other_tenant.json()["data"] == []


async def test_audit_needs_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/aura/hitl/audit", headers={"X-Tenant-ID": "tenant1"})
    assert response.status_code == 401 and response.json()["errorCode"] == "E2000"
