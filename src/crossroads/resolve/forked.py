"""Work shared with a forked child, so that batch linking uses the machine's second core.

Linking is Python and numpy in one process; the name comparisons of a large run (half its time at
a million records) split into independent halves. A child forked at that point sees every table
the parent has built, without copying or sending them (the pages are shared until written), does
the second half, and sends back only its arrays; the parent does the first half meanwhile.
``multiprocessing`` and ``concurrent.futures`` would pickle the work's tables to a fresh process
(gigabytes at a million records) or keep a pool whose copies go stale as the run builds new tables;
one ``os.fork`` per large step is what is wanted here, so it is written by hand.

Nothing is lost if the child fails (killed for memory, say): the parent then does the second half
itself, and the result is the same. Where ``fork`` does not exist, or one process is asked for, the
work runs here in one piece.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")

#: Work smaller than this many items is not worth a fork: a fork of a large process takes tens of
#: milliseconds, and its shared pages are copied as either side writes to them (at a million
#: records, splitting the 200,000 random pairs of estimation cost more than it saved).
LEAST = 400_000


def in_two(
    work: Callable[[int, int], T],
    count: int,
    join: Callable[[T, T], T],
    processes: int = 2,
    least: int | None = None,
) -> T:
    """``work(0, count)``, computed as ``join(work(0, middle), work(middle, count))`` with the second
    half in a forked child when ``processes`` is 2 or more and there are at least ``least`` items
    (``LEAST`` if None). ``work`` must give the same result wherever it runs (no effects outside its
    return value)."""
    if processes < 2 or count < (LEAST if least is None else least) or not hasattr(os, "fork"):
        return work(0, count)
    middle = count // 2
    first, second = beside(lambda: work(0, middle), lambda: work(middle, count), processes)
    return join(first, second)


def beside(here: Callable[[], A], there: Callable[[], B], processes: int = 2) -> tuple[A, B]:
    """``(here(), there())``, with ``there`` in a forked child while ``here`` runs in this process
    when ``processes`` is 2 or more. Both must give the same result wherever they run."""
    if processes < 2 or not hasattr(os, "fork"):
        return here(), there()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its part, sent back whole, then out without running the parent's exit code
        os.close(read_end)
        status = 0
        try:
            payload = pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload, status = b"", 1
        try:
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        mine = here()
    except BaseException:
        os.close(read_end)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read_end, "rb") as source:
        payload = source.read()  # read before waiting: a child blocked on a full pipe never exits
    _, status = os.waitpid(pid, 0)
    if status == 0 and payload:
        theirs: B = pickle.loads(payload)
    else:
        theirs = there()  # the child failed: its part is done here, nothing is lost
    return mine, theirs
