"""``crossroads serve``: the HTTP API and the web interface over the store in force."""

from __future__ import annotations

import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.settings import load_settings

#: Seconds a server process may take to answer its supervisor's ping before it is replaced.
WORKER_HEALTHCHECK = 60


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    secure_cookies: bool = typer.Option(
        False,
        "--secure-cookies",
        help="Session cookies only over HTTPS: set it whenever a TLS proxy fronts the service "
        "(or CROSSROADS_SECURE_COOKIES=1).",
    ),
    workers: int = typer.Option(1, "--workers", min=1, max=16, help="Server processes."),
) -> None:
    """Serve the web interface and the API (OpenAPI at /docs) until interrupted."""
    import uvicorn

    from crossroads.api.app import create_app

    secure_cookies = secure_cookies or load_settings().secure_cookies
    with guarded():
        store = open_store()  # migrated here, once, before any request
    if host not in ("127.0.0.1", "::1", "localhost") and not secure_cookies:
        out.print("[yellow]warning:[/] listening beyond loopback without --secure-cookies: put TLS in front")
    out.print(f"Crossroads on http://{host}:{port}/ (API documentation: /docs); store {store.location}")
    if workers == 1:
        uvicorn.run(
            create_app(store, secure_cookies=secure_cookies, warm=True),
            host=host,
            port=port,
            log_level="warning",
        )
    else:
        store.close()
        # uvicorn's supervisor kills a worker that does not answer its ping within the health-check
        # timeout (5 s by default) and starts another. A worker may hold the interpreter for seconds
        # (a garbage collection over its warm search cache at a million records): with the default,
        # a worker was replaced mid-load and spent the load warming its cache again (BENCHMARKS,
        # issue #6). A hung worker is still replaced, after a minute.
        uvicorn.run(
            "crossroads.api.app:from_settings", factory=True, host=host, port=port, workers=workers,
            log_level="warning", timeout_worker_healthcheck=WORKER_HEALTHCHECK,
        )  # fmt: skip
