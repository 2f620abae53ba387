"""What the mail service's lifespan opens and its routes use: one typed object on `app.state`."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.mail_service.service import Mailbox


@dataclass(frozen=True)
class MailResources:
    engine: AsyncEngine
    mailbox: Mailbox


async def resources(request: Request) -> MailResources:
    found: MailResources = request.app.state.resources
    return found


ResourcesDep = Annotated[MailResources, Depends(resources)]
