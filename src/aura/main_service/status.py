"""The original DWP main service's status routes, answered the same way (compat).

The original frontend renders `GET /api/main/health`'s `data` as text, so it is a string here;
`/health` keeps the structured answer every Aura service gives the platform's checks.
"""

from typing import Any

from fastapi import APIRouter

from aura.contracts.envelope import success_body

RUNNING = "Main Service is running"
DESCRIPTION = "Aura main service: human-in-the-loop approvals (approve, reject, audit)"


def status_router(port: int) -> APIRouter:
    router = APIRouter(prefix="/main", tags=["status"])

    @router.get("/health")
    async def main_health() -> dict[str, Any]:
        return success_body(RUNNING, message=RUNNING)

    @router.get("/info")
    async def main_info() -> dict[str, Any]:
        info = {"service": "main-service", "description": DESCRIPTION, "port": port}
        return success_body(info)

    return router
