"""The app side of publishing and of the history: callbacks that write to the store, and
the batch and event tables as people read them.

Callbacks run before the rerun they trigger, so that rerun's :func:`app.data.refresh_store_state`
already sees the new version. What a write answered is kept in the session (``_published``)
and shown once by :func:`show_outcome`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import auth, data
from p8lib import store as p8store
from p8lib.contract import N_, i18n, t
from p8lib.ingest import ImportOptions, Problem, import_in_worker

_OUTCOME = "_store_outcome"


def _answer(kind: str, text_key: str, problems: tuple[Problem, ...] = (),
            **params: object) -> None:
    st.session_state[_OUTCOME] = (kind, text_key, params, problems)


def _refused(exc: p8store.StoreError) -> None:
    _answer("error", exc.key, **exc.params)


def publish_upload(name: str, payload: bytes, options: ImportOptions, note_key: str,
                   replaces_key: str) -> None:
    """Callback: publish the uploaded file as a batch (the store imports it again, in the
    import worker like the preview, and checks the acting user)."""
    note = (st.session_state.get(note_key) or "").strip() or None
    try:
        done = p8store.publish(data.store(), name, payload, options, actor=auth.actor(),
                               note=note, replaces=st.session_state.get(replaces_key),
                               importer=import_in_worker)
    except p8store.StoreError as exc:
        _refused(exc)
        return
    if done.ok:
        _answer("success", N_("published"), batch=done.batch_id, n=done.figures)
    else:  # the preview had none: the second reading failed (worker busy, crashed, timed out)
        _answer("error", N_("publish_not_read"),
                tuple(p for p in done.problems if p.severity == "error"))


def publish_shipped() -> None:
    """Callback: publish the tables shipped with the app as a new batch."""
    try:
        batch = p8store.publish_shipped(data.store(), actor=auth.actor())
    except p8store.StoreError as exc:
        _refused(exc)
        return
    _answer("success", N_("published"), batch=batch, n=len(p8store.batch_figures(data.store(),
                                                                             batch)))


def withdraw(batch_key: str, reason_key: str) -> None:
    """Callback: withdraw the chosen batch with the reason typed."""
    batch = st.session_state.get(batch_key)
    try:
        p8store.withdraw(data.store(), batch, actor=auth.actor(),
                         reason=st.session_state.get(reason_key) or "")
    except p8store.StoreError as exc:
        _refused(exc)
        return
    _answer("success", N_("withdrawn_done"), batch=batch)


def restore(batch_key: str) -> None:
    """Callback: restore the chosen batch."""
    batch = st.session_state.get(batch_key)
    try:
        p8store.restore(data.store(), batch, actor=auth.actor())
    except p8store.StoreError as exc:
        _refused(exc)
        return
    _answer("success", N_("restored_done"), batch=batch)


def show_outcome(lang: str) -> None:
    """Show (once) what the last write of this session answered."""
    outcome = st.session_state.pop(_OUTCOME, None)
    if outcome is None:
        return
    kind, key, params, problems = outcome
    text = " ".join([t(key, lang, **params), *(p.text(lang) for p in problems)])
    (st.success if kind == "success" else st.error)(text)


@st.cache_data(show_spinner=False, max_entries=4)
def _history(url: str, version: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    del version  # the cache key only
    return p8store.history(data.store())


def history() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(batches, events) of the store at this run's version (:func:`p8lib.store.history`)."""
    return _history(data.store().url, data.store_state().version)


def active_batches() -> list[int]:
    """Ids of the active batches, newest first."""
    batches, _ = history()
    return batches.loc[batches["status"] == p8store.ACTIVE, "id"].tolist()


def batch_table(batches: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The batches as the History page shows them: who, when, what, in ``lang``."""
    return pd.DataFrame({
        t("batch", lang): batches["id"],
        t("status", lang): [t(f"status_{s}", lang) for s in batches["status"]],
        t("file", lang): batches["file_name"],
        t("figures_count", lang): batches["figures"],
        t("who", lang): batches["created_by"],
        t("when", lang): [i18n.fmt_datetime(w, lang) for w in batches["created_at"]],
        t("publish_note", lang): batches["note"],
        t("publish_replaces", lang): batches["replaces"].astype("Int64"),
        t("kind", lang): [t(f"kind_{k}", lang) for k in batches["kind"]],
        t("warnings_count", lang): [len(w) for w in batches["warnings"]],
    })


def event_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The change log: which batch, what happened, why, who, when, in ``lang``."""
    return pd.DataFrame({
        t("batch", lang): events["batch_id"],
        t("action", lang): [t(f"action_{a}", lang) for a in events["action"]],
        t("reason", lang): events["reason"],
        t("who", lang): events["acted_by"],
        t("when", lang): [i18n.fmt_datetime(w, lang) for w in events["acted_at"]],
    })


def batch_figures(batch: int) -> pd.DataFrame:
    """The figures batch ``batch`` brought, whatever its status (for its download)."""
    return p8store.batch_figures(data.store(), batch)
