"""A value listed twice in any list of a record (`handles: [mla, mla]`) is an error at its second place
(once per value, however often it repeats).

The database keys such lists (one row per handled matter, per language...), so a repeated value would
pass the schema and then fail the build; checking every list of plain values catches them all.
"""
from __future__ import annotations

from .directory import Directory
from .problems import Problem


def duplicate_entries(directory: Directory) -> list[Problem]:
    loaded = [*directory.jurisdictions.values(), *directory.instruments.values(), *directory.vocab.values()]
    if directory.glossary:
        loaded.append(directory.glossary)
    problems = []
    for item in loaded:
        stack = [((), item.doc.data)]
        while stack:
            loc, node = stack.pop()
            if isinstance(node, dict):
                stack.extend(((*loc, key), value) for key, value in node.items())
            elif isinstance(node, list):
                seen, reported = set(), set()
                for i, value in enumerate(node):
                    if isinstance(value, (dict, list)):
                        stack.append(((*loc, i), value))
                    elif value in seen and value not in reported:
                        reported.add(value)
                        field = next((str(k) for k in reversed(loc) if isinstance(k, str)), "the list")
                        problems.append(item.doc.problem((*loc, i), "E-DUPLIST", f"{value!r} is listed twice in {field}"))
                    else:
                        seen.add(value)
    return problems
