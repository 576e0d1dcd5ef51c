"""The exception tree of secgraph, and nothing else.

One root, :class:`SecGraphError`. Errors about a filing's content also subclass
:class:`ValueError` and carry the source, line and column where the problem was seen.
A bad *document* is reported and a batch goes on; a bad *setup* (a store that cannot
open, a missing ontology) aborts.
"""

from __future__ import annotations


class SecGraphError(Exception):
    """Root of every error secgraph raises on purpose."""


class InputError(SecGraphError, ValueError):
    """A filing cannot be used. Names the file and, when known, the line and column."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.reason = message
        self.source = source
        self.line = line
        self.column = column
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # One line, always: a reason quoting a parser's message may hold line breaks.
        return f"{where}: {' '.join(self.reason.splitlines())}"


class EmptyInputError(InputError):
    """The file is empty or holds only white space."""


class BinaryInputError(InputError):
    """The file is binary (images, archives, PDFs), not a filing's text or markup."""


class EncodingError(InputError):
    """The bytes cannot be decoded as text in any encoding EDGAR uses."""


class UnreadableInputError(InputError):
    """The path cannot be read as a file: not a regular file (a FIFO, socket or device), a
    symbolic link loop or broken link, no permission, or it vanished."""


class UnknownFormError(InputError):
    """The content is text, but no registered parser recognises it as a supported filing."""


class MalformedDocumentError(InputError):
    """The document was recognised but is broken: truncated, ill-formed XML, missing core parts."""


class UnsafeDocumentError(InputError):
    """The document tries something a filing never needs: entity expansion, external entities,
    or a size beyond the configured limit."""


class SetupError(SecGraphError):
    """The environment is wrong (store cannot open, ontology missing): stop the whole run."""


class StoreError(SetupError):
    """The store cannot be opened, written or committed."""


class ShardError(SetupError):
    """A shard folder cannot be written or read, or holds an unfinished sharded build."""


class QueryError(SecGraphError, ValueError):
    """A SPARQL query or a named query's parameters are invalid."""


class ViewError(SecGraphError, ValueError):
    """An export or path request names nothing in the graph (no such entity, filing or kind)."""
