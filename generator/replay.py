"""A loopback-only HTTP server that replays recorded OpenRouter responses, with fault injection.

It serves the route table ``routes.json`` of a fixtures directory (see ``tests/fixtures/openrouter``): each
route names a path, the exact query it answers, whether it needs ``Authorization: Bearer …`` and the file
holding the recorded body; the recorded fetch time is sent as the ``Date`` header. A route's ``keyless_null``
fields are answered as null to a request without a key, as upstream does. Requests that match no
route get a 404 JSON error, as OpenRouter would. ``latency`` delays every answer (each request in its own
thread, so concurrent requests wait in parallel).

Faults are injected per endpoint, by spec (``orsnap replay --fault SPEC``, :meth:`ReplayServer.add_fault`) or
per request (header ``X-Replay-Fault: KIND[:ARG]``). A spec is ``KIND[:ARG][*N][@TARGET]``:

- ``KIND`` is one of :data:`KINDS` (listed by ``orsnap replay --help`` and in the README);
- ``*N`` limits the fault to the first N matching requests (a burst); without it, every matching request;
- ``TARGET`` is a path, optionally with query parameters that must all match (``*`` matches any value):
  ``/api/v1/models?output_modalities=all``, ``/api/v1/models?sort=*``, ``/api/v1/datasets/rankings-daily``.
  Without a target, every path.

Example: ``status:503*3@/api/v1/benchmarks`` answers the first three ``/benchmarks`` requests with 503.
"""

from __future__ import annotations

import contextlib
import copy
import ipaddress
import json
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from generator.sources.client import PROVENANCE_HEADER, RECORDED_HEADER

HEADER = "X-Replay-Fault"
CHUNK = 1024 * 1024


@dataclass
class Fault:
    """A fault for matching requests. ``kind`` picks the behaviour (see :data:`KINDS`), ``arg`` is its parameter;
    ``times`` is how many matching requests it hits (``None``: every one).

    The default kind, ``status``, answers ``status`` with ``body`` (an OpenRouter-style JSON error when None),
    ``content_type`` and ``headers`` after ``delay`` seconds — ``Fault()`` is one 503.
    """

    status: int = 503
    body: bytes | None = None
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    times: int | None = 1
    delay: float = 0.0
    kind: str = "status"
    arg: str = ""
    target: str = ""
    hits: int = 0  # matching requests seen so far (the budget kind counts with it)

    def matches(self, path: str, params: dict[str, str]) -> bool:
        if self.target in ("", "*"):
            return True
        want_path, _, want_query = self.target.partition("?")
        if want_path != path:
            return False
        for key, value in parse_qsl(want_query, keep_blank_values=True):
            if key not in params or (value != "*" and params[key] != value):
                return False
        return True


# --- fault kinds ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    doc: str
    run: Callable[[_Handler, Fault, int], None]  # (handler, fault, hit number)


KINDS: dict[str, Kind] = {}


def _kind(name: str, doc: str) -> Callable[[Callable[[_Handler, Fault, int], None]], Callable[..., None]]:
    def register(run: Callable[[_Handler, Fault, int], None]) -> Callable[..., None]:
        KINDS[name] = Kind(doc, run)
        return run

    return register


def _transform(name: str, doc: str) -> Callable[[Callable[[Any, str], Any]], Callable[[Any, str], Any]]:
    """Register a kind that serves the recorded response with its JSON changed by ``change(doc, arg)``."""

    def register(change: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
        KINDS[name] = Kind(doc, lambda h, fault, hit: h.serve_route(lambda doc: change(doc, fault.arg)))
        return change

    return register


def _seconds(arg: str, default: float) -> float:
    return float(arg) if arg else default


def _size(arg: str, default: int) -> int:
    if not arg:
        return default
    units = {"K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024}
    scale = units.get(arg[-1].upper(), 1)
    return int(float(arg[:-1] if scale != 1 else arg) * scale)


@_kind("delay", "wait ARG seconds (default 1), then answer normally")
def _delay(h: _Handler, fault: Fault, hit: int) -> None:
    h.server.closing.wait(_seconds(fault.arg, 1.0))
    h.serve_route()


@_kind("timeout", "hold the request ARG seconds (default 60), then close without answering: the client times out")
def _timeout(h: _Handler, fault: Fault, hit: int) -> None:
    h.server.closing.wait(_seconds(fault.arg, 60.0))
    h.close_connection = True


@_kind("reset", "close the connection without answering")
def _reset(h: _Handler, fault: Fault, hit: int) -> None:
    h.close_connection = True


@_kind("refused", "redirect (307) to a loopback port where nothing listens: the connection is refused")
def _refused(h: _Handler, fault: Fault, hit: int) -> None:
    h.send_body(HTTPStatus.TEMPORARY_REDIRECT, b"", "text/plain", {"Location": h.server.refused_url + h.path})


@_kind("status", "answer status ARG (default 503) with an OpenRouter-style JSON error; status:503*3 is a burst")
def _status(h: _Handler, fault: Fault, hit: int) -> None:
    status = int(fault.arg) if fault.arg else fault.status
    if fault.delay:
        h.server.closing.wait(fault.delay)
    body = fault.body if fault.body is not None else _error_body(status)
    h.send_body(status, body, fault.content_type, fault.headers)


@_kind("rate-limit", "answer 429 with Retry-After: ARG seconds (default 1)")
def _rate_limit(h: _Handler, fault: Fault, hit: int) -> None:
    h.send_body(429, _error_body(429, "Rate limit exceeded"), "application/json", {"Retry-After": fault.arg or "1"})


@_kind("budget", "serve the first ARG matching requests, then 429 (Retry-After: 3600, X-RateLimit-Remaining: 0)")
def _budget(h: _Handler, fault: Fault, hit: int) -> None:
    if hit <= int(fault.arg or 0):
        h.serve_route()
        return
    headers = {"Retry-After": "3600", "X-RateLimit-Limit": fault.arg or "0", "X-RateLimit-Remaining": "0"}
    h.send_body(429, _error_body(429, "Rate limit exceeded: budget exhausted"), "application/json", headers)


@_kind("truncate", "the recorded body cut in half (Content-Length matches what is sent): truncated JSON")
def _truncate(h: _Handler, fault: Fault, hit: int) -> None:
    h.serve_route(cut=True)


@_kind("cut", "announce the whole body in Content-Length, send half of it, close the connection")
def _cut(h: _Handler, fault: Fault, hit: int) -> None:
    route = h.route_or_error()
    if route is None:
        return
    body = route.file.read_bytes()
    h.send_head(HTTPStatus.OK, "application/json", {"Content-Length": str(len(body))})
    h.wfile.write(body[: len(body) // 2])
    h.close_connection = True


@_kind("drip", "send the recorded body one byte every ARG seconds (default 0.5): each read is quick, the whole is not")
def _drip(h: _Handler, fault: Fault, hit: int) -> None:
    route = h.route_or_error()
    if route is None:
        return
    body = route.file.read_bytes()
    h.send_head(HTTPStatus.OK, "application/json", {"Content-Length": str(len(body))})
    with contextlib.suppress(ConnectionError):
        for i in range(len(body)):
            if h.server.closing.wait(_seconds(fault.arg, 0.5)):
                break
            h.wfile.write(body[i : i + 1])
            h.wfile.flush()
    h.close_connection = True


@_kind("deep-nesting", "a JSON body nested ARG (default 100000) arrays deep")
def _deep_nesting(h: _Handler, fault: Fault, hit: int) -> None:
    depth = int(fault.arg or 100_000)
    h.send_body(HTTPStatus.OK, b'{"data": ' + b"[" * depth + b"]" * depth + b"}", "application/json")


@_kind("date", "the recording with the Date header ARG (e.g. 'Thu, 01 Jan 1970 00:00:00 GMT')")
def _date(h: _Handler, fault: Fault, hit: int) -> None:
    h.serve_route(date=fault.arg)


@_kind("html", "an HTML page with status 200 and Content-Type text/html (as the rankings page after 2026-05-17)")
def _html(h: _Handler, fault: Fault, hit: int) -> None:
    h.send_body(HTTPStatus.OK, HTML_PAGE, "text/html; charset=utf-8")


def _stream(h: _Handler, fault: Fault, declared: bool) -> None:
    size = _size(fault.arg, 50 * 1024 * 1024)
    filler = (b'{"id": "x/y", "name": "' + b"z" * 200 + b'"}, ') * (CHUNK // 230)
    head = b'{"data": ['
    headers = {"Content-Length": str(size)} if declared else {"Transfer-Encoding": "chunked"}
    h.send_head(HTTPStatus.OK, "application/json", headers)
    sent = 0
    with contextlib.suppress(ConnectionError):
        while sent < size:
            piece = (head + filler if sent == 0 else filler)[: size - sent]
            h.wfile.write(piece if declared else b"%X\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
        if not declared:
            h.wfile.write(b"0\r\n\r\n")
    h.close_connection = True


@_kind("huge", "stream ARG bytes (default 50M; K/M/G suffixes) without Content-Length (chunked)")
def _huge(h: _Handler, fault: Fault, hit: int) -> None:
    _stream(h, fault, declared=False)


@_kind("huge-declared", "stream ARG bytes (default 50M), declared in Content-Length")
def _huge_declared(h: _Handler, fault: Fault, hit: int) -> None:
    _stream(h, fault, declared=True)


def _records(doc: Any) -> list[Any]:
    rows = doc.get("data") if isinstance(doc, dict) else None
    return rows if isinstance(rows, list) else []


@_transform("empty-data", 'answer {"data": []} with status 200')
def _empty_data(doc: Any, arg: str) -> Any:
    return {"data": []}


@_transform("empty-rows", "the recording with its data list emptied, meta kept (rankings as of 2026-05-17)")
def _empty_rows(doc: Any, arg: str) -> Any:
    doc["data"] = []
    return doc


@_transform("drop-field", "remove field ARG (dotted, e.g. pricing or architecture.modality) from every record")
def _drop_field(doc: Any, arg: str) -> Any:
    *parents, last = (arg or "id").split(".")
    for record in _records(doc):
        for name in parents:
            record = record.get(name) if isinstance(record, dict) else None
        if isinstance(record, dict):
            record.pop(last, None)
    return doc


@_transform("unknown-fields", "add field ARG (default upstream_new_field) to every record and its architecture")
def _unknown_fields(doc: Any, arg: str) -> Any:
    name = arg or "upstream_new_field"
    for record in _records(doc):
        record[name] = {"added": "upstream", "values": [1, 2]}
        if isinstance(record.get("architecture"), dict):
            record["architecture"][name] = "new"
    return doc


@_transform("duplicate-ids", "the first record once more at the end of data")
def _duplicate(doc: Any, arg: str) -> Any:
    rows = _records(doc)
    if rows:
        rows.append(copy.deepcopy(rows[0]))
    return doc


@_transform("price", "pricing.prompt of the first record set to the string ARG (e.g. -0.5, NaN, abc)")
def _price(doc: Any, arg: str) -> Any:
    rows = _records(doc)
    if rows:
        rows[0]["pricing"]["prompt"] = arg
    return doc


@_transform("price-number", "pricing.prompt of the first record set to the JSON number ARG (NaN: a bare NaN)")
def _price_number(doc: Any, arg: str) -> Any:
    rows = _records(doc)
    if rows:
        rows[0]["pricing"]["prompt"] = float(arg)
    return doc


@_transform("price-jump", "prompt and completion prices of the first COUNT records × FACTOR (ARG FACTOR[,COUNT])")
def _price_jump(doc: Any, arg: str) -> Any:
    factor_text, _, count_text = (arg or "1000").partition(",")
    factor = Decimal(factor_text)
    rows = _records(doc)
    for record in rows[: int(count_text) if count_text else len(rows)]:
        for key in ("prompt", "completion"):
            try:
                value = Decimal(record["pricing"][key])
            except (KeyError, InvalidOperation, TypeError):
                continue
            if value > 0:
                record["pricing"][key] = format((value * factor).normalize(), "f")
    return doc


@_transform("zero-prices", 'add the zero-valued pricing keys upstream dropped in January 2026 ("0" request, image, …)')
def _zero_prices(doc: Any, arg: str) -> Any:
    for record in _records(doc):
        for key in ("request", "image", "web_search", "internal_reasoning"):
            record.get("pricing", {}).setdefault(key, "0")
    return doc


HOSTILE_NAMES = (
    "<script>alert('orsnap')</script> Model",
    "Evil \u202egnp.exe\u202c <img src=x onerror=alert(1)>",
    "Zero\u200bWidth\u200d\u2060Joiner\ufeff & \u2066Isolate\u2069",
)


@_transform("hostile-names", "names of the first three records: <script>, bidi overrides, zero-width characters")
def _hostile_names(doc: Any, arg: str) -> Any:
    for record, name in zip(_records(doc), HOSTILE_NAMES, strict=False):
        record["name"] = name
    return doc


@_transform("ghost-permaslugs", "the first row's permaslug (every row's with ARG all) renamed to match no model")
def _ghost_permaslugs(doc: Any, arg: str) -> Any:
    rows = [r for r in _records(doc) if isinstance(r, dict)]
    key = "model_permaslug" if rows and "model_permaslug" in rows[0] else "id"
    slugs = sorted({r[key] for r in rows if r.get(key) != "other"})
    chosen = slugs if arg == "all" else [next(r[key] for r in rows if r.get(key) != "other")] if slugs else []
    ghost = {slug: f"ghost-lab/unlisted-model-{i}-20260601" for i, slug in enumerate(chosen)}
    for row in rows:
        row[key] = ghost.get(row[key], row[key])
    return doc


@_transform("vanish", "the first ARG records removed (ARG% for a share)")
def _vanish(doc: Any, arg: str) -> Any:
    rows = _records(doc)
    count = round(len(rows) * float(arg[:-1]) / 100) if arg.endswith("%") else int(arg or 1)
    del rows[:count]
    return doc


@_transform("rename-ids", "the first ARG records get new ids and canonical slugs (they vanish, others appear)")
def _rename_ids(doc: Any, arg: str) -> Any:
    for record in _records(doc)[: int(arg or 1)]:
        base, sep, variant = record["id"].partition(":")
        record["id"] = f"{base}-renamed{sep}{variant}"
        if record.get("canonical_slug"):
            record["canonical_slug"] += "-renamed"
    return doc


@_transform("category", "ARG added to the contract's category enum (e.g. ../../etc, /abs, a//b, CON)")
def _category(doc: Any, arg: str) -> Any:
    for spec in doc.get("paths", {}).values():
        for param in spec.get("get", {}).get("parameters", []):
            if param.get("name") == "category" and isinstance(param.get("schema", {}).get("enum"), list):
                param["schema"]["enum"].append(arg)
    return doc


@_transform("enum-keep", "keep the first N values of the contract's enum PARAM (ARG = PARAM,N; e.g. category,1)")
def _enum_keep(doc: Any, arg: str) -> Any:
    name, _, keep = arg.partition(",")
    for spec in doc.get("paths", {}).values():
        for param in spec.get("get", {}).get("parameters", []):
            enum = param.get("schema", {}).get("enum") if isinstance(param.get("schema"), dict) else None
            if param.get("name") == name and isinstance(enum, list):
                del enum[int(keep or 1) :]
    return doc


@_transform("clone-models", "ARG (default 1) new models, copies of the first with new ids and canonical slugs")
def _clone_models(doc: Any, arg: str) -> Any:
    rows = _records(doc)
    first = rows[0]
    for i in range(int(arg or 1)):
        clone = json.loads(json.dumps(first))
        clone["id"] = f"{first['id'].partition(':')[0]}-clone-{i}"
        clone["canonical_slug"] = f"{first.get('canonical_slug') or first['id']}-clone-{i}"
        rows.append(clone)
    return doc


@_transform("huge-number", "FIELD of every record set to 10^DIGITS (ARG = FIELD,DIGITS; e.g. context_length,300)")
def _huge_number(doc: Any, arg: str) -> Any:
    name, _, digits = arg.partition(",")
    for record in _records(doc):
        record[name] = 10 ** int(digits or 300)
    return doc


@_transform(
    "pricing-key", "a pricing key ARG whose value is a JSON number, on every model (a validation error names it)"
)
def _pricing_key(doc: Any, arg: str) -> Any:
    for record in _records(doc):
        if isinstance(record.get("pricing"), dict):
            record["pricing"][arg or "new_key"] = 1
    return doc


@_transform("set-field", "string field NAME of every record set to VALUE (ARG = NAME=VALUE)")
def _set_field(doc: Any, arg: str) -> Any:
    name, _, value = arg.partition("=")
    for record in _records(doc):
        record[name] = value
    return doc


@_transform("rewrite-modality", "architecture.modality rewritten as in January 2026 (text+image->text → +file)")
def _rewrite_modality(doc: Any, arg: str) -> Any:
    for record in _records(doc):
        arch = record.get("architecture") or {}
        modality = arch.get("modality")
        if isinstance(modality, str) and "image" in modality and "file" not in modality:
            arch["modality"] = modality.replace("image", "image+file", 1)
    return doc


HTML_PAGE = (
    b'<!DOCTYPE html><html><head><title>Rankings | OpenRouter</title></head><body><div id="__next"></div>'
    b'<script>self.__next_f.push([1,""])</script></body></html>'
)


def _error_body(status: int, message: str | None = None) -> bytes:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return json.dumps({"error": {"code": status, "message": message or phrase}}).encode()


def parse_fault(spec: str) -> Fault:
    """``KIND[:ARG][*N][@TARGET]`` → a :class:`Fault`. Raises ValueError naming the problem."""
    head, at, target = spec.strip().partition("@")
    times: int | None = None
    body, star, count = head.rpartition("*")
    if star and count.isdigit():
        head, times = body, int(count)
    name, _, arg = head.partition(":")
    if name not in KINDS:
        raise ValueError(f"unknown fault kind {name!r} (known: {', '.join(sorted(KINDS))})")
    if at and not target.startswith("/"):
        raise ValueError(f"fault target {target!r} must be a path starting with /")
    return Fault(kind=name, arg=arg, times=times, target=target)


# --- the server -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    auth: bool
    file: Path
    date: str
    provenance: str = "recorded"  # recorded | derived | constructed (the fixture's `kind`; `real` = recorded)
    recorded: tuple[str, ...] = ()  # dates of the real captures the response comes from
    keyless_null: tuple[str, ...] = ()  # fields upstream sets to null for a request without a key (its contract)


def load_routes(fixtures: Path) -> dict[tuple[str, str, tuple[tuple[str, str], ...]], Route]:
    table = json.loads((fixtures / "routes.json").read_text(encoding="utf-8"))
    routes = {}
    for raw in table["routes"]:
        query = tuple(sorted((str(k), str(v)) for k, v in raw.get("query", {}).items()))
        file = (fixtures / raw["file"]).resolve()
        if fixtures.resolve() not in file.parents:
            raise ValueError(f"route file {raw['file']!r} is outside {fixtures}")
        kind = raw.get("kind", "recorded")
        route = Route(
            raw.get("method", "GET"),
            raw["path"],
            query,
            bool(raw.get("auth")),
            file,
            raw["date"],
            "recorded" if kind == "real" else kind,
            tuple(raw.get("recorded") or [raw["date"][:10]]),
            tuple(str(name) for name in raw.get("keyless_null") or ()),
        )
        routes[(route.method, route.path, route.query)] = route
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
        self.send_body(status, _error_body(status, message), "application/json")

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


def describe_kinds() -> str:
    """One line per fault kind, for ``--help`` and the README."""
    return "\n".join(f"{name}: {kind.doc}" for name, kind in sorted(KINDS.items()))
