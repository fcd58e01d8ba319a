"""Command modules of the CLI; each has `register(app)`."""
