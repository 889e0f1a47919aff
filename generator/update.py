"""``orsnap update``: discover → plan → fetch → normalize/rank → assemble → gate → write.

The I/O edges are here (the contract, the requests, the previous snapshot, the write); normalizing, ranking and
assembling are pure, in :mod:`generator.assemble`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import ValidationError

from generator import DEFAULT_API_BASE, DEFAULT_CONTRACT_URL, assemble, endpoints, gates, published, store, trends
from generator.assemble import (
    APPS_CATEGORY_DIR,
    APPS_DIR,
    BENCHMARKS,
    CATEGORY_DIR,
    DIMENSION_DIR,
    KEYLESS_ORDER,
    OVERALL_FILE,
    SERIES_FILES,
    WEEK,
    Built,
    Request,
)
from generator.errors import EXIT_REFUSED, OrsnapError
from generator.normalize import InvalidData, invalid
from generator.providers import PARAMETER as DERIVED_PARAMETER
from generator.slugs import SlugError, slug_path, validate_slug
from generator.snapshot import Snapshot
from generator.sources import Client, Fetched, SourceError, openrouter
from generator.sources.contract import ContractError, Discovery, Ordering, discover

__all__ = ["SERIES_FILES", "Options", "Refused", "Request", "Result", "plan", "previous_discovery", "update"]


class Refused(OrsnapError):
    """A gate refused the snapshot; nothing was written."""

    exit_code = EXIT_REFUSED

    def __init__(self, refusals: list[gates.Refusal]) -> None:
        super().__init__("; ".join(str(r) for r in refusals))
        self.refusals = refusals


@dataclass
class Options:
    snapshots: Path = Path("snapshots")
    api_base: str = DEFAULT_API_BASE
    contract_url: str = DEFAULT_CONTRACT_URL
    api_key: str | None = field(default=None, repr=False)  # never shown, not even in a debugging print
    top_n: int = 50
    since: str = trends.HISTORY_START  # first day of the keyed history (the dataset begins 2025-01-01)
    force: bool = False
    thresholds: gates.Thresholds = field(default_factory=gates.Thresholds)
    source_note: str | None = None
    transport: httpx.AsyncBaseTransport | None = None
    concurrency: int = 8
    client_kwargs: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[int, int, str], None] | None = None
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    max_duration: float = 900.0  # seconds for every request of the run together (the update's deadline)
    lock_wait: float = 60.0  # seconds to wait for another run's lock on the snapshot directory
    write: bool = True  # False: build the snapshot in memory only (``Result.files``), as `orsnap verify` does
    providers: bool = True  # False: no endpoints calls (`orsnap verify` compares no provider figures)


@dataclass
class Result:
    changed: bool
    changed_files: list[str]
    calls: list[str]
    notes: list[str]
    counts: dict[str, int]
    unmapped: int
    unknown_fields: list[published.UnknownField]
    forced: list[str]
    files: dict[str, bytes] = field(default_factory=dict, repr=False)  # the snapshot built (path → bytes)


SOURCE_ENDPOINTS = {
    "catalog": "GET /models?output_modalities=all, its Date header",
    "rankings": "GET /datasets/rankings-daily, its meta.as_of",
    "benchmarks": "GET /benchmarks, its meta.as_of",
}


def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in {"127.0.0.1", "localhost", "::1"}


# --- discover -----------------------------------------------------------------------------------------------


def previous_discovery(previous: Snapshot) -> Discovery | None:
    """The category and ordering lists of the last committed snapshot (fallback when the contract is down)."""
    if previous.categories is None or previous.dimensions is None:
        return None
    categories = tuple(validate_slug(slug) for slug in previous.category_slugs())
    orderings = tuple(
        Ordering(validate_slug(d.slug), d.parameter, d.value, d.meaning, keyed=d.source.keyed)
        for d in previous.dimensions.dimensions
        if d.parameter != DERIVED_PARAMETER  # our derived orderings are not the contract's
    )
    # the apps files of the previous snapshot say which sorts and groups the contract had
    app_docs = list(previous.apps.values())
    sorts = tuple(validate_slug(d.sort) for d in app_docs if d.category is None)
    groups = tuple(validate_slug(d.category) for d in app_docs if d.category is not None)
    default = next((d.sort for d in app_docs if d.category is not None), sorts[0] if sorts else None)
    meaning = next((d.meaning for d in app_docs), "")
    return Discovery(categories, orderings, "previous-snapshot", sorts, groups, default, meaning)


async def _discover(opts: Options, client: Client, previous: Snapshot, notes: list[str]) -> Discovery:
    """The categories and orderings from the contract; the previous snapshot's when the contract is unreachable."""
    try:
        return discover((await openrouter.contract(client, opts.contract_url)).data)
    except SourceError as exc:
        fallback = previous_discovery(previous)
        if fallback is None:
            raise SourceError(exc.endpoint, f"{exc.cause}; and there is no previous snapshot to fall back on") from None
        notes.append(f"contract unreachable ({exc}); used the previous snapshot's categories and orderings")
        return fallback
    except ContractError as exc:
        raise InvalidData(f"GET {opts.contract_url}: {exc}") from None


# --- plan ---------------------------------------------------------------------------------------------------


def plan(discovery: Discovery, keyed: bool, since: str = trends.HISTORY_START) -> dict[str, Request]:
    """Which request feeds which ranking file (several files may share one request).

    Keyed, the overall and category requests ask for the whole weekly history since ``since``: one call gives the
    ranking (its latest complete week) and the history, authors and trending files.
    """
    history = (*WEEK.items(), ("start_date", since))
    out: dict[str, Request] = {}
    out[OVERALL_FILE] = Request("rankings", history) if keyed else Request("models", (("sort", KEYLESS_ORDER),))
    for slug in discovery.categories:
        path = str(slug_path(CATEGORY_DIR, slug))
        out[path] = (
            Request("rankings", (("category", slug), *history))
            if keyed
            else Request("models", (("category", slug), ("sort", KEYLESS_ORDER)))
        )
    for ordering in discovery.orderings:
        if ordering.keyed and not keyed:
            continue
        path = str(slug_path(DIMENSION_DIR, ordering.slug))
        kind = "rankings" if ordering.keyed else "models"
        params = (
            ((ordering.parameter, ordering.value), *WEEK.items())
            if ordering.keyed
            else ((ordering.parameter, ordering.value),)
        )
        out[path] = Request(kind, params)
    if keyed:  # top apps: one file per sort, and per category group with the contract's default sort
        for sort in discovery.app_sorts:
            out[str(slug_path(APPS_DIR, sort))] = Request("apps", (("sort", sort),))
        for group in discovery.app_groups:
            sort = discovery.app_default_sort or ""
            out[str(slug_path(APPS_CATEGORY_DIR, group))] = Request("apps", (("category", group), ("sort", sort)))
    return out


# --- fetch, normalize, rank ---------------------------------------------------------------------------------


async def _fetch_all(
    client: Client,
    requests: list[Request],
    with_benchmarks: bool,
    progress: Callable[[int, int, str], None] | None,
    on_catalog: Callable[[Fetched], None],
    on_response: Callable[[Request, Fetched], None],
) -> None:
    """Fetch everything concurrently and hand each response on as it arrives.

    The catalog is handed on first (rankings are mapped through it); every other response is processed while the
    remaining requests are still in flight, so local work overlaps the network instead of following it. The first
    failure cancels the rest.
    """
    total = len(requests) + 1 + int(with_benchmarks)
    done = 0

    async def tracked(request: Request | None, coro: Any) -> list[Any]:
        """``[request, response]``: a box the loop below empties as it hands the response on, so the finished
        task does not keep the response alive until every request is done (each is dropped once built)."""
        nonlocal done
        result: Fetched = await coro
        done += 1
        if progress:
            progress(done, total, result.endpoint)
        return [request, result]

    def fetch(request: Request) -> Any:
        if request is BENCHMARKS:
            return openrouter.benchmarks(client)
        if request.kind == "models":
            return openrouter.models_sorted(client, dict(request.params))
        if request.kind == "apps":
            return openrouter.app_rankings(client, dict(request.params))
        return openrouter.rankings_daily(client, dict(request.params))

    # Local work runs on one worker thread, in arrival order (the catalog first), so the event loop keeps
    # starting requests while earlier responses are normalized, ranked and validated.
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="orsnap-build") as worker:
        work: list[asyncio.Future[None]] = []
        try:
            async with asyncio.TaskGroup() as group:
                catalog_task = group.create_task(tracked(None, openrouter.catalog(client)))
                wanted = [*requests, BENCHMARKS] if with_benchmarks else list(requests)
                others = [group.create_task(tracked(request, fetch(request))) for request in wanted]
                work.append(loop.run_in_executor(worker, on_catalog, (await catalog_task).pop()))
                for next_done in asyncio.as_completed(others):
                    box = await next_done
                    fetched, request = box.pop(), box.pop()
                    work.append(loop.run_in_executor(worker, on_response, request, fetched))
                    del fetched, box  # the worker holds the response now, and lets go of it once it is built
                    failed = next((f for f in work if f.done() and not f.cancelled() and f.exception()), None)
                    if failed is not None:
                        failed.result()  # the first response that failed validation stops the run now
            for future in work:
                await future
        finally:
            # Whatever stopped the run, every piece of local work is collected (its own failure included), so
            # none is left to report "Future exception was never retrieved" on stderr: the error is one line.
            for future in work:
                future.cancel()
            await asyncio.gather(*work, return_exceptions=True)


def _first_error(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup):
        exc = exc.exceptions[0]
    return exc


async def _fetch(opts: Options, client: Client, discovery: Discovery, now: datetime) -> Built:
    """Every planned request, each response normalized and ranked into its file as it arrives."""
    keyed = bool(opts.api_key)
    paths_for: dict[Request, list[str]] = {}
    for path, request in sorted(plan(discovery, keyed, opts.since).items()):
        paths_for.setdefault(request, []).append(path)
    ordering_by_path = {str(slug_path(DIMENSION_DIR, o.slug)): o for o in discovery.orderings}
    built = Built(opts.top_n, now)

    def on_response(request: Request, fetched: Fetched) -> None:
        if request is BENCHMARKS:
            built.add_benchmarks(fetched)
            return
        for path in paths_for[request]:
            if request.kind == "apps":
                built.add_apps(path, request, fetched, discovery.app_meaning)
            else:
                built.add_ranking(path, request, fetched, ordering_by_path.get(path))

    requests = sorted(paths_for, key=lambda r: (r.kind, r.params))
    try:
        await _fetch_all(client, requests, keyed, opts.progress, built.add_catalog, on_response)
    except BaseExceptionGroup as group:
        raise _first_error(group) from None
    return built


async def _download(opts: Options, previous: Snapshot, notes: list[str]) -> tuple[Discovery, Built, list[str]]:
    """Discover, plan and fetch within ``opts.max_duration``: the only network part of the run."""
    client_args = {"api_key": opts.api_key, "transport": opts.transport, "concurrency": opts.concurrency}
    async with Client(opts.api_base, **client_args, **opts.client_kwargs) as client:
        try:
            async with asyncio.timeout(opts.max_duration):
                discovery = await _discover(opts, client, previous, notes)
                built = await _fetch(opts, client, discovery, opts.now())
                if opts.providers:  # the ranked models' providers (with the key when there is one)
                    built.missing += await endpoints.fetch(client, built)
                return discovery, built, list(client.calls)
        except TimeoutError:
            waiting = next(iter(client.in_flight), "GET " + opts.contract_url)
            raise SourceError(
                waiting, f"the update did not finish within {opts.max_duration:g} s (--max-duration)"
            ) from None


# --- gate, write --------------------------------------------------------------------------------------------


def _gate(opts: Options, previous: Snapshot, new: Snapshot, sources_as_of: dict[str, str]) -> list[str]:
    """The gates compare the new snapshot's models with the previous snapshot; the gates forced, or Refused."""
    before = gates.summarize(previous) if previous.catalog is not None else None
    refusals = gates.check(before, gates.summarize(new), opts.thresholds)
    manifest = previous.manifest
    previous_as_of = dict(manifest.sources_as_of) if manifest is not None else {}
    refusals += gates.as_of_regress(previous_as_of, sources_as_of, SOURCE_ENDPOINTS)
    if refusals and not opts.force:
        raise Refused(refusals)
    return [r.gate for r in refusals]


def _write(opts: Options, target: Path, previous: dict[str, bytes], files: dict[str, bytes]) -> list[str]:
    """Swap the new files in when they differ from the previous snapshot; the paths that changed."""
    changed = sorted(p for p in set(files) | set(previous) if files.get(p) != previous.get(p))
    if not changed or (bool(previous) and store.content_digest(files) == store.content_digest(previous)):
        return []
    if opts.write:
        store.write_atomic(target, files)
    return changed


def _source_note(opts: Options) -> str:
    # No date in the note: the dates are in `sources_as_of` (volatile), and a note that embedded one would make
    # the server's clock alone rewrite every file.
    return opts.source_note or (
        "Recorded OpenRouter responses replayed from a loopback server; not live data."
        if _is_loopback(opts.api_base)
        else f"OpenRouter API, live ({opts.api_base})"
    )


async def _run(opts: Options) -> Result:
    target = opts.snapshots / "v1"
    store.recover(target)
    previous = Snapshot.from_dir(target)
    notes: list[str] = []
    discovery, built, calls = await _download(opts, previous, notes)
    assembled = assemble.tree(built, discovery)
    forced = _gate(opts, previous, assembled.snapshot(), built.as_of)
    run = assemble.Run(keyed=bool(opts.api_key), top_n=opts.top_n, source_note=_source_note(opts), forced=forced)
    files, manifest = assemble.finish(built, assembled, discovery, run)
    changed = _write(opts, target, dict(previous.files), files)
    return Result(
        changed=bool(changed),
        changed_files=changed,
        calls=calls,
        notes=notes,
        counts=manifest.counts,
        unmapped=manifest.unmapped_rows,
        unknown_fields=manifest.unknown_fields,
        forced=forced,
        files=files,
    )


def update(opts: Options) -> Result:
    """Run one update. Raises SourceError or store.Locked (exit 1), Refused (exit 3) or InvalidData (exit 4).

    The whole run, from reading the previous snapshot to the swap, holds the snapshot directory's lock.
    """
    try:
        if not opts.write:
            return asyncio.run(_run(opts))
        with store.locked(opts.snapshots / "v1", opts.lock_wait):
            return asyncio.run(_run(opts))
    except SlugError as exc:
        raise InvalidData(str(exc)) from None
    except ValidationError as exc:  # each source names its record; this is the net for any it did not
        raise invalid(exc, f"upstream data ({exc.title})") from None
