"""Properties of the route table: every `/api` path resolves to at most one upstream, by its
first matching prefix at a segment boundary, is forwarded without `/api`, and a dot segment
never resolves (it could mean another upstream's path)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aura.gateway.routing import HEALTH_PATHS, PUBLIC_PATHS, ROUTES, resolve, strip_api

segments = st.text(
    alphabet=st.characters(blacklist_characters="/", blacklist_categories=("Cs",)), max_size=12
)
paths = st.lists(segments, max_size=6).map(lambda parts: "/" + "/".join(parts))
prefixes = st.sampled_from([route.prefix for route in ROUTES] + ["/api", "/api/aurax", "/apix"])


@settings(max_examples=500, deadline=None)
@given(prefix=prefixes, rest=paths)
def test_a_path_goes_where_its_first_matching_prefix_says(prefix: str, rest: str) -> None:
    path = prefix + rest if rest != "/" else prefix
    target = resolve(path)
    segments_ = path.split("/")
    if "." in segments_ or ".." in segments_:
        assert target is None
        return
    if path in HEALTH_PATHS:
        assert target is not None and (target.upstream, target.path) == HEALTH_PATHS[path]
        return
    expected = next(
        (r for r in ROUTES if path == r.prefix or path.startswith(r.prefix + "/")), None
    )
    if expected is None:
        assert target is None
        return
    assert target is not None
    assert target.upstream == expected.upstream
    assert target.path == strip_api(path) and not target.path.startswith("/api/")
    assert "/api" + target.path == path
    assert target.public == (path in PUBLIC_PATHS)


@settings(max_examples=300, deadline=None)
@given(path=paths)
def test_paths_outside_api_never_reach_an_upstream(path: str) -> None:
    if path == "/api" or path.startswith("/api/"):
        return
    assert resolve(path) is None
