"""The runtime unit tier: `AgentRuntime` driven in-process, whole event sequences snapshotted."""

import pytest

# Before any test module imports it, so that a snapshot that differs is shown as a diff.
pytest.register_assert_rewrite("tests.agent.runtime.transcripts")
