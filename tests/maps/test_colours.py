"""Colour classes and legends of the maps (p8lib.maps.colours)."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.maps import colours
from p8lib.maps.map_values import COVERAGE_CLASSES


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.0], [colours.ZERO_COLOR]),
        ([None], [colours.NO_DATA_COLOR]),
        ([10.0, 25.0, 99.9, 100.0, 250.0], [colours.RAMP[0], colours.RAMP[1], colours.RAMP[3],
                                           colours.RAMP[4], colours.RAMP[4]]),
    ],
)
def test_value_classes(values, expected):
    got, _ = colours.value_classes(pd.Series(values, dtype=float), colours.ATTAINMENT_BREAKS)
    assert got.tolist() == expected


@pytest.mark.parametrize(("breaks", "labels"), [
    ((), ["0", "> 0", "Không có số liệu"]),
    ((0.5, 2.0), ["0", "> 0–< 0,5", "0,5–< 2", "≥ 2", "Không có số liệu"]),
])
def test_value_class_labels_in_vietnamese(breaks, labels):
    _, legend = colours.value_classes(pd.Series([1.0]), breaks, "vi")
    assert [row.label for row in legend] == labels


def test_too_many_breaks_are_refused():
    with pytest.raises(ValueError, match="breaks"):
        colours.value_classes(pd.Series([1.0]), (1, 2, 3, 4, 5))


@pytest.mark.parametrize(("values", "breaks"), [
    ([0.12, 0.31, 0.33, 0.5, 0.77, 1.9], (0.31, 0.33, 0.5, 0.77)),
    ([3.0, 3.0, 3.0], (3.0,)),  # one value: its own class, not the palest
    ([0.0, 0.0, 4.0, None], (4.0,)),  # zeros and no data are not classed
    ([0.0, None], ()),
    ([1.0, 1000.0], (200.0, 400.0, 600.0, 800.0)),
    ([10.0, 11.0, 12.0, 13.0, 14.0, 15.0], (11.0, 12.0, 13.0, 14.0)),
])
def test_nice_breaks(values, breaks):
    assert colours.nice_breaks(pd.Series(values, dtype=float)) == breaks


@pytest.mark.parametrize(("level", "pilot"), [
    ("province", "Pilot province (VWU point-direction plan)"), ("district", "Pilot district")])
def test_coverage_classes(level, pilot):
    got, legend = colours.coverage_classes(pd.Series([2.0, 1.0, None]), COVERAGE_CLASSES, "en",
                                           level)
    assert got.tolist() == [colours.COVERAGE_COLORS["pilot"],
                            colours.COVERAGE_COLORS["implementing"], colours.NO_DATA_COLOR]
    assert [row.label for row in legend] == [pilot, "Implementing (named in a source)",
                                             "Not named in the sources"]
    _, legend = colours.coverage_classes(pd.Series([1.0]), COVERAGE_CLASSES, "en", level)
    assert [row.label for row in legend] == ["Implementing (named in a source)",
                                             "Not named in the sources"]
