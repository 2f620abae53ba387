"""The web console: a static single-page app that the gateway serves at `/`
(docs/contract.md#gateway-routes).

It has no build step and fetches nothing from the internet: `static/` holds plain HTML, CSS and
ES modules that talk only to the gateway's `/api/...` paths.
"""

from pathlib import Path

STATIC_DIR: Path = Path(__file__).resolve().parent / "static"
INDEX_FILE: Path = STATIC_DIR / "index.html"
