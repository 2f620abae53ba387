"""Fabricated tool results for driving the offline planner turn by turn.

A planner unit test needs results shaped like the real tools' results, not the mail service:
this mailbox answers each tool call from a small in-memory list, the way the tools would.
"""

from dataclasses import dataclass, field
from typing import Any

from aura.agent.llm.base import Conversation, ModelTurn, PlanItem, ToolCall, ToolOutcome
from aura.agent.llm.language import detect_language
from aura.agent.llm.offline import OfflinePlanner


def mail(
    id: str,
    sender: str,
    subject: str,
    day: int,
    *,
    read: bool = True,
    folder: str = "inbox",
    body: str = "",
) -> dict[str, Any]:
    return {
        "id": id,
        "from": sender,
        "to": ["me@corp.example"],
        "subject": subject,
        "snippet": body[:60],
        "body": body or f"{subject}. 자세한 내용은 첨부를 확인하세요.",
        "receivedAt": f"2026-01-{day:02d}T09:00:00Z",
        "read": read,
        "folder": folder,
    }


def demo_mails() -> list[dict[str, Any]]:
    return [
        mail("m1", "김철수 <kim@corp.example>", "분기 보고서 검토 요청", 20, read=False,
             body="3분기 보고서 초안을 보내드립니다. 금요일까지 검토 부탁드립니다. "
                  "수치는 재무팀 확인을 거쳤습니다."),
        mail("m2", "Jane Lee <jane@corp.example>", "Budget review meeting", 19, read=False,
             body="Can we meet on Thursday to review the budget? I booked room 4. "
                  "Bring the Q3 numbers."),
        mail("m3", "박영희 <park@corp.example>", "점심 약속", 18),
        mail("m4", "김철수 <kim@corp.example>", "회의록 공유", 17, read=False),
        mail("m5", "Ops Bot <ops@corp.example>", "Server maintenance notice", 16),
        mail("m6", "김철수 <kim@corp.example>", "출장 일정 안내", 15),
        mail("t1", "Spam <spam@ads.example>", "광고: 특가 세일", 14, folder="trash"),
        mail("t2", "Jane Lee <jane@corp.example>", "Old draft", 13, folder="trash"),
    ]  # fmt: skip


def _brief(m: dict[str, Any]) -> dict[str, Any]:
    return {k: m[k] for k in ("id", "from", "subject", "receivedAt")}


@dataclass
class FabricatedMailbox:
    mails: list[dict[str, Any]] = field(default_factory=demo_mails)

    def by_id(self, message_id: str) -> dict[str, Any] | None:
        return next((m for m in self.mails if m["id"] == message_id), None)

    def _listing(self, args: dict[str, Any]) -> dict[str, Any]:
        folder = args.get("folder", "inbox")
        found = [m for m in self.mails if m["folder"] == folder]
        if args.get("unread") is not None:
            found = [m for m in found if m["read"] is not args["unread"]]
        if args.get("sender"):
            found = [m for m in found if args["sender"].lower() in m["from"].lower()]
        if args.get("words"):
            text = args["words"].lower()
            found = [m for m in found if text in (m["subject"] + m["body"]).lower()]
        found.sort(key=lambda m: m["receivedAt"], reverse=args.get("order") != "oldest")
        items = [{k: v for k, v in m.items() if k != "body"} for m in found]
        limit = args.get("limit", 10)
        return {**args, "total": len(found), "items": items[:limit]}

    def _change(self, ids: list[str], change: Any) -> dict[str, Any]:
        messages = [self.by_id(i) for i in ids]
        for m in messages:
            assert m is not None, "the planner asked to change a mail that does not exist"
            change(m)
        return {"count": len(messages), "messages": [_brief(m) for m in messages if m]}

    def execute(self, call: ToolCall) -> dict[str, Any]:
        args = call.arguments
        if call.name in ("list_messages", "search_messages"):
            return self._listing(args)
        if call.name == "read_message":
            found = self.by_id(args["id"])
            if found is None:
                assert args.get("missing_ok"), "read_message of an unknown id must be missing_ok"
            return {"id": args["id"], "found": found is not None, "message": found}
        if call.name == "delete_messages":
            result = self._change(args["ids"], lambda m: m.update(folder="trash"))
            return {"folder": "trash", **result}
        if call.name == "restore_messages":
            return self._change(args["ids"], lambda m: m.update(folder="inbox"))
        if call.name == "mark_read":
            result = self._change(args["ids"], lambda m: m.update(read=args["read"]))
            return {"read": args["read"], **result}
        if call.name == "send_message":
            return {"id": "sent-1", "folder": "sent", **args}
        raise AssertionError(f"unexpected tool {call.name}")


@dataclass
class PlannerRun:
    calls: list[ToolCall]
    plan: list[PlanItem]
    thoughts: list[str]
    answer: str
    deltas: list[str]
    title: str | None


async def drive(
    prompt: str,
    page: dict[str, Any] | None = None,
    mailbox: FabricatedMailbox | None = None,
    decide: dict[str, ToolOutcome] | None = None,
    stop: dict[str, tuple[str, str]] | None = None,
) -> PlannerRun:
    """Run the planner as the runtime would: turn, execute calls, append outcomes, repeat.

    `stop` maps a tool name to (status, text): that call is not executed but ends as
    rejected / expired (text = reason) or failed (text = error).
    """
    mailbox = mailbox or FabricatedMailbox()
    planner = OfflinePlanner()
    conversation = Conversation(prompt, detect_language(prompt), page or {})
    calls: list[ToolCall] = []
    thoughts: list[str] = []
    for _ in range(12):
        turn: ModelTurn = await planner.turn(conversation)
        if turn.thought:
            thoughts.append(turn.thought)
        conversation.announced_plan.extend(turn.plan)
        if turn.answer is not None:
            deltas = [delta async for delta in turn.answer]
            return PlannerRun(
                calls, conversation.announced_plan, thoughts, "".join(deltas), deltas,
                turn.result_title,
            )  # fmt: skip
        assert turn.tool_calls, "a turn must call a tool or answer"
        for call in turn.tool_calls:
            calls.append(call)
            if stop and call.name in stop:
                status, text = stop[call.name]
                outcome = ToolOutcome(
                    call, status,  # type: ignore[arg-type]
                    error=text if status == "failed" else None,
                    reason=text if status != "failed" else None,
                )  # fmt: skip
            else:
                outcome = ToolOutcome(call, "completed", result=mailbox.execute(call))
            conversation.outcomes.append(outcome)
    raise AssertionError("the planner did not answer within 12 turns")
