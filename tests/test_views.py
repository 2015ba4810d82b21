"""``p8lib.views`` is only the old import path: every old name is the new module's object.

The helpers themselves are tested beside their modules (test_filters, test_labels,
test_tables, test_display, test_map_values, test_uploads).
"""

from __future__ import annotations

import pytest

from p8lib import display, filters, labels, map_values, tables, uploads, views

HOMES = (filters, labels, tables, display, map_values, uploads)
# The public names of views.py before the split; dashboard.py, app/state.py, pages/data.py
# and pages/coverage_map.py still import some of them from p8lib.views.
OLD_NAMES = (
    "FILTER_KEYS", "HEADLINE_INDICATORS", "PILOT_ROLE", "attainment_table", "catalogue_table",
    "coverage_table", "display_frame", "figure_table", "figures_per_province",
    "filters_to_params", "headline", "headline_metrics", "indicator_across", "indicator_label",
    "indicator_options", "merge_figures", "parse_filters", "period_label", "pilot_codes",
    "pilot_provinces", "place_names", "problems_table", "province_options", "reach_metrics",
    "reported_where", "sources_table", "sources_used", "status_table", "target_actual_frame",
    "template_long", "template_wide", "unit_name", "year_options",
)


@pytest.mark.parametrize("name", OLD_NAMES)
def test_every_old_name_is_the_object_of_exactly_one_new_module(name):
    # a function knows its module; a constant belongs to the one module that holds it
    owners = [m for m in HOMES if name in vars(m)
              and getattr(vars(m)[name], "__module__", m.__name__) == m.__name__]
    assert len(owners) == 1, (name, [m.__name__ for m in owners])
    assert getattr(views, name) is getattr(owners[0], name)


def test_star_import_gives_the_old_names():
    assert sorted(views.__all__) == sorted(OLD_NAMES)
