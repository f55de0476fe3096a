"""What every benchmark prints first: the machine and the date, for BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import time
from datetime import UTC, datetime


def reference_ms() -> float:
    """The best of three runs of one fixed pure-Python workload (dicts, strings, sorting: what
    linking's per-record work is made of), in milliseconds. Machines of the same name have differed
    by 2.5 times between sessions; this figure lets two benchmark lines be compared across them."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        seen: dict[str, int] = {}
        for i in range(300_000):
            key = f"n:{i % 5003}|{i % 97}"
            seen[key] = seen.get(key, 0) + 1
        sorted(seen, key=seen.__getitem__)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def describe() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {cpu}, {os.cpu_count()} cores{memory}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"speed reference {reference_ms():.0f} ms (bench/machine.py; lower is faster)"
    )
