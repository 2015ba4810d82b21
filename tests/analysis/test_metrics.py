"""The shared filters, sums of the summable figures and the project's reach counted."""

import pandas as pd
import pytest

from p8lib.analysis import metrics
from tests.analysis.rows import CATALOGUE, TEXT_COLUMNS, figures


def test_aggregate_rolls_old_provinces_up_to_new():
    rows = figures(("10", "groups", "actual", 2023, 2023, 5, "groups"),  # old Lào Cai
                   ("15", "groups", "actual", 2023, 2023, 7, "groups"),  # old Yên Bái
                   ("15", "share", "actual", 2023, 2023, 50, "percent"))
    old = metrics.aggregate(rows, CATALOGUE, ["province_code", "indicator_id"])
    new = metrics.aggregate(rows, CATALOGUE, ["province_code", "indicator_id"], vintage="2025")
    assert old.set_index("province_code")["value"].to_dict() == {"10": 5, "15": 7}
    assert new.set_index("province_code")["value"].to_dict() == {"15": 12}


def test_aggregate_refuses_districts_in_2025():
    with pytest.raises(ValueError, match="no districts"):
        metrics.aggregate(figures(), CATALOGUE, ["district_code"], vintage="2025")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [({"province": "94"}, 2), ({"year": 2023}, 3), ({"year": 2024}, 1),
     ({"indicator": "share"}, 1), ({"content_area": 2}, 1), ({}, 3)],
)
@pytest.mark.parametrize("categorical", [False, True])
def test_filter_figures(kwargs, expected, categorical):
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   ("94", "share", "actual", 2023, 2023, 60, "percent"),
                   ("04", "groups", "actual", 2022, 2023, 5, "groups"))
    if categorical:  # as the app holds its figures
        rows = rows.astype(dict.fromkeys(TEXT_COLUMNS, "category"))
    assert len(metrics.filter_figures(rows, catalogue=CATALOGUE, **kwargs)) == expected


@pytest.mark.parametrize(("level", "province", "expected"), [
    ("national", None, [None]), ("province", None, ["94", "04"]),
    ("province", "94", ["94"]), ("district", None, []),
])
def test_filter_figures_by_level(level, province, expected):
    rows = figures(("94", "groups", "target", 2021, 2025, 100, "groups"),
                   (None, "groups", "target", 2021, 2025, 900, "groups"),
                   ("04", "groups", "actual", 2022, 2023, 5, "groups"))
    kept = metrics.filter_figures(rows, level=level, province=province)
    assert [None if pd.isna(c) else c for c in kept["province_code"]] == expected


def test_filter_figures_by_area_needs_the_catalogue():
    with pytest.raises(ValueError, match="catalogue"):
        metrics.filter_figures(figures(), content_area=1)


def test_coverage_counts_do_not_double_count():
    coverage = pd.DataFrame({
        "province_code": ["04", "04", "04", "94", "94", "94"],
        "district_code": [None, None, None, None, None, "950"],
        "group": ["Region I", "Region II", "Border (within the regions)", None, None, None],
        "count": pd.array([14, 6, 40, 42, 9, None], dtype="Int64"),
        "count_of": ["commune", "commune", "commune", "commune", "district", None],
        "source_id": ["a", "a", "a", "b", "b", "b"],
    })
    counts = metrics.coverage_counts(coverage, figures())
    # Cao Bằng 14 + 6 (border communes lie within the regions), Sóc Trăng 42
    assert counts["communes"] == 62
    # Sóc Trăng: 9 districts counted, one of them named
    assert counts["districts"] == 9
    assert counts["provinces"] == 2
