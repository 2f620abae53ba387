"""Tools that change mail: mark read, move to trash, restore, send.

Moving to the trash and sending need a person's approval (docs/contract.md); their previews show
what the action will touch, fetched from the mail service so the person sees real mails. Their
edit policies: a delete may only be narrowed to some of the previewed mails; a mail
to send may be changed by the requester alone.

A mail may be gone from where the preview saw it by the time the approved action runs (another
run of the same user moved it meanwhile): the result then says so in a `notice` sentence, which
the answer and the console show instead of a silent "0 mails moved".
"""

import asyncio
from typing import Any, ClassVar

from pydantic import BaseModel

from aura.agent.language import Language
from aura.agent.tools.arguments import IdsArgs, MarkReadArgs, SendArgs
from aura.agent.tools.base import ToolContext, ToolFailure
from aura.agent.tools.mail_api import MailClient, MailTool
from aura.agent.tools.messages import brief
from aura.contracts.hitl import EditPolicy

PREVIEW_LIMIT = 5


async def _briefs(mail: MailClient, ctx: ToolContext, ids: list[str]) -> list[dict[str, Any]]:
    messages = await asyncio.gather(*(mail.get(ctx, message_id) for message_id in ids))
    return [brief(message) for message in messages]


def _quoted(messages: list[dict[str, Any]], language: Language) -> str:
    shown = [
        f"「{m.get('subject')}」({m.get('from')})"
        if language == "ko"
        else f'"{m.get("subject")}" from {m.get("from")}'
        for m in messages[:PREVIEW_LIMIT]
    ]
    rest = len(messages) - len(shown)
    if rest > 0:
        shown.append(f"외 {rest}개" if language == "ko" else f"and {rest} more")
    return ", ".join(shown)


def _changed(data: Any, action: str) -> dict[str, Any]:
    """The mail service's batch result: which mails changed and which were already so."""
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise ToolFailure(f"The mail service did not say which mails it {action}.")
    changed = set(data.get("changed") or [])
    messages = [brief(m) for m in data["messages"] if m.get("id") in changed]
    unchanged = [brief(m) for m in data["messages"] if m.get("id") not in changed]
    return {"count": len(messages), "messages": messages, "unchanged": unchanged}


class MarkRead(MailTool[MarkReadArgs]):
    name: ClassVar[str] = "mark_read"
    description: ClassVar[str] = "Mark mails as read (or as unread with read=false)."
    args_model: ClassVar[type[BaseModel]] = MarkReadArgs

    async def run(self, args: MarkReadArgs, ctx: ToolContext) -> dict[str, Any]:
        purpose = "mark the mails as read" if args.read else "mark the mails as unread"
        data = await self._mail.post(ctx, "read", {"ids": args.ids, "read": args.read}, purpose)
        return {"read": args.read, **_changed(data, "marked")}


def _already_in_trash(already: int, moved: int, language: Language) -> str:
    """Said when approved mails had been moved to the trash before the approval ran."""
    if language == "ko":
        head = f"메일 {already}개는 이 승인이 실행되기 전에 이미 휴지통에 옮겨져 있었습니다."
        return f"{head} 옮긴 메일이 없습니다." if moved == 0 else head
    noun = "This mail was" if already == 1 else f"These {already} mails were"
    sentence = f"{noun} already in the trash (moved there before this approval ran)"
    return f"{sentence}, so nothing was moved." if moved == 0 else f"{sentence}."


class DeleteMessages(MailTool[IdsArgs]):
    name: ClassVar[str] = "delete_messages"
    description: ClassVar[str] = (
        "Move mails to the trash (they can be restored). Needs the user's approval."
    )
    args_model: ClassVar[type[BaseModel]] = IdsArgs
    requires_approval: ClassVar[bool] = True
    edit_policy: ClassVar[EditPolicy] = EditPolicy(kind="subset", field="ids")

    async def preview(self, args: IdsArgs, ctx: ToolContext) -> list[dict[str, Any]]:
        return await _briefs(self._mail, ctx, args.ids)

    async def run(self, args: IdsArgs, ctx: ToolContext) -> dict[str, Any]:
        data = await self._mail.post(
            ctx, "delete", {"ids": args.ids}, "move the mails to the trash"
        )
        result = {"folder": "trash", **_changed(data, "moved")}
        already = len(result["unchanged"])
        if already:
            result["alreadyInTrash"] = already
            result["notice"] = _already_in_trash(already, result["count"], ctx.language)
        return result

    def approval_message(self, args: IdsArgs, preview: Any, language: Language) -> str:
        messages = preview if isinstance(preview, list) else [{"id": i} for i in args.ids]
        if language == "ko":
            return f"메일 {len(args.ids)}개를 휴지통으로 이동합니다: {_quoted(messages, 'ko')}"
        noun = "mail" if len(args.ids) == 1 else "mails"
        return f"Move {len(args.ids)} {noun} to the trash: {_quoted(messages, 'en')}"


class RestoreMessages(MailTool[IdsArgs]):
    name: ClassVar[str] = "restore_messages"
    description: ClassVar[str] = "Move mails from the trash back to the folder they came from."
    args_model: ClassVar[type[BaseModel]] = IdsArgs

    async def run(self, args: IdsArgs, ctx: ToolContext) -> dict[str, Any]:
        data = await self._mail.post(ctx, "restore", {"ids": args.ids}, "restore the mails")
        return _changed(data, "restored")


class SendMessage(MailTool[SendArgs]):
    name: ClassVar[str] = "send_message"
    description: ClassVar[str] = (
        "Send a new mail to one or more addresses. Needs the user's approval."
    )
    args_model: ClassVar[type[BaseModel]] = SendArgs
    requires_approval: ClassVar[bool] = True
    edit_policy: ClassVar[EditPolicy] = EditPolicy(kind="requester")

    async def preview(self, args: SendArgs, ctx: ToolContext) -> dict[str, Any]:
        return {"to": args.to, "subject": args.subject, "body": args.body}

    async def run(self, args: SendArgs, ctx: ToolContext) -> dict[str, Any]:
        data = await self._mail.post(
            ctx,
            "send",
            {"to": args.to, "subject": args.subject, "body": args.body},
            "send the mail",
        )
        if not isinstance(data, dict) or not data.get("id"):
            raise ToolFailure("The mail service did not confirm that the mail was sent.")
        return {
            "id": data["id"],
            "to": data.get("to", args.to),
            "subject": data.get("subject", args.subject),
            "body": data.get("body", args.body),
            "folder": data.get("folder", "sent"),
            "deliveredTo": data.get("deliveredTo", []),
        }

    def approval_message(self, args: SendArgs, preview: Any, language: Language) -> str:
        recipients = ", ".join(args.to)
        if language == "ko":
            return f"{recipients}에게 「{args.subject}」 메일을 보냅니다."
        return f'Send the mail "{args.subject}" to {recipients}.'
