"""Choosing the provider from configuration."""

import pytest

from aura.agent.llm.language import detect_language
from aura.agent.llm.offline import OfflinePlanner
from aura.agent.llm.openai import OpenAIChatModel
from aura.agent.llm.providers import create_model
from aura.kit.settings import ConfigurationError
from tests.agent.tools.declared import declared_mail_tools


def test_offline_is_the_planner():
    model = create_model("offline", tools=declared_mail_tools())
    assert isinstance(model, OfflinePlanner) and model.model_name == "offline"


async def test_openai_points_at_the_configured_endpoint():
    model = create_model(
        "OpenAI",
        tools=declared_mail_tools(),
        openai_base_url="http://127.0.0.1:11434/v1",
        openai_model="llama3.1",
    )
    assert isinstance(model, OpenAIChatModel)
    assert model.model_name == "openai:llama3.1"
    await model.aclose()


def test_openai_without_key_for_api_openai_com_is_refused():
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        create_model("openai", tools=declared_mail_tools())


def test_unknown_provider_is_one_clear_sentence():
    with pytest.raises(ConfigurationError) as error:
        create_model("anthropic", tools=declared_mail_tools())
    assert str(error.value) == (
        "LLM_PROVIDER='anthropic' is not a known provider; use one of: offline, openai."
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("메일 3개를 삭제해주세요", "ko"),
        ("delete 3 mails", "en"),
        ("send it to 김철수", "en"),  # the request's own words decide, not the name in it
        ("delete the mail titled '분기 보고서'", "en"),
        ("Jordan Blake 메일 삭제해줘", "ko"),
        ("ㅋㅋ", "ko"),
        ("", "en"),
        ("12345", "en"),
    ],
)
def test_detect_language(text: str, language: str):
    assert detect_language(text) == language
