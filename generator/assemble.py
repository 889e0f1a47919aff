"""The pure middle of ``orsnap update``: each response normalized and ranked into its published file as it
arrives (:class:`Built`), then the snapshot assembled from them: the category tree, the dimensions, the
selection and the manifest. No I/O here: :mod:`generator.update` fetches, gates and writes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath

from pydantic import BaseModel, ValidationError

from generator import __version__, apps, providers, published, rank, selection, store, trends
from generator.normalize import InvalidData, NormalizeReport, normalize_catalog, permaslug_index
from generator.slugs import label_for, slug_path
from generator.snapshot import Snapshot
from generator.sources import Fetched, openrouter
from generator.sources.contract import Discovery, Ordering

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
MISSING_KEYLESS = [
    "tokens, shares and week-over-week change (GET /datasets/rankings-daily needs OPENROUTER_API_KEY); "
    "category rankings are ordered by overall weekly usage instead",
    "benchmarks (GET /benchmarks needs OPENROUTER_API_KEY)",
    "orderings by modality, context bucket and language type (GET /datasets/rankings-daily needs OPENROUTER_API_KEY)",
    "token history, market share by author and trending (GET /datasets/rankings-daily?start_date=… needs "
    "OPENROUTER_API_KEY)",
    "top apps (GET /datasets/app-rankings needs OPENROUTER_API_KEY)",
]


@dataclass(frozen=True)
class Request:
    kind: str  # "models", "rankings", "apps" or "benchmarks"
    params: tuple[tuple[str, str], ...]

    @property
    def endpoint(self) -> str:
        path = {"models": "/models", "apps": "/datasets/app-rankings"}.get(self.kind, "/datasets/rankings-daily")
        return f"GET {path}"


BENCHMARKS = Request("benchmarks", ())


def stamp(moment: datetime | None, fallback: datetime) -> str:
    return (moment or fallback).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextlib.contextmanager
def _bounded(endpoint: str) -> Iterator[None]:
    """A published model refusing upstream data (a number beyond its bounds) is invalid data, exit 4."""
    try:
        yield
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidData(f"{endpoint}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


def _target(path: str, request: Request, source: published.Source, ordering: Ordering | None) -> rank.Target:
    """What a ranking file ranks: the overall leaderboard, a category, or a dimension (an ordering)."""
    if path == OVERALL_FILE:
        return rank.Target("overall", "overall", "Overall", source)
    if ordering is None:
        slug = dict(request.params)["category"]
        return rank.Target("category", slug, label_for(slug), source)
    return rank.Target("dimension", ordering.slug, label_for(ordering.slug), source)


class Built:
    """The snapshot as it is assembled, one response at a time; each file is schema-checked when it is made."""

    def __init__(self, top_n: int, now: datetime) -> None:
        self.top_n = top_n
        self.now = now
        self.files: dict[str, bytes] = {}
        self.docs: dict[str, BaseModel] = {}  # the published model of each file the gates read, as built
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
        self.missing: list[str] = []  # what this run could not publish (manifest.missing), besides the keyless list

    def _source(self, request: Request | None, fetched: Fetched, **given: object) -> published.Source:
        """The file's source, noting what the response is (live, or a replayed recording and its dates)."""
        self.provenances.add(fetched.provenance)
        self.recorded.update(fetched.recorded)
        endpoint = request.endpoint if request is not None else fetched.endpoint
        params = dict(request.params) if request is not None else {}
        fields = {"endpoint": endpoint, "params": params, "keyed": True, **given}
        return published.Source(**fields, provenance=fetched.provenance)  # type: ignore[arg-type]

    def _put(self, path: str, doc: BaseModel) -> None:
        source = getattr(doc, "source", None)
        if isinstance(source, published.Source) and source.provenance == "constructed":
            self.constructed.add(path)
        if store.series_schema(path) is None:  # the series (history, authors, trending) are not read again
            self.docs[path] = doc
        self.files[path], problems = store.encode_checked(path, doc)
        self.problems += problems
        self.checked.add(path)

    def add_catalog(self, fetched: Fetched) -> None:
        with _bounded(fetched.endpoint):
            self.models, self.report = normalize_catalog(fetched.data, fetched.endpoint)
            self.catalog = {m.id: m for m in self.models}
            self.index = permaslug_index(self.models)
            self.as_of["catalog"] = stamp(fetched.date, self.now)
            params = dict(openrouter.CATALOG_PARAMS)
            source = self._source(None, fetched, endpoint="GET /models", params=params, keyed=False)
            self._put(
                "models.json",
                published.Catalog(
                    schema_version=published.SCHEMA_VERSION,
                    as_of=self.as_of["catalog"],
                    source=source,
                    count=len(self.models),
                    models=self.models,
                ),
            )

    def add_ranking(self, path: str, request: Request, fetched: Fetched, ordering: Ordering | None) -> None:
        with _bounded(fetched.endpoint):
            keyed = request.kind == "rankings"
            target = _target(path, request, self._source(request, fetched, keyed=keyed), ordering)
            if keyed:
                ranking = rank.keyed_ranking(
                    target, fetched.data, catalog=self.catalog, index=self.index, top_n=self.top_n
                )
                self.as_of["rankings"] = max(self.as_of.get("rankings", ""), ranking.as_of)
            else:
                ranked_by = (
                    "top-weekly-overall" if target.kind == "category" else f"sort:{dict(request.params)['sort']}"
                )
                ranking = rank.keyless_ranking(
                    target,
                    fetched.data,
                    catalog=self.catalog,
                    top_n=self.top_n,
                    as_of=stamp(fetched.date, self.now),
                    ranked_by=ranked_by,
                )
            self.rankings[path] = ranking
            self._put(path, ranking)
            if keyed and target.kind in ("overall", "category"):
                self._add_series(target, fetched)

    def _add_series(self, target: rank.Target, fetched: Fetched) -> None:
        derived = trends.derive(target, fetched.data, index=self.index)
        for name, doc in (("history", derived.history), ("authors", derived.authors), ("trending", derived.trending)):
            overall_file, directory = SERIES_FILES[name]
            self._put(overall_file if target.kind == "overall" else str(slug_path(directory, target.slug)), doc)

    def add_apps(self, path: str, request: Request, fetched: Fetched, meaning: str) -> None:
        with _bounded(fetched.endpoint):
            params = dict(request.params)
            doc = apps.apps_file(
                self._source(request, fetched),
                fetched.data,
                sort=params["sort"],
                category=params.get("category"),
                meaning=meaning,
            )
            self.as_of["apps"] = max(self.as_of.get("apps", ""), doc.as_of)
            self._put(path, doc)

    def add_benchmarks(self, fetched: Fetched) -> None:
        with _bounded(fetched.endpoint):
            source = self._source(None, fetched, endpoint="GET /benchmarks")
            self.bench = rank.benchmarks(fetched.data, endpoint=fetched.endpoint, index=self.index, source=source)
            self.as_of["benchmarks"] = self.bench.as_of
            self._put("benchmarks.json", self.bench)

    def snapshot(self) -> Snapshot:
        """What was built, as a snapshot whose models are the ones built (nothing is parsed back)."""
        return Snapshot(self.files, self.docs)


# --- assembly (pure) ----------------------------------------------------------------------------------------


def category_tree(discovery: Discovery, rankings: dict[str, published.Ranking]) -> published.Categories:
    """``categories.json``: the contract's categories as a tree, each node with its ranking's figures."""
    nodes: dict[str, published.CategoryNode] = {}
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
        nodes[slug] = node
        if parent is None:
            roots.append(node)
        elif parent in nodes:
            nodes[parent].children.append(node)
        else:
            raise InvalidData(f"category {slug!r} is listed before (or without) its parent {parent!r}")
    return published.Categories(
        schema_version=published.SCHEMA_VERSION,
        discovered_from=discovery.discovered_from,  # type: ignore[arg-type]
        contract_parameter="GET /models → query parameter `category` (enum)",
        overall=OVERALL_FILE,
        categories=roots,
    )


def dimensions(discovery: Discovery, rankings: dict[str, published.Ranking]) -> published.Dimensions:
    """``dimensions.json``: every ordering that has a ranking file, with its meaning from the contract."""
    out = []
    for ordering in discovery.orderings:
        path = str(slug_path(DIMENSION_DIR, ordering.slug))
        if path not in rankings:
            continue
        ranking = rankings[path]
        # spaces around "=": no long unbreakable word in a phone's table cell (`language_type=programming`)
        prefix = f"Rankings dataset filtered by {ordering.parameter} = {ordering.value}. "
        earlier = f"Rankings dataset filtered by {ordering.parameter}={ordering.value}. "  # snapshots before
        # idempotent: after a contract fallback, ordering.meaning is the previous snapshot's, prefix included
        given = ordering.meaning.removeprefix(prefix).removeprefix(earlier)
        meaning = ordering.meaning if ordering.parameter == "sort" else prefix + given
        out.append(
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
    out += providers.dimensions(rankings)  # our derived orderings (generator/providers.py), after the contract's
    return published.Dimensions(
        schema_version=published.SCHEMA_VERSION,
        discovered_from=discovery.discovered_from,  # type: ignore[arg-type]
        dimensions=out,
    )


@dataclass(frozen=True)
class Tree:
    """The files assembled before the gates: sorted files and rankings, the category tree, the dimensions."""

    files: dict[str, bytes]
    docs: dict[str, BaseModel]
    rankings: dict[str, published.Ranking]
    dimensions: published.Dimensions

    def snapshot(self) -> Snapshot:
        return Snapshot(self.files, self.docs)


def tree(built: Built, discovery: Discovery) -> Tree:
    """Responses arrive in any order; everything downstream sees them in path order (deterministic output)."""
    files, rankings = dict(sorted(built.files.items())), dict(sorted(built.rankings.items()))
    docs: dict[str, BaseModel] = dict(built.docs)
    docs["categories.json"] = category_tree(discovery, rankings)
    docs["dimensions.json"] = found = dimensions(discovery, rankings)
    for path in ("categories.json", "dimensions.json"):
        files[path] = store.canonical_json(docs[path])
    return Tree(files, docs, rankings, found)


def _demo(built: Built) -> published.Demo | None:
    """What was replayed (dates, constructed files); None for a live snapshot."""
    if not built.provenances - {"live"}:
        return None
    dates = sorted(built.recorded)
    return published.Demo(
        recorded_from=dates,
        constructed=sorted(built.constructed),
        note=(
            f"Demo data replayed from recordings dated {', '.join(dates) or 'unknown'}; not live. Files whose "
            "source says `constructed` hold constructed demo data, not OpenRouter's figures."
        ),
    )


@dataclass(frozen=True)
class Run:
    """What the manifest says about the run itself."""

    keyed: bool
    top_n: int
    source_note: str
    forced: list[str]


def manifest(built: Built, assembled: Tree, discovery: Discovery, run: Run) -> published.Manifest:
    as_of = max(built.as_of.values())
    return published.Manifest(
        schema_version=published.SCHEMA_VERSION,
        generator=f"orsnap {__version__}",
        as_of=as_of,
        sources_as_of=built.as_of,
        source_note=run.source_note[:500],
        demo=_demo(built),
        keyed=run.keyed,
        missing=([] if run.keyed else MISSING_KEYLESS) + built.missing,
        attribution=published.ATTRIBUTION_TEMPLATE.format(as_of=as_of) if run.keyed else None,
        licence=published.LICENCE_NOTE,
        discovered_from=discovery.discovered_from,  # type: ignore[arg-type]
        top_n=run.top_n,
        forced=run.forced,
        unknown_fields=[
            published.UnknownField(path=p, count=n) for p, n in sorted(built.report.unknown_fields.items())
        ],
        unmapped_rows=sum(len(r.unmapped) for r in assembled.rankings.values()),
        counts={
            "categories": len(discovery.categories),
            "dimensions": len(assembled.dimensions.dimensions),
            "models": len(built.models),
            "rankings": len(assembled.rankings),
        },
        files=[],
    )


def finish(
    built: Built, assembled: Tree, discovery: Discovery, run: Run
) -> tuple[dict[str, bytes], published.Manifest]:
    """The whole snapshot: the assembled files, ``selection.json`` and the manifest (listing every file)."""
    files = dict(assembled.files)
    chosen = selection.build(
        built.models,
        assembled.rankings,
        assembled.dimensions.dimensions,
        built.bench,
        discovery.categories,
        built.as_of,
    )
    files[selection.SELECTION_FILE] = store.canonical_json(chosen)
    doc = manifest(built, assembled, discovery, run)
    files = store.build_manifest_files(doc, files)
    problems = sorted(built.problems, key=str) + store.validate_files(
        files, checked=frozenset(built.checked), fast=True
    )
    if problems:
        raise InvalidData(f"the new snapshot does not validate: {problems[0]}")
    return files, doc
