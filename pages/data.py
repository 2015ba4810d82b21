"""Data: import a report, check it, preview it, use it for this session; templates."""

import streamlit as st

from app import data, state, widgets
from p8lib.contract import MEASURES, t
from p8lib.present import tables, uploads

state.require_router()
lang = state.lang()
catalogue = data.indicators()

st.title(t("page_data", lang))
st.write(t("upload_hint", lang))
left, mid, right, last = st.columns(4)
start = left.number_input(t("period_start", lang), 2015, 2035, 2024, key="data_start")
end = mid.number_input(t("period_end", lang), 2015, 2035, 2024, key="data_end")
measure = right.selectbox(t("measure", lang), MEASURES, index=1, key="data_measure")
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
        st.button(t("use_figures", lang), key="data_use", type="primary",
                  on_click=data.use_uploaded, args=(figures,))

if data.uploaded_figures() is not None:
    st.success(t("used_figures", lang, n=len(data.uploaded_figures())))
    st.button(t("clear_uploaded", lang), key="data_clear", on_click=data.use_uploaded,
              args=(None,))

st.subheader(t("shipped_figures", lang))
widgets.figures_table(data.figures(), catalogue, lang, "figures", key="data_current")

st.subheader(t("templates", lang))
st.write(t("template_long", lang))
widgets.downloads(uploads.template_long(), "template_long", lang, key="data_template_long")
st.write(t("template_wide", lang))
widgets.downloads(uploads.template_wide(catalogue, lang), "template_wide", lang,
                  key="data_template_wide")
