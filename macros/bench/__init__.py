"""Benchmark and test tooling: the national-size sample data and the mkdocs.yml for other data sets."""
