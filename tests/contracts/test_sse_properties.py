"""Property: whatever a run's event holds, the agent's encoder and the shared parser agree,
however the bytes are cut into network chunks."""

import itertools
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aura.agent.sse import frame
from aura.contracts.sse import SseMessage, SseParser, event_id, parse_event_id

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
event_types = st.sampled_from(
    ["message", "thought", "hitl", "tool_execution", "plan_step_update", "error", "end"]
)
run_ids = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"
    ),
    min_size=1,
    max_size=40,
).filter(lambda text: text == text.strip())


def cut(data: bytes, points: list[int]) -> list[bytes]:
    edges = sorted({0, len(data), *(point % (len(data) + 1) for point in points)})
    return [data[start:end] for start, end in itertools.pairwise(edges)]


@settings(max_examples=300, deadline=None)
@given(
    frames=st.lists(
        st.tuples(event_types, json_values, run_ids, st.integers(min_value=0, max_value=10**9)),
        min_size=1,
        max_size=5,
    ),
    points=st.lists(st.integers(min_value=0), max_size=12),
)
def test_frames_survive_any_chunking(
    frames: list[tuple[str, Any, str, int]], points: list[int]
) -> None:
    stream = "".join(
        frame(
            kind, json.dumps(value, ensure_ascii=False, separators=(",", ":")), run_id=run, seq=seq
        )
        for kind, value, run, seq in frames
    ).encode("utf-8")
    parser = SseParser()
    messages: list[SseMessage] = []
    for chunk in cut(stream, points):
        messages.extend(parser.feed(chunk))
    assert [(m.event, json.loads(m.data), m.id) for m in messages] == [
        (kind, value, event_id(run, seq)) for kind, value, run, seq in frames
    ]
    for message, (_, _, run, seq) in zip(messages, frames, strict=True):
        assert message.id is not None and parse_event_id(message.id) == (run, seq)
