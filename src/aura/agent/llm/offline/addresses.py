"""E-mail addresses found in tool results (a sender looked up by name)."""

from email.utils import parseaddr
from typing import Any


def address_of(result: dict[str, Any] | None) -> str | None:
    """The address of the first mail's sender in a search result, if any."""
    if not result:
        return None
    items = result.get("items") or []
    if not items:
        return None
    _, address = parseaddr(str(items[0].get("from") or ""))
    return address if "@" in address else None
