"""Scaling out: a sharded build whose parse and map stage runs on a Dask cluster.

``secgraph build FILES --shards DIR`` (:mod:`secgraph.scale.map_stage`, run where
:mod:`secgraph.scale.cluster` says) writes N-Quads shards and the mention facts;
``secgraph resolve --shards DIR`` (:mod:`secgraph.scale.reduce`) computes the resolution
graph from the facts; ``secgraph load --shards DIR --store DIR`` (:mod:`secgraph.scale.load`)
puts them in a store. The folder's layout: :mod:`secgraph.scale.shards`.
"""
