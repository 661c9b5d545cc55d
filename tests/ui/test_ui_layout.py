"""ui/ is grouped by concept (issue 15): common, capture, projector, after the event, prepare, shell.

Every import between ui modules, at module level or inside a function (a deferred import is still
a dependency), goes down the concepts, and no module imports, even indirectly, one that imports
it back: no import circle, deferred or not. (import-linter's layers contract in pyproject.toml
checks the same order on module-level imports in CI.)"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
# Lowest first: a package may import from those before it, never from those after it.
ORDER = ["common", "capture", "projector", "after", "prepare", "shell"]
SIBLINGS = {"projector", "after", "prepare"}  # independent of one another


def _module(path: Path) -> str:
    return ".".join(("ui", *path.relative_to(UI).with_suffix("").parts)).removesuffix(".__init__")


def _imports() -> dict[str, set[str]]:
    modules = {_module(p): p for p in UI.rglob("*.py") if "i18n" not in p.parts}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            for t in targets:
                # the deepest ui module the import names
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name and t.count(".") > 1:
                    graph[name].add(t)
    return graph


def test_every_ui_module_is_in_a_concept():
    loose = sorted(p.name for p in UI.glob("*.py") if p.name != "__init__.py")
    assert loose == [], "modules outside the concept packages"
    assert {p.name for p in UI.iterdir() if (p / "__init__.py").exists()} == {*ORDER}


def test_no_import_circle_even_deferred():
    graphlib.TopologicalSorter(_imports()).prepare()  # raises CycleError naming the circle


def test_imports_go_down_the_concepts():
    wrong = []
    for source, targets in _imports().items():
        for target in targets:
            a, b = source.split(".")[1], target.split(".")[1]
            if a == b:
                continue
            if ORDER.index(b) > ORDER.index(a) or (a in SIBLINGS and b in SIBLINGS):
                wrong.append(f"{source} → {target}")
    assert wrong == []
