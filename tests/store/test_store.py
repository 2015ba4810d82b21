"""The store's rules, each on both back-ends (SQLite, PostgreSQL): batches all or nothing,
duplicates refused, replace, withdraw and restore, nothing deleted, the shipped tables as
batch 1, the version, and rows that come back as they went in."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from p8lib import store as p8store
from p8lib.contract import FIGURE_COLUMNS, catalogue
from p8lib.ingest import ImportOptions
from p8lib.store import bulk, engine, schema, shipped
from tests.reports import wide_xlsx

ACTOR = "analyst@example.org"
HEADER = "province_code,indicator_id,measure,period_start,period_end,value,unit,source_id\n"


def long_csv(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode()


GOOD = long_csv("94,comm_groups,actual,2024,2024,77,groups,test_upload",
                "94,trusted_addresses,actual,2024,2024,3,addresses,test_upload")
OTHER = long_csv("01,comm_groups,actual,2024,2024,5,groups,test_upload")
BAD = long_csv("94,comm_groups,actual,2024,2024,abc,groups,test_upload")


def shipped_figures() -> pd.DataFrame:
    return catalogue.figures()


def active(store) -> pd.DataFrame:
    return p8store.active_figures(store)[1]


def statuses(store) -> dict[int, str]:
    batches, _ = p8store.history(store)
    return dict(zip(batches["id"], batches["status"], strict=True))


def values_of(frame: pd.DataFrame, province: str) -> list[float]:
    return sorted(frame.loc[frame["province_code"] == province, "value"].tolist())


def test_an_empty_store_is_seeded_with_the_shipped_tables_as_batch_1(store):
    batches, events = p8store.history(store)
    assert batches["id"].tolist() == [1]
    first = batches.iloc[0]
    assert (first["kind"], first["status"], first["note"], first["created_by"]) == (
        "shipped", "active", "shipped curated figures", "system")
    assert first["figures"] == len(shipped_figures())
    pd.testing.assert_frame_equal(active(store).astype(str), shipped_figures().astype(str))
    pd.testing.assert_frame_equal(p8store.active_table(store, "sources").astype(str),
                                  catalogue.sources().astype(str))
    pd.testing.assert_frame_equal(p8store.active_table(store, "coverage").astype(str),
                                  catalogue.coverage().astype(str))
    assert events["action"].tolist() == ["published"]
    assert p8store.shipped_update(store) is None


def test_opening_again_neither_migrates_nor_seeds_twice(store):
    again = p8store.open_store(store.url)
    assert p8store.history(again)[0]["id"].tolist() == [1]
    assert engine.current_revision(again) == engine.head_revision()


@pytest.mark.parametrize(("name", "data", "options", "expected_figures", "sheets"), [
    ("good.csv", GOOD, ImportOptions(), 2, []),
    ("soc_trang_2023.xlsx", wide_xlsx(), ImportOptions(period=(2023, 2023), measure="actual",
                                                       source_id="soc_trang_2023"), 9,
     ["Báo cáo 2023"]),
], ids=["csv", "xlsx"])  # the workbook's bytes hold its save time: no id of them
def test_a_publish_is_one_batch_with_what_it_came_from(store, name, data, options,
                                                       expected_figures, sheets):
    version = p8store.store_version(store)
    done = p8store.publish(store, name, data, options, actor=ACTOR, note="Q2 report")
    assert done.ok and done.batch_id == 2 and done.figures == expected_figures
    batches, _ = p8store.history(store)
    batch = batches.set_index("id").loc[2]
    assert batch["file_name"] == name and batch["created_by"] == ACTOR
    assert batch["sha256"] == p8store.batches.sha256(data) and batch["size_bytes"] == len(data)
    assert batch["figures"] == expected_figures and batch["note"] == "Q2 report"
    assert batch["source_id"] == options.source_id and batch["measure"] == options.measure
    assert batch["rows_read"] >= 1 and batch["sheets"] == sheets
    assert batch["created_at"].tzinfo is not None
    assert len(active(store)) == len(shipped_figures()) + expected_figures
    assert p8store.store_version(store) > version
    pd.testing.assert_frame_equal(
        p8store.batch_figures(store, 2).reset_index(drop=True).astype(str),
        p8store.active_figures(store)[1].iloc[len(shipped_figures()):]
        .reset_index(drop=True).astype(str))


def test_a_report_with_errors_writes_nothing(store):
    version = p8store.store_version(store)
    done = p8store.publish(store, "bad.csv", BAD, actor=ACTOR)
    assert not done.ok and done.batch_id is None
    assert any(p.severity == "error" and p.file == "bad.csv" for p in done.problems)
    assert p8store.store_version(store) == version
    assert list(statuses(store)) == [1]


def test_the_same_file_twice_is_refused_naming_the_earlier_batch(store):
    p8store.publish(store, "good.csv", GOOD, actor=ACTOR)
    with pytest.raises(p8store.StoreError, match="batch 2 \\(good.csv") as refused:
        p8store.publish(store, "renamed.csv", GOOD, actor=ACTOR)
    assert "lô 2" in refused.value.message("vi")
    assert list(statuses(store)) == [2, 1]


def test_a_replacement_supersedes_and_its_withdrawal_brings_the_earlier_back(store):
    p8store.publish(store, "good.csv", GOOD, actor=ACTOR)
    fixed = long_csv("94,comm_groups,actual,2024,2024,78,groups,test_upload")
    done = p8store.publish(store, "good_fixed.csv", fixed, actor=ACTOR, replaces=2)
    assert statuses(store) == {3: "active", 2: "superseded", 1: "active"}
    assert 78.0 in values_of(active(store), "94") and 77.0 not in values_of(active(store), "94")
    p8store.withdraw(store, done.batch_id, actor=ACTOR, reason="wrong quarter")
    assert statuses(store) == {3: "withdrawn", 2: "active", 1: "active"}
    assert 77.0 in values_of(active(store), "94") and 78.0 not in values_of(active(store), "94")
    p8store.restore(store, 3, actor=ACTOR)
    assert statuses(store) == {3: "active", 2: "superseded", 1: "active"}
    _, events = p8store.history(store)
    assert events["action"].tolist()[::-1] == [
        "published", "published", "published", "superseded", "withdrawn", "reinstated",
        "restored", "superseded"]
    assert set(events["acted_by"]) == {"system", ACTOR}


def test_withdraw_and_restore_keep_every_figure(store):
    p8store.publish(store, "good.csv", GOOD, actor=ACTOR)
    p8store.withdraw(store, 2, actor=ACTOR, reason="duplicate of the paper report")
    assert values_of(active(store), "94") == values_of(shipped_figures(), "94")
    every = p8store.every_figure(store)
    assert len(every) == len(shipped_figures()) + 2  # nothing deleted
    assert set(every.loc[every["batch_id"] == 2, "status"]) == {"withdrawn"}
    _, events = p8store.history(store)
    assert events.iloc[0]["reason"] == "duplicate of the paper report"
    p8store.restore(store, 2, actor=ACTOR)
    assert 77.0 in values_of(active(store), "94")


@pytest.mark.parametrize(("action", "expected"), [
    (lambda s: p8store.withdraw(s, 2, actor=ACTOR, reason="  "), "Say why"),
    (lambda s: p8store.withdraw(s, 9, actor=ACTOR, reason="x"), "no batch 9"),
    (lambda s: p8store.restore(s, 2, actor=ACTOR), "only a withdrawn batch"),
    (lambda s: p8store.publish(s, "o.csv", OTHER, actor=ACTOR, replaces=9), "no batch 9"),
    (lambda s: p8store.publish(s, "o.csv", OTHER, actor=""), "not known"),
])
def test_refused_writes_say_why_and_change_nothing(store, action, expected):
    p8store.publish(store, "good.csv", GOOD, actor=ACTOR)
    version = p8store.store_version(store)
    with pytest.raises(p8store.StoreError, match=expected):
        action(store)
    assert p8store.store_version(store) == version
    assert statuses(store) == {2: "active", 1: "active"}


def test_only_an_active_batch_can_be_withdrawn_or_replaced(store):
    p8store.publish(store, "good.csv", GOOD, actor=ACTOR)
    p8store.withdraw(store, 2, actor=ACTOR, reason="x")
    with pytest.raises(p8store.StoreError, match="only an active batch can be withdrawn"):
        p8store.withdraw(store, 2, actor=ACTOR, reason="again")
    with pytest.raises(p8store.StoreError, match="only an active batch can be replaced"):
        p8store.publish(store, "o.csv", OTHER, actor=ACTOR, replaces=2)


def test_the_version_snapshot_equals_the_rows_after_any_sequence(store):
    p8store.publish(store, "good.csv", GOOD, actor=ACTOR)
    p8store.active_figures(store)  # a snapshot of this version
    p8store.publish(store, "o.csv", OTHER, actor=ACTOR)
    p8store.withdraw(store, 2, actor=ACTOR, reason="x")
    p8store.active_figures(store)
    p8store.restore(store, 2, actor=ACTOR)  # back in its place, before batch 3
    _, incremental = p8store.active_figures(store)
    with store.engine.begin() as conn:
        conn.execute(sa.delete(schema.snapshots))
    _, from_rows = p8store.active_figures(store)
    pd.testing.assert_frame_equal(incremental.astype(str), from_rows.astype(str))
    assert values_of(from_rows, "94")[-2:] == [3.0, 77.0] or 77.0 in values_of(from_rows, "94")


def test_the_latest_active_batch_gives_the_data_as_of_time(store):
    first = p8store.store_state(store)
    assert first.latest_batch == 1
    p8store.publish(store, "good.csv", GOOD, actor=ACTOR)
    state = p8store.store_state(store)
    assert state.latest_batch == 2 and state.as_of >= first.as_of
    assert state.version > first.version
    p8store.withdraw(store, 2, actor=ACTOR, reason="x")
    assert p8store.store_state(store).latest_batch == 1


def test_newer_shipped_tables_are_offered_not_merged(store, monkeypatch):
    monkeypatch.setattr(shipped, "shipped_digest", lambda: ("f" * 64, 1))
    offer = p8store.shipped_update(store)
    assert offer == p8store.ShippedUpdate(replaces=1)
    assert statuses(store) == {1: "active"}  # nothing merged by asking
    p8store.publish_shipped(store, actor=ACTOR)
    assert statuses(store) == {2: "active", 1: "superseded"}
    assert p8store.shipped_update(store) is None
    assert len(active(store)) == len(shipped_figures())


TEXTS = ["", "plain", "a,b", 'say "hi"', "line\nbreak", "Hòa Bình — đ", "\\N", "NULL", None]


@pytest.mark.parametrize("text", TEXTS)
def test_text_comes_back_as_it_went_in_empty_and_missing_apart(store, text):
    frame = shipped_figures().iloc[:2].copy()
    frame["quote"] = pd.Series([text, "x"], dtype=object)
    frame["note"] = pd.Series([None, text], dtype=object)
    keyed = p8store.batches.with_row_keys(frame, 1)
    keyed["row"] += 1000
    with engine.writing(store) as conn:
        bulk.insert_frame(conn, schema.figures, keyed)
    query = (sa.select(*(schema.figures.c[c] for c in FIGURE_COLUMNS))
             .where(schema.figures.c.row >= 1000).order_by(schema.figures.c.row))
    with engine.reading(store) as conn:
        back = bulk.read_frame(conn, query)
    assert back["quote"].tolist()[0] == text or (text is None and pd.isna(back["quote"][0]))
    assert pd.isna(back["note"][0])
    assert back["note"].tolist()[1] == text or (text is None and pd.isna(back["note"][1]))
    assert back["value"].tolist() == frame["value"].tolist()
