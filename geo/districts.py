"""The package's 2021 districts out of the Government map's district polygons.

``dvhcvn-gis`` is dated March 2025 but its district polygons are older than the package's
district list in places, and a few are mislabelled. Inside each province the build cuts the
province into *areal units*: the source districts (clipped to the province) and the parts of
the province no source district covers. Each unit then gets an owner among the package's
districts, decided by the commune centroids that lie in it (its *evidence*: a commune whose
centroid is inside the unit and whose bounding box, when the package has one, lies at least
half inside it):

* a unit whose code is a package district holding evidence of itself keeps that code;
* a unit holding no evidence of its own code but of another district whose own unit holds no
  evidence of itself either is *relabelled* (two districts' polygons swapped in the source);
* a unit whose code the package no longer has (a district merged into another) and a part of
  the province no source district covers go to the district with the most evidence in them
  (none: to the neighbour sharing the longest border);
* a unit also holding the evidence of at least :data:`MIN_SPLIT_EVIDENCE` communes of another
  district whose own units hold its evidence too (a boundary moved after the map was drawn), or
  any commune of a district that owns no unit at all (a district created after the map, or
  Quảng Ninh, whose province has no source districts), is *split* between them: its communes
  tessellate it and each district takes its communes' cells.

A district made only of whole source polygons (same code, relabelled or merged) is exact
(``approximate`` False); one with a split or a covered gap is derived (``approximate`` True).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
import tessellation as ts
from coverage import polygonal, simplify_gently
from quality import km2
from shapely import STRtree

BOX = ["lon_min", "lat_min", "lon_max", "lat_max"]
MIN_BOX_SHARE = 0.5  # a commune's box must lie this much inside a unit to count as evidence
MIN_SPLIT_EVIDENCE = 2  # communes of another district that make a unit split
# Degrees: the borders drawn inside a split unit follow the grid samples' cells (~0.01°
# steps); simplified this much they lose the steps (the unit's own border is kept).
DERIVED_TOLERANCE = (0.008, 0.004, 0.002)
MIN_GAP_KM2 = 1.0  # smaller uncovered parts are slivers between source polygons
MIN_GAP_SHARE = 0.01  # uncovered land making a district derived, as a share of its area


@dataclass
class Derivation:
    """How one package district was made: its land, and where that land came from."""

    code: str
    parts: list = field(default_factory=list)
    source_units: list[str] = field(default_factory=list)
    relabelled: list[str] = field(default_factory=list)  # source polygons labelled otherwise
    merged: list[str] = field(default_factory=list)  # source codes the package no longer has
    split_of: list[str] = field(default_factory=list)  # units shared with other districts
    gap_km2: float = 0.0  # land no source district covers, given by the centroids in it
    added: list[str] = field(default_factory=list)  # land from elsewhere (the archipelagos)

    @property
    def geometry(self) -> shapely.Geometry:
        """The union of the district's parts."""
        return shapely.union_all(self.parts)

    @property
    def approximate(self) -> bool:
        """Derived (not only whole source polygons): a split, or a real share of uncovered
        land (islets the source districts leave out do not count)."""
        area = float(km2(self.geometry))
        return (bool(self.split_of or self.added)
                or self.gap_km2 >= max(MIN_GAP_KM2, MIN_GAP_SHARE * area))

    @property
    def notes(self) -> list[str]:
        """How the district was made, one phrase per kind of step (the ``derivation``)."""
        notes = [f"the source's polygon labelled {code}, which holds this district's communes"
                 for code in self.relabelled]
        if self.merged:
            notes.append(f"with merged source district{'s' * (len(self.merged) > 1)} "
                         + ", ".join(self.merged))
        if self.split_of:
            notes.append("share of " + ", ".join(self.split_of)
                         + " by its communes' centroids")
        if self.gap_km2 >= MIN_GAP_KM2:
            notes.append(f"{self.gap_km2:,.0f} km² no source district covers, by the commune "
                         "centroids in it")
        return notes + self.added


def areal_units(outline: shapely.Geometry, source: pd.DataFrame) -> pd.DataFrame:
    """Source districts clipped to the province, plus the parts of it none covers.

    Parameters
    ----------
    outline : shapely geometry
        The province.
    source : DataFrame
        ``source_code`` and ``geometry`` of the province's source districts, forming a
        coverage (may be empty).

    Returns
    -------
    DataFrame
        ``unit`` (the source code, or ``gap<i>``), ``source_code`` (None for gaps),
        ``geometry``, ``km2``.
    """
    pieces = (polygonal(shapely.intersection(source["geometry"].to_numpy(), outline))
              if len(source) else [])
    rows = [{"unit": code, "source_code": code, "geometry": g}
            for code, g in zip(source["source_code"], pieces, strict=True) if not g.is_empty]
    if rows:
        covered = shapely.union_all([r["geometry"] for r in rows])
        rest = shapely.get_parts(polygonal([shapely.difference(outline, covered)])[0])
    else:  # no source districts (Quảng Ninh): the province, islands and all, is one unit
        rest = [outline]
    rows += [{"unit": f"gap{i}", "source_code": None, "geometry": g}
             for i, g in enumerate(rest) if not g.is_empty]
    frame = pd.DataFrame(rows)
    # pandas stores a missing string as NaN (truthy): keep None for "no source district"
    frame["source_code"] = frame["source_code"].astype(object).where(
        frame["source_code"].notna(), None)
    frame["km2"] = km2(frame["geometry"].to_numpy())
    return frame


def evidence(units: pd.DataFrame, communes: pd.DataFrame) -> list[Counter]:
    """Per unit, the number of communes per district it holds evidence of (see module doc)."""
    xy = communes[["lon", "lat"]].to_numpy(float)
    boxes = communes[BOX].to_numpy(float)
    has_box = np.isfinite(boxes).all(axis=1)
    box_geoms = np.where(has_box, shapely.box(*np.nan_to_num(boxes).T), None)
    out = []
    for geom in units["geometry"]:
        inside = shapely.contains_xy(geom, xy[:, 0], xy[:, 1])
        share = np.ones(len(communes))
        sel = inside & has_box
        if sel.any():
            share[sel] = (shapely.area(shapely.intersection(box_geoms[sel], geom))
                          / shapely.area(box_geoms[sel]))
        out.append(Counter(communes.loc[inside & (share >= MIN_BOX_SHARE), "district_code"]))
    return out


def _owners(units: pd.DataFrame, votes: list[Counter], with_communes: set[str],
            codes: set[str]) -> tuple[list[str | None], dict[str, str]]:
    own_votes = {u: v[u] for u, v in zip(units["unit"], votes, strict=True)}
    owners: list[str | None] = []
    relabelled = {}
    for unit, source, km, vote in zip(units["unit"], units["source_code"], units["km2"], votes,
                                      strict=True):
        top = vote.most_common(1)[0][0] if vote else None
        if source in codes:
            mislabelled = (source in with_communes and vote[source] == 0 and top is not None
                           and own_votes.get(top, 1) == 0)
            owners.append(top if mislabelled else source)
            if mislabelled:
                relabelled[unit] = top
        elif source is None and km < MIN_GAP_KM2:
            owners.append(None)  # a sliver: its longest-bordering neighbour takes it
        else:
            owners.append(top)
    return owners, relabelled


def _fill_unowned(units: pd.DataFrame, owners: list[str | None]) -> list[str]:
    """Units without an owner go to the owned neighbour sharing the longest border."""
    owners = list(owners)
    geoms = units["geometry"].to_numpy()
    tree = STRtree(geoms)
    while any(o is None for o in owners):
        progress = False
        for i in [i for i, o in enumerate(owners) if o is None]:
            near = [j for j in tree.query(geoms[i], predicate="intersects")
                    if owners[j] is not None]
            if not near:
                continue
            shared = shapely.length(shapely.intersection(geoms[i].boundary, geoms[near]))
            owners[i] = owners[near[int(np.argmax(shared))]]
            progress = True
        if not progress:  # isolated parts (islands no source district holds): nearest unit
            for i in [i for i, o in enumerate(owners) if o is None]:
                owned = [j for j, o in enumerate(owners) if o is not None]
                if not owned:
                    raise ValueError("no areal unit of the province has an owner")
                owners[i] = owners[owned[int(np.argmin(shapely.distance(geoms[i],
                                                                        geoms[owned])))]]
    return owners


def derive_districts(
    outline: shapely.Geometry,
    source: pd.DataFrame,
    communes: pd.DataFrame,
    district_codes: list[str],
    samples: np.ndarray,
) -> dict[str, Derivation]:
    """The package districts of one province as polygons covering ``outline``.

    Parameters
    ----------
    outline : shapely geometry
        The province (full resolution).
    source : DataFrame
        Its source districts: ``source_code``, ``geometry`` (may be empty: Quảng Ninh).
    communes : DataFrame
        The province's package communes: ``commune_code``, ``district_code``, ``lon``, ``lat``
        (the package centroid) and the box columns (NaN where the box is not trusted).
    district_codes : list of str
        The province's package districts, with or without communes.
    samples : ndarray of shape (n, 2)
        Grid samples on the land (:func:`tessellation.sample_grid`), used when a unit is split.

    Returns
    -------
    dict
        District code -> :class:`Derivation`.

    Raises
    ------
    ValueError
        If a district ends with no land.
    """
    units = areal_units(outline, source)
    votes = evidence(units, communes)
    codes = set(district_codes)
    with_communes = set(communes["district_code"])
    owners, relabelled = _owners(units, votes, with_communes, codes)
    owners = _fill_unowned(units, owners)
    owning = set(owners)
    holds_own = {o for o, v in zip(owners, votes, strict=True) if v[o] > 0}
    # Districts owning no unit take their land from where their centroids are, evidence or not.
    orphans = with_communes - owning
    xy = communes[["lon", "lat"]].to_numpy(float)
    out = {code: Derivation(code) for code in district_codes}
    for i, row in enumerate(units.itertuples(index=False)):
        owner = owners[i]
        inside = shapely.contains_xy(row.geometry, xy[:, 0], xy[:, 1])
        present = set(communes.loc[inside, "district_code"])
        takers = {j for j, n in votes[i].items()
                  if j != owner and n >= MIN_SPLIT_EVIDENCE and j in holds_own}
        takers |= orphans & present
        if not takers:
            target = out[owner]
            target.parts.append(row.geometry)
            if row.source_code is None:
                target.gap_km2 += row.km2 if row.km2 >= MIN_GAP_KM2 else 0.0
                continue
            target.source_units.append(row.source_code)
            if row.unit in relabelled:
                target.relabelled.append(row.source_code)
            elif row.source_code != owner:
                target.merged.append(row.source_code)
            continue
        group = communes[inside & communes["district_code"].isin(takers | {owner})]
        seeds = group.rename(columns={"commune_code": "label"})
        keep = ["label", "lon", "lat", *BOX, *(["box_km2"] if "box_km2" in group else [])]
        seeds = ts.without_point_boxes(ts.spread_duplicates(seeds[keep]), row.km2)
        cells = ts.partition(row.geometry, seeds, ts.points_in(row.geometry, samples))
        by_district = group.set_index("commune_code")["district_code"]
        label = row.source_code or (f"{row.km2:,.0f} km² no source district covers" if len(source)
                                    else "the province (it has no source districts)")
        shares = cells.groupby(by_district.reindex(cells.index).to_numpy()).agg(
            lambda g: shapely.union_all(g.to_numpy()))
        for code, geom in simplify_gently(shares, DERIVED_TOLERANCE).items():
            target = out[code]
            target.parts.append(geom)
            target.split_of.append(label)
            if row.source_code:
                target.source_units.append(row.source_code)
    empty = [code for code, d in out.items() if not d.parts]
    if empty:
        raise ValueError(f"districts with no land: {empty}")
    return out
