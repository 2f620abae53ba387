"""A conversation as chat-completions messages.

The system prompt tells the model which tools exist, which of them wait for a person's approval
(both from the registry), how to call them (each tool's `guidance`), what page the user is on
and which language to answer in. Each earlier tool outcome becomes an assistant message carrying
the call and a `tool` message carrying what came of it, so the model sees results, failures and
human rejections alike.
"""

import json
from typing import Any

from aura.agent.llm.base import Conversation, ToolOutcome
from aura.agent.tools.registry import ToolRegistry

PAGE_FIELDS = ("url", "path", "title", "activeApp", "itemId", "selectedItemIds", "metadata")


def _page_text(page: dict[str, Any]) -> str:
    shown = {key: page[key] for key in PAGE_FIELDS if page.get(key) not in (None, "", [], {})}
    if not shown:
        return "The user is not on any particular page."
    return (
        "The page the user is on (itemId is the open mail, selectedItemIds the mails they "
        "selected; 'this mail' means itemId, an unqualified 'delete N mails' means the "
        "selected mails when there are any):\n" + json.dumps(shown, ensure_ascii=False)
    )


def system_prompt(conversation: Conversation, tools: ToolRegistry) -> str:
    language = "Korean" if conversation.language == "ko" else "English"
    lines = [
        "You are Aura, an assistant that acts on the user's mailbox through tools.",
        "Use the tools to do what the user asks; never invent mails, ids or results.",
        "Tools:",
    ]
    for tool in tools:
        approval = " (a person must approve it before it runs)" if tool.requires_approval else ""
        lines.append(f"- {tool.name}: {tool.description}{approval}")
    lines += [tool.guidance for tool in tools if tool.guidance]
    lines += [
        "If a person rejected an action, do not retry it: say what was not done and the reason.",
        "When you call tools, call them without writing any text in the same reply: text is "
        "shown to the user as your answer as soon as you write it.",
        _page_text(conversation.page),
        f"Write the final answer in {language}, from the tool results.",
    ]
    return "\n".join(lines)


def _outcome_content(outcome: ToolOutcome) -> str:
    if outcome.status == "completed":
        payload: dict[str, Any] = {"status": "completed", "result": outcome.result}
    elif outcome.status == "failed":
        payload = {"status": "failed", "error": outcome.error}
    else:
        payload = {"status": outcome.status, "reason": outcome.reason, "executed": False}
    return json.dumps(payload, ensure_ascii=False, default=str)


def _outcome_messages(outcome: ToolOutcome) -> list[dict[str, Any]]:
    arguments = outcome.executed_arguments or outcome.call.arguments
    return [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": outcome.call.id,
                    "type": "function",
                    "function": {
                        "name": outcome.call.name,
                        "arguments": json.dumps(arguments, ensure_ascii=False),
                    },
                }
            ],
        },
        {"role": "tool", "tool_call_id": outcome.call.id, "content": _outcome_content(outcome)},
    ]


def chat_messages(conversation: Conversation, tools: ToolRegistry) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": system_prompt(conversation, tools)}
    ]
    for turn in conversation.history:
        if turn.get("role") in ("user", "assistant") and isinstance(turn.get("content"), str):
            messages.append({"role": turn["role"], "content": turn["content"]})
    messages.append({"role": "user", "content": conversation.prompt})
    for outcome in conversation.outcomes:
        messages.extend(_outcome_messages(outcome))
    return messages
