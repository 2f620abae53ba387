"""The route table (docs/contract.md#gateway-routes): order, `/` boundaries, the `/api` strip,
no network."""

import pytest

from aura.gateway.routing import ROUTES, Target, Upstream, is_api_path, resolve


@pytest.mark.parametrize(
    ("path", "upstream", "forwarded"),
    [
        ("/api/aura/hitl/x", Upstream.MAIN, "/aura/hitl/x"),
        (
            "/api/aura/hitl/approve/req_0123456789abcdef",
            Upstream.MAIN,
            "/aura/hitl/approve/req_0123456789abcdef",
        ),
        ("/api/aura/hitl", Upstream.MAIN, "/aura/hitl"),
        ("/api/aura/test/stream", Upstream.AGENT, "/aura/test/stream"),
        ("/api/aura/runs/r1/stream", Upstream.AGENT, "/aura/runs/r1/stream"),
        ("/api/aura/hitlx", Upstream.AGENT, "/aura/hitlx"),
        ("/api/aura", Upstream.AGENT, "/aura"),
        ("/api/main/anything", Upstream.MAIN, "/main/anything"),
        ("/api/auth/me", Upstream.AUTH, "/auth/me"),
        ("/api/mail/messages", Upstream.MAIL, "/mail/messages"),
    ],
)
def test_routes_in_order_with_api_stripped(path: str, upstream: Upstream, forwarded: str) -> None:
    target = resolve(path)
    assert target == Target(upstream, forwarded, public=False)


@pytest.mark.parametrize(
    "path", ["/api/aurax", "/api/authority/x", "/api/mailbox", "/api", "/api/", "/api/other/x"]
)
def test_prefix_matches_only_at_a_slash_boundary(path: str) -> None:
    assert resolve(path) is None


def test_first_match_wins_hitl_before_aura() -> None:
    prefixes = [route.prefix for route in ROUTES]
    assert prefixes.index("/api/aura/hitl") < prefixes.index("/api/aura")


@pytest.mark.parametrize(
    ("path", "upstream"),
    [
        ("/api/auth/health", Upstream.AUTH),
        ("/api/mail/health", Upstream.MAIL),
        ("/api/aura/health", Upstream.AGENT),
    ],
)
def test_service_health_reaches_the_services_own_health(path: str, upstream: Upstream) -> None:
    assert resolve(path) == Target(upstream, "/health", public=True)


def test_main_health_and_info_reach_the_original_main_service_paths() -> None:
    # The original frontend renders /api/main/health's data as text: the main service's
    # /main/health answers a string there, /health an object.
    assert resolve("/api/main/health") == Target(Upstream.MAIN, "/main/health", public=True)
    assert resolve("/api/main/info") == Target(Upstream.MAIN, "/main/info", public=True)
    assert resolve("/api/main/other") == Target(Upstream.MAIN, "/main/other", public=False)


def test_login_is_public_and_nothing_else_under_auth() -> None:
    login = resolve("/api/auth/login")
    me = resolve("/api/auth/me")
    assert login is not None and login.public
    assert me is not None and not me.public


@pytest.mark.parametrize("path", ["/api/aura/../auth/me", "/api/auth/login/../me", "/api/mail/./x"])
def test_dot_segments_match_nothing(path: str) -> None:
    assert resolve(path) is None


@pytest.mark.parametrize(
    ("path", "expected"), [("/api", True), ("/api/x", True), ("/apix", False), ("/", False)]
)
def test_api_paths(path: str, expected: bool) -> None:
    assert is_api_path(path) is expected
