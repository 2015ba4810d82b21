"""Fills, tooltip lines and boundary notes of the map layers (p8lib.maps.layers)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from p8lib.maps import colours, layers


def test_shading_colours_and_words_each_unit_in_order():
    tips = pd.DataFrame({"value": ["60 groups", None], "target": ["Target: 118", ""],
                         "source": ["Source: <b>x</b>", ""], "note": ["", ""]},
                        index=["94", "04"])
    props, legend = layers.shading(pd.Series({"94": 50.8}), ["04", "94"], kind="attainment",
                                   lang="en", tooltip=tips)
    assert [p["fill"] for p in props] == [list(colours.NO_DATA_COLOR), list(colours.RAMP[2])]
    assert props[0]["value"] == "No data"  # an empty line would say nothing
    assert props[1] == {"fill": list(colours.RAMP[2]), "value": "60 groups",
                        "target": "Target: 118", "source": "Source: &lt;b&gt;x&lt;/b&gt;",
                        "note": ""}
    assert legend[-1].label == "No data"


@pytest.mark.parametrize(("kind", "values", "shown"), [
    ("attainment", [50.8], "51%"), ("count", [3.5], "3.5"), ("coverage", [2.0], "2"),
])
def test_shading_default_lines_show_the_value(kind, values, shown):
    props, _ = layers.shading(pd.Series(values, index=["94"]), ["94"], kind=kind, lang="en")
    assert props[0]["value"] == shown and props[0]["target"] == ""


def test_shading_classes_counts_by_their_own_values():
    values = pd.Series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], index=list("abcdef"))
    props, legend = layers.shading(values, list("abcdef"), kind="count", lang="en")
    assert len({tuple(p["fill"]) for p in props}) == 5  # spread over the whole ramp
    assert legend[1].label.startswith("> 0–< 0.2")


def test_shading_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        layers.shading(pd.Series(dtype=float), [], kind="ratio", lang="en")


def test_text_keeps_quotes_and_ampersands_and_defuses_tags():
    # Streamlit 1.67 escapes tooltip values itself: quotes stay as they are, not "&#x27;"
    assert layers.text(["Vietnam Women's Union", "M&E", "<img src=x>", None, float("nan")]) == [
        "Vietnam Women's Union", "M&E", "&lt;img src=x&gt;", "", ""]


def _frame(**columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")


@pytest.mark.parametrize(("frames", "expected"), [
    ({"province": _frame(approximate=[True])}, layers.APPROXIMATE_NOTE["en"]),
    ({"province": _frame()}, layers.APPROXIMATE_NOTE["en"]),  # no properties: as derived
    ({"province": _frame(approximate=[False], source=["dvhcvn-gis 2025-03-01"]),
      "commune": _frame(approximate=[True])}, layers.BOUNDARY_NOTE["en"]),
    ({"commune": _frame(approximate=[True], source=["tessellation of dvhcvn districts"])},
     layers.BOUNDARY_NOTE["en"]),
])
def test_boundary_note_reads_the_files_properties(frames, expected):
    assert layers.APPROXIMATE_NOTE["en"] != layers.BOUNDARY_NOTE["en"]
    assert layers.boundary_note(frames, "en") == expected


@pytest.mark.parametrize(("shared_once", "length"), [(False, 8.0), (True, 7.0)])
def test_outline_sends_a_shared_edge_once_when_asked(shared_once, length):
    frame = gpd.GeoDataFrame({"code": ["a", "b"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
                             crs="EPSG:4326")
    layer = layers.outline_layer("lines", frame, (0, 0, 0, 255), 1, 3, shared_once=shared_once)
    drawn = shapely.MultiLineString([p["path"] for p in layer.data])
    assert drawn.length == pytest.approx(length)
