"""A supervised process group: start children, prefix their logs, stop them all together.

Each child runs in its own session so that a Ctrl-C in the terminal reaches only the supervisor,
which then stops the children in order (SIGTERM, then SIGKILL after a grace period). On Linux each
child also asks the kernel for SIGTERM when the supervisor dies, so that even a `kill -9` of the
supervisor leaves no orphan behind.

A child that exits on its own is reported and started again after a back-off (0.5 s, doubling up
to 30 s; back to 0.5 s once it has stayed up for a minute), so a crash of one service is a pause,
not an outage. A child that keeps dying — `MAX_QUICK_RESTARTS` starts in a row that did not stay
up for a minute — stops the group.
"""

import asyncio
import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

STOP_GRACE_SECONDS = 10.0
FIRST_BACKOFF_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 30.0
STABLE_SECONDS = 60.0
MAX_QUICK_RESTARTS = 5
_PR_SET_PDEATHSIG = 1
_COLOURS = ("36", "33", "35", "32", "34", "31", "37")


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


Launch = Callable[[], Awaitable[asyncio.subprocess.Process]]


@dataclass
class Child:
    name: str
    launch: Launch
    process: asyncio.subprocess.Process | None = None
    pump: asyncio.Task[None] | None = field(default=None, repr=False)
    started_at: float = 0.0
    quick_restarts: int = 0

    def next_backoff(self, now: float) -> float | None:
        """Seconds to wait before starting it again, or None when it keeps dying."""
        if now - self.started_at >= STABLE_SECONDS:
            self.quick_restarts = 0
        self.quick_restarts += 1
        if self.quick_restarts > MAX_QUICK_RESTARTS:
            return None
        backoff: float = FIRST_BACKOFF_SECONDS * 2.0 ** (self.quick_restarts - 1)
        return min(backoff, MAX_BACKOFF_SECONDS)


class ChildExitedError(Exception):
    def __init__(self, name: str, returncode: int) -> None:
        super().__init__(f"{name} exited with code {returncode}")
        self.name = name
        self.returncode = returncode


class ProcessGroup:
    def __init__(self, colour: bool | None = None) -> None:
        self.children: list[Child] = []
        self._colour = sys.stdout.isatty() if colour is None else colour
        self._width = 8

    def prefix(self, name: str) -> str:
        label = f"{name:<{self._width}}|"
        if not self._colour:
            return label
        index = sum(map(ord, name)) % len(_COLOURS)
        return f"\x1b[{_COLOURS[index]}m{label}\x1b[0m"

    def say(self, text: str) -> None:
        print(f"{self.prefix('aura')} {text}", flush=True)

    async def start(self, name: str, argv: Sequence[str], env: Mapping[str, str]) -> Child:
        async def launch() -> asyncio.subprocess.Process:
            return await asyncio.create_subprocess_exec(
                *argv,
                env=dict(env),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )

        return await self.adopt(name, launch)

    async def adopt(self, name: str, launch: Launch) -> Child:
        """Supervise a process that `launch` starts (and starts again when it dies)."""
        child = Child(name, launch)
        self._width = max(self._width, len(name))
        self.children.append(child)
        await self._launch(child)
        return child

    async def restart(self, child: Child) -> None:
        if child.pump is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(child.pump, timeout=2)
        await self._launch(child)

    async def _launch(self, child: Child) -> None:
        child.process = await child.launch()
        child.started_at = asyncio.get_running_loop().time()
        child.pump = asyncio.create_task(self._pump(child), name=f"log-{child.name}")

    async def _pump(self, child: Child) -> None:
        assert child.process is not None and child.process.stdout is not None
        prefix = self.prefix(child.name)
        while line := await child.process.stdout.readline():
            text = line.decode("utf-8", errors="replace").rstrip("\n")
            sys.stdout.write(f"{prefix} {text}\n")
            sys.stdout.flush()

    async def wait_for_exit(self) -> Child:
        """Return the first child that exits."""
        waits = {
            asyncio.create_task(child.process.wait()): child
            for child in self.children
            if child.process is not None
        }
        try:
            done, _ = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in waits:
                task.cancel()
        return waits[next(iter(done))]

    async def stop(self) -> None:
        """Stop every child, newest first: SIGTERM, then SIGKILL after the grace period."""
        for child in reversed(self.children):
            await self._stop_one(child)
        for child in self.children:
            if child.pump is not None:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await asyncio.wait_for(child.pump, timeout=2)

    async def _stop_one(self, child: Child) -> None:
        process = child.process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=STOP_GRACE_SECONDS)
        except TimeoutError:
            self.say(f"{child.name} did not stop within {STOP_GRACE_SECONDS:.0f} s; killing it")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


def install_stop_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
