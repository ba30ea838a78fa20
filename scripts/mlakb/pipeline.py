"""One pipeline from records to outputs: load → check → database → treaty index → guide."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from .api.metadata import write_metadata
from .outputs.database import build_database
from .paths import Paths
from .records.check import check_directory
from .records.directory import Directory, load_directory
from .records.kb_check import kb_problems
from .records.problems import Problem

STEPS = ("database", "index", "guide")


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failures


def load_checked(p: Paths) -> tuple[Directory, list[Problem]]:
    directory = load_directory(p.directory)
    problems = check_directory(directory, p.root) + kb_problems(p.root)
    return directory, sorted(set(problems))


def _database(p: Paths, directory: Directory, result: Result) -> None:
    result.counts.update(build_database(directory, p.database))
    write_metadata(p.build / "metadata.json")


def _index(p: Paths, directory: Directory, result: Result) -> None:
    from .treaties.index import build_index

    result.counts["articles_indexed"] = build_index(p).documents


def _guide(p: Paths, directory: Directory, result: Result) -> None:
    from .outputs.guide_site import build_site
    from .records import snapshot

    model = p.build / "model.json"
    snapshot.write(directory, model)
    build_site(p, model)


BUILDERS: dict[str, Callable[[Paths, Directory, Result], None]] = {"database": _database, "index": _index, "guide": _guide}


def build(p: Paths, steps: tuple[str, ...] = STEPS) -> Result:
    """Build the requested outputs; nothing is written when the records have problems.

    Each output is built into a temporary path and swapped in whole: a step that fails leaves its
    output as it was, and is reported in `failures`.
    """
    result = Result()
    started = time.perf_counter()
    directory, result.problems = load_checked(p)
    result.timings["check"] = time.perf_counter() - started
    if result.problems:
        return result
    for step in steps:
        if step == "guide" and "database" in result.failures:
            # the guide shows the same records as the database: a guide newer than the database would disagree with it
            result.failures[step] = "not built because the database step failed"
            continue
        started = time.perf_counter()
        try:
            BUILDERS[step](p, directory, result)
        except Exception as exc:  # reported to the maintainer; the previous output stays in place
            result.failures[step] = f"{type(exc).__name__}: {exc}"
        result.timings[step] = time.perf_counter() - started
    return result
