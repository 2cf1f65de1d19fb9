"""The house rules of the package, read off its source: no module longer than 600 lines, no
class longer than 300, no function more tangled than a cyclomatic complexity of 15, and no
module that imports one that imports it back (at the top of either, as Python runs them)."""

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "agreements_cli"
MODULES = sorted(PACKAGE.rglob("*.py"))


def name_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tree_of(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_600_lines_nor_a_class_than_300(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 600, lines
    for node in ast.walk(tree_of(path)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno + 1 <= 300, node.name


def complexity(function: ast.AST) -> int:
    """McCabe's count, as ruff's C901 makes it: one, and one for each branch (if, elif, for,
    while, except, case); a nested function is counted on its own."""
    count = 1
    todo = list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        branches = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.match_case)
        if isinstance(node, branches):
            count += 1
        todo.extend(ast.iter_child_nodes(node))
    return count


def test_the_complexity_count_is_mccabes():
    source = ("def f(a, b):\n    if a and b:\n        return 1\n    elif b:\n        pass\n"
              "    for x in a:\n        try:\n            pass\n        except OSError:\n"
              "            pass\n    def g():\n        if a:\n            pass\n")  # fmt: skip
    (function,) = tree_of_text(source).body
    assert complexity(function) == 5  # 1, the if, the elif, the for, the except (not g's)


def tree_of_text(text: str) -> ast.Module:
    return ast.parse(text)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_function_is_more_tangled_than_15(path):
    for node in ast.walk(tree_of(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert complexity(node) <= 15, node.name


def imported_at_the_top(path: Path) -> set[str]:
    """The package's modules that ``path`` imports when it is itself imported: at its top,
    not inside a function or under ``if TYPE_CHECKING``."""
    found = set()
    for node in tree_of(path).body:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.startswith("agreements_cli"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("agreements_cli"))
    return found


def first_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of imports in ``graph`` (module -> the modules it imports), or None."""
    seen: dict[str, int] = {}  # 1: on the path walked, 2: done

    def walk(name: str, path: list[str]) -> list[str] | None:
        seen[name] = 1
        for other in sorted(graph.get(name, ())):
            if seen.get(other) == 1:
                return path[path.index(other) :] + [other]
            if other not in seen and (found := walk(other, [*path, other])):
                return found
        seen[name] = 2
        return None

    for name in sorted(graph):
        if name not in seen and (found := walk(name, [name])):
            return found
    return None


def test_a_circle_of_imports_is_found():
    assert first_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert first_cycle({"a": {"b"}, "b": set(), "c": {"b"}}) is None


def test_no_module_imports_one_that_imports_it_back():
    known = {name_of(path): path for path in MODULES}
    graph = {name: {m for m in imported_at_the_top(path) if m in known and m != name}
             for name, path in known.items()}  # fmt: skip
    assert first_cycle(graph) is None
