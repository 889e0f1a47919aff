"""Selection policy: a snapshot → ``selection.json``, the ordered, explained model choices an orchestrator loads.

For every category (in the contract's order), for the overall leaderboard and for a few capabilities (tool use,
vision input, long context), three tiers — ``high_accuracy``, ``balanced``, ``budget`` — each an ordered list of
model ids (primary first, then fallbacks). Every pick carries its evidence and a one-line reason.

How a tier is made (every number lives in ``POLICY``, the one configuration section, in
:mod:`generator.selection_models`, and is echoed in the file's ``policy`` block; ``method`` restates it in words):

1. **Pool.** The category's ranked entries in rank order. A model is *skipped* (listed with the reason, never
   picked) when it is not in the catalog, is an alias (``~…-latest``), has no fixed price (``-1`` means variable),
   expires within ``expiry_days`` of the snapshot's ``as_of`` (not the wall clock), or does not output text.
   When fewer than ``min_pool`` paid models remain, the pool is topped up from the overall leaderboard.
2. **Signals**, each in [0, 1]: *usage* = 1 − position/pool size (the category's own order); *quality* =
   the benchmark score divided by the best score in ``benchmarks.json`` when the snapshot has one, else the
   position in the quality ordering (looked up by parameter and value in ``dimensions.json``), else absent
   (its weight then moves to usage); a model without a score gets ``unknown_quality``; a ``:variant`` without
   its own score uses its base model's; *cost* = 1 − dense rank of the blended price (``blend_input`` :
   ``blend_output`` per token) / (distinct prices − 1).
3. **Score** = the tier's weighted sum, rounded to 4 places; ties go to the better usage position, then to
   the smaller model id. A free model (``is_free``, e.g. a ``:free`` variant) is marked and comes after every
   paid pick, so it is never a tier's primary. Each tier keeps ``tier_size`` picks.
4. **Capabilities** pool the qualifying models of the capability's ordering (when present) and of the overall
   leaderboard, topped up from the categories while fewer than ``min_pool`` paid models qualify.

Pure functions only: :func:`build` takes the published objects :mod:`generator.update` has just built;
:func:`from_files` takes a snapshot's files. No wall-clock time is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from generator import published
from generator.normalize import canonical_decimal
from generator.selection_models import (
    POLICY,
    TIER_NAMES,
    CapabilityChoice,
    CapabilityRule,
    CategoryChoice,
    OrderingRef,
    Pick,
    Policy,
    Selection,
    Signals,
    SkippedModel,
    Tiers,
    TierWeights,
)
from generator.snapshot import Snapshot

SELECTION_FILE = "selection.json"
OVERALL_FILE = "rankings/overall.json"
MILLION = Decimal(1_000_000)
MAX_REASON = 300


# --- the policy at work ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    model: published.Model
    rank: int | None
    rank_source: str
    metric: str | None
    share: str | None
    position: int  # place in the pool: the usage order


@dataclass(frozen=True)
class _Quality:
    scores: dict[str, float]
    benchmark: dict[str, float]
    ordering_rank: dict[str, int]
    description: str | None


def _lookup(table: Mapping[str, float] | Mapping[str, int], model: published.Model) -> float | int | None:
    value = table.get(model.id)
    if value is None and model.base_id:
        value = table.get(model.base_id)
    return value


def _price(model: published.Model, key: str) -> Decimal:
    return Decimal(model.pricing.get(key, "0"))


def _per_million(model: published.Model, key: str) -> str:
    return canonical_decimal(_price(model, key) * MILLION)


def refusal(model: published.Model, as_of_day: date, policy: Policy) -> str | None:
    """Why the rules never pick this model, or None when it may be picked."""
    if policy.exclude_aliases and model.is_alias:
        return "an alias (`~…`) that can move to another model"
    if _price(model, "prompt") < 0 or _price(model, "completion") < 0:
        return "no fixed price (variable pricing)"
    if model.expiration_date is not None:
        ends = date.fromisoformat(model.expiration_date)
        if ends <= as_of_day + timedelta(days=policy.expiry_days):
            # No as_of day in the text: where as_of is only the server's clock (keyless), a dated reason would
            # change with every run; the reason changes when the model's standing does.
            return f"expires {model.expiration_date}, within {policy.expiry_days} days of the snapshot's as_of"
    if policy.output_modality not in model.output_modalities:
        return f"does not output {policy.output_modality}"
    return None


def _find_ordering(
    ref: OrderingRef | None, dimensions: Sequence[published.Dimension], rankings: Mapping[str, published.Ranking]
) -> tuple[published.Dimension, published.Ranking] | None:
    if ref is None:
        return None
    for dimension in dimensions:
        if dimension.parameter == ref.parameter and dimension.value == ref.value:
            ranking = rankings.get(dimension.file)
            if ranking is not None and ranking.entries:
                return dimension, ranking
    return None


def _quality(
    policy: Policy,
    benchmarks: published.Benchmarks | None,
    dimensions: Sequence[published.Dimension],
    rankings: Mapping[str, published.Ranking],
) -> _Quality:
    bench: dict[str, float] = {}
    if benchmarks is not None:
        for entry in benchmarks.entries:
            value = getattr(entry, policy.quality_benchmark, None)
            if entry.model_id is not None and isinstance(value, int | float):
                bench[entry.model_id] = max(float(value), bench.get(entry.model_id, float("-inf")))
    best = max(bench.values(), default=0.0)
    if bench and best > 0:
        return _Quality(
            {k: max(0.0, v / best) for k, v in bench.items()},
            bench,
            {},
            f"benchmarks.json `{policy.quality_benchmark}` divided by the best score ({best:g})",
        )
    found = _find_ordering(policy.quality_ordering, dimensions, rankings)
    if found is not None:
        dimension, ranking = found
        n = len(ranking.entries)
        ranks = {e.model_id: i + 1 for i, e in reversed(list(enumerate(ranking.entries)))}
        return _Quality(
            {k: 1 - (r - 1) / n for k, r in ranks.items()},
            bench,
            ranks,
            f"position in the `{dimension.parameter}={dimension.value}` ordering ({dimension.file}, top {n}): "
            "1 − (position − 1) / entries",
        )
    return _Quality({}, bench, {}, None)


def _blend(model: published.Model, policy: Policy) -> Decimal:
    total = policy.blend_input + policy.blend_output or 1
    return (_price(model, "prompt") * policy.blend_input + _price(model, "completion") * policy.blend_output) / total


def _percent(share: str) -> str:
    return f"{(Decimal(share) * 100).quantize(Decimal('0.1'))}%"


def _reason(position: int, candidate: _Candidate, score: float, quality_words: str, where: str) -> str:
    model = candidate.model
    head = "primary" if position == 0 else f"fallback {position}"
    price = (
        "free"
        if model.is_free
        else (f"${_per_million(model, 'prompt')}/${_per_million(model, 'completion')} per M tokens in/out")
    )
    text = f"{head} (score {score:.4f}): {where}; {quality_words}; {price}"
    if model.is_free:
        text += "; free: after every paid pick"
    return text[:MAX_REASON]


class _Scorer:
    """Scores a pool for each tier and turns the order into picks."""

    def __init__(self, policy: Policy, quality: _Quality, labels: Mapping[str, str]) -> None:
        self.policy = policy
        self.quality = quality
        self.labels = labels  # ranking file → human label, for reasons

    def weights(self, tier: str) -> tuple[float, float, float]:
        w: TierWeights = getattr(self.policy.tiers, tier)
        quality, usage, cost = w.quality, w.usage, w.cost
        if self.quality.description is None:  # no quality signal at all: its weight moves to usage
            quality, usage = 0.0, usage + quality
        total = quality + usage + cost or 1.0
        return quality / total, usage / total, cost / total

    def tiers(self, pool: Sequence[_Candidate]) -> Tiers:
        n = len(pool)
        prices = sorted({_blend(c.model, self.policy) for c in pool})
        dense = {p: i for i, p in enumerate(prices)}
        signals = []
        for c in pool:
            usage = 1 - c.position / n
            cost = 1 - dense[_blend(c.model, self.policy)] / (len(prices) - 1) if len(prices) > 1 else 1.0
            q = _lookup(self.quality.scores, c.model)
            quality = self.policy.unknown_quality if q is None else float(q)
            signals.append((c, quality, usage, cost))
        out: dict[str, list[Pick]] = {}
        for tier in TIER_NAMES:
            wq, wu, wc = self.weights(tier)
            scored = sorted(
                ((round(wq * q + wu * u + wc * k, 4), c) for c, q, u, k in signals),
                key=lambda sc: (-sc[0], sc[1].position, sc[1].model.id),
            )
            paid = [sc for sc in scored if not sc[1].model.is_free]
            if not paid:  # a tier is a paid tier: no free primary, so no list (the loader falls back to overall)
                out[tier] = []
                continue
            ordered = [*paid, *(sc for sc in scored if sc[1].model.is_free)][: self.policy.tier_size]
            out[tier] = [self.pick(i, c, s) for i, (s, c) in enumerate(ordered)]
        return Tiers(**out)

    def pick(self, position: int, c: _Candidate, score: float) -> Pick:
        model = c.model
        bench = _lookup(self.quality.benchmark, model)
        qrank = _lookup(self.quality.ordering_rank, model)
        label = self.labels.get(c.rank_source, c.rank_source)
        where = f"#{c.rank} in {label}" if c.rank is not None else f"in {label}"
        if c.share is not None:
            where += f" ({_percent(c.share)} of tokens)"
        if bench is not None:
            quality_words = f"{self.policy.quality_benchmark} {bench:g}"
        elif qrank is not None:
            quality_words = f"#{qrank} in the quality ordering"
        else:
            quality_words = "no quality score"
        return Pick(
            model_id=model.id,
            name=model.name,
            rank=c.rank,
            rank_source=c.rank_source,
            metric=c.metric,  # type: ignore[arg-type]
            share=c.share,
            benchmark=None if bench is None else float(bench),
            quality_rank=None if qrank is None else int(qrank),
            score=score,
            price_input_per_m=_per_million(model, "prompt"),
            price_output_per_m=_per_million(model, "completion"),
            context_length=model.context_length,
            tools="tools" in model.supported_parameters,
            vision="image" in model.input_modalities,
            free=model.is_free,
            expiration_date=model.expiration_date,
            reason=_reason(position, c, score, quality_words, where),
        )


def _candidates(
    path: str,
    ranking: published.Ranking,
    catalog: Mapping[str, published.Model],
    as_of_day: date,
    policy: Policy,
    seen: set[str],
    start: int,
) -> tuple[list[_Candidate], list[SkippedModel]]:
    pool: list[_Candidate] = []
    skipped: list[SkippedModel] = []
    for entry in ranking.entries:
        model = catalog.get(entry.model_id)
        why = "not in the catalog" if model is None else refusal(model, as_of_day, policy)
        if why is not None:
            skipped.append(
                SkippedModel(rank=entry.rank, model_id=entry.model_id, permaslug=entry.permaslug, reason=why)
            )
            continue
        if entry.model_id in seen:
            continue
        seen.add(entry.model_id)
        pool.append(_Candidate(model, entry.rank, path, ranking.metric, entry.share, start + len(pool)))
    skipped += [
        SkippedModel(
            rank=row.rank,
            model_id=None,
            permaslug=row.permaslug,
            reason=f"not in the catalog ({row.reason})"[:MAX_REASON],
        )
        for row in ranking.unmapped
    ]
    skipped.sort(key=lambda s: (s.rank, s.model_id or "", s.permaslug or ""))
    return pool, skipped


def _category(
    slug: str,
    path: str,
    ranking: published.Ranking,
    overall: published.Ranking | None,
    catalog: Mapping[str, published.Model],
    as_of_day: date,
    policy: Policy,
    scorer: _Scorer,
) -> CategoryChoice:
    seen: set[str] = set()
    pool, skipped = _candidates(path, ranking, catalog, as_of_day, policy, seen, 0)
    topped = 0
    if overall is not None and path != OVERALL_FILE and sum(not c.model.is_free for c in pool) < policy.min_pool:
        extra, _ = _candidates(OVERALL_FILE, overall, catalog, as_of_day, policy, seen, len(pool))
        need = policy.min_pool - sum(not c.model.is_free for c in pool)
        for c in extra:
            if need <= 0:
                break
            pool.append(c)
            topped += 1
            need -= not c.model.is_free
    return CategoryChoice(
        slug=slug,
        label=ranking.label,
        parent=(slug.rpartition("/")[0] or None) if path != OVERALL_FILE else None,
        ranking=path,
        ranked_by=ranking.ranked_by,
        metric=ranking.metric,
        candidates=len(pool),
        topped_up=topped,
        tiers=scorer.tiers(pool),
        skipped=skipped,
    )


def _qualifies(model: published.Model, rule: CapabilityRule) -> bool:
    if rule.needs_tools and "tools" not in model.supported_parameters:
        return False
    if rule.input_modality is not None and rule.input_modality not in model.input_modalities:
        return False
    return (model.context_length or 0) >= rule.min_context


def _requirement(rule: CapabilityRule) -> str:
    parts = []
    if rule.needs_tools:
        parts.append("`tools` in supported_parameters")
    if rule.input_modality:
        parts.append(f"`{rule.input_modality}` in input_modalities")
    if rule.min_context:
        parts.append(f"context_length ≥ {rule.min_context:,}")
    return " and ".join(parts) or "none"


def _capability(
    rule: CapabilityRule,
    leading: Sequence[tuple[str, published.Ranking]],
    top_up: Sequence[tuple[str, published.Ranking]],
    catalog: Mapping[str, published.Model],
    as_of_day: date,
    policy: Policy,
    scorer: _Scorer,
) -> CapabilityChoice | None:
    """Pool: the qualifying models of ``leading`` (the capability's ordering, the overall leaderboard), topped up
    from ``top_up`` (the categories, in order) while fewer than ``min_pool`` paid models qualify."""
    seen: set[str] = set()
    pool: list[_Candidate] = []
    used: list[str] = []
    for i, (path, ranking) in enumerate([*leading, *top_up]):
        if i >= len(leading) and sum(not c.model.is_free for c in pool) >= policy.min_pool:
            break
        found, _ = _candidates(path, ranking, catalog, as_of_day, policy, seen, 0)
        found = [c for c in found if _qualifies(c.model, rule)]
        if found:
            used.append(path)
        for c in found:
            pool.append(_Candidate(c.model, c.rank, c.rank_source, c.metric, c.share, len(pool)))
    if not any(not c.model.is_free for c in pool):
        return None
    return CapabilityChoice(
        slug=rule.slug,
        label=rule.label,
        requirement=_requirement(rule),
        sources=used,
        candidates=len(pool),
        tiers=scorer.tiers(pool),
    )


def method(policy: Policy, quality: _Quality) -> list[str]:
    """The policy in words, with its numbers (published as `method`)."""
    t = policy.tiers
    weights = "; ".join(
        f"{name}: quality {w.quality:g}, usage {w.usage:g}, cost {w.cost:g} ({w.meaning})"
        for name, w in ((n, getattr(t, n)) for n in TIER_NAMES)
    )
    return [
        "Pool: the category's ranked models in rank order, topped up from the overall leaderboard while fewer than "
        f"{policy.min_pool} paid models remain.",
        "Never picked (listed under `skipped`): models missing from the catalog, "
        + ("aliases, " if policy.exclude_aliases else "")
        + f"models without a fixed price, models expiring within {policy.expiry_days} days of as_of, "
        f"models that do not output {policy.output_modality}.",
        "Usage = 1 − position / pool size. Cost = 1 − dense rank of the blended price "
        f"({policy.blend_input}:{policy.blend_output} input:output) / (distinct prices − 1). Quality = "
        + (quality.description or "not available in this snapshot (its weight moves to usage)")
        + f"; {policy.unknown_quality:g} when unknown; a variant without a score uses its base model's.",
        f"Score = weighted sum, rounded to 4 places — {weights}.",
        "Ties: better usage position, then smaller model id. Free models are marked and come after every paid "
        f"pick (never a primary). Each tier keeps {policy.tier_size} picks: the primary, then fallbacks in order.",
        "Capabilities: the qualifying models of the capability's ordering (when the snapshot has it) and of the "
        f"overall leaderboard, topped up from the categories while fewer than {policy.min_pool} paid models "
        "qualify; scored like a category.",
    ]


def _notes(quality: _Quality, usage_words: set[str], policy: Policy, capabilities: list[CapabilityChoice]) -> list[str]:
    """What the snapshot could not offer the policy, in words (published under ``signals``)."""
    notes = []
    if quality.description is None:
        notes.append("no quality signal (no benchmarks.json and no quality ordering): usage carries its weight")
    elif not quality.benchmark:
        notes.append("no benchmarks.json (keyless snapshot): quality comes from the quality ordering's positions")
    if "tokens" not in usage_words:
        notes.append("category rankings are rank-only (no tokens or shares): usage is the position only")
    missing = [r.label for r in policy.capabilities if r.slug not in {c.slug for c in capabilities}]
    if missing:
        notes.append(f"no eligible model for: {', '.join(missing)}")
    return notes


def build(
    models: Sequence[published.Model],
    rankings: Mapping[str, published.Ranking],
    dimensions: Sequence[published.Dimension],
    benchmarks: published.Benchmarks | None,
    categories: Iterable[str],
    sources_as_of: Mapping[str, str],
    policy: Policy = POLICY,
) -> Selection:
    """The selection for one snapshot: ``rankings`` maps snapshot paths to rankings, ``categories`` gives the
    contract's order, ``sources_as_of`` the snapshot's ``as_of`` per source (expiry is measured from the newest).
    """
    as_of = max(sources_as_of.values())
    as_of_day = date.fromisoformat(as_of[:10])
    catalog = {m.id: m for m in models}
    keyed = any(r.source.keyed for r in rankings.values()) or benchmarks is not None
    quality = _quality(policy, benchmarks, dimensions, rankings)
    labels = {path: ("the overall leaderboard" if r.kind == "overall" else r.label) for path, r in rankings.items()}
    scorer = _Scorer(policy, quality, labels)
    overall = rankings.get(OVERALL_FILE)
    if overall is None:
        raise ValueError(f"the snapshot has no {OVERALL_FILE}")
    by_slug = {r.slug: (p, r) for p, r in rankings.items() if r.kind == "category"}
    choices = []
    for slug in categories:
        if slug in by_slug:
            path, ranking = by_slug[slug]
            choices.append(_category(slug, path, ranking, overall, catalog, as_of_day, policy, scorer))
    capabilities = []
    for rule in policy.capabilities:
        found = _find_ordering(rule.ordering, dimensions, rankings)
        leading = [*([(found[0].file, found[1])] if found else []), (OVERALL_FILE, overall)]
        choice = _capability(
            rule, leading, [by_slug[s] for s in categories if s in by_slug], catalog, as_of_day, policy, scorer
        )
        if choice is not None:
            capabilities.append(choice)
    usage_words = {r.ranked_by for r in rankings.values() if r.kind == "category"}
    return Selection(
        schema_version=published.SCHEMA_VERSION,
        as_of=as_of,
        sources_as_of=dict(sorted(sources_as_of.items())),
        keyed=keyed,
        attribution=published.ATTRIBUTION_TEMPLATE.format(as_of=as_of) if keyed else None,
        policy=policy,
        method=method(policy, quality),
        signals=Signals(
            usage=f"position in each category's ranking (ranked_by: {', '.join(sorted(usage_words)) or 'none'})",
            quality=quality.description,
            notes=_notes(quality, usage_words, policy, capabilities),
        ),
        overall=_category("overall", OVERALL_FILE, overall, None, catalog, as_of_day, policy, scorer),
        categories=choices,
        capabilities=capabilities,
    )


def from_files(files: Snapshot | Mapping[str, bytes], policy: Policy = POLICY) -> Selection:
    """The selection for a snapshot read from disk (a :class:`Snapshot`, or its files: relative path → bytes)."""
    snap = files if isinstance(files, Snapshot) else Snapshot(files)
    catalog, dimensions, manifest = snap.catalog, snap.dimensions, snap.manifest
    if catalog is None or dimensions is None or manifest is None:
        raise KeyError("a snapshot needs models.json, dimensions.json and manifest.json for its selection")
    order = snap.category_slugs()
    return build(
        catalog.models, snap.rankings, dimensions.dimensions, snap.benchmarks, order, manifest.sources_as_of, policy
    )
