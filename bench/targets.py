"""The comparison's table: each measure of Aura beside its floor, the ratio, the issue's target
and whether it is met; `plain()` makes the figures JSON-safe."""

import argparse
import math
from typing import Any

from bench.phases import ms


def ratio(aura: float, floor: float) -> float:
    return aura / floor if floor and not math.isnan(floor) else float("nan")


Row = tuple[str, str, str, str, str, str]


def rows(result: dict[str, Any], args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    aura, floor, graph = result["aura"], result["floor"], result["langgraph"]
    one_a, one_f = aura["one_client"], floor["one_client"]
    gate_a, gate_f = aura["waiting_gate"], floor["waiting_gate"]
    resume_floor = one_f["approve_to_next_event_p50"] + graph["resume_to_first_update_p50"]
    targets: dict[str, Any] = {}
    table: list[Row] = []

    def latency(label: str, a: float, f: float, target: str = "", met: bool | None = None) -> None:
        table.append((label, ms(a), ms(f), f"{ratio(a, f):.1f}×", target, verdict(met)))

    def verdict(met: bool | None) -> str:
        return "" if met is None else ("yes" if met else "NO")

    met = one_a["approve_to_next_event_p50"] <= 2 * resume_floor
    targets["1_resume_p50_le_2x_floor"] = met
    latency(
        "1 client: approve → next event p50 (floor = proxy+Redis + LangGraph resume)",
        one_a["approve_to_next_event_p50"],
        resume_floor,
        "≤ 2× floor",
        met,
    )
    met = one_a["approve_to_next_event_p99"] <= 0.025
    targets["1_resume_p99_le_25ms"] = met
    latency(
        "1 client: approve → next event p99",
        one_a["approve_to_next_event_p99"],
        one_f["approve_to_next_event_p99"],
        "≤ 25 ms",
        met,
    )
    latency(
        "1 client: approve → next event p50, floor without LangGraph",
        one_a["approve_to_next_event_p50"],
        one_f["approve_to_next_event_p50"],
    )
    latency(
        "1 client: approve call's answer p50",
        one_a["approve_answer_p50"],
        one_f["approve_answer_p50"],
    )
    latency("1 client: POST → [DONE] p50", one_a["post_to_done_p50"], one_f["post_to_done_p50"])
    label = f"{args.gate_clients} waiting, {args.gate_rate:g} approvals/s: approve → next"
    latency(
        f"{label} p50", gate_a["approve_to_next_event_p50"], gate_f["approve_to_next_event_p50"]
    )
    met = gate_a["approve_to_next_event_p99"] <= 0.100 and gate_a["errors"] == 0
    targets["1b_gate_p99_le_100ms"] = met
    latency(
        f"{label} p99",
        gate_a["approve_to_next_event_p99"],
        gate_f["approve_to_next_event_p99"],
        "≤ 100 ms",
        met,
    )
    for clients in args.concurrency:
        a, f = aura[f"throughput_{clients}"], floor[f"throughput_{clients}"]
        met = a["scenarios_per_s"] >= 50 and a["errors"] == 0
        targets[f"2_throughput_{clients}_ge_50"] = met
        table.append(
            (
                f"{clients} clients: scenarios/s (ratio = floor ÷ Aura)",
                f"{a['scenarios_per_s']:.1f}",
                f"{f['scenarios_per_s']:.1f}",
                f"{ratio(f['scenarios_per_s'], a['scenarios_per_s']):.1f}×",
                "≥ 50/s",
                verdict(met),
            )
        )
        latency(
            f"{clients} clients: approve → next event p50",
            a["approve_to_next_event_p50"],
            f["approve_to_next_event_p50"],
        )
    latency(
        "POST → first event p50", one_a["post_to_first_event_p50"], one_f["post_to_first_event_p50"]
    )
    latency(
        "proxy's plain round trip p50 (Aura: GET /api/main/health)",
        one_a["plain_round_trip_p50"],
        one_f["plain_round_trip_p50"],
    )
    first_a = ratio(one_a["post_to_first_event_p50"], one_a["plain_round_trip_p50"])
    first_f = ratio(one_f["post_to_first_event_p50"], one_f["plain_round_trip_p50"])
    targets["5_first_event_le_2x_round_trip"] = first_a <= 2
    table.append(
        (
            "first event ÷ plain round trip (each side its own)",
            f"{first_a:.1f}×",
            f"{first_f:.1f}×",
            "",
            "≤ 2×",
            verdict(first_a <= 2),
        )
    )
    table.append(
        (
            "LangGraph alone: resume → first update / → finish p50",
            "",
            f"{ms(graph['resume_to_first_update_p50'])} / {ms(graph['resume_to_finish_p50'])}",
            "",
            "",
            "",
        )
    )
    return table, targets


def print_table(table: list[Row]) -> None:
    header: Row = ("measure", "Aura", "floor", "ratio", "target", "met?")
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(6)]
    for row in [header, tuple("-" * w for w in widths), *table]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)), flush=True)


def plain(value: Any) -> Any:
    """JSON-safe: NaN becomes null, tuples lists, nested dicts kept."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 6)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
