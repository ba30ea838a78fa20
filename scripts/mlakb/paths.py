"""Where things are: the repository root and the build outputs."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def directory(self) -> Path:
        return self.root / "directory"

    @property
    def kb(self) -> Path:
        return self.root / "kb"

    @property
    def build(self) -> Path:
        return Path(os.environ.get("MLAKB_BUILD", self.root / "build"))

    @property
    def database(self) -> Path:
        return self.build / "mlakb.db"

    @property
    def treaty_index(self) -> Path:
        return self.build / "treaty-index"

    @property
    def site(self) -> Path:
        return Path(os.environ.get("MLAKB_SITE", self.root / "site"))

    @property
    def schema(self) -> Path:
        return self.directory / "schema"


def find_root(start: Path | None = None) -> Path:
    """MLAKB_ROOT, else the nearest folder upwards holding directory/ and pyproject.toml."""
    if os.environ.get("MLAKB_ROOT"):
        return Path(os.environ["MLAKB_ROOT"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "directory").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    # installed from a checkout: the package lives in <root>/scripts/mlakb
    return Path(__file__).resolve().parents[2]


def paths() -> Paths:
    return Paths(find_root())
