"""A SPARQL 1.1 server as the store: the Protocol for queries and updates, the Graph Store
Protocol for whole graphs, behind :class:`~secgraph.store.base.GraphStore`.

``--store http://127.0.0.1:7878`` (or ``SECGRAPH_STORE``) opens one. What differs between
engines (endpoint paths, how the union default graph is asked for, bulk writes) is in their
profiles (:mod:`secgraph.store.engines`); what pyoxigraph takes beside a query (prefixes,
parameters) is written into its text (:mod:`secgraph.store.sparql_text`). Answers come back as
the W3C results formats and are parsed by pyoxigraph's own parsers
(:func:`pyoxigraph.parse_query_results`, :func:`pyoxigraph.parse`) into the same types the
embedded store gives, so every reader works on either.

Writing: a server has no staging copy to switch to, so a build writes the filings' graphs
first (a batch of whole graphs per request: on Oxigraph one Graph Store ``POST``, one
transaction), then the derived graphs (resolution, positions, summary) each into a new graph
beside the old one, swapped in by one ``MOVE`` (:meth:`RemoteStore.write_graph`), and the
ontology by one ``PUT``. A query never sees part of a graph on Oxigraph; it may see new
filings before their resolution is rewritten, until the build ends (see :mod:`secgraph.build`).
"""

from __future__ import annotations

import io
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from itertools import groupby, islice
from typing import IO, Any

import httpx
import pyoxigraph as ox

from secgraph.errors import QueryError, StoreError
from secgraph.store.base import (
    Dataset,
    GraphName,
    GraphStore,
    Params,
    QueryResult,
    Substitutions,
)
from secgraph.store.engines import (
    ENGINES,
    GENERIC,
    OXIGRAPH,
    Engine,
    Union,
    from_server_header,
)
from secgraph.store.federation import refuse_service
from secgraph.store.sparql_text import with_prefixes, with_values

_RESULTS = "application/sparql-results+json"
_GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9"
_ACCEPT = f"{_RESULTS}, {_GRAPH_TYPES}"
#: How long a request may wait for the server's first byte (a query's own bound is the
#: caller's: ``secgraph query --timeout``). A build's store (``patient``) is not bounded so:
#: its whole-store queries (the positions' roles sorted, the summary's entities grouped)
#: answer only once computed, and a busy server takes in a 32 MB batch at its own pace;
#: ``secgraph load --shards`` of 30,000 filings into ``oxigraph serve`` on a machine at load
#: 11 failed after 50 minutes with "timed out".
READ_TIMEOUT = 600.0
#: Quads per ``INSERT DATA`` request when an engine has no Graph Store Protocol.
_CHUNK = 20_000


class RemoteStore(GraphStore):
    """A SPARQL 1.1 server. Open it with :meth:`open` (checks that it answers)."""

    def __init__(
        self,
        url: str,
        engine: Engine,
        *,
        prefixes: Mapping[str, str] | None = None,
        federation: bool = False,
        client: httpx.Client | None = None,
        patient: bool = False,
    ) -> None:
        self.url = url
        self.engine = engine
        parts = urllib.parse.urlsplit(url)
        #: The URL as errors show it: without its password.
        self.shown = (
            urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
            if "@" in parts.netloc
            else url
        )
        self.prefixes = dict(prefixes or {})
        self.federation = federation
        self.path = None  # not a folder: the views stream no on-disk order from it
        root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        self.root = root
        if parts.path.strip("/"):  # an endpoint given: queries and updates both go there
            self.query_url = self.update_url = urllib.parse.urlunsplit(parts._replace(fragment=""))
            self.store_url: str | None = None
        else:
            self.query_url = root + engine.query_path
            self.update_url = root + engine.update_path
            self.store_url = root + engine.store_path if engine.store_path else None
        auth = None
        if parts.username is not None:  # http://user:password@host/ (Virtuoso's writes)
            auth = httpx.DigestAuth(
                urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
            )
            root_netloc = parts.hostname or ""
            if parts.port is not None:
                root_netloc += f":{parts.port}"
            for name in ("root", "query_url", "update_url", "store_url"):
                value = getattr(self, name)
                if value is not None:
                    setattr(self, name, value.replace(parts.netloc, root_netloc, 1))
        # Patient: no bound on reading an answer or on sending a body (a busy server takes in
        # a 32 MB batch at its own pace); connecting is bounded either way.
        timeout = (
            httpx.Timeout(30.0, read=None, write=None)
            if patient
            else httpx.Timeout(30.0, read=READ_TIMEOUT)
        )
        self._client: httpx.Client | None = client or httpx.Client(
            timeout=timeout, auth=auth, follow_redirects=True
        )

    @classmethod
    def open(
        cls,
        spec: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        federation: bool = False,
        patient: bool = False,
    ) -> RemoteStore:
        """The server at ``spec`` (``URL`` or ``URL#engine``); ``patient``: a build's, its
        requests never cut short by :data:`READ_TIMEOUT`. Raises StoreError (a setup error)
        when it does not answer a query or names an unknown engine."""
        url, _, named = spec.partition("#")
        engine: Engine | None = None
        if named:
            engine = ENGINES.get(named.lower())
            if engine is None:
                known = ", ".join(sorted(ENGINES))
                raise StoreError(f"unknown engine {named!r} in {spec}: one of {known}")
        store = cls(
            url, engine or GENERIC, prefixes=prefixes, federation=federation, patient=patient
        )
        try:
            if engine is None:  # told by the server's name for itself
                detected = from_server_header(store._server_header())
                if detected is not GENERIC:
                    store.close()
                    store = cls(
                        url, detected, prefixes=prefixes, federation=federation, patient=patient
                    )
            store._post_query("ASK {}", union=False)  # it answers queries
        except BaseException:
            store.close()
            raise
        return store

    def __repr__(self) -> str:
        return f"RemoteStore({self.shown!r}, engine={self.engine.name})"

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            raise StoreError(f"the store {self.shown} is closed")
        return self._client

    @property
    def raw(self) -> RemoteDataset:
        return RemoteDataset(self)

    # -- HTTP ------------------------------------------------------------------------------
    def _form(self, key: str, text: str, union: bool) -> dict[str, str]:
        form = {key: text}
        if union and self.engine.union is Union.PARAMETER:
            form[self.engine.union_parameter] = ""
        return form

    def _post_query(self, text: str, *, union: bool, accept: str = _ACCEPT) -> httpx.Response:
        return self._send(
            "POST",
            self.query_url,
            data=self._form("query", text, union),
            headers={"Accept": accept},
        )

    def _server_header(self) -> str | None:
        """The ``Server`` header of the server's answer to a GET of the URL given."""
        try:
            response = self.client.get(self.root if self.store_url else self.query_url)
        except httpx.TransportError as exc:
            raise StoreError(f"cannot reach the store {self.shown}: {exc}") from exc
        header: str | None = response.headers.get("server")
        return header

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise StoreError(f"cannot reach the store {self.shown}: {exc}") from exc
        _check(response, self.shown)
        return response

    @contextmanager
    def _stream(self, method: str, url: str, **kwargs: Any) -> Iterator[httpx.Response]:
        try:
            with self.client.stream(method, url, **kwargs) as response:
                if response.is_error:
                    response.read()
                    _check(response, self.shown)
                yield response
        except httpx.TransportError as exc:
            raise StoreError(f"cannot read the store {self.shown}: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update (``INSERT DATA``, ``DROP GRAPH``...) on the server."""
        self._send("POST", self.update_url, data={"update": sparql})

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        if self.store_url is not None:  # one PUT: the graph is replaced in one request
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            self._send(
                "PUT",
                self.store_url,
                params={self.engine.graph_parameter: graph.value},
                content=body,
                headers={"Content-Type": _gsp_type(self.engine)},
            )
        else:
            self.remove_graph(graph)
            self._insert(graph, triples)
        return self.count(graph)

    def write_graph(
        self, graph: ox.NamedNode, quads: Iterable[ox.Quad], *, chunk: int = 50_000
    ) -> int:
        """Write ``quads`` into a new graph beside ``graph`` (one request a chunk), then
        swap it in with one ``MOVE`` (one transaction on Oxigraph): a query sees the old
        graph or the new one, never a part; a failure leaves the old one and drops the new."""
        staging = ox.NamedNode(f"urn:secgraph:staging:{uuid.uuid4().hex}")
        written = False
        try:
            it = iter(quads)
            while batch := list(islice(it, chunk)):
                renamed = [ox.Quad(q.subject, q.predicate, q.object, staging) for q in batch]
                data = ox.serialize(renamed, format=ox.RdfFormat.N_QUADS) or b""
                self.bulk_load(data, format=ox.RdfFormat.N_QUADS, transaction=True)
                written = True
            if written:
                self.update(f"MOVE SILENT GRAPH {staging} TO {graph}")
            else:
                self.remove_graph(graph)
        except BaseException:
            with suppress(StoreError, QueryError):
                self.remove_graph(staging)
            raise
        return self.count(graph)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {graph}")

    def clear(self) -> None:
        """Drop every graph but the engine's own (``build --fresh``): graph by graph, a
        hundred to a request (Virtuoso 7.2 takes ``DROP ALL`` and drops nothing)."""
        graphs = [g for g in self.graphs() if isinstance(g, ox.NamedNode)]
        for start in range(0, len(graphs), 100):
            self.update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in graphs[start : start + 100]))

    def bulk_load(
        self, data: bytes | IO[bytes], *, format: ox.RdfFormat, transaction: bool = True
    ) -> None:
        """Add quads: on Oxigraph one Graph Store ``POST`` (one transaction, unless not
        ``transaction``: its bulk loader then, faster, but a query may see part of it);
        elsewhere graph by graph."""
        if format is ox.RdfFormat.N_QUADS and self.store_url and self.engine.dataset_post:
            body = data if isinstance(data, bytes) else data.read()
            self._send(
                "POST",
                self.store_url,
                params=None
                if transaction or self.engine is not OXIGRAPH
                else {"no_transaction": ""},
                content=body,
                headers={"Content-Type": "application/n-quads"},
            )
            return
        try:
            quads = list(ox.parse(data, format=format))
        except SyntaxError as exc:
            raise StoreError(f"cannot load {format.name}: {exc}") from exc
        quads.sort(key=lambda q: str(q.graph_name))
        for name, group in groupby(quads, key=lambda q: q.graph_name):
            triples = [q.triple for q in group]
            if isinstance(name, ox.NamedNode) and self.store_url is not None:
                body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
                self._send(
                    "POST",
                    self.store_url,
                    params={self.engine.graph_parameter: name.value},
                    content=body,
                    headers={"Content-Type": _gsp_type(self.engine)},
                )
            elif isinstance(name, ox.NamedNode):
                self._insert(name, triples)
            else:
                raise StoreError(f"{self.shown}: secgraph writes named graphs only, not {name}")

    def _insert(self, graph: ox.NamedNode, triples: list[ox.Triple]) -> None:
        it = iter(triples)
        while chunk := list(islice(it, _CHUNK)):
            body = (ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
            self.update(f"INSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")

    # -- reading ---------------------------------------------------------------------------
    def query(
        self, sparql: str, params: Params | None = None, *, union: bool = True
    ) -> QueryResult:
        if not self.federation:
            refuse_service(sparql)
        text = with_prefixes(with_values(sparql, params or {}), self.prefixes)
        return _parse(self._post_query(text, union=union))

    def select_stream(self, sparql: str, *, union: bool) -> Iterator[ox.QuerySolution]:
        """The rows of a SELECT as the server sends them (the response is closed when the
        iterator ends or is dropped)."""
        with self._stream(
            "POST",
            self.query_url,
            data=self._form("query", with_prefixes(sparql, self.prefixes), union),
            headers={"Accept": _RESULTS},
        ) as response:
            result = ox.parse_query_results(
                io.BufferedReader(_Body(response)), ox.QueryResultsFormat.JSON
            )
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("expected a SELECT query")
            try:
                yield from result
            except SyntaxError as exc:
                raise StoreError(f"{self.shown} sent a malformed answer: {exc}") from exc

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        if self.engine.dataset_get and self.store_url and not isinstance(graph, ox.DefaultGraph):
            return self._store_get(graph)  # N-Quads parse faster than result rows
        return self.raw.quads_for_pattern(None, None, None, graph)

    def _store_get(self, graph: ox.NamedNode | ox.BlankNode | None) -> Iterator[ox.Quad]:
        """A graph (N-Triples) or the whole dataset (N-Quads) read by a Graph Store GET."""
        assert self.store_url is not None
        fmt = ox.RdfFormat.N_QUADS if graph is None else ox.RdfFormat.N_TRIPLES
        params = {} if graph is None else {self.engine.graph_parameter: graph.value}
        with self._stream(
            "GET", self.store_url, params=params, headers={"Accept": fmt.media_type}
        ) as response:
            try:
                for quad in ox.parse(io.BufferedReader(_Body(response)), format=fmt):
                    yield (
                        quad
                        if graph is None
                        else ox.Quad(quad.subject, quad.predicate, quad.object, graph)
                    )
            except SyntaxError as exc:
                raise StoreError(f"{self.shown} sent a malformed answer: {exc}") from exc

    def graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        # Virtuoso 7.2 times out on a DISTINCT over every quad but groups them at once
        query = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"
            if self.engine.empty_graph_pattern
            else "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        system = self.engine.system_graphs
        for row in self.select_stream(query, union=False):
            name = row["g"]
            if isinstance(name, ox.NamedNode | ox.BlankNode) and not name.value.startswith(system):
                yield name

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return self.ask(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}", union=False)

    def count(self, graph: GraphName | None = None) -> int:
        if graph is None:  # secgraph writes named graphs only
            where = "GRAPH ?g { ?s ?p ?o }" + self._not_system("?g")
        elif isinstance(graph, ox.DefaultGraph):
            self._default_graph_readable()
            where = "?s ?p ?o"
        else:
            where = f"GRAPH {graph} {{ ?s ?p ?o }}"
        for row in self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", union=False):
            value = row.get("n")
            return int(value.value) if isinstance(value, ox.Literal) else 0
        return 0

    def _not_system(self, variable: str) -> str:
        """Filters leaving out the engine's own graphs (Virtuoso's)."""
        return "".join(
            f" FILTER(!STRSTARTS(STR({variable}), {ox.Literal(prefix)}))"
            for prefix in self.engine.system_graphs
        )

    def _default_graph_readable(self) -> None:
        if self.engine.union is Union.ALWAYS:
            raise QueryError(
                f"{self.engine.name} reads every graph as its default graph: the default "
                "graph alone cannot be read there"
            )

    def dump(
        self, output: IO[bytes], *, format: ox.RdfFormat, graph: GraphName | None = None
    ) -> None:
        if graph is None and not format.supports_datasets:
            raise StoreError(f"{format.name} holds one graph: give the graph to dump")
        if (
            self.engine.dataset_get
            and self.store_url is not None
            and not isinstance(graph, ox.DefaultGraph)
            and (graph is None) == format.supports_datasets
        ):
            params = {} if graph is None else {self.engine.graph_parameter: graph.value}
            with self._stream(
                "GET", self.store_url, params=params, headers={"Accept": format.media_type}
            ) as response:
                for chunk in response.iter_bytes():
                    output.write(chunk)
            return
        quads = self.quads(graph)
        if format.supports_datasets:
            ox.serialize(quads, output, format=format)
        else:
            ox.serialize((q.triple for q in quads), output, format=format)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


class RemoteDataset:
    """The server as :class:`~secgraph.store.base.Dataset`: the part of pyoxigraph's Store
    API the views read (quad patterns, queries with pyoxigraph's options), over HTTP."""

    def __init__(self, store: RemoteStore) -> None:
        self.store = store

    def query(
        self,
        query: str,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        substitutions: Substitutions | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        params = {v.value: t for v, t in (substitutions or {}).items()}
        for name, term in params.items():
            if isinstance(term, ox.Triple):
                raise QueryError(f"?{name}: quoted triples are not given to a server")
        text = with_prefixes(query, prefixes or {})
        return self.store.query(text, params, union=use_default_graph_as_union)  # type: ignore[arg-type]

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,
        graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        s = str(subject) if subject is not None else "?s"
        p = str(predicate) if predicate is not None else "?p"
        o = str(object) if object is not None else "?o"
        g: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = graph_name
        if isinstance(graph_name, ox.DefaultGraph):
            self.store._default_graph_readable()
            where = f"{s} {p} {o}"
        elif graph_name is not None:
            where = f"GRAPH {graph_name} {{ {s} {p} {o} }}"
        else:
            where = f"GRAPH ?g {{ {s} {p} {o} }}" + self.store._not_system("?g")
        for row in self.store.select_stream(f"SELECT * WHERE {{ {where} }}", union=False):
            yield ox.Quad(
                subject or row["s"],
                predicate or row["p"],
                object or row["o"],
                g if g is not None else row["g"],
            )

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        return self.store.graphs()

    def contains_named_graph(
        self, graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
    ) -> bool:
        if not isinstance(graph_name, ox.NamedNode):
            return False
        return self.store.has_graph(graph_name)

    def __len__(self) -> int:
        return self.store.count()


def _gsp_type(engine: Engine) -> str:
    # N-Triples is a subset of Turtle: engines without an N-Triples parser read it as Turtle.
    return "application/n-triples" if engine is OXIGRAPH else "text/turtle"


def _check(response: httpx.Response, where: str) -> None:
    if not response.is_error:
        return
    text = " ".join(response.text.split())[:500]
    status = response.status_code
    if status == 400:
        raise QueryError(f"{where} refused the query: {text}")
    if status in (401, 403):
        raise StoreError(
            f"{where} refused the request ({status}): writes need credentials "
            f"(http://user:password@host/...) or rights on the server: {text}"
        )
    raise StoreError(f"{where} answered {status}: {text}")


def _parse(response: httpx.Response) -> QueryResult:
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    data = response.content
    results = ox.QueryResultsFormat.from_media_type(media) if media else None
    try:
        if results is not None:
            return ox.parse_query_results(data, results)
        graph = ox.RdfFormat.from_media_type(media) if media else None
        if graph is None:
            raise StoreError(f"the server answered in an unknown format {media!r}")
        return iter([q.triple for q in ox.parse(data, format=graph)])
    except SyntaxError as exc:
        raise StoreError(f"the server sent a malformed answer ({media}): {exc}") from exc


class _Body(io.RawIOBase):
    """A streamed response as a binary file, for pyoxigraph's parsers."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__()
        self._chunks = response.iter_bytes()
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._left = chunk
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n


__all__ = ["Dataset", "RemoteDataset", "RemoteStore"]
