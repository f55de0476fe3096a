"""The server's courier: the background rounds every server process makes while it runs (and
``crossroads alerts deliver`` where none runs). Each round sends the alerts' and reminders' webhooks
that are due from the outbox (a delivery is leased to one process at a time); once a minute it
first queues the reminders of follow-up actions that fell due; once an hour it looks whether last
month's indicator snapshot is due and takes it.

The snapshot is taken as the analyst ``CROSSROADS_SNAPSHOT_ANALYST`` names, who is authorised at
the courier's first look. If they may not take it, the refusal is recorded in the audit trail and
a warning names the setting, once; the courier then asks again only when that analyst's
registration or their agency's kind changes (a new refusal is recorded and warned of, or the
snapshot is taken and the warning lifted), and each server process does so once from its start.

Each task fails alone: an error is logged and that task is tried again on its next turn, the
others go on. Timing is by a monotonic clock handed to ``round``, so a test drives the rounds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from crossroads.access.model import NotAllowedError
from crossroads.service import alerts, case_reminders, indicators
from crossroads.store.store import Store

#: How often the outbox is looked at for webhooks to send (issue #7: alerts within a second).
DELIVERY_PERIOD = 0.2
REMINDER_PERIOD = 60.0  # seconds between two looks for follow-up actions that fell due
#: Seconds between two looks whether last month's indicator snapshot is due: a look is one
#: indexed query; the snapshot itself is taken once a month, by whichever process comes first.
SNAPSHOT_PERIOD = 3600.0

_log = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass(frozen=True)
class Round:
    """What one round did: each task's answer, None when it did not run (or failed)."""

    reminded: int | None = None  # follow-up actions reminded
    snapshot: str | None = None  # the monthly snapshot taken
    refused: str | None = None  # the monthly snapshot refused, recorded and warned of this round
    delivered: tuple[int, int] | None = None  # (delivered, failed to be retried)
    failed: tuple[str, ...] = ()  # the tasks that raised (logged; tried again on their next turn)


@dataclass
class Courier:
    store: Store
    #: The threat-assessment analyst whose view the monthly snapshot keeps (None: none is taken).
    snapshot_analyst: str | None = None
    post: alerts.Post = alerts.http_post
    #: When each periodic task last ran (monotonic seconds); absent: never, so it runs at once.
    last: dict[str, float] = field(default_factory=dict)
    #: The snapshot analyst's standing (``indicators.standing``) when they were last refused.
    refused_on: indicators.Standing | None = None

    def round(self, at: float) -> Round:
        """One round at monotonic time ``at``."""
        failed: list[str] = []
        reminded = self._every("reminders", REMINDER_PERIOD, at, self._remind, failed)
        snapshot = self._every("snapshot", SNAPSHOT_PERIOD, at, self._snapshot, failed)
        delivered = self._guarded("delivery", self._deliver, failed)
        taken, refused = snapshot if snapshot is not None else (None, None)
        return Round(reminded, taken, refused, delivered, tuple(failed))

    def _remind(self) -> int:
        return case_reminders.send_reminders(self.store)  # queued in the outbox, sent just after

    def _snapshot(self) -> tuple[str | None, str | None]:
        """(the snapshot taken, the refusal recorded): asked only while the analyst's standing
        differs from the one they were refused on."""
        analyst = (self.snapshot_analyst or "").strip()
        if not analyst:
            return None, None
        standing = indicators.standing(self.store, analyst)
        if self.refused_on is not None and standing == self.refused_on:
            return None, None  # the same refusal, recorded and warned of already
        try:
            taken = indicators.take_monthly(self.store, analyst)
        except NotAllowedError as refusal:
            self.refused_on = standing
            _log.warning(
                "courier: the monthly indicator snapshot as CROSSROADS_SNAPSHOT_ANALYST=%s is %s. "
                "None is taken until an administrator changes that user or the setting names an analyst "
                "of the threat-assessment centre; asked again when that user's registration changes",
                analyst, refusal,
            )  # fmt: skip
            return None, str(refusal)
        if self.refused_on is not None:
            _log.warning(
                "courier: CROSSROADS_SNAPSHOT_ANALYST=%s may take the monthly snapshot again", analyst
            )
            self.refused_on = None
        return taken, None

    def _deliver(self) -> tuple[int, int]:
        return alerts.deliver_due(self.store, self.post)

    def _every(
        self, task: str, period: float, at: float, work: Callable[[], _T], failed: list[str]
    ) -> _T | None:
        if task in self.last and at - self.last[task] < period:
            return None
        self.last[task] = at
        return self._guarded(task, work, failed)

    def _guarded(self, task: str, work: Callable[[], _T], failed: list[str]) -> _T | None:
        try:
            return work()
        except Exception:
            _log.exception("courier: %s failed (tried again on its next turn)", task)
            failed.append(task)
            return None
