"""The peer of ``bench/bench_slides.py``'s map slide: a bare Streamlit page whose button
switches between a line of text and one pydeck chart of the same provinces as the
dashboard's map (``bench/bare_deck.py``). What mounting a deck in an open page costs on this
machine, with nothing of the dashboard around it. Run: ``streamlit run bench/bare_slide_app.py``.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bare_deck import provinces_deck  # noqa: E402


def switch() -> None:
    st.session_state["map"] = not st.session_state.get("map", False)


st.button("next", key="next", on_click=switch)
if st.session_state.get("map"):
    st.title("map")
    st.pydeck_chart(provinces_deck(), height=440)
else:
    st.title("text")
