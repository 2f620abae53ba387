"""Edited arguments a person approves instead of the proposed ones: checked against the tool's
argument schema that Aura wrote into the request record (the main service never imports tools).
"""

import logging
from typing import Any

from jsonschema import Draft202012Validator, SchemaError, ValidationError

from aura.contracts.envelope import FieldProblem
from aura.contracts.errors import ErrorCode
from aura.contracts.hitl import HitlRequest
from aura.kit.errors import DomainError, ValidationFailedError, summarize

logger = logging.getLogger("aura.main.hitl")


def edited_params(record: HitlRequest, params: dict[str, Any] | None) -> dict[str, Any] | None:
    """The edit to record, or None when the person approved the proposed arguments as they are."""
    if params is None or params == record.params:
        return None
    try:
        Draft202012Validator.check_schema(record.params_schema)
    except SchemaError as exc:
        logger.error("request %s carries an invalid paramsSchema: %s", record.request_id, exc)
        raise DomainError(
            "The request's paramsSchema is not a valid JSON Schema, so edits cannot be checked.",
            ErrorCode.INTERNAL,
        ) from None
    validator = Draft202012Validator(
        record.params_schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(params), key=lambda error: error.json_path)
    if errors:
        problems = [FieldProblem(field=_field(error), reason=error.message) for error in errors]
        raise ValidationFailedError(
            f"Edited params do not match the action's argument schema: {summarize(problems)}",
            problems=problems,
        )
    return params


def _field(error: ValidationError) -> str:
    path = "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    )
    return f"params{path}"
