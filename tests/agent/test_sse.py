"""The SSE encoder (docs/stream.md#framing): framing, one-line UTF-8 JSON, ids, [DONE]."""

import json

from aura.agent.sse import DONE_LINE, HEARTBEAT_COMMENT, envelope_json, frame
from aura.contracts.events import Content, End, Hitl
from aura.contracts.sse import parse_event_id


def test_a_frame_has_id_event_and_one_data_line():
    event = Content(content="메일 3개를 삭제했습니다\n다음 줄", chunk=True)
    text = frame("content", envelope_json(event, timestamp=1706152860), run_id="run_a", seq=7)
    lines = text.split("\n")
    assert lines[0] == "id: run_a:7"
    assert lines[1] == "event: content"
    assert lines[2].startswith("data: ")
    assert lines[3:] == ["", ""]  # the frame ends with a blank line, nothing else
    body = json.loads(lines[2][len("data: ") :])
    assert body == {
        "type": "content",
        "data": {"content": "메일 3개를 삭제했습니다\n다음 줄", "chunk": True},
        "timestamp": 1706152860,
    }


def test_korean_is_sent_as_is_not_escaped():
    text = envelope_json(Content(content="받은 메일함"))
    assert "받은 메일함" in text and "\\u" not in text


def test_fields_are_camel_case_and_nulls_are_omitted():
    hitl = Hitl(
        request_id="req_0123456789abcdef",
        session_id="s",
        run_id="r",
        action_type="delete",
        action="delete",
        message="m",
        params={"ids": ["1"]},
        editable_content="m",
        expires_at=10,
    )
    data = json.loads(envelope_json(hitl))["data"]
    assert {"requestId", "sessionId", "runId", "actionType", "expiresAt"} <= set(data)
    assert "preview" not in data and "type" not in data


def test_events_outside_the_log_carry_no_id():
    text = frame("end", envelope_json(End(status="failed")))
    assert text.startswith("event: end\n")


def test_done_and_heartbeat_lines():
    assert DONE_LINE == "data: [DONE]\n\n"
    assert HEARTBEAT_COMMENT == ": keep-alive\n\n"


def test_event_ids_round_trip():
    assert parse_event_id("run_abc:12") == ("run_abc", 12)
    assert parse_event_id("run:with:colons:3") == ("run:with:colons", 3)
    assert parse_event_id("12") is None
    assert parse_event_id("run_abc:") is None
    assert parse_event_id("run_abc:x") is None
