"""Boundaries of administrative units: the shipped ones, or a user's official ones.

The shipped files in ``geo/`` (built by ``geo/build_boundaries.py``; see geo/README.md):
provinces and districts from the Government's administrative map (``dvhcvn-gis``, March 2025;
Quảng Ninh's outline from Open Development Vietnam), simplified, with ``approximate`` False and
their ``source`` named, except the few districts rebuilt from their communes (``approximate``
True); communes derived from the package's centroids inside their district (always
``approximate`` True: maps must say so). Every level nests exactly in the one above, and the
2025 communes in their 2025 province. The files are GPL-3.0 (geo/LICENSE). Codes are those of
:mod:`p8lib.units`, in the vintage named by the file; never mix vintages without the crosswalk.

Layers (``level``, ``vintage``): ``("province", "2021")``, ``("district", "2021")``,
``("commune", "2021")``, ``("province", "2025")``, ``("commune", "2025")``. Apart from them,
:func:`load_archipelagos` reads the Hoàng Sa and Trường Sa archipelagos, which every national
map draws and labels whatever province boundaries it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from p8lib import units
from p8lib.contract import GEO as GEO_DIR
from p8lib.contract import LANGS, t
from p8lib.maps.map_text import ARCHIPELAGO_NAMES
from p8lib.memo import ByIdentity
from p8lib.units import nfc

LEVELS = ("province", "district", "commune")
FILES: dict[tuple[str, str], str] = {
    ("province", "2021"): "provinces_2021.geojson",
    ("district", "2021"): "districts_2021.geojson.gz",
    ("commune", "2021"): "communes_2021.geojson.gz",
    ("province", "2025"): "provinces_2025.geojson",
    ("commune", "2025"): "communes_2025.geojson.gz",
}
ARCHIPELAGO_FILE = "archipelagos.geojson"
CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}
DISPLAY_TOLERANCES = (0.006, 0.01, 0.015, 0.02, 0.03, 0.05)  # degrees, tried in order
CREDIT = (
    "Provinces and districts: the Government's administrative map via dvhcvn (GPL-3.0, "
    "2025-03-01); Quảng Ninh: Open Development Vietnam (MIT); communes approximate, from "
    "vietnamadminunits (MIT) centroids; islands © Natural Earth. See geo/LICENSE."
)


def _check_layer(level: str, vintage: str) -> str:
    if (level, vintage) not in FILES:
        raise ValueError(
            f"no boundaries for level {level!r} and vintage {vintage!r}; "
            f"available: {sorted(FILES)}"
        )
    return FILES[(level, vintage)]


def boundary_path(level: str, vintage: str = units.OLD, directory: Path | None = None) -> Path:
    """Path of the shipped boundary file for one layer (``.geojson`` or ``.geojson.gz``)."""
    return (directory or GEO_DIR) / _check_layer(level, vintage)


def load_boundaries(
    level: str, vintage: str = units.OLD, directory: Path | None = None
) -> gpd.GeoDataFrame:
    """Load the shipped boundaries of one layer.

    Parameters
    ----------
    level : {"province", "district", "commune"}
        Unit level; districts exist only in vintage ``"2021"``.
    vintage : {"2021", "2025"}
        Which unit set (codes overlap between vintages).
    directory : Path, optional
        Folder holding the files (default: the repository's ``geo/``).

    Returns
    -------
    GeoDataFrame
        ``code`` (zero-padded string), ``name_vi``, ``name_en``, parent codes
        (``province_code``, ``district_code`` where they exist), ``approximate`` (bool);
        province and district layers also ``source`` (the boundary set), districts
        ``source_units`` (the source districts they are made of, ``+``-joined) and
        ``derivation`` (how a re-keyed or rebuilt one was made); commune layers ``lon``,
        ``lat`` (a point inside the polygon, for dots and labels); ``geometry`` in EPSG:4326.
        Sorted by code.

    Raises
    ------
    ValueError
        For an unknown level/vintage pair.
    FileNotFoundError
        If the file is missing (rebuild with ``python geo/build_boundaries.py``).

    Examples
    --------
    >>> load_boundaries("province", "2025").shape[0]
    34
    """
    path = boundary_path(level, vintage, directory)
    if not path.exists():
        raise FileNotFoundError(f"{path} not found; rebuild with python geo/build_boundaries.py")
    source = f"/vsigzip/{path}" if path.suffix == ".gz" else path
    frame = gpd.read_file(source, engine="pyogrio")
    for col in ("code", "province_code", "district_code"):
        if col in frame.columns:
            frame[col] = frame[col].astype(str)
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    return _names_from_units(frame, level, vintage).sort_values("code").reset_index(drop=True)


def _names_from_units(frame: gpd.GeoDataFrame, level: str, vintage: str) -> gpd.GeoDataFrame:
    """``frame`` with the names of :mod:`p8lib.units` (the one source of names, whose
    English keeps the diacritics) in place of those the file was built with; a code the
    units do not know keeps the file's names."""
    table = {"province": lambda: units.provinces(vintage),
             "district": units.districts,
             "commune": lambda: units.commune_names(vintage)}[level]()
    names = table.set_index(f"{level}_code")[["name_vi", "name_en"]].reindex(frame["code"])
    for column in ("name_vi", "name_en"):
        known = names[column].notna().to_numpy()
        values = frame[column].to_numpy(dtype=object) if column in frame else np.full(
            len(frame), None, dtype=object)
        values[known] = names[column].to_numpy(dtype=object)[known]
        frame[column] = values
    return frame


def load_archipelagos(directory: Path | None = None) -> gpd.GeoDataFrame:
    """The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos, as shipped in ``geo/``.

    Vietnamese maps always show both: Hoàng Sa belongs to Đà Nẵng, Trường Sa to Khánh Hòa
    (a district each until June 2025, a special zone, *đặc khu*, since). Kept apart from the
    unit layers so that a map draws them even over official boundaries that lack them.

    Parameters
    ----------
    directory : Path, optional
        Folder holding ``archipelagos.geojson`` (default: the repository's ``geo/``).

    Returns
    -------
    GeoDataFrame
        Two rows sorted by ``key`` (``"hoang_sa"``, ``"truong_sa"``; their messages:
        :data:`p8lib.maps.map_text.ARCHIPELAGO_NAMES`): ``name_vi``, ``name_en``,
        ``province_code`` (the same in both vintages: 48 Đà Nẵng, 56 Khánh Hòa),
        ``district_code_2021``, ``commune_code_2025``, ``lon``/``lat`` (the package's centre
        of the special zone), ``approximate``, and the islands as ``geometry`` (EPSG:4326).

    Raises
    ------
    FileNotFoundError
        If the file is missing (rebuild with ``python geo/build_boundaries.py``).

    Examples
    --------
    >>> load_archipelagos()["province_code"].tolist()
    ['48', '56']
    """
    path = (directory or GEO_DIR) / ARCHIPELAGO_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path} not found; rebuild with python geo/build_boundaries.py")
    return _archipelagos(path).copy()


@cache
def _archipelagos(path: Path) -> gpd.GeoDataFrame:
    # Read once per process: every national deck draws them and the file never changes at
    # run time (a rebuild restarts the app).
    frame = gpd.read_file(path, engine="pyogrio")
    for col in ("province_code", "district_code_2021", "commune_code_2025"):
        frame[col] = frame[col].astype(str)
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    # Named by the message catalogue, the one source of the names (the file's are a copy).
    for lang in LANGS:
        frame[f"name_{lang}"] = [t(ARCHIPELAGO_NAMES[key], lang) for key in frame["key"]]
    return frame.sort_values("key").reset_index(drop=True)


def commune_points(vintage: str = units.OLD, directory: Path | None = None) -> pd.DataFrame:
    """One map point per commune, inside its (approximate) polygon.

    The point is the package centroid when that falls inside the commune's polygon; otherwise
    (centroids offshore, in a neighbouring district or province, shared by several communes)
    the seed the build moved into the commune's district, else a point on the polygon's
    surface, so a commune's dot always lies in its own commune, district and province.

    Returns
    -------
    DataFrame
        ``commune_code``, ``province_code``, ``district_code`` (2021 only), ``name_vi``,
        ``name_en``, ``lon``, ``lat``; sorted by code.
    """
    frame = load_boundaries("commune", vintage, directory)
    cols = ["code", "province_code", "district_code", "name_vi", "name_en", "lon", "lat"]
    out = pd.DataFrame(frame[[c for c in cols if c in frame.columns]])
    return out.rename(columns={"code": "commune_code"}).reset_index(drop=True)


def fit_to_vertex_budget(frame: gpd.GeoDataFrame, max_coords: int) -> gpd.GeoDataFrame:
    """Simplify a coverage just enough to keep at most ``max_coords`` vertices (for display).

    Official boundaries loaded by a user often have 100× more vertices than a map can send;
    the shipped provinces are simplified for the national map (:mod:`p8lib.maps.builders`).
    Coverage simplification moves shared edges together: neighbours stay gap-free and
    overlap-free. A frame is simplified once per budget for as long as it lives (the app's
    boundaries live as long as the process): later calls hand out the same result.

    Parameters
    ----------
    frame : GeoDataFrame
        Polygons forming a valid coverage (neighbours share their edge vertices).
    max_coords : int
        Vertex budget for the whole frame.

    Returns
    -------
    GeoDataFrame
        ``frame`` itself when within budget, else a copy simplified with the smallest of
        :data:`DISPLAY_TOLERANCES` that fits (the largest when none does).
    """
    return _FITTED(frame, max_coords)


def _fitted(frame: gpd.GeoDataFrame, max_coords: int) -> gpd.GeoDataFrame:
    geoms = frame.geometry.to_numpy()
    count = shapely.get_num_coordinates(geoms).sum()
    if count <= max_coords:
        return frame
    # The smallest tolerance that fits (the largest when none does). For a heavy file the
    # count falls roughly like 1/sqrt(tolerance): start near the right one, so that one or
    # two simplifications suffice; coarser until one fits, then finer while they still fit
    # (a light file fits much finer than the guess).
    tried = {}

    def fits(i: int) -> bool:
        tried[i] = shapely.coverage_simplify(geoms, DISPLAY_TOLERANCES[i])
        return shapely.get_num_coordinates(tried[i]).sum() <= max_coords

    last = len(DISPLAY_TOLERANCES) - 1
    i = min(int(np.searchsorted(DISPLAY_TOLERANCES, 0.006 * (count / max_coords) ** 2 / 1.5)),
            last)
    while not fits(i) and i < last:
        i += 1
    while i > 0 and fits(i - 1):
        i -= 1
    simplified = tried[i]
    out = frame.copy()
    out.geometry = simplified
    return out

# A frame's simplified copy per budget, while the frame lives.
_FITTED = ByIdentity(_fitted)


@dataclass
class OfficialBoundaries:
    """A user's boundary file, keyed by unit code.

    Attributes
    ----------
    frame : GeoDataFrame
        Matched units: ``code``, ``name_vi``, ``name_en`` (from the unit table), parent codes,
        ``approximate`` (False) and ``geometry`` in EPSG:4326.
    unmatched : DataFrame
        Rows of the file that could not be given a code: ``row`` (0-based feature number),
        the name or code read, and ``reason``.
    missing : list of str
        Codes of the unit table with no feature in the file.
    """

    frame: gpd.GeoDataFrame
    unmatched: pd.DataFrame = field(default_factory=pd.DataFrame)
    missing: list[str] = field(default_factory=list)



def _unit_table(level: str, vintage: str) -> pd.DataFrame:
    if level == "province":
        table = units.provinces(vintage)
    elif level == "district":
        table = units.districts()
    else:
        table = units.communes(vintage)
    return table.rename(columns={f"{level}_code": "code"})


def read_official_boundaries(
    source: str | Path | gpd.GeoDataFrame,
    level: str,
    vintage: str = units.OLD,
    *,
    code_col: str | None = None,
    name_cols: dict[str, str] | None = None,
) -> OfficialBoundaries:
    """Read official boundaries (GeoJSON, GeoPackage, Shapefile…) and key them by unit code.

    Parameters
    ----------
    source : path or GeoDataFrame
        Any file GDAL reads, or an already loaded frame.
    level : {"province", "district", "commune"}
        Level of the features.
    vintage : {"2021", "2025"}
        Vintage of the codes or names in the file.
    code_col : str, optional
        Column with unit codes (leading zeros may be missing: ``1`` → ``"01"``).
    name_cols : dict, optional
        Names instead of codes: ``{"province": col, "district": col, "commune": col}`` up to
        ``level``; matched with :func:`p8lib.units.matching.match_units`. Only exact and fuzzy
        matches are kept; the rest go to ``unmatched`` with the matcher's note.

    Returns
    -------
    OfficialBoundaries
        The keyed frame, the rows that did not match, and the units with no feature.

    Raises
    ------
    ValueError
        If neither ``code_col`` nor ``name_cols`` is given, or a named column is absent.
    """
    _check_layer(level, vintage)
    frame = source.copy() if isinstance(source, gpd.GeoDataFrame) else gpd.read_file(source)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    table = _unit_table(level, vintage).set_index("code")
    if code_col is not None:
        if code_col not in frame.columns:
            raise ValueError(f"code column {code_col!r} not in {list(frame.columns)}")
        raw = frame[code_col].map(nfc)
        codes = raw.str.replace(r"\.0$", "", regex=True).str.zfill(CODE_WIDTH[level])
        known = codes.isin(table.index)
        unmatched = pd.DataFrame(
            {"row": frame.index[~known], "value": raw[~known], "reason": "unknown code"}
        )
    elif name_cols:
        absent = [c for c in name_cols.values() if c not in frame.columns]
        if absent:
            raise ValueError(f"name columns {absent} not in {list(frame.columns)}")
        from p8lib.units import match_units  # imported late: rapidfuzz only when needed

        names = pd.DataFrame({lvl: frame[col] for lvl, col in name_cols.items()})
        matched = match_units(names, "province", "district", "commune", vintage=vintage)
        codes = matched[f"{level}_code"]
        known = matched["match_status"].isin(["exact", "fuzzy"]) & codes.notna()
        note = matched.get("match_note", pd.Series("", index=matched.index)).fillna("")
        unmatched = pd.DataFrame({
            "row": frame.index[~known],
            "value": names[~known].astype(str).agg(" / ".join, axis=1),
            "reason": (matched["match_status"] + ": " + note)[~known],
        })
    else:
        raise ValueError("give code_col or name_cols to key the boundaries")
    keyed = gpd.GeoDataFrame({"code": codes[known].astype(str)}, geometry=frame.geometry[known],
                             crs="EPSG:4326")
    info = table.loc[keyed["code"]]
    keyed["name_vi"] = info["name_vi"].to_numpy()
    keyed["name_en"] = info["name_en"].to_numpy()
    for parent in ("province_code", "district_code"):
        if parent in info.columns and parent != f"{level}_code":
            keyed[parent] = info[parent].to_numpy()
    keyed["approximate"] = False
    keyed = keyed.dissolve(by="code", as_index=False) if keyed["code"].duplicated().any() else keyed
    missing = sorted(set(table.index) - set(keyed["code"]))
    return OfficialBoundaries(
        keyed.sort_values("code").reset_index(drop=True),
        unmatched.reset_index(drop=True), missing,
    )
