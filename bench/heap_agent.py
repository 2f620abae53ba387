"""The agent service as `aura serve agent` runs it, with tracemalloc on: a diagnostic process for
`bench.paused_heap`, never part of a deployment.

On SIGUSR1 it writes, into `$HEAP_DIR`, a tracemalloc snapshot (`heap-<n>.snapshot`) and the
live objects gc tracks, counted and sized (`sys.getsizeof`) by type
(`heap-<n>.types.json`, after a full collection), then
`heap-<n>.done`, so that whoever sent the signal knows both are complete.

Run:  HEAP_DIR=/tmp/heap .venv/bin/python -m bench.heap_agent --port 9100   (+ the agent's env)
"""

import argparse
import gc
import json
import os
import signal
import sys
import tracemalloc
from collections import Counter
from pathlib import Path
from types import FrameType

FRAMES = int(os.environ.get("HEAP_FRAMES", "8"))  # deeper tracebacks slow the agent down


def dump_heap(directory: Path, index: int) -> None:
    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    snapshot.dump(str(directory / f"heap-{index}.snapshot"))
    counts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for thing in gc.get_objects():
        name = type(thing).__qualname__
        counts[name] += 1
        sizes[name] += sys.getsizeof(thing)
    types = {"counts": dict(counts), "bytes": dict(sizes)}
    (directory / f"heap-{index}.types.json").write_text(json.dumps(types))
    (directory / f"heap-{index}.done").write_text("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    directory = Path(os.environ["HEAP_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    dumps = iter(range(1_000_000))

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        dump_heap(directory, next(dumps))

    # Imported before tracing starts: traced imports take minutes, and are no run's memory.
    import aura.agent.app  # noqa: F401
    from aura.cli.serve import run

    tracemalloc.start(FRAMES)
    signal.signal(signal.SIGUSR1, on_signal)
    run(argparse.Namespace(service="agent", port=args.port, host=None))


if __name__ == "__main__":
    main()
