"""Maintainers' tasks: canonical form, scaffolding, staleness, coverage and human-readable diffs."""
