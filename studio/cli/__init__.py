"""The `studio` command line: one module per command group, wired in `studio.cli.main.main`."""
