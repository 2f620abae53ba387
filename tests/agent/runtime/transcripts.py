"""Whole event sequences of a run, made comparable and checked against stored snapshots.

A transcript is every event the runtime yielded, on the wire (`to_wire()`), with what changes
from one run to the next replaced by stable names: the run's ids, the mailbox's ids and the
request ids (`<request-1>` in order of appearance), and deadlines. The text deltas of an answer
are joined into one `content` entry (how a model chunks its answer is not the runtime's
behaviour). Snapshots are JSON files in `snapshots/`, one event per line; set
`AURA_UPDATE_SNAPSHOTS=1` to (re)write them from the current behaviour, then read the diff.
"""

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from aura.agent.runtime.context import RunSpec

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("AURA_UPDATE_SNAPSHOTS") == "1"

_REQUEST_ID = re.compile(r"req_[0-9a-f]{16}")
_DEADLINES = ("expiresAt",)


def wire(events: Iterable[BaseModel]) -> list[dict[str, Any]]:
    """The events as sent, `type` first, the deltas of an answer joined into one entry."""
    out: list[dict[str, Any]] = []
    for event in events:
        data = event.model_dump(by_alias=True, exclude_none=True, mode="json")
        data = {"type": data.pop("type"), **data}
        if data["type"] == "content" and out and out[-1].get("chunk") is True:
            joined = out[-1]["content"] + data["content"]
            out[-1] = {**data, "content": joined}
        else:
            out.append(data)
    for data in out:
        if data["type"] == "content":
            data.pop("chunk", None)
    return out


class Normaliser:
    """Replaces the ids and times that differ between runs, consistently across one transcript."""

    def __init__(self, spec: RunSpec, mail_ids: Iterable[str] = ()) -> None:
        names = {
            spec.run_id: "<run>",
            spec.session_id: "<session>",
            spec.thread_id: "<thread>",
            spec.caller.user_id: "<user>",
            spec.caller.tenant_id: "<tenant>",
        }
        names.update({mail: f"<mail-{n}>" for n, mail in enumerate(mail_ids, start=1)})
        # Longest first, so that no id is replaced inside a longer one.
        self._names = sorted(names.items(), key=lambda item: len(item[0]), reverse=True)
        self._requests: dict[str, str] = {}

    def __call__(self, value: Any, key: str | None = None) -> Any:
        if key in _DEADLINES:
            return "<deadline>"
        if isinstance(value, dict):
            return {k: self(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self(item) for item in value]
        if isinstance(value, str):
            for actual, name in self._names:
                value = value.replace(actual, name)
            return _REQUEST_ID.sub(self._request_name, value)
        return value

    def _request_name(self, match: re.Match[str]) -> str:
        found = match.group(0)
        if found not in self._requests:
            self._requests[found] = f"<request-{len(self._requests) + 1}>"
        return self._requests[found]


def transcript(
    events: Iterable[BaseModel], spec: RunSpec, mail_ids: Iterable[str] = ()
) -> list[dict[str, Any]]:
    normalise = Normaliser(spec, mail_ids)
    return [normalise(event) for event in wire(events)]


def _dump(entries: list[dict[str, Any]]) -> str:
    lines = ",\n".join(f"  {json.dumps(entry, ensure_ascii=False)}" for entry in entries)
    return f"[\n{lines}\n]\n"


def assert_snapshot(name: str, entries: list[dict[str, Any]]) -> None:
    """The transcript equals `snapshots/{name}.json` (written instead when updating)."""
    path = SNAPSHOTS / f"{name}.json"
    if UPDATE:
        path.write_text(_dump(entries), encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}; run with AURA_UPDATE_SNAPSHOTS=1 to write it"
    expected = json.loads(path.read_text(encoding="utf-8"))
    # Compared as text, one event per line: pytest's diff then points at the events that differ.
    assert _dump(entries) == _dump(expected)
