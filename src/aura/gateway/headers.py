"""Which headers cross the gateway, in each direction (docs/contract.md#headers, RFC 9110 §7.6.1).

Every end-to-end header is forwarded, which includes the contract's list (Authorization,
X-Tenant-ID, X-User-ID, Last-Event-ID, X-Request-ID, X-DWP-Source, X-DWP-Caller-Type,
X-Agent-ID). Hop-by-hop headers, and any header the `Connection` header names, belong to one
connection and are dropped.
"""

from collections.abc import Iterable

from multidict import CIMultiDict

from aura.contracts.identity import REQUEST_ID_HEADER

HOP_BY_HOP: frozenset[str] = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    }
)

# Recomputed for the new hop: the client library sets Host and Content-Length for the upstream.
_NOT_FORWARDED_UPSTREAM = HOP_BY_HOP | {"host", "content-length", REQUEST_ID_HEADER}
# The gateway's own X-Request-ID replaces whatever the upstream sends back, and uvicorn stamps
# its own Date and Server on every response: the upstream's would make them appear twice.
_NOT_FORWARDED_DOWNSTREAM = HOP_BY_HOP | {REQUEST_ID_HEADER, "date", "server"}

# The contract's header list (docs/contract.md#headers): what browsers may send and read
# across origins.
CORS_ALLOWED_HEADERS: tuple[str, ...] = (
    "Authorization",
    "Content-Type",
    "Accept",
    "X-Tenant-ID",
    "X-User-ID",
    "Last-Event-ID",
    "X-Request-ID",
    "X-DWP-Source",
    "X-DWP-Caller-Type",
    "X-Agent-ID",
)
CORS_EXPOSED_HEADERS: tuple[str, ...] = ("X-Request-ID", "X-Aura-Run-ID", "X-Aura-Session-ID")
CORS_ALLOWED_METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

RawHeaders = Iterable[tuple[bytes, bytes]]


def _connection_tokens(headers: list[tuple[str, str]]) -> set[str]:
    tokens: set[str] = set()
    for name, value in headers:
        if name == "connection":
            tokens.update(token.strip().lower() for token in value.split(",") if token.strip())
    return tokens


def upstream_headers(
    raw: RawHeaders, request_id: str, client_host: str | None, scheme: str
) -> CIMultiDict[str]:
    """The request headers sent upstream: end-to-end ones, our request id, X-Forwarded-*."""
    decoded = [(name.decode("latin-1").lower(), value.decode("latin-1")) for name, value in raw]
    dropped = _NOT_FORWARDED_UPSTREAM | _connection_tokens(decoded)
    headers: CIMultiDict[str] = CIMultiDict(
        (name, value) for name, value in decoded if name not in dropped
    )
    headers[REQUEST_ID_HEADER] = request_id
    host = next((value for name, value in decoded if name == "host"), None)
    if client_host:
        earlier = headers.get("x-forwarded-for")
        headers["x-forwarded-for"] = f"{earlier}, {client_host}" if earlier else client_host
    headers.setdefault("x-forwarded-proto", scheme)
    if host:
        headers.setdefault("x-forwarded-host", host)
    return headers


def downstream_headers(raw: RawHeaders) -> list[tuple[bytes, bytes]]:
    """The response headers sent to the client: the upstream's end-to-end ones.

    The request-id middleware adds the gateway's `X-Request-ID` on the way out.
    """
    pairs = [(name.lower(), value) for name, value in raw]
    dropped = _NOT_FORWARDED_DOWNSTREAM | _connection_tokens(
        [(name.decode("latin-1"), value.decode("latin-1")) for name, value in pairs]
    )
    return [(name, value) for name, value in pairs if name.decode("latin-1") not in dropped]
