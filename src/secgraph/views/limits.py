"""How far the bounded views go by default (light: the CLI's options read them)."""

#: Nodes ``export --around`` keeps at most (the HTML page stays readable far below).
AROUND_BUDGET = 2_000
#: How long a chain ``path`` looks for, in hops, and how many entities it visits at most.
PATH_MAX_HOPS = 6
PATH_BUDGET = 50_000
