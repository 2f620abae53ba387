import json

import pytest
from pydantic import ValidationError

from aura.contracts.envelope import FieldProblem, enveloped, error_body, success_body
from aura.contracts.errors import HTTP_STATUS, ErrorCode
from aura.contracts.events import Hitl, ToolCallCancelled, ToolExecution, event_payload
from aura.contracts.hitl import HitlSignal


def test_every_error_code_has_its_spec_status() -> None:
    assert set(HTTP_STATUS) == set(ErrorCode)
    assert ErrorCode.NOT_FOUND.http_status == 404
    assert ErrorCode.INVALID_STATE.http_status == 409
    assert ErrorCode.PAYLOAD_TOO_LARGE.http_status == 413
    assert ErrorCode.UPSTREAM_TIMEOUT.http_status == 504


def test_envelopes_omit_null_fields() -> None:
    ok = success_body({"a": 1}, "done")
    assert ok["status"] == "SUCCESS" and ok["success"] is True and ok["data"] == {"a": 1}
    assert "errorCode" not in ok and ok["timestamp"].endswith("Z")
    bare = success_body(message="No signal found for session")
    assert "data" not in bare
    err = error_body(ErrorCode.VALIDATION, "bad", [FieldProblem(field="prompt", reason="empty")])
    assert err == {
        "status": "ERROR",
        "message": "bad",
        "errorCode": "E4000",
        "success": False,
        "errors": [{"field": "prompt", "reason": "empty"}],
        "timestamp": err["timestamp"],
    }


def test_a_typed_envelope_keeps_the_key_order_and_the_nulls_inside_data() -> None:
    # What a route returns (typed) must be byte for byte what it returned as a dumped dict.
    signal = HitlSignal(
        type="rejection", request_id="req_0123456789abcdef", status="rejected", timestamp=1
    )
    typed = enveloped(signal, "Signal retrieved").to_wire()
    dumped = success_body(signal.model_dump(by_alias=True, mode="json"), "Signal retrieved")
    assert json.dumps(typed) == json.dumps({**dumped, "timestamp": typed["timestamp"]})
    assert list(typed) == ["status", "message", "data", "success", "timestamp"]
    assert list(enveloped(None, "none").to_wire()) == ["status", "message", "success", "timestamp"]
    assert enveloped({"reason": None}).to_wire()["data"] == {"reason": None}


def test_events_are_camel_case_without_nulls() -> None:
    finished = ToolExecution(
        id="call_1",
        tool="delete_messages",
        params={"ids": ["m1"]},
        status="completed",
        requires_approval=True,
    )
    assert event_payload(finished) == {
        "id": "call_1",
        "tool": "delete_messages",
        "params": {"ids": ["m1"]},
        "status": "completed",
        "requiresApproval": True,
    }
    hitl = Hitl(
        request_id="req_0123456789abcdef",
        session_id="s",
        run_id="r",
        action_type="delete_messages",
        action="delete_messages",
        message="메일 삭제",
        params={},
        editable_content="메일 삭제",
        expires_at=1,
    )
    assert {"requestId", "sessionId", "runId", "actionType", "expiresAt"} <= set(
        event_payload(hitl)
    )
    assert event_payload(hitl)["editableContent"] == "메일 삭제"


def test_a_tool_call_that_never_ran_is_not_a_tool_execution() -> None:
    # The original frontend logs every tool_execution as run; a rejection must not be one.
    with pytest.raises(ValidationError):
        ToolExecution(id="c", tool="t", params={}, status="cancelled")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ToolExecution(id="c", tool="t", params={}, status="executing")  # type: ignore[arg-type]
    cancelled = ToolCallCancelled(
        id="c", tool="delete_messages", params={"ids": []}, cause="rejected", reason="아니요"
    )
    assert event_payload(cancelled) == {
        "id": "c",
        "tool": "delete_messages",
        "params": {"ids": []},
        "requiresApproval": True,
        "cause": "rejected",
        "reason": "아니요",
    }


def test_a_hitl_event_needs_a_string_editable_content() -> None:
    with pytest.raises(ValidationError):
        Hitl(
            request_id="req_0123456789abcdef",
            session_id="s",
            run_id="r",
            action_type="a",
            action="a",
            message="m",
            params={},
            editable_content={"ids": []},  # type: ignore[arg-type]
            expires_at=1,
        )


def test_signal_has_the_seed_shape() -> None:
    signal = HitlSignal(
        type="approval", request_id="req_1", status="approved", timestamp=1706152860
    )
    assert json.dumps(signal.to_wire()) == (
        '{"type": "approval", "requestId": "req_1", "status": "approved", "timestamp": 1706152860}'
    )
