"""The current time as the contract writes it: timezone-aware UTC, and whole Unix seconds.

Token claims (`iat`, `exp`) and HITL records (`createdAt`, `expiresAt`, `decidedAt`, signal
`timestamp`) are integer seconds since the epoch; every component reads the clock through here.
"""

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def unix_now() -> int:
    """Whole seconds since the Unix epoch, truncated (as `int(time.time())` would give)."""
    return int(utc_now().timestamp())
