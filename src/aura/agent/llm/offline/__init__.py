"""The offline provider: a deterministic bilingual (Korean/English) planner for mail requests."""

from aura.agent.llm.offline.model import OfflinePlanner

__all__ = ["OfflinePlanner"]
