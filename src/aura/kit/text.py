"""What text and JSON a service accepts at its edge: valid Unicode, bounded nesting.

A lone surrogate (the JSON escape "\\ud800", or the raw bytes ED A0 80) is a Python `str` that
cannot be encoded, so it fails far from the edge (in Redis, the database, an SSE frame) as a 500.
Deep nesting fails the same way, in every recursive encoder downstream. Both are refused where the
request enters, naming the field.
"""

from collections.abc import Iterator
from typing import Any

MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects a request body may have (the top level counts as 1)."""


def is_unicode(text: str) -> bool:
    """Whether `text` is valid Unicode, i.e. holds no lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def field_name(path: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in path) or "body"


def text_problem(document: Any, max_depth: int = MAX_JSON_DEPTH) -> tuple[str, str] | None:
    """The first (field, reason) that makes a parsed JSON document unacceptable, or None.

    Iterative on purpose: the documents it guards against are the ones recursion fails on.
    """
    for path, value, depth in _walk(document):
        if isinstance(value, str) and not is_unicode(value):
            return field_name(path), "is not valid Unicode text (it holds a lone surrogate)"
        if isinstance(value, dict | list) and depth > max_depth:
            return field_name(path[:1]), f"nests deeper than {max_depth} levels"
    return None


def _walk(document: Any) -> Iterator[tuple[tuple[str | int, ...], Any, int]]:
    stack: list[tuple[tuple[str | int, ...], Any, int]] = [((), document, 1)]
    while stack:
        path, value, depth = stack.pop()
        yield path, value, depth
        if isinstance(value, dict):
            for key, item in value.items():
                if not is_unicode(key):
                    yield path, key, depth  # named by the object that holds the key
                stack.append(((*path, key), item, depth + 1))
        elif isinstance(value, list):
            stack.extend(((*path, index), item, depth + 1) for index, item in enumerate(value))
