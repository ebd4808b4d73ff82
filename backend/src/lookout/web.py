"""The console: the frontend's production build, served by the API's own process.

Hashed assets (`/assets/index-3f9a1c.js`) never change, so browsers may keep them for a year;
every other path that is not the API answers `index.html`, so the console's own routes (deep
links, reloads) work. Without a build, nothing is mounted and the API runs alone.
"""

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
_API_PREFIXES = ("api/", "ws")


class _HashedAssets(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == status.HTTP_200_OK:
            response.headers["Cache-Control"] = IMMUTABLE
        return response


def mount_console(app: FastAPI, build: Path) -> None:
    """Serve the build in `build` (from `npm run build`), if there is one."""
    index = build / "index.html"
    if not index.is_file():
        return
    app.mount("/assets", _HashedAssets(directory=build / "assets"), name="assets")
    # Top-level files of the build (favicon.svg, robots.txt), by name: nothing else on disk
    # can be reached through a path.
    top_level = {f.name: f for f in build.iterdir() if f.is_file() and f != index}

    @app.get("/{path:path}", include_in_schema=False)
    async def console(path: str, request: Request) -> FileResponse:
        if path.startswith(_API_PREFIXES):
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Not Found")
        if path in top_level:
            return FileResponse(top_level[path])
        # index.html names the current hashed assets: never serve a stale one.
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
