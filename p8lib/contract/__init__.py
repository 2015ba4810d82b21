"""What every later step shares: the data contract, the indicator catalogue, the messages.

* :mod:`~p8lib.contract.schema` — the tables p8lib reads and writes (pandera models, the
  one place a column name is written);
* :mod:`~p8lib.contract.catalogue` — the shipped tables of ``data/`` (indicators, sources,
  coverage, figures) and the indicator look-up by header spelling;
* :mod:`~p8lib.contract.i18n` — Vietnamese and English texts and number formats;
* :mod:`~p8lib.contract.messages` — the message catalogues those texts are in (gettext
  ``.po`` files under ``locale/``), and ``N_``, which marks an id made at run time;
* :mod:`~p8lib.contract.paths` — where the shipped files are.

May import :mod:`p8lib.units` only.
"""

from p8lib.contract import catalogue, i18n, messages, schema
from p8lib.contract.catalogue import IndicatorLookup, header_key, header_keys
from p8lib.contract.i18n import LANGS, check_lang, fmt_number, t
from p8lib.contract.messages import N_
from p8lib.contract.paths import CURATED, DATA, GEO
from p8lib.contract.schema import (
    CODE_COLUMNS,
    CONTENT_AREAS,
    FIGURE_COLUMNS,
    KEY_COLUMNS,
    MEASURES,
    ROW_CHECK_COLUMNS,
    Coverage,
    Figure,
    NoteTranslation,
    Source,
    UnusedSource,
    expected_level,
)

__all__ = [
    "CODE_COLUMNS", "CONTENT_AREAS", "CURATED", "DATA", "FIGURE_COLUMNS", "GEO", "KEY_COLUMNS",
    "LANGS", "MEASURES", "N_", "ROW_CHECK_COLUMNS", "Coverage", "Figure", "IndicatorLookup",
    "NoteTranslation",
    "Source", "UnusedSource",
    "catalogue", "check_lang", "expected_level", "fmt_number", "header_key", "header_keys",
    "i18n", "messages", "schema", "t",
]
