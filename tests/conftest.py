"""Suite-wide settings: hypothesis runs derandomized so every run checks the same examples
(the suite must be deterministic), with no deadline (CI machines are shared and slow)."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("secgraph", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("secgraph")
