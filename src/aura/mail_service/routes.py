"""The mail API (docs/contract.md#mail-service): routes parse, call one mailbox method, wrap."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.responses import JSONResponse

from aura.contracts.envelope import SuccessEnvelope, enveloped
from aura.contracts.mail import (
    Folder,
    IdsRequest,
    MarkReadRequest,
    Message,
    MessagePage,
    SendRequest,
)
from aura.contracts.mail_results import BatchResult, FolderCounts, SentMessage
from aura.kit.openapi import error_responses
from aura.kit.service import CallerDep
from aura.mail_service.idempotency import IDEMPOTENCY_HEADER, MAX_KEY_LENGTH, REPLAYED_HEADER
from aura.mail_service.repository import MessageFilter
from aura.mail_service.resources import ResourcesDep
from aura.mail_service.service import Answer, Applied, Mailbox

MAX_QUERY_WORDS = 10

router = APIRouter(prefix="/mail", tags=["mail"], default_response_class=JSONResponse)

MAX_OFFSET = 1_000_000
"""Far past any real mailbox; it keeps the value inside every database's integer range."""


async def _mailbox(resources: ResourcesDep) -> Mailbox:
    return resources.mailbox


MailboxDep = Annotated[Mailbox, Depends(_mailbox)]
# Printable ASCII without spaces, like the keys clients generate (UUIDs, request ids).
KeyHeader = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_HEADER,
        min_length=1,
        max_length=MAX_KEY_LENGTH,
        pattern=r"^[!-~]+$",
        description="Apply this change at most once: a retry with the same key gets the "
        "first answer (kept 24 h).",
    ),
]


@router.get("/messages")
async def list_messages(
    caller: CallerDep,
    mailbox: MailboxDep,
    folder: Folder = "inbox",
    unread: bool | None = None,
    sender: Annotated[str | None, Query(alias="from", max_length=320)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> SuccessEnvelope[MessagePage]:
    criteria = MessageFilter(
        folder=folder,
        unread=unread,
        sender=(sender or "").strip() or None,
        words=tuple((q or "").split()[:MAX_QUERY_WORDS]),
    )
    page = await mailbox.page(caller, criteria, limit, offset)
    return enveloped(page, f"{page.total} message(s)")


@router.get("/messages/{message_id}")
async def get_message(
    message_id: str, caller: CallerDep, mailbox: MailboxDep
) -> SuccessEnvelope[Message]:
    return enveloped(await mailbox.message(caller, message_id))


@router.post("/messages/delete", responses=error_responses(404, 409))
async def delete_messages(
    body: IdsRequest,
    caller: CallerDep,
    mailbox: MailboxDep,
    response: Response,
    key: KeyHeader = None,
) -> SuccessEnvelope[BatchResult]:
    result = answered(response, await mailbox.delete(caller, body.ids, key))
    return enveloped(result, f"{result.count} message(s) moved to trash")


@router.post("/messages/restore", responses=error_responses(404, 409))
async def restore_messages(
    body: IdsRequest,
    caller: CallerDep,
    mailbox: MailboxDep,
    response: Response,
    key: KeyHeader = None,
) -> SuccessEnvelope[BatchResult]:
    result = answered(response, await mailbox.restore(caller, body.ids, key))
    return enveloped(result, f"{result.count} message(s) restored")


@router.post("/messages/read", responses=error_responses(404, 409))
async def mark_messages(
    body: MarkReadRequest,
    caller: CallerDep,
    mailbox: MailboxDep,
    response: Response,
    key: KeyHeader = None,
) -> SuccessEnvelope[BatchResult]:
    result = answered(response, await mailbox.mark_read(caller, body.ids, body.read, key))
    state = "read" if body.read else "unread"
    return enveloped(result, f"{result.count} message(s) marked {state}")


@router.post("/messages/send", responses=error_responses(409))
async def send_message(
    body: SendRequest,
    caller: CallerDep,
    mailbox: MailboxDep,
    response: Response,
    key: KeyHeader = None,
) -> SuccessEnvelope[SentMessage]:
    sent = answered(response, await mailbox.send(caller, body, key))
    return enveloped(sent, "message sent")


def answered(response: Response, applied: Applied[Answer]) -> Answer:
    """The change's answer; a retry answered from the first one says so in a header."""
    if applied.replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return applied.answer


@router.get("/folders")
async def folder_counts(caller: CallerDep, mailbox: MailboxDep) -> SuccessEnvelope[FolderCounts]:
    return enveloped(await mailbox.folders(caller))
