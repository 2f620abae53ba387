"""Edited arguments a person approves instead of the proposed ones
(docs/contract.md#approval-policies-and-previews).

An edit is checked against the tool's argument schema and its edit policy, both of which Aura
wrote into the request record (the main service never imports tools), in this order:

1. whether this caller may edit at all (`none`; `requester` for anyone but the requester);
2. the argument schema;
3. for `subset`, that the edit only narrows: the list argument keeps a non-empty subset of the
   proposed (and previewed) items, and every other argument is unchanged.

A refused edit is 403 `E2001` when the caller is an approver deciding for the requester and 400
`E4000` when it is the requester, naming the field either way. A record without a policy allows
no edit.
"""

import json
import logging
from typing import Any

from jsonschema import Draft202012Validator, SchemaError, ValidationError

from aura.contracts.envelope import FieldProblem
from aura.contracts.errors import ErrorCode
from aura.contracts.hitl import NO_EDITS, EditPolicy, HitlRequest
from aura.contracts.identity import Caller
from aura.kit.errors import DomainError, ValidationFailedError, summarize

logger = logging.getLogger("aura.main.hitl")


def edited_params(
    record: HitlRequest, params: dict[str, Any] | None, caller: Caller
) -> dict[str, Any] | None:
    """The edit to record, or None when the person approved the proposed arguments as they are."""
    if params is None or params == record.params:
        return None
    policy = record.edit_policy or NO_EDITS
    requester = caller.user_id == record.user_id
    if (
        policy.kind == "none"
        or (policy.kind == "subset" and not policy.field)  # names no list: nothing may shrink
        or (policy.kind == "requester" and not requester)
    ):
        raise _refused(
            requester,
            [FieldProblem(field="params", reason=_not_editable(policy))],
            "This action cannot be edited",
        )
    _check_schema(record, params)
    if policy.kind == "subset":
        problems = _widening(record.params, params, policy)
        if problems:
            raise _refused(requester, problems, "An edit may only narrow what was asked for")
    return params


def _not_editable(policy: EditPolicy) -> str:
    if policy.kind == "requester":
        return "only the requester may change this action's content; approve or reject it as it is"
    return "this action cannot be edited; approve or reject it as proposed"


def _refused(requester: bool, problems: list[FieldProblem], summary: str) -> DomainError:
    message = f"{summary}: {summarize(problems)}"
    if requester:
        return ValidationFailedError(message, problems=problems)
    return DomainError(message, ErrorCode.FORBIDDEN, problems)


def _widening(
    proposed: dict[str, Any], edited: dict[str, Any], policy: EditPolicy
) -> list[FieldProblem]:
    """What the edit changes beyond keeping a non-empty subset of `policy.field`."""
    field = str(policy.field)
    problems = [
        FieldProblem(field=f"params.{key}", reason="may not be changed by an edit")
        for key in sorted(set(proposed) | set(edited))
        if key != field
        and (key not in edited or key not in proposed or edited[key] != proposed[key])
    ]
    kept, offered = edited.get(field), proposed.get(field)
    if not isinstance(kept, list) or not isinstance(offered, list):
        problems.append(FieldProblem(field=f"params.{field}", reason="must be a list"))
        return problems
    if not kept:
        problems.append(
            FieldProblem(field=f"params.{field}", reason="must keep at least one of the items")
        )
    offered_items = {_key(item) for item in offered}
    problems.extend(
        FieldProblem(
            field=f"params.{field}[{index}]",
            reason=f"{json.dumps(item, ensure_ascii=False)} was not among the previewed items",
        )
        for index, item in enumerate(kept)
        if _key(item) not in offered_items
    )
    return problems


def _key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _check_schema(record: HitlRequest, params: dict[str, Any]) -> None:
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


def _field(error: ValidationError) -> str:
    path = "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    )
    return f"params{path}"
