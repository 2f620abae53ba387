"""Per-run collaborators that are not checkpointed: who the run acts for, and its live handles.

No client of any app travels with a run: a tool holds its app's client from when it was built
(`tools/apps.py`); `tools` here is only who a call acts for (caller, credentials, page,
request id)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from pydantic import JsonValue

from aura.agent.approvals.lifecycle import Approval
from aura.agent.tools.base import ToolContext
from aura.contracts.identity import Caller


@dataclass(frozen=True)
class RunSpec:
    """Everything a run starts from."""

    run_id: str
    session_id: str
    thread_id: str
    caller: Caller
    prompt: str
    page: dict[str, JsonValue] = field(default_factory=dict)
    history: list[dict[str, JsonValue]] = field(default_factory=list)
    """Earlier turns of the same thread: `{"role": "user"|"assistant", "content": str}`."""
    request_id: str = "-"


@dataclass
class RunHold:
    """This process's hold on a run: the owner id it acts as, and `lost` once another process
    took the run over, so that stopping here leaves the run's request and checkpoint to it."""

    owner_id: str = ""
    lost: bool = False


class OwnershipLostError(Exception):
    """Another process owns the run now: this one stops without a word in the run's log."""


@dataclass
class RunContext:
    spec: RunSpec
    tools: ToolContext
    hold: RunHold = field(default_factory=RunHold)
    approval: Approval | None = None
    """The approval the run holds between `ask` and the node that settles it (at most one)."""
    answer: AsyncIterator[str] | None = None
    result_title: str | None = None


class RunFailure(Exception):
    """The run cannot go on: becomes `error{error, errorType, message}` and `end{failed}`."""

    def __init__(self, error: str, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.error_type = error_type
        self.message = message
