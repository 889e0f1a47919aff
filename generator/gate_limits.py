"""The threshold gates: each one a measure of the new snapshot against the previous one, and a limit.

A :class:`Measure` is one figure (a share of the catalog vanished, prices jumped, a ranking's median token ratio,
categories or orderings gone from or added to the contract) with the limit :class:`Thresholds` sets for it and
whether it went past; each gate's refusal words the measures past their limit. The same measures give the change
report its near misses (``generator.gates.measure``). What the gates are for is told in :mod:`generator.gates`;
what they judge is a :class:`Summary` of each snapshot (:func:`generator.gates.summarize`). Standard library only:
``orsnap --help`` reads the defaults of :class:`Thresholds` from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

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


def examples(items: list[str], total: int | None = None) -> str:
    total = len(items) if total is None else total
    shown = ", ".join(items[:SHOWN])
    return shown + (f" and {total - SHOWN} more" if total > SHOWN else "")


def endpoint_path(endpoint: str) -> str:
    return endpoint.partition("?")[0]


def catalog_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
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


def refuse_past(measures: Iterable[Measure], wording: Callable[[Measure], str]) -> list[Refusal]:
    """A refusal, worded by ``wording``, for each measure past its limit."""
    return [Refusal(m.gate, wording(m), m.flag) for m in measures if m.past]


def mass_vanish(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    return refuse_past(
        catalog_measures(previous, new, thresholds)[:1],
        lambda m: (
            f"{len(m.items)} of {m.before} catalog models vanished ({m.value:.0%}, threshold {m.limit:.0%}) "
            f"from {new.catalog_endpoint}, e.g. {examples(list(m.items))}"
        ),
    )


def catalog_shrink(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    return refuse_past(
        catalog_measures(previous, new, thresholds)[1:],
        lambda m: (
            f"the catalog shrank from {m.before} to {m.after} models (-{m.value:.1%}, threshold "
            f"{m.limit:.0%}) in {new.catalog_endpoint}"
        ),
    )


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


def price_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
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
    on_ranked, overall = price_measures(previous, new, thresholds)
    if on_ranked.past:
        return [
            Refusal(
                "price-jump",
                f"{on_ranked.value} prompt/completion prices of top-{TOP_N} ranked models changed by more than "
                f"{factor}x in {new.catalog_endpoint}: {examples(list(on_ranked.items))}",
                on_ranked.flag,
            )
        ]
    if not overall.past:
        return []
    return [
        Refusal(
            "price-jump",
            f"{overall.value} prompt/completion prices changed by more than {factor}x at once (threshold "
            f"{overall.limit}) in {new.catalog_endpoint}, e.g. {examples(list(overall.items))}",
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


def scale_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """Per ranking: how far its median token ratio is from 1, either way (≥ 1), against ``max_scale_shift``."""
    limit = Decimal(str(thresholds.max_scale_shift))
    return [
        Measure("scale-shift", path, max(median, 1 / median), limit, median > limit or median * limit < 1,
                "--max-scale-shift", (), 0, rows, median)
        for path, (median, rows) in scale_ratios(previous, new).items()
    ]  # fmt: skip


def scale_shift(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    hit = [m for m in scale_measures(previous, new, thresholds) if m.past]
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
            f"{thresholds.max_scale_shift:g}x either way: {examples(named)}",
            "--max-scale-shift",
        )
    ]


CONTRACT = "the contract (openapi.json)"
GROWTH_SLACK = {"models": 20, "categories": 3, "orderings": 3}  # additions always believed, however small the list


def _slugs(summary: Summary, kind: str, endpoints: set[str] | None = None) -> set[str]:
    return {
        r.slug
        for r in summary.rankings.values()
        if r.kind == kind and (endpoints is None or endpoint_path(r.endpoint) in endpoints)
    }


_CONTRACT_LISTS = (("category", "categories", "category"), ("dimension", "orderings", "sort"))


def contract_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
    """Categories, or orderings, vanishing from the contract: the share of the previous list.

    Orderings are compared only for the endpoints the new run asked at all: a keyless run has no keyed
    orderings, and its manifest already says so (``missing``).
    """
    out = []
    asked = {endpoint_path(r.endpoint) for r in new.rankings.values()}
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
    return refuse_past(
        contract_measures(previous, new, thresholds),
        lambda m: (
            f"{len(m.items)} of {m.before} {m.subject} vanished ({m.value:.0%}, threshold {m.limit:.0%}) "
            f"from {CONTRACT} (`{parameters[m.subject]}` and the other enums), e.g. {examples(list(m.items))}"
        ),
    )


def growth_measures(previous: Summary, new: Summary, thresholds: Thresholds) -> list[Measure]:
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
    return refuse_past(
        growth_measures(previous, new, thresholds),
        lambda m: (
            f"{len(m.items)} new {m.subject} at once, {m.before} before (+{m.value:.0%}, threshold "
            f"+{m.limit:.0%}) from {sources[m.subject]}, e.g. {examples(list(m.items))}"
        ),
    )
