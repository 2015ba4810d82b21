"""The initial view of a map: the widest zoom that shows given bounds and labels whole.

deck.gl's ``fitBounds`` fits boxes in degrees; a map's labels have a size in pixels, so their
extent in degrees depends on the zoom. :func:`fit_view` iterates to the fixed point. Pure
functions, no streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pydeck as pdk

# The national view fits the country, both archipelagos and their labels into this many CSS
# pixels (width, height): the coverage page draws the map 620 px tall and, on a desktop, wider
# than 600 px. A wider canvas shows more sea on both sides, never less of the country.
NATIONAL_VIEWPORT = (600, 620)
VIEW_PADDING = 12  # px kept free around what the view must show


def world_pixels(lon: float, lat: float) -> tuple[float, float]:
    # deck.gl's Web Mercator at zoom 0: the world is 512 px wide, y grows southwards.
    y = math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180.0) / 360.0 * 512.0, y / (2 * math.pi) * 512.0


def fit_view(
    bounds: Sequence[float],
    labels: Iterable[tuple[float, float, tuple[float, float, float, float]]] = (),
    viewport: tuple[int, int] = NATIONAL_VIEWPORT,
    padding: float = VIEW_PADDING,
) -> pdk.ViewState:
    """The widest zoom (and its centre) that shows ``bounds`` and ``labels`` whole.

    As deck.gl's ``fitBounds`` (Web Mercator), plus labels, whose size is in pixels: their
    extent in degrees shrinks as the zoom grows, so the fit is iterated to its fixed point.

    Parameters
    ----------
    bounds : sequence of float
        ``(lon_min, lat_min, lon_max, lat_max)`` that must be in view.
    labels : iterable of (lon, lat, box)
        Label anchors and their pixel extent ``(left, top, right, bottom)`` around the anchor
        (screen pixels, y down).
    viewport : (int, int)
        Width and height in CSS pixels that the view must fit.
    padding : float
        Pixels kept free on every side.

    Returns
    -------
    pydeck.ViewState
        Centre rounded to 0.001° (well under a pixel) and zoom rounded down to 0.01.

    Examples
    --------
    >>> view = fit_view((102.0, 8.0, 110.0, 23.0))
    >>> round(view.longitude, 1), view.zoom < 5
    (106.0, True)
    """
    lon0, lat0, lon1, lat1 = bounds
    (x0, y1), (x1, y0) = world_pixels(lon0, lat0), world_pixels(lon1, lat1)
    anchors = [(*world_pixels(lon, lat), box) for lon, lat, box in labels]
    room_x, room_y = viewport[0] - 2 * padding, viewport[1] - 2 * padding
    scale = min(room_x / max(x1 - x0, 1e-9), room_y / max(y1 - y0, 1e-9))
    for _ in range(50):
        xs = [x0, x1] + [x + dx / scale for x, _, box in anchors for dx in box[0::2]]
        ys = [y0, y1] + [y + dy / scale for _, y, box in anchors for dy in box[1::2]]
        fitted = min(room_x / (max(xs) - min(xs)), room_y / (max(ys) - min(ys)))
        done = abs(fitted - scale) <= 1e-9 * scale
        scale = fitted
        if done:
            break
    # Centre of what was fitted, back to lon/lat.
    xs = [x0, x1] + [x + dx / scale for x, _, box in anchors for dx in box[0::2]]
    ys = [y0, y1] + [y + dy / scale for _, y, box in anchors for dy in box[1::2]]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    lon = cx / 512.0 * 360.0 - 180.0
    lat = math.degrees(2 * math.atan(math.exp(math.pi - cy / 512.0 * 2 * math.pi)) - math.pi / 2)
    zoom = math.floor(math.log2(scale) * 100) / 100  # down: never cut off by rounding
    return pdk.ViewState(longitude=round(lon, 3), latitude=round(lat, 3), zoom=zoom)
