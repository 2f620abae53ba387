"""What the agent's lifespan opens and its routes use: one typed object on `app.state`."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from aura.agent.approvals.hub import SubscriptionHub
from aura.agent.event_log import RunLog
from aura.agent.runs.supervisor import RunSupervisor
from aura.agent.service import AgentService
from aura.agent.settings import Settings


@dataclass(frozen=True)
class AgentResources:
    settings: Settings
    service: AgentService
    supervisor: RunSupervisor
    log: RunLog
    hub: SubscriptionHub


async def resources(request: Request) -> AgentResources:
    found: AgentResources = request.app.state.resources
    return found


ResourcesDep = Annotated[AgentResources, Depends(resources)]
