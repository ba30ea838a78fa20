"""Drafting outgoing requests: the draft format, pre-filling from the directory, checks and the letter."""
