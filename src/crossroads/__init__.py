"""Crossroads: links agency records into persons, with need-to-know access, alerts and audit.

The public Python API: what users call. Internals may change between versions.
"""

from crossroads.records.model import Classification, Problem, Record

__version__ = "0.1.0"

__all__ = ["Classification", "Problem", "Record", "__version__"]
