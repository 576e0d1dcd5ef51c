"""Property-graph exports of the projection: GraphML, GEXF, Cytoscape.js JSON, DOT and CSV.

All of them read :func:`secgraph.views.property_graph.project` through :func:`flat_graph`,
which makes every attribute a string (lists joined with `` | ``, exact decimals kept as
printed) and gives every edge a stable ``id``; networkx writes the files (pydot for DOT).

* GraphML (yEd, Gephi, Cytoscape): node and edge attributes as ``<data>`` keys.
* GEXF (Gephi): ``start``/``end`` dates on records, so Gephi's timeline can play the graph;
  colors and shapes per kind (``viz``); the ``kind`` attribute to partition by.
* cyjs: Cytoscape.js / Cytoscape desktop JSON (``elements.nodes``/``elements.edges``).
* dot: Graphviz, labeled nodes and edges, filled by kind.
* csv: ``DIR/nodes.csv`` and ``DIR/edges.csv`` for ``-o DIR``, or ``NAME-nodes.csv`` and
  ``NAME-edges.csv`` for ``-o NAME.csv``.
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import networkx as nx

from secgraph.views.style import kind_styles

LIST_SEPARATOR = " | "
# First columns of the CSV files; the other attributes follow in sorted order.
_NODE_COLUMNS = ("id", "label", "kind", "group", "start", "end", "filings")
_EDGE_COLUMNS = ("id", "source", "target", "label", "property", "start", "end", "filings")


class GraphExport(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYJS = "cyjs"
    DOT = "dot"
    CSV = "csv"

    @property
    def extension(self) -> str:
        return {"cyjs": "cyjs.json"}.get(self.value, self.value)


def _flat(value: Any) -> str:
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def edge_id(u: str, v: str, key: str) -> str:
    """A stable edge id: the record IRI of a collapsed record, else ``u key v``."""
    return key if key.startswith(("http:", "https:")) else f"{u} {key} {v}"


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with string attributes only, an ``id`` per edge, and no graph attributes but
    its name (nested graph data is not representable in GraphML or GEXF)."""
    flat = nx.MultiDiGraph(name=g.graph.get("name", "secgraph"))
    for node, data in g.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items()})
    for u, v, key, data in g.edges(keys=True, data=True):
        attrs = {k: _flat(val) for k, val in data.items()}
        attrs["id"] = edge_id(u, v, key)
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def write_graphml(g: nx.MultiDiGraph, output: IO[bytes]) -> None:
    nx.write_graphml(flat_graph(g), output, edge_id_from_attribute="id", named_key_ids=True)


def write_gexf(g: nx.MultiDiGraph, output: IO[bytes]) -> None:
    flat = flat_graph(g)
    styles = kind_styles()
    for _, data in flat.nodes(data=True):
        style = styles[data["kind"]]
        r, gr, b = style.rgb
        data["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}}
    writer = nx.readwrite.gexf.GEXFWriter(version="1.2draft")
    writer.add_graph(flat)
    # networkx stamps today's date and its own version: drop both, exports must not drift.
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "secgraph"
    writer.write(output)


def cytoscape_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The Cytoscape.js elements JSON (also read by Cytoscape desktop as .cyjs)."""
    flat = flat_graph(g)
    # "value" (the id again) lets networkx's cytoscape_graph read the file back.
    nodes = [{"data": {"id": n, "value": n, **d}} for n, d in flat.nodes(data=True)]
    edges = [
        {"data": {**d, "source": u, "target": v, "key": k}}
        for u, v, k, d in flat.edges(keys=True, data=True)
    ]
    return {
        "format_version": "1.0",
        "generated_by": "secgraph",
        "data": {"name": flat.graph["name"]},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cyjs(g: nx.MultiDiGraph, output: IO[bytes]) -> None:
    text = json.dumps(cytoscape_json(g), indent=1, sort_keys=True, ensure_ascii=False)
    output.write(text.encode("utf-8") + b"\n")


def write_dot(g: nx.MultiDiGraph, output: IO[bytes]) -> None:
    """Graphviz DOT: nodes ``n0, n1...`` in IRI order (DOT reads ``:`` in an id as a port, so
    the IRI is the node's ``URL``: a link in SVG output), labeled and filled by kind."""
    flat = flat_graph(g)
    styles = kind_styles()
    ids = {node: f"n{i}" for i, node in enumerate(sorted(flat.nodes))}
    dot = nx.MultiDiGraph(name="secgraph")
    dot.graph["graph"] = {"rankdir": "LR", "overlap": "false"}
    dot.graph["node"] = {"style": "filled", "fontname": "Helvetica", "fontsize": "10"}
    dot.graph["edge"] = {"fontname": "Helvetica", "fontsize": "8"}
    for node, data in flat.nodes(data=True):
        style = styles[data["kind"]]
        keep = {k: data[k] for k in ("label", "kind", "start", "end") if k in data}
        dot.add_node(ids[node], **keep, URL=node, shape=style.dot_shape, fillcolor=style.color)
    for u, v, key, data in flat.edges(keys=True, data=True):
        dot.add_edge(ids[u], ids[v], key=key, label=data["label"], id=data["id"])
    pydot_graph = nx.nx_pydot.to_pydot(dot)
    output.write(pydot_graph.to_string().encode("utf-8"))


def _csv_text(rows: list[dict[str, str]], first: tuple[str, ...]) -> str:
    extra = sorted({k for row in rows for k in row} - set(first))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[*first, *extra], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def csv_tables(g: nx.MultiDiGraph) -> tuple[str, str]:
    """``(nodes.csv, edges.csv)`` texts: one row per node, one per edge."""
    flat = flat_graph(g)
    nodes = [{"id": n, **d} for n, d in flat.nodes(data=True)]
    edges = [
        {**d, "source": u, "target": v, "key": k} for u, v, k, d in flat.edges(keys=True, data=True)
    ]
    return _csv_text(nodes, _NODE_COLUMNS), _csv_text(edges, (*_EDGE_COLUMNS, "key"))


def csv_paths(target: Path) -> tuple[Path, Path]:
    """Where ``-o target`` puts the two CSV files: ``NAME.csv`` is a prefix (``NAME-nodes.csv``,
    ``NAME-edges.csv``); any other path is a directory (``nodes.csv``, ``edges.csv``)."""
    if target.suffix.lower() == ".csv":
        stem = target.with_suffix("")
        return stem.with_name(stem.name + "-nodes.csv"), stem.with_name(stem.name + "-edges.csv")
    return target / "nodes.csv", target / "edges.csv"


def write_csv(g: nx.MultiDiGraph, target: Path) -> list[Path]:
    nodes_path, edges_path = csv_paths(target)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    nodes_text, edges_text = csv_tables(g)
    nodes_path.write_text(nodes_text, encoding="utf-8")
    edges_path.write_text(edges_text, encoding="utf-8")
    return [nodes_path, edges_path]


WRITERS = {
    GraphExport.GRAPHML: write_graphml,
    GraphExport.GEXF: write_gexf,
    GraphExport.CYJS: write_cyjs,
    GraphExport.DOT: write_dot,
}
