"""What the auth server's lifespan opens and its routes use: one typed object on `app.state`."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from aura.auth_server.service import AccountService


@dataclass(frozen=True)
class AuthResources:
    accounts: AccountService
    trusted_proxies: frozenset[str] = frozenset()


async def resources(request: Request) -> AuthResources:
    found: AuthResources = request.app.state.resources
    return found


ResourcesDep = Annotated[AuthResources, Depends(resources)]
