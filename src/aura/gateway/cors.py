"""CORS at the edge: Starlette's middleware, with refused preflights in the error envelope
(docs/contract.md#the-envelope).

Starlette decides what is allowed and answers accepted preflights and simple requests unchanged.
Only its refusal (a bare `400 text/plain "Disallowed CORS origin"`) is replaced, by the envelope
of the first reason found, in this order:

- origin not in `CORS_ALLOWED_ORIGINS` → `403 E1003`, naming the origin;
- method not allowed → `405 E1002`, naming the method;
- request headers not allowed → `400 E4000`, naming each header (also as `errors[]`);
- private-network access requested → `403 E1003`;
- an empty entry in the requested header list → `400 E4000`.

The refusal keeps Starlette's preflight headers (`Vary` above all), so caches stay correct, and
never carries `Access-Control-Allow-Origin` for an origin that is not allowed.
"""

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from aura.contracts.envelope import FieldProblem
from aura.contracts.errors import ErrorCode
from aura.kit.errors import error_response

REQUEST_HEADERS_FIELD = "Access-Control-Request-Headers"


class GatewayCors(CORSMiddleware):
    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        refusal = self._refusal(request_headers)
        # Content-Type and Content-Length belong to the new body; every CORS header is kept.
        for name, value in response.headers.items():
            if name not in ("content-type", "content-length"):
                refusal.headers.append(name, value)
        return refusal

    def _refusal(self, request_headers: Headers) -> Response:
        origin = request_headers["origin"]
        if not self.is_allowed_origin(origin):
            return error_response(
                ErrorCode.ACCESS_DENIED, f"Origin {origin} is not allowed by this gateway."
            )
        method = request_headers["access-control-request-method"]
        if method not in self.allow_methods:
            return error_response(
                ErrorCode.METHOD_NOT_ALLOWED, f"Method {method} is not allowed across origins."
            )
        refused = self._refused_headers(request_headers.get("access-control-request-headers"))
        if refused:
            problems = [
                FieldProblem(field=REQUEST_HEADERS_FIELD, reason=f"{name} is not allowed")
                for name in refused
            ]
            return error_response(
                ErrorCode.VALIDATION,
                f"Request header(s) not allowed across origins: {', '.join(refused)}.",
                problems,
            )
        if "access-control-request-private-network" in request_headers:
            return error_response(
                ErrorCode.ACCESS_DENIED, "Private network access is not allowed by this gateway."
            )
        # Starlette refuses an empty entry (`a, ,b`) in the requested header list.
        return error_response(
            ErrorCode.VALIDATION,
            f"{REQUEST_HEADERS_FIELD} has an empty entry.",
            [FieldProblem(field=REQUEST_HEADERS_FIELD, reason="has an empty entry")],
        )

    def _refused_headers(self, requested: str | None) -> list[str]:
        if requested is None or self.allow_all_headers:
            return []
        names = (name.strip().lower() for name in requested.split(","))
        return [name for name in names if name and name not in self.allow_headers]
