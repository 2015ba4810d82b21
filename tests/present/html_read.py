"""Reading headline tiles and tables back from their HTML (:func:`p8lib.present.display.tiles_html`,
:func:`p8lib.present.display.table_html`), for the tests that check what a page shows."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

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


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self.cell: list[str] | None = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "thead":
            self.in_head = True
        elif tag == "tbody":
            self.in_head = False
        elif tag == "tr" and not self.in_head and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            text = "".join(self.cell)
            header, rows = self.tables[-1]
            (header if self.in_head else rows[-1]).append(text)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def read_tables(body: str) -> list[pd.DataFrame]:
    """Every ``<table>`` in ``body`` as a frame of its texts (header → columns)."""
    reader = _TableReader()
    reader.feed(body)
    reader.close()
    return [pd.DataFrame(rows, columns=header, dtype=object) for header, rows in reader.tables]
