"""Names and codes of Vietnamese administrative units, in both vintages (2021, 2025).

Holds the text folding of Vietnamese names (:mod:`~p8lib.units.text`), the units of both
vintages read from ``vietnamadminunits`` (:mod:`~p8lib.units.admin`) with their crosswalks
(:mod:`~p8lib.units.crosswalk`),
and the matching of messy names to codes (:mod:`~p8lib.units.matching`: the search within
one level in :mod:`~p8lib.units.level_index`, what one level tells another in
:mod:`~p8lib.units.hierarchy`).

Imports no other p8lib package: it is the first step of the flow.
"""

from p8lib.units import admin, crosswalk, matching, text
from p8lib.units.admin import (
    NEW,
    OLD,
    PACKAGE_CREDIT,
    VINTAGES,
    Vintage,
    commune_names,
    communes,
    districts,
    name_of,
    parent_codes,
    province_of,
    provinces,
)
from p8lib.units.crosswalk import commune_crosswalk, province_crosswalk, to_new_province
from p8lib.units.matching import match_units
from p8lib.units.text import fold, fold_many, marked_key, nfc, split_type, strip_marks

__all__ = [
    "NEW", "OLD", "PACKAGE_CREDIT", "VINTAGES", "Vintage", "admin", "commune_crosswalk",
    "commune_names", "communes", "crosswalk", "districts", "fold", "fold_many", "marked_key",
    "match_units", "matching", "name_of", "nfc", "parent_codes", "province_crosswalk",
    "province_of", "provinces", "split_type", "strip_marks", "text", "to_new_province",
]
