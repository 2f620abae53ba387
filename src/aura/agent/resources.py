"""The one typed object the lifespan hands to the routes."""

from dataclasses import dataclass

from aura.agent.approvals.hub import SubscriptionHub
from aura.agent.event_log import RunLog
from aura.agent.runs import RunSupervisor
from aura.agent.service import AgentService
from aura.agent.settings import Settings


@dataclass(frozen=True)
class AgentResources:
    settings: Settings
    service: AgentService
    supervisor: RunSupervisor
    log: RunLog
    hub: SubscriptionHub
