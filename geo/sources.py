"""The boundary sets the build reads from ``../shared/geo-sources/`` (see its README).

* ``dvhcvn-gis/``: provinces and districts of the Government's administrative map
  (gis.chinhphu.vn) as extracted by ``daohoangson/dvhcvn`` (GPL-3.0), data of 01/03/2025, one
  gzip-compressed JSON file per 2021 province; Quảng Ninh's (22) is missing.
* ``odv/``: Open Development Vietnam's 63 provinces (KML) and their merger into the 34
  provinces of 2025 (GeoJSON), via ``TaliaCao/Vietnam-Shape-Map`` (MIT). Neither file carries
  GSO codes: names are matched with :func:`p8lib.units.match_units`, plus the two spellings
  of the 63-province file the matcher cannot place (:data:`ODV_63_SPELLINGS`).

Coordinates are WGS84 lon/lat. Readers return full-resolution shapely geometries.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from p8lib import units

DEFAULT_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "geo-sources"
DVHCVN_DIR = "dvhcvn-gis"
ODV_DIR = "odv"
ODV_63 = "diaphantinhvn_63.kml.gz"
ODV_34 = "diaphantinhvn_merged_34.geojson.gz"
# Names of the ODV 63-province file that the matcher rightly leaves unmatched: a typo
# ("Quản Bình") and the name Huế had before it became a city ("Thừa Thiên Huế", now
# "Thành phố Huế" in the package). Each is checked to be unmatched and its code unused.
ODV_63_SPELLINGS = {"Quản Bình": "44", "Thừa Thiên Huế": "46"}


@dataclass(frozen=True)
class Provenance:
    """Where a boundary set comes from, as the files, the README and the app credit it."""

    name: str
    repository: str
    commit: str
    data_date: str
    licence: str
    origin: str


def sources_dir(path: Path | None = None) -> Path:
    """``path``, else ``$P8_GEO_SOURCES``, else ``../shared/geo-sources`` of the worktree.

    Raises
    ------
    FileNotFoundError
        If the folder or one of its two sets is missing.
    """
    folder = Path(path or os.environ.get("P8_GEO_SOURCES", DEFAULT_SOURCES))
    for sub in (DVHCVN_DIR, ODV_DIR):
        if not (folder / sub).is_dir():
            raise FileNotFoundError(f"boundary sources not found: {folder / sub} "
                                    "(see geo/README.md, 'Sources')")
    return folder


def _commit(folder: Path) -> str:
    return (folder / "COMMIT").read_text(encoding="utf-8").split()[0]


def provenance(folder: Path) -> dict[str, Provenance]:
    """The two sets' provenance, commits read from their ``COMMIT`` files."""
    return {
        "dvhcvn": Provenance(
            "dvhcvn-gis", "https://github.com/daohoangson/dvhcvn", _commit(folder / DVHCVN_DIR),
            "2025-03-01", "GPL-3.0",
            "the Government portal's administrative map (gis.chinhphu.vn); unit list of the "
            "General Statistics Office"),
        "odv": Provenance(
            "Open Development Vietnam, 'Địa phận tỉnh'",
            "https://github.com/TaliaCao/Vietnam-Shape-Map", _commit(folder / ODV_DIR),
            "not stated in the files (repository snapshot 2025-11-29)",
            "MIT (the repository, © 2025 Talia Cao)",
            "https://data.vietnam.opendevelopmentmekong.net/vi/dataset/a-phn-tnh; the 34 "
            "provinces merged from it by the repository"),
    }


def _shape(record: dict) -> shapely.Geometry:
    geom = shapely.geometry.shape({"type": record["type"], "coordinates": record["coordinates"]})
    return geom if geom.is_valid else shapely.make_valid(geom)


def read_dvhcvn(folder: Path) -> tuple[pd.Series, pd.DataFrame]:
    """Provinces and districts of ``dvhcvn-gis``.

    Returns
    -------
    (Series, DataFrame)
        Province geometry by 2021 province code; districts with ``source_code`` (the file's
        ``level2_id``), ``province_code``, ``name`` and ``geometry``, sorted by code.

    Raises
    ------
    ValueError
        If a file's province code is not a 2021 province of the package.
    """
    known = set(units.provinces("2021")["province_code"])
    provinces, rows = {}, []
    for path in sorted((folder / DVHCVN_DIR).glob("[0-9][0-9].json.gz")):
        record = json.loads(gzip.decompress(path.read_bytes()))
        code = record["level1_id"]
        if code not in known or path.name != f"{code}.json.gz":
            raise ValueError(f"{path}: province code {code!r} is not a 2021 province")
        provinces[code] = _shape(record)
        rows += [{"source_code": d["level2_id"], "province_code": code, "name": d["name"],
                  "geometry": _shape(d)} for d in record["level2s"]]
    districts = pd.DataFrame(rows).sort_values("source_code").reset_index(drop=True)
    return pd.Series(provinces).sort_index(), districts


def _odv(path: Path, vintage: str, spellings: dict[str, str]) -> pd.Series:
    frame = gpd.read_file(f"/vsigzip/{path}", engine="pyogrio")
    matched = units.match_units(pd.DataFrame({"province": frame["ten_tinh"]}), "province",
                                vintage=vintage)
    codes = matched["province_code"].where(matched["match_status"].isin(["exact", "fuzzy"]))
    for name, code in spellings.items():
        rows = frame.index[frame["ten_tinh"] == name]
        if len(rows) != 1 or codes[rows].notna().any() or (codes == code).any():
            raise ValueError(f"{path.name}: spelling {name!r} -> {code} no longer needed or "
                             "ambiguous; check ODV_63_SPELLINGS")
        codes[rows] = code
    table = set(units.provinces(vintage)["province_code"])
    if codes.isna().any() or codes.duplicated().any() or set(codes) != table:
        bad = frame.loc[codes.isna() | codes.duplicated(keep=False), "ten_tinh"].tolist()
        raise ValueError(f"{path.name}: names not matched one-to-one to the {len(table)} "
                         f"provinces of {vintage}: {bad}")
    geoms = shapely.force_2d(frame.geometry.to_numpy())
    geoms = [g if g.is_valid else shapely.make_valid(g) for g in geoms]
    return pd.Series(geoms, index=codes.to_numpy()).sort_index()


def read_odv(folder: Path) -> tuple[pd.Series, pd.Series]:
    """ODV's 63 provinces (2021 codes) and 34 provinces (2025 codes), matched by name.

    Raises
    ------
    ValueError
        If a file's names do not match its vintage's provinces one-to-one.
    """
    return (_odv(folder / ODV_DIR / ODV_63, "2021", ODV_63_SPELLINGS),
            _odv(folder / ODV_DIR / ODV_34, "2025", {}))
