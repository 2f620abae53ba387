"""Every Redis key name of the agent's runs, in one place (the approval records the agent shares
with the main service are in `contracts/hitl.py`). The main service reads the run record and the
owner lease too (docs/contract.md#main-service: an approval is acknowledged only while a live
process holds the run); the other keys are the agent's own."""

from urllib.parse import quote

LEGACY_RUNNING_INDEX_KEY = "aura:runs:running"
"""Where releases before per-owner indexes listed every `running` run (a set); a process adopts
what is left in it when it starts (`RunStore.adopt_legacy_index`)."""

OWNER_KEY_PREFIX = "aura:agent:owner:"
OWNED_RUNS_KEY_PREFIX = "aura:runs:owned:"
CANCELS_KEY_PREFIX = "aura:agent:cancels:"


def running_owners_key(checkpoints: str) -> str:
    """The owner ids that have `running` runs whose checkpoints are in `checkpoints` (a set):
    where a sweep starts looking for runs to take over, so that it reads only the runs of
    processes whose lease lapsed, and never another deployment's."""
    return f"aura:runs:owners:{quote(checkpoints, safe='')}"


def owned_runs_key(owner_id: str) -> str:
    """The ids of the `running` runs an agent process owns (a set)."""
    return f"{OWNED_RUNS_KEY_PREFIX}{owner_id}"


def cancels_key(owner_id: str) -> str:
    """Runs whose cancel was asked for on another replica, for their owner to pick up (a set)."""
    return f"{CANCELS_KEY_PREFIX}{owner_id}"


def run_key(run_id: str) -> str:
    """Hash of a run's metadata: `status`, `owner` (the owner id of the process running it), …"""
    return f"aura:run:{run_id}"


def run_log_key(run_id: str) -> str:
    """The run's event log (a stream): every event with its sequence number, read by re-attaches."""
    return f"aura:run:{run_id}:events"


def owner_key(owner_id: str) -> str:
    """The owner lease of an agent process: present while that process lives."""
    return f"{OWNER_KEY_PREFIX}{owner_id}"


def thread_key(tenant_id: str, user_id: str, thread_id: str) -> str:
    """A conversation thread of one (tenant, user): the same `threadId` of another user (or
    tenant) is another thread, so nobody can claim, read or lock anyone else's. Each part is
    percent-encoded so that no id containing `:` can pose as another owner's."""
    parts = (quote(part, safe="") for part in (tenant_id, user_id, thread_id))
    return "aura:thread:" + ":".join(parts)


def execution_key(request_id: str) -> str:
    """The execution ledger of one approval request: claimed by the run's owner before the action
    runs, its outcome written after, so the action runs at most once."""
    return f"aura:hitl:execution:{request_id}"


def hub_control_channel(client_name: str, pid: int) -> str:
    """The channel an agent process's pub/sub hub subscribes to for its own control messages
    (one per process, so a confirmation round trip reaches only that process)."""
    return f"aura:agent:hub:{client_name}:{pid}"
