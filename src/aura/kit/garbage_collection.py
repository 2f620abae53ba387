"""CPython's cyclic garbage collector, set for a long-running service, and its pauses measured.

With the interpreter's defaults (a young collection every 700 net container allocations, a full
one every 100 young ones) the agent spent about a tenth of its CPU in the collector under the
throughput load (`bench.agent_cpu`, 50 clients): a young collection traverses everything allocated
and still alive since the last one, and a full one the whole heap, meaning every imported module,
every pydantic validator, the compiled graph and every paused run, for 50–140 ms at a time. A run
leaves little cyclic garbage (about 200 objects per scenario, mostly LangGraph's loop and the
traceback of its interrupt); what costs is traversing what is still alive, again and again.

`settle_heap` is called once a service has started (`aura serve`): whatever exists then lives as
long as the process, so it is moved to the permanent generation and never traversed again
(`gc.freeze`), and young collections run every `YOUNG_THRESHOLD` net allocations rather than 700
(a collection traverses more at once, but far less often, and more of what it finds is dead). The
agent's share of CPU in the collector fell from about 10 % to under 2 %.

`GcPauses` times every collection through `gc.callbacks`; `GcPauseCollector` exposes them in an
app's registry as `aura_gc_pause_seconds{generation}`: the figures are the process's, whichever
app's `/metrics` shows them.
"""

import gc
import time
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from prometheus_client.core import HistogramMetricFamily
from prometheus_client.registry import Collector

YOUNG_THRESHOLD = 20_000
"""Net container allocations between young collections (CPython's default is 700)."""
OLDER_THRESHOLDS = (10, 10)
"""Young collections per middle one, middle ones per full one: CPython's defaults."""

PAUSE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
GENERATIONS = (0, 1, 2)


def settle_heap() -> None:
    """Freeze what the started service holds and space young collections out (once, at startup:
    whatever is frozen is never collected, so it must be what lives as long as the process)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)


class GcPauses:
    """Every collection's duration by generation, as histogram buckets; one per process."""

    def __init__(self) -> None:
        self.bucket_counts = {
            generation: [0] * (len(PAUSE_BUCKETS) + 1) for generation in GENERATIONS
        }
        self.seconds = dict.fromkeys(GENERATIONS, 0.0)
        self._began = 0.0

    def observe(self, phase: str, info: dict[str, Any]) -> None:
        """The `gc.callbacks` hook: called at the start and at the stop of every collection."""
        if phase == "start":
            self._began = time.perf_counter()
            return
        generation = info["generation"]
        paused = time.perf_counter() - self._began
        self.seconds[generation] += paused
        self.bucket_counts[generation][bisect_left(PAUSE_BUCKETS, paused)] += 1


_process_pauses: GcPauses | None = None


def process_pauses() -> GcPauses:
    """The process's pause record, hooked into the collector the first time it is asked for."""
    global _process_pauses
    if _process_pauses is None:
        _process_pauses = GcPauses()
        gc.callbacks.append(_process_pauses.observe)
    return _process_pauses


class GcPauseCollector(Collector):
    """`aura_gc_pause_seconds{generation}`: the process's pauses, for an app's registry."""

    def __init__(self, pauses: GcPauses) -> None:
        self._pauses = pauses

    def collect(self) -> Iterator[HistogramMetricFamily]:
        family = HistogramMetricFamily(
            "aura_gc_pause_seconds",
            "Time the process stood still in CPython's cyclic garbage collector, per collection, "
            "by generation (0 young, 2 full); the process's figure, whichever app shows it.",
            labels=["generation"],
        )
        for generation in GENERATIONS:
            counts = self._pauses.bucket_counts[generation]
            cumulative, running = [], 0
            for bound, count in zip((*PAUSE_BUCKETS, float("inf")), counts, strict=True):
                running += count
                cumulative.append((_bucket_label(bound), running))
            family.add_metric([str(generation)], cumulative, self._pauses.seconds[generation])
        yield family


def _bucket_label(bound: float) -> str:
    return "+Inf" if bound == float("inf") else repr(bound)
