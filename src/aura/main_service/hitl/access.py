"""The body's `userId` of a decision (SPEC §6.3); whose request it is, is `authorize_owner`'s."""

from aura.contracts.identity import Caller
from aura.kit.errors import ForbiddenError


def ensure_body_user(caller: Caller, body_user_id: str) -> None:
    if body_user_id != caller.user_id:
        raise ForbiddenError(
            "userId in the body must be the caller's own user id (the token's sub)."
        )
