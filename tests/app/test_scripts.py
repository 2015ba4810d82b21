"""app/scripts.py: the JavaScript the dashboard's own elements draw with is served by its own
server, under its package's version, kept by the browser; another version is not served."""

from __future__ import annotations

from pathlib import Path

import plotly
import pydeck
import pytest
from starlette.applications import Starlette

from app import deck_map, plot
from tests.app.helpers import asgi_get

# module, its script, its package's version, the URL of another version, what the file exports
SERVED = [
    (plot, plot.PLOTLY, plotly.__version__, "/p8-static/plotly-0.0.0.min.js",
     [b"Plotly"]),
    # the two functions app/deck_map.js calls, exported by pydeck's bundle
    (deck_map, deck_map.DECK_GL, pydeck.__version__, "/p8-static/pydeck-0.0.0.js",
     [b"createDeck:()=>", b"updateDeck:()=>"]),
]


@pytest.mark.parametrize(("module", "script", "version", "other", "exports"), SERVED,
                         ids=["plotly.js", "deck.gl"])
def test_a_script_is_served_under_its_version_and_kept_by_the_browser(module, script, version,
                                                                       other, exports):
    assert version in script.url
    app = Starlette(routes=module.routes())
    response = asgi_get(app, script.url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "immutable" in response.headers["cache-control"]
    assert response.content == Path(script.path).read_bytes()
    assert all(name in response.content for name in exports)
    assert asgi_get(app, other).status_code == 404

