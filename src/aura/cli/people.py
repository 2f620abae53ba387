"""Who asked and who decided, in people's names: the request record (`decidedBy`, `decidedAt`)
and the names of the caller's tenant (`GET /api/auth/users`), as `aura chat` and `aura pending`
show them. A name that cannot be found is shown as the user id, never an error."""

import json
from datetime import UTC, datetime
from typing import Any

from aura.cli.client import GatewayClient
from aura.cli.errors import ApiError


def request_record(client: GatewayClient, request_id: str) -> dict[str, Any]:
    """The stored request (docs/contract.md#main-service: it comes back as a JSON string)."""
    data = client.call("GET", f"/api/aura/hitl/requests/{request_id}").data
    record = json.loads(data) if isinstance(data, str) else data
    return record if isinstance(record, dict) else {}


class Names:
    """userId → display name for the caller's tenant, asked for once."""

    def __init__(self, client: GatewayClient, known: dict[str, str] | None = None) -> None:
        self._client = client
        self._names: dict[str, str] | None = known

    def of(self, user_id: str) -> str:
        if self._names is None:
            self._names = {}
            try:
                data = self._client.call("GET", "/api/auth/users").data
            except ApiError:
                data = []
            items = data.get("items", []) if isinstance(data, dict) else data
            for person in items or []:
                if isinstance(person, dict) and person.get("userId"):
                    self._names[str(person["userId"])] = str(person.get("name") or person["userId"])
        return self._names.get(user_id, user_id)


def clock_time(unix_seconds: Any) -> str:
    """ "10:42" in the terminal's local time; "" when there is no time."""
    try:
        return datetime.fromtimestamp(int(unix_seconds), tz=UTC).astimezone().strftime("%H:%M")
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def decided_text(record: dict[str, Any], names: Names, me: str | None) -> str:
    """ "approved by 이서연 at 10:42" (or "expired"), from a record that is no longer pending."""
    status = str(record.get("status") or "decided")
    who = record.get("decidedBy")
    if not who or status not in ("approved", "rejected"):
        return status
    name = "you" if who == me else names.of(str(who))
    at = clock_time(record.get("decidedAt"))
    return f"{status} by {name}{f' at {at}' if at else ''}"
