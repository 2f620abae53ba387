"""Redis key names of the agent's runs that the main service reads too
(docs/contract.md#main-service: an approval is acknowledged only while a live process holds the
run)."""

RUNNING_INDEX_KEY = "aura:runs:running"
"""The ids of runs recorded as `running` (a set): what the reaper looks through."""

OWNER_KEY_PREFIX = "aura:agent:owner:"


def run_key(run_id: str) -> str:
    """Hash of a run's metadata: `status`, `owner` (the owner id of the process running it), …"""
    return f"aura:run:{run_id}"


def owner_key(owner_id: str) -> str:
    """The owner lease of an agent process: present while that process lives."""
    return f"{OWNER_KEY_PREFIX}{owner_id}"
