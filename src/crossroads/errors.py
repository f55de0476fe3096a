"""Domain errors: typed, raised in the core, rendered by each adapter (CLI, HTTP).

Each carries a message a user can act on: which file, line and field, and what to do next.
"""

from __future__ import annotations


class CrossroadsError(Exception):
    """Base of every error a user may see; ``exit_code`` is what the CLI returns for it."""

    exit_code = 2


class InputFileError(CrossroadsError):
    """A whole input cannot be read (missing file, unknown format, bad mapping file)."""


class MappingError(InputFileError):
    """A CSV column-mapping file is invalid."""


class StoreError(CrossroadsError):
    """The store cannot be opened, migrated or written."""

    exit_code = 3


class NotFoundError(CrossroadsError):
    """A named object (record, quarantine entry, batch) does not exist."""
