"""The Data page with hostile uploads (AppTest): each gets a message in the page's language
and no exception; the accounting of a readable file is shown; nothing is offered for use.

The uploads go through the import worker process, as on a served page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from p8lib.contract.i18n import t
from p8lib.ingest import worker
from tests.hostile_files import corpus

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
HOSTILE = {h.name: h for h in corpus()}
# What each file's message says, in each language (written here, not taken from the code).
EXPECTED = {
    "xfd1048576.xlsx": {"vi": "quá nhiều cột: 16.384", "en": "too many columns: 16,384"},
    "nul-early.csv": {"vi": "không phải văn bản CSV", "en": "not a text CSV file"},
    "digits.csv": {"vi": "chữ số không phải 0–9", "en": "digits other than 0–9"},
    "uncached-hyperlink.xlsx": {"vi": "có công thức nhưng không có giá trị đã lưu",
                                "en": "holds a formula without a saved value"},
}
ACCOUNTING = {"vi": "ô có nội dung", "en": "non-empty cells read"}
REFUSED = {"xfd1048576.xlsx", "nul-early.csv"}  # before a cell is read: nothing to account


@pytest.fixture(scope="module", autouse=True)
def warm_worker():
    worker.warm()  # the fork server's start is not what these tests time out on


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def upload(name: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page("pages/data.py")
    at.run()
    at.file_uploader(key="data_upload").upload(name, HOSTILE[name].data,
                                               "application/octet-stream").run()
    return at


def messages(at: AppTest, lang: str) -> list[str]:
    column = t("message", lang)
    return [m for frame in [*at.dataframe, *at.table] if column in frame.value.columns
            for m in frame.value[column]]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_hostile_upload_gets_its_message_in_the_page_language(name, lang):
    at = upload(name, lang)
    assert not at.exception, [e.message for e in at.exception]
    found = messages(at, lang)
    assert any(EXPECTED[name][lang] in m for m in found), found
    assert t("has_errors", lang) in [e.value for e in at.error]
    assert not [b for b in at.button if b.key == "data_use"]
    # The accounting of a file that was read; none for one refused before parsing.
    accounted = any(ACCOUNTING[lang] in c.value for c in at.caption)
    assert accounted is (name not in REFUSED), [c.value for c in at.caption]
