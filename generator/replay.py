"""A loopback-only HTTP server that replays recorded OpenRouter responses.

It serves the route table ``routes.json`` of a fixtures directory (see ``tests/fixtures/openrouter``): each
route names a path, the exact query it answers, whether it needs ``Authorization: Bearer …`` and the file
holding the recorded body; the recorded fetch time is sent as the ``Date`` header. Requests that match no
route get a 404 JSON error, as OpenRouter would.

Faults can be injected per route (room for the fault matrix): a :class:`Fault` delays the answer, or answers
with another status and body a given number of times before the recording is served.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Fault:
    """Answer ``status`` with ``body`` (and ``headers``) for the next ``times`` matching requests."""

    status: int = 503
    body: bytes = b'{"error": {"code": 503, "message": "Service Unavailable"}}'
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    delay: float = 0.0


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    auth: bool
    file: Path
    date: str


def load_routes(fixtures: Path) -> dict[tuple[str, str, tuple[tuple[str, str], ...]], Route]:
    table = json.loads((fixtures / "routes.json").read_text(encoding="utf-8"))
    routes = {}
    for raw in table["routes"]:
        query = tuple(sorted((str(k), str(v)) for k, v in raw.get("query", {}).items()))
        file = (fixtures / raw["file"]).resolve()
        if fixtures.resolve() not in file.parents:
            raise ValueError(f"route file {raw['file']!r} is outside {fixtures}")
        route = Route(raw.get("method", "GET"), raw["path"], query, bool(raw.get("auth")), file, raw["date"])
        routes[(route.method, route.path, route.query)] = route
    return routes


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fixtures: Path, port: int = 0, *, host: str = "127.0.0.1", latency: float = 0.0) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the replay server only binds to loopback addresses, not {host}")
        self.routes = load_routes(fixtures)
        self.latency = latency
        self.faults: dict[str, list[Fault]] = {}
        self.requests: list[tuple[str, str, bool]] = []  # (path, query, had auth) — never the header itself
        self._lock = threading.Lock()
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def inject(self, path: str, fault: Fault) -> None:
        """Queue a fault for requests to ``path`` (any query)."""
        with self._lock:
            self.faults.setdefault(path, []).append(fault)

    def take_fault(self, path: str) -> Fault | None:
        with self._lock:
            queue = self.faults.get(path) or []
            while queue:
                fault = queue[0]
                if fault.times <= 0:
                    queue.pop(0)
                    continue
                fault.times -= 1
                return fault
        return None

    def __enter__(self) -> ReplayServer:
        threading.Thread(target=self.serve_forever, name="replay", daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: ReplayServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.log_request(status)
        self.send_response_only(status)  # no automatic Date: a route sends its recorded one
        self.send_header("Server", "orsnap-replay")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        body = json.dumps({"error": {"code": status, "message": message}}).encode()
        self._send(status, body, "application/json")

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
        has_auth = self.headers.get("Authorization", "").startswith("Bearer ") and len(
            self.headers.get("Authorization", "")) > len("Bearer ")
        self.server.requests.append((parts.path, parts.query, has_auth))
        if self.server.latency:
            time.sleep(self.server.latency)
        fault = self.server.take_fault(parts.path)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            self._send(fault.status, fault.body, fault.content_type, fault.headers)
            return
        route = self.server.routes.get(("GET", parts.path, query))
        if route is None:
            self._error(HTTPStatus.NOT_FOUND, f"no recorded response for {parts.path}?{parts.query}")
            return
        if route.auth and not has_auth:
            self._error(HTTPStatus.UNAUTHORIZED, "Missing Authentication header")
            return
        date = format_datetime(datetime.fromisoformat(route.date.replace("Z", "+00:00")), usegmt=True)
        self._send(HTTPStatus.OK, route.file.read_bytes(), "application/json", {"Date": date})
