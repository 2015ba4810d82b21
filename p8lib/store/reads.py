"""What the store holds now: its version, the active figures (and sources, coverage), a
batch's rows, every figure with its batch and status.

The active figures of a version are kept as one Parquet value (``snapshots``), written by
the first reader of that version: a server that starts, or one that sees a new version,
reads one value instead of every row (``docs/benchmarks.md``, "The store").
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from p8lib.contract import FIGURE_COLUMNS
from p8lib.store.batches import as_utc
from p8lib.store.bulk import read_arrow, read_frame
from p8lib.store.engine import Store, reading
from p8lib.store.schema import ACTIVE, batch_events, batches, coverage, figures, snapshots, sources


@dataclass(frozen=True)
class StoreState:
    """The store's version (grows with every publish, withdraw, restore) and the time of the
    newest active batch ("data as of"; None in an empty store)."""

    version: int
    as_of: datetime | None
    latest_batch: int | None


def store_version(store: Store) -> int:
    """The store's version: the number of changes ever made to it (0 when empty).

    One indexed query: cheap enough to ask on every rerun of every page.
    """
    with reading(store) as conn:
        return _version(conn)


def _version(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.coalesce(sa.func.max(batch_events.c.id), 0))
                        ).scalar_one()


def store_state(store: Store) -> StoreState:
    """:class:`StoreState` now."""
    with reading(store) as conn:
        version = _version(conn)
        latest = conn.execute(sa.select(batches.c.id, batches.c.created_at)
                              .where(batches.c.status == ACTIVE)
                              .order_by(batches.c.created_at.desc(), batches.c.id.desc())
                              .limit(1)).first()
    if latest is None:
        return StoreState(version, None, None)
    return StoreState(version, as_utc(latest.created_at), latest.id)


def _active_rows(table: sa.Table, columns: list[str]) -> sa.Select:
    return (sa.select(*(table.c[c] for c in columns))
            .join(batches, batches.c.id == table.c.batch_id)
            .where(batches.c.status == ACTIVE)
            .order_by(table.c.batch_id, table.c.row))


_KEYS = ["batch_id", "row"]


def _to_parquet(table: pa.Table) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()


def _dictionary_text(table: pa.Table) -> pa.Table:
    """Text columns dictionary-encoded (pandas reads them back as categoricals)."""
    columns = [pc.dictionary_encode(c) if pa.types.is_string(c.type) else c
               for c in table.columns]
    return pa.table(columns, names=table.column_names)


def _snapshot(conn: sa.Connection, query: sa.Select) -> bytes | None:
    """The Parquet bytes ``query`` selects (None: no such snapshot). PostgreSQL sends them
    in its binary format: its text (hex) format took 5–15× as long for a 10 MB value."""
    if conn.dialect.name != "postgresql":
        return conn.execute(query).scalar()
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    with conn.connection.cursor(binary=True) as cursor:
        row = cursor.execute(sql).fetchone()
    return bytes(row[0]) if row else None


def _active_figures_table(conn: sa.Connection) -> pa.Table:
    """The active figures with their batch and row, from the newest snapshot at hand plus
    the rows of the batches it lacks (all of them when there is no snapshot)."""
    base = _snapshot(conn, sa.select(snapshots.c.parquet)
                     .order_by(snapshots.c.version.desc()).limit(1))
    active = set(conn.execute(sa.select(batches.c.id).where(batches.c.status == ACTIVE))
                 .scalars())
    query = sa.select(*(figures.c[c] for c in _KEYS + FIGURE_COLUMNS))
    if base is None:
        return _dictionary_text(read_arrow(conn, query.where(figures.c.batch_id.in_(active))
                                           .order_by(figures.c.batch_id, figures.c.row)))
    kept = pq.read_table(io.BytesIO(base))
    kept = kept.filter(pc.is_in(kept["batch_id"], pa.array(sorted(active), pa.int64())))
    missing = sorted(active - set(pc.unique(kept["batch_id"]).to_pylist()))
    if not missing:
        return kept
    added = _dictionary_text(read_arrow(conn, query.where(figures.c.batch_id.in_(missing))
                                        .order_by(figures.c.batch_id, figures.c.row)))
    both = pa.concat_tables([kept, added],
                            promote_options="permissive").unify_dictionaries()
    if missing[0] < pc.max(kept["batch_id"]).as_py():  # a restored batch: back in its place
        both = both.sort_by([("batch_id", "ascending"), ("row", "ascending")])
    return both.combine_chunks()


def active_figures(store: Store) -> tuple[int, pd.DataFrame]:
    """(version, the figures of every active batch) — in the contract's columns, ordered by
    batch then row, text columns categorical.

    Read from the version's snapshot when there is one. Otherwise the newest snapshot is
    brought up to date (rows of withdrawn or replaced batches dropped, those of batches it
    lacks read), or, with none, every active row is read; the result is saved as this
    version's snapshot for the next reader (a failure to save it only costs that reader
    time: it is a cache).
    """
    with reading(store) as conn:
        version = _version(conn)
        cached = _snapshot(conn, sa.select(snapshots.c.parquet)
                           .where(snapshots.c.version == version))
        table = (pq.read_table(io.BytesIO(cached)) if cached is not None
                 else _active_figures_table(conn))
    if cached is None:
        _save_snapshot(store, version, _to_parquet(table))
    return version, table.select(FIGURE_COLUMNS).to_pandas()


def _save_snapshot(store: Store, version: int, parquet: bytes) -> None:
    values = {"version": version, "parquet": parquet, "created_at": datetime.now(UTC)}
    if store.backend == "postgresql":
        insert = pg_insert(snapshots).values(**values).on_conflict_do_nothing()
    else:
        insert = sa.insert(snapshots).values(**values).prefix_with("OR IGNORE")
    # A cache: when another writer holds the database, this reader does without.
    with contextlib.suppress(sa.exc.OperationalError), store.engine.begin() as conn:
        conn.execute(insert)
        # Older versions' snapshots are no longer asked for.
        conn.execute(sa.delete(snapshots).where(snapshots.c.version < version))


def active_table(store: Store, name: str) -> pd.DataFrame:
    """The active rows of ``"sources"`` or ``"coverage"`` (small tables), contract columns."""
    table = {"sources": sources, "coverage": coverage}[name]
    columns = [c.name for c in table.columns if c.name not in ("batch_id", "row")]
    with reading(store) as conn:
        return read_frame(conn, _active_rows(table, columns))


def batch_figures(store: Store, batch_id: int) -> pd.DataFrame:
    """The figures batch ``batch_id`` brought (whatever its status), contract columns."""
    query = (sa.select(*(figures.c[c] for c in FIGURE_COLUMNS))
             .where(figures.c.batch_id == batch_id).order_by(figures.c.row))
    with reading(store) as conn:
        return read_frame(conn, query)


def every_figure(store: Store) -> pd.DataFrame:
    """Every figure ever published: the contract's columns, then ``batch_id`` and the
    batch's ``status``."""
    query = (sa.select(*(figures.c[c] for c in FIGURE_COLUMNS), figures.c.batch_id,
                       batches.c.status)
             .join(batches, batches.c.id == figures.c.batch_id)
             .order_by(figures.c.batch_id, figures.c.row))
    with reading(store) as conn:
        return read_frame(conn, query)
