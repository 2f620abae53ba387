"""What the main service's lifespan opens and its routes use: one typed object on `app.state`."""

from dataclasses import dataclass

from fastapi import Request

from aura.main_service.hitl.decisions import DecisionService
from aura.main_service.hitl.queries import HitlQueries


@dataclass(frozen=True)
class MainResources:
    decisions: DecisionService
    queries: HitlQueries


def resources(request: Request) -> MainResources:
    value: MainResources = request.app.state.resources
    return value
