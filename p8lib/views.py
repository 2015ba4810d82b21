"""Old home of the page helpers, kept so that callers not yet moved still import.

The helpers now live one concern per module; import them from there:

- :mod:`p8lib.filters` — the shared filters, their choices and their URL form;
- :mod:`p8lib.labels` — names of places, indicators and periods;
- :mod:`p8lib.tables` — the tables the pages show;
- :mod:`p8lib.display` — numbers written for the screen, headline tiles;
- :mod:`p8lib.map_values` — per-province values of the coverage map, pilot provinces;
- :mod:`p8lib.uploads` — report templates, uploaded figures merged with the shipped.

Remove this module (and tests/test_views.py) once ``dashboard.py``, ``app/state.py``,
``pages/data.py`` and ``pages/coverage_map.py`` import from the modules above.
"""

from p8lib.display import (
    HEADLINE_INDICATORS,
    display_frame,
    headline,
    headline_metrics,
    reach_metrics,
)
from p8lib.filters import (
    FILTER_KEYS,
    filters_to_params,
    indicator_options,
    parse_filters,
    province_options,
    year_options,
)
from p8lib.labels import indicator_label, period_label, place_names, unit_name
from p8lib.map_values import PILOT_ROLE, figures_per_province, pilot_codes, pilot_provinces
from p8lib.tables import (
    attainment_table,
    catalogue_table,
    coverage_table,
    figure_table,
    indicator_across,
    problems_table,
    reported_where,
    sources_table,
    sources_used,
    status_table,
    target_actual_frame,
)
from p8lib.uploads import merge_figures, template_long, template_wide

__all__ = [
    "FILTER_KEYS", "HEADLINE_INDICATORS", "PILOT_ROLE", "attainment_table", "catalogue_table",
    "coverage_table", "display_frame", "figure_table", "figures_per_province",
    "filters_to_params", "headline", "headline_metrics", "indicator_across",
    "indicator_label", "indicator_options", "merge_figures", "parse_filters", "period_label",
    "pilot_codes", "pilot_provinces", "place_names", "problems_table", "province_options",
    "reach_metrics", "reported_where", "sources_table", "sources_used", "status_table",
    "target_actual_frame", "template_long", "template_wide", "unit_name", "year_options",
]
