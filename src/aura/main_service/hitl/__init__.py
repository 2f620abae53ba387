"""Approve, reject, query and audit human-in-the-loop requests (docs/contract.md#main-service)."""
