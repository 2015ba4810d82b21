"""A hostile upload in the browser: the 1.7 KB workbook whose one cell is at XFD1048576 (it
asked the Excel reader for 512 GB and killed the server) gets a message saying why, in the
page's language, and the server goes on answering other sessions."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from p8lib.contract.i18n import t
from tests.browser.helpers import open_app, save_screenshot, table_texts, upload, wait_idle
from tests.hostile_files import corpus

XFD = next(h for h in corpus() if h.name == "xfd1048576.xlsx")
WHY = {"vi": "quá nhiều cột: 16.384, tối đa 1.000", "en": "too many columns: 16,384, at most 1,000"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_far_cell_workbook_is_refused_and_the_server_answers_another_session(
        page, server, browser_context, lang):
    assert len(XFD.data) < 2_000
    open_app(page, f"{server.url}/data?lang={lang}", title=t("page_data", lang))
    upload(page, XFD.name, XFD.data)
    # The first upload to a fresh server may wait for the import worker to start.
    expect(page.get_by_role("heading", name=t("problems", lang))).to_be_visible(timeout=120_000)
    wait_idle(page)
    cells = table_texts(page, t("problems", lang), showing=XFD.name)
    assert any(WHY[lang] in cell for cell in cells), cells
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(t("has_errors", lang))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    save_screenshot(page, f"data-upload-xfd1048576-{lang}")

    other = browser_context.new_page()  # another user's session on the same server
    try:
        open_app(other, f"{server.url}/overview?lang={lang}", title=t("app_title", lang))
        expect(other.get_by_test_id("stException")).to_have_count(0)
    finally:
        other.close()
    assert server.process.poll() is None  # still running


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_report_with_bad_cells_says_where_every_cell_went(page, server, lang):
    digits = next(h for h in corpus() if h.name == "digits.csv")
    open_app(page, f"{server.url}/data?lang={lang}", title=t("page_data", lang))
    upload(page, digits.name, digits.data)
    expect(page.get_by_role("heading", name=t("problems", lang))).to_be_visible(timeout=120_000)
    wait_idle(page)
    accounting = {"vi": "15 ô có nội dung: 2 số liệu", "en": "15 non-empty cells read: 2 figures"}
    expect(page.get_by_test_id("stCaptionContainer").filter(
        has_text=accounting[lang])).to_have_count(1)
    cells = table_texts(page, t("problems", lang), showing=digits.name)
    assert any(("chữ số không phải 0–9" if lang == "vi" else "digits other than 0–9") in c
               for c in cells), cells
    save_screenshot(page, f"data-upload-bad-digits-{lang}")
