"""Reading headline tiles back from their HTML (:func:`p8lib.present.display.tiles_html`), for
the tests that check what a page's tiles say."""

from __future__ import annotations

from html.parser import HTMLParser

# The part of a tile each element holds, by its tag and class.
_FIELDS = {("dt", None): 0, ("dd", "p8-tile-value"): 1, ("dd", "p8-tile-note"): 2}


class _TileReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tiles: list[list[str | None]] = []
        self.field: int | None = None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "p8-tile" in classes:
            self.tiles.append(["", "", None])
        elif self.tiles and tag in ("dt", "dd"):
            self.field = _FIELDS.get((tag, classes[0] if classes else None))
            if self.field == 2:
                self.tiles[-1][2] = ""

    def handle_endtag(self, tag):
        if tag in ("dt", "dd"):
            self.field = None

    def handle_data(self, data):
        if self.field is not None:
            self.tiles[-1][self.field] += data


def read_tiles(body: str) -> list[tuple[str, str, str | None]]:
    """The (label, value, note) of every tile in ``body``, in order; note None when absent."""
    reader = _TileReader()
    reader.feed(body)
    reader.close()
    return [tuple(tile) for tile in reader.tiles]
