"""Approve, reject, query and audit Aura's human-in-the-loop requests (SPEC §6)."""
