"""Choosing the chat model from configuration (`LLM_PROVIDER`, README.md#configuration)."""

from typing import Literal, get_args

import httpx

from aura.agent.llm.base import ChatModel
from aura.agent.llm.offline import OfflinePlanner
from aura.agent.llm.openai import OpenAIChatModel
from aura.agent.tools.registry import ToolRegistry
from aura.kit.settings import ConfigurationError

Provider = Literal["offline", "openai"]
PROVIDERS: tuple[str, ...] = get_args(Provider)
DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


def create_model(
    provider: str,
    *,
    tools: ToolRegistry,
    openai_base_url: str | None = None,
    openai_api_key: str | None = None,
    openai_model: str | None = None,
    http: httpx.AsyncClient | None = None,
) -> ChatModel:
    """The model `LLM_PROVIDER` names; a clear `ConfigurationError` for anything else."""
    name = (provider or "offline").strip().lower()
    if name == "offline":
        return OfflinePlanner(tools)
    if name == "openai":
        base_url = openai_base_url or DEFAULT_OPENAI_BASE_URL
        if base_url == DEFAULT_OPENAI_BASE_URL and not openai_api_key:
            raise ConfigurationError(
                "LLM_PROVIDER=openai needs OPENAI_API_KEY for api.openai.com "
                "(or OPENAI_BASE_URL pointing at a server that needs no key)."
            )
        return OpenAIChatModel(
            tools=tools,
            base_url=base_url,
            model=openai_model or DEFAULT_OPENAI_MODEL,
            api_key=openai_api_key,
            http=http,
        )
    raise ConfigurationError(
        f"LLM_PROVIDER={provider!r} is not a known provider; use one of: {', '.join(PROVIDERS)}."
    )
