"""`aura undo`: put back the mails that the last delete of `aura chat` moved to the trash.

`aura chat` remembers, per gateway and user, the ids of the mails its last approved delete
moved (`~/.config/aura/last_delete.json`); `aura undo` restores those, or the ids it is given.
Nothing is ever destroyed by a delete (docs/contract.md#mail-service), so this always works until
someone empties it by hand.
"""

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from aura.cli.client import add_connection_arguments, connect
from aura.cli.errors import ApiError
from aura.cli.logins import config_dir


def memory_file() -> Path:
    return config_dir() / "last_delete.json"


def _key(gateway: str, tenant_id: str, user_id: str) -> str:
    return f"{gateway.rstrip('/')} {tenant_id} {user_id}"


def _read() -> dict[str, Any]:
    try:
        data = json.loads(memory_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember_deleted(gateway: str, tenant_id: str, user_id: str, ids: list[str]) -> None:
    """Best effort: without the file, `aura undo ID...` still works."""
    data = _read()
    data[_key(gateway, tenant_id, user_id)] = ids
    try:
        memory_file().parent.mkdir(parents=True, exist_ok=True)
        memory_file().write_text(json.dumps(data), encoding="utf-8")
    except OSError:
        pass


def last_deleted(gateway: str, tenant_id: str, user_id: str) -> list[str]:
    ids = _read().get(_key(gateway, tenant_id, user_id))
    return [str(i) for i in ids] if isinstance(ids, list) else []


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "undo",
        help="restore the mails that your last delete in `aura chat` moved to the trash",
        description="Move mails from the trash back where they came from: the ones the last "
        "approved delete of `aura chat` moved, or the ids given.",
    )
    parser.add_argument("ids", nargs="*", metavar="MAIL_ID", help="mail ids to restore instead")
    add_connection_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    console = Console(highlight=False)
    try:
        with connect(args) as client:
            assert client.login is not None
            login = client.login
            ids = list(args.ids) or last_deleted(client.gateway, login.tenant_id, login.user_id)
            if not ids:
                console.print("Nothing to undo: no delete by `aura chat` is remembered here.")
                return 1
            outcome = client.call("POST", "/api/mail/messages/restore", json={"ids": ids})
    except ApiError as exc:
        console.print(f"[red]aura undo: {escape(exc.message)}[/red]")
        return 1
    data = outcome.data if isinstance(outcome.data, dict) else {}
    restored = data.get("changed")
    count = len(restored) if isinstance(restored, list) else len(ids)
    noun = "mail" if count == 1 else "mails"
    console.print(f"Restored {count} {noun} from the trash.")
    if not args.ids:
        remember_deleted(client.gateway, login.tenant_id, login.user_id, [])
    return 0
