"""The original DWP main service's status routes, answered the same way (compat).

The original frontend renders `GET /api/main/health`'s `data` as text, so it is a string here;
`/health` keeps the structured answer every Aura service gives the platform's checks.
"""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from aura.contracts.envelope import SuccessEnvelope, enveloped

RUNNING = "Main Service is running"
DESCRIPTION = "Aura main service: human-in-the-loop approvals (approve, reject, audit)"


class ServiceInfo(BaseModel):
    service: str
    description: str
    port: int


def status_router(port: int) -> APIRouter:
    router = APIRouter(prefix="/main", tags=["status"], default_response_class=JSONResponse)

    @router.get("/health")
    async def main_health() -> SuccessEnvelope[str]:
        return enveloped(RUNNING, message=RUNNING)

    @router.get("/info")
    async def main_info() -> SuccessEnvelope[ServiceInfo]:
        return enveloped(ServiceInfo(service="main-service", description=DESCRIPTION, port=port))

    return router
