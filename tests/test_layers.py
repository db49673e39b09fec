"""The layers of macros/ as the README describes them, checked on the code's own imports.

data (model, loader, registry) < site (pages, views, search, downloads) < editing (importer,
change report, schema, guide) < bench (national sample, timing); the MkDocs adapters
(macros/hooks.py, macros/site_macros.py) sit on top; the scripts' plumbing (macros/cli.py) below all.
A module imports only its own layer and the ones below, no module imports itself back
through a circle, and only the adapters import MkDocs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "macros"
LAYERS = ("data", "site", "editing", "bench")
ADAPTERS = {"macros.hooks", "macros.markdown_reuse", "macros.page_worker", "macros.site_macros"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, as absolute names (whole `from x import y` too, when y is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {i for i in imports(path) if i in MODULES and i != name} for name, path in MODULES.items()}


BASE = {"macros", "macros.cli"}  # the package and the scripts' plumbing (paths, friendly exit) import nothing of ours


def layer(name: str) -> int:
    """0… for data, site, editing, bench; above them the adapters; below them BASE."""
    parts = name.split(".")
    if name in BASE:
        return -1
    return LAYERS.index(parts[1]) if len(parts) >= 2 and parts[1] in LAYERS else len(LAYERS)


def test_every_module_belongs_to_a_layer() -> None:
    loose = [n for n in MODULES if layer(n) == len(LAYERS) and n not in ADAPTERS]
    assert loose == [], f"modules outside macros/{{{','.join(LAYERS)}}}/: {loose}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_down_the_layers(name: str) -> None:
    upward = sorted(i for i in GRAPH[name] if layer(i) > layer(name))
    assert upward == [], f"{name} (layer {layer(name)}) imports from a higher layer: {upward}"


def test_no_import_circle() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    circles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert circles == [], "import circles: " + "; ".join(" → ".join(c) for c in circles)


def test_only_the_adapters_import_mkdocs() -> None:
    users = sorted(n for n, p in MODULES.items() if any(i.split(".")[0] == "mkdocs" for i in imports(p)))
    assert set(users) <= ADAPTERS, f"MkDocs imported outside the adapters: {sorted(set(users) - ADAPTERS)}"
