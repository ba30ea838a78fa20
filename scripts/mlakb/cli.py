"""The `mlakb` command.  Each subcommand lives in mlakb/commands/<name>.py and exposes `command`."""
from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from . import commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """mlakb: directory of competent authorities and knowledge base for international cooperation in criminal matters."""


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    cli.add_command(importlib.import_module(f"{commands.__name__}.{_info.name}").command)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
