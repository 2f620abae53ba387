"""`aura chat`: ask Aura something and watch the run in the terminal, approving as it asks.

The live region shows the plan checklist, the tool calls (a spinner while one runs) and the answer
as it streams; thoughts are printed above it, dimmed. On `hitl` the live region is closed, the
approval is asked for (`aura.cli.approvals`), and the same stream is read on under a new live
region, so that the panel, the answer and its outcome stay on the screen. A dropped connection
re-attaches with the last event id (docs/contract.md#runs-re-attach-and-cancel).

Tool calls: `tool_call_start` (running), then one `tool_execution` (completed | failed), or
`tool_call_cancelled` for a gated call that never ran; the older `executing` / `cancelled`
statuses of `tool_execution` are read as well.
"""

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.markup import escape
from rich.panel import Panel
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from aura.cli.approvals import compact, decide
from aura.cli.client import GatewayClient, add_connection_arguments, connect
from aura.cli.errors import ApiError
from aura.cli.streams import RunEvent, RunStream
from aura.cli.undo import remember_deleted

EXIT_CODES = {"completed": 0, "rejected": 3}
REATTACH_ATTEMPTS = 3
REATTACH_DELAY_SECONDS = 0.5
PLAN_MARKS = {
    "pending": ("[ ]", "white"),
    "approved": ("[✓]", "cyan"),
    "executing": ("[…]", "yellow"),
    "completed": ("[✔]", "green"),
    "failed": ("[✘]", "red"),
    "skipped": ("[–]", "bright_black"),
}
TOOL_STYLES = {"completed": "green", "failed": "red", "cancelled": "bright_black"}
EXIT_WORDS = {"exit", "quit", ":q"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "chat",
        help="ask Aura something and watch it work, approving what it asks to do",
        description="Stream one run (or, with no prompt, a conversation) through the gateway. "
        "Exit status of one run: 0 completed, 3 rejected, 1 failed or cancelled, 2 an empty "
        "prompt; of a conversation: 0 when you leave it, 1 when it could not go on.",
    )
    parser.add_argument("prompt", nargs="?", help="what to ask; omit it to chat interactively")
    parser.add_argument(
        "--json", action="store_true", help="print the raw events, one JSON object per line"
    )
    add_connection_arguments(parser)
    parser.set_defaults(func=run)


# --- What the run has shown so far --------------------------------------------------------------


@dataclass
class RunView:
    thread_id: str | None = None
    run_id: str | None = None
    plan: dict[str, dict[str, Any]] = field(default_factory=dict)
    tools: dict[str, dict[str, Any]] = field(default_factory=dict)
    answer: str = ""
    status: str | None = None
    errors: list[str] = field(default_factory=list)

    def apply(self, event: RunEvent) -> None:
        data = event.data
        if event.type == "start":
            self.run_id = str(data.get("runId") or "") or None
            self.thread_id = str(data.get("threadId") or "") or self.thread_id
        elif event.type == "plan_step":
            self.plan[str(data.get("id"))] = dict(data)
        elif event.type == "plan_step_update":
            step = self.plan.setdefault(str(data.get("id")), {"title": data.get("id")})
            step.update({key: value for key, value in data.items() if value is not None})
        elif event.type == "tool_call_start":
            self.tools.setdefault(str(data.get("id")), {}).update({**data, "status": "executing"})
        elif event.type == "tool_execution":
            self.tools.setdefault(str(data.get("id")), {}).update(data)
        elif event.type == "tool_call_cancelled":
            self.tools.setdefault(str(data.get("id")), {}).update({**data, "status": "cancelled"})
        elif event.type == "content":
            self.answer += str(data.get("content", ""))
        elif event.type in ("error", "failed"):
            self.errors.append(str(data.get("message") or data.get("error") or "error"))
        elif event.type == "end":
            self.status = str(data.get("status"))

    def render(self) -> RenderableType:
        parts: list[RenderableType] = []
        if self.plan:
            plan = Table.grid(padding=(0, 1))
            for step in sorted(self.plan.values(), key=lambda s: int(s.get("order", 0))):
                mark, style = PLAN_MARKS.get(str(step.get("status", "pending")), ("[?]", "white"))
                plan.add_row(Text(mark, style=style), Text(str(step.get("title", "")), style=style))
            parts.append(Panel(plan, title="Plan", title_align="left", border_style="blue"))
        for call in self.tools.values():
            parts.append(tool_line(call))
        if self.answer:
            parts.append(Panel(Text(self.answer), title="Aura", title_align="left"))
        return Group(*parts)


def tool_line(call: dict[str, Any]) -> RenderableType:
    status = str(call.get("status", "executing"))
    label = f"{call.get('tool')}({compact(call.get('params'), 80)})"
    if status == "executing":
        return Spinner("dots", text=Text(f"{label} running…", style="yellow"))
    text = Text(f"⚙ {label} {status}", style=TOOL_STYLES.get(status, "white"))
    if status == "completed":
        text.append(f" → {summary(call.get('result'))}", style="default")
    elif status == "failed" and call.get("error"):
        text.append(f" → {call.get('error')}", style="red")
    elif status == "cancelled":
        why = "no decision in time" if call.get("cause") == "expired" else "rejected"
        reason = f": {call.get('reason')}" if call.get("reason") and why == "rejected" else ""
        text.append(f" → not run ({why}{reason})")
    return text


def summary(result: Any) -> str:
    """A tool result in one line: the subjects when it lists mails, compact JSON otherwise."""
    if isinstance(result, dict):
        mails = result.get("messages") or result.get("items")
        if isinstance(mails, list) and all(isinstance(m, dict) for m in mails):
            subjects = ", ".join(str(m.get("subject")) for m in mails[:5])
            more = f" (+{len(mails) - 5})" if len(mails) > 5 else ""
            return f"{len(mails)} mail(s): {subjects}{more}"
    return compact(result, 120)


# --- The run ------------------------------------------------------------------------------------


def deleted_ids(data: dict[str, Any]) -> list[str]:
    """The mails a completed delete moved to the trash."""
    result = data.get("result")
    if not (data.get("tool") == "delete_messages" and data.get("status") == "completed"):
        return []
    if isinstance(result, dict) and isinstance(result.get("messages"), list):
        return [str(m.get("id")) for m in result["messages"] if isinstance(m, dict)]
    ids = (data.get("params") or {}).get("ids")
    return [str(i) for i in ids] if isinstance(ids, list) else []


def undo_hint(console: Console, client: GatewayClient, event: RunEvent) -> None:
    """After a delete: remember what moved, and say how to put it back."""
    ids = deleted_ids(event.data) if event.type == "tool_execution" else []
    if not ids or client.login is None:
        return
    remember_deleted(client.gateway, client.login.tenant_id, client.login.user_id, ids)
    noun = "mail" if len(ids) == 1 else "mails"
    console.print(f"[cyan]Moved {len(ids)} {noun} to the trash. To put them back: aura undo[/cyan]")


def follow(console: Console, client: GatewayClient, stream: RunStream, view: RunView) -> None:
    """Render one connection of a run until it ends, pausing to ask on `hitl`.

    Each stretch between approvals gets a live region of its own: a region restarted after the
    prompt would redraw over the lines printed meanwhile (the decision among them).
    """
    events = stream.events()
    while True:
        hitl: dict[str, Any] | None = None
        with Live(view.render(), console=console, refresh_per_second=8) as live:
            for event in events:
                view.apply(event)
                if event.type == "thought":
                    live.console.print(Text(f"· {event.data.get('content', '')}", style="dim"))
                elif event.type in ("error", "failed"):
                    live.console.print(Text(f"! {view.errors[-1]}", style="bold red"))
                undo_hint(live.console, client, event)
                live.update(view.render())
                if event.type == "hitl":
                    hitl = event.data
                    # The region goes; the panel below shows what is being decided.
                    live.transient = True
                    break
        if hitl is None:
            return
        decide(console, client, hitl)


def print_events(console: Console, client: GatewayClient, stream: RunStream, view: RunView) -> None:
    """`--json`: every event as one line on stdout; a decision has to come from elsewhere."""
    for event in stream.events():
        view.apply(event)
        print(json.dumps(event.raw, ensure_ascii=False), flush=True)
        undo_hint(console, client, event)
        if event.type == "hitl":
            console.print(
                f"waiting for a decision: aura approve {event.data.get('requestId')} "
                f"(or aura reject {event.data.get('requestId')} --reason ...)",
                style="dim",
            )


def read(
    console: Console, client: GatewayClient, stream: RunStream, view: RunView, as_json: bool
) -> None:
    if as_json:
        print_events(console, client, stream, view)
    else:
        follow(console, client, stream, view)


def stream_run(
    console: Console, client: GatewayClient, prompt: str, view: RunView, as_json: bool
) -> str:
    """One run from prompt to end, re-attaching when the connection drops; its end status."""
    try:
        with client.start_run(prompt, thread_id=view.thread_id) as stream:
            read(console, client, stream, view, as_json)
            run_id, last_id, done = stream.run_id or view.run_id, stream.last_event_id, stream.done
        failures = 0
        while run_id and not (done or view.status):
            if failures == REATTACH_ATTEMPTS:
                raise ApiError("The connection to the run was lost and could not be restored.", 502)
            console.print("[yellow]The connection dropped; re-attaching to the run…[/yellow]")
            time.sleep(REATTACH_DELAY_SECONDS * (failures + 1))
            try:
                with client.attach(run_id, last_id) as stream:
                    read(console, client, stream, view, as_json)
                    progressed = stream.last_event_id not in (None, last_id)
                    last_id, done = stream.last_event_id or last_id, stream.done
            except ApiError as exc:
                if exc.status not in (502, 504):
                    raise
                progressed = False
            failures = 0 if progressed else failures + 1
    except KeyboardInterrupt:
        if view.run_id:
            client.cancel(view.run_id)
            console.print("[yellow]Cancelled the run.[/yellow]")
        raise
    return view.status or "failed"


def run(args: argparse.Namespace) -> int:
    console = Console(stderr=args.json, highlight=False)
    if args.prompt is not None and not args.prompt.strip():
        console.print(
            "[red]aura chat: the prompt is empty. Say what Aura should do, or leave the prompt "
            "out to chat interactively.[/red]"
        )
        return 2
    try:
        with connect(args) as client:
            if args.prompt is not None:
                status = stream_run(console, client, args.prompt, RunView(), args.json)
                return finish(console, status, args.json)
            return converse(console, client, args.json)
    except ApiError as exc:
        console.print(f"[red]aura chat: {escape(exc.message)}[/red]")
        return 1


def finish(console: Console, status: str, as_json: bool) -> int:
    if not as_json:
        style = "green" if status == "completed" else "yellow" if status == "rejected" else "red"
        console.print(f"[{style}]Run {status}.[/{style}]")
    return EXIT_CODES.get(status, 1)


def converse(console: Console, client: GatewayClient, as_json: bool) -> int:
    assert client.login is not None
    console.print(
        f"Chatting as {client.login.user_id}@{client.login.tenant_id} "
        "(Enter an empty line or 'exit' to leave)."
    )
    thread_id: str | None = None
    while True:
        try:
            prompt = (
                console.input("[bold]you>[/bold] ") if sys.stdin.isatty() else input()
            ).strip()
        except EOFError:
            break
        if not prompt or prompt.lower() in EXIT_WORDS:
            break
        # Each prompt continues the conversation of the one before (docs/stream.md#request).
        view = RunView(thread_id=thread_id)
        status = stream_run(console, client, prompt, view, as_json)
        thread_id = view.thread_id
        finish(console, status, as_json)
    # Each run's outcome was shown as it ended; leaving the conversation is a success.
    return 0
