"""Adding an app without touching the runtime (docs/agent.md#adding-an-app).

A tiny notes app: its client is an in-memory notebook, its tools one read (`list_notes`) and one
approval-gated change (`archive_notes`), built with that client as the agent's lifespan builds the
mail tools with theirs. Registered next to the mail tools, they run through the real runtime, the
real approval gate and real Redis: the read runs at once, the change only once a person approved
it, exactly once, and never when they rejected it.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
from pydantic import BaseModel, ConfigDict, Field

from aura.agent.language import Language
from aura.agent.llm.scripted import ScriptedModel
from aura.agent.tools.apps import mail_tools
from aura.agent.tools.base import Tool, ToolContext, ToolFailure
from aura.agent.tools.mail_api import MailClient
from aura.agent.tools.registry import ToolRegistry
from aura.contracts.events import End, Hitl, ToolExecution
from aura.contracts.hitl import load_request, request_key
from tests.agent.harness import decide
from tests.agent.runtime.runs import collect, session_state, statuses


@dataclass
class Notebook:
    """The notes app's client. A real app's client would call its service over HTTP (as
    `MailClient` does); this one keeps each user's notes in memory and records every change."""

    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per user id: note id -> text."""
    archived: list[tuple[str, list[str]]] = field(default_factory=list)
    """Every archive the app carried out: (user id, note ids), in order."""

    async def notes_of(self, ctx: ToolContext) -> dict[str, str]:
        return dict(self.notes.get(ctx.caller.user_id, {}))

    async def archive(self, ctx: ToolContext, ids: list[str]) -> list[str]:
        owned = self.notes.get(ctx.caller.user_id, {})
        missing = [note_id for note_id in ids if note_id not in owned]
        if missing:
            raise ToolFailure(f"There is no note {missing[0]} to archive.")
        for note_id in ids:
            del owned[note_id]
        self.archived.append((ctx.caller.user_id, list(ids)))
        return list(ids)


class NoArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoteIds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[str] = Field(min_length=1, description="Ids of the notes to archive.")


class NotesTool(Tool[Any]):
    def __init__(self, notebook: Notebook) -> None:
        self._notebook = notebook


class ListNotes(NotesTool):
    name: ClassVar[str] = "list_notes"
    description: ClassVar[str] = "List the user's notes: id and text of each."
    args_model: ClassVar[type[BaseModel]] = NoArgs

    async def run(self, args: NoArgs, ctx: ToolContext) -> dict[str, Any]:
        notes = await self._notebook.notes_of(ctx)
        return {"notes": [{"id": note_id, "text": text} for note_id, text in notes.items()]}


class ArchiveNotes(NotesTool):
    name: ClassVar[str] = "archive_notes"
    description: ClassVar[str] = "Archive notes. Needs the user's approval."
    args_model: ClassVar[type[BaseModel]] = NoteIds
    requires_approval: ClassVar[bool] = True

    async def preview(self, args: NoteIds, ctx: ToolContext) -> list[dict[str, str]]:
        notes = await self._notebook.notes_of(ctx)
        return [{"id": note_id, "text": notes.get(note_id, "?")} for note_id in args.ids]

    async def run(self, args: NoteIds, ctx: ToolContext) -> dict[str, Any]:
        return {"archived": await self._notebook.archive(ctx, args.ids)}

    def approval_message(self, args: NoteIds, preview: Any, language: Language) -> str:
        if language == "ko":
            return f"메모 {len(args.ids)}개를 보관합니다."
        return f"Archive {len(args.ids)} notes."


def notes_tools(notebook: Notebook) -> list[Tool[Any]]:
    """What `tools/apps.py` would add next to `mail_tools` for this app."""
    return [ListNotes(notebook), ArchiveNotes(notebook)]


def with_notes(notebook: Notebook, mail_http: httpx.AsyncClient) -> ToolRegistry:
    return ToolRegistry([*mail_tools(MailClient(mail_http)), *notes_tools(notebook)])


async def test_a_read_runs_at_once_and_a_gated_change_only_after_approval(
    make_runtime, mailbox, mail_http, redis
):
    owner = mailbox.caller().user_id
    notebook = Notebook({owner: {"n1": "buy milk", "n2": "call Kim"}, "someone-else": {"x": "!"}})
    model = ScriptedModel(
        [[("list_notes", {})], [("archive_notes", {"ids": ["n1"]})]], answer=statuses
    )
    runtime = await make_runtime(model, tools=with_notes(notebook, mail_http))
    spec = mailbox.spec("Archive my note about milk")
    seen_at_the_gate: list[list[tuple[str, list[str]]]] = []

    async def approve(hitl: Hitl) -> None:
        seen_at_the_gate.append(list(notebook.archived))
        await decide(redis, hitl.request_id, "approved")

    events = await collect(runtime.run(spec), on_hitl=approve)

    assert seen_at_the_gate == [[]], "the gated change ran before anyone approved it"
    assert notebook.archived == [(owner, ["n1"])]
    assert notebook.notes == {owner: {"n2": "call Kim"}, "someone-else": {"x": "!"}}
    executions = [
        (e.tool, e.status, e.requires_approval) for e in events if isinstance(e, ToolExecution)
    ]
    assert executions == [("list_notes", "completed", False), ("archive_notes", "completed", True)]
    (hitl,) = [event for event in events if isinstance(event, Hitl)]
    assert (hitl.action_type, hitl.message) == ("archive_notes", "Archive 1 notes.")
    assert hitl.preview == [{"id": "n1", "text": "buy milk"}]
    record = load_request(await redis.get(request_key(hitl.request_id)))
    assert record.status == "approved" and record.params_schema == NoteIds.model_json_schema()
    assert await session_state(redis, spec.session_id) == "decided"
    assert events[-1] == End(status="completed")


async def test_a_rejected_change_never_runs(make_runtime, mailbox, mail_http, redis):
    owner = mailbox.caller().user_id
    notebook = Notebook({owner: {"n1": "buy milk"}})
    model = ScriptedModel([[("archive_notes", {"ids": ["n1"]})]], answer=statuses)
    runtime = await make_runtime(model, tools=with_notes(notebook, mail_http))
    spec = mailbox.spec("Archive my notes")

    async def reject(hitl: Hitl) -> None:
        await decide(redis, hitl.request_id, "rejected", reason="keep them")

    events = await collect(runtime.run(spec), on_hitl=reject)

    assert notebook.archived == [] and notebook.notes == {owner: {"n1": "buy milk"}}
    assert not [e for e in events if isinstance(e, ToolExecution)]
    assert events[-1] == End(status="rejected")
