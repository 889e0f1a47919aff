"""Gates: refuse to publish anomalies, comparing the new snapshot with the previous one.

Each gate returns a :class:`Refusal` naming itself, the numbers, the endpoint the data came from, and the flag
that overrides it. Pure functions over small summaries (:func:`summarize` reads them from snapshot files, so
the previous and the new snapshot are summarized by the same code), cheap to test with real data. The gates with a
numeric limit (vanish, shrink, price jumps, scale, contract, growth) measure in :mod:`generator.gate_limits`; the
structural ones (empty rankings, unmapped, empty category, as-of regress) are here, with :func:`check`, which runs
them all.

The gates, and the real upstream incidents they are for (see README, "When things go wrong"):

- ``all-rankings-empty``: every ranking, or every ranking from one endpoint, has no entries (on 2026-05-17 the
  rankings page stopped carrying data and a scraper published empty rankings for months).
- ``all-unmapped``: a ranking has rows but none of them matches a catalog model (permaslugs renamed, or a
  truncated catalog), so it would publish nothing while saying the source had data.
- ``empty-category``: a category that had entries now has none.
- ``mass-vanish``: more than ``max_vanish`` of the previous catalog's ids vanished at once.
- ``catalog-shrink``: the catalog shrank by more than ``max_shrink`` of its previous size.
- ``price-jump``: a prompt or completion price (what users pay per token) changed by more than
  ``price_jump_factor``× either way, on a model in the top :data:`TOP_N` of any ranking, or on more than
  ``max_price_jumps`` models at once. Image, cache, request and other keys are not looked at: real catalogs move
  them by 10–20,000× when upstream changes their unit (12 of them between January and May 2026).
- ``scale-shift``: in a ranking, the median ratio of this week's tokens to the previous snapshot's, over the top
  :data:`TOP_N` rows present in both, is beyond ``max_scale_shift``× either way (mixed units, a changed upstream
  definition). A median, so one model growing 1,000× after its launch is published.
- ``contract-shrink``: more than ``max_contract_shrink`` of the previous categories, or of the previous orderings,
  vanished from the contract at once (a contract listing 1 of 12 categories would delete 11 category files).
- ``as-of-regress``: a source is dated earlier than in the previous snapshot (``Date: 1970``).
- ``sudden-growth``: the catalog, the categories or the orderings grew by more than ``max_growth`` of their
  previous size (and by more than a handful) at once: 4,000 new models or 200 new categories are not news.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from urllib.parse import urlencode

from generator import gate_limits, published
from generator.gate_limits import Measure, RankingFacts, Refusal, Summary, Thresholds, endpoint_path, examples
from generator.snapshot import Snapshot


def describe(source: published.Source) -> str:
    """A file's source → ``GET /models?output_modalities=all``."""
    return source.endpoint + (f"?{urlencode(source.params, safe='/')}" if source.params else "")


def summarize(snap: Snapshot | Mapping[str, bytes]) -> Summary:
    """Summarize a snapshot: its published models (an update's, as built), or its files (path → bytes)."""
    snap = snap if isinstance(snap, Snapshot) else Snapshot(snap)
    prices: dict[str, dict[str, str]] = {}
    catalog_endpoint = "GET /models"
    catalog = snap.catalog
    if catalog is not None:
        prices = {m.id: dict(m.pricing) for m in catalog.models}
        catalog_endpoint = describe(catalog.source)
    rankings = {
        path: RankingFacts(
            kind=doc.kind,
            slug=doc.slug,
            endpoint=describe(doc.source),
            entries=len(doc.entries),
            unmapped=len(doc.unmapped),
            values=tuple((e.model_id, e.rank, e.value) for e in doc.entries if e.value is not None),
        )
        for path, doc in snap.rankings.items()
        if not doc.ranked_by.startswith("derived:")  # our orderings derive from gated data (generator/providers.py)
    }
    return Summary(
        model_ids=frozenset(prices),
        ranking_entries={p: r.entries for p, r in rankings.items()},
        category_entries={r.slug: r.entries for r in rankings.values() if r.kind == "category"},
        prices=prices,
        rankings=rankings,
        catalog_endpoint=catalog_endpoint,
    )


def all_rankings_empty(new: Summary) -> list[Refusal]:
    """Every ranking empty; or else every ranking that one endpoint feeds (the 2026-05-17 shape)."""
    if not new.ranking_entries:
        return []
    if not any(new.ranking_entries.values()):
        endpoints = sorted({endpoint_path(r.endpoint) for r in new.rankings.values()})
        origin = f" (from {', '.join(endpoints)})" if endpoints else ""
        return [Refusal("all-rankings-empty", f"all {len(new.ranking_entries)} rankings have no entries{origin}")]
    families: dict[str, list[RankingFacts]] = defaultdict(list)
    for facts in new.rankings.values():
        families[endpoint_path(facts.endpoint)].append(facts)
    return [
        Refusal("all-rankings-empty", f"all {len(members)} rankings from {endpoint} have no entries")
        for endpoint, members in sorted(families.items())
        if len(members) > 1 and not any(m.entries for m in members)
    ]


def all_unmapped(new: Summary) -> list[Refusal]:
    """Rankings that have rows, none of which matches a catalog model."""
    hit = [
        f"{r.kind} {r.slug!r} ({r.unmapped} rows, {r.endpoint})"
        for _, r in sorted(new.rankings.items())
        if r.entries == 0 and r.unmapped > 0
    ]
    if not hit:
        return []
    what = "ranking has" if len(hit) == 1 else f"{len(hit)} rankings have"
    return [Refusal("all-unmapped", f"{what} rows but none matches a catalog model: {examples(hit)}")]


def empty_category(previous: Summary, new: Summary, skip: set[str]) -> list[Refusal]:
    """Categories that had entries and now have none (one refusal, however many categories)."""
    endpoints = {r.slug: r.endpoint for r in new.rankings.values() if r.kind == "category"}
    hit = [
        (slug, before)
        for slug, before in sorted(previous.category_entries.items())
        if slug not in skip and before > 0 and new.category_entries.get(slug) == 0
    ]
    if not hit:
        return []
    if len(hit) == 1:
        slug, before = hit[0]
        where = f" ({endpoints[slug]})" if slug in endpoints else ""
        return [Refusal("empty-category", f"category {slug!r} had {before} entries and now has none{where}")]
    sources = sorted({endpoint_path(endpoints[slug]) for slug, _ in hit if slug in endpoints})
    origin = f" (from {', '.join(sources)})" if sources else ""
    named = [f"{slug!r} ({before})" for slug, before in hit]
    return [
        Refusal("empty-category", f"{len(hit)} categories that had entries now have none: {examples(named)}{origin}")
    ]


def measure(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """Every measure of the threshold gates, with its value and limit, past it or not: what :func:`check` refuses
    on (those ``past``) and what the change report lists as near misses (``generator.act_on.gate_margins``)."""
    return [
        *gate_limits.catalog_measures(previous, new, thresholds),
        *gate_limits.scale_measures(previous, new, thresholds),
        *gate_limits.price_measures(previous, new, thresholds),
        *gate_limits.contract_measures(previous, new, thresholds),
        *gate_limits.growth_measures(previous, new, thresholds),
    ]


def as_of_regress(previous: dict[str, str], new: dict[str, str], endpoints: dict[str, str]) -> list[Refusal]:
    """A source dated earlier than the same source in the previous snapshot (a server clock at 1970, a stale
    cache): the snapshot would go back in time. ``previous``/``new``: the manifests' ``sources_as_of``."""
    behind = [
        f"the {source} is dated {new[source]}, before the previous snapshot's {previous[source]} "
        f"({endpoints.get(source, source)})"
        for source in sorted(new.keys() & previous.keys())
        if new[source] < previous[source]
    ]
    return [Refusal("as-of-regress", "; ".join(behind))] if behind else []


def check(previous: Summary | None, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    """Every gate's refusals (empty when the new snapshot may be published), the catalog's first: when the
    catalog is wrong, the ranking gates that fire too are its consequences."""
    refusals: list[Refusal] = []
    if previous is not None:
        refusals += gate_limits.catalog_shrink(previous, new, thresholds)
        refusals += gate_limits.mass_vanish(previous, new, thresholds)
        refusals += gate_limits.price_jump(previous, new, thresholds)
        refusals += gate_limits.contract_shrink(previous, new, thresholds)
        refusals += gate_limits.sudden_growth(previous, new, thresholds)
    refusals += all_rankings_empty(new) + all_unmapped(new)
    if previous is not None:
        refusals += gate_limits.scale_shift(previous, new, thresholds)
        unmapped_categories = {r.slug for r in new.rankings.values() if r.kind == "category" and r.unmapped}
        refusals += empty_category(previous, new, skip=unmapped_categories)
    return refusals
