"""One pipeline from records to outputs: load → check → database → treaty index → guide."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .api.metadata import write_metadata
from .common.diagnostics import Diagnostic, errors
from .outputs.database import build_database
from .paths import Paths
from .records.check import check_directory
from .records.directory import Directory, load_directory
from .records.kb_check import kb_problems
from .records.problems import Problem

STEPS = ("database", "index", "guide")


def build_code(step: str) -> str:
    """The registered code of a failed step: E-BUILD-DATABASE, E-BUILD-INDEX, E-BUILD-GUIDE."""
    return f"E-BUILD-{step.upper()}"


def output_of(p: Paths, step: str) -> Path:
    return {"database": p.database, "index": p.treaty_index, "guide": p.site}[step]


def failure(p: Paths, step: str, message: str) -> Diagnostic:
    """A failed step as a Diagnostic at the output it could not write (relative to the repository when inside it)."""
    output = output_of(p, step)
    shown = output.relative_to(p.root) if output.is_relative_to(p.root) else output
    return Diagnostic(str(shown), 1, 1, build_code(step), message)


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)  # errors: nothing is built
    warnings: list[Problem] = field(default_factory=list)  # shown; the build goes on
    failures: list[Diagnostic] = field(default_factory=list)  # one per failed step, the previous output kept
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failures

    def failed(self, step: str) -> bool:
        return any(f.code == build_code(step) for f in self.failures)


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
    output as it was, and is reported in `failures` (a Diagnostic, code E-BUILD-<STEP>).
    """
    result = Result()
    started = time.perf_counter()
    directory, found = load_checked(p)
    result.problems = errors(found)
    result.warnings = [d for d in found if d not in result.problems]
    result.timings["check"] = time.perf_counter() - started
    if result.problems:
        return result
    for step in steps:
        if step == "guide" and result.failed("database"):
            # the guide shows the same records as the database: a guide newer than the database would disagree with it
            result.failures.append(failure(p, step, "the guide step was not run because the database step failed; the previous guide is kept"))
            continue
        started = time.perf_counter()
        try:
            BUILDERS[step](p, directory, result)
        except Exception as exc:  # reported to the maintainer; the previous output stays in place
            result.failures.append(failure(p, step, f"the {step} step failed; the previous {step} is kept: {type(exc).__name__}: {exc}"))
        result.timings[step] = time.perf_counter() - started
    return result
