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
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from generator import published
from generator.snapshot import Snapshot

FORCE = "--force"
SHOWN = 3  # examples named in a refusal
TOP_N = 10  # the top rows (upstream rank ≤ TOP_N) that scale-shift and price-jump look at
MIN_SCALE_ROWS = 3  # scale-shift judges a ranking only on at least this many rows present in both snapshots
PRICE_KEYS = ("prompt", "completion")  # what users pay per token: the prices price-jump guards


@dataclass(frozen=True)
class RankingFacts:
    """One ranking file as gates see it."""

    kind: str
    slug: str
    endpoint: str  # the request it came from, e.g. "GET /datasets/rankings-daily?category=legal&period=week"
    entries: int
    unmapped: int
    values: tuple[tuple[str, int, str], ...] = ()  # (model id, rank, metric value) of each entry with a value


@dataclass(frozen=True)
class Summary:
    """What gates need to know about a snapshot."""

    model_ids: frozenset[str]
    ranking_entries: dict[str, int]  # ranking file path → number of entries
    category_entries: dict[str, int]  # category slug → number of entries
    prices: dict[str, dict[str, str]] = field(default_factory=dict)  # model id → pricing (decimal strings)
    rankings: dict[str, RankingFacts] = field(default_factory=dict)  # ranking file path → facts
    catalog_endpoint: str = "GET /models"

    @property
    def top_ranked(self) -> frozenset[str]:
        """Model ids in the top :data:`TOP_N` of any ranking."""
        return frozenset(m for r in self.rankings.values() for m, rank, _ in r.values if rank <= TOP_N)


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
    max_price_jumps: int = 5  # prompt/completion prices that may change by more than price_jump_factor× at once
    price_jump_factor: int = 100  # real captures moved prompt/completion prices by at most 24× (README, Gates)
    max_scale_shift: float = 10.0  # median week-over-week token ratio of a ranking's top rows, either way
    max_contract_shrink: float = 0.25  # share of the previous categories (or orderings) that may vanish in one run
    max_growth: float = 1.0  # the catalog, categories or orderings may grow by this share of their size in one run


@dataclass(frozen=True)
class Measure:
    """One figure a threshold gate judges: its value, the limit it may reach, and whether it went past.

    ``past`` is the gate's own rule (a share above its limit; for ``scale-shift`` a median beyond the limit either
    way, for ``sudden-growth`` also more than a handful). ``items`` are what was counted (vanished ids, jumped
    prices, vanished or added slugs), ``before``/``after`` the sizes compared (for ``scale-shift``, ``after`` is the
    rows the median is over and ``median`` the median itself)."""

    gate: str
    subject: str  # what was measured: "catalog", "top-ranked prices", "categories", a ranking file's path …
    value: Decimal | float
    limit: Decimal | float
    past: bool
    flag: str
    items: tuple[str, ...] = ()
    before: int = 0
    after: int = 0
    median: Decimal | None = None


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


def _catalog_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    before, after = len(previous.model_ids), len(new.model_ids)
    if not before:
        return []
    vanished = tuple(sorted(previous.model_ids - new.model_ids))
    vanish = len(vanished) / before
    shrink = (before - after) / before
    return [
        Measure("mass-vanish", "catalog", vanish, thresholds.max_vanish, vanish > thresholds.max_vanish,
                "--max-vanish", vanished, before, after),
        Measure("catalog-shrink", "catalog", shrink, thresholds.max_shrink, shrink > thresholds.max_shrink,
                "--max-shrink", (), before, after),
    ]  # fmt: skip


def _refuse_catalog(measure: Measure, new: Summary) -> Refusal:
    if measure.gate == "mass-vanish":
        return Refusal(
            "mass-vanish",
            f"{len(measure.items)} of {measure.before} catalog models vanished ({measure.value:.0%}, threshold "
            f"{measure.limit:.0%}) from {new.catalog_endpoint}, e.g. {_examples(list(measure.items))}",
            measure.flag,
        )
    return Refusal(
        "catalog-shrink",
        f"the catalog shrank from {measure.before} to {measure.after} models (-{measure.value:.1%}, threshold "
        f"{measure.limit:.0%}) in {new.catalog_endpoint}",
        measure.flag,
    )


def mass_vanish(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    return [_refuse_catalog(m, new) for m in _catalog_measures(previous, new, thresholds)[:1] if m.past]


def catalog_shrink(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    return [_refuse_catalog(m, new) for m in _catalog_measures(previous, new, thresholds)[1:] if m.past]


def _positive(raw: str | None) -> Decimal | None:
    """A price we can take a ratio of: positive and finite (0 and -1, the variable price, are not)."""
    if raw is None:
        return None
    try:
        value = Decimal(raw)
    except (InvalidOperation, TypeError):
        return None
    return value if value.is_finite() and value > 0 else None


def _ratio(old: Decimal, new: Decimal) -> Decimal:
    """How many times larger or smaller: always ≥ 1."""
    return max(old, new) / min(old, new)


def price_ratios(previous: Summary, new: Summary) -> list[tuple[Decimal, str]]:
    """``(ratio ≥ 1, "model key old → new")`` for every prompt or completion price that changed between two
    positive values (0 = free and -1 = variable are not amounts), largest first."""
    out = []
    for model_id in sorted(previous.prices.keys() & new.prices.keys()):
        old_prices, new_prices = previous.prices[model_id], new.prices[model_id]
        for key in PRICE_KEYS:
            old, now = _positive(old_prices.get(key)), _positive(new_prices.get(key))
            if old is not None and now is not None and old != now:
                out.append((_ratio(old, now), f"{model_id} {key} {old_prices[key]} → {new_prices[key]}"))
    return sorted(out, key=lambda item: (-item[0], item[1]))


def price_jumps(previous: Summary, new: Summary, factor: int) -> list[str]:
    """``model key old → new`` for every prompt or completion price that changed by more than ``factor``× either
    way, sorted by model id."""
    return sorted(text for ratio, text in price_ratios(previous, new) if ratio > factor)


def _price_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """Jumps on top-ranked models (limit 0), then the jumps of the whole catalog (limit ``max_price_jumps``)."""
    factor = thresholds.price_jump_factor
    jumps = tuple(price_jumps(previous, new, factor))
    ranked = previous.top_ranked | new.top_ranked
    on_ranked = tuple(j for j in jumps if j.split(" ", 1)[0] in ranked)
    return [
        Measure("price-jump", "top-ranked prices", len(on_ranked), 0, bool(on_ranked), "--price-jump-factor",
                on_ranked),
        Measure("price-jump", "prices", len(jumps), thresholds.max_price_jumps,
                len(jumps) > thresholds.max_price_jumps, "--max-price-jumps", jumps),
    ]  # fmt: skip


def price_jump(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    factor = thresholds.price_jump_factor
    on_ranked, overall = _price_measures(previous, new, thresholds)
    if on_ranked.past:
        return [
            Refusal(
                "price-jump",
                f"{on_ranked.value} prompt/completion prices of top-{TOP_N} ranked models changed by more than "
                f"{factor}x in {new.catalog_endpoint}: {_examples(list(on_ranked.items))}",
                on_ranked.flag,
            )
        ]
    if not overall.past:
        return []
    return [
        Refusal(
            "price-jump",
            f"{overall.value} prompt/completion prices changed by more than {factor}x at once (threshold "
            f"{overall.limit}) in {new.catalog_endpoint}, e.g. {_examples(list(overall.items))}",
            overall.flag,
        )
    ]


def scale_ratios(previous: Summary, new: Summary) -> dict[str, tuple[Decimal, int]]:
    """Per ranking file present in both: the median of this snapshot's metric over the previous one's, over
    the new top :data:`TOP_N` rows that both list with a positive value, and how many rows that is (rankings
    with fewer than :data:`MIN_SCALE_ROWS` such rows are left out: too few to tell a scale from a launch)."""
    from statistics import median  # here: `statistics` costs `orsnap --help` 10 ms

    out: dict[str, tuple[Decimal, int]] = {}
    for path, facts in sorted(new.rankings.items()):
        before = previous.rankings.get(path)
        if before is None:
            continue
        old = {model_id: _positive(value) for model_id, _, value in before.values}
        ratios = []
        for model_id, rank, value in facts.values:
            was, now = old.get(model_id), _positive(value)
            if rank <= TOP_N and was is not None and now is not None:
                ratios.append(now / was)
        if len(ratios) >= MIN_SCALE_ROWS:
            out[path] = (Decimal(median(ratios)), len(ratios))
    return out


def _times(value: Decimal) -> str:
    return f"{float(value):.3g}x"


def _scale_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """Per ranking: how far its median token ratio is from 1, either way (≥ 1), against ``max_scale_shift``."""
    limit = Decimal(str(thresholds.max_scale_shift))
    return [
        Measure("scale-shift", path, max(median, 1 / median), limit, median > limit or median * limit < 1,
                "--max-scale-shift", (), 0, rows, median)
        for path, (median, rows) in scale_ratios(previous, new).items()
    ]  # fmt: skip


def scale_shift(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    hit = [m for m in _scale_measures(previous, new, thresholds) if m.past]
    if not hit:
        return []
    named = [
        f"{new.rankings[m.subject].kind} {new.rankings[m.subject].slug!r} {_times(m.median or Decimal(1))} over "
        f"{m.after} rows ({new.rankings[m.subject].endpoint})"
        for m in hit
    ]
    what = "ranking's" if len(hit) == 1 else f"{len(hit)} rankings'"
    return [
        Refusal(
            "scale-shift",
            f"{what} median token ratio to the previous snapshot over the top {TOP_N} is beyond "
            f"{thresholds.max_scale_shift:g}x either way: {_examples(named)}",
            "--max-scale-shift",
        )
    ]


CONTRACT = "the contract (openapi.json)"
GROWTH_SLACK = {"models": 20, "categories": 3, "orderings": 3}  # additions always believed, however small the list


def _slugs(summary: Summary, kind: str, endpoints: set[str] | None = None) -> set[str]:
    return {
        r.slug
        for r in summary.rankings.values()
        if r.kind == kind and (endpoints is None or _endpoint_path(r.endpoint) in endpoints)
    }


_CONTRACT_LISTS = (("category", "categories", "category"), ("dimension", "orderings", "sort"))


def _contract_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """Categories, or orderings, vanishing from the contract: the share of the previous list.

    Orderings are compared only for the endpoints the new run asked at all: a keyless run has no keyed
    orderings, and its manifest already says so (``missing``).
    """
    out = []
    asked = {_endpoint_path(r.endpoint) for r in new.rankings.values()}
    for kind, noun, _ in _CONTRACT_LISTS:
        before = _slugs(previous, kind, None if kind == "category" else asked)
        if not before:
            continue
        gone = tuple(sorted(before - _slugs(new, kind)))
        share = len(gone) / len(before)
        limit = thresholds.max_contract_shrink
        out.append(Measure("contract-shrink", noun, share, limit, share > limit, "--max-contract-shrink", gone,
                           len(before)))  # fmt: skip
    return out


def contract_shrink(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    """Categories, or orderings, vanishing from the contract beyond a share of the previous list."""
    parameters = {noun: parameter for _, noun, parameter in _CONTRACT_LISTS}
    return [
        Refusal(
            "contract-shrink",
            f"{len(m.items)} of {m.before} {m.subject} vanished ({m.value:.0%}, threshold "
            f"{m.limit:.0%}) from {CONTRACT} (`{parameters[m.subject]}` and the other enums), "
            f"e.g. {_examples(list(m.items))}",
            m.flag,
        )
        for m in _contract_measures(previous, new, thresholds)
        if m.past
    ]


def _growth_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """The catalog, the categories and the orderings: the share of their previous size added at once (more than a
    handful, :data:`GROWTH_SLACK`, is needed to go past)."""
    out = []
    lists = (
        ("models", set(previous.model_ids), set(new.model_ids)),
        ("categories", _slugs(previous, "category"), _slugs(new, "category")),
        ("orderings", _slugs(previous, "dimension"), _slugs(new, "dimension")),
    )
    for noun, before, after in lists:
        if not before:
            continue
        added = tuple(sorted(after - before))
        past = len(added) > max(thresholds.max_growth * len(before), GROWTH_SLACK[noun])
        out.append(Measure("sudden-growth", noun, len(added) / len(before), thresholds.max_growth, past,
                           "--max-growth", added, len(before), len(after)))  # fmt: skip
    return out


def sudden_growth(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    """The catalog, the categories or the orderings growing by more than ``max_growth`` of their size at once."""
    sources = {"models": new.catalog_endpoint, "categories": CONTRACT, "orderings": CONTRACT}
    return [
        Refusal(
            "sudden-growth",
            f"{len(m.items)} new {m.subject} at once, {m.before} before (+{m.value:.0%}, threshold "
            f"+{m.limit:.0%}) from {sources[m.subject]}, e.g. {_examples(list(m.items))}",
            m.flag,
        )
        for m in _growth_measures(previous, new, thresholds)
        if m.past
    ]


def measure(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """Every measure of the threshold gates, with its value and limit, past it or not: what :func:`check` refuses
    on (those ``past``) and what the change report lists as near misses (``generator.act_on.gate_margins``)."""
    return [
        *_catalog_measures(previous, new, thresholds),
        *_scale_measures(previous, new, thresholds),
        *_price_measures(previous, new, thresholds),
        *_contract_measures(previous, new, thresholds),
        *_growth_measures(previous, new, thresholds),
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
        refusals += catalog_shrink(previous, new, thresholds)
        refusals += mass_vanish(previous, new, thresholds)
        refusals += price_jump(previous, new, thresholds)
        refusals += contract_shrink(previous, new, thresholds) + sudden_growth(previous, new, thresholds)
    refusals += all_rankings_empty(new) + all_unmapped(new)
    if previous is not None:
        refusals += scale_shift(previous, new, thresholds)
        unmapped_categories = {r.slug for r in new.rankings.values() if r.kind == "category" and r.unmapped}
        refusals += empty_category(previous, new, skip=unmapped_categories)
    return refusals
