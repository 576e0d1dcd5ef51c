"""The HTML view: one self-contained page, checked as text and in real headless chromium."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from playwright.sync_api import sync_playwright

from secgraph.build import build
from secgraph.store import open_store
from secgraph.views.html import page_data, render_html
from secgraph.views.property_graph import project

SAMPLE = Path(__file__).parent / "fixtures" / "views" / "sample.trig"
ROOT = Path(__file__).parents[1]
ASSETS = ROOT / "src" / "secgraph" / "views" / "assets"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ID = "https://w3id.org/secgraph/id/"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    store = ox.Store()
    store.load(path=SAMPLE, format=ox.RdfFormat.TRIG)
    return project(store)


def _payload(page: str) -> object:
    match = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_page_is_self_contained(graph: nx.MultiDiGraph) -> None:
    page = render_html(graph, title="Tecogen & co")
    library = (ASSETS / "cytoscape.min.js").read_text(encoding="utf-8")
    assert library in page  # inlined verbatim
    assert "<title>Tecogen &amp; co</title>" in page
    # nothing to fetch: no external script, style sheet, image or font
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=""", page)
    assert "@import" not in page and "url(" not in page.split("<script", 1)[0]
    assert page.count("<script") == 3
    assert not re.search("@@(TITLE|DATA|LIBRARY)@@", page)
    assert _payload(page) == json.loads(json.dumps(page_data(graph)))


def test_text_from_filings_cannot_break_out_of_the_data_script(graph: nx.MultiDiGraph) -> None:
    g = graph.copy()
    g.nodes[f"{ID}company/name/tedom"]["label"] = "</script><script>alert(1)</script> @@LIBRARY@@"
    page = render_html(g)
    assert "</script><script>alert(1)" not in page
    data = _payload(page)
    assert isinstance(data, dict)
    labels = [n["data"]["label"] for n in data["elements"]["nodes"]]
    assert "</script><script>alert(1)</script> @@LIBRARY@@" in labels


def test_vendored_library_is_the_recorded_release() -> None:
    readme = (ASSETS / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((ASSETS / "cytoscape.min.js").read_bytes()).hexdigest()
    assert digest in readme and "3.34.4" in readme
    assert (ASSETS / "cytoscape.LICENSE").read_text(encoding="utf-8").startswith("Copyright")


def test_page_data_lists_filings_and_styles(graph: nx.MultiDiGraph) -> None:
    data = page_data(graph)
    f3 = data["filings"][f"{ID}filing/sha256/f3"]
    assert f3["label"] == "Form 3 002_71093b0e43aa5d3d.txt (2013-10-01)"
    assert f3["source"] == "examples/filings/002_71093b0e43aa5d3d.txt"
    assert data["styles"]["Person"]["shape"] == "ellipse"
    assert data["styles"]["Company"]["shape"] == "round-rectangle"
    assert data["styles"]["Role"]["shape"] == "diamond"
    assert len({s["color"] for s in data["styles"].values()}) == len(data["styles"])


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The example graph: examples/filings built into a temporary store."""
    store_dir = tmp_path_factory.mktemp("example") / "store"
    report = build([ROOT / "examples" / "filings"], store_dir, jobs=1, fresh=True)
    assert not report.failed, [f.line() for f in report.files]
    with open_store(store_dir) as store:
        return project(store)


@pytest.mark.browser
def test_page_in_headless_chromium(example: nx.MultiDiGraph, tmp_path: Path) -> None:
    """One load of the example graph's page: every node drawn, search finds Panora, a click
    shows the source filing, the kind and date filters hide nodes, nothing is fetched."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed; `make system-deps` installs it")
    graph = example
    total = graph.number_of_nodes()
    people = sum(d["kind"] == "Person" for _, d in graph.nodes(data=True))
    # examples/filings: the eight related persons of the Form D (Panora also files the Form 3,
    # Bonnie Brown also signs the 8-K) and the Form 4's reporting person, whose name is blank
    assert people == 9
    jva = next(n for n, d in graph.nodes(data=True) if d["label"] == "agreement: JVA (2016-05-19)")
    path = tmp_path / "secgraph.html"
    path.write_text(render_html(graph), encoding="utf-8")
    errors: list[str] = []
    fetched: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: fetched.append(r.url))
            page.goto(path.as_uri())
            page.wait_for_function("window.secgraph !== undefined")

            # every node is drawn inside the canvas
            drawn = page.evaluate(
                """() => {
                  const cy = window.secgraph.cy, w = cy.width(), h = cy.height();
                  return cy.nodes().map(n => {
                    const b = n.renderedBoundingBox();
                    const inside = b.x1 >= 0 && b.y1 >= 0 && b.x2 <= w && b.y2 <= h;
                    return [n.id(), n.visible() && inside];
                  });
                }"""
            )
            assert sorted(n for n, _ in drawn) == sorted(graph.nodes)
            assert all(inside for _, inside in drawn), [n for n, ok in drawn if not ok]
            assert page.inner_text("#count") == f"{total} of {total} nodes"

            # search finds Panora, and the Form 3 whose printed signature names him ("/s/
            # Robert A. Panora"); his result link selects him and shows his filings
            page.fill("#search", "Panora")
            assert page.inner_text("#result-list").splitlines() == [
                "Form 3 002_71093b0e43aa5d3d.txt (2013-10-01) (filing)",
                "Robert A Panora (person)",
            ]
            page.click("#result-list a >> text=Robert A Panora")
            assert page.inner_text("#details h2") == "Robert A Panora"
            filings = page.inner_text("#details ul.filings")
            assert "Form 3 002_71093b0e43aa5d3d.txt (2013-10-01)" in filings
            assert "Form D 001_b9a64ac7170686a7.txt (2013-10-31)" in filings

            # a real mouse click on a node shows its facts and source filing
            page.fill("#search", "")
            page.click("#fit")
            # Fit stops the result link's 200 ms fly-to, so nothing moves after it
            assert page.evaluate("() => window.secgraph.cy.animated()") is False
            x, y = page.evaluate(
                """(id) => {
                  const n = window.secgraph.cy.$id(id), p = n.renderedPosition();
                  const r = document.getElementById('cy').getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y];
                }""",
                jva,
            )
            page.mouse.click(x, y)
            assert page.inner_text("#details h2") == "agreement: JVA (2016-05-19)"
            details = page.inner_text("#details")
            assert "joint_venture" in details
            assert "Form 8-K 004_785308df89b108f5.txt (2017-09-28)" in details

            # filters: by kind, then by date (undated nodes stay)
            page.uncheck('.kind-filter[value="Person"]')
            assert page.inner_text("#count") == f"{total - people} of {total} nodes"
            page.check('.kind-filter[value="Person"]')
            page.fill("#date-from", "2017-01-01")
            page.dispatch_event("#date-from", "change")
            hidden = page.evaluate(
                "() => window.secgraph.cy.nodes(':hidden').map(n => n.data('label')).sort()"
            )
            assert hidden == sorted(
                d["label"]
                for _, d in graph.nodes(data=True)
                if d.get("start") and (d.get("end") or d["start"]) < "2017-01-01"
            )
            assert "agreement: JVA (2016-05-19)" in hidden

            ARTIFACTS.mkdir(exist_ok=True)
            page.fill("#date-from", "")
            page.dispatch_event("#date-from", "change")
            page.click("#fit")
            page.screenshot(path=str(ARTIFACTS / "html_view.png"))
        finally:
            browser.close()
    assert errors == []
    assert [url for url in fetched if not url.startswith("file:")] == []
