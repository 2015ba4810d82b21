#!/usr/bin/env python3
"""Keep the message catalogues in step with the code (Babel's extract and update).

    .venv/bin/python scripts/i18n.py extract   # locale/messages.pot from the code
    .venv/bin/python scripts/i18n.py update    # merge it into vi.po and en.po
    .venv/bin/python scripts/i18n.py check     # what is missing; exit 1 if anything

A message is asked for in the code as ``t("message_id", lang, …)`` (or through a function
that takes an id first, :data:`KEYWORDS`); an id made at run time is written out where its
possible values are listed, as ``N_("message_id")``, so that extraction sees it. ``update``
adds new ids to both ``.po`` files untranslated (the check then fails until someone writes
them), keeps every translation, drops the ids the code no longer uses (git keeps their
texts), and writes each message's English beside it in ``vi.po`` (``#. en: …``). Where a
message is used is written by file, without line numbers, so that an edit elsewhere in a
file does not rewrite the catalogues. See :mod:`p8lib.contract.messages`; the tests
(``tests/contract/test_messages.py``) run :func:`problems`.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: p8lib from this checkout
    sys.path.insert(0, str(ROOT))

from p8lib.contract import LANGS, messages  # noqa: E402

SOURCES = ("p8lib", "app", "pages")
ENTRY_FILES = ("dashboard.py", "serve.py")
# The functions whose first argument is a message id: the lookup, the marker, the command
# line's "say a message" and the store's refusal.
KEYWORDS: dict[str, tuple[int, ...] | None] = {"t": (1,), "N_": None, "say": (1,),
                                                "StoreError": (1,)}
PROJECT = "Project 8 dashboard"
TEMPLATE_HEADER = """\
# The messages of the Project 8 dashboard: every id the code asks for, by the file asking.
# Written by `scripts/i18n.py extract` from the code: do not edit. The texts are in
# <lang>/LC_MESSAGES/messages.po (see README.md, "Translations").
#"""
WIDTH = 100

Ids = dict[str, list[tuple[str, int]]]


def python_ids(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
               options: Mapping[str, object]) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method for Python, read from the syntax tree.

    Babel's own ``python`` method reads tokens: on Python 3.11 an f-string is one token, so
    ``f"{t('core_title', lang)} — {scope}"`` hides its call, and it joins the literals of
    ``t("a" if short else "b", lang)`` into one id "ab". The tree has both: every call of a
    keyword whose first argument is a string literal, or a conditional expression of
    literals, yields each literal (an id made at run time yields nothing: mark it ``N_``).
    """
    tree = ast.parse(fileobj.read(), getattr(fileobj, "name", "<source>"))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = (func.id if isinstance(func, ast.Name)
                else func.attr if isinstance(func, ast.Attribute) else None)
        if name in keywords:
            for message in _literals(node.args[0]):
                yield node.lineno, name, message, []


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def extract_ids(root: Path = ROOT) -> Ids:
    """Every message id the code under ``root`` asks for, with where (file, line)."""
    found: Ids = {}
    method_map = [("**.py", python_ids)]
    for folder in SOURCES:
        for file, line, message, _comments, _context in extract_from_dir(
                root / folder, method_map, keywords=KEYWORDS):
            found.setdefault(message, []).append((f"{folder}/{file}", line))
    for name in ENTRY_FILES:
        if (root / name).exists():
            for line, message, _comments, _context in extract_from_file(
                    python_ids, root / name, keywords=KEYWORDS):
                found.setdefault(message, []).append((name, line))
    return found


def template(ids: Ids, like: Catalog | None = None) -> Catalog:
    """The ``.pot`` catalogue of ``ids`` (dated as ``like``, the template it replaces, so
    that extracting unchanged code rewrites nothing)."""
    catalog = Catalog(project=PROJECT, header_comment=TEMPLATE_HEADER, fuzzy=False,
                      creation_date=like.creation_date if like else None)
    for message_id in sorted(ids):
        catalog.add(message_id, locations=sorted(ids[message_id]))
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=WIDTH, sort_output=True, ignore_obsolete=True,
                 include_lineno=False)


def extract() -> None:
    """Write ``locale/messages.pot`` from the code."""
    old = messages.read_catalog(messages.TEMPLATE) if messages.TEMPLATE.exists() else None
    _write(template(extract_ids(), like=old), messages.TEMPLATE)


def merge(pot: Catalog, catalogs: Mapping[str, Catalog]) -> dict[str, Catalog]:
    """Each language's catalogue updated to the template (in place, and returned).

    Translations of ids still in ``pot`` are kept; new ids come in untranslated; ids no
    longer in ``pot`` go to the catalogue's ``obsolete`` (not written). In every language but
    English each message's extracted comment becomes its English text (``en: …``).
    """
    english: dict[str, str] = {}
    for lang in sorted(catalogs, key=lambda lang: lang != messages.SOURCE_LANG):  # English first
        catalog = catalogs[lang]
        catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
        for message in catalog:
            if not message.id:
                continue
            if lang == messages.SOURCE_LANG:
                english[message.id] = message.string
            else:
                message.auto_comments = _english_comment(english.get(message.id))
    return dict(catalogs)


def update() -> None:
    """Merge the template into every language's ``.po``; refresh the English comments."""
    catalogs = {lang: (messages.read_catalog(messages.po_path(lang))
                       if messages.po_path(lang).exists()
                       else Catalog(locale=lang, project=PROJECT)) for lang in LANGS}
    for lang, catalog in merge(messages.read_catalog(messages.TEMPLATE), catalogs).items():
        _write(catalog, messages.po_path(lang))


def _english_comment(text: str | None) -> list[str]:
    return [f"en: {text}"] if text else []


def _words(comments: list[str]) -> list[str]:
    # A long comment is wrapped over several "#." lines; its words are what it says.
    return " ".join(comments).split()


def problems(code_ids: Collection[str], pot: Catalog, catalogs: Mapping[str, Catalog]
             ) -> list[str]:
    """What is wrong with the catalogues, one line each ([] when nothing is).

    Parameters
    ----------
    code_ids : collection of str
        The ids the code asks for (:func:`extract_ids`).
    pot : Catalog
        The template (``messages.pot``).
    catalogs : mapping of str to Catalog
        Each language's ``.po``.

    Returns
    -------
    list of str
        A template out of step with the code; an id without its text in a language, or
        with a fuzzy text; an id of a ``.po`` that is not in the template, or obsolete;
        placeholders that differ between the languages; an English comment in ``vi.po``
        that is not the English text.
    """
    found = []
    code_ids = set(code_ids)
    pot_ids = {m.id for m in pot if m.id}
    for message_id in sorted(code_ids - pot_ids):
        found.append(f"{message_id}: asked for in the code, not in messages.pot "
                     "(run scripts/i18n.py extract, then update)")
    for message_id in sorted(pot_ids - code_ids):
        found.append(f"{message_id}: in messages.pot, not asked for in the code (run extract, "
                     "then update)")
    texts: dict[str, dict[str, str]] = {}
    for lang, catalog in catalogs.items():
        texts[lang] = {m.id: m.string for m in catalog if m.id and not m.fuzzy}
        fuzzy = {m.id for m in catalog if m.id and m.fuzzy}
        for message_id in sorted(pot_ids):
            if message_id in fuzzy:
                found.append(f"{message_id}: the {lang} text is marked fuzzy (review it)")
            elif not texts[lang].get(message_id):
                found.append(f"{message_id}: no {lang} text")
        for message_id in sorted({m.id for m in catalog if m.id} - pot_ids):
            found.append(f"{message_id}: in {lang}.po, not in messages.pot (run update)")
        for message in catalog.obsolete.values():
            found.append(f"{message.id}: obsolete in {lang}.po (run update)")
    english = texts.get(messages.SOURCE_LANG, {})
    for message_id in sorted(pot_ids):
        written = {lang: texts[lang][message_id] for lang in texts if texts[lang].get(message_id)}
        names = {lang: sorted(messages.placeholders(text)) for lang, text in written.items()}
        if len({tuple(n) for n in names.values()}) > 1:
            found.append(f"{message_id}: placeholders differ between languages: {names}")
    for lang, catalog in catalogs.items():
        if lang == messages.SOURCE_LANG:
            continue
        for message in catalog:
            wanted = _english_comment(english.get(message.id))
            if message.id in pot_ids and _words(message.auto_comments) != _words(wanted):
                found.append(f"{message.id}: the English comment in {lang}.po is not the "
                             "English text (run update)")
    return found


def catalogue_problems() -> list[str]:
    """:func:`problems` of this checkout's code and catalogues."""
    return problems(extract_ids(), messages.read_catalog(messages.TEMPLATE),
                    {lang: messages.read_catalog(messages.po_path(lang)) for lang in LANGS})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("extract", "update", "check"))
    command = parser.parse_args(argv).command
    if command == "extract":
        extract()
    elif command == "update":
        update()
    else:
        found = catalogue_problems()
        for line in found:
            print(line, file=sys.stderr)
        print(f"{len(found)} problems", file=sys.stderr)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
