"""The web explorer of ``secgraph serve`` in headless Chromium, over the example graph: search
-> entity page -> neighbourhood graph (expand a node) -> path -> SPARQL -> download, with no
request leaving the server; and the vendored editor is the recorded release."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, sync_playwright

from secgraph.build import build
from serving import build_examples, running

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "secgraph" / "server" / "static" / "vendor"
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


def test_vendored_editor_is_the_recorded_release() -> None:
    """The CodeMirror files are the npm release the README names, unedited."""
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert "5.65.20" in readme
    for name in ("codemirror.js", "codemirror.css", "codemirror-sparql.js"):
        digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert f"`{name}` | `{digest}`" in readme, name
    assert "Marijn Haverbeke" in (VENDOR / "codemirror.LICENSE").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = build_examples(tmp_path_factory.mktemp("explorer") / "store")
    with running(store) as url:
        yield url


@pytest.fixture
def page(base: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed; `make system-deps` installs it")
    errors: list[str] = []
    requested: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1300, "height": 900})
            tab = context.new_page()
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.on("request", lambda r: requested.append(r.url))
            yield tab, errors, requested
        finally:
            browser.close()


def _shot(tab: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"serve_{name}.png"))


@pytest.mark.browser
def test_search_entity_graph_path_sparql_download(
    base: str, page: tuple[Page, list[str], list[str]]
) -> None:
    """The analyst's round trip on the example graph. Panora's Form 3 says he is "COO and
    President" of Tecogen and holds 163,350 shares of Common Stock (examples/filings/002_...);
    the page shows both with a link to that filing, whose page shows the line they came from."""
    tab, errors, requested = page
    tab.goto(base + "/")
    tab.wait_for_selector("body[data-page=home]")

    # search with autocomplete, then Enter opens the first suggestion
    tab.fill("#q", "panor")
    tab.wait_for_selector("#suggest li")
    assert tab.inner_text("#suggest li").startswith("Robert A Panora")
    tab.press("#q", "Enter")
    tab.wait_for_selector("body[data-page=entity]")
    assert tab.inner_text("#entity h1").startswith("Robert A Panora")
    text = tab.inner_text("#entity")
    assert "COO and President" in text and "163,350 Common Stock" in text
    assert tab.locator("svg[aria-label='roles over time']").count() == 1
    assert tab.locator("svg[aria-label='shares held over time']").count() == 1
    _shot(tab, "entity")
    entity_url = tab.url

    # every fact links to its filing; the filing page shows the source line of the holding
    holding_row = tab.locator("tr", has_text="163,350 Common Stock")
    holding_row.locator("a").first.click()
    tab.wait_for_selector("body[data-page=filing]")
    assert "ownership-text" in tab.inner_text("#provenance")
    hits = tab.locator("pre.source .hit").all_inner_texts()
    assert any("Common Stock\t163,350\tD" in hit for hit in hits), hits
    _shot(tab, "filing")

    # a company; its Form D offering (examples/filings/001_...: Rule 506(c),
    # "Total Offering Amount $ USD Indefinite")
    tab.fill("#q", "tecogen")
    tab.wait_for_function(
        "() => document.querySelector('#suggest li')?.innerText.includes('TECOGEN')"
    )
    tab.press("#q", "Enter")
    tab.wait_for_selector("#offerings table")
    offering = tab.inner_text("#offerings")
    assert "Rule 506(c)" in offering and "indefinite" in offering

    # the neighbourhood graph; a click on a node shows it, a second click expands it
    tab.goto(entity_url)
    tab.wait_for_selector("body[data-page=entity]")
    tab.click("text=Graph around")
    tab.wait_for_selector("body[data-page=graph]")
    before = tab.evaluate("() => window.secgraph.cy.nodes().length")
    company = tab.evaluate(
        "() => window.secgraph.cy.nodes().filter(n => n.data('kind') === 'Filing')[0].id()"
    )
    tab.evaluate(
        "(id) => { const n = window.secgraph.cy.$id(id); n.select(); n.emit('tap'); }", company
    )
    tab.wait_for_function(f"() => window.secgraph.cy.nodes().length > {before}")
    assert "Form 3" in tab.inner_text("#panel h2")
    tab.uncheck('.kind-filter[value="Filing"]')
    assert "of" in tab.inner_text("#count")
    tab.check('.kind-filter[value="Filing"]')
    _shot(tab, "graph")

    # a path between two entities, each hop in words
    tab.goto(base + "/#/path")
    tab.wait_for_selector("body[data-page=path]")
    tab.fill("#path-from", "Panora")
    tab.fill("#path-to", "Tedom a.s.")
    tab.click("#path-go")
    tab.wait_for_selector(".chain")
    chain = tab.inner_text(".chain")
    assert chain.startswith("Robert A Panora") and "Tedom" in chain and "officer of" in chain
    assert "path?from=Panora&to=Tedom" in tab.url  # a permalink
    _shot(tab, "path")

    # SPARQL: a named query as example, run, results table, downloads
    tab.goto(base + "/#/sparql")
    tab.wait_for_selector("body[data-page=sparql]")
    tab.select_option("#examples", "filings")
    tab.click("#sparql-run")
    tab.wait_for_selector("#results")
    assert tab.inner_text("#sparql-status") == "4 row(s)"  # the four example filings
    rows = tab.locator("#results tr").count() - 1
    assert rows == 4
    assert "query=" in tab.url  # the query is in the permalink
    with tab.expect_download() as csv_download:
        tab.click("#download-csv")
    table = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_text())))
    assert table[0][:3] == ["filing", "formType", "date"] and len(table) - 1 == rows
    with tab.expect_download() as json_download:
        tab.click("#download-json")
    doc = json.loads(Path(json_download.value.path()).read_text())
    assert len(doc["results"]["bindings"]) == rows
    _shot(tab, "sparql")

    # prefixes the query uses are declared on request (for other endpoints)
    typed = "SELECT ?c WHERE { ?c a sg:Company ; rdfs:label ?l }"
    tab.evaluate("(q) => window.secgraph.editor.setValue(q)", typed)
    tab.click("#add-prefixes")
    text = tab.evaluate("() => window.secgraph.editor.getValue()")
    assert text.startswith("PREFIX ") and "PREFIX sg: <https://w3id.org/secgraph/ontology#>" in text
    assert "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in text
    assert "PREFIX xsd:" not in text

    # a permalink to a query runs it on load
    tab.goto(base + "/#/sparql?query=" + quote("ASK { ?s sg:ticker 'TGEN' }"))
    tab.wait_for_function("() => document.querySelector('#sparql-out p.boolean') !== null")
    assert tab.inner_text("#sparql-out p.boolean") == "true"

    assert errors == []
    assert [u for u in requested if not u.startswith((base + "/", "blob:" + base))] == []


@pytest.fixture(scope="module")
def corpus_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("explorer-corpus") / "store"
    build([ROOT / "tests" / "corpus"], store, jobs=1, fresh=True)  # some files fail, as documented
    with running(store) as url:
        yield url


@pytest.mark.browser
def test_round_trip_on_the_corpus_graph(
    corpus_base: str, page: tuple[Page, list[str], list[str]]
) -> None:
    """The same round trip on the corpus graph (126 filings): Max R. Levchin's Form 3
    (form3/datamule_paypal__0001209191-21-003525__doc3.xml) makes him a director of Affirm
    Holdings, Inc. as of 2021-01-13, which his page, the graph and the path all show."""
    tab, errors, requested = page
    base = corpus_base
    tab.goto(base + "/")
    tab.wait_for_selector("body[data-page=home]")
    assert int(tab.inner_text(".stats div b").replace(",", "")) > 100  # filings
    tab.fill("#q", "levchin")
    tab.wait_for_selector("#suggest li")
    tab.press("#q", "Enter")
    tab.wait_for_selector("body[data-page=entity]")
    roles = tab.inner_text("#entity")
    assert "director of Affirm Holdings, Inc." in roles and "2021-01-13" in roles
    _shot(tab, "corpus_entity")
    tab.click("text=Graph around")
    tab.wait_for_selector("body[data-page=graph]")
    labels = tab.evaluate("() => window.secgraph.cy.nodes().map(n => n.data('label'))")
    assert any("director" in label for label in labels), labels
    _shot(tab, "corpus_graph")
    tab.goto(base + "/#/path?from=Levchin&to=Affirm%20Holdings")
    tab.wait_for_selector(".chain")
    assert "director of" in tab.inner_text(".chain")
    tab.goto(base + "/#/sparql")
    tab.wait_for_selector("body[data-page=sparql]")
    tab.select_option("#examples", "companies")
    tab.click("#sparql-run")
    tab.wait_for_selector("#results")
    assert tab.locator("#results tr").count() > 50
    with tab.expect_download() as csv_download:
        tab.click("#download-csv")
    assert Path(csv_download.value.path()).read_text().startswith("company,")
    assert errors == []
    assert [u for u in requested if not u.startswith((base + "/", "blob:" + base))] == []
