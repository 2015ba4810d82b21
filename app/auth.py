"""Who is using this session: the acting user the store's write functions are given."""

from __future__ import annotations

ANONYMOUS = "app:anonymous"


def actor() -> str:
    """The acting user of this session's writes."""
    return ANONYMOUS
