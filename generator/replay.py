"""A loopback-only HTTP server that replays recorded OpenRouter responses, with fault injection.

It serves the route table ``routes.json`` of a fixtures directory (see ``tests/fixtures/openrouter``): each
route names a path, the exact query it answers, whether it needs ``Authorization: Bearer …`` and the file
holding the recorded body; the recorded fetch time is sent as the ``Date`` header. A route's ``keyless_null``
fields are answered as null to a request without a key, as upstream does. Requests that match no
route get a 404 JSON error, as OpenRouter would. ``latency`` delays every answer (each request in its own
thread, so concurrent requests wait in parallel).

Faults are injected per endpoint, by spec (``orsnap replay --fault SPEC``, :meth:`ReplayServer.add_fault`) or
per request (header ``X-Replay-Fault: KIND[:ARG]``); the kinds and the spec are in :mod:`generator.replay_faults`.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from generator.replay_faults import HEADER, KINDS, Fault, error_body, parse_fault
from generator.sources.client import PROVENANCE_HEADER, RECORDED_HEADER

RouteKey = tuple[str, str, tuple[tuple[str, str], ...]]  # (method, path, sorted query)


@dataclass(frozen=True)
class Exchange:
    """One request of a recording as ``routes.json`` lists it: what was asked (method, path, exact query), whether
    it carried an API key (never the key), and the recorded ``Date`` (``2026-05-18T02:00:00Z``)."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    auth: bool
    date: str

    @property
    def key(self) -> RouteKey:
        return (self.method, self.path, self.query)


@dataclass(frozen=True)
class Route(Exchange):
    """A route the server answers: its body is in ``file``."""

    file: Path
    provenance: str = "recorded"  # recorded | derived | constructed (the fixture's `kind`; `real` = recorded)
    recorded: tuple[str, ...] = ()  # dates of the real captures the response comes from
    keyless_null: tuple[str, ...] = ()  # fields upstream sets to null for a request without a key (its contract)


def load_routes(fixtures: Path) -> dict[RouteKey, Route]:
    table = json.loads((fixtures / "routes.json").read_text(encoding="utf-8"))
    routes = {}
    for raw in table["routes"]:
        query = tuple(sorted((str(k), str(v)) for k, v in raw.get("query", {}).items()))
        file = (fixtures / raw["file"]).resolve()
        if fixtures.resolve() not in file.parents:
            raise ValueError(f"route file {raw['file']!r} is outside {fixtures}")
        kind = raw.get("kind", "recorded")
        route = Route(
            method=raw.get("method", "GET"),
            path=raw["path"],
            query=query,
            auth=bool(raw.get("auth")),
            date=raw["date"],
            file=file,
            provenance="recorded" if kind == "real" else kind,
            recorded=tuple(raw.get("recorded") or [raw["date"][:10]]),
            keyless_null=tuple(str(name) for name in raw.get("keyless_null") or ()),
        )
        routes[route.key] = route
    return routes


def null_fields(doc: Any, names: tuple[str, ...]) -> Any:
    """``doc`` with every object's fields named in ``names`` set to null, at any depth."""
    if isinstance(doc, dict):
        return {k: None if k in names else null_fields(v, names) for k, v in doc.items()}
    if isinstance(doc, list):
        return [null_fields(item, names) for item in doc]
    return doc


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's default backlog of 5 drops the SYNs of a concurrent burst

    def __init__(self, fixtures: Path, port: int = 0, *, host: str = "127.0.0.1", latency: float = 0.0) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the replay server only binds to loopback addresses, not {host}")
        self.routes = load_routes(fixtures)
        self.latency = latency
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, bool]] = []  # (path, query, had auth) — never the header itself
        self.started: list[tuple[float, str, str]] = []  # (monotonic time, path, query) of every request
        self.errors: list[str] = []  # handler exceptions other than the client hanging up
        self.in_flight = 0
        self.max_in_flight = 0
        self.closing = threading.Event()
        self._lock = threading.Lock()
        # A port bound on loopback but never listening: connecting to it is refused (the `refused` fault).
        self._dead = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._dead.bind((host, 0))
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def refused_url(self) -> str:
        """A loopback URL whose connections are refused, for as long as this server exists."""
        host, port = self._dead.getsockname()[:2]
        return f"http://{host}:{port}"

    def inject(self, target: str, fault: Fault) -> None:
        """Queue ``fault`` for requests to ``target`` (a path, optionally ``?key=value`` that must match)."""
        with self._lock:
            fault.target = target
            self.faults.append(fault)

    def add_fault(self, spec: str) -> Fault:
        """Queue a fault given as ``KIND[:ARG][*N][@TARGET]`` (see the module docstring)."""
        fault = parse_fault(spec)
        self.inject(fault.target, fault)
        return fault

    def take_fault(self, path: str, params: dict[str, str] | None = None) -> tuple[Fault, int] | None:
        """The first queued fault that matches, and which of its hits this is (counting from 1)."""
        with self._lock:
            for fault in list(self.faults):
                if not fault.matches(path, params or {}):
                    continue
                if fault.times is not None and fault.hits >= fault.times:
                    self.faults.remove(fault)
                    continue
                fault.hits += 1
                return fault, fault.hits
        return None

    @contextlib.contextmanager
    def tracking(self, path: str, query: str, has_auth: bool) -> Iterator[None]:
        with self._lock:
            self.requests.append((path, query, has_auth))
            self.started.append((time.monotonic(), path, query))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client hanging up is not a server error
            self.errors.append(traceback.format_exc())

    def server_close(self) -> None:
        self.closing.set()
        super().server_close()
        self._dead.close()

    def __enter__(self) -> ReplayServer:
        threading.Thread(target=self.serve_forever, args=(0.05,), name="replay", daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.closing.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: ReplayServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, a small body waits for the client's
    # delayed ACK (40 ms on Linux), a stall no real server adds. Latency is what --latency-ms says, nothing more.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        return

    def send_head(self, status: int, content_type: str, headers: dict[str, str]) -> None:
        self.log_request(status)
        self.send_response_only(status)  # no automatic Date: a route sends its recorded one
        self.send_header("Server", "orsnap-replay")
        self.send_header("Content-Type", content_type)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def send_body(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_head(status, content_type, {"Content-Length": str(len(body)), **(headers or {})})
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self.send_body(status, error_body(status, message), "application/json")

    def route_or_error(self) -> Route | None:
        """The recorded route of this request, or None after answering 404 / 401 as OpenRouter would."""
        parts = urlsplit(self.path)
        query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
        route = self.server.routes.get(("GET", parts.path, query))
        if route is None:
            self._error(HTTPStatus.NOT_FOUND, f"no recorded response for {parts.path}?{parts.query}")
            return None
        if route.auth and not self.has_auth:
            self._error(HTTPStatus.UNAUTHORIZED, "Missing Authentication header")
            return None
        return route

    def send_recorded_head(self) -> bytes | None:
        """Send the head of a 200 announcing the recording's whole length; its body is returned for the fault to
        send (in part); None after answering 404 / 401."""
        route = self.route_or_error()
        if route is None:
            return None
        body = route.file.read_bytes()
        self.send_head(HTTPStatus.OK, "application/json", {"Content-Length": str(len(body))})
        return body

    def serve_route(
        self, change: Callable[[Any], Any] | None = None, *, cut: bool = False, date: str | None = None
    ) -> None:
        """Answer with the recording, its JSON changed by ``change`` (or its bytes cut in half)."""
        route = self.route_or_error()
        if route is None:
            return
        body = route.file.read_bytes()
        if route.keyless_null and not self.has_auth:  # as upstream: these fields are null for a keyless request
            body = json.dumps(null_fields(json.loads(body), route.keyless_null), ensure_ascii=False).encode()
        if cut:
            body = body[: len(body) // 2]
        elif change is not None:
            body = json.dumps(change(json.loads(body)), ensure_ascii=False).encode()
        if date is None:
            date = format_datetime(datetime.fromisoformat(route.date.replace("Z", "+00:00")), usegmt=True)
        headers = {"Date": date, PROVENANCE_HEADER: route.provenance, RECORDED_HEADER: ",".join(route.recorded)}
        self.send_body(HTTPStatus.OK, body, "application/json", headers)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        authorization = self.headers.get("Authorization", "")
        self.has_auth = authorization.startswith("Bearer ") and len(authorization) > len("Bearer ")
        with self.server.tracking(parts.path, parts.query, self.has_auth):
            if self.server.latency:
                self.server.closing.wait(self.server.latency)
            chosen: tuple[Fault, int] | None
            if self.headers.get(HEADER):
                try:
                    chosen = (parse_fault(self.headers[HEADER]), 1)
                except ValueError as exc:
                    self._error(HTTPStatus.BAD_REQUEST, f"bad {HEADER} header: {exc}")
                    return
            else:
                chosen = self.server.take_fault(parts.path, params)
            if chosen is None:
                self.serve_route()
            else:
                fault, hit = chosen
                KINDS[fault.kind].run(self, fault, hit)
