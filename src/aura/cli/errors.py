"""What the `aura` command shows when the gateway refuses a call."""

import httpx


class ApiError(Exception):
    """A call the gateway refused; the message is the server's sentence, fit to show a person."""

    def __init__(self, message: str, status: int, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


def error_from(response: httpx.Response) -> ApiError:
    """The envelope's message and field problems (docs/contract.md), or the bare status line."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("message"):
        problems = body.get("errors") or []
        details = "; ".join(
            f"{p.get('field')}: {p.get('reason')}" for p in problems if isinstance(p, dict)
        )
        message = str(body["message"]) + (f" ({details})" if details else "")
        return ApiError(message, response.status_code, body.get("errorCode"))
    return ApiError(
        f"The gateway answered {response.status_code} {response.reason_phrase}.",
        response.status_code,
    )
