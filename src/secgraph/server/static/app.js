// The secgraph explorer: one page, routes in the URL's fragment (each a permalink), data from
// the JSON API and /sparql of the same server. Text from filings is only ever set as text
// (textContent), never parsed as HTML.
"use strict";

const main = document.getElementById("main");

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function route(name, params) {
  const query = new URLSearchParams(params || {}).toString();
  return "#/" + name + (query ? "?" + query : "");
}

function link(name, params, text) {
  return h("a", { href: route(name, params) }, text);
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) url.searchParams.set(k, v);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return response.json();
}

const loaded = new Map();
function load(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const el = src.endsWith(".css")
        ? h("link", { rel: "stylesheet", href: src })
        : h("script", { src });
      el.addEventListener("load", resolve);
      el.addEventListener("error", () => reject(new Error("cannot load " + src)));
      document.head.append(el);
    }));
  }
  return loaded.get(src);
}

function show(...nodes) {
  main.replaceChildren(h("div", { class: "page" }, ...nodes));
  window.scrollTo(0, 0);
}

function shortIri(iri) {
  return iri.replace("https://w3id.org/secgraph/id/", "id:");
}

// -- search with autocomplete ----------------------------------------------------------------

const input = document.getElementById("q");
const suggest = document.getElementById("suggest");
let searchTimer = null;
let searchSeq = 0;
let choices = [];
let active = -1;

function openEntity(hit) {
  suggest.hidden = true;
  input.value = hit.name || "";
  location.hash = route("entity", { iri: hit.iri });
}

function renderSuggestions() {
  suggest.replaceChildren(...choices.map((hit, i) => h("li", {
    role: "option",
    "aria-selected": i === active ? "true" : "false",
    onmousedown: (event) => { event.preventDefault(); openEntity(hit); },
  }, hit.name || "(unnamed)", h("span", { class: "kind" }, hit.kind))));
  suggest.hidden = choices.length === 0;
}

input.addEventListener("input", () => {
  clearTimeout(searchTimer);
  const text = input.value.trim();
  if (!text) { choices = []; renderSuggestions(); return; }
  searchTimer = setTimeout(async () => {
    const seq = ++searchSeq;
    const hits = await api("/api/search", { q: text, limit: 8 }).catch(() => []);
    if (seq !== searchSeq) return; // a later keystroke already asked
    choices = hits;
    active = hits.length ? 0 : -1;
    renderSuggestions();
  }, 120);
});
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    if (!choices.length) return;
    active = (active + (event.key === "ArrowDown" ? 1 : choices.length - 1)) % choices.length;
    renderSuggestions();
  } else if (event.key === "Enter") {
    if (active >= 0 && choices[active]) openEntity(choices[active]);
    else if (input.value.trim()) location.hash = route("search", { q: input.value.trim() });
  } else if (event.key === "Escape") {
    suggest.hidden = true;
  }
});
input.addEventListener("blur", () => setTimeout(() => { suggest.hidden = true; }, 150));

// -- pages -----------------------------------------------------------------------------------

const pages = {};

pages[""] = async () => {
  const stats = await api("/api/stats");
  show(
    h("h1", {}, "SEC filings as a knowledge graph"),
    h("p", { class: "muted" }, "Search a person or a company above, find a path between two, or query the graph in SPARQL."),
    h("div", { class: "stats" },
      h("div", {}, h("b", {}, stats.filings.toLocaleString()), "filings"),
      h("div", {}, h("b", {}, stats.entities.toLocaleString()), "entities"),
      h("div", {}, h("b", {}, stats.quads.toLocaleString()), "quads")),
    h("p", { class: "muted" }, `Store written ${stats.written}.`),
  );
};

pages.search = async (params) => {
  const q = params.get("q") || "";
  const hits = await api("/api/search", { q, limit: 50 });
  show(
    h("h1", {}, `Entities matching “${q}”`),
    hits.length
      ? h("ul", {}, hits.map((hit) => h("li", {}, link("entity", { iri: hit.iri }, hit.name || "(unnamed)"), h("span", { class: "kind" }, hit.kind))))
      : h("p", { class: "muted" }, "No entity has such a name, CIK or ticker."),
  );
};

function filingLinks(entry) {
  return (entry.filings || []).map((f, i) => [i ? "; " : "", link("filing", { iri: f.filing }, f.source || shortIri(f.filing))]);
}

function entryTable(entries, withDate) {
  return h("table", {},
    h("tr", {}, withDate ? h("th", {}, "date") : null, h("th", {}, "fact"), h("th", {}, "stated in")),
    entries.map((e) => h("tr", {},
      withDate ? h("td", { class: "date" }, e.date || "") : null,
      h("td", {}, e.values && e.values.other && e.values.other.startsWith("http")
        ? link("entity", { iri: e.values.other }, e.text) : e.text),
      h("td", {}, filingLinks(e)))));
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function timeScale(dates, width, pad) {
  const times = dates.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t));
  const lo = Math.min(...times), hi = Math.max(...times, lo + 864e5 * 30);
  return (d) => pad + ((Date.parse(d) - lo) / (hi - lo)) * (width - 2 * pad);
}

// Roles as a timeline: one bar per role from its date to its end ("until"), or a dot when the
// filing only attests it on that date.
function rolesTimeline(roles) {
  const dated = roles.filter((r) => r.date);
  if (!dated.length) return null;
  const width = 900, row = 22, pad = 10;
  const ends = dated.map((r) => (r.values && r.values.until) || r.date);
  const x = timeScale([...dated.map((r) => r.date), ...ends], width, pad);
  const chart = svg("svg", { width, height: dated.length * row + 24, role: "img", "aria-label": "roles over time" });
  dated.forEach((r, i) => {
    const y = i * row + 6;
    const until = r.values && r.values.until;
    const x1 = x(r.date), x2 = until ? x(until) : x1;
    chart.append(until
      ? svg("rect", { x: x1, y, width: Math.max(x2 - x1, 3), height: 12, fill: "#6d8fd8" })
      : svg("circle", { cx: x1, cy: y + 6, r: 5, fill: "#6d8fd8" }));
    // contract 1: "since" only for a stated start, "as of" for a date the filing attests
    const v = r.values || {};
    const when = v.start ? `since ${v.start}` : v.asOf ? `as of ${v.asOf}` : r.date;
    const label = `${when}${until ? ", until " + until : ""}  ${r.text}`;
    chart.append(x2 > width / 2
      ? svg("text", { x: x1 - 8, y: y + 10, "text-anchor": "end" }, label)
      : svg("text", { x: x2 + 8, y: y + 10 }, label));
  });
  return chart;
}

// Shares held over time: the holdings' counts and the transactions' "held after", per security.
function sharesChart(holdings, transactions) {
  const points = [];
  for (const e of holdings) if (e.date && e.values && e.values.shares) points.push([e.date, Number(e.values.shares), e.values.security || "securities"]);
  for (const e of transactions) if (e.date && e.values && e.values.sharesAfter) points.push([e.date, Number(e.values.sharesAfter), e.values.security || "securities"]);
  const good = points.filter((p) => !Number.isNaN(p[1]));
  if (!good.length) return null;
  const width = 900, height = 140, pad = 60;
  const dates = good.map((p) => p[0]).sort();
  const x = timeScale(dates, width, pad);
  const top = Math.max(...good.map((p) => p[1])) || 1;
  const y = (v) => height - 20 - (v / top) * (height - 40);
  const chart = svg("svg", { width, height, role: "img", "aria-label": "shares held over time" });
  chart.append(svg("line", { x1: pad, x2: width - pad, y1: y(0), y2: y(0), stroke: "#bbc" }));
  chart.append(svg("text", { x: 4, y: y(top) + 4 }, top.toLocaleString()));
  chart.append(svg("text", { x: 4, y: y(0) + 4 }, "0"));
  chart.append(svg("text", { x: pad, y: height - 4 }, dates[0]));
  if (dates.length > 1) chart.append(svg("text", { x: width - pad, y: height - 4, "text-anchor": "end" }, dates[dates.length - 1]));
  const series = new Map();
  for (const p of good.sort((a, b) => a[0].localeCompare(b[0]))) {
    if (!series.has(p[2])) series.set(p[2], []);
    series.get(p[2]).push(p);
  }
  const colors = ["#2350c8", "#c85a23", "#2a9d55", "#8a3ac8"];
  [...series.entries()].forEach(([name, pts], i) => {
    const color = colors[i % colors.length];
    chart.append(svg("polyline", { points: pts.map((p) => `${x(p[0])},${y(p[1])}`).join(" "), fill: "none", stroke: color }));
    for (const p of pts) chart.append(svg("circle", { cx: x(p[0]), cy: y(p[1]), r: 3, fill: color }, svg("title", {}, `${p[0]}: ${p[1].toLocaleString()} ${name}`)));
    chart.append(svg("text", { x: width - 200, y: 12 + 14 * i, fill: color }, name));
  });
  return chart;
}

// Offerings (Form D) of a company: the named query "offerings", rows about this entity only.
async function offerings(d) {
  const box = document.getElementById("offerings");
  if (!box || !d.name) return;
  const answer = await api("/api/queries/offerings", { company: d.name });
  const col = (row, name) => row[answer.columns.indexOf(name)];
  const rows = answer.rows.filter((row) => col(row, "company") && col(row, "company").value === d.entity);
  if (!rows.length) return;
  const money = (t) => (t ? Number(t.value).toLocaleString() + " USD" : "indefinite");
  box.replaceChildren(h("h2", {}, "Offerings"), h("table", {},
    h("tr", {}, ["date", "exemption", "offered", "sold", "investors", "stated in"].map((c) => h("th", {}, c))),
    rows.map((row) => h("tr", {},
      h("td", { class: "date" }, termText(col(row, "date"))),
      h("td", {}, termText(col(row, "exemption"))),
      h("td", {}, money(col(row, "totalAmount"))),
      h("td", {}, col(row, "soldAmount") ? money(col(row, "soldAmount")) : ""),
      h("td", {}, termText(col(row, "investors"))),
      h("td", {}, link("filing", { iri: col(row, "filing").value }, "Form D"))))));
}

pages.entity = async (params) => {
  const iri = params.get("iri");
  const d = await api("/api/entity", { iri });
  const s = d.sections || {};
  const part = (title, entries, withDate, extra) => entries && entries.length
    ? [h("h2", {}, title), extra || null, entryTable(entries, withDate)] : [];
  show(h("section", { id: "entity" },
    h("h1", {}, d.name || "(unnamed)", h("span", { class: "kind" }, d.kind)),
    h("div", { class: "iri" }, d.entity),
    h("div", { class: "actions" },
      h("a", { class: "button", href: route("graph", { iri: d.entity }) }, "Graph around"),
      h("a", { class: "button", href: route("path", { from: d.name || "" }) }, "Find a path from here")),
    part("Names", s.names, false),
    part("Identifiers", s.identifiers, false),
    part("Roles over time", s.roles, true, rolesTimeline(s.roles || [])),
    part("Holdings", s.holdings, true, sharesChart(s.holdings || [], s.transactions || [])),
    part("Transactions", s.transactions, true),
    part("Agreements", s.agreements, true),
    d.kind !== "person" ? h("div", { id: "offerings" }) : null,
    part("Connections", s.connections, false)));
  await offerings(d);
};

function termText(term) {
  if (!term) return "";
  return term.type === "uri" ? shortIri(term.value) : term.value;
}

pages.filing = async (params) => {
  const f = await api("/api/filing", { iri: params.get("iri") });
  const prov = f.provenance || {};
  const rows = Object.entries(prov).filter(([k]) => k !== "parseWarning");
  show(
    h("h1", {}, `Form ${(prov.formType || ["?"])[0]}`, " ", h("span", { class: "muted" }, (prov.sourceFile || [""])[0])),
    h("div", { class: "iri" }, f.filing),
    h("div", { class: "actions" }, h("a", { class: "button", href: `/graph-store?graph=${encodeURIComponent(f.filing)}` }, "This filing's graph (Turtle)")),
    h("h2", {}, "Provenance"),
    h("table", { id: "provenance" }, rows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v.join(", "))))),
    prov.parseWarning ? [h("h2", {}, "Parser warnings"), h("ul", {}, prov.parseWarning.map((w) => h("li", {}, w)))] : null,
    h("h2", {}, `Facts (${f.facts.length})`, f.source_available ? "" : h("span", { class: "muted" }, " — source file not at hand")),
    f.facts.map((fact) => h("div", { class: "fact" },
      h("b", {}, fact.types.join(", ") || "node"), " ",
      h("span", { class: "iri" }, shortIri(fact.node)),
      fact.line ? h("span", { class: "muted" }, ` — line ${fact.line}`) : null,
      fact.path ? h("span", { class: "muted" }, ` — ${fact.path}`) : null,
      h("ul", {}, fact.properties.map((p) => h("li", {}, `${p.property}: `,
        p.value && p.value.type === "uri" && p.value.value.includes("/filing/") === false && p.property !== "security"
          ? link("graph", { iri: p.value.value }, shortIri(p.value.value)) : termText(p.value)))),
      fact.context ? h("pre", { class: "source" }, fact.context.lines.map((line, i) => h("span", {
        class: fact.context.first + i === fact.line ? "hit" : "",
      }, `${String(fact.context.first + i).padStart(5)}  ${line}\n`))) : null)),
  );
};

// -- the neighbourhood graph -----------------------------------------------------------------

function edgeId(data) {
  return `${data.source}\u0001${data.key}\u0001${data.target}`;
}

function elementsOf(payload) {
  return [
    ...payload.elements.nodes,
    ...payload.elements.edges.map((e) => ({ data: { ...e.data, id: edgeId(e.data) } })),
  ];
}

pages.graph = async (params) => {
  const iri = params.get("iri");
  await load("/assets/cytoscape.min.js");
  const payload = await api("/api/neighbourhood", { iri, depth: 1 });
  const styles = { ...payload.styles };
  const filings = { ...payload.filings };
  const panel = h("div", { id: "panel" }, h("p", { class: "muted" }, "Click a node to see its facts; click it again to expand it."));
  const kinds = h("span", { class: "filters", id: "kinds" });
  const from = h("input", { type: "date", id: "date-from", "aria-label": "from" });
  const to = h("input", { type: "date", id: "date-to", "aria-label": "to" });
  const count = h("span", { id: "count", class: "muted" });
  const cutNote = (p) => (p.cut ? " (cut: the neighbourhood is larger than the server sends)" : "");
  show(
    h("h1", {}, "Neighbourhood"),
    h("div", { class: "filters" }, kinds, "dated from", from, "to", to, count),
    h("div", { class: "graph-page" }, h("div", { id: "cy" }), panel),
  );
  const cy = window.cytoscape({
    container: document.getElementById("cy"),
    elements: elementsOf(payload),
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120, width: 18, height: 18 } },
      { selector: "edge", style: { label: "data(label)", "font-size": 7, "curve-style": "bezier", "target-arrow-shape": "triangle", width: 1, "line-color": "#aab", "target-arrow-color": "#aab", color: "#667" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#1d2330" } },
    ],
  });
  const paint = () => {
    for (const [kind, st] of Object.entries(styles)) cy.nodes(`[kind = "${kind}"]`).style({ "background-color": st.color, shape: st.shape });
  };
  const drawKinds = () => kinds.replaceChildren(...Object.entries(styles).map(([kind, st]) => h("label", {},
    h("input", { type: "checkbox", class: "kind-filter", value: kind, checked: true, onchange: filter }), " ", st.label)));
  function filter() {
    const off = new Set([...document.querySelectorAll(".kind-filter")].filter((c) => !c.checked).map((c) => c.value));
    const lo = from.value, hi = to.value;
    cy.nodes().forEach((n) => {
      const start = n.data("start"), end = n.data("end") || start;
      const dated = start && ((lo && end < lo) || (hi && start > hi));
      n.style("display", off.has(n.data("kind")) || dated ? "none" : "element");
    });
    count.textContent = `${cy.nodes().filter((n) => n.style("display") !== "none").length} of ${cy.nodes().length} nodes${cutNote(payload)}`;
  }
  from.addEventListener("change", filter);
  to.addEventListener("change", filter);
  const relayout = () => cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true }).run();
  paint(); drawKinds(); filter();
  cy.layout({ name: "cose", animate: false, nodeDimensionsIncludeLabels: true }).run();
  const expanded = new Set([iri]);
  async function expand(node) {
    const more = await api("/api/neighbourhood", { iri: node.id(), depth: 1 });
    Object.assign(styles, more.styles);
    Object.assign(filings, more.filings);
    const fresh = elementsOf(more).filter((el) => cy.getElementById(el.data.id).empty());
    cy.add(fresh.filter((el) => !el.data.source));
    cy.add(fresh.filter((el) => el.data.source));
    expanded.add(node.id());
    paint(); drawKinds(); relayout(); filter();
  }
  cy.on("tap", "node", async (event) => {
    const node = event.target;
    const data = node.data();
    panel.replaceChildren(
      h("h2", {}, data.label),
      h("div", { class: "muted" }, data.kind_label || data.kind),
      data.group === "entity" ? h("p", {}, link("entity", { iri: data.id }, "Entity page")) : null,
      h("table", {}, Object.entries(data.facts || {}).map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, Array.isArray(v) ? v.join(", ") : String(v))))),
      h("h2", {}, "Stated in"),
      h("ul", { class: "filings" }, (data.filings || []).map((f) => h("li", {}, link("filing", { iri: f }, (filings[f] && filings[f].label) || shortIri(f))))),
    );
    if (!expanded.has(data.id) && node.selected()) await expand(node);
  });
  window.secgraph = { cy, expand };
};

// -- paths -----------------------------------------------------------------------------------

pages.path = async (params) => {
  const a = h("input", { type: "text", id: "path-from", value: params.get("from") || "", placeholder: "from (a name)" });
  const b = h("input", { type: "text", id: "path-to", value: params.get("to") || "", placeholder: "to (another name)" });
  const out = h("div", { id: "paths" });
  const go = () => { location.hash = route("path", { from: a.value, to: b.value }); };
  show(h("h1", {}, "Path finder"),
    h("div", { class: "actions" }, a, b, h("button", { class: "primary", id: "path-go", onclick: go }, "Find chains")),
    out);
  if (!a.value || !b.value) return;
  out.textContent = "Searching…";
  try {
    const found = await api("/api/path", { from: a.value, to: b.value, limit: 5 });
    const chains = found.chains;
    out.replaceChildren(chains.length ? "" : h("p", { class: "muted" }, "No chain of relationships between them."),
      found.cut ? h("p", { class: "muted" }, `The search stopped early: ${found.cut}.`) : "",
      ...chains.map((chain) => h("div", { class: "chain" },
        link("entity", { iri: chain.nodes[0] }, chain.labels[0]),
        chain.hops.map((hop, i) => h("div", { class: "hop" },
          `${hop.backward ? "←" : "→"} ${hop.phrase}`,
          hop.details.length ? h("span", { class: "muted" }, ` (${hop.details.join("; ")})`) : "",
          ` ${hop.backward ? "←" : "→"} `,
          link("graph", { iri: chain.nodes[i + 1] }, chain.labels[i + 1]))))));
  } catch (error) {
    out.replaceChildren(h("p", { class: "error" }, error.message));
  }
};

// -- the SPARQL editor -----------------------------------------------------------------------

const DEFAULT_QUERY = `PREFIX sg: <https://w3id.org/secgraph/ontology#>

SELECT DISTINCT ?company ?name WHERE {
  ?company a sg:Company ; sg:name ?name .
}
LIMIT 50
`;

// PREFIX lines for the known prefixes a query uses but does not declare (this server
// predeclares them; another endpoint would not).
function withPrefixes(query, prefixes) {
  const declared = new Set([...query.matchAll(/PREFIX\s+([\w-]*):/gi)].map((m) => m[1]));
  const body = query.replace(/<[^>\s]*>|"[^"\n]*"|#[^\n]*/g, " ");
  const used = new Set([...body.matchAll(/(?:^|[\s(,;/^|])([A-Za-z][\w-]*):/g)].map((m) => m[1]));
  const lines = Object.entries(prefixes)
    .filter(([p]) => used.has(p) && !declared.has(p))
    .map(([p, ns]) => `PREFIX ${p}: <${ns}>\n`);
  return lines.join("") + query;
}

async function runSparql(query, accept) {
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
    body: new URLSearchParams({ query }),
  });
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return response;
}

function resultsTable(doc) {
  if (typeof doc.boolean === "boolean") return h("p", { class: "boolean" }, String(doc.boolean));
  const vars = doc.head.vars;
  return h("table", { id: "results" },
    h("tr", {}, vars.map((v) => h("th", {}, v))),
    doc.results.bindings.map((b) => h("tr", {}, vars.map((v) => h("td", {},
      !b[v] ? "" : b[v].type === "uri" ? link("graph", { iri: b[v].value }, b[v].value) : b[v].value)))));
}

pages.sparql = async (params) => {
  await Promise.all([load("/static/vendor/codemirror.css"), load("/static/vendor/codemirror.js")]);
  await load("/static/vendor/codemirror-sparql.js");
  const queries = await api("/api/queries");
  const area = h("textarea", { id: "sparql-text" });
  const out = h("div", { id: "sparql-out" });
  const examples = h("select", { id: "examples", "aria-label": "named queries" },
    h("option", { value: "" }, "Named queries as examples…"),
    queries.map((q) => h("option", { value: q.name }, `${q.name}: ${q.summary}`)));
  const stats = await api("/api/stats");
  show(h("h1", {}, "SPARQL"),
    h("p", { class: "muted" }, `The default graph is the union of all filings' graphs. Predeclared prefixes: ${Object.keys(stats.prefixes).join(", ")}.`),
    h("div", { class: "actions" }, examples),
    area,
    h("div", { class: "actions" },
      h("button", { class: "primary", id: "sparql-run" }, "Run"),
      h("button", { id: "add-prefixes", title: "Declare the prefixes the query uses, for other endpoints" }, "Fill in PREFIX lines"),
      h("button", { id: "download-csv" }, "Download CSV"),
      h("button", { id: "download-json" }, "Download JSON")),
    out);
  const editor = window.CodeMirror.fromTextArea(area, { mode: "application/sparql-query", lineNumbers: true });
  editor.setValue(params.get("query") || DEFAULT_QUERY);
  examples.addEventListener("change", () => {
    const q = queries.find((x) => x.name === examples.value);
    if (q) editor.setValue(q.sparql);
  });
  const run = async () => {
    const query = editor.getValue();
    history.replaceState(null, "", route("sparql", { query }));
    out.textContent = "Running…";
    try {
      const response = await runSparql(query, "application/sparql-results+json");
      const cut = response.headers.get("Secgraph-Truncated");
      const doc = await response.json();
      const rows = doc.results ? doc.results.bindings.length : 0;
      out.replaceChildren(h("p", { class: "muted", id: "sparql-status" }, `${rows} row(s)${cut ? ` — cut by the server (${cut})` : ""}`), resultsTable(doc));
    } catch (error) {
      out.replaceChildren(h("p", { class: "error" }, error.message));
    }
  };
  const download = async (accept, name) => {
    try {
      const blob = await (await runSparql(editor.getValue(), accept)).blob();
      const a = h("a", { href: URL.createObjectURL(blob), download: name });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (error) {
      out.replaceChildren(h("p", { class: "error" }, error.message));
    }
  };
  document.getElementById("add-prefixes").addEventListener("click", () => {
    editor.setValue(withPrefixes(editor.getValue(), stats.prefixes));
  });
  document.getElementById("sparql-run").addEventListener("click", run);
  document.getElementById("download-csv").addEventListener("click", () => download("text/csv", "results.csv"));
  document.getElementById("download-json").addEventListener("click", () => download("application/sparql-results+json", "results.json"));
  window.secgraph = { editor, run };
  if (params.get("query")) await run();
};

// -- routing ---------------------------------------------------------------------------------

async function dispatch() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [name, query] = hash.split("?", 2);
  const page = pages[name] || pages[""];
  document.body.dataset.page = "loading";
  try {
    await page(new URLSearchParams(query || ""));
  } catch (error) {
    show(h("h1", {}, "Not found"), h("p", { class: "error" }, error.message));
  }
  document.body.dataset.page = name || "home";
}

window.addEventListener("hashchange", dispatch);
dispatch();
