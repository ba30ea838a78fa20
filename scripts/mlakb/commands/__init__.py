"""One module per `mlakb` subcommand; each exposes a click command named `command`."""
