"""Both ways to sign in, in the browser: built-in accounts (a wrong password is told and
opens no session; an analyst publishes; a viewer gets no Publish, and a click forced on the
disabled button publishes nothing) and OIDC through Streamlit's own ``st.login``, against a
provider this test starts on 127.0.0.1 (tests/support/oidc.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from p8lib import store as p8store
from p8lib.contract.i18n import t
from tests.browser.helpers import open_app, save_screenshot, upload, wait_idle
from tests.browser.server import StreamlitServer
from tests.reports import wide_xlsx
from tests.support.oidc import oidc_provider, secrets_toml

PASSWORD = "correct horse battery"
ANALYST, VIEWER = "analyst@example.org", "viewer@example.org"


def store_with_users(folder, passwords: bool = True) -> p8store.Store:
    store = p8store.open_store(f"sqlite:///{folder / 'p8.sqlite'}")
    for email, role in ((ANALYST, "analyst"), (VIEWER, "viewer")):
        p8store.add_user(store, email, role, PASSWORD if passwords else None, actor="cli:test")
    return store


@pytest.fixture(scope="module")
def accounts(tmp_path_factory) -> Iterator[tuple[StreamlitServer, p8store.Store]]:
    store = store_with_users(tmp_path_factory.mktemp("signin"))
    running = StreamlitServer(env={p8store.URL_ENV: store.url}).start()
    try:
        yield running.wait_healthy(), store
    finally:
        running.stop()


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def sign_in(page: Page, email: str, password: str) -> None:
    sidebar(page).get_by_text(t("sign_in", "en"), exact=True).first.click()
    sidebar(page).get_by_label(t("email", "en")).fill(email)
    sidebar(page).get_by_label(t("password", "en"), exact=True).fill(password)
    sidebar(page).get_by_role("button", name=t("sign_in", "en"), exact=True).click()
    wait_idle(page)


def publish_button(page: Page):
    return page.get_by_role("button", name=t("publish", "en"), exact=True)


def upload_report(page: Page, name: str) -> None:
    upload(page, name, wide_xlsx())
    expect(page.get_by_role("heading", name=t("publish", "en"))).to_be_visible()
    wait_idle(page)


def test_a_wrong_password_is_told_and_opens_no_session(page, accounts):
    server, _ = accounts
    open_app(page, f"{server.url}/data?lang=en", title=t("page_data", "en"))
    sign_in(page, ANALYST, "not the password")
    expect(sidebar(page).get_by_text(t("signin_failed", "en"))).to_be_visible()
    expect(sidebar(page).get_by_text(t("not_signed_in", "en"))).to_be_visible()
    expect(page.get_by_text(PASSWORD)).to_have_count(0)
    save_screenshot(page, "signin-wrong-password-en")


def test_an_analyst_signs_in_and_publishes(page, accounts):
    server, store = accounts
    open_app(page, f"{server.url}/data?lang=en", title=t("page_data", "en"))
    sign_in(page, ANALYST, PASSWORD)
    expect(sidebar(page).get_by_text(t("signed_in_as", "en", email=ANALYST, role="analyst"))
           ).to_be_visible()
    upload_report(page, "analyst_report.xlsx")
    publish_button(page).click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(
        has_text=re.compile(r"^Published batch \d+: 9 figures"))).to_be_visible()
    assert p8store.history(store)[0].iloc[0]["created_by"] == ANALYST
    save_screenshot(page, "signin-analyst-published-en")
    sidebar(page).get_by_role("button", name=t("sign_out", "en")).click()
    wait_idle(page)
    expect(sidebar(page).get_by_text(t("not_signed_in", "en"))).to_be_visible()


def test_a_viewer_gets_no_publish_and_a_forced_click_publishes_nothing(page, accounts):
    server, store = accounts
    before = p8store.history(store)[0]["id"].tolist()
    open_app(page, f"{server.url}/data?lang=en", title=t("page_data", "en"))
    sign_in(page, VIEWER, PASSWORD)
    upload_report(page, "viewer_report.xlsx")
    expect(page.get_by_text(t("sign_in_to_publish", "en"))).to_be_visible()
    expect(publish_button(page)).to_be_disabled()
    save_screenshot(page, "signin-viewer-en")
    # A forged click: the button re-enabled in the page, then clicked.
    publish_button(page).evaluate("b => b.removeAttribute('disabled')")
    publish_button(page).click(force=True)
    page.wait_for_timeout(1000)
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentSuccess").filter(
        has_text="Published")).to_have_count(0)
    assert p8store.history(store)[0]["id"].tolist() == before


def test_oidc_sign_in_runs_streamlits_real_redirect_flow(page, tmp_path, recorder):
    store = store_with_users(tmp_path, passwords=False)
    with oidc_provider(email=ANALYST) as provider:
        server = StreamlitServer(env={p8store.URL_ENV: store.url},
                                 args=("--secrets.files", str(tmp_path / "secrets.toml")))
        (tmp_path / "secrets.toml").write_text(secrets_toml(provider, server.url))
        server.start()
        try:
            server.wait_healthy()
            open_app(page, f"{server.url}/data?lang=en", title=t("page_data", "en"))
            sidebar(page).get_by_role("button", name=t("sign_in", "en")).click()
            # To the provider and back (/oauth2callback), then to the app's root.
            page.wait_for_url(f"{server.url}/", timeout=30_000)
            wait_idle(page)
            open_app(page, f"{server.url}/data?lang=en", title=t("page_data", "en"))
            expect(sidebar(page).get_by_text(
                t("signed_in_as", "en", email=ANALYST, role="analyst"))).to_be_visible()
            assert {"/authorize", "/token"} <= set(provider.asked)
            upload_report(page, "oidc_report.xlsx")
            publish_button(page).click()
            expect(page.get_by_test_id("stAlertContentSuccess").filter(
                has_text=re.compile(r"^Published batch 2: 9 figures"))).to_be_visible()
            save_screenshot(page, "signin-oidc-published-en")
            sidebar(page).get_by_role("button", name=t("sign_out", "en")).click()
            # Streamlit sends the browser to /auth/logout, which clears the cookie and
            # redirects to the app's root; only then is the sign-out done.
            page.wait_for_url(f"{server.url}/", timeout=30_000)
            wait_idle(page)
            open_app(page, f"{server.url}/data?lang=en", title=t("page_data", "en"))
            expect(sidebar(page).get_by_role("button", name=t("sign_in", "en"))).to_be_visible()
        finally:
            server.stop()
    assert p8store.history(store)[0].iloc[0]["created_by"] == ANALYST
