"""What the figures say: the shared filters, attainment, coverage counts and aggregations.

* :mod:`~p8lib.analysis.filters` — the filters' choices and their URL form;
* :mod:`~p8lib.analysis.metrics` — the filters applied, sums and coverage counts;
* :mod:`~p8lib.analysis.targets` — attainment of targets (actual ÷ target);
* :mod:`~p8lib.analysis.vintages` — the province of a row in either unit vintage (a 2025
  code is never compared with a 2021 one).
* :mod:`~p8lib.analysis.rollup` — results of the units inside a unit, rolled up to it;
* :mod:`~p8lib.analysis.level_results` — a level's units with their results, and the
  figures rolled up to them.

May import :mod:`p8lib.units`, :mod:`p8lib.contract` and :mod:`p8lib.ingest`.
"""

from p8lib.analysis import filters, level_results, metrics, rollup, targets, vintages
from p8lib.analysis.filters import indicator_options
from p8lib.analysis.vintages import is_2025, provinces_2021, provinces_in

__all__ = ["filters", "indicator_options", "is_2025", "level_results", "metrics", "provinces_2021",
           "provinces_in", "rollup", "targets", "vintages"]
