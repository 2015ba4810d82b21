"""Names and codes of Vietnamese administrative units, in both vintages (2021, 2025).

Holds the text folding of Vietnamese names (:mod:`~p8lib.units.text`), the units of both
vintages read from ``vietnamadminunits`` with their crosswalk (:mod:`~p8lib.units.admin`),
and the matching of messy names to codes (:mod:`~p8lib.units.matching`).

Imports no other p8lib package: it is the first step of the flow.
"""

from p8lib.units import admin, matching, text
from p8lib.units.admin import (
    NEW,
    OLD,
    PACKAGE_CREDIT,
    VINTAGES,
    Vintage,
    commune_crosswalk,
    commune_names,
    communes,
    districts,
    name_of,
    parent_codes,
    province_crosswalk,
    provinces,
    to_new_province,
)
from p8lib.units.matching import match_units
from p8lib.units.text import fold, fold_many, nfc, strip_marks

__all__ = [
    "NEW", "OLD", "PACKAGE_CREDIT", "VINTAGES", "Vintage", "admin", "commune_crosswalk",
    "commune_names", "communes", "districts", "fold", "fold_many", "match_units", "name_of",
    "matching", "nfc", "parent_codes", "province_crosswalk", "provinces", "strip_marks", "text",
    "to_new_province",
]
