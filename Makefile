# secgraph: `make demo` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= .secgraph/demo
export PYTHONHASHSEED := 0

.PHONY: install system-deps fidelity-deps demo serve test check lint typecheck bench compare fidelity fidelity-8k fidelity-forms clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

# Debian packages the tests use as independent checkers: rapper (raptor2-utils) validates our
# Turtle and N-Triples; chromium renders the HTML export; virtuoso-t is the Virtuoso server of
# the remote-store tests (tests/test_remote_virtuoso.py). Installed only when missing.
system-deps:
	@missing=""; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource-7-bin"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing fonts-liberation >/dev/null; \
	fi

# The converters of the fidelity harness (Debian packages): Chromium prints the rendered pages to
# PDF; poppler-utils (pdftotext, pdftoppm), tesseract-ocr, lynx, w3m, html2text and pandoc turn
# pages and PDFs into text. Installed only when missing.
FIDELITY_TOOLS := chromium:chromium pdftotext:poppler-utils pdftoppm:poppler-utils \
	tesseract:tesseract-ocr lynx:lynx w3m:w3m html2text:html2text pandoc:pandoc
fidelity-deps:
	@missing=""; \
	for pair in $(FIDELITY_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $$missing tesseract-ocr-eng fonts-liberation >/dev/null; \
	fi

demo: install
	$(BIN)/secgraph build examples/filings --store $(STORE) --fresh
	$(BIN)/secgraph lookup "Robert A Panora" --store $(STORE)
	$(BIN)/secgraph export --all --store $(STORE) -o exports

# Serves the example graph on http://127.0.0.1:8000/ (Ctrl-C stops it).
serve: install
	$(BIN)/secgraph build examples/filings --store $(STORE) --fresh
	$(BIN)/secgraph serve --store $(STORE)

# The remote-store tests start `oxigraph serve` (the PyPI oxigraph wheel of the dev extra,
# pinned to pyoxigraph's version) and virtuoso-t on 127.0.0.1 themselves, and stop them; the
# QLever ones run when QLEVER_URL names a server (tests/test_remote_qlever.py says how).
test: install system-deps
	$(BIN)/pytest -q -n 2 -m "not reliability"

# The slow fault trials (pytest marker `reliability`): kill trials, a full disk (RLIMIT_FSIZE),
# read-only and mount-point stores (tmpfs mounts, skipped without root) and 2,000 fuzzed
# mutants of the corpus. About 5 minutes on 2 cores; `timeout` bounds it at 15.
reliability: install
	timeout 900 $(BIN)/pytest -q -n 2 -m reliability

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

check: lint typecheck test

# make bench: the ingest part (corpus and 10,500 synthetic filings), the query part (stores of
# SIZES synthetic filings, built once and cached under BENCH_DIR), the serve part (32 clients for
# 30 s against secgraph serve and oxigraph serve on 127.0.0.1, side by side), the text part
# (text parsing of 1 to 64 MiB inputs), the scale-out part (SCALE_N synthetic filings: the
# sharded build on 1 and 2 Dask workers, resolve, load, beside the embedded build; about 5
# minutes at 2,000), the remote part (load rate and named-query latency, embedded vs
# oxigraph serve through --store URL) and the equality part (EQUAL_N synthetic filings built
# embedded and sharded on Dask + loaded into oxigraph serve: every named query, lookup and
# path compared by value through the CLI; about an hour at 30,000). BENCH=query runs one part.
BENCH ?= ingest,query,serve,text,scale,remote,equal
SCALE_N ?= 2000
EQUAL_N ?= 30000
SIZES ?= 10000,30000,100000
BENCH_DIR ?= /tmp/bench
bench: install
	@if [[ ",$(BENCH)," == *",ingest,"* ]]; then \
	  $(BIN)/python benchmarks/bench.py --out benchmarks/results.json; fi
	@if [[ ",$(BENCH)," == *",query,"* ]]; then \
	  $(BIN)/python benchmarks/query_bench.py --out benchmarks/results.json \
	    --sizes $(SIZES) --cache $(BENCH_DIR); fi
	@if [[ ",$(BENCH)," == *",serve,"* ]]; then \
	  $(BIN)/python benchmarks/bench_serve.py --out benchmarks/results.json; fi
	@if [[ ",$(BENCH)," == *",text,"* ]]; then \
	  $(BIN)/python benchmarks/bench_text_scale.py --out benchmarks/results.json; fi
	@if [[ ",$(BENCH)," == *",scale,"* ]]; then \
	  $(BIN)/python benchmarks/bench_scale.py --out benchmarks/results.json --n $(SCALE_N) \
	    --synth $(BENCH_DIR)/synth-s0 --work $(BENCH_DIR)/scale; fi
	@if [[ ",$(BENCH)," == *",remote,"* ]]; then \
	  $(BIN)/python benchmarks/bench_remote.py --out benchmarks/results.json; fi
	@if [[ ",$(BENCH)," == *",equal,"* ]]; then \
	  $(BIN)/python benchmarks/bench_equality.py --out benchmarks/results.json --n $(EQUAL_N) \
	    --cache $(BENCH_DIR); fi

# 8-K fidelity: secgraph's reading of the filings of tests/corpus/8k-items against the goldens
# read by hand (tests/goldens/8k): right / wrong / missing per fact kind, to
# benchmarks/fidelity_8k.json; also rewrites the pins of tests/test_eightk_fidelity.py and the
# README's figures. `make fidelity` runs it and the Forms 3/4/5 and D harness (fidelity-forms).
fidelity: fidelity-8k fidelity-forms
fidelity-8k: install
	$(BIN)/python benchmarks/eightk_fidelity.py --out benchmarks/fidelity_8k.json \
	  --pin tests/goldens/8k_pinned.json --readme README.md

# Not in CI: installs edgartools in its own venv (benchmarks/.venv-compare) and writes
# benchmarks/edgartools_report.md.
compare: install
	$(BIN)/python benchmarks/compare_edgartools.py

# make fidelity-forms: Forms 3/4/5 and D whose truth is their EDGAR XML, rendered as the SEC's pages,
# converted to text by real tools and the seeds' noise, read back, compared field by field
# (benchmarks/fidelity.py). PER_FORM filings of each form (OCR on OCR_PER_FORM of them); the
# sample is filled from the synthetic set in SYNTH when the corpus has too few.
PER_FORM ?= 30
OCR_PER_FORM ?= 3
SYNTH ?= $(BENCH_DIR)/synth-s0
FIDELITY_DIR ?= /tmp/fidelity
fidelity-forms: install fidelity-deps
	$(BIN)/python benchmarks/fidelity.py --per-form $(PER_FORM) --ocr-per-form $(OCR_PER_FORM) \
	  --synth $(SYNTH) --work $(FIDELITY_DIR) --out benchmarks/results.json --readme README.md

clean:
	rm -rf $(VENV) .secgraph .pytest_cache .mypy_cache .ruff_cache
