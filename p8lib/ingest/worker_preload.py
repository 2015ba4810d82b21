"""Imported by the import worker's fork server (:mod:`p8lib.ingest.worker`) when it starts:
loads the library and the tables every import reads, once, so that each forked child
starts with them (shared copy-on-write) instead of reading them again. The fork server
runs no Python thread (the native threads numpy's BLAS and pyarrow's allocator start on
import have fork handlers), so forking it is safe where forking the app's server is not.

Importing this module does that work: that is its only purpose. A failure is left for the
import itself to report (the child reads the tables again and says what is wrong).
"""

from __future__ import annotations

import contextlib
import gc

from p8lib.ingest import worker

with contextlib.suppress(Exception):
    worker.load_tables()
# What is loaded now lives as long as the fork server: kept out of the collector's passes,
# a child's collections do not touch (and so copy) the pages it shares with the server.
gc.freeze()
