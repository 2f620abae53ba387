import time
from datetime import UTC

from aura.contracts.clock import unix_now, utc_now


def test_utc_now_is_aware_utc() -> None:
    assert utc_now().tzinfo is UTC


def test_unix_now_is_whole_seconds_of_the_system_clock() -> None:
    before = int(time.time())
    now = unix_now()
    assert type(now) is int
    assert before <= now <= int(time.time())
