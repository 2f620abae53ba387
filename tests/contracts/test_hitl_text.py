"""The HITL record and signal texts both Aura and the main service write
(docs/contract.md#hitl-records-and-redis-keys)."""

import pytest
from pydantic import ValidationError

from aura.contracts.hitl import (
    HitlRequest,
    HitlSession,
    decision_signal,
    dump_record,
    dump_signal,
    load_request,
    load_session,
    load_signal,
)


def _request() -> HitlRequest:
    return HitlRequest(
        request_id="req_0123456789abcdef",
        session_id="s1",
        run_id="r1",
        tenant_id="tenant1",
        user_id="user123",
        action_type="delete_messages",
        params={"ids": ["m1"], "folder": None},
        params_schema={"type": "object", "required": []},
        params_hash="h",
        message="메일 삭제",
        created_at=100,
        expires_at=400,
    )


def test_a_record_is_compact_json_with_korean_as_is() -> None:
    assert dump_record(_request()) == (
        '{"requestId":"req_0123456789abcdef","sessionId":"s1","runId":"r1",'
        '"tenantId":"tenant1","userId":"user123","actionType":"delete_messages",'
        '"params":{"ids":["m1"],"folder":null},"paramsSchema":{"type":"object","required":[]},'
        '"paramsHash":"h","message":"메일 삭제","status":"pending","createdAt":100,'
        '"expiresAt":400}'
    )


def test_records_load_back_to_what_was_dumped() -> None:
    request = _request()
    assert load_request(dump_record(request)) == request
    session = HitlSession(
        session_id="s1", run_id="r1", request_id=request.request_id, user_id="u", tenant_id="t"
    )
    assert load_session(dump_record(session)) == session
    assert dump_record(load_request(dump_record(request))) == dump_record(request)


def test_loading_refuses_what_is_not_a_record() -> None:
    with pytest.raises(ValidationError):
        load_request('{"requestId":"req_0123456789abcdef"}')
    with pytest.raises(ValidationError):
        load_signal("not json")


def test_an_approval_signal_has_the_seed_shape_and_no_reason() -> None:
    signal = decision_signal("req_1", "approved", 1706152860, reason="ignored")
    assert dump_signal(signal) == (
        '{"type":"approval","requestId":"req_1","status":"approved","timestamp":1706152860}'
    )


def test_a_rejection_signal_keeps_the_seed_key_order() -> None:
    signal = decision_signal("req_1", "rejected", 1706152860, "사용자 거절", {"ids": []})
    assert dump_signal(signal) == (
        '{"type":"rejection","requestId":"req_1","status":"rejected","reason":"사용자 거절",'
        '"timestamp":1706152860,"params":{"ids":[]}}'
    )
    assert load_signal(dump_signal(signal)) == signal
