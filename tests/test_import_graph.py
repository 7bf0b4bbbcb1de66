"""The layers import each other in one direction only, and no package imports itself back through another.

Read from the source with `ast` (nothing is imported), so a cycle shows up even where a lazy import inside a
function hides it from Python at start-up.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The units of the graph: each studio layer is its own node; other top-level packages are one node each.
LAYERS = ["studio.domain", "studio.store", "studio.services", "studio.orchestration", "studio.web", "studio.cli"]
TOP = ["models", "assets", "dagster_project", "integrations", "studio_ui"]
DAGSTER_PACKAGES = {"dagster", "dagster_aws", "dagster_celery", "dagster_k8s", "dagster_postgres", "dagster_webserver"}


def _unit(module: str) -> str | None:
    for layer in LAYERS:
        if module == layer or module.startswith(layer + "."):
            return layer
    if module in ("studio.settings", "studio.compose"):
        return module
    if module == "studio":
        return "studio.settings"
    head = module.split(".")[0]
    if head in ("assets", "dagster_project"):
        return "pipeline"  # the Definitions load the assets and the assets use its resources: one unit
    return head if head in TOP else None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (imports for annotations only)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING":
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return [node for node in ast.walk(tree) if id(node) not in skipped]


@functools.cache  # read once per run: each test asks a different question of the same graph
def import_graph(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """unit -> {imported unit: 'file:line' of one import that makes the edge}."""
    graph: dict[str, dict[str, str]] = {}
    for package in ["studio", *TOP]:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations/versions" in path.as_posix():
                continue
            source = _unit(_module_name(path))
            if source is None:
                continue
            edges = graph.setdefault(source, {})
            for node in _runtime_nodes(ast.parse(path.read_text(), str(path))):
                names: list[str] = []
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                for name in names:
                    target = _unit(name)
                    if target and target != source:
                        edges.setdefault(target, f"{path.relative_to(root)}:{node.lineno}")
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str] | None:
    """One cycle as a list of units (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(unit: str) -> list[str] | None:
        state[unit] = 1
        stack.append(unit)
        for nxt in graph.get(unit, {}):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[unit] = 2
        return None

    for unit in sorted(graph):
        if unit not in state and (cycle := visit(unit)):
            return cycle
    return None


def test_the_package_import_graph_has_no_cycles() -> None:
    graph = import_graph()
    cycle = find_cycle(graph)
    where = [graph[a][b] for a, b in zip(cycle, cycle[1:])] if cycle else []
    assert cycle is None, f"import cycle {' -> '.join(cycle or [])} via {where}"


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("models", {"pipeline", "studio_ui", "studio.store", "studio.services", "studio.web"}),
        (
            "studio.domain",
            {
                "studio.store",
                "studio.services",
                "studio.orchestration",
                "studio.web",
                "studio.cli",
                "studio_ui",
                "pipeline",
            },
        ),
        ("studio.store", {"studio.services", "studio.orchestration", "studio.web", "studio.cli", "studio_ui"}),
        ("studio.services", {"studio.orchestration", "pipeline", "studio.web", "studio.cli", "studio_ui"}),
        ("studio.orchestration", {"pipeline", "studio.web", "studio.cli", "studio_ui"}),
        ("integrations", {"models", "pipeline", "studio.store", "studio.services", "studio.orchestration"}),
        ("studio_ui", {"studio.store", "studio.orchestration", "studio.cli", "pipeline"}),
    ],
)
def test_a_layer_does_not_reach_up(layer: str, forbidden: set[str]) -> None:
    edges = import_graph().get(layer, {})
    wrong = {target: where for target, where in edges.items() if target in forbidden}
    assert not wrong, f"{layer} imports {wrong}"


def test_only_orchestration_and_the_pipeline_import_dagster() -> None:
    """`studio/orchestration` is the studio's one door to Dagster; `dagster_project` and `assets` are the pipeline."""
    offenders = []
    for package in ["studio", "models", "integrations", "studio_ui"]:
        for path in (ROOT / package).rglob("*.py"):
            if _unit(_module_name(path)) == "studio.orchestration":
                continue
            for node in _runtime_nodes(ast.parse(path.read_text())):
                mods = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else ([a.name for a in node.names] if isinstance(node, ast.Import) else [])
                )
                if any(m.split(".")[0] in DAGSTER_PACKAGES for m in mods):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"Dagster imported outside studio/orchestration: {offenders}"


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b": "x"}, "b": {"c": "y"}, "c": {"a": "z"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": "x"}, "b": {}}) is None
