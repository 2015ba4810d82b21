"""What colour a unit gets on a map, and the legend that says why. Pure functions.

Three kinds of shading: attainment in percent (fixed classes: a quarter, a half, three
quarters, the target met), a result in its unit (classes from the values shown, rounded to
two significant digits, so that 0.4 groups per commune and 40 people per commune both
spread over the ramp), and coverage classes (:data:`p8lib.maps.map_values.COVERAGE_CLASSES`).
No data is grey and a reported zero near-white: never the same colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from p8lib.contract import check_lang, fmt_number, t
from p8lib.maps.deck_payload import Color
from p8lib.maps.map_text import coverage_word

NO_DATA_COLOR: Color = (205, 205, 205, 150)  # grey: visibly not a value
ZERO_COLOR: Color = (255, 247, 236, 230)  # near white with a warm tint: a real 0
RAMP: tuple[Color, ...] = (  # light to dark magenta, after the theme colour #b5004f
    (247, 182, 204, 230),  # light, yet plainly not the near-white of a zero on screen
    (240, 140, 175, 230),
    (214, 70, 130, 230),
    (181, 0, 79, 230),
    (110, 0, 50, 230),
)
ATTAINMENT_BREAKS = (25.0, 50.0, 75.0, 100.0)
COUNT_BREAKS = (2.0, 5.0, 10.0, 20.0)
# Coverage classes (least first) and their colours: not named in any source stays the
# no-data grey (it is no data, not "none"); implementing in the ramp's middle; pilots darkest.
COVERAGE_COLORS: dict[str, Color] = {
    "not_reported": NO_DATA_COLOR,
    "implementing": RAMP[1],
    "pilot": RAMP[3],
}


@dataclass(frozen=True)
class LegendRow:
    """One legend entry: a label and its RGBA colour; ``kind`` is fill, outline or point."""

    label: str
    color: Color
    kind: str = "fill"


def nice_breaks(values: pd.Series, classes: int = 5) -> tuple[float, ...]:
    """Class bounds for ``values`` above zero: quantiles rounded to two significant digits.

    Returns at most ``classes - 1`` increasing bounds (fewer when the values are few or
    alike). One value alone gets its own bound, rounded down: it is drawn in the class above
    the lightest, not in a pale one that reads as nothing; no value, no bounds.

    >>> nice_breaks(pd.Series([0.12, 0.31, 0.33, 0.5, 0.77, 1.9]))
    (0.31, 0.33, 0.5, 0.77)
    >>> nice_breaks(pd.Series([0.557]))
    (0.55,)
    """
    positive = pd.to_numeric(values, errors="coerce").dropna()
    positive = positive[positive > 0].to_numpy(float)
    if len(np.unique(positive)) < 2:
        return (_two_digits(float(positive[0]), down=True),) if len(positive) else ()
    quantiles = np.quantile(positive, np.linspace(0, 1, classes + 1)[1:-1])
    rounded = [_two_digits(float(q)) for q in quantiles]
    bounds = sorted({b for b in rounded if positive.min() < b <= positive.max()})
    return tuple(bounds)


def _two_digits(value: float, down: bool = False) -> float:
    if value <= 0:
        return 0.0
    digits = 1 - int(math.floor(math.log10(value)))
    if down:
        return math.floor(value * 10**digits) / 10**digits
    return round(value, digits)


def value_classes(
    values: pd.Series, breaks: Sequence[float], lang: str = "vi", percent: bool = False
) -> tuple[pd.Series, list[LegendRow]]:
    """Colour per value: no data, exactly zero, then one class per interval of ``breaks``.

    Parameters
    ----------
    values : Series
        Numbers (NaN = no data).
    breaks : sequence of float
        Increasing upper-exclusive bounds; ``len(breaks) + 1`` classes above zero (at most 5).
    lang : {"vi", "en"}
        Language of the legend labels.
    percent : bool
        Label classes with ``%``.

    Returns
    -------
    (Series of Color, list of LegendRow)
        Colours aligned with ``values`` and the legend, no-data row last.

    Raises
    ------
    ValueError
        More than ``len(RAMP) - 1`` breaks.

    Examples
    --------
    >>> colors, legend = value_classes(pd.Series([0.0, None, 30.0]), (25, 50), "en", True)
    >>> [row.label for row in legend]
    ['0%', '> 0–< 25%', '25–< 50%', '≥ 50%', 'No data']
    """
    lang = check_lang(lang)
    if len(breaks) + 1 > len(RAMP):
        raise ValueError(f"at most {len(RAMP) - 1} breaks, got {list(breaks)}")
    unit = "%" if percent else ""
    bounds = [0.0, *breaks]
    labels = [f"0{unit}"]
    for i, low in enumerate(bounds):
        high = bounds[i + 1] if i + 1 < len(bounds) else None
        if high is None:
            labels.append(f"> 0{unit}" if i == 0 else f"≥ {fmt_number(low, lang)}{unit}")
        elif i == 0:
            labels.append(f"> 0–< {fmt_number(high, lang)}{unit}")
        else:
            labels.append(f"{fmt_number(low, lang)}–< {fmt_number(high, lang)}{unit}")
    colors = [ZERO_COLOR, *RAMP[: len(bounds)]]
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(float)
    idx = np.searchsorted(np.asarray(breaks, float), numbers, side="right") + 1
    idx = np.where(numbers == 0, 0, idx)
    out = [NO_DATA_COLOR if math.isnan(v) else colors[i] for v, i in zip(numbers, idx, strict=True)]
    legend = [LegendRow(lab, col) for lab, col in zip(labels, colors, strict=True)]
    legend.append(LegendRow(t("no_data_map", lang), NO_DATA_COLOR))
    return pd.Series(out, index=values.index, dtype=object), legend


def coverage_classes(values: pd.Series, classes: Sequence[str], lang: str = "vi",
                     level: str = "province") -> tuple[pd.Series, list[LegendRow]]:
    """Colour per coverage class (``values``: the class's index in ``classes``; NaN = the
    sources name no role), and the legend of the classes drawn, least class last.

    >>> colors, legend = coverage_classes(pd.Series([2.0, None]),
    ...                                   ("not_reported", "implementing", "pilot"), "en")
    >>> [row.label for row in legend]
    ['Pilot province (VWU point-direction plan)', 'Not named in the sources']
    """
    lang = check_lang(lang)
    numbers = pd.to_numeric(values, errors="coerce").fillna(0).astype(int)
    out = [COVERAGE_COLORS[classes[i]] for i in numbers]
    # The classes drawn, and "not named" always: a class that colours nothing is not listed.
    shown = set(numbers) | {0}
    legend = [LegendRow(t(coverage_word(key, level), lang), COVERAGE_COLORS[key])
              for i, key in reversed(list(enumerate(classes))) if i in shown]
    return pd.Series(out, index=values.index, dtype=object), legend
