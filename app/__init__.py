"""App-side helpers of the dashboard (they import streamlit, so they are not in p8lib)."""
