"""Helpers every package may use: atomic output swaps, display names, the clock. Imports nothing of mlakb."""
