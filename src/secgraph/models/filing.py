"""What a parser returns: one document of any family, and its warnings."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from secgraph.models.common import ParseWarning
from secgraph.models.eightk import EightKFiling
from secgraph.models.formd import FormDFiling
from secgraph.models.ownership import OwnershipFiling

Document = Annotated[OwnershipFiling | FormDFiling | EightKFiling, Field(discriminator="kind")]


class ParsedFiling(BaseModel):
    """What a parser returns: one document and the warnings about its gaps."""

    model_config = ConfigDict(extra="forbid")

    document: Document
    warnings: list[ParseWarning] = Field(default_factory=list)
