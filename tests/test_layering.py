"""The package's layers, checked by reading every import of every module with ``ast``.

Layers, bottom to top (a module may import only from its own layer or lower ones)::

    0 base       exceptions, _i18n, _validation, _progress, _parallel, _safety (leaf helpers)
                 _schema, _parse, _problems, _checks, _arguments (the table schema and its
                 validator, used by model and the loaders)
    1 data       model, io, datasets
    2 graphs     graphs
    3 metrics    metrics, inference
    4 risk       risk
    5 output     reporting, plotting
    6 cli        cli

Rules, over the import graph of modules (an edge A -> B for every ``import B`` or
``from B import x`` in A, resolved to the module that defines ``x`` when ``x`` is a submodule):

1. **No upward import**: every import, at module level or inside a function (a "lazy"
   import), goes to the same layer or a lower one.
2. **No cycle at module level**: the graph of module-level imports is acyclic.
3. **Lazy imports only go downwards too**: a lazy import must not close a cycle either, so
   the graph of all imports (module-level and lazy) is acyclic as well. A lazy import is for
   cost (matplotlib, openpyxl), never a way around a cycle.

``lsmnet/__init__.py`` (the lazy public namespace) and ``lsmnet/build.py`` (deprecated alias of
``lsmnet.graphs``) are exempt: they sit above everything by design.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS = {
    "exceptions": 0,
    "_i18n": 0,
    "_validation": 0,
    "_progress": 0,
    "_parallel": 0,
    "_version": 0,
    "_safety": 0,
    "_schema": 0,
    "_parse": 0,
    "_problems": 0,
    "_checks": 0,
    "_arguments": 0,
    "model": 1,
    "io": 1,
    "datasets": 1,
    "graphs": 2,
    "metrics": 3,
    "inference": 3,
    "risk": 4,
    "reporting": 5,
    "plotting": 5,
    "cli": 6,
}
EXEMPT = {"lsmnet", "lsmnet.build"}

# Import edges (importer, imported) in files the author of this test does not own, to be
# removed by their owners (issue 13). Each is one specific pair; the test fails when a listed
# pair no longer exists, so the set can only shrink.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted((SRC / "lsmnet").rglob("*.py"))}


def _lazy_nodes(tree: ast.AST) -> set[int]:
    """ids of import nodes inside a function or an ``if TYPE_CHECKING:`` block."""
    lazy = set()
    for node in ast.walk(tree):
        is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        is_typing = isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        if is_function or is_typing:
            lazy.update(
                id(inner)
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            )
    return lazy


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, bool, int]]:
    """(imported lsmnet module, lazy?, line) for each import in module ``name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lazy = _lazy_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target.split(".")[0] == "lsmnet":
                found.append((target, id(node) in lazy, node.lineno))
    return found


def layer(name: str) -> int:
    """The layer of module ``name``; a module without one sits on top until it is given one
    (test_every_top_level_module_has_a_layer names it)."""
    return LAYERS.get(name.split(".")[1], max(LAYERS.values()) + 1)


def graph() -> nx.DiGraph:
    """Import graph of lsmnet; edge attribute ``lazy`` is False if any such import is
    module-level, ``line`` the first line."""
    found = modules()
    known = set(found)
    G = nx.DiGraph()
    for name, path in found.items():
        if name in EXEMPT:
            continue
        G.add_node(name)
        for target, lazy, line in imports(name, path, known):
            if target == name:
                continue
            if G.has_edge(name, target):
                G.edges[name, target]["lazy"] &= lazy
            else:
                G.add_edge(name, target, lazy=lazy, line=line)
    return G


def upward(G: nx.DiGraph) -> set[tuple[str, str]]:
    return {(a, b) for a, b in G.edges if b in EXEMPT or (a not in EXEMPT and layer(b) > layer(a))}


def cycle_edges(G: nx.DiGraph) -> set[tuple[str, str]]:
    """Edges inside a strongly connected component (every edge of every cycle)."""
    edges = set()
    for component in nx.strongly_connected_components(G):
        if len(component) > 1:
            edges |= set(G.subgraph(component).edges)
    return edges


def describe(G: nx.DiGraph, edges) -> list[str]:
    kind = {True: "lazy", False: "module-level"}
    return sorted(f"{a} -> {b} ({kind[G.edges[a, b]['lazy']]}, line {G.edges[a, b]['line']})"
                  for a, b in edges)  # fmt: skip


def test_every_top_level_module_has_a_layer():
    tops = {name.split(".")[1] for name in modules() if name not in EXEMPT}
    assert tops - set(LAYERS) == set()


def test_no_import_from_a_lower_layer_to_a_higher_one():
    G = graph()
    assert describe(G, upward(G) - KNOWN_VIOLATIONS) == []


def test_no_cycle_among_module_level_imports():
    G = graph()
    eager = G.edge_subgraph([(a, b) for a, b, lazy in G.edges(data="lazy") if not lazy])
    assert describe(G, cycle_edges(eager) - KNOWN_VIOLATIONS) == []


def test_lazy_imports_do_not_close_a_cycle():
    G = graph()
    assert describe(G, cycle_edges(G) - KNOWN_VIOLATIONS) == []


def test_known_violations_still_exist():
    """Once an owner removes a listed import, its pair must leave KNOWN_VIOLATIONS."""
    G = graph()
    assert KNOWN_VIOLATIONS - (upward(G) | cycle_edges(G)) == set()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from lsmnet.risk import flags\n", [("lsmnet.risk.flags", False)]),
        ("from . import thresholds\n", [("lsmnet.risk.thresholds", False)]),
        ("from .catalog import X\n", [("lsmnet.risk.catalog", False)]),
        ("def f():\n    from lsmnet import _i18n\n", [("lsmnet._i18n", True)]),
        ("import lsmnet.io.tables as t\n", [("lsmnet.io.tables", False)]),
        ("from lsmnet.exceptions import LsmnetError\n", [("lsmnet.exceptions", False)]),
    ],
)
def test_imports_are_resolved(source, expected, tmp_path):
    path = tmp_path / "catalog.py"
    path.write_text(source, encoding="utf-8")
    known = set(modules())
    found = [(t, lazy) for t, lazy, _ in imports("lsmnet.risk.catalog", path, known)]
    assert found == expected


def test_the_checks_catch_an_upward_import_and_a_cycle():
    G = nx.DiGraph()
    G.add_edge("lsmnet.metrics.ei", "lsmnet.risk.flags", lazy=True, line=1)
    G.add_edge("lsmnet.risk.a", "lsmnet.risk.b", lazy=False, line=1)
    G.add_edge("lsmnet.risk.b", "lsmnet.risk.a", lazy=True, line=1)
    assert upward(G) == {("lsmnet.metrics.ei", "lsmnet.risk.flags")}
    assert cycle_edges(G) == {
        ("lsmnet.risk.a", "lsmnet.risk.b"),
        ("lsmnet.risk.b", "lsmnet.risk.a"),
    }
