"""The main service as its own process (`aura serve main`), configured from the environment."""

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.hitl import request_key, signal_key
from tests.main_service.channel import listening
from tests.support.hitl import write_pending
from tests.support.identity import TEST_JWT_SECRET, auth_headers
from tests.support.ports import free_port
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY

pytestmark = [pytest.mark.db, pytest.mark.e2e]

START_TIMEOUT_SECONDS = 60.0


@pytest.fixture(scope="module")
def main_process(
    redis_url: str, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    port = free_port()
    var_dir = tmp_path_factory.mktemp("main-var")
    log_path = var_dir / "main.log"
    env = dict(os.environ) | {
        "JWT_SECRET": TEST_JWT_SECRET,
        "APPROVAL_SIGNING_KEY": TEST_APPROVAL_SIGNING_KEY,
        "REDIS_URL": redis_url,
        "DATABASE_URL": database_url,
        "MAIN_PORT": str(port),
        "AURA_VAR_DIR": str(var_dir),
    }
    # The log goes to a file: a pipe nobody reads could fill and stall the service.
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "aura.cli", "serve", "main"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                output = log_path.read_text(errors="replace")
                raise AssertionError(f"the main service exited at start-up:\n{output}")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the main service did not become healthy"
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


async def test_the_seed_curl_against_the_running_service(main_process: str, redis: Redis) -> None:
    pending = await write_pending(redis)
    async with (
        listening(redis, pending.session_id) as channel,
        httpx.AsyncClient(base_url=main_process, timeout=10) as http,
    ):
        response = await http.post(
            f"/aura/hitl/approve/{pending.request_id}",
            headers=auth_headers(**{"X-User-ID": "user123", "Content-Type": "application/json"}),
            content=json.dumps({"userId": "user123"}),
        )
        published = await channel.published()
        signal = await http.get(f"/aura/hitl/signals/{pending.session_id}", headers=auth_headers())
        health = await http.get("/health")

    assert response.status_code == 200, response.text
    assert response.headers["x-request-id"]
    assert [message["type"] for message in published] == ["approval"]
    assert json.loads(signal.json()["data"]) == published[0]
    assert json.loads(await redis.get(request_key(pending.request_id)))["status"] == "approved"
    assert 0 < await redis.ttl(signal_key(pending.session_id)) <= 300
    assert health.json()["data"]["status"] == "healthy"
