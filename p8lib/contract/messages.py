"""The message catalogues: one gettext ``.po`` file per language, read with Babel.

Every text people read is a message with a short symbolic id (``page_overview``); its
Vietnamese and English texts live in ``locale/vi/LC_MESSAGES/messages.po`` and
``locale/en/LC_MESSAGES/messages.po``, which a translator edits and reviews with any PO
editor (Poedit, Weblate, Lokalize…) or a text editor. ``locale/messages.pot`` is the
template: every id the code asks for, extracted from the code by ``scripts/i18n.py extract``
(Babel), so a message added in the code without its texts fails the tests
(``tests/contract/test_messages.py``).

The code asks for a message as ``t("message_id", lang, …)``; an id made at run time
(``t(f"status_{status}", lang)``) is written out where its possible values are listed, as
``N_("status_active")``, so that extraction finds it. The words of data values carry the
value after their prefix: ``unit_VND billion``, ``coverage_group_Region I``.

English is the language the code is written in: ``vi.po`` shows a translator the English of
each message as an extracted comment (``#. en: …``). Texts use ``{name}`` placeholders
(:meth:`str.format`), the same set in both languages.

The ``.po`` files are read directly, once per process and language (no compiled ``.mo``):
the app runs from the repository without an install step, the files are small (~550
messages, tens of milliseconds to read), and a translator's edit shows at the next start
with nothing to rebuild.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
# The language the code is written in: a message missing in another language falls back on it.
SOURCE_LANG = "en"


def N_(message_id: str) -> str:
    """``message_id`` itself: marks an id asked for at run time, for extraction (gettext's
    name for "mark, don't translate yet").

    >>> N_("status_active")
    'status_active'
    """
    return message_id


def po_path(lang: str) -> Path:
    """The ``.po`` file of ``lang``."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path) -> Catalog:
    """A ``.po`` or ``.pot`` file as a Babel :class:`~babel.messages.catalog.Catalog`."""
    with path.open("rb") as handle:
        return read_po(handle)


@cache
def texts(lang: str) -> dict[str, str]:
    """Message id → text in ``lang``: the translated, non-fuzzy messages of its ``.po``.

    Read once per process; never modify the returned dict.

    Raises
    ------
    FileNotFoundError
        If ``lang`` has no catalogue.
    """
    return {m.id: m.string for m in read_catalog(po_path(lang))
            if m.id and m.string and not m.fuzzy}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text fills in (``"{n} of {total}"`` → ``{"n", "total"}``).

    >>> sorted(placeholders("{n} of {total}, {{literal}}"))
    ['n', 'total']
    """
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
