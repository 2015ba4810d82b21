"""Credits of the map boundaries: each source, what the maps take from it, licence and date.

The Sources page shows them as a table (:func:`boundary_credits`); the note under every map
(i18n ``map_boundaries_note``, :data:`p8lib.maps.builders.APPROXIMATE_NOTE`) says the same in
one line. ``geo/README.md`` and ``geo/LICENSE`` hold the full provenance; keep the three in
step. Plain data, no geopandas: the Sources page imports it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from p8lib.contract import N_, t


@dataclass(frozen=True)
class BoundarySource:
    """One boundary source; ``covers`` is the message id of what the maps take from it."""

    name: str
    covers: str
    licence: str
    date: str
    link: str


BOUNDARY_SOURCES = (
    BoundarySource(
        "dvhcvn-gis (gis.chinhphu.vn)", N_("credit_covers_dvhcvn"), "GPL-3.0", "2025-03-01",
        "https://github.com/daohoangson/dvhcvn"),
    BoundarySource(
        "Open Development Vietnam (via TaliaCao/Vietnam-Shape-Map)", N_("credit_covers_odv"),
        "MIT", "2025-11-29 (snapshot)",
        "https://data.vietnam.opendevelopmentmekong.net/vi/dataset/a-phn-tnh"),
    BoundarySource(
        "vietnamadminunits 1.0.4", N_("credit_covers_package"), "MIT", "1.0.4",
        "https://pypi.org/project/vietnamadminunits/"),
    BoundarySource(
        "Natural Earth 4.1.0 (via world-atlas 2.0.2)", N_("credit_covers_natural_earth"),
        "public domain", "4.1.0", "https://www.naturalearthdata.com/"),
)


def boundary_credits(lang: str) -> pd.DataFrame:
    """The boundary sources as a table for people, in ``lang``.

    Returns
    -------
    DataFrame
        One row per :data:`BOUNDARY_SOURCES` entry; columns (localised): source, licence,
        date or version, what the maps use, link (short columns first, so that a narrow
        screen shows the licences).

    Examples
    --------
    >>> boundary_credits("en").columns.tolist()
    ['Source', 'Licence', 'Date / version', 'Used for', 'Link / file']
    """
    return pd.DataFrame({
        t("source", lang): [s.name for s in BOUNDARY_SOURCES],
        t("licence", lang): [s.licence for s in BOUNDARY_SOURCES],
        t("credit_date", lang): [s.date for s in BOUNDARY_SOURCES],
        t("credit_covers", lang): [t(s.covers, lang) for s in BOUNDARY_SOURCES],
        t("link", lang): [s.link for s in BOUNDARY_SOURCES],
    })
