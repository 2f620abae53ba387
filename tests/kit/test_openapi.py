"""Each service's OpenAPI document lists the 4xx answers its routes give, and no 422."""

import importlib
import json

import pytest

from tests.support.identity import TEST_JWT_SECRET

PACKAGES = ("auth_server", "main_service", "mail_service", "agent")


def document(package: str) -> dict:  # type: ignore[type-arg]
    settings = importlib.import_module(f"aura.{package}.settings").Settings
    app = importlib.import_module(f"aura.{package}.app").create_app(
        settings(jwt_secret=TEST_JWT_SECRET)
    )
    return app.openapi()  # type: ignore[no-any-return]


def operations(package: str) -> dict[str, set[str]]:
    found = {}
    for path, item in document(package)["paths"].items():
        for method, operation in item.items():
            found[f"{method.upper()} {path}"] = set(operation["responses"])
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_no_route_documents_a_422_it_never_gives(package: str) -> None:
    assert "422" not in json.dumps({k: sorted(v) for k, v in operations(package).items()})
    assert "HTTPValidationError" not in json.dumps(document(package))


@pytest.mark.parametrize("package", PACKAGES)
def test_every_route_with_an_identity_lists_401_and_403(package: str) -> None:
    for name, statuses in operations(package).items():
        if "/health" in name or name.startswith("GET /main/") or name == "POST /auth/login":
            continue
        if name == "GET /aura/test/stream":
            assert "405" in statuses
            continue
        assert {"400", "401", "403"} <= statuses, name


def test_use_case_answers_are_listed() -> None:
    assert {"400", "401", "413", "429"} <= operations("auth_server")["POST /auth/login"]
    main = operations("main_service")
    assert {"404", "409", "503"} <= main["POST /aura/hitl/approve/{request_id}"]
    assert "404" in main["GET /aura/hitl/signals/{session_id}"]
    assert {"404", "413"} <= operations("mail_service")["POST /mail/messages/delete"]
    assert "409" in operations("agent")["POST /aura/test/stream"]


def _schema_names(response: dict) -> set[str]:  # type: ignore[type-arg]
    return {
        content["schema"].get("$ref", "").rsplit("/", 1)[-1]
        for content in response.get("content", {}).values()
    }


@pytest.mark.parametrize("package", PACKAGES)
def test_every_answer_names_its_envelope(package: str) -> None:
    streams = {"POST /aura/test/stream", "GET /aura/runs/{run_id}/stream"}
    for path, item in document(package)["paths"].items():
        for method, operation in item.items():
            name = f"{method.upper()} {path}"
            for status, response in operation["responses"].items():
                if not status.startswith("2"):
                    assert _schema_names(response) == {"ErrorEnvelope"}, (name, status)
                elif name in streams:
                    assert set(response["content"]) == {"text/event-stream"}, name
                elif name != "GET /health" or package != "agent":
                    (schema,) = _schema_names(response)
                    assert schema.startswith("SuccessEnvelope_"), (name, schema)


def test_the_envelopes_show_their_data_and_error_codes() -> None:
    schemas = document("mail_service")["components"]["schemas"]
    page = schemas["SuccessEnvelope_MessagePage_"]
    assert page["properties"]["data"] == {"$ref": "#/components/schemas/MessagePage"}
    assert page["properties"]["success"]["const"] is True
    error = schemas["ErrorEnvelope"]
    assert {"errorCode", "message"} <= set(error["required"])
    assert "E4001" in schemas["ErrorCode"]["enum"]
