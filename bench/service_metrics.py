"""Each Aura service's Prometheus `/metrics`, read before and after a phase, boiled down to the
few figures that explain the phase's result (README "Metrics" lists what every service exports)."""

import math
from dataclasses import dataclass
from typing import Any

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

Labels = tuple[tuple[str, str], ...]
Samples = dict[tuple[str, Labels], float]


@dataclass(frozen=True)
class Snapshot:
    services: dict[str, Samples]

    def value(self, service: str, name: str, **labels: str) -> float:
        """The sum of `name` over the samples whose labels include `labels`."""
        wanted = set(labels.items())
        return sum(
            value
            for (sample, sample_labels), value in self.services.get(service, {}).items()
            if sample == name and wanted <= set(sample_labels)
        )

    def buckets(self, service: str, name: str, **labels: str) -> list[tuple[float, float]]:
        by_bound: dict[float, float] = {}
        wanted = set(labels.items())
        for (sample, sample_labels), value in self.services.get(service, {}).items():
            if sample == f"{name}_bucket" and wanted <= set(sample_labels):
                bound = float(dict(sample_labels)["le"])
                by_bound[bound] = by_bound.get(bound, 0.0) + value
        return sorted(by_bound.items())


async def scrape(session: aiohttp.ClientSession, urls: dict[str, str]) -> Snapshot:
    services: dict[str, Samples] = {}
    for service, base in urls.items():
        async with session.get(f"{base}/metrics") as response:
            text = await response.text()
        samples: Samples = {}
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
        services[service] = samples
    return Snapshot(services)


async def runs_paused(session: aiohttp.ClientSession, agent_url: str) -> float:
    """The agent's `aura_agent_runs_paused` gauge: runs waiting at the gate for a decision (a
    run is counted once it starts waiting, after its `hitl` went out and its state was saved)."""
    snapshot = await scrape(session, {"agent": agent_url})
    return snapshot.value("agent", "aura_agent_runs_paused")


def quantile(buckets: list[tuple[float, float]], share: float) -> float:
    """Histogram quantile (linear inside the bucket, as Prometheus estimates it); NaN if empty,
    infinity when it lies past the last finite bucket."""
    if not buckets or buckets[-1][1] <= 0:
        return float("nan")
    rank = share * buckets[-1][1]
    lower_bound, lower_count = 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if math.isinf(bound):
                return math.inf
            inside = count - lower_count
            return lower_bound + (bound - lower_bound) * ((rank - lower_count) / inside)
        lower_bound, lower_count = bound, count
    return lower_bound


class Change:
    """What happened between two snapshots."""

    def __init__(self, before: Snapshot, after: Snapshot) -> None:
        self.before, self.after = before, after

    def count(self, service: str, name: str, **labels: str) -> float:
        return self.after.value(service, name, **labels) - self.before.value(
            service, name, **labels
        )

    def histogram(self, service: str, name: str, **labels: str) -> dict[str, float]:
        """count, mean, p50 and p99 of the observations made between the snapshots."""
        after = dict(self.after.buckets(service, name, **labels))
        before = dict(self.before.buckets(service, name, **labels))
        delta = sorted((bound, after[bound] - before.get(bound, 0.0)) for bound in after)
        count = self.count(service, f"{name}_count", **labels)
        total = self.count(service, f"{name}_sum", **labels)
        finite = [bound for bound, _ in delta if not math.isinf(bound)]
        return {
            "top": finite[-1] if finite else math.nan,
            "n": count,
            "mean": total / count if count else float("nan"),
            "p50": quantile(delta, 0.5),
            "p99": quantile(delta, 0.99),
        }


HTTP = "aura_http_request_duration_seconds"


def explain(before: Snapshot, after: Snapshot) -> dict[str, Any]:
    """The figures that say where a phase's time went, by service."""
    change = Change(before, after)
    return {
        "agent_resume_s": change.histogram("agent", "aura_agent_resume_seconds"),
        "agent_hitl_to_decision_s": change.histogram("agent", "aura_agent_decision_seconds"),
        "agent_decisions_approved": change.count(
            "agent", "aura_agent_decisions_total", outcome="approved"
        ),
        "agent_runs_completed": change.count(
            "agent", "aura_agent_runs_ended_total", state="completed"
        ),
        "agent_runs_failed": change.count("agent", "aura_agent_runs_ended_total", state="failed"),
        "agent_hub_reconnects": change.count("agent", "aura_agent_hub_reconnects_total"),
        "agent_stream_open_s": change.histogram(
            "agent", HTTP, method="POST", route="/aura/test/stream"
        ),
        "main_approve_s": change.histogram(
            "main", HTTP, method="POST", route="/aura/hitl/approve/{request_id}"
        ),
        "main_decisions_recorded": change.count(
            "main", "aura_main_decisions_total", answer="recorded"
        ),
        "mail_send_s": change.histogram("mail", HTTP, method="POST", route="/mail/messages/send"),
        "gateway_to_agent_open_s": change.histogram(
            "gateway", HTTP, method="POST", route="/api/** (agent)"
        ),
        "gateway_to_main_post_s": change.histogram(
            "gateway", HTTP, method="POST", route="/api/** (main)"
        ),
        "gateway_upstream_errors": change.count("gateway", "aura_gateway_upstream_errors_total"),
        "gc_pause_s": {
            service: change.count(service, "aura_gc_pause_seconds_sum")
            for service in after.services
        },
    }


def gauges(snapshot: Snapshot) -> dict[str, float]:
    """Levels right now: streams open at the agent and the gateway, runs running and paused."""
    return {
        "agent_open_streams": snapshot.value("agent", "aura_agent_open_streams"),
        "agent_runs_running": snapshot.value("agent", "aura_agent_runs_running"),
        "agent_runs_paused": snapshot.value("agent", "aura_agent_runs_paused"),
        "gateway_open_streams": snapshot.value("gateway", "aura_gateway_open_streams"),
    }


def describe(figures: dict[str, Any]) -> list[str]:
    """Readable lines for `explain()`'s figures."""
    lines = []
    for key, value in figures.items():
        if key == "cpu_ms_per_run":
            per_service = ", ".join(f"{name} {ms:.1f}" for name, ms in value.items())
            lines.append(f"{'CPU ms per scenario':<28} {per_service}")
        elif key == "gc_pause_s":
            per_service = ", ".join(f"{name} {seconds:.3f}" for name, seconds in value.items())
            lines.append(f"{'garbage collector, s':<28} {per_service}")
        elif isinstance(value, dict):
            if not value["n"]:
                continue
            lines.append(
                f"{key:<28} n={value['n']:<6.0f} mean {value['mean'] * 1000:7.1f} ms  "
                f"p50 {_bucket_ms(value['p50'], value['top'])}  "
                f"p99 {_bucket_ms(value['p99'], value['top'])}"
            )
        elif value:
            lines.append(f"{key:<28} {value:g}")
    return lines


def _bucket_ms(seconds: float, top: float) -> str:
    if math.isinf(seconds):
        return f"> {top * 1000:.0f} ms (past the last bucket)"
    return f"{seconds * 1000:7.1f} ms"
