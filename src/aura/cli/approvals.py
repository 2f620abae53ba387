"""The approval as `aura chat` asks for it: the panel (the preview, with mails left out struck
through, the exact parameters, the time left), `Approve? [y/N/e(dit)]`, editing by keeping some of
the mails or retyping the JSON, and the decision sent to the main service.

While the prompt waits, the request is watched: when someone else decides (or it expires), the
prompt ends and says who and when; a decision the server refuses is shown with what happened
instead. Everything printed here stays in the terminal's scrollback.
"""

import contextlib
import json
import select
import sys
import termios
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aura.cli.client import GatewayClient
from aura.cli.errors import ApiError
from aura.cli.people import Names, decided_text, request_record
from aura.contracts.clock import unix_now

APPROVE_PROMPT = "Approve? [y/N/e(dit)] "
# How often a waiting prompt asks whether the request was decided elsewhere.
WATCH_SECONDS = 1.0
EDIT_REFUSALS = ("E4000", "E4001", "E4002")


def compact(value: Any, limit: int) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def preview_table(preview: Any, kept: list[Any] | None = None) -> RenderableType:
    """The preview; with `kept` (the ids that will run), mails left out are struck through."""
    if isinstance(preview, list) and all(isinstance(item, dict) for item in preview):
        table = Table(show_edge=False, pad_edge=False)
        for column in ("#", "from", "subject", "date"):
            table.add_column(column)
        for number, item in enumerate(preview, start=1):
            date = str(item.get("receivedAt") or "")[:16].replace("T", " ")
            left_out = kept is not None and item.get("id") not in kept
            table.add_row(
                f"{number}{' ✗' if left_out else ''}",
                str(item.get("from")),
                str(item.get("subject")),
                date,
                style="strike dim" if left_out else None,
            )
        return table
    if isinstance(preview, dict):
        grid = Table.grid(padding=(0, 2))
        for key, value in preview.items():
            grid.add_row(Text(str(key), style="bold"), Text(compact_text(value)))
        return grid
    return Text(compact_text(preview))


def compact_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def show_approval(console: Console, hitl: dict[str, Any], params: dict[str, Any]) -> None:
    remaining = int(hitl.get("expiresAt", 0)) - unix_now()
    body = Group(
        Text(str(hitl.get("message", "")), style="bold"),
        preview_table(
            hitl.get("preview"), ids if isinstance(ids := params.get("ids"), list) else None
        ),
        Text(f"parameters: {json.dumps(params, ensure_ascii=False)}", style="cyan"),
        Text(f"expires in {max(remaining, 0)} s · request {hitl.get('requestId')}", style="dim"),
    )
    title = f"Approval needed: {hitl.get('actionType')}"
    console.print(Panel(body, title=title, title_align="left", border_style="magenta"))


def edit_params(console: Console, hitl: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    """Keep some of the ids (when the action takes a list of ids), or retype the JSON."""
    ids = params.get("ids")
    if isinstance(ids, list) and ids:
        answer = console.input(
            f"Keep which? numbers 1-{len(ids)} separated by commas, or j to edit JSON: "
        ).strip()
        if answer.lower() != "j":
            try:
                chosen = sorted({int(part) for part in answer.replace(" ", "").split(",") if part})
            except ValueError:
                console.print("[red]Give numbers such as 1,3.[/red]")
                return params
            if not chosen or chosen[0] < 1 or chosen[-1] > len(ids):
                console.print(f"[red]Choose at least one of 1-{len(ids)}.[/red]")
                return params
            return {**params, "ids": [ids[number - 1] for number in chosen]}
    raw = console.input("Parameters as JSON: ").strip()
    try:
        edited = json.loads(raw)
    except json.JSONDecodeError as exc:
        console.print(f"[red]That is not JSON ({escape(exc.msg)}); nothing changed.[/red]")
        return params
    if not isinstance(edited, dict):
        console.print("[red]The parameters must be a JSON object; nothing changed.[/red]")
        return params
    return edited


def decide(console: Console, client: GatewayClient, hitl: dict[str, Any]) -> None:
    """Ask the person; with no one to ask (input closed) the request is left for others."""
    try:
        ask(console, client, hitl)
    except EOFError:
        request_id = hitl.get("requestId")
        console.print(
            f"[yellow]No answer; waiting for a decision elsewhere: aura approve {request_id} "
            f"(or aura reject {request_id}).[/yellow]"
        )


def answer_or_decision(
    console: Console, client: GatewayClient, request_id: str, prompt: str
) -> str | dict[str, Any]:
    """What the person types at `prompt`, or the request's record once it was decided elsewhere.

    At a terminal the line is awaited with select(), asking for the record every WATCH_SECONDS;
    anything half-typed when the request moves on is discarded, so that it never answers the
    next prompt. Without a terminal the line is simply read.
    """
    if not sys.stdin.isatty():
        return console.input(escape(prompt))
    console.print(escape(prompt), end="")
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], WATCH_SECONDS)
        if ready:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\n")
        try:
            record = request_record(client, request_id)
        except ApiError:
            continue
        if record.get("status") not in (None, "pending"):
            with contextlib.suppress(termios.error):
                termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
            console.print()
            return record


def moved_on(console: Console, client: GatewayClient, record: dict[str, Any]) -> None:
    assert client.login is not None
    what = decided_text(record, Names(client), client.login.user_id)
    console.print(f"[magenta]No longer waiting for you: {escape(what)}.[/magenta]")


def refused(console: Console, client: GatewayClient, request_id: str, exc: ApiError) -> None:
    """A decision the server did not take, said so; and what became of the request instead."""
    console.print(f"[red]Your decision was not recorded: {escape(exc.message)}[/red]")
    if exc.status in (404, 409) or exc.code == "E3002":
        try:
            record = request_record(client, request_id)
        except ApiError:
            return
        assert client.login is not None
        what = decided_text(record, Names(client), client.login.user_id)
        console.print(f"[red]The request was already {escape(what)}.[/red]")


def ask(console: Console, client: GatewayClient, hitl: dict[str, Any]) -> None:
    """Ask the person until a decision is accepted, refused, or made elsewhere."""
    original = dict(hitl.get("params") or {})
    params = original
    request_id = str(hitl.get("requestId"))
    while True:
        show_approval(console, hitl, params)
        answer = answer_or_decision(console, client, request_id, APPROVE_PROMPT)
        if isinstance(answer, dict):
            return moved_on(console, client, answer)
        answer = answer.strip().lower()
        if answer in ("e", "edit"):
            params = edit_params(console, hitl, params)
            continue
        try:
            if answer in ("y", "yes"):
                outcome = client.approve(request_id, params if params != original else None)
            else:
                reason = answer_or_decision(console, client, request_id, "Reason (optional): ")
                if isinstance(reason, dict):
                    return moved_on(console, client, reason)
                outcome = client.reject(request_id, reason.strip() or None)
        except ApiError as exc:
            refused(console, client, request_id, exc)
            if exc.code in EDIT_REFUSALS:
                params = original
                continue
            return
        status = outcome.data.get("status") if isinstance(outcome.data, dict) else None
        console.print(f"[magenta]Decision recorded: {status or outcome.message}.[/magenta]")
        return
