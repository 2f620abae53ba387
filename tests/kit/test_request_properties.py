"""Properties of what every service accepts at its edge: any JSON document is either refused by
the body guard with a field it names, or handed to the request models, which answer with a
validation error or a model holding valid, bounded text; never another exception."""

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from aura.agent.schemas import MAX_PROMPT_CHARS, StreamRequest
from aura.auth_server.schemas import parse_login_request
from aura.contracts.mail import IdsRequest, MarkReadRequest, SendRequest
from aura.kit.errors import DomainError
from aura.kit.request_bodies import body_problem
from aura.kit.text import MAX_JSON_DEPTH, is_unicode, text_problem
from aura.main_service.schemas import ApproveBody, RejectBody

# Text including lone surrogates, which JSON can carry as "\ud800" escapes.
texts = st.text(alphabet=st.characters(), max_size=20) | st.text(
    alphabet=st.characters(categories=["Cs", "Lo", "Ll"]), max_size=5
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=15,
)
fields = [
    "prompt",
    "context",
    "threadId",
    "ids",
    "read",
    "to",
    "subject",
    "body",
    "userId",
    "params",
    "comment",
    "reason",
    "username",
    "password",
    "tenantId",
    "email",
]
documents = st.dictionaries(st.sampled_from(fields), json_values, max_size=6)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value.keys(), *(s for v in value.values() for s in strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@settings(max_examples=150, deadline=None)
@given(document=documents)
def test_the_guard_refuses_exactly_bad_text_and_deep_nesting(document: dict[str, Any]) -> None:
    body = json.dumps(document).encode()
    refused = body_problem(body)
    bad_text = not all(is_unicode(s) for s in strings(document))
    too_deep = depth(document) > MAX_JSON_DEPTH
    assert (refused is not None) == (bad_text or too_deep)
    if refused is not None:
        assert refused[2].field.split(".")[0] in {*document, "body"}


@settings(max_examples=60, deadline=None)
@given(levels=st.integers(min_value=1, max_value=200), key=st.sampled_from(fields))
def test_nesting_is_bounded_at_one_depth_for_every_field(levels: int, key: str) -> None:
    document = {key: json.loads("[" * levels + "]" * levels)}
    found = text_problem(document)
    assert (found is None) == (levels + 1 <= MAX_JSON_DEPTH)
    if found is not None:
        assert found[0] == key


MODELS: list[type[BaseModel]] = [
    StreamRequest,
    IdsRequest,
    MarkReadRequest,
    SendRequest,
    ApproveBody,
    RejectBody,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@settings(max_examples=40, deadline=None)
@given(document=documents)
def test_models_validate_or_refuse_cleanly(
    model: type[BaseModel], document: dict[str, Any]
) -> None:
    if body_problem(json.dumps(document).encode()) is not None:
        return  # refused at the edge, before any model sees it
    try:
        parsed = model.model_validate(document)
    except ValidationError:
        return
    dumped = parsed.model_dump(by_alias=True, mode="json")
    assert all(is_unicode(s) for s in strings(dumped))
    if isinstance(parsed, StreamRequest):
        assert 1 <= len(parsed.prompt) <= MAX_PROMPT_CHARS
        assert parsed.prompt == parsed.prompt.strip()
    if isinstance(parsed, IdsRequest):
        assert 1 <= len(parsed.ids) <= 500


@settings(max_examples=80, deadline=None)
@given(document=documents | json_values)
def test_login_bodies_parse_or_refuse_in_the_envelope(document: Any) -> None:
    body = json.dumps(document).encode()
    if body_problem(body) is not None:
        return
    try:
        request = parse_login_request(body, "application/json")
    except DomainError as refused:
        assert refused.http_status == 400
        return
    assert request.password and (request.username or request.email)


@pytest.mark.parametrize(
    "document",
    [
        {"prompt": "delete \ud800"},
        {"prompt": "hi", "context": {"a": "\udfff"}},
        {"prompt": "hi", "context": {"a": json.loads("[" * 40 + "]" * 40)}},
    ],
)
def test_a_stream_request_built_in_process_refuses_bad_text_too(document: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        StreamRequest.model_validate(document)


def test_a_login_body_too_deep_for_python_is_a_400_in_the_parser_too() -> None:
    body = b'{"username": ' + b"[" * 5000 + b"]" * 5000 + b', "password": "x"}'
    with pytest.raises(DomainError) as refused:
        parse_login_request(body, "application/json")
    assert refused.value.http_status == 400
