"""The `GET /health` answer of the enveloped services."""

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from aura.contracts.envelope import SuccessEnvelope, enveloped


class Health(BaseModel):
    status: Literal["healthy"] = "healthy"
    service: str
    environment: str


def health_router(service: str, environment: str = "development") -> APIRouter:
    router = APIRouter(default_response_class=JSONResponse)

    @router.get("/health")
    async def health() -> SuccessEnvelope[Health]:
        return enveloped(Health(service=service, environment=environment), message="healthy")

    return router
