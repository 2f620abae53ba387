"""`POST /auth/login`, `GET /auth/me`, `GET /auth/users` (docs/contract.md#auth-server)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from aura.auth_server.resources import AuthResources, ResourcesDep
from aura.auth_server.schemas import LoginRequest, Person, Profile, TokenGrant, parse_login_request
from aura.auth_server.throttle import client_address
from aura.contracts.envelope import SuccessEnvelope, enveloped
from aura.kit.openapi import error_responses
from aura.kit.service import CallerDep

router = APIRouter(prefix="/auth", tags=["auth"], default_response_class=JSONResponse)


async def login_request(request: Request) -> LoginRequest:
    # Parsed by hand rather than as a FastAPI body so that a wrong content type or broken JSON
    # gets a 400 that says so, never a 422.
    return parse_login_request(await request.body(), request.headers.get("content-type"))


def _address(request: Request, state: AuthResources) -> str:
    peer = request.client.host if request.client else None
    return client_address(peer, request.headers.get("x-forwarded-for"), state.trusted_proxies)


@router.post("/login", responses=error_responses(400, 401, 413, 429))
async def login(
    request: Request,
    credentials: Annotated[LoginRequest, Depends(login_request)],
    resources: ResourcesDep,
) -> SuccessEnvelope[TokenGrant]:
    grant = await resources.accounts.login(credentials, _address(request, resources))
    return enveloped(grant, message="Login successful")


@router.get("/users")
async def people(caller: CallerDep, resources: ResourcesDep) -> SuccessEnvelope[list[Person]]:
    """userId → name for the caller's tenant (the console and the CLI show names, not ids)."""
    found = await resources.accounts.people(caller)
    return enveloped(found)


@router.get("/me")
async def me(caller: CallerDep, resources: ResourcesDep) -> SuccessEnvelope[Profile]:
    return enveloped(await resources.accounts.profile(caller))
