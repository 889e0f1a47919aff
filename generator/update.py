"""``orsnap update``: discover → fetch → normalize → rank → gate → store. The I/O edges are here; the stages
in between are pure functions in their own modules.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import ValidationError

from generator import (
    DEFAULT_API_BASE,
    DEFAULT_CONTRACT_URL,
    __version__,
    apps,
    gates,
    published,
    rank,
    selection,
    store,
    trends,
)
from generator.errors import EXIT_REFUSED, OrsnapError
from generator.normalize import InvalidData, NormalizeReport, invalid, normalize_catalog, permaslug_index
from generator.slugs import SlugError, label_for, slug_path, validate_slug
from generator.sources import Client, Fetched, SourceError, openrouter
from generator.sources.contract import ContractError, Discovery, Ordering, discover

KEYLESS_ORDER = "top-weekly"  # the keyless per-category order, as DESIGN.md documents it
WEEK = {"period": "week"}
CATEGORY_DIR = PurePosixPath("rankings/category")
DIMENSION_DIR = PurePosixPath("rankings/dimension")
OVERALL_FILE = "rankings/overall.json"
APPS_DIR = PurePosixPath("apps")
APPS_CATEGORY_DIR = PurePosixPath("apps/category")
# Series derived from the overall and category histories (generator/trends.py): kind → (overall file, directory).
SERIES_FILES = {
    "history": ("rankings/history/overall.json", PurePosixPath("rankings/history/category")),
    "authors": ("rankings/authors.json", PurePosixPath("rankings/authors/category")),
    "trending": ("rankings/trending.json", PurePosixPath("rankings/trending/category")),
}


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


def _stamp(moment: datetime | None, fallback: datetime) -> str:
    return (moment or fallback).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in {"127.0.0.1", "localhost", "::1"}


# --- previous snapshot --------------------------------------------------------------------------------------


def previous_discovery(files: dict[str, bytes]) -> Discovery | None:
    """The category and ordering lists of the last committed snapshot (fallback when the contract is down)."""
    if "categories.json" not in files or "dimensions.json" not in files:
        return None
    categories: list[str] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            categories.append(validate_slug(node["slug"]))
            walk(node.get("children", []))

    walk(json.loads(files["categories.json"])["categories"])
    orderings = tuple(
        Ordering(validate_slug(d["slug"]), d["parameter"], d["value"], d["meaning"], keyed=d["source"]["keyed"])
        for d in json.loads(files["dimensions.json"])["dimensions"]
    )
    # the apps files of the previous snapshot say which sorts and groups the contract had
    app_docs = [json.loads(data) for path, data in sorted(files.items()) if path.startswith(f"{APPS_DIR}/")]
    sorts = tuple(validate_slug(d["sort"]) for d in app_docs if d["category"] is None)
    groups = tuple(validate_slug(d["category"]) for d in app_docs if d["category"] is not None)
    default = next((d["sort"] for d in app_docs if d["category"] is not None), sorts[0] if sorts else None)
    meaning = next((d["meaning"] for d in app_docs), "")
    return Discovery(tuple(categories), orderings, "previous-snapshot", sorts, groups, default, meaning)


SOURCE_ENDPOINTS = {
    "catalog": "GET /models?output_modalities=all, its Date header",
    "rankings": "GET /datasets/rankings-daily, its meta.as_of",
    "benchmarks": "GET /benchmarks, its meta.as_of",
}


def _sources_as_of(files: dict[str, bytes]) -> dict[str, str]:
    """The previous manifest's ``sources_as_of`` (empty without a previous snapshot)."""
    if "manifest.json" not in files:
        return {}
    found = json.loads(files["manifest.json"]).get("sources_as_of")
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def summarize(files: dict[str, bytes]) -> gates.Summary | None:
    """What the gates compare; None when there is no previous snapshot."""
    return gates.summarize(files) if "models.json" in files else None


# --- fetching -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    kind: str  # "models" or "rankings"
    params: tuple[tuple[str, str], ...]

    @property
    def endpoint(self) -> str:
        path = {"models": "/models", "apps": "/datasets/app-rankings"}.get(self.kind, "/datasets/rankings-daily")
        return f"GET {path}"


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


BENCHMARKS = Request("benchmarks", ())


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

    async def tracked(request: Request | None, coro: Any) -> tuple[Request | None, Fetched]:
        nonlocal done
        result: Fetched = await coro
        done += 1
        if progress:
            progress(done, total, result.endpoint)
        return request, result

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
                work.append(loop.run_in_executor(worker, on_catalog, (await catalog_task)[1]))
                for next_done in asyncio.as_completed(others):
                    request, fetched = await next_done
                    work.append(loop.run_in_executor(worker, on_response, request, fetched))
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


@contextlib.contextmanager
def _bounded(endpoint: str) -> Iterator[None]:
    """A published model refusing upstream data (a number beyond its bounds) is invalid data, exit 4."""
    try:
        yield
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidData(f"{endpoint}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


class _Built:
    """The snapshot as it is assembled, one response at a time; each file is schema-checked when it is made."""

    def __init__(self, opts: Options, now: datetime) -> None:
        self.opts = opts
        self.now = now
        self.files: dict[str, bytes] = {}
        self.checked: set[str] = set()
        self.problems: list[store.Problem] = []
        self.rankings: dict[str, published.Ranking] = {}
        self.models: list[published.Model] = []
        self.catalog: dict[str, published.Model] = {}
        self.index: dict[str, str] = {}
        self.as_of: dict[str, str] = {}
        self.bench: published.Benchmarks | None = None
        self.report = NormalizeReport()
        self.provenances: set[str] = set()
        self.recorded: set[str] = set()
        self.constructed: set[str] = set()  # files whose source is constructed (rankings, history, apps…)

    def _seen(self, fetched: Fetched) -> published.Provenance:
        """Note what a response is (live, or a replayed recording and its capture dates) and return its kind."""
        self.provenances.add(fetched.provenance)
        self.recorded.update(fetched.recorded)
        return fetched.provenance  # type: ignore[return-value]

    def _put(self, path: str, doc: published.BaseModel) -> None:
        source = getattr(doc, "source", None)
        if isinstance(source, published.Source) and source.provenance == "constructed":
            self.constructed.add(path)
        self.files[path] = store.canonical_json(doc)
        self.problems += store.schema_problems(path, self.files[path], fast=True)
        self.checked.add(path)

    def add_catalog(self, fetched: Fetched) -> None:
        with _bounded(fetched.endpoint):
            self._add_catalog(fetched)

    def add_ranking(self, path: str, request: Request, fetched: Fetched, ordering: Ordering | None) -> None:
        with _bounded(fetched.endpoint):
            self._add_ranking(path, request, fetched, ordering)

    def add_benchmarks(self, fetched: Fetched) -> None:
        with _bounded(fetched.endpoint):
            self._add_benchmarks(fetched)

    def _add_catalog(self, fetched: Fetched) -> None:
        self.models, self.report = normalize_catalog(fetched.data, fetched.endpoint)
        self.catalog = {m.id: m for m in self.models}
        self.index = permaslug_index(self.models)
        self.as_of["catalog"] = _stamp(fetched.date, self.now)
        self._put(
            "models.json",
            published.Catalog(
                schema_version=published.SCHEMA_VERSION,
                as_of=self.as_of["catalog"],
                source=published.Source(
                    endpoint="GET /models",
                    params=dict(openrouter.CATALOG_PARAMS),
                    keyed=False,
                    provenance=self._seen(fetched),
                ),
                count=len(self.models),
                models=self.models,
            ),
        )

    def _add_ranking(self, path: str, request: Request, fetched: Fetched, ordering: Ordering | None) -> None:
        params = dict(request.params)
        source = published.Source(
            endpoint=request.endpoint, params=params, keyed=request.kind == "rankings", provenance=self._seen(fetched)
        )
        if path == OVERALL_FILE:
            kind, slug, label = "overall", "overall", "Overall"
        elif ordering is None:
            slug = params["category"]
            kind, label = "category", label_for(slug)
        else:
            kind, slug, label = "dimension", ordering.slug, label_for(ordering.slug)
        target = rank.Target(kind, slug, label, source)  # type: ignore[arg-type]
        if request.kind == "rankings":
            ranking = rank.keyed_ranking(
                target, fetched.data, catalog=self.catalog, index=self.index, top_n=self.opts.top_n
            )
            self.as_of["rankings"] = max(self.as_of.get("rankings", ""), ranking.as_of)
        else:
            ranking = rank.keyless_ranking(
                target,
                fetched.data,
                catalog=self.catalog,
                top_n=self.opts.top_n,
                as_of=_stamp(fetched.date, self.now),
                ranked_by="top-weekly-overall" if kind == "category" else f"sort:{params['sort']}",
            )
        self.rankings[path] = ranking
        self._put(path, ranking)
        if request.kind == "rankings" and kind in ("overall", "category"):
            derived = trends.derive(target, fetched.data, index=self.index)
            for name, doc in (
                ("history", derived.history),
                ("authors", derived.authors),
                ("trending", derived.trending),
            ):
                overall_file, directory = SERIES_FILES[name]
                self._put(overall_file if kind == "overall" else str(slug_path(directory, slug)), doc)

    def add_apps(self, path: str, request: Request, fetched: Fetched, meaning: str) -> None:
        with _bounded(fetched.endpoint):
            self._add_apps(path, request, fetched, meaning)

    def _add_apps(self, path: str, request: Request, fetched: Fetched, meaning: str) -> None:
        params = dict(request.params)
        doc = apps.apps_file(
            published.Source(endpoint=request.endpoint, params=params, keyed=True, provenance=self._seen(fetched)),
            fetched.data,
            sort=params["sort"],
            category=params.get("category"),
            meaning=meaning,
        )
        self.as_of["apps"] = max(self.as_of.get("apps", ""), doc.as_of)
        self._put(path, doc)

    def _add_benchmarks(self, fetched: Fetched) -> None:
        self.bench = rank.benchmarks(
            fetched.data,
            endpoint=fetched.endpoint,
            index=self.index,
            source=published.Source(endpoint="GET /benchmarks", params={}, keyed=True, provenance=self._seen(fetched)),
        )
        self.as_of["benchmarks"] = self.bench.as_of
        self._put("benchmarks.json", self.bench)


# --- the run ------------------------------------------------------------------------------------------------


async def _run(opts: Options) -> Result:
    target = opts.snapshots / "v1"
    store.recover(target)
    previous_files = store.read_files(target)
    notes: list[str] = []
    now = opts.now()
    keyed = bool(opts.api_key)
    async with Client(
        opts.api_base,
        api_key=opts.api_key,
        transport=opts.transport,
        concurrency=opts.concurrency,
        **opts.client_kwargs,
    ) as client:
        try:
            async with asyncio.timeout(opts.max_duration):
                discovery, built, calls = await _fetch(opts, client, previous_files, notes, now, keyed)
        except TimeoutError:
            waiting = next(iter(client.in_flight), "GET " + opts.contract_url)
            raise SourceError(
                waiting, f"the update did not finish within {opts.max_duration:g} s (--max-duration)"
            ) from None
    return _finish(opts, target, previous_files, notes, keyed, discovery, built, calls)


async def _fetch(
    opts: Options, client: Client, previous_files: dict[str, bytes], notes: list[str], now: datetime, keyed: bool
) -> tuple[Discovery, _Built, list[str]]:
    try:
        discovery = discover((await openrouter.contract(client, opts.contract_url)).data)
    except SourceError as exc:
        fallback = previous_discovery(previous_files)
        if fallback is None:
            raise SourceError(exc.endpoint, f"{exc.cause}; and there is no previous snapshot to fall back on") from None
        discovery = fallback
        notes.append(f"contract unreachable ({exc}); used the previous snapshot's categories and orderings")
    except ContractError as exc:
        raise InvalidData(f"GET {opts.contract_url}: {exc}") from None
    requests = plan(discovery, keyed, opts.since)
    paths_for: dict[Request, list[str]] = {}
    for path, request in sorted(requests.items()):
        paths_for.setdefault(request, []).append(path)
    ordering_by_path = {str(slug_path(DIMENSION_DIR, o.slug)): o for o in discovery.orderings}
    built = _Built(opts, now)

    def on_response(request: Request, fetched: Fetched) -> None:
        if request is BENCHMARKS:
            built.add_benchmarks(fetched)
            return
        for path in paths_for[request]:
            if request.kind == "apps":
                built.add_apps(path, request, fetched, discovery.app_meaning)
            else:
                built.add_ranking(path, request, fetched, ordering_by_path.get(path))

    try:
        await _fetch_all(
            client,
            sorted(paths_for, key=lambda r: (r.kind, r.params)),
            keyed,
            opts.progress,
            built.add_catalog,
            on_response,
        )
    except BaseExceptionGroup as group:
        raise _first_error(group) from None
    return discovery, built, list(client.calls)


def _finish(
    opts: Options,
    target: Path,
    previous_files: dict[str, bytes],
    notes: list[str],
    keyed: bool,
    discovery: Discovery,
    built: _Built,
    calls: list[str],
) -> Result:
    # Responses arrive in any order; everything downstream sees them in path order, so output is deterministic.
    files, rankings = dict(sorted(built.files.items())), dict(sorted(built.rankings.items()))
    models, sources_as_of, bench = built.models, built.as_of, built.bench
    unknown = built.report.unknown_fields
    category_nodes: dict[str, published.CategoryNode] = {}
    roots: list[published.CategoryNode] = []
    for slug in discovery.categories:
        path = str(slug_path(CATEGORY_DIR, slug))
        ranking = rankings[path]
        parent = slug.rpartition("/")[0] or None
        node = published.CategoryNode(
            slug=slug,
            label=ranking.label,
            parent=parent,
            depth=slug.count("/"),
            file=path,
            model_count=ranking.total_rows - len(ranking.unmapped),
            ranked_by=ranking.ranked_by,
            children=[],
        )
        category_nodes[slug] = node
        if parent is None:
            roots.append(node)
        elif parent in category_nodes:
            category_nodes[parent].children.append(node)
        else:
            raise InvalidData(f"category {slug!r} is listed before (or without) its parent {parent!r}")
    files["categories.json"] = store.canonical_json(
        published.Categories(
            schema_version=published.SCHEMA_VERSION,
            discovered_from=discovery.discovered_from,  # type: ignore[arg-type]
            contract_parameter="GET /models → query parameter `category` (enum)",
            overall=OVERALL_FILE,
            categories=roots,
        )
    )
    dimensions = []
    for ordering in discovery.orderings:
        path = str(slug_path(DIMENSION_DIR, ordering.slug))
        if path not in rankings:
            continue
        ranking = rankings[path]
        prefix = f"Rankings dataset filtered by {ordering.parameter}={ordering.value}. "
        # idempotent: after a contract fallback, ordering.meaning is the previous snapshot's, prefix included
        meaning = ordering.meaning if ordering.parameter == "sort" else prefix + ordering.meaning.removeprefix(prefix)
        dimensions.append(
            published.Dimension(
                slug=ordering.slug,
                label=ranking.label,
                parameter=ordering.parameter,
                value=ordering.value,
                meaning=meaning[:2000],
                source=ranking.source,
                metric=ranking.metric,
                file=path,
                entry_count=len(ranking.entries),
            )
        )
    files["dimensions.json"] = store.canonical_json(
        published.Dimensions(
            schema_version=published.SCHEMA_VERSION,
            discovered_from=discovery.discovered_from,  # type: ignore[arg-type]
            dimensions=dimensions,
        )
    )

    # Gates compare with the previous snapshot before anything is written.
    refusals = gates.check(summarize(previous_files), gates.summarize(files), opts.thresholds)
    refusals += gates.as_of_regress(_sources_as_of(previous_files), sources_as_of, SOURCE_ENDPOINTS)
    if refusals and not opts.force:
        raise Refused(refusals)
    forced = [r.gate for r in refusals]

    unmapped = sum(len(r.unmapped) for r in rankings.values())
    missing = (
        []
        if keyed
        else [
            "tokens, shares and week-over-week change (GET /datasets/rankings-daily needs OPENROUTER_API_KEY); "
            "category rankings are ordered by overall weekly usage instead",
            "benchmarks (GET /benchmarks needs OPENROUTER_API_KEY)",
            "orderings by modality and context bucket (GET /datasets/rankings-daily needs OPENROUTER_API_KEY)",
            "token history, market share by author and trending (GET /datasets/rankings-daily?start_date=… needs "
            "OPENROUTER_API_KEY)",
            "top apps (GET /datasets/app-rankings needs OPENROUTER_API_KEY)",
        ]
    )
    as_of = max(sources_as_of.values())
    # No date in the note: the dates are in `sources_as_of` (volatile), and a note that embedded one would make
    # the server's clock alone rewrite every file.
    note = opts.source_note or (
        "Recorded OpenRouter responses replayed from a loopback server; not live data."
        if _is_loopback(opts.api_base)
        else f"OpenRouter API, live ({opts.api_base})"
    )
    demo = None
    if built.provenances - {"live"}:
        dates = sorted(built.recorded)
        demo = published.Demo(
            recorded_from=dates,
            constructed=sorted(built.constructed),
            note=(
                f"Demo data replayed from recordings dated {', '.join(dates) or 'unknown'}; not live. Files whose "
                "source says `constructed` hold constructed demo data, not OpenRouter's figures."
            ),
        )
    manifest = published.Manifest(
        schema_version=published.SCHEMA_VERSION,
        generator=f"orsnap {__version__}",
        as_of=as_of,
        sources_as_of=sources_as_of,
        source_note=note[:500],
        demo=demo,
        keyed=keyed,
        missing=missing,
        attribution=published.ATTRIBUTION_TEMPLATE.format(as_of=as_of) if keyed else None,
        licence=published.LICENCE_NOTE,
        discovered_from=discovery.discovered_from,  # type: ignore[arg-type]
        top_n=opts.top_n,
        forced=forced,
        unknown_fields=[published.UnknownField(path=p, count=n) for p, n in sorted(unknown.items())],
        unmapped_rows=unmapped,
        counts={
            "categories": len(discovery.categories),
            "dimensions": len(dimensions),
            "models": len(models),
            "rankings": len(rankings),
        },
        files=[],
    )
    files[selection.SELECTION_FILE] = store.canonical_json(
        selection.build(
            models,
            rankings,
            dimensions,
            bench,
            discovery.categories,
            sources_as_of,
        )
    )
    files = store.build_manifest_files(manifest, files)
    problems = sorted(built.problems, key=str) + store.validate_files(
        files, checked=frozenset(built.checked), fast=True
    )
    if problems:
        raise InvalidData(f"the new snapshot does not validate: {problems[0]}")

    changed_files = sorted(p for p in set(files) | set(previous_files) if files.get(p) != previous_files.get(p))
    unchanged = bool(previous_files) and store.content_digest(files) == store.content_digest(previous_files)
    if unchanged or not changed_files:
        changed_files = []
    elif opts.write:
        store.write_atomic(target, files)
    return Result(
        changed=bool(changed_files),
        changed_files=changed_files,
        calls=calls,
        notes=notes,
        counts=manifest.counts,
        unmapped=unmapped,
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
