"""The map side of the app: boundary layers and the coverage deck, cached.

Boundaries are read once per layer (``st.cache_data``); what the map colours per province is
cached by :func:`app.data.figures_token` (which figures are in use), never by hashing the
figures frame.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.data import coverage, figures, figures_token
from p8lib.maps import map_values


@st.cache_data(show_spinner=False)
def boundaries(level: str, vintage: str):
    """Approximate boundaries of one layer (:func:`p8lib.maps.geo.load_boundaries`)."""
    from p8lib.maps import geo  # noqa: PLC0415

    return geo.load_boundaries(level, vintage)


@st.cache_data(show_spinner=False, max_entries=16)
def _figures_per_province(token: tuple[str, str], vintage: str) -> pd.Series:
    """:func:`p8lib.maps.map_values.figures_per_province` of the figures named by ``token``."""
    del token  # the cache key only: which figures are in use
    return map_values.figures_per_province(figures(), vintage)


def coverage_deck(vintage: str, lang: str):
    """The coverage map (a :class:`p8lib.maps.MapSpec`), or None while the map modules or
    boundary files are not there.

    Imported lazily: the geography modules are built separately from the pages.
    """
    try:
        from p8lib import maps  # noqa: PLC0415

        provinces = boundaries("province", vintage)
    except (ImportError, FileNotFoundError):
        return None
    values = _figures_per_province(figures_token(), vintage)
    pilots = map_values.pilot_codes(coverage(), vintage)
    return maps.province_map(provinces, values, kind="count", lang=lang, pilot_codes=pilots)
