"""What the coverage map shows per province, in either vintage of provinces.

Figures and coverage carry codes of their row's vintage (mostly 2021). Each row is placed
by :func:`p8lib.analysis.provinces_in`: on the 2025 map, 2021 rows rolled up through
:func:`p8lib.units.to_new_province` (old provinces merged whole into new ones); on the 2021
map, a 2025 row in the 2021 province it lies within, or on no province where it spans
several. Codes are never compared across vintages.
"""

from __future__ import annotations

import pandas as pd

from p8lib import units
from p8lib.analysis import provinces_in
from p8lib.contract import Coverage, Figure, t
from p8lib.present import unit_name

# The coverage role of the VWU point-direction (pilot) provinces.
PILOT_ROLE = "pilot_province"


def figures_per_province(figures: pd.DataFrame, vintage: str = units.OLD) -> pd.Series:
    """How many figures each province reports.

    Parameters
    ----------
    figures : DataFrame
        Figures (codes of each row's vintage). National figures are left out, and on the
        2021 map the 2025 figures that span several 2021 provinces.
    vintage : {"2021", "2025"}
        The vintage of the index; ``"2025"`` rolls the 2021 codes up to the new provinces.

    Returns
    -------
    Series
        Float counts named ``figures``, indexed by province code of ``vintage``, sorted.
    """
    codes = provinces_in(figures, vintage).dropna()
    return codes.value_counts().sort_index().astype(float).rename("figures")


def pilot_codes(coverage: pd.DataFrame, vintage: str = units.OLD) -> list[str]:
    """Province codes (of ``vintage``) of the VWU pilot provinces, sorted, each once."""
    pilots = coverage[coverage[Coverage.role] == PILOT_ROLE]
    return sorted(set(provinces_in(pilots, vintage).dropna()))


def pilot_provinces(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The VWU point-direction (pilot) provinces: 2021 code and name, and their 2025 province.

    Returns
    -------
    DataFrame
        Columns headed in ``lang``: code, name (both 2021) and the 2025 province's name.
    """
    codes = pilot_codes(coverage, units.OLD)
    new = units.to_new_province(pd.Series(codes, dtype="object"))
    new_names = units.provinces(units.NEW).set_index(Figure.province_code)[
        "name_en" if lang == "en" else "name_vi"]
    return pd.DataFrame({
        t("code", lang): codes,
        t("name", lang): [unit_name(c, lang) for c in codes],
        t("vintage_2025", lang): new.map(new_names).to_list(),
    })
