"""Colors and shapes of node kinds, shared by the GEXF, DOT and HTML views.

Shapes follow the group (entities round, records diamonds, filings tags); colors are given to
the ontology's node classes in a fixed order, so a kind keeps its color from export to export.
"""

from __future__ import annotations

from dataclasses import dataclass

from secgraph.graph.vocab import SG
from secgraph.views.schema import Group, view_schema

# Okabe-Ito and Tableau colors: distinguishable, also for color-blind readers.
_PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#8C564B",
    "#F0E442",
    "#7F7F7F",
    "#17BECF",
    "#BCBD22",
    "#9467BD",
    "#2CA02C",
    "#FF9DA7",
)

# Cytoscape.js shape names; DOT has its own (see ``dot_shape``).
_SHAPES = {
    Group.ENTITY: "ellipse",
    Group.RECORD: "diamond",
    Group.DOCUMENT: "tag",
}
_PERSON_SHAPE = "ellipse"
_ORGANIZATION_SHAPE = "round-rectangle"
_DOT_SHAPES = {"ellipse": "ellipse", "round-rectangle": "box", "diamond": "diamond", "tag": "note"}


@dataclass(frozen=True)
class KindStyle:
    color: str
    shape: str  # a Cytoscape.js node shape

    @property
    def rgb(self) -> tuple[int, int, int]:
        value = self.color.lstrip("#")
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)

    @property
    def dot_shape(self) -> str:
        return _DOT_SHAPES[self.shape]


def kind_styles() -> dict[str, KindStyle]:
    """Style of every node class, keyed by the class's local name."""
    schema = view_schema()
    person = SG.Person.value
    styles: dict[str, KindStyle] = {}
    ordered = sorted(schema.node_classes.values(), key=lambda c: (c.group.value, c.name))
    for i, cls in enumerate(ordered):
        shape = _SHAPES[cls.group]
        if cls.group is Group.ENTITY:
            shape = _PERSON_SHAPE if person in cls.ancestors else _ORGANIZATION_SHAPE
        styles[cls.name] = KindStyle(color=_PALETTE[i % len(_PALETTE)], shape=shape)
    return styles
