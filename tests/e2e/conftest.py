"""One whole system per test session, shared by the end-to-end tests that need no special env.

It gets a database of its own (a fresh PostgreSQL database in the PostgreSQL run) so that the
app-level tests of the same session never see its data.
"""

from collections.abc import Iterator

import pytest

from tests.support.backends import database_for_tests
from tests.support.system import RunningSystem, start_system


@pytest.fixture(scope="session")
def running_system(redis_url: str) -> Iterator[RunningSystem]:
    with database_for_tests() as database_url, start_system(redis_url, database_url) as system:
        yield system
