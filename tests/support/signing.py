"""The approval signing key of the tests: what the agent and the main service under test are
configured with, so that a test playing either part signs exactly as that service would."""

from aura.kit.approval_signatures import ApprovalSigner

TEST_APPROVAL_SIGNING_KEY = "aura-test-approval-key-0123456789-abcdefghij"

test_signer = ApprovalSigner(TEST_APPROVAL_SIGNING_KEY)
