"""The Data page per role (AppTest): a viewer previews but cannot publish — not even by
sending the click of the Publish button the page draws disabled; an analyst signs in and
publishes, and is stopped at once (by the store) when disabled while the page still offers
Publish; a wrong password is told and signs nobody in; an open store (no accounts) lets
anyone publish; publishing reads the file again in the import worker, never in the server's
process, and a failed second reading says so and writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from app import auth, publishing
from p8lib import store as p8store
from p8lib.contract.i18n import t
from p8lib.ingest import ImportResult, Problem
from p8lib.store import batches as batches_module

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PASSWORD = "correct horse battery"
GOOD = (b"province_code,indicator_id,measure,period_start,period_end,value,unit,source_id\n"
        b"94,comm_groups,actual,2024,2024,77,groups,test_upload\n")


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    """A store of the test's own, and the app's caches emptied."""
    monkeypatch.setenv(p8store.URL_ENV, f"sqlite:///{tmp_path / 'p8.sqlite'}")
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield p8store.open_store()
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def accounts(fresh):
    for email, role in (("analyst@example.org", "analyst"), ("viewer@example.org", "viewer")):
        p8store.add_user(fresh, email, role, PASSWORD, actor="cli:test")
    return fresh


def data_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.switch_page("pages/data.py")
    return at.run()


def sign_in(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input(key=auth.EMAIL_KEY).input(email)
    at.text_input(key=auth.PASSWORD_KEY).input(password)
    return at.button(key="auth_submit").click().run()


def upload(at: AppTest) -> AppTest:
    return at.file_uploader(key="data_upload").upload("good.csv", GOOD, "text/csv").run()


def texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("caption", "error", "success", "info")
                     for e in getattr(at, kind))


def batches(store) -> list[int]:
    return p8store.history(store)[0]["id"].tolist()


def test_a_viewer_previews_but_cannot_publish_even_by_forcing_the_click(accounts):
    at = upload(data_page())
    assert not at.exception, [e.message for e in at.exception]
    assert t("sign_in_to_publish", "en") in texts(at)
    assert t("not_signed_in", "en") in texts(at)
    button = at.button(key="data_publish")
    assert button.disabled
    # A forged widget message: the click a browser does not send for a disabled button.
    button.proto.disabled = False
    button.click().run()
    assert t("published", "en", batch=2, n=1) not in texts(at)
    assert batches(accounts) == [1]


def test_a_user_disabled_while_the_page_offers_publish_is_refused_by_the_store(accounts):
    at = upload(sign_in(data_page(), "analyst@example.org", PASSWORD))
    assert not at.button(key="data_publish").disabled
    p8store.disable(accounts, "analyst@example.org", actor="cli:admin")
    at.button(key="data_publish").click().run()
    assert "analyst@example.org (viewer) may not publish" in texts(at)
    assert batches(accounts) == [1]


def test_an_analyst_signs_in_publishes_and_signs_out(accounts):
    at = sign_in(data_page(), "Analyst@Example.org", PASSWORD)
    assert t("signed_in_as", "en", email="analyst@example.org", role="analyst") in texts(at)
    kept = (at.session_state[auth.PASSWORD_KEY]  # noqa: SIM401 - AppTest state has no get
            if auth.PASSWORD_KEY in at.session_state else "")
    assert kept == ""  # the password is not kept in the session
    at = upload(at)
    assert not at.button(key="data_publish").disabled
    at.button(key="data_publish").click().run()
    assert t("published", "en", batch=2, n=1) in texts(at)
    assert p8store.history(accounts)[0].iloc[0]["created_by"] == "analyst@example.org"
    at.button(key="auth_sign_out").click().run()
    assert t("not_signed_in", "en") in texts(at)


def test_a_wrong_password_is_told_and_signs_nobody_in(accounts):
    at = sign_in(data_page(), "analyst@example.org", "not the password")
    assert t("signin_failed", "en") in texts(at)
    assert t("not_signed_in", "en") in texts(at)
    assert "_signed_in" not in at.session_state


def test_a_session_ends_after_its_hours(accounts):
    at = data_page()
    at.session_state["_signed_in"] = ("analyst@example.org",
                                      datetime.now(UTC) - timedelta(seconds=1))
    at.run()
    assert t("not_signed_in", "en") in texts(at)


def test_an_open_store_lets_anyone_publish(fresh):
    at = upload(data_page())
    assert t("open_store", "en") in texts(at)
    at.button(key="data_publish").click().run()
    assert t("published", "en", batch=2, n=1) in texts(at)


def test_publishing_reads_the_file_in_the_import_worker_not_in_the_server(fresh, monkeypatch):
    def parsed_here(*args, **kwargs):
        raise AssertionError("the report was parsed in the server's process")

    monkeypatch.setattr(batches_module, "import_report", parsed_here)
    at = upload(data_page())
    at.button(key="data_publish").click().run()
    assert t("published", "en", batch=2, n=1) in texts(at)
    assert len(batches(fresh)) == 2


def test_a_publish_whose_second_reading_fails_says_why_and_writes_nothing(fresh, monkeypatch):
    def busy(name, data, options=None):
        return ImportResult.refused(Problem("import_busy", file=name))

    at = upload(data_page())
    monkeypatch.setattr(publishing, "import_in_worker", busy)
    at.button(key="data_publish").click().run()
    assert (t("publish_not_read", "en") + " " + t("problem_import_busy", "en")
            in [e.value for e in at.error])
    assert len(batches(fresh)) == 1  # the shipped tables' batch only


def test_oidc_without_its_cookie_secret_says_so_on_every_page(fresh):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback",
                          "client_id": "x", "client_secret": "y",
                          "server_metadata_url": "http://127.0.0.1:1/.well-known/x"}
    at.query_params["lang"] = "en"
    at.run()
    assert t("oidc_no_cookie_secret", "en") in [e.value for e in at.error]


def test_an_admin_sees_the_account_changes(accounts):
    p8store.add_user(accounts, "admin@example.org", "admin", PASSWORD, actor="cli:test")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.switch_page("pages/history.py")
    at = sign_in(at.run(), "admin@example.org", PASSWORD)
    changes = [d.value for d in [*at.dataframe, *at.table] if "acted_by" in d.value.columns]
    assert len(changes) == 1 and set(changes[0]["acted_by"]) == {"cli:test"}
    assert "analyst@example.org" in set(changes[0]["email"])
