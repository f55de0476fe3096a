"""How each agency's language writes a status in the free-text notes of a record: the table lives
with the records (``crossroads.records.status_words``), where case follow-up reads notes back."""

from __future__ import annotations

from crossroads.records.status_words import STATUS_WORDS

__all__ = ["STATUS_WORDS"]
