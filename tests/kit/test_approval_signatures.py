"""The approval signatures, and the key the agent and the main service must share."""

from pathlib import Path
from typing import Any

import pytest

from aura.agent.settings import Settings as AgentSettings
from aura.kit.approval_signatures import ApprovalSigner
from aura.kit.settings import ConfigurationError, load_settings
from aura.main_service.settings import Settings as MainSettings
from tests.support.identity import TEST_JWT_SECRET
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY

SIGNER = ApprovalSigner(TEST_APPROVAL_SIGNING_KEY)


def opened() -> dict[str, Any]:
    record: dict[str, Any] = {
        "requestId": "req_0123456789abcdef",
        "sessionId": "sess_1",
        "runId": "run_1",
        "tenantId": "tenant1",
        "userId": "user123",
        "actionType": "delete_messages",
        "params": {"ids": ["m1", "m2"]},
        "paramsSchema": {"type": "object"},
        "paramsHash": "h",
        "message": "메일 2개를 휴지통으로 이동합니다",
        "preview": [{"id": "m1"}, {"id": "m2"}],
        "editPolicy": {"kind": "subset", "field": "ids"},
        "status": "pending",
        "createdAt": 1,
        "expiresAt": 2,
    }
    record["requestSignature"] = SIGNER.sign_request(record)
    return record


def approved(record: dict[str, Any], edited: Any = None) -> dict[str, Any]:
    decided = record | {"status": "approved", "decidedBy": "lead456", "decidedAt": 5}
    if edited is not None:
        decided["editedParams"] = edited
    decided["decisionSignature"] = SIGNER.sign_decision(
        decided,
        decision="approved",
        decided_by="lead456",
        decided_at=5,
        arguments=edited if edited is not None else record["params"],
    )
    return decided


@pytest.mark.parametrize(
    "field",
    ["params", "preview", "editPolicy", "userId", "tenantId", "paramsSchema", "expiresAt"],
)
def test_the_request_signature_covers_what_was_asked_and_shown(field: str) -> None:
    record = opened()
    assert SIGNER.request_is_signed(record)
    assert not SIGNER.request_is_signed(record | {field: "changed"})


def test_the_decision_signature_covers_decision_decider_time_and_arguments() -> None:
    record = approved(opened(), edited={"ids": ["m2"]})
    assert SIGNER.decision_is_signed(record)
    for change in (
        {"editedParams": {"ids": ["m1", "m2", "m9"]}},
        {"decidedBy": "user123"},
        {"decidedAt": 6},
        {"status": "rejected"},
        {"requestId": "req_ffffffffffffffff"},
    ):
        assert not SIGNER.decision_is_signed(record | change), change
    without_edit = {key: value for key, value in record.items() if key != "editedParams"}
    assert not SIGNER.decision_is_signed(without_edit)  # it authorised m2 only


def test_one_kind_of_signature_never_verifies_as_the_other() -> None:
    record = opened()
    assert not SIGNER.decision_is_signed(
        record | {"status": "approved", "decisionSignature": record["requestSignature"]}
    )


def test_a_rejection_is_signed_without_arguments() -> None:
    record = opened() | {"status": "rejected", "decidedBy": "user123", "decidedAt": 5}
    record["decisionSignature"] = SIGNER.sign_decision(
        record, decision="rejected", decided_by="user123", decided_at=5, arguments=None
    )
    assert SIGNER.decision_is_signed(record)


def test_the_agent_and_the_main_service_share_one_generated_key_per_install(
    tmp_path: Path,
) -> None:
    """What `aura up` gives both services when APPROVAL_SIGNING_KEY is not set (development)."""
    common = {"JWT_SECRET": TEST_JWT_SECRET, "AURA_VAR_DIR": str(tmp_path)}
    agent = load_settings(AgentSettings, **common)
    main = load_settings(MainSettings, **common)
    assert agent.approval_signing_key == main.approval_signing_key
    assert len(agent.approval_signing_key) >= 32
    assert agent.approval_signing_key != TEST_JWT_SECRET
    other = load_settings(
        MainSettings, JWT_SECRET=TEST_JWT_SECRET, AURA_VAR_DIR=str(tmp_path / "x")
    )
    assert other.approval_signing_key != main.approval_signing_key


@pytest.mark.parametrize("settings_class", [AgentSettings, MainSettings])
def test_production_refuses_to_start_without_the_key(
    tmp_path: Path, settings_class: type[AgentSettings] | type[MainSettings]
) -> None:
    with pytest.raises(ConfigurationError, match="APPROVAL_SIGNING_KEY is not set"):
        load_settings(
            settings_class,
            ENVIRONMENT="production",
            JWT_SECRET=TEST_JWT_SECRET,
            AURA_VAR_DIR=str(tmp_path),
        )
