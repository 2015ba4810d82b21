"""Data: import a report, check it (a dry run, open to everyone), preview it, publish it to
the shared store; the figures in use; templates."""

import streamlit as st

from app import auth, data, publishing, state, widgets
from p8lib.contract import MEASURES, i18n, t
from p8lib.ingest import ImportOptions
from p8lib.present import tables, uploads

state.require_router()
lang = state.lang()
catalogue = data.indicators()

st.title(t("page_data", lang))
st.write(t("upload_hint", lang))
left, mid, right, last = st.columns(4)
start = left.number_input(t("period_start", lang), 2015, 2035, 2024, key="data_start")
end = mid.number_input(t("period_end", lang), 2015, 2035, 2024, key="data_end")
measure = right.selectbox(t("measure", lang), MEASURES, index=1, key="data_measure",
                          format_func=lambda m: i18n.measure_text(m, lang))
source_id = last.text_input(t("source_id", lang), key="data_source")
upload = st.file_uploader(t("upload", lang), type=["csv", "xlsx"], key="data_upload")
data.prepare_uploads()

if upload is not None:
    period = (int(start), int(max(start, end)))
    imported = data.import_upload(upload.name, upload.getvalue(), period, measure,
                                  source_id.strip() or None)
    figures, ok = imported.figures, imported.ok
    if imported.accounting.cells:
        st.caption(imported.accounting.summary(lang))
    problems, notes = tables.problems_and_notes(imported.findings(lang))
    st.subheader(t("problems", lang))
    if problems.empty:
        st.success(t("no_problems", lang))
    else:
        shown = tables.problems_table(problems, lang)
        widgets.table(shown, shown, "problems", lang, key="data_problems")
    if not notes.empty:
        st.subheader(t("notes", lang))
        shown = tables.problems_table(notes, lang)
        widgets.table(shown, shown, "notes", lang, key="data_notes")
    if not ok:
        st.error(t("has_errors", lang))
    else:
        st.subheader(t("preview", lang))
        widgets.figures_table(figures, catalogue, lang, "figures_cleaned", key="data_preview")

# Publish: below the dry run's result, for a file without errors.
if upload is not None and ok:
    st.subheader(t("publish", lang))
    may_publish = auth.may_write()
    st.caption(t("publish_hint", lang) if may_publish else t("sign_in_to_publish", lang))
    note_col, replaces_col = st.columns(2)
    note_col.text_input(t("publish_note", lang), key="data_publish_note")
    replaces_col.selectbox(t("publish_replaces", lang), [None, *publishing.active_batches()],
                           key="data_publish_replaces",
                           format_func=lambda b: t("publish_replaces_none", lang) if b is None
                           else f"{t('batch', lang)} {b}")
    # Drawn disabled for a viewer; were it clicked anyway, the store refuses the write.
    st.button(t("publish", lang), key="data_publish", type="primary",
              disabled=not may_publish, on_click=publishing.publish_upload,
              args=(upload.name, upload.getvalue(),
                    ImportOptions(period=period, measure=measure,
                                  source_id=source_id.strip() or None),
                    "data_publish_note", "data_publish_replaces"))
publishing.show_outcome(lang)

st.subheader(t("shipped_figures", lang))
widgets.figures_table(data.figures(), catalogue, lang, "figures", key="data_current")

st.subheader(t("templates", lang))
st.write(t("template_long", lang))
widgets.downloads(uploads.template_long(), "template_long", lang, key="data_template_long")
st.write(t("template_wide", lang))
widgets.downloads(uploads.template_wide(catalogue, lang), "template_wide", lang,
                  key="data_template_wide")
