"""``orsnap record DIR``: run the update's call plan against the source and keep every response as a fixture
directory in the replay format (``routes.json`` plus one file per response, as :mod:`generator.replay` serves it).

The plan is the one :func:`generator.update.update` runs (it is that function, with ``write=False``: discovery
from the contract, then every catalog, ranking and benchmark request, keyed when a key is set); a transport
wrapped around the real one keeps each successful response's body and ``Date`` header. What is written: the
method, path and query of each request, whether it carried an API key (``auth``; never the key or any other
header), the recorded ``Date`` and the body as received. Nothing is written unless the whole run succeeded, and
then the directory appears whole (written beside it, then renamed).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from generator import store, update
from generator.errors import EXIT_SOURCE, OrsnapError
from generator.replay import Exchange, RouteKey
from generator.sources.client import DEFAULT_MAX_BYTES, _provenance

ROUTES = "routes.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class RecordError(OrsnapError):
    """The recording cannot be written where asked."""

    exit_code = EXIT_SOURCE


@dataclass(frozen=True)
class Recorded(Exchange):
    """A response kept, with the request it answered."""

    body: bytes
    provenance: str | None = None  # what a replayed source said it serves (its X-Orsnap-Provenance header)
    recorded_from: tuple[str, ...] = ()  # the capture dates a replayed source named


class RecordingTransport(httpx.AsyncBaseTransport):
    """Pass every request to ``inner`` and keep each 2xx response (the last one, when a request was retried)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, now: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.inner = inner
        self.max_bytes = max_bytes
        self.now = now
        self.recorded: dict[RouteKey, Recorded] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not 200 <= response.status_code < 300:
            return response
        body = bytearray()  # decoded: the replay server serves it as it is
        try:
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self.max_bytes:  # the client's own cap, applied before anything is kept
                    break
        finally:
            await response.aclose()
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        if len(body) > self.max_bytes:  # not kept; the client refuses it by its size
            return httpx.Response(response.status_code, headers=headers, content=bytes(body), request=request)
        provenance, recorded_from = _provenance(response.headers)
        kept = Recorded(
            method=request.method,
            path=request.url.path,
            query=tuple(sorted(request.url.params.multi_items())),
            auth="authorization" in request.headers,
            date=_date(response.headers.get("Date"), self.now),
            body=bytes(body),
            provenance=None if provenance == "live" else provenance,
            recorded_from=recorded_from,
        )
        self.recorded[kept.key] = kept
        return httpx.Response(response.status_code, headers=headers, content=bytes(body), request=request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def _date(header: str | None, fallback: str) -> str:
    """An HTTP ``Date`` header → ``2026-05-18T02:00:00Z`` (the replay format); the recording time without one."""
    if header:
        try:
            return parsedate_to_datetime(header).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (TypeError, ValueError):
            pass
    return fallback


def file_name(item: Recorded) -> str:
    """A readable relative file name built from our own request (path segments and query), made safe."""
    segments = [_UNSAFE.sub("_", s) for s in item.path.strip("/").split("/") if s not in ("", ".", "..")]
    name = "/".join(s.strip(".") or "_" for s in segments) or "root"
    if item.query:
        name += "/" + ".".join(_UNSAFE.sub("_", f"{k}-{v}") for k, v in item.query)
    return name.removesuffix(".json") + ".json"


def routes(recorded: list[Recorded]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The route table and the files (relative path → bytes) of a recording."""
    files: dict[str, bytes] = {}
    table = []
    for item in sorted(recorded, key=lambda r: (r.path, r.query, r.method)):
        name = file_name(item)
        if name in files or any(other.startswith(name.removesuffix(".json") + "/") for other in files):
            name = f"{name.removesuffix('.json')}.{store.sha256(repr((item.path, item.query)).encode())[:8]}.json"
        files[name] = item.body
        route: dict[str, Any] = {
            "auth": item.auth,
            "date": item.date,
            "file": name,
            "method": item.method,
            "path": item.path,
            "query": dict(item.query),
        }
        if item.provenance is not None:  # a recording of a replay keeps what each response is
            route["kind"] = item.provenance
            route["recorded"] = list(item.recorded_from)
        table.append(route)
    return {"routes": table}, files


def check_directory(directory: Path) -> None:
    """A recording goes where nothing else would be lost: a new or empty directory, or a previous recording."""
    if directory.exists() and not (
        directory.is_dir() and (not any(directory.iterdir()) or (directory / ROUTES).is_file())
    ):
        raise RecordError(f"refusing to replace {directory}: it is not empty and holds no {ROUTES}")


def recording_transport(opts: update.Options) -> RecordingTransport:
    return RecordingTransport(opts.transport or httpx.AsyncHTTPTransport(), opts.now().strftime("%Y-%m-%dT%H:%M:%SZ"))


def write(directory: Path, transport: RecordingTransport, contract_url: str) -> int:
    """Write what ``transport`` kept into ``directory`` (whole, or not at all); the number of responses."""
    check_directory(directory)
    contract_path = urlsplit(contract_url).path
    if not any(path == contract_path for _, path, _ in transport.recorded):
        raise RecordError(f"the contract {contract_url} could not be fetched: a recording needs it (nothing written)")
    table, files = routes(list(transport.recorded.values()))
    files[ROUTES] = store.canonical_json(table)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.tmp-", dir=directory.parent))
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if directory.exists():
            shutil.rmtree(directory)
        staging.rename(directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(transport.recorded)


def record(opts: update.Options, directory: Path) -> update.Result:
    """Run the update's call plan (nothing written to the snapshot, gates not applied) and write every response
    into ``directory`` in the replay format. ``directory`` must not exist, be empty, or hold a recording."""
    check_directory(directory)
    transport = recording_transport(opts)
    result = update.update(dataclasses.replace(opts, write=False, force=True, transport=transport))
    write(directory, transport, opts.contract_url)
    return result
