"""Serving the dashboard with uvicorn, on its own or beside a running pipeline.

oteo owns the process's signals: Ctrl+C sets one stop event, the sources stop, the
pipeline drains what it holds, and the server closes.  uvicorn's own signal capture
is turned off so it cannot cut that short.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
from collections.abc import Iterator

import uvicorn
from fastapi import FastAPI


def free_port(host: str, wanted: int) -> int:
    """``wanted`` if it is free on ``host``, else a free port the system picks."""
    for port in (wanted, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError(f"no free port on {host}")


class QuietServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def server(app: FastAPI, host: str, port: int) -> QuietServer:
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        # live pages hold a connection open: stopping does not wait on them for long
        timeout_graceful_shutdown=3,
    )
    return QuietServer(config)


def stop_on_signals(stop: asyncio.Event) -> None:
    """Ctrl+C and SIGTERM set ``stop`` (call from inside the running loop)."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


async def serve_until(srv: QuietServer, stop: asyncio.Event) -> None:
    """Serve until ``stop`` is set."""

    async def watch() -> None:
        await stop.wait()
        srv.should_exit = True

    watcher = asyncio.create_task(watch())
    try:
        await srv.serve()
    finally:
        watcher.cancel()
