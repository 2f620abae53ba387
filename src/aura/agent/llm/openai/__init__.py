"""The `openai` provider: any OpenAI-compatible chat-completions endpoint with tool calling."""

from aura.agent.llm.openai.model import OpenAIChatModel

__all__ = ["OpenAIChatModel"]
