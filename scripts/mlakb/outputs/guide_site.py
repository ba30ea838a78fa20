"""site/: the MkDocs guide, built with --strict into a temporary folder and swapped in whole."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..paths import Paths
from ..common import atomic


class GuideBuildError(RuntimeError):
    pass


def build_site(p: Paths, snapshot: Path | None = None) -> None:
    """`snapshot`: the checked records the pipeline wrote (records/snapshot.py); the hook reads them instead of directory/."""
    with atomic.new_folder(p.site) as tmp:
        env = {**os.environ, "MLAKB_ROOT": str(p.root), **({"MLAKB_SNAPSHOT": str(snapshot)} if snapshot else {})}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(p.root / "mkdocs.yml"), "--site-dir", str(tmp)],
            cwd=p.root, env=env, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise GuideBuildError("mkdocs build --strict failed; the previous site/ is kept:\n" + (result.stderr or result.stdout)[-4000:])
