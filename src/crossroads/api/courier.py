"""The server's courier: the background rounds every server process makes while it runs. Each
round sends the alerts' and reminders' webhooks that are due from the outbox (a delivery is leased
to one process at a time); once a minute it first queues the reminders of follow-up actions that
fell due; once an hour it looks whether last month's indicator snapshot is due and takes it.

Each task fails alone: an error is logged and that task is tried again on its next turn, the
others go on. Timing is by a monotonic clock handed to ``round``, so a test drives the rounds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from crossroads.service import alerts, case_reminders, indicators
from crossroads.store.store import Store

#: How often the outbox is looked at for webhooks to send (issue #7: alerts within a second).
DELIVERY_PERIOD = 0.2
REMINDER_PERIOD = 60.0  # seconds between two looks for follow-up actions that fell due
#: Seconds between two looks whether last month's indicator snapshot is due: a look is one
#: indexed query; the snapshot itself is taken once a month, by whichever process comes first.
SNAPSHOT_PERIOD = 3600.0

_log = logging.getLogger(__name__)


@dataclass
class Courier:
    store: Store
    #: The threat-assessment analyst whose view the monthly snapshot keeps (None: none is taken).
    snapshot_analyst: str | None = None
    post: alerts.Post = alerts.http_post
    #: When each periodic task last ran (monotonic seconds); absent: never, so it runs at once.
    last: dict[str, float] = field(default_factory=dict)

    def round(self, at: float) -> None:
        """One round at monotonic time ``at``."""
        self._every("reminders", REMINDER_PERIOD, at, self._remind)
        self._every("snapshot", SNAPSHOT_PERIOD, at, self._snapshot)
        self._guarded("delivery", self._deliver)

    def _remind(self) -> None:
        case_reminders.send_reminders(self.store)  # queued in the outbox, sent just after

    def _snapshot(self) -> None:
        indicators.take_monthly(self.store, self.snapshot_analyst)

    def _deliver(self) -> None:
        alerts.deliver_due(self.store, self.post)

    def _every(self, task: str, period: float, at: float, work: Callable[[], object]) -> None:
        if task in self.last and at - self.last[task] < period:
            return
        self.last[task] = at
        self._guarded(task, work)

    def _guarded(self, task: str, work: Callable[[], object]) -> None:
        try:
            work()
        except Exception:
            _log.exception("courier: %s failed (tried again on its next turn)", task)
