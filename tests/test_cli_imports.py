"""Start-up: the CLI module loads typer and its option tables, never a command's layer.

Each command imports what it runs (the store, the views, the build) when it runs, so
``secgraph --help`` and ``secgraph query 'ASK {}'`` start near the interpreter's own speed.
Checked in a fresh interpreter (this test process has imported everything already), by the
modules present, not by a timer.
"""

from __future__ import annotations

import json
import subprocess
import sys

import secgraph
import secgraph.graph
import secgraph.models
import secgraph.views

# Heavy layers, and the project modules that pull them in.
FORBIDDEN = (
    "networkx",
    "rdflib",
    "pyrudof",
    "pydantic",
    "nameparser",
    "rich",
    "lxml",
    "secgraph.build",
    "secgraph.batch",
    "secgraph.graph.builder",
    "secgraph.graph.mapper",
    "secgraph.graph.resolve",
    "secgraph.lookup",
    "secgraph.views.exports",
    "secgraph.views.property_graph",
)


def _modules_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _loaded(modules: set[str], root: str) -> bool:
    return any(m == root or m.startswith(root + ".") for m in modules)


def test_importing_the_cli_loads_no_heavy_layer() -> None:
    """Trap: a module-level import in cli.py (or in a package __init__ it reaches) that makes
    every command, --help included, pay for networkx, rdflib, pydantic or the build."""
    modules = _modules_after("import secgraph.cli")
    assert "typer" in modules  # the check itself sees imports
    assert [root for root in FORBIDDEN if _loaded(modules, root)] == []


def test_help_loads_no_heavy_layer() -> None:
    """Trap: --help rendered by rich (typer's default), or the help text of the supported
    forms built from the parsers' modules instead of the registry's table."""
    code = (
        "from secgraph.cli import app\n"
        "try:\n    app(['--help'], prog_name='secgraph')\n"
        "except SystemExit:\n    pass"
    )
    modules = _modules_after(code)
    assert [root for root in FORBIDDEN if _loaded(modules, root)] == []


def test_the_package_names_still_resolve() -> None:
    """Trap: a lazy package __init__ whose table names a module or attribute that does not
    exist: the public names fail only when first used."""
    for package in (secgraph, secgraph.graph, secgraph.models, secgraph.views):
        for name in package.__all__:
            assert getattr(package, name) is not None, (package.__name__, name)
