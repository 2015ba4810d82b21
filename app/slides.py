"""Presenter mode as a talk: the slides in force, the bar that moves through them, and the
room a slide's chart has on a 1280×720 screen.

The router calls :func:`seed` once per session (a link ``?present=1&slide=3`` opens slide 3),
:func:`follow` after ``st.navigation`` (the slide in force decides the page) and :func:`bar`
before the page (previous / next buttons, the position, exit, and the keys → ← PageDown
PageUp Space). Streamlit has no key events: a small ``st.components.v2`` script (no network,
nothing drawn) listens to the keys and sends a step to Python.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, state
from p8lib.contract import t
from p8lib.maps import map_values
from p8lib.present import display
from p8lib.present import slides as talk

# Heights in px of what a slide draws below its title, found by measuring each slide in
# Chromium at 1280×720 (tests/browser/test_presenter.py checks that nothing ends below 720).
OVERVIEW_CHART = 250
PROVINCE_CHART = 500
INDICATOR_CHART = 520
MAP_HEIGHT = 340

_KEYS_JS = """
export default function (component) {
  const { setTriggerValue } = component;
  // Forward: → PageDown Space; back: ← PageUp (what slide clickers and presenters send).
  const steps = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };
  const onKey = (event) => {
    const by = steps[event.key];
    if (by === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.isContentEditable
                   || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    // No page scroll, and no click of a focused button by Space on top of the step.
    event.preventDefault();
    setTriggerValue("step", by);
  };
  document.addEventListener("keydown", onKey);
  // Says the keys are listened to (the browser tests wait for it after a slide change).
  document.documentElement.dataset.slideKeys = "on";
  return () => {
    document.removeEventListener("keydown", onKey);
    delete document.documentElement.dataset.slideKeys;
  };
}
"""
_keys = st.components.v2.component("p8_slide_keys", js=_KEYS_JS)
_KEYS = "slide_keys"


def talk_of(coverage: pd.DataFrame) -> list[talk.Slide]:
    """The talk of a coverage table: national overview → map → each VWU pilot province (in
    code order) → each headline indicator."""
    pilots = map_values.pilot_codes(coverage, "2021")
    return talk.talk(pilots, display.HEADLINE_INDICATORS)


@st.cache_data(show_spinner=False)
def slides() -> list[talk.Slide]:
    """The talk of the coverage in use (:func:`talk_of`)."""
    return talk_of(data.coverage())


def current() -> int | None:
    """The number (1-based) of the slide shown, or None (not presenting, or a view that is
    no slide of the talk)."""
    if not st.session_state.get("present"):
        return None
    return talk.parse_slide(st.session_state.get("slide"), len(slides()))


def go(number: int) -> None:
    """Show slide ``number``: its page follows (:func:`follow`), and its province and
    indicator become the filters (the year and content area stay). Safe in a callback."""
    slide = slides()[number - 1]
    state.hold_filters()  # the page switch that follows must not drop them
    st.session_state["slide"] = number
    st.session_state["province"] = slide.province
    st.session_state["indicator"] = slide.indicator


def seed() -> None:
    """On a session's first run: a slide named in the URL (``present=1&slide=3``) is shown,
    whatever filters the URL gives beside it; a slide that does not exist is dropped."""
    number = current()
    if number is None:
        st.session_state["slide"] = None
    else:
        go(number)


def follow(pages: dict[str, st.Page], shown: st.Page) -> str:
    """The name (``pages``' key: the url_path the page is registered with) of the page
    shown; first, switch to the page of the slide in force when another one is shown (a
    slide change, or a prepared link). Call after ``st.navigation``, before anything is
    drawn.

    Pages are told apart by identity: ``st.navigation`` returns one of the objects it was
    given, and the default page's ``url_path`` is "" whatever it was registered with.
    """
    number = current()
    if number is not None:
        wanted = pages[slides()[number - 1].page]
        if wanted is not shown:
            st.switch_page(wanted)
    return next(name for name, page in pages.items() if page is shown)


def _position(page: str) -> int | None:
    """The slide this view is: the one in force, else one that shows exactly this view."""
    number = current()
    if number is not None:
        return number
    f = state.current()
    return talk.matching(slides(), page, f["province"], f["indicator"])


def _stepped() -> None:
    """Callback of the keys: one step forward or back, if there is a slide there."""
    step = (st.session_state.get(_KEYS) or {}).get("step")
    if step:
        _step(1 if step > 0 else -1)


def _step(by: int) -> None:
    page = st.session_state.get("_slide_page", talk.OVERVIEW)
    before, after = talk.neighbours(slides(), _position(page), page)
    target = after if by > 0 else before
    if target is not None:
        go(target)


def bar(page: str, lang: str) -> None:
    """The slide bar at the top of a presenter view: previous, where we are, next, exit; and
    the keys. ``page`` is the url_path of the page shown."""
    st.session_state["_slide_page"] = page  # the callbacks of the next click need it
    talk_slides = slides()
    number = _position(page)
    before, after = talk.neighbours(talk_slides, number, page)
    # One line, never wrapped: a second line would push the slide below the fold.
    with st.container(key="slide_bar", horizontal=True, vertical_alignment="center",
                      wrap=False):
        st.button(t("slide_previous", lang), key="slide_previous", on_click=_step, args=(-1,),
                  disabled=before is None, help=t("slide_keys_previous", lang))
        st.button(t("slide_next", lang), key="slide_next", on_click=_step, args=(1,),
                  disabled=after is None, type="primary", help=t("slide_keys_next", lang))
        if number is not None:
            name = talk_slides[number - 1].name(lang, data.indicators())
            st.caption(t("slide_position", lang, n=number, total=len(talk_slides), name=name))
        st.space("stretch")
        st.button(t("exit_presenter", lang), key="exit_presenter", on_click=state.exit_presenter)
        _keys(key=_KEYS, on_step_change=_stepped, width=1, height=1)
