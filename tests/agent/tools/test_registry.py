"""The registry and the tools' argument schemas and policies."""

import pytest
from pydantic import ValidationError

from aura.agent.tools.registry import ToolRegistry, UnknownToolError
from tests.agent.tools.declared import declared_mail_tools


def test_registry_lists_every_mail_tool_with_its_policy():
    tools = declared_mail_tools()
    assert tools.names == [
        "list_messages", "search_messages", "read_message", "mark_read",
        "delete_messages", "restore_messages", "send_message",
    ]  # fmt: skip
    assert {t.name for t in tools if t.requires_approval} == {"delete_messages", "send_message"}


def test_unknown_tool_is_a_clear_error():
    with pytest.raises(UnknownToolError, match="no tool named 'format_disk'; the tools are: "):
        declared_mail_tools().get("format_disk")


def test_duplicate_names_are_refused():
    tools = list(declared_mail_tools())
    with pytest.raises(ValueError, match="list_messages"):
        ToolRegistry([tools[0], tools[0]])


def test_function_specs_carry_described_schemas():
    specs = declared_mail_tools().function_specs()
    delete = next(s for s in specs if s["function"]["name"] == "delete_messages")
    assert delete["type"] == "function"
    ids = delete["function"]["parameters"]["properties"]["ids"]
    assert ids["type"] == "array" and ids["description"]
    for spec in specs:
        for name, prop in spec["function"]["parameters"]["properties"].items():
            assert prop.get("description"), f"{spec['function']['name']}.{name} has no description"


@pytest.mark.parametrize(
    ("tool", "params"),
    [
        ("search_messages", {}),
        ("search_messages", {"sender": "  "}),
        ("send_message", {"to": ["not-an-address"], "subject": "s", "body": "b"}),
        ("send_message", {"to": [], "subject": "s", "body": "b"}),
        ("delete_messages", {"ids": []}),
        ("list_messages", {"limit": 0}),
        ("list_messages", {"folder": "spam"}),
        ("mark_read", {"ids": ["m1"], "colour": "red"}),
    ],
)
def test_bad_arguments_are_refused(tool: str, params: dict[str, object]):
    with pytest.raises(ValidationError):
        declared_mail_tools().get(tool).parse(params)


def test_duplicate_ids_are_collapsed():
    args = declared_mail_tools().get("delete_messages").parse({"ids": ["a", "b", "a"]})
    assert args.model_dump() == {"ids": ["a", "b"]}
