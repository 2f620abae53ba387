"""Settings the agent refuses at load time, each with one clear sentence."""

import pytest
from pydantic import ValidationError

from aura.agent.settings import Settings
from tests.support.identity import TEST_JWT_SECRET
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY


def settings(**values: object) -> Settings:
    return Settings(
        jwt_secret=TEST_JWT_SECRET,
        approval_signing_key=TEST_APPROVAL_SIGNING_KEY,
        run_log_retention_seconds=7200,
        **values,
    )


def test_an_approval_wait_the_request_record_would_not_outlive_is_refused():
    with pytest.raises(ValidationError, match=r"HITL_TIMEOUT_SECONDS must be at most 1740 sec"):
        settings(hitl_timeout_seconds=1800)
    assert settings(hitl_timeout_seconds=1740).hitl_timeout_seconds == 1740


def test_an_owner_lease_shorter_than_its_renewal_is_refused():
    with pytest.raises(ValidationError, match="RUN_OWNER_LEASE_SECONDS must be longer"):
        settings(run_owner_lease_seconds=2, run_sweep_seconds=2)
