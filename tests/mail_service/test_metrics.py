"""The mail service's `GET /metrics`: a request moves its route template's histogram."""

import httpx
import pytest

from tests.support.identity import auth_headers
from tests.support.metrics import scrape

pytestmark = pytest.mark.db

REQUESTS = "aura_http_request_duration_seconds_count"


async def test_a_message_read_is_labelled_by_its_route_template(client: httpx.AsyncClient):
    missing = "msg_not_there_0123456789"
    before = await scrape(client)
    answer = await client.get(f"/mail/messages/{missing}", headers=auth_headers())
    after = await scrape(client)

    route = {"method": "GET", "route": "/mail/messages/{message_id}", "status": "404"}
    assert answer.status_code == 404
    assert after.value(REQUESTS, **route) == before.value(REQUESTS, **route) + 1
    assert missing not in after.text
