"""The `GET /health` answer of the enveloped services."""

from typing import Any

from fastapi import APIRouter

from aura.contracts.envelope import success_body


def health_router(service: str, environment: str = "development") -> APIRouter:
    router = APIRouter()

    @router.get("/health")
    async def health() -> dict[str, Any]:
        return success_body(
            {"status": "healthy", "service": service, "environment": environment},
            message="healthy",
        )

    return router
