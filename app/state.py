"""The shared filter state: read from the URL once per session, kept in widget state, and
written back to the URL on every run so a link reproduces the view.

Widget keys are the URL keys (``province``, ``year``, ``content``, ``indicator``, ``lang``,
``present``; ``slide`` has no widget, :mod:`app.slides` keeps it). Streamlit's
``bind="query-params"`` is not used: it writes a selectbox's *formatted label* to the URL (a
language-dependent province name instead of its code).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from p8lib.analysis import filters
from p8lib.contract import N_, i18n

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "dashboard.py"
_READY = "_filters_ready"
_ROUTED = "_routed"


def init_from_url(provinces: set[str], years: set[int], indicators: set[str]) -> bool:
    """On a session's first run, seed the filter widgets from the URL query parameters.

    Returns True on that first run (when the URL was read), else False.
    """
    if st.session_state.get(_READY):
        return False
    parsed = filters.parse_filters(st.query_params.to_dict(), provinces=provinces, years=years,
                                   indicators=indicators)
    for key, value in parsed.items():
        st.session_state[key] = value
    st.session_state[_READY] = True
    return True


def keep_valid(key: str, options: list) -> None:
    """Reset a filter whose value is no longer among its options (before its widget exists)."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0] if options else None


def current() -> dict[str, object]:
    """The filters now in force."""
    values = {key: st.session_state.get(key) for key in filters.FILTER_KEYS}
    values["lang"] = i18n.check_lang(values["lang"])
    values["present"] = bool(values["present"])
    values["slide"] = values["slide"] if values["present"] else None
    return values


def lang() -> str:
    """The language now chosen ("vi" or "en")."""
    return i18n.check_lang(st.session_state.get("lang"))


def sync_url() -> None:
    """Write the filters to the URL, leaving out empty and default values."""
    wanted = filters.filters_to_params(current())
    for key in filters.FILTER_KEYS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


# Selectboxes whose options show a label in the language (a province's name, an area's, an
# indicator's, a measure's); the year shows a number, the same in both.
_WORDED_FILTERS = ("province", "content", "indicator", "data_measure")
# The shared filters that have a widget (``slide`` has none).
_WIDGET_FILTERS = ("province", "year", "content", "indicator", "lang", "present")


def _set_again(keys: tuple[str, ...]) -> None:
    """Set these filters' values again from the script (in a callback: before the widgets
    exist). Streamlit then holds them as the script's own values and sends them to the
    browser with the next run, instead of keeping what the browser last sent."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def language_changed() -> None:
    """Callback of the language switch: keep every filter across the switch.

    A selectbox's browser side holds its choice as the option's *label*, which the switch
    changes ("Tỉnh Sóc Trăng (94)" → "Sóc Trăng (94)"). Left alone, the next rerun (the next
    page link, say) sends the old label back, which matches no option, and the filter falls
    back to "all". Setting each value again from the script makes Streamlit send the browser
    the label in the new language with this run.
    """
    _set_again(_WORDED_FILTERS)


def hold_filters() -> None:
    """Callback step before the script switches pages (``st.switch_page``): keep every filter.

    A rerun that the script starts carries no widget values from the browser, and Streamlit
    then drops the values the browser had set (the language, presenter mode); values set by
    the script survive it.
    """
    _set_again(_WIDGET_FILTERS)


def exit_presenter() -> None:
    """Callback: leave presenter mode (the sidebar toggle is hidden while presenting)."""
    st.session_state["present"] = False
    st.session_state["slide"] = None


def presenter_toggled() -> None:
    """Callback of the presenter toggle: a talk starts from the view shown, not a slide."""
    st.session_state["slide"] = None


def choose_province(code: str | None) -> None:
    """Set the province filter from outside the sidebar (call from a widget callback)."""
    st.session_state["province"] = code


def filter_from(widget_key: str, filter_key: str) -> None:
    """Callback of a page's own picker: its value becomes the shared filter ``filter_key``
    (in the sidebar and the URL)."""
    st.session_state[filter_key] = st.session_state.get(widget_key)


def serve_default_page_at(url_path: str) -> None:
    """Let the default page answer at ``/<url_path>`` as well as at ``/``.

    Streamlit serves the default page only at the root URL: a link to ``/overview`` (its
    ``url_path``) shows a "Page not found" dialog and then runs the default page anyway.
    Asking for that path is turned into asking for the root instead. Call before
    ``st.navigation``.
    """
    ctx = get_script_run_ctx()
    manager = ctx.pages_manager if ctx is not None else None
    if (manager is not None and manager.intended_page_name == url_path
            and not manager.intended_page_script_hash):
        manager.set_script_intent("", "")


@contextmanager
def routed() -> Iterator[None]:
    """Mark the page run as going through the router (see :func:`require_router`)."""
    st.session_state[_ROUTED] = True
    try:
        yield
    finally:
        st.session_state[_ROUTED] = False


def require_router() -> None:
    """Run the router instead when a page is executed without it.

    With a folder named ``pages/``, the first request to a page URL on a fresh server (and
    every AppTest run) uses Streamlit's legacy folder routing, which runs the page file
    alone: no page config, no sidebar, no filters. The run is then restarted through the
    router, whose ``st.navigation`` picks this same page.
    """
    if st.session_state.get(_ROUTED):
        return
    # What the first st.navigation call does: leave folder routing for this process; the
    # rerun then goes through the router, which resolves the same page.
    from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415

    PagesManager.uses_pages_directory = False
    st.rerun()


# --- The coverage map's own state: its controls, the province drilled into, clicks ---------
# Widget key → URL key and default. The URL holds a value only when it is not the default.
MAP_CONTROLS = {"map_vintage": ("vintage", "2021"), "map_measure": ("measure", "attainment"),
                "map_level": ("level", "commune")}
MAP_OPTIONS = {"map_vintage": ("2021", "2025"), "map_measure": ("attainment", "value", "coverage"),
               "map_level": ("commune", "district")}
# Their words on the map page: the messages ``vintage_<vintage>``, ``map_level_<level>``.
_MAP_OPTION_NAMES = (N_("vintage_2021"), N_("vintage_2025"), N_("map_level_commune"),
                     N_("map_level_district"))
_SAVED = "_map_saved"  # the controls' last values: widget state is dropped on other pages
_PROVINCE_2025 = "_map_province_2025"  # a 2025 province chosen on the map
_PROVINCE_2025_URL = "province_2025"
_LEVEL_FOR = "_map_level_for"  # the province whose level the level control was set for
# The map's element (app/deck_map.py): one for every view, so one WebGL context.
MAP_ELEMENT = "map_deck"


def init_map_controls() -> None:
    """Before the map's controls exist: give each its value from the URL (a link just
    opened), else the value it had when the page was last shown, else its default."""
    saved = st.session_state.setdefault(_SAVED, {})
    for key, (param, default) in MAP_CONTROLS.items():
        if key in st.session_state:
            continue
        wanted = st.query_params.get(param)
        st.session_state[key] = (wanted if wanted in MAP_OPTIONS[key]
                                 else saved.get(key, default))
    if _PROVINCE_2025 not in st.session_state:
        code = st.query_params.get(_PROVINCE_2025_URL)
        st.session_state[_PROVINCE_2025] = code if code and code.isdigit() else None


def sync_map_url() -> None:
    """Remember the map's controls and write them to the URL (defaults left out), with a
    2025 province chosen on the map."""
    saved = st.session_state.setdefault(_SAVED, {})
    wanted = {}
    for key, (param, default) in MAP_CONTROLS.items():
        value = st.session_state.get(key, default)
        saved[key] = value
        if value != default:
            wanted[param] = value
    chosen = st.session_state.get(_PROVINCE_2025)
    if chosen and st.session_state.get("map_vintage") == "2025" and not st.session_state.get(
            "province"):
        wanted[_PROVINCE_2025_URL] = chosen
    for param in [*(p for p, _ in MAP_CONTROLS.values()), _PROVINCE_2025_URL]:
        if param in wanted and st.query_params.get(param) != wanted[param]:
            st.query_params[param] = wanted[param]
        elif param not in wanted and param in st.query_params:
            del st.query_params[param]


def map_province(vintage: str, new_of: dict[str, str]) -> str | None:
    """The province the map is drilled into, as a code of ``vintage``: the province filter
    (its 2025 province on a 2025 map, ``new_of``: 2021 → 2025 code), else a 2025 province
    clicked on the 2025 map."""
    province = st.session_state.get("province")
    if province:
        st.session_state[_PROVINCE_2025] = None  # the filter wins over an earlier click
        return province if vintage == "2021" else new_of.get(province)
    return st.session_state.get(_PROVINCE_2025) if vintage == "2025" else None


def set_level_for(province: str, level: str) -> None:
    """On entering a province's drill-down, show ``level`` (the one with figures); the
    user's own choice holds while the province stays the same."""
    if st.session_state.get(_LEVEL_FOR) != province:
        st.session_state[_LEVEL_FOR] = province
        st.session_state["map_level"] = level


def map_selected(view: str, vintage: str, national: bool,
                 new_of: dict[str, str] | None = None) -> None:
    """Callback of the map: a province clicked on the national map is drilled into.

    On the 2021 map it becomes the province filter. A 2025 province spans several 2021 ones,
    which the filter cannot name: it is held apart (and the filter cleared unless the filtered
    province is inside it), so the page names, zooms into and highlights the same province.
    A click in a drill-down only selects the unit (the page names it). ``view``: the map the
    click was made on (:attr:`app.maps.MapPage.key`); ``new_of``: 2021 → 2025 province code.
    """
    if not national:
        return
    code = next(iter(selected_codes(view).values()), None)
    if code is None:
        return
    if vintage == "2021":
        st.session_state["province"] = code
        return
    st.session_state[_PROVINCE_2025] = code
    if (new_of or {}).get(st.session_state.get("province")) != code:
        st.session_state["province"] = None


def selected_codes(view: str) -> dict[str, str]:
    """Layer id → the ``code`` of the object selected in it on the map ``view``
    (:attr:`app.maps.MapPage.key`). The map is one element (:data:`MAP_ELEMENT`) whichever
    view it shows: a selection made on another view (the province clicked on the national
    map, a commune of another province) is not this view's."""
    selection = (st.session_state.get(MAP_ELEMENT) or {}).get("selection") or {}
    if selection.get("view") != view:
        return {}
    out = {}
    for layer, objects in (selection.get("objects") or {}).items():
        for obj in objects:
            code = (obj.get("properties") or obj).get("code")
            if code:
                out[layer] = str(code)
                break
    return out


def back_to_national() -> None:
    """Callback: leave a province's drill-down for the whole country."""
    st.session_state["province"] = None
    st.session_state[_PROVINCE_2025] = None
