"""How mails appear in tool results and previews: the fields a person recognises a mail by."""

from typing import Any


def brief(message: dict[str, Any]) -> dict[str, Any]:
    """Id, sender, subject and date of a mail (a preview: docs/contract.md)."""
    return {
        "id": message.get("id"),
        "from": message.get("from"),
        "subject": message.get("subject"),
        "receivedAt": message.get("receivedAt"),
    }


def listing_item(message: dict[str, Any]) -> dict[str, Any]:
    """A mail as listed: everything but the body."""
    return {key: value for key, value in message.items() if key != "body"}
