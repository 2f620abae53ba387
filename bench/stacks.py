"""Sampled call stacks (py-spy's `--format raw --threads`: one `thread (tid): name;frame;...
count` line per distinct stack, outermost frame first) and the summaries read from them: samples
per thread, per function own samples (the function was running) and cumulative samples (it was on
the stack), and own samples per package.

py-spy sees Python frames only: time in C code is charged to the Python frame that called it.
`NOTES` names the frames where that matters (uvloop's loop, SQLite in aiosqlite's thread)."""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

Stack = tuple[str, ...]
# Event-loop and server plumbing: on (nearly) every stack, so cumulative tables skip them.
PLUMBING = re.compile(
    r"\((asyncio/|uvloop|threading\.py|runpy\.py|<frozen runpy>|concurrent/futures/|"
    r"uvicorn/(server|main|_compat)\.py|click/|aura/cli/|<string>)|^<module> \("
)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
THREAD = re.compile(r"^thread \(\d+\): (?P<name>.*)$")
NOTES = {
    "Runner.run (asyncio/runners.py": "the event loop's own C code (uvloop: sockets, scheduling)",
    "_connection_worker_thread (aiosqlite/core.py": "SQLite's C code in aiosqlite's thread",
}
# Innermost frames of a thread that waits for work: idle, whatever py-spy made of its state.
WAITING = re.compile(
    r"^(Condition\.wait \(threading\.py|Event\.wait \(threading\.py|Queue\.get \(queue\.py|"
    r"_worker \(concurrent/futures/thread\.py)"
)
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


@dataclass(frozen=True)
class Profile:
    stacks: Counter[Stack]

    @property
    def samples(self) -> int:
        return sum(self.stacks.values())

    def own(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for stack, count in self.stacks.items():
            counts[stack[-1]] += count
        return counts

    def cumulative(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for stack, count in self.stacks.items():
            for frame in set(stack):
                counts[frame] += count
        return counts

    def threads(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for stack, count in self.stacks.items():
            counts[stack[0]] += count
        return counts

    def own_by_package(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for stack, count in self.stacks.items():
            counts[package(stack[-1])] += count
        return counts


def read_raw(path: Path) -> Profile:
    """The busy stacks of a raw file (stacks ending in a known wait are left out)."""
    stacks: Counter[Stack] = Counter()
    for line in path.read_text().splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            # A stack torn by sampling without stopping the process can hold control bytes.
            first, *rest = CONTROL.sub("?", frames).split(";")
            thread = THREAD.match(first)
            if thread is not None:  # one root per kind of thread, whatever its number
                first = "thread: " + re.sub(r"\d+", "N", thread["name"])
            if not (rest and WAITING.match(rest[-1])):
                stacks[(first, *rest)] += int(count)
    return Profile(stacks)


def split_frame(frame: str) -> tuple[str, str, int]:
    """`function (file:line)` → (function, file, line); line 0 when absent."""
    match = FRAME.match(frame)
    if match is None:
        return frame, "", 0
    return match["function"], match["file"], int(match["line"] or 0)


def package(frame: str) -> str:
    """The module family a frame's code belongs to: `aura.agent`, `sqlalchemy`, `json`, ..."""
    if frame.startswith("thread: "):
        return "(thread, no Python frame)"
    _function, file, _line = split_frame(frame)
    parts = [p for p in file.replace("\\", "/").split("/") if p and p != "src"]
    if "aura" in parts:
        rest = parts[parts.index("aura") + 1 :]
        return "aura." + rest[0].removesuffix(".py") if rest else "aura"
    if not parts:
        return frame
    if "site-packages" in parts:
        parts = parts[parts.index("site-packages") + 1 :]
    return parts[0].removesuffix(".py") if parts else file


def top_table(profile: Profile, possible: int, limit: int = 15) -> list[str]:
    """Readable lines: busy share per thread (of `possible` samples per thread), the `limit`
    functions with the most own samples, then the `limit` with the most cumulative samples
    (plumbing left out), then own samples by package."""
    total = max(1, profile.samples)
    own, cumulative = profile.own(), profile.cumulative()
    lines = ["  threads, busy share of the window:"]
    for thread, count in profile.threads().most_common(6):
        lines.append(f"    {count * 100 / max(1, possible):5.1f}%  {thread}")

    def line(frame: str) -> str:
        return (
            f"  {own[frame] * 100 / total:5.1f}%  {cumulative[frame] * 100 / total:5.1f}%  "
            f"{shorten(frame)}"
        )

    lines.append("  own%   cum%  of all samples (own: running; cum: on the stack); top by own:")
    ranked_own = [(f, n) for f, n in own.most_common() if not f.startswith("thread: ")]
    lines += [line(frame) for frame, _ in ranked_own[:limit]]
    lines.append("  top by cumulative (threads, event loop and server plumbing left out):")
    ranked = [
        (f, n)
        for f, n in cumulative.most_common()
        if not PLUMBING.search(f) and not f.startswith("thread: ")
    ]
    lines += [line(frame) for frame, _ in ranked[:limit]]
    packages = profile.own_by_package().most_common(12)
    lines.append(
        "  own samples by package: "
        + ", ".join(f"{name} {count * 100 / total:.0f}%" for name, count in packages)
    )
    return lines


def shorten(frame: str, width: int = 110) -> str:
    if frame.startswith("thread: "):
        return frame
    function, file, line = split_frame(frame)
    if "site-packages/" in file:
        file = file.split("site-packages/", 1)[1]
    text = f"{function}  ({file}:{line})" if file else function
    text = text if len(text) <= width else text[: width - 1] + "…"
    note = next((note for prefix, note in NOTES.items() if frame.startswith(prefix)), None)
    return f"{text}  <- {note}" if note else text
