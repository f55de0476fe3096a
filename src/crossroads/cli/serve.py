"""``crossroads serve``: the HTTP API and the web interface over the store in force."""

from __future__ import annotations

import socket
from typing import Any

import typer

from crossroads.cli.console import guarded, open_store, out
from crossroads.errors import CrossroadsError
from crossroads.settings import load_settings

#: Seconds a server process may take to answer its supervisor's ping before it is replaced.
WORKER_HEALTHCHECK = 60


class OwnListener(socket.socket):
    """The address the server processes listen on, each on a socket of its own.

    uvicorn binds one socket in its supervisor and hands it to every server process. Connections
    opened at once (a load generator's, a proxy's pool) then wait in that socket's queue, and the
    first process woken accepts them all: under load one process served every keep-alive
    connection while the other idled, at half the throughput (BENCHMARKS, issue #6). This socket is
    bound in the supervisor with ``SO_REUSEPORT`` and never listened on there, which holds the
    address; uvicorn pickles the supervisor's sockets into each process it starts, and this one
    arrives as a new socket bound to the same address with ``SO_REUSEPORT``. The kernel then deals
    each new connection to one of the processes' sockets by its addresses' hash, busy or not.
    Written by hand: neither uvicorn nor gunicorn gives each worker a socket of its own. Only
    processes of the same user may join the address (Linux's rule for ``SO_REUSEPORT``)."""

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        host, port = self.getsockname()[:2]
        return (bound, (host, port))


def bound(
    host: str, port: int, into: type[socket.socket] = socket.socket, *, share: bool = True
) -> socket.socket:
    """A TCP socket bound to ``(host, port)``, not yet listening; with ``SO_REUSEPORT`` if ``share``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = into(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


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
    if workers > 1:
        store.close()
    # The address is taken here, before the startup line, so that a port in use is one clear error
    # and never follows a line announcing an address nobody serves.
    with guarded():
        try:
            listener = bound(host, port, OwnListener if workers > 1 else socket.socket, share=workers > 1)
        except OSError as error:
            raise CrossroadsError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    out.print(f"Crossroads on http://{host}:{port}/ (API documentation: /docs); store {store.location}")
    with listener:
        if workers == 1:
            config = uvicorn.Config(
                create_app(store, secure_cookies=secure_cookies, warm=True), host=host, port=port,
                log_level="warning",
            )  # fmt: skip
            uvicorn.Server(config).run(sockets=[listener])
            return
        # uvicorn's supervisor kills a worker that does not answer its ping within the health-check
        # timeout (5 s by default) and starts another. A worker may hold the interpreter for seconds
        # (a garbage collection over its warm search cache at a million records): with the default,
        # a worker was replaced mid-load and spent the load warming its cache again (BENCHMARKS,
        # issue #6). A hung worker is still replaced, after a minute.
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config(
            "crossroads.api.app:from_settings", factory=True, host=host, port=port, workers=workers,
            log_level="warning", timeout_worker_healthcheck=WORKER_HEALTHCHECK,
        )  # fmt: skip
        Multiprocess(config, sockets=[listener]).run()
