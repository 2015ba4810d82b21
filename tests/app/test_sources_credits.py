"""The Sources page credits the map boundaries (issue #16), in both languages."""

from __future__ import annotations

import pytest

from p8lib.contract.i18n import t
from tests.app.test_app import clear_caches, navigation_routing, run  # noqa: F401 - fixtures


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sources_page_shows_the_boundary_credits(lang):
    at = run("pages/sources.py", lang=lang)
    assert not at.exception
    assert t("boundary_credits", lang) in [h.value for h in at.subheader]
    frames = [df.value for df in [*at.dataframe, *at.table]]
    (credits,) = [f for f in frames if t("licence", lang) in f.columns]
    assert credits[t("licence", lang)].tolist() == ["GPL-3.0", "MIT", "MIT", "public domain"]
    keys = {b.key for b in at.get("download_button")}
    assert {"sources_boundaries_csv", "sources_boundaries_xlsx"} <= keys
