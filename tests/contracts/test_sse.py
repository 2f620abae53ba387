"""The shared SSE reader (WHATWG HTML §9.2.6, as docs/stream.md uses it) and the event-id format."""

import pytest

from aura.contracts.sse import (
    SseComment,
    SseMessage,
    SseParser,
    event_id,
    parse_event_id,
)

RUN = "run_0123456789abcdef"
STREAM = (
    f'id: {RUN}:1\nevent: start\ndata: {{"runId":"{RUN}"}}\n\n'
    ": keep-alive\n\n"
    f'id: {RUN}:2\nevent: content\ndata: {{"content":"휴지통으로 옮겼습니다 ✓"}}\n\n'
    "data: [DONE]\n\n"
).encode()
EXPECTED = [
    SseMessage(data=f'{{"runId":"{RUN}"}}', event="start", id=f"{RUN}:1"),
    SseMessage(data='{"content":"휴지통으로 옮겼습니다 ✓"}', event="content", id=f"{RUN}:2"),
    SseMessage(data="[DONE]", event=None, id=f"{RUN}:2"),
]


def feed_in_pieces(data: bytes, size: int) -> list[SseMessage | SseComment]:
    parser = SseParser()
    items: list[SseMessage | SseComment] = []
    for start in range(0, len(data), size):
        items += parser.feed_all(data[start : start + size])
    return items


def test_several_events_in_one_chunk_come_out_in_order() -> None:
    assert SseParser().feed(STREAM) == EXPECTED
    assert [message.done for message in EXPECTED] == [False, False, True]


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 11, 64])
def test_chunks_cut_anywhere_even_inside_a_utf8_character(size: int) -> None:
    items = feed_in_pieces(STREAM, size)
    assert [item for item in items if isinstance(item, SseMessage)] == EXPECTED
    assert [item for item in items if isinstance(item, SseComment)] == [SseComment("keep-alive")]


def test_one_event_split_over_two_chunks_waits_for_its_blank_line() -> None:
    parser = SseParser()
    assert parser.feed(b'event: end\ndata: {"st') == []
    assert parser.feed(b'atus":"completed"}\n') == []
    assert parser.feed(b"\n") == [SseMessage(data='{"status":"completed"}', event="end")]


def test_comments_are_skipped_by_feed_and_reported_by_feed_all_in_order() -> None:
    data = b": keep-alive\n\ndata: a\n\n:second\n\n"
    assert SseParser().feed(data) == [SseMessage(data="a")]
    assert SseParser().feed_all(data) == [
        SseComment("keep-alive"),
        SseMessage(data="a"),
        SseComment("second"),
    ]


@pytest.mark.parametrize(
    "chunks",
    [
        [b"data: a\r\n\r\ndata: b\r\n\r\n"],
        [b"data: a\r\r", b"data: b\r\r"],
        [b"data: a\r", b"\n\r\ndata: b\r\n\r\n"],
        [b"data: a\r", b"", b"\n\r", b"\n", b"data: b\r\n", b"\r\n"],
    ],
    ids=["crlf", "cr", "crlf-split", "crlf-split-with-empty-chunks"],
)
def test_crlf_and_cr_line_endings(chunks: list[bytes]) -> None:
    parser = SseParser()
    messages = [message for chunk in chunks for message in parser.feed(chunk)]
    assert messages == [SseMessage(data="a"), SseMessage(data="b")]


def test_a_cr_then_two_lfs_in_separate_chunks_is_two_line_ends() -> None:
    parser = SseParser()
    assert parser.feed(b"data: a\r") == []
    assert parser.feed(b"\n") == []
    assert parser.feed(b"\n") == [SseMessage(data="a")]


def test_data_lines_join_and_field_rules() -> None:
    messages = SseParser().feed(
        b"data: first\ndata:second\ndata\n\n"  # no space after the colon; a bare field name
        b"event: x\n\n"  # no data: nothing is dispatched and the event name is dropped
        b"id: bad\0id\ndata: y\n\n"  # an id with NUL is ignored
    )
    assert messages == [SseMessage(data="first\nsecond\n"), SseMessage(data="y")]


def test_done_ignores_surrounding_blanks_only() -> None:
    assert SseMessage(data=" [DONE] ").done
    assert not SseMessage(data='"[DONE]"').done


def test_event_ids_round_trip() -> None:
    assert event_id(RUN, 7) == f"{RUN}:7"
    assert parse_event_id(event_id(RUN, 7)) == (RUN, 7)
    assert parse_event_id(" a:b:12 ") == ("a:b", 12)


@pytest.mark.parametrize("value", ["", "12", ":3", "run:", "run:x", "run:-1"])
def test_malformed_event_ids(value: str) -> None:
    assert parse_event_id(value) is None
