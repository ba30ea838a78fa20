"""Outputs built from the records: the database, the treaty index and the guide, each swapped in whole."""
