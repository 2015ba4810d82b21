"""A province's far-off archipelago drawn in an inset, as atlases do.

Khánh Hòa's boundary holds Trường Sa (Spratly) and Đà Nẵng's Hoàng Sa (Paracel), hundreds of
kilometres out at sea: a drill-down framed on the whole boundary shows the mainland, where
nearly every commune is, as a speck in a corner. :func:`plan` finds the parts of the
province that lie around its archipelago's islets and :meth:`Inset.move` draws them, moved
and made smaller by one affine map, in a box beside the mainland; the box is outlined and
the legend says so. Only positions change: codes, names, values and tooltips stay those of
the units. Pure functions, no streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

# Around the islets, what counts as the archipelago's region (degrees, ≈ 110 km: the
# boundary files carry reefs some way from the islets Natural Earth draws).
REGION_MARGIN = 1.0
# The box's longer side, and its gap to the mainland, as shares of the mainland's longer side.
INSET_SHARE = 0.6
INSET_GAP = 0.08


@dataclass(frozen=True)
class Inset:
    """Where the archipelago's region is, and the map that moves it into the box:
    ``(lon, lat) → (scale · lon + dx, scale · lat + dy)``."""

    region: shapely.Polygon
    scale: float
    dx: float
    dy: float

    @property
    def box(self) -> shapely.Polygon:
        """The region once moved: the frame drawn around the inset."""
        return self._moved(np.array([self.region]))[0]

    def _xy(self, xy: np.ndarray) -> np.ndarray:
        """The map itself, on an (n, 2) array of lon/lat pairs."""
        return xy * self.scale + [self.dx, self.dy]

    def _moved(self, geometries: np.ndarray) -> np.ndarray:
        return shapely.transform(geometries, self._xy)

    def move(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """``frame`` with every part of its (multi)polygons that lies in the region moved into
        the box (a part is in the region when a point on its surface is); other parts, and
        the rows, untouched."""
        geometries = frame.geometry.to_numpy()
        parts, row = shapely.get_parts(geometries, return_index=True)
        inside = shapely.contains(self.region, shapely.point_on_surface(parts))
        if not inside.any():
            return frame
        parts[inside] = self._moved(parts[inside])
        # Rows without parts (an empty geometry) keep theirs.
        moved = shapely.multipolygons(parts, indices=row, out=geometries.copy())
        out = frame.copy()
        out.geometry = gpd.GeoSeries(moved, index=frame.index, crs=frame.crs)
        return out

    def move_points(self, points: pd.DataFrame) -> pd.DataFrame:
        """``points`` (columns ``lon`` and ``lat``) with those in the region moved into the
        box, the others untouched."""
        xy = points[["lon", "lat"]].to_numpy(dtype=float, copy=True)
        inside = shapely.contains_xy(self.region, xy[:, 0], xy[:, 1])
        if not inside.any():
            return points
        xy[inside] = self._xy(xy[inside])
        return points.assign(lon=xy[:, 0], lat=xy[:, 1])


def plan(province: gpd.GeoDataFrame, islands: gpd.GeoDataFrame) -> Inset | None:
    """The inset of ``province``'s archipelago (``islands``: its rows of
    :func:`p8lib.maps.geo.load_archipelagos`), or None when it has none or the islets are
    not apart from the mainland.

    The box is as tall or wide as :data:`INSET_SHARE` of the mainland's longer side, east of
    it (where both archipelagos lie) at :data:`INSET_GAP`, level with the mainland's southern
    edge for an archipelago south of the mainland's middle, its northern edge otherwise.
    """
    if islands.empty:
        return None
    lon0, lat0, lon1, lat1 = islands.total_bounds
    region = shapely.box(lon0 - REGION_MARGIN, lat0 - REGION_MARGIN,
                         lon1 + REGION_MARGIN, lat1 + REGION_MARGIN)
    parts = shapely.get_parts(province.geometry.to_numpy())
    offshore = shapely.contains(region, shapely.point_on_surface(parts))
    mainland = parts[~offshore]
    if not offshore.any() or shapely.area(parts[offshore]).sum() >= shapely.area(mainland).sum():
        return None  # no part out there, or the region holds the land itself
    m_lon0, m_lat0, m_lon1, m_lat1 = shapely.total_bounds(mainland)
    if shapely.intersects(region, shapely.box(m_lon0, m_lat0, m_lon1, m_lat1)):
        return None  # islands close in: the view holds them as they are
    span = max(m_lon1 - m_lon0, m_lat1 - m_lat0)
    r_lon0, r_lat0, r_lon1, r_lat1 = region.bounds
    scale = INSET_SHARE * span / max(r_lon1 - r_lon0, r_lat1 - r_lat0)
    south = (r_lat0 + r_lat1) / 2 < (m_lat0 + m_lat1) / 2
    dy = m_lat0 - scale * r_lat0 if south else m_lat1 - scale * r_lat1
    return Inset(region, scale, m_lon1 + INSET_GAP * span - scale * r_lon0, dy)
