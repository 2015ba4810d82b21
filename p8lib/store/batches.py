"""Batches: publish a report (all or nothing), replace, withdraw, restore; the history.

Every write here is the same short path — check, open one write transaction (serialised with
every other writer, :func:`p8lib.store.engine.writing`), write, record who and when in
``batch_events``, commit — and takes the acting user first, whose right to write is checked
inside that transaction (:func:`p8lib.store.access.require`). Nothing is ever deleted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from p8lib.ingest import ImportOptions, ImportResult, Problem, import_report
from p8lib.store import access
from p8lib.store.bulk import insert_frame
from p8lib.store.engine import Store, reading, writing
from p8lib.store.errors import StoreError
from p8lib.store.schema import (
    ACTIVE,
    EVENT_SUPERSEDED,
    EVENT_WITHDRAWN,
    PUBLISHED,
    REINSTATED,
    REPORT,
    RESTORED,
    SUPERSEDED,
    WITHDRAWN,
    batch_events,
    batches,
)
from p8lib.store.schema import figures as figures_table

#: How :func:`publish` reads a report: ``(file name, bytes, options) -> ImportResult``.
Importer = Callable[[str, bytes, ImportOptions], ImportResult]


def import_here(name: str, data: bytes, options: ImportOptions) -> ImportResult:
    """The default :data:`Importer`: :func:`~p8lib.ingest.import_report` in this process
    (the CLI's way; a server passes :func:`~p8lib.ingest.import_in_worker` instead)."""
    return import_report(name, options, data=data)


@dataclass(frozen=True)
class BatchInfo:
    """What a batch records about where its rows came from (the rest — id, status, who,
    when — the store writes)."""

    file_name: str
    sha256: str
    size_bytes: int
    sheets: list[str] = field(default_factory=list)
    rows_read: int = 0
    warnings: list[str] = field(default_factory=list)
    kind: str = REPORT
    source_id: str | None = None
    period: tuple[int, int] | None = None
    measure: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Publication:
    """The outcome of :func:`publish`: the new batch (None when the import had errors and
    nothing was written), its figure count, and every problem the import found."""

    batch_id: int | None
    figures: int
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when the batch was written."""
        return self.batch_id is not None


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data`` (what identifies a published file)."""
    return hashlib.sha256(data).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _earlier(conn: sa.Connection, digest: str) -> sa.Row | None:
    return conn.execute(sa.select(batches.c.id, batches.c.file_name, batches.c.created_at)
                        .where(batches.c.sha256 == digest)).first()


def _refuse_duplicate(earlier: sa.Row) -> StoreError:
    return StoreError("store_duplicate", batch=earlier.id, file=earlier.file_name,
                      when=as_utc(earlier.created_at).strftime("%Y-%m-%d %H:%M UTC"))


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime (SQLite hands back naive ones, written in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _event(conn: sa.Connection, batch_id: int, action: str, actor: str,
           reason: str | None = None) -> None:
    conn.execute(sa.insert(batch_events).values(batch_id=batch_id, action=action,
                                                reason=reason, acted_by=actor,
                                                acted_at=_now()))


def _status(conn: sa.Connection, batch_id: int) -> sa.Row:
    row = conn.execute(sa.select(batches.c.id, batches.c.status, batches.c.replaces)
                       .where(batches.c.id == batch_id)).first()
    if row is None:
        raise StoreError("store_no_batch", batch=batch_id)
    return row


def _set_status(conn: sa.Connection, batch_id: int, status: str) -> None:
    conn.execute(sa.update(batches).where(batches.c.id == batch_id).values(status=status))


def with_row_keys(frame: pd.DataFrame, batch_id: int) -> pd.DataFrame:
    """``frame`` with its batch id and row number (0, 1, …) in front."""
    keyed = frame.reset_index(drop=True)
    keyed.insert(0, "row", range(len(keyed)))
    keyed.insert(0, "batch_id", batch_id)
    return keyed


def write_batch(store: Store, info: BatchInfo, tables: dict[sa.Table, pd.DataFrame], *,
                actor: str, replaces: int | None = None) -> int:
    """Write one batch and its rows in one transaction; returns the new batch id.

    Parameters
    ----------
    info : BatchInfo
        Where the rows come from; ``info.sha256`` must be new to the store.
    tables : dict
        The rows per store table (``schema.figures`` …), in the contract's columns.
    actor : str
        Who publishes (checked: :func:`p8lib.store.access.require`).
    replaces : int, optional
        An active batch this one corrects: it is marked superseded, its rows leave the
        active set.

    Raises
    ------
    StoreError
        The file was published before (the message names that batch), ``replaces`` is not
        an active batch, or ``actor`` may not publish. Nothing is written then.
    """
    with writing(store) as conn:
        access.require(conn, actor, access.PUBLISH)
        earlier = _earlier(conn, info.sha256)
        if earlier is not None:
            raise _refuse_duplicate(earlier)
        if replaces is not None and _status(conn, replaces).status != ACTIVE:
            raise StoreError("store_replace_inactive", batch=replaces,
                             status=_status(conn, replaces).status)
        period = info.period or (None, None)
        batch_id = conn.execute(sa.insert(batches).values(
            kind=info.kind, file_name=info.file_name, sha256=info.sha256,
            size_bytes=info.size_bytes, sheets=json.dumps(info.sheets, ensure_ascii=False),
            rows_read=info.rows_read, figures=len(tables.get(figures_table, ())),
            warnings=json.dumps(info.warnings, ensure_ascii=False), source_id=info.source_id,
            period_start=period[0], period_end=period[1], measure=info.measure,
            note=info.note, replaces=replaces, status=ACTIVE, created_by=actor,
            created_at=_now()).returning(batches.c.id)).scalar_one()
        for table, frame in tables.items():
            insert_frame(conn, table, with_row_keys(frame, batch_id))
        _event(conn, batch_id, PUBLISHED, actor, info.note)
        if replaces is not None:
            _set_status(conn, replaces, SUPERSEDED)
            _event(conn, replaces, EVENT_SUPERSEDED, actor, f"replaced by batch {batch_id}")
    return batch_id


def _info(name: str, data: bytes, options: ImportOptions, result: ImportResult,
          note: str | None) -> BatchInfo:
    read = result.figures
    named = pd.unique(read["src_sheet"].dropna()) if len(read) else []
    sheets = sorted({str(s) for s in named} - {""})  # a CSV has no sheet
    rows = len(read[["src_sheet", "src_row"]].drop_duplicates()) if len(read) else 0
    return BatchInfo(file_name=name, sha256=sha256(data), size_bytes=len(data), sheets=sheets,
                     rows_read=rows, warnings=[str(p) for p in result.problems
                                               if p.severity == "warning"],
                     source_id=options.source_id, period=options.period,
                     measure=options.measure, note=note)


def publish(store: Store, name: str, data: bytes, options: ImportOptions | None = None, *,
            actor: str, note: str | None = None, replaces: int | None = None,
            importer: Importer = import_here) -> Publication:
    """Import the report ``data`` (file name ``name``) with ``importer`` and, when it has no
    error, write its figures as one new batch.

    The store imports the bytes itself rather than take figures from its caller: what a batch
    holds is always what its file says. A server passes the worker's importer
    (:func:`~p8lib.ingest.import_in_worker`), so that no report is ever parsed in its own
    process.

    Returns
    -------
    Publication
        ``batch_id`` None and every problem when the import found errors (nothing written).

    Raises
    ------
    StoreError
        Refused before or while writing (see :func:`write_batch`); nothing written.

    Examples
    --------
    >>> publication = publish(store, "soc_trang.xlsx", data, ImportOptions(period=(2024, 2024)),
    ...                       actor="analyst@example.org")  # doctest: +SKIP
    """
    options = options or ImportOptions()
    with reading(store) as conn:  # refuse early, before the import's work
        access.require(conn, actor, access.PUBLISH)
        earlier = _earlier(conn, sha256(data))
    if earlier is not None:
        raise _refuse_duplicate(earlier)
    result = importer(name, data, options)
    if not result.ok:
        return Publication(None, 0, result.problems)
    tidy = result.tidy()
    batch_id = write_batch(store, _info(name, data, options, result, note),
                           {figures_table: tidy}, actor=actor, replaces=replaces)
    return Publication(batch_id, len(tidy), result.problems)


def withdraw(store: Store, batch_id: int, *, actor: str, reason: str) -> None:
    """Take an active batch's figures out of the active set, saying why.

    The batch it replaced (if any, and superseded) is active again: withdrawing a
    correction brings back what it corrected.

    Raises
    ------
    StoreError
        No such batch, it is not active, ``reason`` is empty, or ``actor`` may not.
    """
    if not (reason or "").strip():
        raise StoreError("store_reason_needed")
    with writing(store) as conn:
        access.require(conn, actor, access.WITHDRAW)
        row = _status(conn, batch_id)
        if row.status != ACTIVE:
            raise StoreError("store_not_active", batch=batch_id, status=row.status)
        _set_status(conn, batch_id, WITHDRAWN)
        _event(conn, batch_id, EVENT_WITHDRAWN, actor, reason.strip())
        if row.replaces is not None and _status(conn, row.replaces).status == SUPERSEDED:
            _set_status(conn, row.replaces, ACTIVE)
            _event(conn, row.replaces, REINSTATED, actor,
                   f"batch {batch_id} that replaced it was withdrawn")


def restore(store: Store, batch_id: int, *, actor: str) -> None:
    """Make a withdrawn batch active again (and the batch it replaced, if active,
    superseded again).

    Raises
    ------
    StoreError
        No such batch, it is not withdrawn, or ``actor`` may not.
    """
    with writing(store) as conn:
        access.require(conn, actor, access.WITHDRAW)
        row = _status(conn, batch_id)
        if row.status != WITHDRAWN:
            raise StoreError("store_not_withdrawn", batch=batch_id, status=row.status)
        _set_status(conn, batch_id, ACTIVE)
        _event(conn, batch_id, RESTORED, actor)
        if row.replaces is not None and _status(conn, row.replaces).status == ACTIVE:
            _set_status(conn, row.replaces, SUPERSEDED)
            _event(conn, row.replaces, EVENT_SUPERSEDED, actor,
                   f"replaced by batch {batch_id}")


BATCH_COLUMNS = ["id", "kind", "status", "file_name", "figures", "rows_read", "sheets",
                 "warnings", "source_id", "period_start", "period_end", "measure", "note",
                 "replaces", "created_by", "created_at", "sha256", "size_bytes"]


def history(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every batch (newest first; ``sheets`` and ``warnings`` as lists) and every event
    (newest first: ``batch_id``, ``action``, ``reason``, ``acted_by``, ``acted_at``)."""
    with reading(store) as conn:
        rows = conn.execute(sa.select(*(batches.c[c] for c in BATCH_COLUMNS))
                            .order_by(batches.c.id.desc())).all()
        events = conn.execute(sa.select(batch_events).order_by(batch_events.c.id.desc())).all()
    listed = pd.DataFrame(rows, columns=BATCH_COLUMNS)
    for column in ("sheets", "warnings"):
        listed[column] = [json.loads(v) for v in listed[column]]
    listed["created_at"] = [as_utc(v) for v in listed["created_at"]]
    logged = pd.DataFrame(events, columns=[c.name for c in batch_events.columns])
    logged["acted_at"] = [as_utc(v) for v in logged["acted_at"]]
    return listed, logged
