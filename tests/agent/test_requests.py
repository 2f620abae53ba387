"""What the stream endpoint refuses before a stream starts (docs/stream.md#request); its headers."""

import json

import pytest

from tests.agent.harness import SseTranscript, read_stream
from tests.support.identity import auth_headers, token_for

pytestmark = pytest.mark.db


@pytest.fixture
async def agent(start_agent):
    async with start_agent([[("list_items", {})]], environment="test-env") as server:
        yield server


async def post(http, agent, body, headers=None):
    return await http.post(
        f"{agent.url}/aura/test/stream",
        content=body if isinstance(body, bytes) else json.dumps(body),
        headers={
            "Content-Type": "application/json",
            **(auth_headers() if headers is None else headers),
        },
    )


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "E2000"),
        ({"Authorization": "Bearer not-a-jwt", "X-Tenant-ID": "tenant1"}, 401, "E2003"),
        (
            {
                "Authorization": f"Bearer {token_for(lifetime_seconds=-10)}",
                "X-Tenant-ID": "tenant1",
            },
            401,
            "E2002",
        ),
        ({"Authorization": f"Bearer {token_for()}"}, 400, "E2006"),
        (auth_headers() | {"X-Tenant-ID": "tenant2"}, 403, "E2007"),
        (auth_headers(**{"X-User-ID": "somebody-else"}), 403, "E2001"),
    ],
)
async def test_identity_errors_come_before_the_stream(agent, http, headers, status, code):
    answer = await post(http, agent, {"prompt": "hello"}, headers)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json()["errorCode"] == code and answer.json()["success"] is False


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"prompt": "   "}, 400, "E4000", "prompt"),
        ({"prompt": "x" * 8001}, 400, "E4000", "prompt"),
        ({}, 400, "E4001", "prompt"),
        ({"prompt": 12}, 400, "E4000", "prompt"),
        ({"prompt": "hi", "context": "not an object"}, 400, "E4000", "context"),
        ({"prompt": "hi", "threadId": "bad thread id!"}, 400, "E4000", "threadId"),
    ],
)
async def test_invalid_bodies_are_refused_with_the_field(agent, http, body, status, code, field):
    answer = await post(http, agent, body)
    assert answer.status_code == status
    envelope = answer.json()
    assert envelope["errorCode"] == code
    assert any(problem["field"] == field for problem in envelope["errors"])


async def test_a_context_over_256_kib_is_too_large(agent, http):
    answer = await post(http, agent, {"prompt": "hi", "context": {"blob": "가" * 90_000}})
    assert answer.status_code == 413 and answer.json()["errorCode"] == "E4003"


async def test_broken_json_is_a_bad_format(agent, http):
    answer = await post(http, agent, b'{"prompt": ')
    assert answer.status_code == 400 and answer.json()["errorCode"] == "E4002"


async def test_the_retired_get_form_names_the_post_form(agent, http):
    answer = await http.get(f"{agent.url}/aura/test/stream", params={"message": "hi"})
    assert answer.status_code == 405
    assert answer.json()["errorCode"] == "E1002"
    assert "POST /aura/test/stream" in answer.json()["message"]


async def test_health_is_raw_not_enveloped(agent, http):
    answer = await http.get(f"{agent.url}/health")
    assert answer.json() == {"status": "healthy", "environment": "test-env"}


async def test_stream_headers_and_prompt_trimming_and_unknown_context_fields(agent, http):
    body = {
        "prompt": "  list  ",
        "context": {"activeApp": "mail", "custom": {"x": 1}},
        "thread_id": "t-1",
    }
    async with http.stream(
        "POST",
        f"{agent.url}/aura/test/stream",
        json=body,
        headers={**auth_headers(**{"X-User-ID": "user123"}), "X-Request-ID": "rid-42"},
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-accel-buffering"] == "no"
        assert response.headers["connection"] == "keep-alive"
        assert response.headers["x-request-id"] == "rid-42"
        run_id = response.headers["x-aura-run-id"]
        transcript = await read_stream(response, SseTranscript())
    start = transcript.events[0]
    assert start.id == f"{run_id}:1" and start.event == "start"
    assert start.payload["runId"] == run_id and start.payload["threadId"] == "t-1"
    assert start.payload["model"] == "scripted"
    assert isinstance(start.data["timestamp"], int)


async def test_a_thread_belongs_to_its_user(agent, http):
    # Another user's thread id is, for them, a new conversation of their own: neither refused
    # (which would tell them it exists) nor joined.
    sessions = []
    for user in ("user123", "intruder"):
        async with http.stream(
            "POST",
            f"{agent.url}/aura/test/stream",
            json={"prompt": "list", "threadId": "shared-1"},
            headers=auth_headers(user_id=user),
        ) as response:
            assert response.status_code == 200
            transcript = await read_stream(response, SseTranscript())
        sessions.append(transcript.events[0].payload["sessionId"])
    assert sessions[0] != sessions[1]
