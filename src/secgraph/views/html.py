"""One self-contained HTML page of the property graph, for a browser, offline.

The page inlines the vendored Cytoscape.js (``assets/cytoscape.min.js``, see
``assets/README.md``), its own script and the graph as JSON, so it opens from ``file://``
with nothing fetched. Nodes are colored and shaped by kind (:mod:`secgraph.views.style`),
edges labeled; the page has a search box, a filter by kind and by date, and a side panel with
the facts of the clicked node or edge and the filings they came from.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import networkx as nx

from secgraph.views.style import kind_styles

# Attributes that are the page's own structure, not facts to list in the side panel.
_STRUCTURE = {"label", "kind", "kind_label", "group", "filings", "names", "inverse", "start", "end"}


def _asset(name: str) -> str:
    return (resources.files("secgraph.views") / "assets" / name).read_text(encoding="utf-8")


def _fill(template: str, marker: str, value: str) -> str:
    before, sep, after = template.partition(marker)
    if not sep:
        raise AssertionError(f"{marker} missing from the HTML template")
    return before + value + after


def _facts(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in sorted(data.items()) if k not in _STRUCTURE}


def page_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page's script reads: Cytoscape.js elements, filings, and styles by kind."""
    nodes = []
    for node, data in g.nodes(data=True):
        entry: dict[str, Any] = {
            "id": node,
            **{k: data[k] for k in ("label", "kind", "kind_label", "group") if k in data},
            "filings": data.get("filings", []),
            "facts": _facts(data),
        }
        for key in ("start", "end", "names"):
            if key in data:
                entry[key] = data[key]
        nodes.append({"data": entry})
    edges: list[dict[str, Any]] = []
    for u, v, key, data in g.edges(keys=True, data=True):
        entry = {
            "id": f"e{len(edges)}",
            "source": u,
            "target": v,
            "key": key,
            "label": data["label"],
            "inverse": data.get("inverse", ""),
            "kind_label": data.get("kind_label", data["label"]),
            "filings": data.get("filings", []),
            "facts": _facts({k: w for k, w in data.items() if k not in ("property",)}),
        }
        for attr in ("start", "end"):
            if attr in data:
                entry[attr] = data[attr]
        edges.append({"data": entry})
    filings = {}
    for iri in sorted({f for _, d in g.nodes(data=True) for f in d.get("filings", ())}):
        info = g.graph.get("filings", {}).get(iri) or (g.nodes[iri] if iri in g else {})
        filings[iri] = {
            "label": info.get("label", iri),
            "source": info.get("sourceFile"),
            "accession": info.get("accessionNumber"),
        }
    present = {d["kind"] for _, d in g.nodes(data=True)}
    labels = {d["kind"]: d["kind_label"] for _, d in g.nodes(data=True)}
    styles = {
        kind: {"color": s.color, "shape": s.shape, "label": labels[kind]}
        for kind, s in kind_styles().items()
        if kind in present
    }
    return {"elements": {"nodes": nodes, "edges": edges}, "filings": filings, "styles": styles}


def render_html(g: nx.MultiDiGraph, *, title: str = "secgraph") -> str:
    """The whole page as text."""
    # "<" escaped as \u003c: the JSON cannot close its <script> element, and stays JSON.
    payload = json.dumps(page_data(g), sort_keys=True, ensure_ascii=False).replace("<", "\\u003c")
    library = _asset("cytoscape.min.js")
    if "</script" in library.lower():
        raise AssertionError("the vendored library cannot be inlined: it contains </script")
    page = _asset("view.html")
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    page = page.replace("@@TITLE@@", safe_title)
    # The library first: the data (text from filings) could hold a marker, the library cannot.
    page = _fill(page, "@@LIBRARY@@", library)
    return _fill(page, "@@DATA@@", payload)
