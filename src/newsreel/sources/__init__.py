"""Readers: files, directories, stdin, JSON Lines, HTML and URLs into Articles.

`read_inputs(paths)` is the one entry point. It yields `Article` objects and,
for inputs that cannot be read, `ReadFailure` objects with one clear reason,
so a bad input never stops a batch.
"""

from newsreel.sources.base import DEFAULT_MAX_BYTES, ReadFailure, SourceError
from newsreel.sources.dispatch import read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "ReadFailure", "SourceError", "read_inputs"]
