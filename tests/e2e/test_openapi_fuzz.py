"""A bounded schemathesis run against each service's OpenAPI document, as real processes.

Every generated request, valid and invalid (GenerationMode.all: bodies that break the schema
too), with and without a valid token, must get an answer below 500 whose status the document
lists. Bounded by MAX_EXAMPLES per operation and run derandomized, so that it costs the same
every time (about a minute on two cores).

The system is this module's own: a tenant of its own for the fuzzed identity (nothing another
test reads is touched) and a 3 s approval wait, so that a prompt that happens to ask for a
delete ends quickly.
"""

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.support.backends import database_for_tests
from tests.support.identity import auth_headers
from tests.support.system import RunningSystem, start_system

pytestmark = pytest.mark.e2e

MAX_EXAMPLES = 25
SERVICES = ("auth", "main", "mail", "agent")
FUZZ_TENANT = "fuzz-tenant"
FUZZ_USER = "fuzz-user"
CALL_TIMEOUT_SECONDS = 30


@pytest.fixture(scope="module")
def fuzz_system(redis_url: str) -> Iterator[RunningSystem]:
    env = {"HITL_TIMEOUT_SECONDS": "3", "LOGIN_ACCOUNT_FAILURES": "1000"}
    with database_for_tests() as database_url, start_system(redis_url, database_url, env) as system:
        yield system


def _documented(operation: Any) -> set[str]:
    return set(operation.definition.raw.get("responses", {}))


@pytest.mark.parametrize("service", SERVICES)
def test_generated_requests_get_documented_answers_below_500(
    fuzz_system: RunningSystem, service: str
) -> None:
    base_url = fuzz_system.url(service)
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    identities = (auth_headers(FUZZ_USER, FUZZ_TENANT), {})
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        _fuzz(operation, GenerationMode.POSITIVE, base_url, identities, failures)
        # An operation without parameters or body has no invalid request to generate.
        with contextlib.suppress(Unsatisfiable):
            _fuzz(operation, GenerationMode.NEGATIVE, base_url, identities, failures)
    assert not failures, "\n".join(sorted(set(failures))[:20])


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    base_url: str,
    identities: tuple[dict[str, str], ...],
    failures: list[str],
) -> None:
    documented = _documented(operation)

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        _call(case, base_url, identities, documented, failures)

    run()


def _call(
    case: Any,
    base_url: str,
    identities: tuple[dict[str, str], ...],
    documented: set[str],
    failures: list[str],
) -> None:
    for identity in identities:
        headers = {**(case.headers or {}), **identity}
        response = case.call(base_url=base_url, headers=headers, timeout=CALL_TIMEOUT_SECONDS)
        status = str(response.status_code)
        if response.status_code >= 500 or status not in documented:
            body = response.text[:200].replace("\n", " ")
            failures.append(f"{case.method} {case.formatted_path} -> {status}: {body}")
