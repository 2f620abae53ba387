"""LangGraph alone: how long a paused thread takes to resume on the async SQLite checkpointer.

A two-node graph (`ask` calls `interrupt()`, `act` finishes) is run to its interrupt, then resumed
with `Command(resume=...)`; timed from the call to the first `updates` chunk (the resumed node's
update) and to the end of the stream. Each run is its own thread in one SQLite file, as the agent
keeps its checkpoints.

Run:  .venv/bin/python -m bench.reference.langgraph_resume [--runs 200]
"""

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.graph import END, START, StateGraph
from langgraph.types import Command, interrupt


class State(TypedDict):
    decision: str
    done: bool


async def ask(state: State) -> dict[str, Any]:
    return {"decision": interrupt({"action": "send_message"})}


async def act(state: State) -> dict[str, Any]:
    return {"done": state["decision"] == "approved"}


@dataclass(frozen=True)
class ResumeTimes:
    first_update: list[float]
    finished: list[float]


async def measure(runs: int) -> ResumeTimes:
    first_update: list[float] = []
    finished: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-langgraph-") as workdir:
        async with AsyncSqliteSaver.from_conn_string(str(Path(workdir) / "c.db")) as saver:
            builder = StateGraph(State)
            builder.add_node("ask", ask)
            builder.add_node("act", act)
            builder.add_edge(START, "ask")
            builder.add_edge("ask", "act")
            builder.add_edge("act", END)
            graph = builder.compile(checkpointer=saver)
            for _ in range(runs):
                config: Any = {"configurable": {"thread_id": uuid.uuid4().hex}}
                await graph.ainvoke({"decision": "", "done": False}, config)
                started = time.perf_counter()
                first = 0.0
                async for _chunk in graph.astream(
                    Command(resume="approved"), config, stream_mode="updates"
                ):
                    first = first or time.perf_counter()
                ended = time.perf_counter()
                first_update.append(first - started)
                finished.append(ended - started)
    return ResumeTimes(first_update, finished)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    times = asyncio.run(measure(parser.parse_args().runs))
    print(
        f"resume -> first update p50 {statistics.median(times.first_update) * 1000:.2f} ms; "
        f"-> finish p50 {statistics.median(times.finished) * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
