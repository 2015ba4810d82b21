"""The tables shipped in ``data/`` (figures, sources, coverage) as a batch of the store.

An empty store is seeded with them as batch 1, "shipped curated figures". When the app is
upgraded and ships different tables, nothing is merged silently: :func:`shipped_update`
says so, and :func:`publish_shipped` publishes them as a new batch that replaces the
previous shipped one (an analyst's decision, recorded like any other).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlalchemy as sa

from p8lib.contract import DATA, catalogue
from p8lib.store.access import SYSTEM
from p8lib.store.batches import BatchInfo, write_batch
from p8lib.store.engine import Store, reading
from p8lib.store.errors import StoreError
from p8lib.store.schema import ACTIVE, SHIPPED, SHIPPED_TABLES, batches
from p8lib.store.schema import coverage as coverage_table
from p8lib.store.schema import figures as figures_table
from p8lib.store.schema import sources as sources_table

SHIPPED_NOTE = "shipped curated figures"



def shipped_digest() -> tuple[str, int]:
    """(SHA-256 over the shipped files' names and bytes, their total size)."""
    digest, size = hashlib.sha256(), 0
    for name in SHIPPED_TABLES:
        data = (DATA / name).read_bytes()
        digest.update(name.encode() + b"\0" + data + b"\0")
        size += len(data)
    return digest.hexdigest(), size


def _shipped_batch(replaces_note: str | None = None) -> tuple[BatchInfo, dict]:
    digest, size = shipped_digest()
    tables = {figures_table: catalogue.figures(), sources_table: catalogue.sources(),
              coverage_table: catalogue.coverage()}
    info = BatchInfo(file_name=", ".join(f"data/{n}" for n in SHIPPED_TABLES), sha256=digest,
                     size_bytes=size, sheets=list(SHIPPED_TABLES),
                     rows_read=sum(len(f) for f in tables.values()), kind=SHIPPED,
                     note=replaces_note or SHIPPED_NOTE)
    return info, tables


def seed_if_empty(store: Store) -> int | None:
    """Publish the shipped tables as batch 1 when the store has no batch; returns its id
    (None: the store had batches, or another process seeded it at the same moment)."""
    with reading(store) as conn:
        if conn.execute(sa.select(batches.c.id).limit(1)).first() is not None:
            return None
    info, tables = _shipped_batch()
    try:
        return write_batch(store, info, tables, actor=SYSTEM)
    except StoreError as exc:
        if exc.key == "store_duplicate":  # seeded by another process meanwhile
            return None
        raise


@dataclass(frozen=True)
class ShippedUpdate:
    """The app ships tables no batch holds; ``replaces`` is the active shipped batch they
    would replace (None if there is none)."""

    replaces: int | None


def shipped_update(store: Store) -> ShippedUpdate | None:
    """A :class:`ShippedUpdate` when the shipped tables differ from every batch, else None."""
    digest, _ = shipped_digest()
    with reading(store) as conn:
        if conn.execute(sa.select(batches.c.id).where(batches.c.sha256 == digest)).first():
            return None
        latest = conn.execute(sa.select(sa.func.max(batches.c.id))
                              .where(batches.c.kind == SHIPPED,
                                     batches.c.status == ACTIVE)).scalar()
    return ShippedUpdate(latest)


def publish_shipped(store: Store, *, actor: str) -> int:
    """Publish the shipped tables as a new batch replacing the active shipped batch.

    Raises
    ------
    StoreError
        They are already a batch (the message names it), or ``actor`` may not publish.
    """
    update = shipped_update(store)
    info, tables = _shipped_batch(SHIPPED_NOTE + " (a newer version shipped with the app)")
    return write_batch(store, info, tables, actor=actor,
                       replaces=update.replaces if update else None)
