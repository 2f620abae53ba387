"""The offline planner's accuracy on its evaluation set, per category and language.

Runs every request of `tests/agent/llm/evaluation` through the offline planner and the real
tools against the real mail service's demo mailboxes (in-process, on a throw-away SQLite
database), approving every gated call, and prints the accuracy table (the README keeps a copy).

Reproduce:  .venv/bin/python -m bench.planner_accuracy [--failures]
"""

import argparse
import asyncio
import time

from tests.agent.llm.evaluation.mailroom import mailroom
from tests.agent.llm.evaluation.scoring import CASES, accuracy_table, evaluate, render
from tests.support.backends import database_for_tests
from tests.support.identity import TEST_JWT_SECRET

from aura.agent.llm.offline import OfflinePlanner


async def main(show_failures: bool) -> None:
    with database_for_tests() as url:
        async with mailroom(url, TEST_JWT_SECRET) as room:
            started = time.perf_counter()
            verdicts = await evaluate(OfflinePlanner(room.tools), room.tools, room)
            elapsed = time.perf_counter() - started
    if show_failures:
        for verdict in verdicts:
            if not verdict.passed:
                case = verdict.case
                print(f"FAIL [{case.category}/{case.language}] {case.prompt!r}")
                print(f"     {verdict.problem}")
                print(f"     got {list(verdict.got)}")
    print(render(accuracy_table(verdicts)))
    print(f"\n{len(CASES)} requests in {elapsed:.1f} s (mailbox reset before each).")
    print("Reproduce: .venv/bin/python -m bench.planner_accuracy [--failures]")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print every failed request")
    asyncio.run(main(parser.parse_args().failures))
