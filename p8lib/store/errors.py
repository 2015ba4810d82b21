"""Why the store refused a write: a message in both languages (``p8lib.contract.i18n``)."""

from __future__ import annotations

from p8lib.contract import t


class StoreError(Exception):
    """A write the store refused (nothing was written).

    ``key`` is a message id of the catalogues (:mod:`p8lib.contract.messages`; written as
    the first argument of ``StoreError(…)``, extraction finds it), ``params`` fill it;
    ``str(error)`` is the English text, :meth:`message` the text in a language.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The refusal in ``lang`` ("vi" or "en")."""
        return t(self.key, lang, **self.params)
