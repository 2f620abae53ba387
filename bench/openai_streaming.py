"""Time to the first answer delta from the openai provider vs the model's first token.

A scripted OpenAI-compatible server on loopback writes a reply slowly (a role chunk, then
WORDS content chunks PAUSE seconds apart), as a real model does; the provider's answer iterator
is read as the runtime reads it. Printed per run: when the model's first content chunk left the
server, when the provider handed out the first delta, and when the last one came; the medians
over RUNS runs follow.

Reproduce:  .venv/bin/python -m bench.openai_streaming [--runs 20] [--words 40] [--pause 0.05]
"""

import argparse
import asyncio
import statistics
import time

from tests.agent.tools.declared import declared_mail_tools
from tests.support.openai_server import scripted_openai, text_reply

from aura.agent.llm.base import Conversation
from aura.agent.llm.openai import OpenAIChatModel


async def main(runs: int, words: int, pause: float) -> None:
    lags, firsts, lasts = [], [], []
    async with scripted_openai() as server:
        model = OpenAIChatModel(
            tools=declared_mail_tools(), base_url=server.base_url, model="bench"
        )
        try:
            for _ in range(runs):
                reply = text_reply(*(f"word{n} " for n in range(words)))
                reply.pause = pause
                server.script(reply)
                started = time.perf_counter()
                turn = await model.turn(Conversation("how is my inbox?", "en"))
                assert turn.answer is not None
                first = last = None
                async for _piece in turn.answer:
                    last = time.perf_counter()
                    first = first or last
                assert first is not None and last is not None
                model_first = reply.sent_at[1]  # chunk 0 is the role, chunk 1 the first word
                lags.append(first - model_first)
                firsts.append(first - started)
                lasts.append(last - started)
        finally:
            await model.aclose()
    ms = 1000
    print(f"{runs} runs, {words} words {pause * ms:.0f} ms apart (reply ≈ {words * pause:.2f} s)")
    print(
        f"first answer delta after the request:   median {statistics.median(firsts) * ms:7.1f} ms"
    )
    print(f"first delta after the model's 1st token: median {statistics.median(lags) * ms:7.1f} ms")
    print(
        f"last delta after the request:            median {statistics.median(lasts) * ms:7.1f} ms"
    )
    print("Reproduce: .venv/bin/python -m bench.openai_streaming --runs 20 --words 40 --pause 0.05")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--words", type=int, default=40)
    parser.add_argument("--pause", type=float, default=0.05)
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.words, args.pause))
