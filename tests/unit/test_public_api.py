"""The package uses its dependencies' public API only.

Textual, Rich and Pydantic keep their internals in modules and names with a
leading underscore; they change them between versions without notice. This
scan of ``src/`` fails when the package:

* imports a private module or name of a dependency (``textual._compositor``,
  ``from textual.keys import _character_to_key``, ``pydantic._internal``);
* reads or writes an underscore attribute that the package does not define
  itself (``screen._compositor``, ``self._bindings``), or one that Textual or
  Rich define, on anything but ``self`` (where the class check below applies);
* defines, in a subclass of a dependency's class, an underscore name that one
  of its dependency base classes also has (overriding ``Input._watch_value``,
  setting ``self._compositor`` on a screen), or redefines one of their
  reactive attributes (``virtual_size``).

The standard library is left out (``argparse._`` is its own business). The
guard tests at the end give the scan code that breaks each rule, so that it
cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
import sys
import textwrap
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from textual.reactive import Reactive

import alma_contact

PACKAGE = Path(alma_contact.__file__).parent
OURS = "alma_contact"
WATCHED = ("textual", "rich")
"""Whose private attribute names may not be touched on objects other than ``self``."""


def private(name: str) -> bool:
    """``_name`` and ``__name`` (mangled), not ``__dunder__``."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def third_party(module: str) -> bool:
    top = module.split(".")[0]
    return top not in sys.stdlib_module_names and top not in (OURS, "builtins")


def sources(root: Path = PACKAGE) -> list[Path]:
    return sorted(root.rglob("*.py"))


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


# --- imports ---------------------------------------------------------------------------


def private_imports(tree: ast.Module) -> list[str]:
    """Private modules and names of a dependency that ``tree`` imports, wherever the import is."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if third_party(alias.name) and any(map(private, alias.name.split("."))):
                    found.append(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not third_party(node.module):
                continue
            if any(map(private, node.module.split("."))):
                found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if private(a.name)]
    return found


# --- attributes --------------------------------------------------------------------------


def attribute_uses(tree: ast.AST) -> Iterator[tuple[ast.expr, str, int]]:
    """Every ``obj.name``, and every ``getattr(obj, "name")`` / ``setattr`` / ``hasattr``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            yield node.value, node.attr, node.lineno
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr", "delattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            yield node.args[0], node.args[1].value, node.lineno


def is_self(value: ast.expr) -> bool:
    """``self``, ``cls`` or ``super()``: the class check covers what they reach."""
    if isinstance(value, ast.Name):
        return value.id in {"self", "cls"}
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super"


def defined_names(trees: Iterable[ast.Module]) -> set[str]:
    """Every name the code defines: functions, classes, assigned names and attributes set."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return names


def stdlib_modules(tree: ast.Module) -> set[str]:
    """The names under which ``tree`` imports modules of the standard library."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not third_party(alias.name) and alias.name.split(".")[0] != OURS:
                    names.add(alias.asname or alias.name.split(".")[0])
    return names


@cache
def watched_private_names() -> frozenset[str]:
    """Every underscore name that Textual and Rich define anywhere in their code."""
    trees = []
    for package in WATCHED:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None
        trees += [parse(path) for path in sources(Path(spec.origin).parent)]
    return frozenset(name for name in defined_names(trees) if private(name))


def stray_attributes(tree: ast.Module, ours: set[str], theirs: frozenset[str]) -> list[str]:
    """Underscore attributes that ``tree`` touches and that are not the package's own."""
    stdlib = stdlib_modules(tree)
    found = []
    for value, name, line in attribute_uses(tree):
        if not private(name) or (isinstance(value, ast.Name) and value.id in stdlib):
            continue
        if name not in ours:
            found.append(f"line {line}: .{name} is not defined by the package")
        elif name in theirs and not is_self(value):
            found.append(f"line {line}: .{name} is a name Textual or Rich define")
    return found


# --- subclasses of a dependency's classes --------------------------------------------------


def names_used_on_self(cls: type) -> set[str]:
    """Underscore names a class's own code defines in its body, or reaches through ``self``,
    ``cls`` or ``super()`` (not those its metaclass adds, such as ``_abc_impl``)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # made at run time: no source to read
        return set()
    body = ast.parse(source).body[0]
    assert isinstance(body, ast.ClassDef), cls
    names = set()
    for statement in body.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    names.update(name for value, name, _ in attribute_uses(body) if is_self(value))
    return {name for name in names if private(name)}


@cache
def private_names_of(base: type) -> frozenset[str]:
    """The underscore names a dependency's class has: its attributes and those its methods set."""
    names = {name for name in vars(base) if private(name)}
    try:
        source = textwrap.dedent(inspect.getsource(base))
    except (OSError, TypeError):  # a built-in or compiled class: its attributes are all there is
        return frozenset(names)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and is_self(node.value):
            names.add(node.attr)
    names = {name for name in names if private(name)}
    return frozenset(names)


def dependency_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__[1:] if third_party(base.__module__)]


def overridden_internals(cls: type) -> list[str]:
    """Private names of its dependency base classes that ``cls`` defines or touches, and
    their reactive attributes that it defines again."""
    bases = dependency_bases(cls)
    if not bases:
        return []
    theirs = set().union(*(private_names_of(base) for base in bases))
    found = [f"{cls.__qualname__}.{name}" for name in sorted(names_used_on_self(cls) & theirs)]
    for name, value in vars(cls).items():
        if isinstance(value, Reactive) and any(isinstance(vars(b).get(name), Reactive) for b in bases):
            found.append(f"{cls.__qualname__}.{name} redefines a reactive of {bases[0].__qualname__}")
    return found


def classes_of(module: ModuleType) -> list[type]:
    """The classes a module defines, those nested in them included (a widget's messages)."""

    def own(namespace: dict[str, object], prefix: str) -> list[type]:
        return [
            value
            for value in namespace.values()
            if isinstance(value, type)
            and value.__module__ == module.__name__
            and value.__qualname__.startswith(prefix)
        ]

    found: list[type] = []
    todo = own(vars(module), "")
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.append(cls)
            todo += own(dict(vars(cls)), f"{cls.__qualname__}.")
    return sorted(found, key=lambda cls: cls.__qualname__)


def package_modules() -> list[ModuleType]:
    names = [OURS] + [
        info.name for info in pkgutil.walk_packages([str(PACKAGE)], prefix=f"{OURS}.") if info.name
    ]
    return [importlib.import_module(name) for name in names if not name.endswith("__main__")]


# --- the package ---------------------------------------------------------------------------


def test_no_private_module_of_a_dependency_is_imported() -> None:
    found = {str(p.relative_to(PACKAGE)): private_imports(parse(p)) for p in sources()}
    assert {path: names for path, names in found.items() if names} == {}


def test_every_underscore_attribute_is_the_package_own() -> None:
    trees = {path: parse(path) for path in sources()}
    ours = defined_names(trees.values())
    theirs = watched_private_names()
    found = {str(p.relative_to(PACKAGE)): stray_attributes(tree, ours, theirs) for p, tree in trees.items()}
    assert {path: names for path, names in found.items() if names} == {}


def test_no_class_overrides_or_touches_a_dependency_internals() -> None:
    modules = package_modules()
    classes = [cls for module in modules for cls in classes_of(module)]
    assert any(third_party(base.__module__) for cls in classes for base in cls.__mro__)  # the app's
    found = [problem for cls in classes for problem in overridden_internals(cls)]
    assert found == []


def test_every_module_of_the_package_is_scanned() -> None:
    scanned = {module.__name__ for module in package_modules()}
    expected = {
        ".".join((OURS, *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
        for path in sources()
    }
    assert expected - {f"{OURS}.__main__"} <= scanned


# --- guards: the scan does fail ---------------------------------------------------------------

BROKEN = """
import argparse
from textual._compositor import Compositor
from textual.keys import _character_to_key
import pydantic._internal._model_construction
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Input


class Quick(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self._compositor = Compositor()
        self._bindings.bind("f1", "help", "Help")


class Field(Input):
    class Typed(Input.Changed):
        def _private(self) -> object:
            return self._sender

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)

    async def _on_paste(self, event: object) -> None:
        print(self._value)


def text(app: object, screen: Screen[None]) -> object:
    argparse._("usage")  # the standard library's own business
    getattr(app, "_keymap")
    return screen._compositor.render_update(full=True)
"""


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ast.Module, ModuleType]:
    path = tmp_path / "broken_sample.py"
    path.write_text(BROKEN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "broken_sample", raising=False)
    return parse(path), importlib.import_module("broken_sample")


def test_the_scan_finds_private_imports(broken: tuple[ast.Module, ModuleType]) -> None:
    tree, _ = broken
    assert set(private_imports(tree)) == {
        "textual._compositor",
        "textual.keys._character_to_key",
        "pydantic._internal._model_construction",
    }


def test_the_scan_finds_underscore_attributes_of_others(broken: tuple[ast.Module, ModuleType]) -> None:
    tree, _ = broken
    ours = defined_names([tree])  # the sample sets self._compositor: it is still Textual's
    found = stray_attributes(tree, ours, watched_private_names())
    assert any("._bindings is not defined" in problem for problem in found), found
    assert any("._keymap is not defined" in problem for problem in found), found
    assert any("._compositor is a name Textual or Rich define" in problem for problem in found), found
    assert not any(": ._ " in problem for problem in found), found  # argparse._


def test_the_scan_finds_overridden_internals(broken: tuple[ast.Module, ModuleType]) -> None:
    _, module = broken
    found = [problem for cls in classes_of(module) for problem in overridden_internals(cls)]
    assert "Quick._compositor" in found
    assert "Quick._bindings" in found
    assert "Field._watch_value" in found
    assert "Field._on_paste" in found
    assert "Field.Typed._sender" in found  # a nested class: a message of the widget
    assert "Field._value" in found
    assert any(problem.startswith("Field.virtual_size redefines a reactive") for problem in found), found
