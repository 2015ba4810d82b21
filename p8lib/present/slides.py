"""Presenter mode as a talk: an ordered list of views (slides) and moving through it.

A slide is a page of the dashboard with the filters that make the view: the national
overview, the coverage map, each pilot province's profile, each headline indicator across
places. The year and content-area filters are the presenter's and stay as chosen. Slides are
numbered from 1 in the URL (``?present=1&slide=3``) so that a presenter can prepare a link.

Pure, no streamlit: :mod:`app.slides` draws the slide bar and follows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from p8lib.contract import t
from p8lib.present.labels import indicator_label, unit_name

# url_path of the pages a talk shows (as dashboard.py registers them).
OVERVIEW, MAP, PROVINCE, INDICATORS = "overview", "coverage_map", "province", "indicators"


@dataclass(frozen=True)
class Slide:
    """One view of a talk: a page (its url_path) and the province and indicator it shows."""

    page: str
    province: str | None = None
    indicator: str | None = None

    def name(self, lang: str, catalogue: pd.DataFrame) -> str:
        """What the slide shows, in ``lang``: "National overview", "Tỉnh Sóc Trăng", …"""
        if self.page == PROVINCE and self.province:
            return unit_name(self.province, lang)
        if self.page == INDICATORS and self.indicator:
            return indicator_label(catalogue, self.indicator, lang)
        return t("slide_map" if self.page == MAP else "slide_overview", lang)

    def heading(self, lang: str, catalogue: pd.DataFrame) -> str:
        """The title (h1) the slide's page shows: the dashboard's, the map page's, or the
        province's or indicator's name."""
        if self.page == OVERVIEW:
            return t("app_title", lang)
        if self.page == MAP:
            return t("page_map", lang)
        return self.name(lang, catalogue)


def talk(pilot_provinces: Sequence[str], indicators: Sequence[str]) -> list[Slide]:
    """The slides of a talk: national overview → map → each pilot province → each indicator.

    Parameters
    ----------
    pilot_provinces : sequence of str
        2021 codes of the provinces to show one by one, in the order given.
    indicators : sequence of str
        Indicator ids to show one by one across places, in the order given.

    Examples
    --------
    >>> [s.page for s in talk(["94"], ["comm_groups"])]
    ['overview', 'coverage_map', 'province', 'indicators']
    """
    return [Slide(OVERVIEW), Slide(MAP), *(Slide(PROVINCE, province=c) for c in pilot_provinces),
            *(Slide(INDICATORS, indicator=i) for i in indicators)]


def parse_slide(value: object, count: int) -> int | None:
    """The slide number of a URL value ("3"; 1-based) if it names one of ``count`` slides.

    >>> parse_slide("3", 10), parse_slide("0", 10), parse_slide("x", 10), parse_slide("11", 10)
    (3, None, None, None)
    """
    text = str(value).strip() if value is not None else ""
    number = int(text) if text.isdigit() else 0
    return number if 1 <= number <= count else None


def matching(slides: Sequence[Slide], page: str, province: str | None,
             indicator: str | None) -> int | None:
    """The number (1-based) of the slide that shows exactly this view, else None.

    The province counts only on the province page and the indicator only on the indicators
    page: the other pages do not follow them.
    """
    view = Slide(page, province if page == PROVINCE else None,
                 indicator if page == INDICATORS else None)
    for number, slide in enumerate(slides, start=1):
        if slide == view:
            return number
    return None


def neighbours(slides: Sequence[Slide], current: int | None, page: str) -> tuple[int | None,
                                                                                  int | None]:
    """The numbers of the slides before and after this view (None past either end).

    Parameters
    ----------
    slides : sequence of Slide
    current : int or None
        The slide shown (1-based), or None for a view that is no slide (presenter mode
        turned on over another province, say): it then sits just before the first slide of
        its page (or before the first slide, for a page with none).
    page : str
        The url_path of the page shown.

    Examples
    --------
    >>> s = talk(["04", "94"], [])
    >>> neighbours(s, 3, "province"), neighbours(s, None, "province"), neighbours(s, 1, "overview")
    ((2, 4), (2, 3), (None, 2))
    """
    if current is None:
        anchor = next((n for n, s in enumerate(slides, start=1) if s.page == page), 1)
        return (anchor - 1 or None), anchor
    before = current - 1 if current > 1 else None
    after = current + 1 if current < len(slides) else None
    return before, after
