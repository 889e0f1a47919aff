"""Gates: refuse to publish anomalies, comparing the new snapshot with the previous one.

Each gate returns a :class:`Refusal` naming itself, the numbers, the endpoint the data came from, and the flag
that overrides it. Pure functions over small summaries (:func:`summarize` reads them from snapshot files, so
the previous and the new snapshot are summarized by the same code), cheap to test with real data.

The gates, and the real upstream incidents they are for (see README, "When things go wrong"):

- ``all-rankings-empty``: every ranking, or every ranking from one endpoint, has no entries (on 2026-05-17 the
  rankings page stopped carrying data and a scraper published empty rankings for months).
- ``all-unmapped``: a ranking has rows but none of them matches a catalog model (permaslugs renamed, or a
  truncated catalog), so it would publish nothing while saying the source had data.
- ``empty-category``: a category that had entries now has none.
- ``mass-vanish``: more than ``max_vanish`` of the previous catalog's ids vanished at once.
- ``catalog-shrink``: the catalog shrank by more than ``max_shrink`` of its previous size.
- ``price-jump``: more than ``max_price_jumps`` prices changed by more than ``price_jump_factor``× at once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from generator import store

FORCE = "--force"
SHOWN = 3  # examples named in a refusal


@dataclass(frozen=True)
class RankingFacts:
    """One ranking file as gates see it."""

    kind: str
    slug: str
    endpoint: str  # the request it came from, e.g. "GET /datasets/rankings-daily?category=legal&period=week"
    entries: int
    unmapped: int


@dataclass(frozen=True)
class Summary:
    """What gates need to know about a snapshot."""

    model_ids: frozenset[str]
    ranking_entries: dict[str, int]  # ranking file path → number of entries
    category_entries: dict[str, int]  # category slug → number of entries
    prices: dict[str, dict[str, str]] = field(default_factory=dict)  # model id → pricing (decimal strings)
    rankings: dict[str, RankingFacts] = field(default_factory=dict)  # ranking file path → facts
    catalog_endpoint: str = "GET /models"


@dataclass(frozen=True)
class Refusal:
    gate: str
    message: str
    flag: str = FORCE  # the threshold flag that moves this gate; --force always overrides

    def __str__(self) -> str:
        override = f"raise {self.flag} or use {FORCE}" if self.flag != FORCE else f"use {FORCE}"
        return f"refused by gate {self.gate}: {self.message} ({override} to publish anyway)"


@dataclass(frozen=True)
class Thresholds:
    max_vanish: float = 0.25  # share of the previous catalog's ids that may vanish in one run
    max_shrink: float = 0.10  # share by which the catalog may shrink in one run
    max_price_jumps: int = 5  # prices that may change by more than price_jump_factor× in one run
    price_jump_factor: int = 10


def describe(source: dict[str, Any]) -> str:
    """``{"endpoint": "GET /models", "params": {...}}`` → ``GET /models?output_modalities=all``."""
    params = source.get("params") or {}
    return str(source.get("endpoint", "?")) + (f"?{urlencode(params, safe='/')}" if params else "")


def summarize(files: dict[str, bytes]) -> Summary:
    """Summarize a snapshot (relative path → bytes, as :func:`generator.store.read_files` returns it)."""
    prices: dict[str, dict[str, str]] = {}
    catalog_endpoint = "GET /models"
    if "models.json" in files:
        catalog = json.loads(files["models.json"])
        prices = {m["id"]: dict(m.get("pricing") or {}) for m in catalog["models"]}
        catalog_endpoint = describe(catalog.get("source") or {})
    rankings: dict[str, RankingFacts] = {}
    for path, data in sorted(files.items()):
        if store.is_ranking(path):
            doc = json.loads(data)
            rankings[path] = RankingFacts(
                kind=doc["kind"],
                slug=doc["slug"],
                endpoint=describe(doc.get("source") or {}),
                entries=len(doc["entries"]),
                unmapped=len(doc.get("unmapped") or []),
            )
    return Summary(
        model_ids=frozenset(prices),
        ranking_entries={p: r.entries for p, r in rankings.items()},
        category_entries={r.slug: r.entries for r in rankings.values() if r.kind == "category"},
        prices=prices,
        rankings=rankings,
        catalog_endpoint=catalog_endpoint,
    )


def _examples(items: list[str], total: int | None = None) -> str:
    total = len(items) if total is None else total
    shown = ", ".join(items[:SHOWN])
    return shown + (f" and {total - SHOWN} more" if total > SHOWN else "")


def _endpoint_path(endpoint: str) -> str:
    return endpoint.partition("?")[0]


def all_rankings_empty(new: Summary) -> list[Refusal]:
    """Every ranking empty; or else every ranking that one endpoint feeds (the 2026-05-17 shape)."""
    if not new.ranking_entries:
        return []
    if not any(new.ranking_entries.values()):
        endpoints = sorted({_endpoint_path(r.endpoint) for r in new.rankings.values()})
        origin = f" (from {', '.join(endpoints)})" if endpoints else ""
        return [Refusal("all-rankings-empty", f"all {len(new.ranking_entries)} rankings have no entries{origin}")]
    families: dict[str, list[RankingFacts]] = defaultdict(list)
    for facts in new.rankings.values():
        families[_endpoint_path(facts.endpoint)].append(facts)
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
    return [Refusal("all-unmapped", f"{what} rows but none matches a catalog model: {_examples(hit)}")]


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
    sources = sorted({_endpoint_path(endpoints[slug]) for slug, _ in hit if slug in endpoints})
    origin = f" (from {', '.join(sources)})" if sources else ""
    named = [f"{slug!r} ({before})" for slug, before in hit]
    return [
        Refusal("empty-category", f"{len(hit)} categories that had entries now have none: {_examples(named)}{origin}")
    ]


def mass_vanish(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    if not previous.model_ids:
        return []
    vanished = sorted(previous.model_ids - new.model_ids)
    share = len(vanished) / len(previous.model_ids)
    if share <= thresholds.max_vanish:
        return []
    return [
        Refusal(
            "mass-vanish",
            f"{len(vanished)} of {len(previous.model_ids)} catalog models vanished ({share:.0%}, threshold "
            f"{thresholds.max_vanish:.0%}) from {new.catalog_endpoint}, e.g. {_examples(vanished)}",
            "--max-vanish",
        )
    ]


def catalog_shrink(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    before, after = len(previous.model_ids), len(new.model_ids)
    if not before or after >= before:
        return []
    share = (before - after) / before
    if share <= thresholds.max_shrink:
        return []
    return [
        Refusal(
            "catalog-shrink",
            f"the catalog shrank from {before} to {after} models (-{share:.1%}, threshold "
            f"{thresholds.max_shrink:.0%}) in {new.catalog_endpoint}",
            "--max-shrink",
        )
    ]


def _positive(raw: str | None) -> Decimal | None:
    """A price we can take a ratio of: positive and finite (0 and -1, the variable price, are not)."""
    if raw is None:
        return None
    try:
        value = Decimal(raw)
    except (InvalidOperation, TypeError):
        return None
    return value if value.is_finite() and value > 0 else None


def price_jumps(previous: Summary, new: Summary, factor: int) -> list[str]:
    """``model pricing.key old → new`` for every price that changed by more than ``factor``× either way."""
    jumps = []
    for model_id in sorted(previous.prices.keys() & new.prices.keys()):
        old_prices, new_prices = previous.prices[model_id], new.prices[model_id]
        for key in sorted(old_prices.keys() & new_prices.keys()):
            old, now = _positive(old_prices[key]), _positive(new_prices[key])
            if old is not None and now is not None and (now > old * factor or old > now * factor):
                jumps.append(f"{model_id} {key} {old_prices[key]} → {new_prices[key]}")
    return jumps


def price_jump(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    jumps = price_jumps(previous, new, thresholds.price_jump_factor)
    if len(jumps) <= thresholds.max_price_jumps:
        return []
    return [
        Refusal(
            "price-jump",
            f"{len(jumps)} prices changed by more than {thresholds.price_jump_factor}x at once (threshold "
            f"{thresholds.max_price_jumps}) in {new.catalog_endpoint}, e.g. {_examples(jumps)}",
            "--max-price-jumps",
        )
    ]


def check(previous: Summary | None, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    """Every gate's refusals (empty when the new snapshot may be published), the catalog's first: when the
    catalog is wrong, the ranking gates that fire too are its consequences."""
    refusals: list[Refusal] = []
    if previous is not None:
        refusals += catalog_shrink(previous, new, thresholds)
        refusals += mass_vanish(previous, new, thresholds)
        refusals += price_jump(previous, new, thresholds)
    refusals += all_rankings_empty(new) + all_unmapped(new)
    if previous is not None:
        unmapped_categories = {r.slug for r in new.rankings.values() if r.kind == "category" and r.unmapped}
        refusals += empty_category(previous, new, skip=unmapped_categories)
    return refusals
