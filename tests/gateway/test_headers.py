"""Which headers cross the gateway: end-to-end ones pass, hop-by-hop ones stop."""

from aura.gateway.headers import downstream_headers, upstream_headers

CONTRACT_HEADERS = {
    "authorization": "Bearer t",
    "x-tenant-id": "tenant1",
    "x-user-id": "user123",
    "last-event-id": "run-1:7",
    "x-dwp-source": "FRONTEND",
    "x-dwp-caller-type": "USER",
    "x-agent-id": "agent-1",
}


def raw(pairs: list[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    return [(name.encode(), value.encode()) for name, value in pairs]


def test_spec_headers_pass_and_hop_by_hop_headers_stop() -> None:
    incoming = [
        *CONTRACT_HEADERS.items(),
        ("host", "localhost:8080"),
        ("connection", "keep-alive, x-private-hop"),
        ("x-private-hop", "1"),
        ("keep-alive", "timeout=5"),
        ("te", "trailers"),
        ("transfer-encoding", "chunked"),
        ("upgrade", "h2c"),
        ("proxy-authorization", "Basic x"),
        ("content-length", "12"),
        ("x-request-id", "client-id"),
    ]
    headers = upstream_headers(raw(incoming), "rid-1", "10.0.0.9", "http")
    for name, value in CONTRACT_HEADERS.items():
        assert headers[name] == value
    for name in (
        "connection",
        "x-private-hop",
        "keep-alive",
        "te",
        "transfer-encoding",
        "upgrade",
        "proxy-authorization",
        "host",
        "content-length",
    ):
        assert name not in headers
    assert headers.getall("x-request-id") == ["rid-1"]
    assert headers["x-forwarded-for"] == "10.0.0.9"
    assert headers["x-forwarded-host"] == "localhost:8080"
    assert headers["x-forwarded-proto"] == "http"


def test_forwarded_for_appends_to_an_existing_chain() -> None:
    headers = upstream_headers(raw([("x-forwarded-for", "1.2.3.4")]), "r", "10.0.0.9", "https")
    assert headers["x-forwarded-for"] == "1.2.3.4, 10.0.0.9"


def test_repeated_headers_are_kept() -> None:
    headers = upstream_headers(raw([("accept", "a"), ("accept", "b")]), "r", None, "http")
    assert headers.getall("accept") == ["a", "b"]


def test_response_headers_drop_hop_by_hop_and_what_the_gateway_stamps_itself() -> None:
    out = downstream_headers(
        raw(
            [
                ("Content-Type", "text/event-stream; charset=utf-8"),
                ("Transfer-Encoding", "chunked"),
                ("Connection", "close, x-hop"),
                ("X-Hop", "1"),
                ("X-Request-ID", "upstream"),
                ("Date", "Wed, 25 Nov 2026 23:00:00 GMT"),
                ("Server", "uvicorn"),
                ("Set-Cookie", "a=1"),
                ("Set-Cookie", "b=2"),
                ("X-Aura-Run-ID", "run-1"),
            ]
        )
    )
    assert out == [
        (b"content-type", b"text/event-stream; charset=utf-8"),
        (b"set-cookie", b"a=1"),
        (b"set-cookie", b"b=2"),
        (b"x-aura-run-id", b"run-1"),
    ]
