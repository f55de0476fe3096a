"""The web application: the HTTP API under ``/api/v1`` (OpenAPI 3.1 at ``/openapi.json``, browsable
at ``/docs``), the web interface (``crossroads.web``) and ``/metrics``; one store for all of it.

Every route is a thin adapter: it names the caller (``callers``), calls one use case, and returns
its answer; need-to-know and the audit trail are the use cases' business, never the routes'.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import CapacityLimiter, to_thread
from fastapi import FastAPI, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import crossroads
from crossroads.api import (
    courier,
    problems,
    routes_alerts,
    routes_cases,
    routes_followup,
    routes_oversight,
    routes_relations,
    routes_session,
    routes_statistics,
    routes_work,
)
from crossroads.errors import CrossroadsError
from crossroads.service import record_cache, search
from crossroads.settings import load_settings
from crossroads.store.store import Store

#: How often a warm server looks whether enough new records were cached to freeze them (``_warm``).
REFREEZE_PERIOD, REFREEZE_AFTER = 10.0, 5_000

#: Sent with every answer: case data must not be cached, framed by another site or sniffed.
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
}


#: Searches a server process works on at once when the setting says none (``lane_width``).
LANES = {"sqlite": 1, "postgresql": 2}


def lane_width(dialect: str) -> int:
    """How many searches a server process works on at once by default, by store. On the embedded
    store a search is CPU work from start to end, and several side by side each cost more than one
    alone: one. On PostgreSQL a search also waits on its statements' round trips, which a lane of
    one leaves unused: two. At 100,998 records on this kind of machine, two runs or more each
    (BENCHMARKS.md, issue #6): on SQLite, lanes of 1 and 4 gave 188-205 and 136-156 requests/s at 8
    connections; on PostgreSQL, lanes of 1, 2 and 4 gave 78-85, 88-114 and 81-113."""
    return LANES.get(dialect, 1)


def create_app(
    store: Store,
    *,
    secure_cookies: bool = False,
    threads: int | None = None,
    search_threads: int | None = None,
    warm: bool = False,
) -> FastAPI:
    """The application over ``store``; ``secure_cookies`` marks the session cookie HTTPS-only
    (set it whenever the service is reached through TLS, as it must be beyond loopback);
    ``threads``: how many requests one server process works on at once (the rest wait their turn);
    ``search_threads``: how many searches, beside those requests (``callers.in_search_lane``);
    ``warm``: fill the search's record cache at start, beside the work (``search.warm``)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Requests are Python work holding the GIL, and each search ends with a write (its audit
        # entry) under the store's one write lock. Forty threads (anyio's default) per process made
        # a thread holding that lock wait for the GIL while the others spun on it: at 16 concurrent
        # searches throughput fell to a quarter. A few threads per process keep the lock short.
        settings = load_settings()
        to_thread.current_default_thread_limiter().total_tokens = threads or settings.serve_threads
        # Searches have threads of their own (``callers.in_search_lane`` says why).
        width = search_threads or settings.search_threads or lane_width(store.dialect)
        _app.state.search_lane = CapacityLimiter(width)
        stop = threading.Event()
        sender = threading.Thread(target=_deliver, args=(store, stop), name="courier", daemon=True)
        sender.start()
        warmer = threading.Thread(target=_warm, args=(_app, store, stop), name="search-warm-up", daemon=True)
        _app.state.warming = warm
        if warm:
            warmer.start()
        yield
        stop.set()
        sender.join(timeout=10)
        if warm:
            warmer.join(timeout=10)

    app = FastAPI(
        title="Crossroads",
        version=crossroads.__version__,
        description="Common counter-terrorism database: persons across agencies, need-to-know, audit.",
        openapi_url="/openapi.json",
        docs_url=None,  # served by the web interface from vendored files: no CDN, the same CSP
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.secure_cookies = secure_cookies
    app.add_exception_handler(CrossroadsError, problems.crossroads_error)
    app.add_exception_handler(RequestValidationError, problems.invalid_request)
    for router in (
        routes_session,
        routes_cases,
        routes_work,
        routes_alerts,
        routes_relations,
        routes_followup,
        routes_statistics,
        routes_oversight,
    ):
        app.include_router(router.router, responses=problems.ERRORS)
    _document(app)
    _measure(app)
    from crossroads.web import pages  # the web interface: an adapter beside the API

    pages.mount(app)
    return app


def _deliver(store: Store, stop: threading.Event) -> None:
    """The courier's rounds (``api.courier``) while the service runs."""
    rounds = courier.Courier(store, load_settings().snapshot_analyst)
    while not stop.wait(courier.DELIVERY_PERIOD):
        rounds.round(time.monotonic())


def _warm(app: FastAPI, store: Store, stop: threading.Event) -> None:
    started = time.perf_counter()
    try:
        kept = search.warm(store, stop)
        search.settle()
        logging.getLogger(__name__).info(
            "search cache warm: %d records in %.0f s", kept, time.perf_counter() - started
        )
    except Exception:  # searches still work cold
        logging.getLogger(__name__).exception("warming the search cache failed")
        return
    finally:
        app.state.warming = False
    # Records cached later pile up in the collector's young generations, and their passes grew
    # with them (2.7 s in one pass after 2,000 searches at 1M records, the searches' rate halved).
    # From time to time: collect (so that no garbage is frozen with them), then freeze them too;
    # about 0.4 s every few thousand new records.
    cache = record_cache.of(store)
    frozen_at = cache.misses
    while not stop.wait(REFREEZE_PERIOD):
        if cache.misses - frozen_at >= REFREEZE_AFTER:
            frozen_at = cache.misses
            gc.collect()
            gc.freeze()


def _document(app: FastAPI) -> None:
    """The OpenAPI document, made once, with error answers as problem details."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = problems.document_problems(
                get_openapi(
                    title=app.title, version=app.version, description=app.description, routes=app.routes
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _measure(app: FastAPI) -> None:
    """Request counts and latencies per route, for ``/metrics`` (Prometheus text format)."""
    registry = CollectorRegistry()
    requests = Counter(
        "crossroads_http_requests", "HTTP requests", ["method", "route", "status"], registry=registry
    )
    seconds = Histogram(
        "crossroads_http_request_seconds", "Time to answer", ["route"], registry=registry,
        buckets=(0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5),
    )  # fmt: skip

    app.add_middleware(_Measured, requests=requests, seconds=seconds)

    @app.get(
        "/metrics",
        tags=["service"],
        summary="Request counts and latencies (Prometheus)",
        response_class=Response,
    )
    def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


class _Measured:
    """Counts and times each HTTP request (``_measure``) and adds ``SECURITY_HEADERS`` to its answer.

    Written as a plain ASGI middleware: Starlette's ``@app.middleware("http")`` passes every answer
    through a stream between two tasks, a few percent of a search's time under load. A request the
    application fails on is counted as a 500 (the error handler outside answers it)."""

    def __init__(self, app: ASGIApp, requests: Counter, seconds: Histogram) -> None:
        self.app, self.requests, self.seconds = app, requests, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def answered(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        try:
            await self.app(scope, receive, answered)
        finally:
            path = getattr(scope.get("route"), "path", "(unmatched)")
            self.requests.labels(scope["method"], path, str(status)).inc()
            self.seconds.labels(path).observe(time.perf_counter() - started)


def from_settings() -> FastAPI:
    """The application over the store the settings name (what each of several server processes runs)."""
    settings = load_settings()
    return create_app(Store.open(settings), secure_cookies=settings.secure_cookies, warm=True)
