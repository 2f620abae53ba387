"""`aura approve`, `aura reject`, `aura pending`: decide on approvals from another terminal.

They call the main service's HITL API (docs/contract.md#main-service) through the gateway as the
logged-in person; an approver may decide on anyone's request in the tenant, a user only on their
own.
"""

import argparse
import json
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.markup import escape

from aura.cli.client import Outcome, add_connection_arguments, connect
from aura.cli.errors import ApiError
from aura.cli.people import Names
from aura.contracts.clock import unix_now

# Columns of `aura pending` before the description: the id stays whole (it is copied).
ID_WIDTH = 20
EXPIRY_WIDTH = 6


def register(subparsers: Any) -> None:
    approve = subparsers.add_parser(
        "approve",
        help="approve a pending request (optionally with edited parameters)",
        description="Approve a pending request; the waiting run continues with it.",
    )
    approve.add_argument("request_id", metavar="REQUEST_ID")
    approve.add_argument(
        "--params",
        type=json_object,
        metavar="JSON",
        help='edited parameters to run instead, e.g. \'{"ids": ["msg-1"]}\'',
    )
    approve.add_argument("--comment", help="a note recorded with the approval")
    add_connection_arguments(approve)
    approve.set_defaults(func=run_approve)

    reject = subparsers.add_parser(
        "reject",
        help="reject a pending request",
        description="Reject a pending request; the waiting run says what it did not do and why.",
    )
    reject.add_argument("request_id", metavar="REQUEST_ID")
    reject.add_argument("--reason", help="why (shown in the run's answer)")
    add_connection_arguments(reject)
    reject.set_defaults(func=run_reject)

    pending = subparsers.add_parser(
        "pending",
        help="list the requests waiting for a decision in your tenant",
        description="List the pending requests you may decide on.",
    )
    pending.add_argument("--json", action="store_true", help="print the records as JSON")
    add_connection_arguments(pending)
    pending.set_defaults(func=run_pending)


def json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not JSON: {exc.msg}") from None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("the parameters must be a JSON object")
    return value


def report(console: Console, outcome: Outcome) -> int:
    data = outcome.data if isinstance(outcome.data, dict) else {}
    status = data.get("status", "done")
    if outcome.status == 409:
        console.print(f"Request {data.get('requestId')} was already {status}; nothing changed.")
    else:
        console.print(f"Request {data.get('requestId')} {status}.")
    return 0


def run_approve(args: argparse.Namespace) -> int:
    console = Console(highlight=False)
    try:
        with connect(args) as client:
            outcome = client.approve(args.request_id, args.params, args.comment)
            return report(console, outcome)
    except ApiError as exc:
        console.print(f"[red]aura approve: {escape(exc.message)}[/red]")
        return 1


def run_reject(args: argparse.Namespace) -> int:
    console = Console(highlight=False)
    try:
        with connect(args) as client:
            return report(console, client.reject(args.request_id, args.reason))
    except ApiError as exc:
        console.print(f"[red]aura reject: {escape(exc.message)}[/red]")
        return 1


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` terminal cells (Korean takes two per character)."""
    text = " ".join(text.split())
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def pending_lines(records: list[dict[str, Any]], names: Names, now: int, width: int) -> list[str]:
    """Two lines per request, none wider than `width` cells: who, what and when on the first,
    Aura's sentence on the second, indented."""
    width = max(width, 60)
    who_width = width - ID_WIDTH - EXPIRY_WIDTH - 4
    lines = [
        f"{fit('request', ID_WIDTH)}  {fit('requested by · action', who_width)}  "
        f"{fit('left', EXPIRY_WIDTH)}".rstrip(),
        "─" * width,
    ]
    for record in records:
        left = max(int(record.get("expiresAt", now)) - now, 0)
        user = str(record.get("userId"))
        name = names.of(user)
        who = f"{name}{f' ({user})' if name != user else ''} · {record.get('actionType')}"
        lines.append(
            f"{fit(str(record.get('requestId')), ID_WIDTH)}  {fit(who, who_width)}  "
            f"{fit(f'{left // 60}:{left % 60:02d}', EXPIRY_WIDTH)}".rstrip()
        )
        lines.append(("  " + fit(str(record.get("message") or ""), width - 2)).rstrip())
    return lines


def run_pending(args: argparse.Namespace) -> int:
    console = Console(highlight=False)
    try:
        with connect(args) as client:
            records = client.pending()
            names = Names(client)
            if args.json:
                for record in records:
                    print(json.dumps(record, ensure_ascii=False))
                return 0
            if not records:
                console.print("Nothing is waiting for a decision.")
                return 0
            console.print("[bold]Waiting for a decision[/bold]")
            for line in pending_lines(records, names, unix_now(), console.width):
                console.print(line, markup=False, overflow="ignore", crop=False)
            return 0
    except ApiError as exc:
        console.print(f"[red]aura pending: {escape(exc.message)}[/red]")
        return 1
