"""Whole runs over HTTP against the agent on uvicorn: success, approval, rejection, timeout, edits,
tampering, two approvals, failures. The scripted model and in-memory tools stand in for the LLM
and the mail service; Redis, the checkpointer database and the HTTP stack are real."""

import json

import httpx
import pytest

from aura.contracts.hitl import HitlRequest, HitlSession, request_key, session_key, tenant_index_key
from tests.agent.harness import SseTranscript, decide, read_stream
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db

DELETE = ("delete_items", {"ids": ["m1", "m3"]})


def open_stream(http: httpx.AsyncClient, url: str, prompt: str, **body: object):
    return http.stream(
        "POST",
        f"{url}/aura/test/stream",
        json={"prompt": prompt, **body},
        headers={**auth_headers(), "Accept": "text/event-stream"},
    )


async def until_hitl(response: httpx.Response, transcript: SseTranscript) -> dict:
    await read_stream(response, transcript, until=lambda e: e.type == "hitl")
    assert transcript.types()[-1] == "hitl", transcript.types()
    return transcript.events[-1].payload


async def session_state(redis, session_id: str, request_id: str) -> str:
    """What the session record says about the request once the run has ended."""
    session = HitlSession.model_validate_json(await redis.get(session_key(session_id)))
    assert session.request_id == request_id
    return str(session.model_extra["state"])


def subsequence(types: list[str], expected: list[str]) -> bool:
    position = 0
    for kind in types:
        if position < len(expected) and kind == expected[position]:
            position += 1
    return position == len(expected)


async def test_a_run_without_approval_streams_every_phase_in_order(start_agent, http):
    async with (
        start_agent([[("list_items", {"limit": 2})]]) as agent,
        open_stream(http, agent.url, "항목을 보여줘") as response,
    ):
        assert response.status_code == 200
        transcript = await read_stream(response, SseTranscript())
    types = transcript.types()
    assert transcript.done
    assert types[0] == "start" and types[-1] == "end"
    assert subsequence(
        types,
        [
            "start",
            "thought",
            "plan_step",
            "plan_step_update",
            "tool_call_start",
            "tool_execution",
            "plan_step_update",
            "content",
            "end",
        ],
    )
    # One tool_execution per call, with its final status; the start has a type of its own.
    started, tools = transcript.of("tool_call_start"), transcript.of("tool_execution")
    assert [t.payload["status"] for t in tools] == ["completed"]
    assert started[0].payload["id"] == tools[0].payload["id"]
    timeline = [
        (e.payload["id"], e.payload["status"]) for e in transcript.of("timeline_step_update")
    ]
    for phase in ("analysis", "planning", "execution", "verification"):
        assert (phase, "completed") in timeline
    # Two model turns (the tool call, then the answer), one analysis phase.
    assert [status for phase, status in timeline if phase == "analysis"] == [
        "processing",
        "completed",
    ]
    contents = transcript.of("content")
    answer = "".join(c.payload["content"] for c in contents)
    assert "주간 회의록" in answer  # written from the tool's result, Korean intact
    assert contents[-1].payload["metadata"]["result"]["content"] == answer
    assert transcript.of("end")[0].payload == {"status": "completed"}
    assert [e.seq for e in transcript.events] == list(range(1, len(transcript.events) + 1))


async def test_approval_runs_the_tool_once_with_the_approved_params(
    start_agent, http, redis, journal
):
    async with (
        start_agent([[DELETE]]) as agent,
        open_stream(http, agent.url, "메일 2개를 삭제해주세요") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        record = HitlRequest.model_validate_json(await redis.get(request_key(hitl["requestId"])))
        assert record.status == "pending" and record.params == {"ids": ["m1", "m3"]}
        assert record.params_schema["properties"]["ids"]["type"] == "array"
        assert record.message == "항목 2개를 삭제합니다."
        assert hitl["preview"] == [
            {"id": "m1", "subject": "주간 회의록"},
            {"id": "m3", "subject": "점심 메뉴 투표"},
        ]
        score = await redis.zscore(tenant_index_key("tenant1"), hitl["requestId"])
        assert score == record.created_at
        assert journal.runs == []
        await decide(redis, hitl["requestId"], "approved")
        await read_stream(response, transcript)
    assert journal.of("delete_items") == [{"ids": ["m1", "m3"]}]
    after = transcript.types()[transcript.types().index("hitl") + 1 :]
    assert (
        after[0] == "plan_step_update"
        and transcript.events[len(transcript.events) - len(after)].payload["status"] == "approved"
    )
    assert subsequence(after, ["tool_call_start", "tool_execution", "content", "end"])
    assert transcript.of("end")[0].payload["status"] == "completed"
    session = HitlSession.model_validate_json(await redis.get(session_key(hitl["sessionId"])))
    assert session.request_id == hitl["requestId"] and session.model_extra["state"] == "decided"


async def test_rejection_skips_the_step_says_why_and_never_runs_the_tool(
    start_agent, http, redis, journal
):
    async with (
        start_agent([[DELETE, ("send_note", {"to": "kim", "body": "done"})]]) as agent,
        open_stream(http, agent.url, "메일 2개를 삭제해주세요") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        await decide(redis, hitl["requestId"], "rejected", reason="사용자 거절")
        await read_stream(response, transcript)
    assert journal.runs == []
    # A rejected call never appears as a tool_execution (the original frontend logs those as run).
    assert transcript.of("tool_execution") == [] and transcript.of("tool_call_start") == []
    cancelled = [e.payload for e in transcript.of("tool_call_cancelled")]
    assert [(c["tool"], c["cause"], c["reason"]) for c in cancelled] == [
        ("delete_items", "rejected", "사용자 거절")
    ]
    skipped = {
        e.payload["id"]
        for e in transcript.of("plan_step_update")
        if e.payload["status"] == "skipped"
    }
    assert skipped == {"step-0-0", "step-0-1"}
    answer = "".join(e.payload["content"] for e in transcript.of("content"))
    assert "사용자 거절" in answer
    assert (
        transcript.types()[-1] == "end" and transcript.of("end")[0].payload["status"] == "rejected"
    )
    assert await session_state(redis, hitl["sessionId"], hitl["requestId"]) == "decided"


async def test_a_model_that_asks_for_more_after_a_rejection_still_ends_rejected(
    start_agent, http, redis, journal
):
    turns = [[DELETE], [("list_items", {})], [("send_note", {"to": "kim", "body": "x"})]]
    async with (
        start_agent(turns, persist_after_rejection=True) as agent,
        open_stream(http, agent.url, "메일 2개를 삭제해주세요") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        await decide(redis, hitl["requestId"], "rejected", reason="중요한 메일")
        await read_stream(response, transcript)
    assert journal.runs == []  # neither the rejected call nor the ones proposed after it
    assert len(transcript.of("hitl")) == 1
    assert {e.payload["id"] for e in transcript.of("plan_step")} == {"step-0-0"}
    answer = "".join(e.payload["content"] for e in transcript.of("content"))
    assert "delete_items" in answer and "중요한 메일" in answer
    assert transcript.of("end")[0].payload["status"] == "rejected" and transcript.done
    assert "error" not in transcript.types()


async def test_no_decision_in_time_fails_the_run_and_expires_the_request(
    start_agent, http, redis, journal
):
    async with (
        start_agent([[DELETE]], hitl_timeout_seconds=1.0, hitl_poll_seconds=0.2) as agent,
        open_stream(http, agent.url, "delete two items") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        await read_stream(response, transcript)
    tail = transcript.types()[-3:]
    assert tail == ["failed", "error", "end"]
    assert transcript.of("error")[0].payload["errorType"] == "TimeoutError"
    assert transcript.of("failed")[0].payload["requestId"] == hitl["requestId"]
    assert transcript.of("end")[0].payload["status"] == "failed"
    cancelled = [e.payload for e in transcript.of("tool_call_cancelled")]
    assert [c["cause"] for c in cancelled] == ["expired"] and transcript.of("tool_execution") == []
    record = HitlRequest.model_validate_json(await redis.get(request_key(hitl["requestId"])))
    assert record.status == "expired"
    assert journal.runs == []
    assert await session_state(redis, hitl["sessionId"], hitl["requestId"]) == "expired"


async def test_edited_params_are_the_only_ones_that_run(start_agent, http, redis, journal):
    async with (
        start_agent([[DELETE]]) as agent,
        open_stream(http, agent.url, "메일 2개를 삭제해주세요") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        await decide(redis, hitl["requestId"], "approved", edited={"ids": ["m3"]})
        await read_stream(response, transcript)
    assert journal.of("delete_items") == [{"ids": ["m3"]}]
    started = [e.payload for e in transcript.of("tool_call_start")]
    assert started[-1]["params"] == {"ids": ["m3"]}
    assert transcript.of("tool_execution")[-1].payload["params"] == {"ids": ["m3"]}
    assert transcript.of("end")[0].payload["status"] == "completed"


async def test_tampered_request_params_are_not_run(start_agent, http, redis, journal):
    async with (
        start_agent([[DELETE]]) as agent,
        open_stream(http, agent.url, "메일 2개를 삭제해주세요") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        key = request_key(hitl["requestId"])
        record = json.loads(await redis.get(key))
        record["params"] = {"ids": ["m1", "m2", "m3", "m4"]}  # not what the hash announced
        await redis.set(key, json.dumps(record), keepttl=True)
        await decide(redis, hitl["requestId"], "approved")
        await read_stream(response, transcript)
    assert journal.runs == []
    assert transcript.of("error")[0].payload["errorType"] == "ApprovalMismatchError"
    assert transcript.types()[-1] == "end" and transcript.of("end")[0].payload["status"] == "failed"
    assert await session_state(redis, hitl["sessionId"], hitl["requestId"]) == "decided"


async def test_a_tool_failing_after_approval_settles_the_session(start_agent, http, redis, journal):
    async with (
        start_agent([[("shred_items", {"ids": ["m1"]})]]) as agent,
        open_stream(http, agent.url, "shred m1") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        assert await session_state(redis, hitl["sessionId"], hitl["requestId"]) == "waiting"
        await decide(redis, hitl["requestId"], "approved")
        await read_stream(response, transcript)
    assert journal.of("shred_items") == [{"ids": ["m1"]}]
    assert transcript.of("error")[0].payload["errorType"] == "ToolError"
    assert transcript.of("end")[0].payload["status"] == "failed" and transcript.done
    assert await session_state(redis, hitl["sessionId"], hitl["requestId"]) == "decided"


async def test_two_approvals_in_one_run_each_have_their_own_request(
    start_agent, http, redis, journal
):
    turns = [[DELETE], [("send_note", {"to": "kim", "body": "정리했습니다"})]]
    async with (
        start_agent(turns) as agent,
        open_stream(http, agent.url, "삭제하고 알려줘") as response,
    ):
        transcript = SseTranscript()
        first = await until_hitl(response, transcript)
        await decide(redis, first["requestId"], "approved")
        second = await until_hitl(response, transcript)
        assert second["requestId"] != first["requestId"]
        assert second["sessionId"] == first["sessionId"]
        assert journal.of("delete_items") == [{"ids": ["m1", "m3"]}]
        await decide(redis, second["requestId"], "approved")
        await read_stream(response, transcript)
    assert [name for name, _ in journal.runs] == ["delete_items", "send_note"]
    assert len(transcript.of("hitl")) == 2
    assert transcript.of("end")[0].payload["status"] == "completed"


async def test_a_tool_failure_ends_with_error_and_failed(start_agent, http, journal):
    async with (
        start_agent([[("broken", {})]]) as agent,
        open_stream(http, agent.url, "break it") as response,
    ):
        transcript = await read_stream(response, SseTranscript())
    assert len(transcript.of("tool_call_start")) == 1
    statuses = [e.payload["status"] for e in transcript.of("tool_execution")]
    assert statuses == ["failed"]
    error = transcript.of("error")[0].payload
    assert error["errorType"] == "ToolError" and "offline" in error["message"]
    assert "Traceback" not in json.dumps(error)
    assert transcript.types()[-2:] == ["error", "end"] and transcript.done


async def test_a_model_failure_ends_with_error_and_failed(start_agent, http):
    async with (
        start_agent([[("list_items", {})]], fail_on_turn=0) as agent,
        open_stream(http, agent.url, "hello") as response,
    ):
        transcript = await read_stream(response, SseTranscript())
    assert transcript.of("error")[0].payload["errorType"] == "ModelError"
    assert transcript.of("end")[0].payload["status"] == "failed" and transcript.done


async def test_a_client_reading_only_data_lines_sees_every_event(start_agent, http, redis):
    async with (
        start_agent([[DELETE]]) as agent,
        open_stream(http, agent.url, "메일 2개를 삭제해주세요") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        await decide(redis, hitl["requestId"], "approved")
        await read_stream(response, transcript)
    body = b"".join(transcript.chunks).decode("utf-8")
    seen = []
    for line in body.split("\n"):
        if not line.startswith("data: ") or line == "data: [DONE]":
            continue
        parsed = json.loads(line[len("data: ") :])
        payload = parsed.get("data") or parsed  # the original frontend's parser
        seen.append((parsed["type"], payload))
    assert [kind for kind, _ in seen] == transcript.types()
    hitl_payload = next(payload for kind, payload in seen if kind == "hitl")
    assert hitl_payload["requestId"] == hitl["requestId"]
    assert "항목 2개를 삭제합니다." in body  # Korean sent as is, not \\u-escaped
    assert body.endswith("data: [DONE]\n\n")
    # every event arrived in its own network chunk, nothing after `hitl` in the same one
    hitl_chunk = next(c for c in transcript.chunks if b"event: hitl" in c)
    assert hitl_chunk.endswith(b"\n\n") and hitl_chunk.count(b"\n\n") == 1


async def test_heartbeats_flow_while_waiting_for_a_human(start_agent, http, redis):
    async with (
        start_agent([[DELETE]], sse_heartbeat_seconds=0.3) as agent,
        open_stream(http, agent.url, "delete two") as response,
    ):
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        while len(transcript.comments) < 2:
            await read_stream(response, transcript, until_comment=True)
        await decide(redis, hitl["requestId"], "approved")
        await read_stream(response, transcript)
    assert transcript.comments[:2] == ["keep-alive", "keep-alive"]
    assert transcript.of("end")[0].payload["status"] == "completed"
