"""What the main service's lifespan opens and its routes use: one typed object on `app.state`."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from aura.main_service.queries import HitlQueries
from aura.main_service.service import DecisionService


@dataclass(frozen=True)
class MainResources:
    decisions: DecisionService
    queries: HitlQueries


async def resources(request: Request) -> MainResources:
    found: MainResources = request.app.state.resources
    return found


ResourcesDep = Annotated[MainResources, Depends(resources)]
