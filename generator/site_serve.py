"""``orsnap serve``: preview a built site on 127.0.0.1 (and nowhere else), with the site's own 404 page."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

HOST = "127.0.0.1"


class _Handler(SimpleHTTPRequestHandler):
    """Static files from the site directory: no directory listings, the site's 404.html, no request log."""

    extensions_map = {  # noqa: RUF012 (the base class declares it as a class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".js": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
    }

    def send_head(self) -> Any:
        # A NUL in the path (`/%00`) would crash the base class's open() and drop the connection: answer 400.
        if "\x00" in unquote(self.path.split("?", 1)[0].split("#", 1)[0]):
            self.send_error(400, "Bad request: NUL in the path")
            return None
        return super().send_head()

    def list_directory(self, path: str | Path) -> None:
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.path.split("?", 1)[0].endswith(".json"):
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the preview prints only its address
        pass


class SiteServer(ThreadingHTTPServer):
    """Serve ``directory`` on 127.0.0.1:``port`` (0 picks a free port). Use as a context manager in tests."""

    daemon_threads = True

    def __init__(self, directory: Path, port: int = 8000) -> None:
        super().__init__((HOST, port), partial(_Handler, directory=str(directory)))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def __enter__(self) -> SiteServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
