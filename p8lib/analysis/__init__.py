"""What the figures say: the shared filters, attainment, coverage counts and aggregations.

* :mod:`~p8lib.analysis.filters` — the filters' choices and their URL form;
* :mod:`~p8lib.analysis.metrics` — attainment (actual ÷ target), sums and counts;
* :mod:`~p8lib.analysis.rollup` — results of the units inside a unit, rolled up to it.

May import :mod:`p8lib.units`, :mod:`p8lib.contract` and :mod:`p8lib.ingest`.
"""

from p8lib.analysis import filters, metrics, rollup
from p8lib.analysis.filters import indicator_options

__all__ = ["filters", "indicator_options", "metrics", "rollup"]
