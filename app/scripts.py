"""The scripts the dashboard's own elements draw with, served by its own server.

Each is a file a Python package ships (plotly.js, pydeck's deck.gl bundle), served under the
package's version with immutable caching (no network, one file the browser keeps while the
version does), and loaded once per page by :file:`app/load_script.js`, which every element's
JavaScript starts with (:func:`element_js`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.responses import FileResponse
from starlette.routing import Route

_LOADER = Path(__file__).with_name("load_script.js")


@dataclass(frozen=True)
class Script:
    """A shipped JavaScript file and the URL the dashboard serves it at."""

    path: Path
    url: str

    def route(self) -> Route:
        """The server's route of this file (``serve.py``)."""
        async def send(_request) -> FileResponse:
            return FileResponse(self.path, media_type="text/javascript",
                                headers={"Cache-Control": "public, max-age=31536000, immutable"})
        return Route(self.url, send)


def element_js(script: Script, *sources: Path) -> str:
    """An element's JavaScript: the loader, then ``sources`` in order (one module), with
    ``@script_url@`` replaced by ``script``'s URL."""
    text = "\n".join(f.read_text(encoding="utf-8") for f in (_LOADER, *sources))
    return text.replace("@script_url@", script.url)
