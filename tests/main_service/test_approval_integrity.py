"""What an approval may change, what it is bound to, and when it is not acknowledged
(docs/contract.md#main-service).

An edit may only narrow a delete to some of the previewed mails; a mail to send may be changed by
its requester alone; a tool without an edit policy is approved as it is. The decided record
carries the main service's signature of the exact arguments to run. A record that is not the one
Aura signed is not decided. An approval of a run no live process holds is refused with 503 and
leaves everything as it was.
"""

import json
import logging

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.hitl import EditPolicy, request_key
from aura.contracts.runs import run_key
from aura.main_service.repository import AuditRepository
from tests.main_service.pending import assert_untouched
from tests.support.hitl import write_pending
from tests.support.identity import auth_headers
from tests.support.signing import test_signer

pytestmark = pytest.mark.db

REQUESTER = auth_headers("user123", "tenant1", "user", **{"X-User-ID": "user123"})
APPROVER = auth_headers("lead456", "tenant1", "approver", **{"X-User-ID": "lead456"})
BODIES = {"user123": REQUESTER, "lead456": APPROVER}

SEND_PARAMS = {"to": ["kim@example.com"], "subject": "주간 보고", "body": "첨부합니다."}
SEND_SCHEMA = {
    "type": "object",
    "properties": {
        "to": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "subject": {"type": "string", "minLength": 1},
        "body": {"type": "string"},
    },
    "required": ["to", "subject", "body"],
    "additionalProperties": False,
}


async def approve(
    client: httpx.AsyncClient, request_id: str, user: str, params: object = None
) -> httpx.Response:
    body: dict[str, object] = {"userId": user}
    if params is not None:
        body["params"] = params
    return await client.post(f"/aura/hitl/approve/{request_id}", headers=BODIES[user], json=body)


async def write_send(redis: Redis, **options: object):
    return await write_pending(
        redis,
        action_type="send_message",
        params=SEND_PARAMS,
        params_schema=SEND_SCHEMA,
        preview=SEND_PARAMS,
        edit_policy=EditPolicy(kind="requester"),
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("user", ["user123", "lead456"])
async def test_a_delete_may_be_narrowed_to_some_of_the_previewed_mails(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository, user: str
) -> None:
    pending = await write_pending(redis)
    narrowed = {"ids": ["msg-c", "msg-a"], "folder": None}
    response = await approve(client, pending.request_id, user, narrowed)
    assert response.status_code == 200, response.text
    record = json.loads(await redis.get(request_key(pending.request_id)))
    assert record["editedParams"] == narrowed and record["params"] == pending.record.params
    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.edited_params == narrowed


# (who, edit, status, code, the field the answer names)
WIDENING = {
    "an approver adds mails that were never previewed": (
        "lead456",
        {"ids": ["msg-a", "msg-x", "msg-y"], "folder": None},
        403,
        "E2001",
        "params.ids[1]",
    ),
    "an approver swaps in other mails": (
        "lead456",
        {"ids": ["msg-p", "msg-q", "msg-r", "msg-s", "msg-t"], "folder": None},
        403,
        "E2001",
        "params.ids[0]",
    ),
    "the requester adds a mail that was never previewed": (
        "user123",
        {"ids": ["msg-a", "msg-z"], "folder": None},
        400,
        "E4000",
        "params.ids[1]",
    ),
    "an approver changes another argument": (
        "lead456",
        {"ids": ["msg-a"], "folder": "inbox"},
        403,
        "E2001",
        "params.folder",
    ),
    "the requester drops another argument": (
        "user123",
        {"ids": ["msg-a"]},
        400,
        "E4000",
        "params.folder",
    ),
}


@pytest.mark.parametrize("case", list(WIDENING))
async def test_an_edit_that_widens_a_delete_is_refused_naming_the_field(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository, case: str
) -> None:
    user, edit, status, code, field = WIDENING[case]
    pending = await write_pending(redis)
    response = await approve(client, pending.request_id, user, edit)
    body = response.json()
    assert (response.status_code, body["errorCode"]) == (status, code), response.text
    assert field in [problem["field"] for problem in body["errors"]]
    assert field in body["message"]
    await assert_untouched(redis, audit, pending)


async def test_an_approver_cannot_rewrite_a_mail_to_send(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_send(redis)
    forged = {"to": ["evil@example.com"], "subject": "FORGED", "body": "FORGED by approver"}
    response = await approve(client, pending.request_id, "lead456", forged)
    body = response.json()
    assert response.status_code == 403 and body["errorCode"] == "E2001"
    assert body["errors"][0]["field"] == "params"
    assert "only the requester" in body["message"]
    await assert_untouched(redis, audit, pending)

    as_is = await approve(client, pending.request_id, "lead456")
    assert as_is.status_code == 200
    assert "editedParams" not in json.loads(await redis.get(request_key(pending.request_id)))


async def test_the_requester_may_change_the_mail_they_send(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    pending = await write_send(redis)
    changed = SEND_PARAMS | {"subject": "주간 보고 (수정)"}
    response = await approve(client, pending.request_id, "user123", changed)
    assert response.status_code == 200, response.text
    assert json.loads(await redis.get(request_key(pending.request_id)))["editedParams"] == changed


@pytest.mark.parametrize(
    ("user", "status", "code"), [("user123", 400, "E4000"), ("lead456", 403, "E2001")]
)
@pytest.mark.parametrize("policy", [EditPolicy(kind="none"), None])
async def test_a_request_without_an_edit_policy_is_approved_as_it_is(
    client: httpx.AsyncClient,
    redis: Redis,
    audit: AuditRepository,
    user: str,
    status: int,
    code: str,
    policy: EditPolicy | None,
) -> None:
    pending = await write_pending(redis, edit_policy=policy)
    response = await approve(client, pending.request_id, user, {"ids": ["msg-a"], "folder": None})
    assert (response.status_code, response.json()["errorCode"]) == (status, code)
    assert "cannot be edited" in response.json()["message"]
    await assert_untouched(redis, audit, pending)


async def test_the_decision_is_signed_over_the_exact_arguments_to_run(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    pending = await write_pending(redis)
    narrowed = {"ids": ["msg-b"], "folder": None}
    assert (await approve(client, pending.request_id, "lead456", narrowed)).status_code == 200
    record = json.loads(await redis.get(request_key(pending.request_id)))
    assert test_signer.decision_is_signed(record)
    # Any change to what runs, who decided, or the request it answers breaks the signature.
    assert not test_signer.decision_is_signed(record | {"editedParams": {"ids": ["msg-a"]}})
    assert not test_signer.decision_is_signed(record | {"decidedBy": "user123"})
    assert not test_signer.decision_is_signed(record | {"requestSignature": "0" * 64})
    other_key = type(test_signer)("another-key-of-at-least-thirty-two-bytes!")
    assert not other_key.decision_is_signed(record)


@pytest.mark.parametrize("tampering", ["params", "preview", "unsigned"])
async def test_a_record_rewritten_in_redis_before_the_decision_is_not_decided(
    client: httpx.AsyncClient,
    redis: Redis,
    audit: AuditRepository,
    caplog: pytest.LogCaptureFixture,
    tampering: str,
) -> None:
    pending = await write_pending(redis)
    record = json.loads(pending.text)
    if tampering == "params":
        record["params"] = {"ids": ["msg-x", "msg-y"], "folder": None}
    elif tampering == "preview":
        record["preview"] = {"messages": [{"from": "boss@example.com", "subject": "harmless"}]}
    else:
        del record["requestSignature"]
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    await redis.set(request_key(pending.request_id), text, keepttl=True)

    with caplog.at_level(logging.ERROR, logger="aura.main.hitl"):
        response = await approve(client, pending.request_id, "user123")
    body = response.json()
    assert response.status_code == 409 and body["errorCode"] == "E3002"
    assert "changed outside Aura" in body["message"]
    assert any(pending.request_id in message for message in caplog.messages)
    await assert_untouched(redis, audit, pending.__class__(pending.record, text))


async def test_an_approval_while_no_process_holds_the_run_says_who_will_run_it(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    # Runs are durable: the process that takes the run over applies the approval.
    pending = await write_pending(redis, live_owner=False)
    response = await approve(client, pending.request_id, "user123")
    body = response.json()
    assert response.status_code == 200, response.text
    assert body["data"]["status"] == "approved" and body["data"]["runHeld"] is False
    assert "No Aura process holds this run right now" in body["message"]
    assert json.loads(await redis.get(request_key(pending.request_id)))["status"] == "approved"
    assert await audit.has_entry(pending.request_id)


async def test_an_approval_of_a_run_that_has_ended_is_refused(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    await redis.hset(run_key(pending.record.run_id), "status", "failed")
    response = await approve(client, pending.request_id, "user123")
    body = response.json()
    assert response.status_code == 409 and body["errorCode"] == "E3002", response.text
    assert "already ended" in body["message"]
    await assert_untouched(redis, audit, pending)


async def test_a_rejection_is_recorded_even_when_no_live_process_holds_the_run(
    client: httpx.AsyncClient, redis: Redis
) -> None:
    pending = await write_pending(redis, live_owner=False)
    response = await client.post(
        f"/aura/hitl/reject/{pending.request_id}", headers=REQUESTER, json={"userId": "user123"}
    )
    assert response.status_code == 200
    assert json.loads(await redis.get(request_key(pending.request_id)))["status"] == "rejected"
