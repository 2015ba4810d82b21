"""Data history: every batch (who, when, what), the change log; withdraw, restore and
download a batch."""

import streamlit as st

from app import auth, data, publishing, state, widgets
from p8lib import store as p8store
from p8lib.contract import t

state.require_router()
lang = state.lang()

st.title(t("page_history", lang))
st.write(t("history_intro", lang))
st.caption(data.as_of_text(lang))
publishing.show_outcome(lang)
batches, events = publishing.history()
update = p8store.shipped_update(data.store())
may_change = auth.may_write()
if update is not None and may_change:
    st.info(t("shipped_newer", lang, batch=update.replaces or "–"))
    st.button(t("publish_shipped", lang), key="history_publish_shipped",
              on_click=publishing.publish_shipped)

st.subheader(t("batches", lang))
shown = publishing.batch_table(batches, lang)
widgets.table(shown, shown, "batches", lang, key="history_batches")

chosen = st.selectbox(t("batch_choose", lang), batches["id"].tolist(), key="history_batch",
                      format_func=lambda b: f"{t('batch', lang)} {b}")
if chosen is not None:
    status = batches.set_index("id").loc[chosen, "status"]
    st.caption(f"{t('status', lang)}: {t(f'status_{status}', lang)}")
    st.write(t("batch_download", lang))
    widgets.downloads(publishing.batch_figures(chosen), f"batch_{chosen}", lang,
                      key="history_download")
    if not may_change:
        st.caption(t("sign_in_to_change", lang))
    if status == p8store.ACTIVE:
        st.text_input(t("withdraw_reason", lang), key="history_reason", disabled=not may_change)
        st.button(t("withdraw", lang), key="history_withdraw", on_click=publishing.withdraw,
                  args=("history_batch", "history_reason"), disabled=not may_change)
    elif status == p8store.WITHDRAWN:
        st.button(t("restore", lang), key="history_restore", on_click=publishing.restore,
                  args=("history_batch",), disabled=not may_change)

st.subheader(t("events", lang))
logged = publishing.event_table(events, lang)
widgets.table(logged, logged, "events", lang, key="history_events")

if auth.role() == p8store.ADMIN:  # who changed which account: for administrators
    st.subheader(t("account_changes", lang))
    accounts = p8store.user_history(data.store())
    widgets.table(accounts, accounts, "account_changes", lang, key="history_accounts")
