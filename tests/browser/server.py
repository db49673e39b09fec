"""A static file server on loopback for browser tests, and the test of what counts as local.

The standard library's server is enough for a static site; this adds fixed Content-Types
(a bare machine may have no /etc/mime.types, and browsers refuse e.g. a module script or a
font served as text/plain or octet-stream) and silence (no request log, no tracebacks when
the browser drops a connection).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
}

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about"}


def is_local_url(url: str) -> bool:
    """True for URLs on this machine's loopback or that need no network at all."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves index.html for directories (inherited) with the types above, and logs nothing."""

    def guess_type(self, path: str | Path) -> str:
        return CONTENT_TYPES.get(Path(path).suffix.lower()) or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser closing a connection mid-response is normal; don't print a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_directory(path: Path) -> tuple[str, Callable[[], None]]:
    """Serve `path` on 127.0.0.1 at a free port from a background thread.

    Returns the base URL (ending in "/") and a function that stops the server.
    """
    if not Path(path).is_dir():
        raise FileNotFoundError(f"cannot serve {path}: not a directory")
    server = _QuietServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(path)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {path}", daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    host, port = server.server_address[:2]
    return f"http://{host}:{port}/", stop
