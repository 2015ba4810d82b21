"""Names a package exports from submodules that load on first use (PEP 562)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module


def lazy_exports(package: str, exports: dict[str, str],
                 submodules: Iterable[str] = ()) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``package.<module>`` the first time one of its
    names (``exports``: name → module), or one of ``submodules`` itself, is asked for, so
    importing the package stays cheap."""
    modules = frozenset(submodules)

    def __getattr__(name: str) -> object:
        if name in exports:
            return getattr(import_module(f"{package}.{exports[name]}"), name)
        if name in modules:
            return import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
