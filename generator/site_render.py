"""The site's pages: a snapshot (:class:`generator.site.Snapshot`) rendered to HTML by jinja2 (autoescape on).

Each ``render_*`` function is pure: it turns the parsed snapshot into one page's HTML string (same data, same
bytes); :func:`environment` is the one jinja environment of the pages, with the filters of
:mod:`generator.numbers` (every number), :mod:`generator.text` (upstream text cleaned and capped) and
:mod:`generator.site_paths` (every link). Nothing a page lists is written here or in a template: categories
come from ``categories.json``, orderings from ``dimensions.json``, rows from the ranking files, facts from
``models.json``. Upstream text is escaped by autoescape; no ``|safe`` is applied to it anywhere. Markup that
several pages share is one macro of ``web/templates/_macros.html`` (breadcrumbs, sections, tables, rankings).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from generator import charts, description, model_page, numbers, published, text
from generator.site_paths import (
    API_ROOT,
    SCHEMA_ROOT,
    SITE_DIR,
    SiteError,
    category_path,
    model_path,
    openrouter_url,
    ordering_path,
)
from generator.template_cache import bytecode_cache

if TYPE_CHECKING:
    from generator.site import Snapshot


def group_in_order(items: list[Any], attribute: str) -> list[tuple[Any, list[Any]]]:
    """Group ``items`` by ``attribute`` in order of first appearance (jinja's ``groupby`` sorts instead)."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(getattr(item, attribute), []).append(item)
    return list(groups.items())


def _by_name(*filters: Callable[..., Any]) -> dict[str, Callable[..., Any]]:
    """Functions registered as jinja filters under their own names."""
    return {f.__name__: f for f in filters}


@functools.cache
def environment(templates: Path = SITE_DIR / "templates") -> jinja2.Environment:
    if not templates.is_dir():
        raise SiteError(f"templates not found at {templates} (reinstall orsnap: they ship with the package)")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=bytecode_cache("site", __file__),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(numbers.FILTERS)
    env.filters.update(_by_name(text.clean, text.paragraphs, text.when, text.unix_date, text.code_spans))
    env.filters.update(_by_name(group_in_order, model_path, category_path, ordering_path, openrouter_url))
    env.filters.update(
        description_html=description.to_html,
        description_text=description.plain_text,
        description_more=description.is_longer_than,
    )
    caps = {name: value for name, value in vars(text).items() if name.endswith("_CAP")}
    env.globals.update(caps, API_ROOT=API_ROOT, SCHEMA_ROOT=SCHEMA_ROOT)
    return env


def _root(path: str) -> str:
    """The relative prefix from the page at ``path`` (a directory such as ``categories/a/b/``) to the site root."""
    return "../" * path.count("/")


def _render(template: str, snap: Snapshot, path: str, **context: Any) -> str:
    return environment().get_template(template).render(snap=snap, page_path=path, root=_root(path), **context)


SERIES_OVERALL = {
    "history": "rankings/history/overall.json",
    "authors": "rankings/authors.json",
    "trending": "rankings/trending.json",
}


def _series_path(kind: str, slug: str | None) -> str:
    """The snapshot path of a history/authors/trending file (None: the overall one), as `assemble.SERIES_FILES`."""
    if slug is None:
        return SERIES_OVERALL[kind]
    return f"rankings/{kind}/category/{slug}.json"


def _history_chart(snap: Snapshot, slug: str | None) -> Any:
    doc = snap.series.get(_series_path("history", slug))
    # a history with no week (an empty response) draws no chart
    return charts.history_chart(doc, {m.id: m.name for m in snap.catalog.models}) if doc and doc.buckets else None


def render_home(snap: Snapshot) -> str:
    """The overall leaderboard with its token-share chart, the category tree and the orderings."""
    return _render("home.html", snap, "", share_chart=_history_chart(snap, None))


def render_market_share(snap: Snapshot) -> str:
    """Market share by author: overall and per category (or what is missing without a key)."""
    sections = []
    for label, slug in [("Overall", None), *((n.label, n.slug) for n in snap.category_nodes)]:
        doc = snap.series.get(_series_path("authors", slug))
        if doc is not None:  # the categories' charts are on their own pages, which keeps this page light
            chart = charts.authors_chart(doc) if slug is None and doc.buckets else None
            sections.append((label, slug, doc, chart))
    return _render("market_share.html", snap, "market-share/", sections=sections)


def render_apps(snap: Snapshot) -> str:
    """Top apps: each sort, then each category group (or what is missing without a key)."""
    ordered = sorted(snap.apps.items(), key=lambda kv: (kv[1].category is not None, kv[0]))
    return _render("apps.html", snap, "apps/", lists=[(path, doc) for path, doc in ordered])


def render_trending(snap: Snapshot) -> str:
    """The models whose tokens grew the most against the previous week: overall and per category."""
    sections = []
    for label, slug in [("Overall", None), *((n.label, n.slug) for n in snap.category_nodes)]:
        doc = snap.series.get(_series_path("trending", slug))
        if doc is not None:
            sections.append((label, slug, doc))
    return _render("trending.html", snap, "trending/", sections=sections)


def render_categories(snap: Snapshot) -> str:
    return _render("categories.html", snap, "categories/")


def render_category(snap: Snapshot, node: published.CategoryNode) -> str:
    """One category's ranking, with its place in the tree."""
    by_slug = {n.slug: n for n in snap.category_nodes}
    ancestors = []
    parent = node.parent
    while parent is not None and parent in by_slug and len(ancestors) < 8:
        ancestors.insert(0, by_slug[parent])
        parent = by_slug[parent].parent
    return _render(
        "category.html",
        snap,
        category_path(node.slug),
        node=node,
        ancestors=ancestors,
        ranking=snap.rankings[node.file],
        share_chart=_history_chart(snap, node.slug),
        authors_chart=charts.authors_chart(doc)
        if (doc := snap.series.get(_series_path("authors", node.slug))) and doc.buckets
        else None,
    )


def render_orderings(snap: Snapshot) -> str:
    return _render("orderings.html", snap, "orderings/")


def render_ordering(snap: Snapshot, dimension: published.Dimension) -> str:
    """One ordering: what it means, where it comes from, and its ranking."""
    return _render(
        "ordering.html", snap, ordering_path(dimension.slug), dimension=dimension, ranking=snap.rankings[dimension.file]
    )


def render_models(snap: Snapshot) -> str:
    """The models index: every ranked model, with the search and filters of ``static/filter.js``."""
    listed = [snap.models[model_id] for model_id in snap.appearances if model_id in snap.models]
    return _render("models.html", snap, "models/", listed=listed)


def render_model(snap: Snapshot, model_id: str) -> str:
    """One model: its facts from the catalog, every ranking it appears in, and its benchmarks."""
    appearances = snap.appearances.get(model_id, [])
    first = appearances[0].entry if appearances else None
    benchmarks = [b for b in snap.benchmarks.entries if b.model_id == model_id] if snap.benchmarks else []
    return _render(
        "model.html",
        snap,
        model_path(model_id),
        model_id=model_id,
        model=snap.models.get(model_id),
        entry=first,
        appearances=appearances,
        benchmarks=benchmarks,
        benchmark_fields=_benchmark_fields(benchmarks),
        **model_page.extras(snap.files, snap.series, model_id, (snap.models.get(model_id) or first or _NoName).name),
    )


class _NoName:
    name = ""


def _benchmark_fields(entries: list[published.BenchmarkEntry]) -> list[str]:
    """The benchmark fields that hold a value for at least one of ``entries``, in the published model's order."""
    skip = {"model_id", "permaslug", "source", "display_name"}
    names = [n for n in published.BenchmarkEntry.model_fields if n not in skip]
    return [n for n in names if any(getattr(e, n) is not None for e in entries)]


def render_about(snap: Snapshot, api_index: dict[str, Any]) -> str:
    """Sources, ``as_of``, how ranks are computed, the licence, and the JSON API."""
    described = {
        "ranked_by": published.Ranking.model_fields["ranked_by"].description,
        "rank": published.Entry.model_fields["rank"].description,
        "share": published.Entry.model_fields["share"].description,
        "rank_delta": published.Change.model_fields["rank_delta"].description,
        "other": published.Other.__doc__,
        "unmapped": published.Unmapped.__doc__,
        "pricing": published.Model.model_fields["pricing"].description,
    }
    ranked_by = sorted({r.ranked_by for r in snap.rankings.values()})
    return _render("about.html", snap, "about/", api=api_index, described=described, ranked_by=ranked_by)


def render_api(snap: Snapshot, api_index: dict[str, Any]) -> str:
    """``/api/v1/``: the landing page of the JSON API, listing its files."""
    return _render("api.html", snap, API_ROOT, api=api_index)


def render_changes(snap: Snapshot) -> str:
    """Recent change reports from the snapshot history (``snap.history``)."""
    return _render("changes.html", snap, "changes/")


def render_not_found(snap: Snapshot, base_path: str = "/") -> str:
    """The 404 page. It is served at any depth, so its links start from ``base_path`` instead of being relative."""
    return environment().get_template("404.html").render(snap=snap, page_path="404.html", root=base_path)
