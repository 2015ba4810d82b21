"""Presenter mode's talk: the slides in order, their numbers in the URL, moving through them."""

from __future__ import annotations

import pytest

from p8lib.present import slides
from p8lib.present.slides import INDICATORS, MAP, OVERVIEW, PROVINCE, Slide

TALK = slides.talk(["04", "94"], ["comm_groups", "trusted_addresses"])


def test_the_talk_goes_national_map_provinces_indicators():
    assert [Slide(OVERVIEW), Slide(MAP), Slide(PROVINCE, province="04"),
                    Slide(PROVINCE, province="94"), Slide(INDICATORS, indicator="comm_groups"),
                    Slide(INDICATORS, indicator="trusted_addresses")] == TALK


@pytest.mark.parametrize(("value", "number"), [
    ("1", 1), ("6", 6), (" 3 ", 3), (4, 4),
    ("0", None), ("7", None), ("-1", None), ("x", None), ("", None), (None, None),
])
def test_parse_slide_keeps_only_a_slide_of_the_talk(value, number):
    assert slides.parse_slide(value, len(TALK)) == number


@pytest.mark.parametrize(("page", "province", "indicator", "number"), [
    (OVERVIEW, None, None, 1),
    (OVERVIEW, "94", "comm_groups", 1),  # the overview slide is the country's: filters aside
    (MAP, "94", None, 2),
    (PROVINCE, "94", "comm_groups", 4),  # a province page follows the province only
    (PROVINCE, "10", None, None),        # not a pilot province: no slide
    (INDICATORS, None, "trusted_addresses", 6),
    (INDICATORS, "94", "comm_groups", 5),
    ("sources", None, None, None),
])
def test_matching_finds_the_slide_that_shows_this_view(page, province, indicator, number):
    assert slides.matching(TALK, page, province, indicator) == number


@pytest.mark.parametrize(("current", "page", "around"), [
    (1, OVERVIEW, (None, 2)),
    (3, PROVINCE, (2, 4)),
    (6, INDICATORS, (5, None)),
    # A view that is no slide sits before its page's first slide.
    (None, PROVINCE, (2, 3)),
    (None, INDICATORS, (4, 5)),
    (None, "sources", (None, 1)),
])
def test_neighbours(current, page, around):
    assert slides.neighbours(TALK, current, page) == around


@pytest.mark.parametrize(("slide", "lang", "name", "heading"), [
    (Slide(OVERVIEW), "en", "National overview", "Project 8 — Gender equality"),
    (Slide(MAP), "vi", "Bản đồ phạm vi", "Bản đồ phạm vi"),
    (Slide(PROVINCE, province="94"), "vi", "Tỉnh Sóc Trăng", "Tỉnh Sóc Trăng"),
    (Slide(PROVINCE, province="94"), "en", "Sóc Trăng", "Sóc Trăng"),
    (Slide(INDICATORS, indicator="comm_groups"), "en", "Community communication groups",
     "Community communication groups"),
])
def test_a_slide_says_what_it_shows(indicator_catalogue, slide, lang, name, heading):
    assert slide.name(lang, indicator_catalogue) == name
    assert slide.heading(lang, indicator_catalogue) == heading
