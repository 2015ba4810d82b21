"""p8lib — the Project 8 dashboard's library: reports in, figures, maps and charts out.

Its packages are the steps a figure goes through, in order; a package imports only from
packages before it (``tests/test_layering.py`` checks it):

1. :mod:`p8lib.units` — Vietnamese names and the administrative units of both vintages;
   matching names to codes.
2. :mod:`p8lib.contract` — what every later step shares: the data contract (schema), the
   indicator catalogue and the shipped tables, the message catalogue (i18n).
3. :mod:`p8lib.ingest` — report files to validated figures, every problem located.
4. :mod:`p8lib.store` — the shared, versioned store of figures: batches, history, accounts.
5. :mod:`p8lib.analysis` — filters, attainment, roll-ups over the figures.
6. :mod:`p8lib.present` — what people read: names, tables, charts, downloads.
7. :mod:`p8lib.maps` — boundaries and the decks that draw them.

:mod:`p8lib.cli` (``python -m p8lib``) sits on top of them all. Nothing here imports
streamlit.
"""
