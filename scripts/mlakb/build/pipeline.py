"""One pipeline from records to outputs: load → check → database (→ treaty index → guide)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..paths import Paths
from ..records.check import check_directory
from ..records.directory import Directory, load_directory
from ..records.problems import Problem
from .database import build_database
from .metadata_file import write_metadata


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_checked(p: Paths) -> tuple[Directory, list[Problem]]:
    directory = load_directory(p.directory)
    return directory, check_directory(directory, p.root)


def build(p: Paths, steps: tuple[str, ...] = ("database",)) -> Result:
    """Build the requested outputs; nothing is written when the records have problems."""
    result = Result()
    started = time.perf_counter()
    directory, result.problems = load_checked(p)
    result.timings["check"] = time.perf_counter() - started
    if result.problems:
        return result
    if "database" in steps:
        started = time.perf_counter()
        result.counts.update(build_database(directory, p.database))
        write_metadata(p.build / "metadata.json")
        result.timings["database"] = time.perf_counter() - started
    return result
