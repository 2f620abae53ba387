"""Tools that only look at mail: list, search, read. None of them needs approval."""

from typing import Any, ClassVar

from pydantic import BaseModel

from aura.agent.tools.arguments import ListArgs, ReadArgs, SearchArgs
from aura.agent.tools.base import ToolContext
from aura.agent.tools.mail_api import MailClient, MailNotFoundError, MailTool
from aura.agent.tools.messages import listing_item


def _query(args: ListArgs) -> dict[str, Any]:
    query: dict[str, Any] = {"folder": args.folder}
    if args.unread is not None:
        query["unread"] = "true" if args.unread else "false"
    if isinstance(args, SearchArgs):
        if args.sender:
            query["from"] = args.sender.strip()
        if args.words:
            query["q"] = args.words.strip()
    return query


async def _page(mail: MailClient, ctx: ToolContext, args: ListArgs) -> dict[str, Any]:
    """One page in the requested order.

    The mail service lists newest first; the oldest mails are the tail of that order, so the
    total is learnt first and the tail is read and reversed.
    """
    query = _query(args)
    if args.order == "newest":
        data = await mail.list(ctx, {**query, "limit": args.limit, "offset": args.offset})
        return {"items": data["items"], "total": int(data.get("total", len(data["items"])))}
    head = await mail.list(ctx, {**query, "limit": 1, "offset": 0})
    total = int(head.get("total", 0))
    end = max(total - args.offset, 0)
    start = max(end - args.limit, 0)
    if end == 0:
        return {"items": [], "total": total}
    data = await mail.list(ctx, {**query, "limit": end - start, "offset": start})
    return {"items": list(reversed(data["items"])), "total": total}


class ListMessages(MailTool[ListArgs]):
    name: ClassVar[str] = "list_messages"
    description: ClassVar[str] = (
        "List the user's mails in a folder, newest or oldest first, optionally only unread or "
        "only read ones. Returns items (id, from, to, subject, snippet, receivedAt, read, "
        "folder) and the total."
    )
    args_model: ClassVar[type[BaseModel]] = ListArgs

    async def run(self, args: ListArgs, ctx: ToolContext) -> dict[str, Any]:
        page = await _page(self._mail, ctx, args)
        return {
            "folder": args.folder,
            "unread": args.unread,
            "order": args.order,
            "total": page["total"],
            "items": [listing_item(item) for item in page["items"]],
        }


class SearchMessages(MailTool[SearchArgs]):
    name: ClassVar[str] = "search_messages"
    description: ClassVar[str] = (
        "Find the user's mails by sender and/or words in the subject or body, in one folder. "
        "Returns the matching items and their total."
    )
    args_model: ClassVar[type[BaseModel]] = SearchArgs
    guidance: ClassVar[str | None] = (
        f"Find mails with {ListMessages.name} or search_messages before acting on them, and "
        "pass the ids you found."
    )

    async def run(self, args: SearchArgs, ctx: ToolContext) -> dict[str, Any]:
        page = await _page(self._mail, ctx, args)
        return {
            "folder": args.folder,
            "sender": args.sender,
            "words": args.words,
            "unread": args.unread,
            "order": args.order,
            "total": page["total"],
            "items": [listing_item(item) for item in page["items"]],
        }


class ReadMessage(MailTool[ReadArgs]):
    name: ClassVar[str] = "read_message"
    description: ClassVar[str] = (
        "Open one mail by id and return it with its full body, e.g. to summarise it."
    )
    args_model: ClassVar[type[BaseModel]] = ReadArgs
    guidance: ClassVar[str | None] = (
        "When you read an id taken from the page, set missing_ok=true: if it no longer exists, "
        "say so briefly and carry on without it."
    )

    async def run(self, args: ReadArgs, ctx: ToolContext) -> dict[str, Any]:
        try:
            message = await self._mail.get(ctx, args.id)
        except MailNotFoundError:
            if not args.missing_ok:
                raise
            return {"id": args.id, "found": False, "message": None}
        return {"id": args.id, "found": True, "message": message}
