"""The layout holds: imports point down the layers (docs/architecture.md) and
readers and validation never import each other, no import cycle, no private
name reached across modules, the PDF reader's stages are readable, every rule id
emitted is declared exactly once, and the docs' rule table is the declarations'."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import govclass
import govclass.validation  # noqa: F401 - the validation rules declare theirs as they load
from govclass.rulebook import DECLARED, load_declarations

load_declarations()  # every module that declares rules (validation loads the readers' only when asked, issue 27)

PACKAGE = Path(govclass.__file__).resolve().parent
REPO = Path(__file__).resolve().parent.parent


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return out


MODULES = _modules()


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of the import nodes under ``if TYPE_CHECKING:`` (never run)."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skip.update(id(n) for n in ast.walk(node))
    return skip


def _imports(name: str, tree: ast.Module) -> set[str]:
    """The govclass modules ``name`` imports anywhere (module level or inside a
    function), a submodule when ``from package import submodule``."""
    skip = _type_checking_only(tree)
    package = name if (PACKAGE.parent / name.replace(".", "/") / "__init__.py").exists() else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("govclass"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("govclass"):
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                found.add(sub if sub in MODULES else base)
    found.discard(name)
    return {m for m in found if m in MODULES}


def test_no_import_cycle():
    graph = {name: _imports(name, tree) for name, tree in MODULES.items()}
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


#: The layers, bottom up (docs/architecture.md): a module imports from its own layer and the layers
#: below, never above.  readers and validation stand side by side on the document model and neither
#: imports the other.  A module's layer is that of the longest prefix listed.
LAYERS = {
    "base": ("govclass.errors", "govclass.normalize", "govclass.limits", "govclass.rulebook", "govclass.vocabulary",
             "govclass.speedups"),
    "catalog": ("govclass.model", "govclass.catalog"),
    "document": ("govclass.document", "govclass.speedups.twins"),
    "readers": ("govclass.readers",),
    "validation": ("govclass.validation",),
    "api": ("govclass.api", "govclass.evidence", "govclass.adapters", "govclass.stream", "govclass.frame",
            "govclass.dask"),
    "cli": ("govclass.cli",),
    "package": ("govclass.__main__",),
}
#: The package's root module holds __version__ and the public names, imported lazily by name: it imports
#: nothing as it loads (every module of govclass loads it first), so any module may read it.
ROOT = "govclass"
RANK = {"base": 0, "catalog": 1, "document": 2, "readers": 3, "validation": 3, "api": 4, "cli": 5, "package": 6}
#: Imports the layers allow for now, each with why.
ALLOWED: set[tuple[str, str]] = set()  # no exception: the narrative wing reads document.claims


def layer_of(module: str) -> str:
    if module == ROOT:
        return "base"
    best = max(((prefix, layer) for layer, prefixes in LAYERS.items() for prefix in prefixes
                if module == prefix or module.startswith(prefix + ".")), key=lambda x: len(x[0]), default=None)
    assert best is not None, f"{module} is in no layer (add it to LAYERS)"
    return best[1]


def _layer_breaches(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, imports in graph.items():
        mine = layer_of(module)
        for target in imports:
            theirs = layer_of(target)
            sideways = {mine, theirs} == {"readers", "validation"}
            if (RANK[theirs] > RANK[mine] or sideways) and (module, target) not in ALLOWED:
                bad.append(f"{module} ({mine}) -> {target} ({theirs})")
    return sorted(bad)


def test_layers_only_point_down():
    """catalog → document model → readers and validation side by side → api and adapters → cli:
    every import (module level or inside a function) points down or stays in its layer, and
    neither readers nor validation imports the other."""
    graph = {name: _imports(name, tree) for name, tree in MODULES.items()}
    assert not _layer_breaches(graph), _layer_breaches(graph)
    assert "govclass.catalog.store" not in graph["govclass.model"]  # the model does not import the store


def test_the_layer_test_can_fail():
    assert _layer_breaches({"govclass.document": {"govclass.readers.csv"}}) == [
        "govclass.document (document) -> govclass.readers.csv (readers)"]
    assert _layer_breaches({"govclass.validation.rules.cross": {"govclass.readers.disclosure"}})
    assert _layer_breaches({"govclass.readers.pdf.reader": {"govclass.validation.validate"}})
    assert _layer_breaches({"govclass.validation.validate": {"govclass.readers.narrative"}})  # no exception left
    assert not _layer_breaches({"govclass.readers.csv": {"govclass.document", "govclass.vocabulary"}})


def test_the_cycle_test_can_fail():
    """The walk sees an import inside a function (the way cycles used to hide)."""
    tree = ast.parse("def f():\n    from govclass.catalog import matching\n")
    assert _imports("govclass.catalog.catalog", tree) == {"govclass.catalog.matching"}


def test_no_private_name_reached_across_modules():
    """``from govclass.x import _name`` and ``module._name`` on an imported
    govclass module are not allowed (the package's own C module excepted)."""
    bad = []
    for name, tree in MODULES.items():
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("govclass"):
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    if a.name.startswith("_") and not a.name.startswith("__") and full != "govclass.speedups._speedups":
                        bad.append(f"{name}: from {node.module} import {a.name}")
                    if full in MODULES:
                        aliases[a.asname or a.name] = full
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("govclass") and a.asname:
                        aliases[a.asname] = a.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                bad.append(f"{name}: {node.value.id}.{node.attr}")
    assert not bad, bad


#: calls whose first argument is the rule id of a finding or a reader's problem
EMITTERS = {"finding_for", "Finding", "Problem", "_problem", "compare", "finding"}


def _emitted() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, tree in MODULES.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            fname = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            first = node.args[0]
            if fname in EMITTERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                out.setdefault(first.value, []).append(f"{name}:{node.lineno}")
    return out


def test_every_emitted_rule_id_is_declared():
    emitted = _emitted()
    assert len(emitted) >= 20, sorted(emitted)  # the scan finds the emitters
    undeclared = {rule: where for rule, where in emitted.items() if rule not in DECLARED}
    assert not undeclared, undeclared


def test_every_declared_rule_is_emitted_and_declared_once():
    emitted = _emitted()
    assert set(DECLARED) - set(emitted) == {"low-confidence-code"} or set(DECLARED) <= set(emitted), \
        set(DECLARED) - set(emitted)  # low-confidence-code is made in bulk by its declaration's id
    calls = []
    for name, tree in MODULES.items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "declare"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                calls.append(node.args[0].value)
    assert sorted(calls) == sorted(DECLARED), "a rule id declared twice, or declared outside the scan"


def test_severity_and_rules_come_from_the_declarations():
    from govclass.validation import RULES, SEVERITY

    assert SEVERITY == {r.id: r.severity for r in DECLARED.values()}
    assert list(RULES) == ["invalid-amount", "codes", "names", "structure", "level", "rollup", "columns"]


def _make_rule_docs():
    spec = importlib.util.spec_from_file_location("make_rule_docs", REPO / "tools" / "make_rule_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_rule_table_is_the_declarations():
    tool = _make_rule_docs()
    text = tool.DOC.read_text(encoding="utf-8")
    assert tool.rendered(text) == text, "docs/validation.md is stale: run python tools/make_rule_docs.py"
    for rule in DECLARED.values():
        assert f"| {rule.id} | {rule.severity} | {rule.family} |" in text


def test_rules_command_lists_the_declarations():
    r = subprocess.run([sys.executable, "-m", "govclass", "rules", "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert {x["id"]: x["severity"] for x in listed} == {r.id: r.severity for r in DECLARED.values()}
    assert all(x["description"] and x["description_zh"] and x["family"] for x in listed)
    text = subprocess.run([sys.executable, "-m", "govclass", "rules"], capture_output=True, text=True)
    assert text.returncode == 0 and "rollup-mismatch" in text.stdout and "尾差" in text.stdout


def test_every_error_is_a_govclass_error():
    """The whole error tree is in errors.py, under GovclassError; the
    ValueError/LookupError bases that callers rely on are kept."""
    import govclass.errors as errors

    defined = [(name, node.name) for name, tree in MODULES.items() for node in ast.walk(tree)
               if isinstance(node, ast.ClassDef) and node.name.endswith("Error")]
    assert {m for m, _ in defined} == {"govclass.errors"}, defined
    for _, cls in defined:
        assert issubclass(getattr(errors, cls), errors.GovclassError), cls
    assert issubclass(errors.DocumentError, ValueError) and issubclass(errors.InvalidCodeError, ValueError)
    assert issubclass(errors.UnknownCodeError, LookupError) and issubclass(errors.UnknownYearError, LookupError)
    from govclass.document import DocumentError
    from govclass.readers import InputError

    assert DocumentError is errors.DocumentError and InputError is errors.InputError


# -- the PDF reader's stages are readable (issue 22) ---------------------------------------------------

PDF_STAGES = PACKAGE / "readers" / "pdf"
#: how long a function may be (lines) without a reason written down (a comment "# long:" in its body)
MAX_FUNCTION_LINES = 80
#: two-letter names a reader of geometry expects: the left and right edge, the size of the text
COORDINATE_NAMES = {"x0", "x1", "em", "_"}


def _scoped_out(tree: ast.AST) -> set[int]:
    """Ids of the nodes inside lambdas and comprehensions (their short names are allowed)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            out.update(id(sub) for sub in ast.walk(node))
    return out


def _short_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Names bound by functions (arguments, assignments, loop targets, with/except targets) of one or
    two letters, outside lambdas and comprehensions; class fields are attributes, not names."""
    inside = _scoped_out(tree)
    out = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if id(node) in inside:
                continue
            name = node.id if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) else \
                node.arg if isinstance(node, ast.arg) else \
                node.name if isinstance(node, ast.ExceptHandler) and node.name else None
            if name is not None and len(name) <= 2 and name not in COORDINATE_NAMES:
                out.append((node.lineno, name))
    return out


def test_pdf_stages_have_short_functions_and_real_names():
    """readers/pdf/: no function longer than MAX_FUNCTION_LINES without a reason written in it
    ("# long: …"), no one- or two-letter names outside lambdas and comprehensions, no module over
    900 lines (pdfgrid.py was 2,171 lines with 14 closures in one function)."""
    long, short, big = [], [], []
    for path in sorted(PDF_STAGES.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        lines = source.splitlines()
        if len(lines) > 900:
            big.append(f"{path.name}: {len(lines)} lines")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                body = lines[node.lineno - 1:node.end_lineno]
                if size > MAX_FUNCTION_LINES and not any("# long:" in line for line in body):
                    long.append(f"{path.name}:{node.lineno} {node.name} ({size} lines)")
        short += [f"{path.name}:{line} {name}" for line, name in _short_names(tree)]
    assert not long and not short and not big, (long, short, big)


def test_the_style_test_can_fail():
    tree = ast.parse("def f(a, index):\n    for k in range(3):\n        pass\n    return [k for k in a]\n")
    assert sorted(name for _line, name in _short_names(tree)) == ["a", "k"]  # not index, not the comprehension's k


def test_the_top_folder_shows_the_layers():
    """At most 14 modules beside the packages (catalog, document, readers, validation, adapters, cli,
    speedups): the base, the public API, and the published names of moved modules."""
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= 14, top
    for moved in ("stream", "frame", "dask"):  # CHANGELOG: published paths, now the adapters'
        assert importlib.import_module(f"govclass.{moved}").__name__.startswith("govclass.adapters.")


#: no module of the package is longer (issue 22: pdfgrid.py had 2,171 lines and six jobs)
MAX_MODULE_LINES = 900


def test_no_module_is_over_900_lines():
    big = [f"{path.relative_to(PACKAGE)}: {n} lines" for path in sorted(PACKAGE.rglob("*.py"))
           if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES]
    assert not big, big


def test_no_function_is_long_without_a_reason():
    """Every function of the package under MAX_FUNCTION_LINES, or a reason written in it ("# long: …")."""
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = lines[node.lineno - 1:node.end_lineno]
                if len(body) > MAX_FUNCTION_LINES and not any("# long:" in line for line in body):
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({len(body)} lines)")
    assert not long, long
