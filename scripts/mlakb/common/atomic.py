"""Build into a temporary path next to the target, then swap it in whole.

A file is replaced with os.replace (atomic on POSIX).  A folder cannot be replaced atomically while
it exists, so the old one is first renamed to `<name>.old`; `recover()` puts it back if a build was
killed between the two renames, so a reader never finds the output missing for longer than that.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterator


STALE_AFTER = 3600  # seconds; temporaries older than this belong to a build that was killed


def _sweep(target: Path) -> None:
    """Remove what killed builds left behind (never a temporary another build may still be writing)."""
    for leftover in target.parent.glob(f".{target.name}.*.tmp*"):
        if time.time() - leftover.stat().st_mtime > STALE_AFTER:
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def new_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces `target`, on any failure it is deleted."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal"), Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
            leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def new_folder(target: Path) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it takes the place of `target`."""
    recover(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        old = target.with_name(target.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            os.rename(target, old)
        try:
            os.rename(tmp, target)
        except OSError:
            recover(target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def recover(target: Path) -> None:
    """Undo a swap interrupted after the old output was moved aside."""
    old = target.with_name(target.name + ".old")
    if old.exists() and not target.exists():
        os.rename(old, target)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)
