"""The conversion harness (``make fidelity-forms``): EDGAR XML filings rendered as the SEC
shows them, converted to text by real tools and synthetic noise, parsed by secgraph's text
readers, and compared with the XML's facts field by field. See benchmarks/fidelity.py."""
