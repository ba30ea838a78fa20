"""Helpers every package may use: atomic output swaps, display names, article references in Chinese, the clock. Imports nothing of mlakb."""
