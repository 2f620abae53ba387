"""Stream bodies that once broke a run (issue 10, item 8): lone surrogates, deep nesting.

A lone surrogate in the prompt used to fail the run with InternalError and lose the logged end
(re-attach then said CursorExpired); in `context` it was a 500. Now both are a 400 before any
stream starts.
"""

import httpx
import pytest

from tests.support.identity import auth_headers

pytestmark = pytest.mark.db


@pytest.fixture
async def agent(start_agent):  # type: ignore[no-untyped-def]
    async with start_agent([[("list_items", {})]]) as server:
        yield server


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"prompt": "delete \\ud800 mails"}', "prompt"),
        (b'{"prompt": "delete \xed\xa0\x80 mails"}', "prompt"),
        (b'{"prompt": "hi", "context": {"note": "\\udfff"}}', "context.note"),
        (b'{"prompt": "hi", "context": {"a": ' + b"[" * 40 + b"]" * 40 + b"}}", "context"),
        (b'{"prompt": "hi", "context": ' + b"[" * 90_000 + b"]" * 90_000 + b"}", "body"),
    ],
)
async def test_bad_text_is_a_400_before_any_stream(agent, body: bytes, field: str) -> None:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(timeout=30) as http:
        response = await http.post(
            f"{agent.url}/aura/test/stream",
            content=body,
            headers={**auth_headers(), "Content-Type": "application/json"},
        )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    payload = response.json()
    assert payload["errorCode"] == "E4000" and payload["errors"][0]["field"] == field
