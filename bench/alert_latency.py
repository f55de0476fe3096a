"""Ingest-to-alert latency: how long after a partner's record arrives the responsible unit has the
alert, in its inbox and at its webhook.

    .venv/bin/python bench/alert_latency.py --persons 40000 [--trials 200] [--watched 300]

Demo data is generated into a temporary directory, ingested and resolved in a fresh embedded store;
an analyst of a local task force watches random persons; a webhook of theirs points at a receiver
on loopback, and the service's own courier (``crossroads serve``'s, every 0.2 s) sends from the
outbox. Then, one at a time, a foreign partner's notice on a watched person (one of their records
under a new id, written as that partner writes names) is ingested and resolved on arrival, as an
upload does. Reported: the time from the start of the ingest to the alert being committed (the
inbox has it), and to the webhook being received. Target (issue #7): within 1 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).parent))
from crossroads.api.app import _deliver
from crossroads.demo import directory
from crossroads.service import alerts, realtime
from crossroads.service.admin import add_user
from crossroads.service.ingest import ingest_file
from crossroads.store import record_rows
from crossroads.store.store import Store
from http_load import build
from machine import describe

received: dict[int, float] = {}


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        received[orjson.loads(body)["alert"]] = time.perf_counter()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        return


def percentiles(values: list[float]) -> str:
    p50, p95, p99 = np.percentile(np.array(values) * 1000, [50, 95, 99])
    return f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms  max {max(values) * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--watched", type=int, default=300)
    parser.add_argument("--store", type=Path, help="A store folder built by bench/http_load.py, reused.")
    args = parser.parse_args()
    print(describe())
    root = args.store or Path(tempfile.mkdtemp(prefix="crossroads-alerts-"))
    url, _ = build(root, args.persons, args.seed)
    store = Store(url)
    analyst = f"ltf.bench.{int(time.time())}"  # a reused store keeps earlier runs' users and watches
    add_user(store, directory.ADMIN, analyst, "police.zone.brussels-west", None, "secret", ["analyst"])
    rng = random.Random(args.seed)
    with store.transaction() as conn:
        entity_of = record_rows.entity_ids(conn)
    by_entity: dict[str, list[dict[str, object]]] = {}
    for path in sorted((root / "data").glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            row = orjson.loads(line)
            entity = entity_of.get((row.get("source") or path.stem, row["id"]))
            if entity is not None:
                by_entity.setdefault(entity, []).append(row)
    chosen = rng.sample(sorted(e for e, rows in by_entity.items() if len(rows) >= 2), args.watched)
    review = date.today() + timedelta(days=180)
    for entity in chosen:
        alerts.watch(store, analyst, entity, "benchmark", review)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    alerts.add_webhook(
        store, directory.ADMIN, "police.zone.brussels-west", f"http://127.0.0.1:{server.server_port}/"
    )
    stop = threading.Event()
    threading.Thread(target=_deliver, args=(store, stop), daemon=True).start()
    to_inbox, to_webhook, missed = [], [], 0
    for trial in range(args.trials):
        entity = rng.choice(chosen)
        record = dict(rng.choice(by_entity[entity]))
        record.update(id=f"notice-{analyst}-{trial}", source="foreign.tr")
        path = root / f"notice-{trial}.jsonl"  # rewritten each run
        path.write_bytes(orjson.dumps(record) + b"\n")
        started = time.perf_counter()
        report = ingest_file(store, path, user="demo.steward")
        [arrival] = realtime.resolve_arrivals(store, "demo.steward", report.touched)
        committed = time.perf_counter()
        if not arrival.alerts:
            missed += 1
            continue
        to_inbox.append(committed - started)
        deadline = committed + 5
        while arrival.alerts[0] not in received and time.perf_counter() < deadline:
            time.sleep(0.005)
        if arrival.alerts[0] in received:
            to_webhook.append(received[arrival.alerts[0]] - started)
    stop.set()
    records = len(entity_of) + args.trials
    print(f"{records:,} records stored, {args.watched} persons watched, {args.trials} notices on them")
    print(f"ingest to alert in the inbox:   {percentiles(to_inbox)}  ({len(to_inbox)} alerts)")
    print(f"ingest to webhook received:     {percentiles(to_webhook)}  ({len(to_webhook)} received)")
    print(f"notices that raised no alert: {missed} (not resolved to, nor close to, the watched person)")


if __name__ == "__main__":
    main()
