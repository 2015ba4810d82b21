"""Who is using this session, and what they may do: sign-in, sign-out, the sidebar lines.

Two ways to sign in, chosen by configuration:

* **OIDC** when ``.streamlit/secrets.toml`` has an ``[auth]`` section: Streamlit's own
  ``st.login`` / ``st.user`` / ``st.logout`` (Google, Microsoft Entra, Keycloak, Auth0…);
  the role is looked up by the signed-in e-mail in the store's users;
* **built-in accounts** otherwise: the store's users and their argon2id hashes, a sign-in
  form, a session that ends after :data:`SESSION_HOURS` hours (or at sign-out).

The page only asks :func:`may_write` to decide what to draw; the decision that counts is
made by the store, which checks the acting user (:func:`actor`) in each of its writes. No
password is kept: the form's field is emptied in the callback that checks it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import cache

import streamlit as st

from app import data
from p8lib import store as p8store
from p8lib.contract import t

ANONYMOUS = "app:anonymous"
SESSION_HOURS = 8
_SIGNED_IN = "_signed_in"  # (e-mail, UTC time the session ends)
_FAILED = "_signin_failed"
EMAIL_KEY, PASSWORD_KEY = "signin_email", "signin_password"
_log = logging.getLogger(__name__)


def _auth_section() -> dict:
    try:
        return dict(st.secrets.get("auth", {}))
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


def uses_oidc() -> bool:
    """True when ``[auth]`` is configured: sign-in goes through the identity provider."""
    return bool(_auth_section())


def config_problem() -> str | None:
    """What is wrong with the sign-in configuration (None: nothing): OIDC on without its
    cookie secret, which ``st.login`` needs to sign the session cookie."""
    section = _auth_section()
    if section and not str(section.get("cookie_secret", "")).strip():
        return t("oidc_no_cookie_secret", "en")
    return None


@cache
def report_config_problem() -> None:
    """Once per process: log the configuration problem (the server's start-up message)."""
    problem = config_problem()
    if problem:
        _log.error(problem)


def email() -> str | None:
    """The signed-in user's e-mail (None: nobody, or the session has ended)."""
    if uses_oidc():
        return str(st.user.email).lower() if st.user.is_logged_in and st.user.email else None
    entry = st.session_state.get(_SIGNED_IN)
    if entry is None:
        return None
    if entry[1] <= datetime.now(UTC):
        st.session_state.pop(_SIGNED_IN, None)
        return None
    return entry[0]


def actor() -> str:
    """The acting user of this session's writes: the signed-in e-mail, else anonymous."""
    return email() or ANONYMOUS


def role() -> str:
    """The signed-in user's role, read from the store now (``viewer`` when signed out)."""
    return p8store.role(data.store(), email())


def may_write() -> bool:
    """True when this session's user may publish, withdraw and restore: an analyst or
    admin, or anyone while the store has no accounts (what to draw; the store decides)."""
    return not p8store.accounts_exist(data.store()) or role() in (p8store.ANALYST,
                                                                   p8store.ADMIN)


def _sign_in() -> None:
    """Callback of the sign-in form: check the password, then forget it."""
    typed, password = st.session_state.get(EMAIL_KEY, ""), st.session_state.get(PASSWORD_KEY, "")
    st.session_state[PASSWORD_KEY] = ""
    try:
        signed = p8store.sign_in(data.store(), typed, password)
    except p8store.StoreError as exc:
        st.session_state[_FAILED] = (exc.key, exc.params)
        return
    st.session_state.pop(_FAILED, None)
    st.session_state[_SIGNED_IN] = (signed.email,
                                    datetime.now(UTC) + timedelta(hours=SESSION_HOURS))


def _sign_out() -> None:
    st.session_state.pop(_SIGNED_IN, None)


def sidebar(lang: str) -> None:
    """The sidebar's lines about who is signed in: the user and role with sign-out, or the
    sign-in (the form, or the identity provider's button)."""
    report_config_problem()
    problem = config_problem()
    if problem:
        st.error(t("oidc_no_cookie_secret", lang))
        return
    who = email()
    if who:
        st.caption(t("signed_in_as", lang, email=who, role=t(f"role_{role()}", lang)))
        if uses_oidc():
            if st.button(t("sign_out", lang), key="auth_sign_out"):
                st.logout()
        else:
            st.button(t("sign_out", lang), key="auth_sign_out", on_click=_sign_out)
        return
    if not p8store.accounts_exist(data.store()):
        st.caption(t("open_store", lang))
        return
    st.caption(t("not_signed_in", lang))
    if uses_oidc():
        if st.button(t("sign_in", lang), key="auth_sign_in"):
            st.login()
        return
    with st.expander(t("sign_in", lang), expanded=_FAILED in st.session_state):
        with st.form("auth_form", border=False):
            st.text_input(t("email", lang), key=EMAIL_KEY)
            st.text_input(t("password", lang), type="password", key=PASSWORD_KEY)
            st.form_submit_button(t("sign_in", lang), key="auth_submit", on_click=_sign_in)
        failed = st.session_state.get(_FAILED)
        if failed:
            st.error(t(failed[0], lang, **failed[1]))
