"""The CLI's SSE parser: whole events however the network cuts the bytes (docs/stream.md)."""

import json

import pytest

from aura.cli.streams import run_event
from aura.contracts.sse import SseMessage, SseParser

RUN = "run_0123456789abcdef"


def frame(seq: int, kind: str, data: dict[str, object]) -> bytes:
    body = json.dumps({"type": kind, "data": data, "timestamp": 1706152860}, ensure_ascii=False)
    return f"id: {RUN}:{seq}\nevent: {kind}\ndata: {body}\n\n".encode()


STREAM = (
    frame(1, "start", {"runId": RUN, "sessionId": "s1", "threadId": "t1", "model": "offline"})
    + b": keep-alive\n\n"
    + frame(
        2, "thought", {"id": "th1", "thoughtType": "analysis", "content": "메일 3개를 찾습니다"}
    )
    + frame(3, "content", {"content": "휴지통으로 옮겼습니다 ✓", "chunk": True})
    + b"data: [DONE]\n\n"
)


def parse_in_pieces(data: bytes, size: int) -> list[SseMessage]:
    parser = SseParser()
    messages: list[SseMessage] = []
    for start in range(0, len(data), size):
        messages += parser.feed(data[start : start + size])
    return messages


def test_a_whole_stream_in_one_chunk_gives_every_event_and_done() -> None:
    messages = SseParser().feed(STREAM)
    assert [m.event for m in messages] == ["start", "thought", "content", None]
    assert [m.id for m in messages[:3]] == [f"{RUN}:1", f"{RUN}:2", f"{RUN}:3"]
    assert messages[-1].data == "[DONE]"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64])
def test_events_split_anywhere_even_inside_a_korean_character_come_out_whole(size: int) -> None:
    assert parse_in_pieces(STREAM, size) == SseParser().feed(STREAM)
    thought = run_event(parse_in_pieces(STREAM, size)[1])
    assert thought is not None and thought.data["content"] == "메일 3개를 찾습니다"


def test_keep_alive_comments_produce_nothing() -> None:
    assert SseParser().feed(b": keep-alive\n\n: keep-alive\n\n") == []


def test_crlf_and_cr_line_endings_and_a_crlf_split_between_chunks() -> None:
    parser = SseParser()
    messages = parser.feed(b'event: end\r\ndata: {"type":"end","data":{"status":"completed"}}\r')
    messages += parser.feed(b"\n\r\n")
    assert len(messages) == 1
    event = run_event(messages[0])
    assert event is not None and event.type == "end" and event.data == {"status": "completed"}


def test_multi_line_data_is_joined_with_newlines() -> None:
    (message,) = SseParser().feed(b"data: first\ndata: second\n\n")
    assert message.data == "first\nsecond"


def test_the_last_id_carries_over_to_events_without_one() -> None:
    messages = SseParser().feed(b"id: r:1\ndata: {}\n\ndata: {}\n\n")
    assert [m.id for m in messages] == ["r:1", "r:1"]


def test_done_and_non_json_data_are_not_run_events() -> None:
    assert run_event(SseMessage(data="[DONE]")) is None
    assert run_event(SseMessage(data="not json")) is None


def test_a_client_reading_only_data_lines_still_gets_the_type_and_payload() -> None:
    event = run_event(SseMessage(data='{"type":"hitl","data":{"requestId":"req_1"}}'))
    assert event is not None and event.type == "hitl" and event.data == {"requestId": "req_1"}


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("thinking", "thought"),
        ("action", "tool_execution"),
        ("approval_required", "hitl"),
        ("message", "content"),
    ],
)
def test_older_event_names_map_to_the_canonical_ones(alias: str, canonical: str) -> None:
    event = run_event(SseMessage(data=json.dumps({"type": alias, "content": "x"})))
    assert event is not None and event.type == canonical
    # Without a `data` object the whole body is the payload (`json.data || json`).
    assert event.data["content"] == "x"
