"""The collector's settings for a serving process and its pauses on `/metrics`.

`settle_heap` freezes the heap for the rest of the process's life, so it is exercised in a child
process of its own (the test runner's heap must stay collectable), through `ServiceServer` as
`aura serve` runs it."""

import gc
import subprocess
import sys
import textwrap
import time

import httpx

from aura.kit.garbage_collection import PAUSE_BUCKETS, YOUNG_THRESHOLD, GcPauses
from tests.kit.test_metrics import _app as metrics_test_app
from tests.kit.test_metrics import _client
from tests.support.metrics import scrape
from tests.support.ports import free_port

SERVED = textwrap.dedent(
    """
    import gc, sys
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from aura.cli.serve import ServiceServer

    before = {"frozen": gc.get_freeze_count(), "threshold": list(gc.get_threshold())}

    async def heap(request):
        now = {"frozen": gc.get_freeze_count(), "threshold": list(gc.get_threshold())}
        return JSONResponse({"before": before, **now})

    config = uvicorn.Config(
        Starlette(routes=[Route("/heap", heap)]), port=int(sys.argv[1]), log_level="warning"
    )
    ServiceServer(config).run()
    """
)


def _heap_of_a_served_app() -> dict[str, object]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVED, str(port)])
    try:
        for _ in range(200):
            try:
                return httpx.get(f"http://127.0.0.1:{port}/heap", timeout=1.0).json()
            except httpx.TransportError:
                if server.poll() is not None:
                    raise AssertionError("the served app exited") from None
                time.sleep(0.05)
        raise AssertionError("the served app never answered")
    finally:
        server.terminate()
        server.wait(10)


def test_a_served_app_has_its_heap_frozen_and_young_collections_spaced_out_once_started():
    heap = _heap_of_a_served_app()

    assert heap["before"] == {"frozen": 0, "threshold": list(gc.get_threshold())}
    assert isinstance(heap["frozen"], int) and heap["frozen"] > 10_000  # modules, the app, uvicorn
    assert heap["threshold"] == [YOUNG_THRESHOLD, 10, 10]


def test_pauses_are_counted_by_generation_in_their_bucket():
    pauses = GcPauses()
    gc.callbacks.append(pauses.observe)
    try:
        gc.collect()
        gc.collect(0)
    finally:
        gc.callbacks.remove(pauses.observe)

    assert sum(pauses.bucket_counts[2]) == 1 and pauses.seconds[2] > 0
    assert sum(pauses.bucket_counts[0]) >= 1
    assert sum(pauses.bucket_counts[1]) == 0

    pauses.observe("start", {"generation": 1})
    pauses._began -= 0.003  # a pause of 3 ms lands in the bucket `le="0.005"`
    pauses.observe("stop", {"generation": 1})
    assert pauses.bucket_counts[1][PAUSE_BUCKETS.index(0.005)] == 1


async def test_an_apps_metrics_show_the_processs_collector_pauses():
    async with _client(metrics_test_app()) as client:
        before = await scrape(client)
        gc.collect()
        after = await scrape(client)

    full = {"generation": "2"}
    assert (
        after.value("aura_gc_pause_seconds_count", **full)
        >= before.value("aura_gc_pause_seconds_count", **full) + 1
    )
    assert after.value("aura_gc_pause_seconds_sum", **full) > 0
    assert after.label_values("aura_gc_pause_seconds_count", "generation") == {"0", "1", "2"}
