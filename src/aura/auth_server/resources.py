"""What the lifespan opens and the routes use, as one typed object on `app.state`."""

from dataclasses import dataclass

from fastapi import Request

from aura.auth_server.accounts import AccountService


@dataclass(frozen=True)
class AuthResources:
    accounts: AccountService
    trusted_proxies: frozenset[str] = frozenset()


def resources(request: Request) -> AuthResources:
    found: AuthResources = request.app.state.resources
    return found
