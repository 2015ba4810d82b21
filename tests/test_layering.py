"""The library's packages follow the flow of a figure, and callers use their front doors.

Rules, read from every ``import`` statement (those inside functions too):

1. a p8lib package imports only from itself and from packages before it in :data:`FLOW`;
2. code outside a package (other packages, the app, pages, scripts, benchmarks, ``geo/``)
   imports from the package itself, only names its ``__all__`` lists — never from one of its
   modules (``from p8lib.ingest.readers import …``);
3. nothing in p8lib imports streamlit.

Tests may import any module: they test modules.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The packages in the order a figure flows through them.
FLOW = ("units", "contract", "ingest", "store", "analysis", "present", "maps")
# Top-level modules: the shared lazy-export helper and the memo by identity (both import
# nothing of p8lib) and the command line, which sits on top of every package.
TOP = {"_lazy": -1, "memo": -1, "cli": len(FLOW), "__main__": len(FLOW),
       "__init__": len(FLOW)}
CALLERS = ("app", "pages", "scripts", "bench", "geo")


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str  # "p8lib.ingest.readers"
    names: tuple[str, ...]  # names after "import" in a from-import; () for "import x"

    def __str__(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.module}"


def imports_of(path: Path) -> list[Import]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(Import(path, node.lineno, node.module,
                                tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            found += [Import(path, node.lineno, a.name, ()) for a in node.names]
    return found


def library_files() -> list[Path]:
    return sorted((ROOT / "p8lib").rglob("*.py"))


def caller_files() -> list[Path]:
    files = [ROOT / "dashboard.py", ROOT / "serve.py"]
    for folder in CALLERS:
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if f.exists()]


def rank(path: Path) -> tuple[str, int]:
    """(package or top-level module, its place in the flow) of a file of p8lib."""
    parts = path.relative_to(ROOT / "p8lib").with_suffix("").parts
    if parts[0] == "cli":  # the command line: a package on top of the flow
        return "cli", len(FLOW)
    if len(parts) > 1:
        return parts[0], FLOW.index(parts[0])
    return parts[0], TOP[parts[0]]


def target(module: str, names: tuple[str, ...]) -> list[str]:
    """The p8lib packages or top-level modules an import reaches."""
    parts = module.split(".")
    if parts[0] != "p8lib":
        return []
    if len(parts) > 1:
        return [parts[1]]
    return list(names)  # "from p8lib import units, cli"


def test_every_library_file_is_in_a_package_of_the_flow():
    for path in library_files():
        assert rank(path)  # raises for a package or a module not in FLOW / TOP


def test_packages_import_only_from_earlier_packages():
    wrong = []
    for path in library_files():
        own, place = rank(path)
        for imp in imports_of(path):
            for name in target(imp.module, imp.names):
                other = FLOW.index(name) if name in FLOW else TOP.get(name)
                if other is None or (name != own and other > place):
                    wrong.append(f"{imp} ({own} may not import {name})")
    assert not wrong, "imports against the flow:\n" + "\n".join(wrong)


def _front_door_breaches(files: list[Path], own_package) -> list[str]:
    wrong = []
    for path in files:
        own = own_package(path)
        for imp in imports_of(path):
            parts = imp.module.split(".")
            if parts[0] != "p8lib" or len(parts) < 2 or parts[1] not in FLOW or parts[1] == own:
                continue
            if len(parts) > 2:
                wrong.append(f"{imp}: import from p8lib.{parts[1]}, not its modules")
                continue
            exported = set(importlib.import_module(imp.module).__all__)
            missing = [n for n in imp.names if n not in exported]
            if missing or not imp.names:
                wrong.append(f"{imp}: {missing or 'import'} not in p8lib.{parts[1]}.__all__")
    return wrong


def test_other_packages_use_a_package_through_its_exports():
    wrong = _front_door_breaches(library_files(), lambda p: rank(p)[0])
    assert not wrong, "\n".join(wrong)


def test_the_app_and_scripts_use_packages_through_their_exports():
    wrong = _front_door_breaches(caller_files(), lambda p: None)
    assert not wrong, "\n".join(wrong)


def test_the_library_never_imports_streamlit():
    wrong = [str(i) for p in library_files() for i in imports_of(p)
             if i.module.split(".")[0] == "streamlit"]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("package", FLOW)
def test_every_package_says_what_it_holds_and_exports_what_it_lists(package):
    path = ROOT / "p8lib" / package / "__init__.py"
    if not path.exists():
        pytest.skip(f"p8lib.{package} does not exist yet")
    module = importlib.import_module(f"p8lib.{package}")
    assert module.__doc__ and "import" in module.__doc__.lower()  # what it may import
    for name in module.__all__:
        assert getattr(module, name) is not None, f"p8lib.{package}.{name}"


@pytest.mark.parametrize(("source", "expected"), [
    ("from p8lib.analysis import metrics\n", "contract may not import analysis"),
    ("from p8lib import maps\n", "contract may not import maps"),
])
def test_the_flow_check_catches_an_import_backwards(tmp_path, source, expected, monkeypatch):
    # A contract module that imports a later package is reported.
    import tests.test_layering as this  # noqa: PLC0415 - its ROOT is patched

    (tmp_path / "p8lib" / "contract").mkdir(parents=True)
    (tmp_path / "p8lib" / "contract" / "bad.py").write_text(source)
    monkeypatch.setattr(this, "ROOT", tmp_path)
    with pytest.raises(AssertionError, match=expected):
        this.test_packages_import_only_from_earlier_packages()


def test_the_front_door_check_catches_an_import_of_a_private_module(tmp_path, monkeypatch):
    import tests.test_layering as this  # noqa: PLC0415

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "bad.py").write_text("from p8lib.ingest.readers import read_cells\n")
    monkeypatch.setattr(this, "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="not its modules"):
        this.test_the_app_and_scripts_use_packages_through_their_exports()
