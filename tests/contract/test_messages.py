"""The message catalogues (``p8lib/contract/locale``) and the tool that keeps them in step
with the code (``scripts/i18n.py``): the template holds every id the code asks for, each id
has its text in every language with the same placeholders, nothing is obsolete — and the
checker finds it when one of these is not so."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog, Message

from app import state
from p8lib import units
from p8lib.contract import LANGS, catalogue, i18n, messages
from p8lib.ingest import layout
from p8lib.maps import map_values
from p8lib.store import schema as store_schema
from scripts import i18n as tool


@pytest.fixture(scope="module")
def code_ids() -> set[str]:
    return set(tool.extract_ids())


@pytest.fixture(scope="module")
def pot_ids() -> set[str]:
    return {m.id for m in messages.read_catalog(messages.TEMPLATE) if m.id}


def po(lang: str) -> Catalog:
    return messages.read_catalog(messages.po_path(lang))


def test_the_template_holds_every_id_the_code_asks_for(code_ids, pot_ids):
    """Fails when someone writes ``t("new_id", …)`` (or drops the last use of an id) without
    running ``scripts/i18n.py extract`` and ``update``."""
    assert sorted(code_ids - pot_ids) == [], "not in messages.pot"
    assert sorted(pot_ids - code_ids) == [], "in messages.pot, not asked for in the code"


@pytest.mark.parametrize("lang", LANGS)
def test_every_id_has_a_reviewed_text(lang, pot_ids):
    catalog = po(lang)
    texts = {m.id: m.string for m in catalog if m.id}
    assert sorted(i for i in pot_ids if not texts.get(i)) == [], f"no {lang} text"
    assert sorted(m.id for m in catalog if m.id and m.fuzzy) == [], f"fuzzy in {lang}.po"


def test_both_languages_fill_the_same_placeholders(pot_ids):
    texts = {lang: messages.texts(lang) for lang in LANGS}
    differ = {i: {lang: sorted(messages.placeholders(texts[lang][i])) for lang in LANGS}
              for i in sorted(pot_ids)
              if len({frozenset(messages.placeholders(texts[lang][i])) for lang in LANGS}) > 1}
    assert differ == {}


@pytest.mark.parametrize("lang", LANGS)
def test_no_id_is_obsolete_or_unknown(lang, pot_ids):
    catalog = po(lang)
    assert list(catalog.obsolete) == []
    assert sorted({m.id for m in catalog if m.id} - pot_ids) == []


def test_the_checker_finds_nothing_wrong():
    """What ``scripts/i18n.py check`` says, English comments of vi.po included."""
    assert tool.catalogue_problems() == []


@pytest.mark.parametrize(("prefix", "values"), [
    ("status_", store_schema.STATUSES),
    ("kind_", (store_schema.REPORT, store_schema.SHIPPED)),
    ("action_", (store_schema.PUBLISHED, store_schema.EVENT_SUPERSEDED,
                 store_schema.EVENT_WITHDRAWN, store_schema.RESTORED, store_schema.REINSTATED)),
    ("role_", store_schema.ROLES),
    ("vintage_", units.VINTAGES),
    ("vintage_", state.MAP_OPTIONS["map_vintage"]),
    ("measure_", map_values.MEASURES),
    ("map_level_", state.MAP_OPTIONS["map_level"]),
    ("lang_", tuple(catalogue.sources()["language"].unique())),
])
def test_ids_made_at_run_time_are_in_the_template(prefix, values, pot_ids):
    """An id made from a code (``t(f"status_{status}", lang)``) is extracted only where it
    is written out (``N_``): a new code without its message fails here."""
    assert sorted(f"{prefix}{v}" for v in values if f"{prefix}{v}" not in pot_ids) == []


def test_every_column_role_has_its_words():
    assert set(layout.ROLE_MESSAGES) == set(layout.COLUMN_ROLES)


# --- the extraction finds what the code asks for ---------------------------------------

@pytest.mark.parametrize(("source", "ids"), [
    ('t("plain", lang)', {"plain"}),
    ('i18n.t("dotted", lang, n=1)', {"dotted"}),
    ('x = f"{t(\'in_fstring\', lang)} — {scope}"', {"in_fstring"}),
    ('t("when_short" if short else "when_long", lang)', {"when_short", "when_long"}),
    ('t("joined" "_literal", lang)', {"joined_literal"}),
    ('WORDS = {"a": N_("marked")}', {"marked"}),
    ('raise StoreError("refused", batch=1)', {"refused"}),
    ('say("said", lang)', {"said"}),
    ('t(f"status_{status}", lang)', set()),  # made at run time: N_ where the codes are listed
    ('t(key, lang)', set()),
    ('print("not_a_message")', set()),
    ('"""t("in_a_docstring", lang)"""', set()),
])
def test_extraction(tmp_path, source, ids):
    (tmp_path / "p8lib").mkdir()
    (tmp_path / "p8lib" / "module.py").write_text(source + "\n")
    assert set(tool.extract_ids(tmp_path)) == ids


def test_extraction_says_where(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "page.py").write_text('a = 1\nt("here", lang)\n')
    (tmp_path / "dashboard.py").write_text('t("here", lang)\n')
    assert tool.extract_ids(tmp_path) == {"here": [("pages/page.py", 2), ("dashboard.py", 1)]}


# --- the checker can fail: catalogues built by hand --------------------------------------

def _catalog(lang: str | None, texts: dict[str, str], fuzzy: tuple[str, ...] = (),
             comments: dict[str, str] | None = None) -> Catalog:
    catalog = Catalog(locale=lang)
    for message_id, text in texts.items():
        english = (comments or {}).get(message_id)
        catalog.add(message_id, text, flags=("fuzzy",) if message_id in fuzzy else (),
                    auto_comments=[f"en: {english}"] if english else [])
    return catalog


GOOD_EN = {"hello": "Hello {name}", "bye": "Bye"}
GOOD_VI = {"hello": "Chào {name}", "bye": "Tạm biệt"}


def _check(code=("hello", "bye"), pot=("hello", "bye"), vi=None, en=None, fuzzy=(),
           comments=GOOD_EN, obsolete=()) -> list[str]:
    vi_catalog = _catalog("vi", GOOD_VI if vi is None else vi, fuzzy, comments)
    for message_id in obsolete:
        vi_catalog.obsolete[message_id] = Message(message_id, "cũ")
    catalogs = {"vi": vi_catalog, "en": _catalog("en", GOOD_EN if en is None else en)}
    return tool.problems(set(code), _catalog(None, dict.fromkeys(pot, "")), catalogs)


def test_the_checker_passes_good_catalogues():
    assert _check() == []


@pytest.mark.parametrize(("broken", "expected"), [
    ({"vi": {"hello": "Chào {name}", "bye": ""}}, "bye: no vi text"),
    ({"vi": {"hello": "Chào {name}"}}, "bye: no vi text"),
    ({"en": {"hello": "Hello {name}"}}, "bye: no en text"),
    ({"fuzzy": ("bye",)}, "bye: the vi text is marked fuzzy (review it)"),
    ({"vi": {"hello": "Chào {ten}", "bye": "Tạm biệt"}},
     "hello: placeholders differ between languages: {'vi': ['ten'], 'en': ['name']}"),
    ({"code": ("hello", "bye", "new")},
     "new: asked for in the code, not in messages.pot (run scripts/i18n.py extract, then "
     "update)"),
    ({"code": ("hello",)},
     "bye: in messages.pot, not asked for in the code (run extract, then update)"),
    ({"vi": {**GOOD_VI, "gone": "Đã bỏ"}}, "gone: in vi.po, not in messages.pot (run update)"),
    ({"obsolete": ("old",)}, "old: obsolete in vi.po (run update)"),
    ({"comments": {"hello": "Hi {name}", "bye": "Bye"}},
     "hello: the English comment in vi.po is not the English text (run update)"),
])
def test_the_checker_finds_each_problem(broken, expected):
    assert expected in _check(**broken)


def test_merge_keeps_translations_adds_new_ids_and_drops_old_ones():
    pot = _catalog(None, {"hello": "", "new": ""})
    vi = _catalog("vi", {"hello": "Chào {name}", "old": "Cũ"})
    en = _catalog("en", {"hello": "Hello {name}", "old": "Old"})
    merged = tool.merge(pot, {"vi": vi, "en": en})
    assert {m.id: m.string for m in merged["vi"] if m.id} == {"hello": "Chào {name}", "new": ""}
    assert merged["vi"]["hello"].auto_comments == ["en: Hello {name}"]
    assert list(merged["vi"].obsolete) == ["old"]
    # The new id is now a problem until someone writes its texts.
    assert {"new: no vi text", "new: no en text"} <= set(
        tool.problems({"hello", "new"}, pot, merged))


# --- loading ----------------------------------------------------------------------------

def test_a_text_missing_in_a_language_is_shown_in_english(monkeypatch):
    catalogues = {"vi": {"both": "Cả hai"}, "en": {"both": "Both", "english_only": "English"}}
    monkeypatch.setattr(messages, "texts", catalogues.__getitem__)
    assert (i18n.t("both", "vi"), i18n.t("english_only", "vi")) == ("Cả hai", "English")
    with pytest.raises(KeyError):
        i18n.t("neither", "vi")


def test_the_catalogues_ship_inside_the_package():
    """The app and an installed package read the .po files beside the code
    (pyproject.toml's package data)."""
    assert messages.LOCALE.parent.name == "contract"
    assert all(messages.po_path(lang).is_file() for lang in LANGS)
    assert messages.TEMPLATE.is_file()
