"""Imported by the import worker's fork server (:mod:`p8lib.ingest.worker`) when it starts:
loads the library and the tables every import reads, once, so that each forked child
starts with them (shared copy-on-write) instead of reading them again.

Importing this module does that work: that is its only purpose. A failure is left for the
import itself to report (the child reads the tables again and says what is wrong).
"""

from __future__ import annotations

import contextlib

import pandas as pd

from p8lib.contract import catalogue
from p8lib.ingest import importer  # noqa: F401 - the whole import path, loaded once
from p8lib.units import match_units


def _load() -> None:
    catalogue.indicators()
    catalogue.sources()
    catalogue.default_lookup()
    # Builds the name-matching index of the 2021 units (about a second when cold).
    match_units(pd.DataFrame({"province": ["Sóc Trăng"], "district": ["Mỹ Tú"]}),
                "province", "district", None)


# A failure here is reported by the import that needs the tables, in its own words.
with contextlib.suppress(Exception):
    _load()
