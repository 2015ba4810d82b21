"""Presenter mode as a talk, through AppTest: the slide in the URL opens its view, the
buttons step through the talk, exit leaves it. The keys are tested in the browser
(tests/browser/test_presenter.py): AppTest runs no JavaScript."""

from __future__ import annotations

import pytest

from app import slides
from p8lib.present import display
from tests.app.helpers import clear_caches, navigation_routing, run, texts  # noqa: F401

# The shipped coverage's pilot provinces, in code order (their slides are 3–10).
PILOTS = ["04", "12", "19", "38", "44", "64", "70", "94"]


def titles(at) -> list[str]:
    return [t.value for t in at.title]


def test_the_talk_is_overview_map_pilots_indicators():
    talk = slides.slides()
    assert [s.page for s in talk[:2]] == ["overview", "coverage_map"]
    assert [s.province for s in talk[2:10]] == PILOTS
    assert [s.indicator for s in talk[10:]] == list(display.HEADLINE_INDICATORS)


@pytest.mark.parametrize(("slide", "page_title", "province", "indicator"), [
    ("1", "Dự án 8 — Bình đẳng giới", None, None),
    ("3", "Tỉnh Cao Bằng", "04", None),
    ("10", "Tỉnh Sóc Trăng", "94", None),
    ("11", "Tổ truyền thông cộng đồng", None, "comm_groups"),
])
def test_a_slide_in_the_url_opens_its_view_whatever_page_and_filters_it_names(
        slide, page_title, province, indicator):
    # A prepared link: any page, filters that the slide overrides, the year kept.
    at = run("pages/sources.py", present="1", slide=slide, province="10", year="2023")
    assert not at.exception, [e.message for e in at.exception]
    assert titles(at) == [page_title]
    assert at.session_state["province"] == province
    assert at.session_state["indicator"] == indicator
    assert at.session_state["year"] == 2023
    assert at.query_params["slide"] in (slide, [slide])


def test_next_and_previous_step_through_the_talk():
    at = run("pages/overview.py", present="1", slide="2", lang="en")
    assert at.button(key="slide_previous").disabled is False
    at.button(key="slide_next").click().run()
    assert not at.exception
    assert titles(at) == ["Cao Bằng"] and at.session_state["slide"] == 3
    at.button(key="slide_previous").click().run()
    at.button(key="slide_previous").click().run()
    assert at.session_state["slide"] == 1
    assert at.button(key="slide_previous").disabled is True  # nothing before the first


def test_the_last_slide_has_no_next():
    last = str(len(slides.slides()))
    at = run("pages/overview.py", present="1", slide=last)
    assert at.button(key="slide_next").disabled is True


def test_presenter_mode_over_a_view_that_is_no_slide_steps_to_its_pages_slides():
    # Lào Cai is no pilot province: the next slide is the first province slide.
    at = run("pages/province.py", present="1", province="10", lang="en")
    assert titles(at) == ["Lào Cai"] and at.session_state["slide"] is None
    at.button(key="slide_next").click().run()
    assert titles(at) == ["Cao Bằng"] and at.session_state["slide"] == 3


def test_leaving_presenter_mode_drops_the_slide_and_keeps_the_view():
    at = run("pages/overview.py", present="1", slide="10")
    at.button(key="exit_presenter").click().run()
    assert not at.exception
    assert "present" not in at.query_params and "slide" not in at.query_params
    assert at.session_state["province"] == "94"  # the slide's province stays chosen


@pytest.mark.parametrize(("page", "note"), [("pages/province.py", "next slide"),
                                            ("pages/indicators.py", "Choose an indicator here")])
def test_a_page_presenting_without_its_choice_does_not_send_to_the_sidebar(page, note):
    shown = texts(run(page, present="1", lang="en"))
    assert "sidebar" not in shown and note in shown


def test_an_unknown_slide_is_dropped():
    at = run("pages/indicators.py", present="1", slide="99", indicator="comm_groups")
    assert not at.exception
    assert "slide" not in at.query_params
    assert at.session_state["indicator"] == "comm_groups"
