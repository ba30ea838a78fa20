"""site/: the MkDocs guide, built with --strict into a temporary folder and swapped in whole."""
from __future__ import annotations

import os
import subprocess
import sys

from ..paths import Paths
from ..common import atomic


class GuideBuildError(RuntimeError):
    pass


def build_site(p: Paths) -> None:
    with atomic.new_folder(p.site) as tmp:
        env = {**os.environ, "MLAKB_ROOT": str(p.root)}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(p.root / "mkdocs.yml"), "--site-dir", str(tmp)],
            cwd=p.root, env=env, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise GuideBuildError("mkdocs build --strict failed; the previous site/ is kept:\n" + (result.stderr or result.stdout)[-4000:])
