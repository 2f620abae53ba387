"""The offline planner takes the tools' names and approval policies from the registry it is built
with: a renamed tool is called by its new name, and whether a step "needs approval" (in the
thought, the plan and the list of what it can do) follows the tool's policy, not the planner."""

from typing import Any, ClassVar

from aura.agent.llm.base import Conversation
from aura.agent.llm.offline import OfflinePlanner
from aura.agent.tools.apps import MAIL_TOOLS
from aura.agent.tools.changes import DeleteMessages, SendMessage
from aura.agent.tools.mail_api import MailTool
from aura.agent.tools.registry import ToolRegistry
from tests.agent.tools.declared import declared_mail_tools, unopened_mail_client

SELECTED = {"selectedItemIds": ["m1", "m2"]}


class TrashWithoutAsking(DeleteMessages):
    name: ClassVar[str] = "trash_mail"
    requires_approval: ClassVar[bool] = False


class SendWithoutAsking(SendMessage):
    requires_approval: ClassVar[bool] = False


def replaced(*kinds: type[MailTool[Any]]) -> ToolRegistry:
    """The mail tools, each of `kinds` in place of the mail tool it derives from."""
    mail = unopened_mail_client()
    return ToolRegistry(
        next((kind for kind in kinds if issubclass(kind, base)), base)(mail) for base in MAIL_TOOLS
    )


async def first_turn(planner: OfflinePlanner, prompt: str, language: str = "en"):
    return await planner.turn(Conversation(prompt, language, dict(SELECTED)))  # type: ignore[arg-type]


async def test_the_default_tools_are_planned_with_their_names_and_policies():
    turn = await first_turn(OfflinePlanner(declared_mail_tools()), "delete the selected mails")
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [
        ("delete_messages", {"ids": ["m1", "m2"]})
    ]
    assert turn.thought is not None and "needs your approval" in turn.thought
    assert [item.description for item in turn.plan] == [
        "Move the mails to the trash (needs approval)."
    ]


async def test_a_renamed_tool_without_approval_is_planned_as_the_registry_says():
    planner = OfflinePlanner(replaced(TrashWithoutAsking))
    turn = await first_turn(planner, "delete the selected mails")
    assert [(c.name, c.arguments) for c in turn.tool_calls] == [
        ("trash_mail", {"ids": ["m1", "m2"]})
    ]
    assert turn.thought is not None and "approval" not in turn.thought
    assert [item.description for item in turn.plan] == ["Move the mails to the trash."]
    korean = await first_turn(planner, "선택한 메일 삭제해줘", "ko")
    assert korean.thought is not None and "승인" not in korean.thought


async def test_what_the_planner_says_it_can_do_follows_the_policies():
    async def capabilities(planner: OfflinePlanner) -> str:
        turn = await first_turn(planner, "what is the weather tomorrow?")
        assert turn.answer is not None and not turn.tool_calls
        return "".join([piece async for piece in turn.answer])

    default = await capabilities(OfflinePlanner(declared_mail_tools()))
    assert default.count("— after approval") == 2
    ungated = await capabilities(OfflinePlanner(replaced(TrashWithoutAsking, SendWithoutAsking)))
    assert "after approval" not in ungated
    assert ungated == default.replace(" — after approval", "")
