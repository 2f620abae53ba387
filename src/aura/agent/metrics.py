"""Aura-Platform's metrics: streams, runs, the approval gate, the pub/sub hub, takeovers.

Every label is a closed set (a run's final state, a decision's outcome, a takeover's outcome);
run ids never become labels. The hot path (one logged event) costs one dict lookup, and only a
run that just saw a decision has an entry to find.

Resume latency is measured from the moment the gate saw the decision to the moment the run's next
event was written to its log: the wake-up, the checkpointer's resume and the tool call before it.
"""

import time
from typing import Literal

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

DecisionOutcome = Literal["approved", "rejected", "expired"]
TakeoverOutcome = Literal["resumed", "ended"]

# A wake-up is milliseconds; a person's decision is seconds to the request's timeout.
_RESUME_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_DECISION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0)


class AgentMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        registry = registry if registry is not None else CollectorRegistry()
        self.open_streams = Gauge(
            "aura_agent_open_streams", "SSE streams of runs open right now.", registry=registry
        )
        self.runs_running = Gauge(
            "aura_agent_runs_running", "Runs this process is driving right now.", registry=registry
        )
        self.runs_ended = Counter(
            "aura_agent_runs_ended_total",
            "Runs this process drove to their end, by final state.",
            ["state"],
            registry=registry,
        )
        self.paused = Gauge(
            "aura_agent_runs_paused",
            "Runs waiting at the approval gate for a person's decision.",
            registry=registry,
        )
        self.decisions = Counter(
            "aura_agent_decisions_total",
            "Decisions the gate acted on, by outcome.",
            ["outcome"],
            registry=registry,
        )
        self.decision_seconds = Histogram(
            "aura_agent_decision_seconds",
            "Time from the request's `hitl` to the decision the gate saw.",
            registry=registry,
            buckets=_DECISION_BUCKETS,
        )
        self.resume_seconds = Histogram(
            "aura_agent_resume_seconds",
            "Time from the gate seeing a decision to the run's next logged event.",
            registry=registry,
            buckets=_RESUME_BUCKETS,
        )
        self.hub_reconnects = Counter(
            "aura_agent_hub_reconnects_total",
            "Times the pub/sub hub replaced a lost Redis connection.",
            registry=registry,
        )
        self.takeovers = Counter(
            "aura_agent_runs_taken_over_total",
            "Runs taken over after the process that owned them died, by what became of them.",
            ["outcome"],
            registry=registry,
        )
        self._decided_at: dict[str, float] = {}

    def decided(self, run_id: str, outcome: DecisionOutcome, waited_seconds: float) -> None:
        self.decisions.labels(outcome).inc()
        self.decision_seconds.observe(waited_seconds)
        self._decided_at[run_id] = time.perf_counter()

    def event_logged(self, run_id: str) -> None:
        decided_at = self._decided_at.pop(run_id, None)
        if decided_at is not None:
            self.resume_seconds.observe(time.perf_counter() - decided_at)

    def run_finished(self, run_id: str, state: str | None) -> None:
        """The run's task here is over; `state` is None when another process took it over."""
        self._decided_at.pop(run_id, None)
        if state is not None:
            self.runs_ended.labels(state).inc()
