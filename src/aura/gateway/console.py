"""The web console's static assets and `/`: the last gateway route
(docs/contract.md#gateway-routes).

The console is a single-page app: a path that names no file and has no extension (`/hitl/123`)
gets `index.html`, so that a reload on a client-side route works. When the console is not
installed, every such path answers a 404 envelope.
"""

from pathlib import Path, PurePosixPath

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from aura.contracts.errors import ErrorCode
from aura.kit.errors import error_response

INDEX = "index.html"


class ConsoleFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code == 404 and not PurePosixPath(path).suffix:
                return await super().get_response(INDEX, scope)
            raise


async def console_missing(scope: Scope, receive: Receive, send: Send) -> None:
    response = error_response(ErrorCode.NOT_FOUND, f"Nothing is served at {scope['path']}.")
    await response(scope, receive, send)


def console_app(directory: Path) -> ASGIApp:
    if (directory / INDEX).is_file():
        return ConsoleFiles(directory=directory, html=True)
    return console_missing
