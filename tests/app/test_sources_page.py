"""The Sources page through AppTest, in both languages: every source with its notes, one
source's figures and coverage rows, and a quote shown in the text around it."""

from __future__ import annotations

import pytest

from p8lib.contract import catalogue
from tests.app.test_app import clear_caches, navigation_routing, run  # noqa: F401 (fixtures)

PAGE = "pages/sources.py"
HEADS = {"vi": ("Nguồn", "Ghi chú", "Dịch máy", "Ngày", "có", "không ghi ngày"),
         "en": ("Source", "Note", "Machine translation", "Date", "yes", "undated")}


def sources_frame(at):
    (frame,) = [d.value for d in [*at.dataframe, *at.table]
                if len(d.value) == len(catalogue.sources())]
    return frame


def marked_contexts(at) -> list[str]:
    return [h.proto.body for h in at.get("html") if "<mark>" in h.proto.body]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_source_is_listed_with_its_notes(lang):
    at = run(PAGE, lang=lang)
    assert not at.exception
    source, note, machine, date, yes, undated = HEADS[lang]
    frame = sources_frame(at)
    assert set(frame[source]) == set(catalogue.sources()["source_id"])
    malay = frame[frame[source] == "vietnamvn_ms_tuyen_quang_giam_sat_du_an_8"]
    assert malay[machine].tolist() == [yes]
    assert {"vi": "tiếng Mã Lai", "en": "Malay"}[lang] in malay[note].item()  # in ``lang``
    assert undated in set(frame[date])
    assert at.selectbox(key="source_pick").value is None
    assert not marked_contexts(at)


@pytest.mark.parametrize(("lang", "figures_head", "quote_head"), [
    ("vi", "Số liệu lấy từ nguồn này", "Trích dẫn trong văn bản nguồn"),
    ("en", "Figures taken from this source", "The quote in its context"),
])
def test_one_source_shows_its_figures_and_a_quote_in_context(lang, figures_head, quote_head):
    source = "baobinhthuan_du_an_8_ket_qua"
    at = run(PAGE, lang=lang)
    at.selectbox(key="source_pick").set_value(source).run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert f"**{figures_head}**" in shown and f"**{quote_head}**" in shown
    cited = catalogue.figures().query("source_id == @source")
    value = {"vi": "Giá trị", "en": "Value"}[lang]  # whole numbers under 1,000: plain digits
    place = {"vi": "Địa bàn", "en": "Place"}[lang]
    (table,) = [d.value for d in [*at.dataframe, *at.table]
                if len(d.value) == len(cited) and {value, place} <= set(d.value.columns)]
    assert sorted(table[value]) == sorted(str(int(v)) for v in cited["value"])
    quote = at.selectbox(key="source_quote").value
    assert quote == cited["quote"].iloc[0]
    (context,) = marked_contexts(at)
    assert f"<mark>{quote}</mark>" in context
    assert "Tại Bình Thuận" in context and "provinces:" not in context  # not the file header


def test_choosing_another_quote_moves_the_context():
    at = run(PAGE, lang="en")
    at.selectbox(key="source_pick").set_value("hoilhpn_hue_du_an_8_2022").run()
    quote = "Hội LHPN tỉnh đã tổ chức 2 chiến dịch truyền thôn"  # the excerpt ends there
    assert quote in at.selectbox(key="source_quote").options
    at.selectbox(key="source_quote").set_value(quote).run()
    (context,) = marked_contexts(at)
    assert context.endswith(f"<mark>{quote}</mark></blockquote>")


def test_a_source_cited_by_coverage_alone_shows_its_rows():
    at = run(PAGE, lang="en")
    at.selectbox(key="source_pick").set_value("hoiphunusonla_bac_yen_to_truyen_thong_2023").run()
    shown = [m.value for m in at.markdown]
    assert "**Coverage rows from this source**" in shown
    assert "**Figures taken from this source**" not in shown
    assert {"source_coverage_csv", "source_coverage_xlsx"} <= {
        b.key for b in at.get("download_button")}


@pytest.mark.parametrize(("lang", "note"), [
    ("vi", "Nguồn này không có số liệu hay dòng địa bàn nào"),
    ("en", "No figure or coverage row cites this source"),
])
def test_a_method_source_says_it_has_no_rows(lang, note):
    at = run(PAGE, lang=lang)
    at.selectbox(key="source_pick").set_value("circular_01_2022_tt_ubdt").run()
    assert any(note in i.value for i in at.info)
    assert not marked_contexts(at)


@pytest.mark.parametrize(("lang", "head"), [("vi", "Lý do"), ("en", "Reason")])
def test_the_unused_excerpts_are_listed_with_why(lang, head):
    at = run(PAGE, lang=lang)
    (unused,) = [t.value for t in at.table if head in t.value.columns]
    assert unused.iloc[:, 0].tolist() == ["enbaoyenbai_87_teams_2023"]
