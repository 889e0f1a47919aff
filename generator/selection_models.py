"""The selection policy's configuration and the models of ``selection.json`` (strict pydantic, like
:mod:`generator.published`; ``orsnap schema`` writes ``schema/selection.schema.json`` from :class:`Selection`).

``POLICY`` is the one place every weight and threshold of the policy lives; :mod:`generator.selection` applies it to
a snapshot. The file echoes it in its ``policy`` block.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator import published
from generator.published_types import Strict

# --- the policy: the one configuration section ---------------------------------------------------------------


class OrderingRef(Strict):
    """An ordering of ``dimensions.json``, found by the contract parameter and value it came from."""

    parameter: str = Field(max_length=50)
    value: str = Field(max_length=100)


class TierWeights(Strict):
    """How much each signal counts in a tier (weights are normalized to sum to 1)."""

    quality: float = Field(ge=0, description="Weight of the quality signal (benchmark or quality ordering).")
    usage: float = Field(ge=0, description="Weight of the usage signal (position in the category's ranking).")
    cost: float = Field(ge=0, description="Weight of cheapness (blended price per token, dense-ranked).")
    meaning: str = Field(max_length=300, description="What the tier is for, in words.")


class TierPolicy(Strict):
    """The tiers and their weights."""

    high_accuracy: TierWeights
    balanced: TierWeights
    budget: TierWeights


class CapabilityRule(Strict):
    """A per-capability list: which models qualify, and which ordering (if present) ranks them first."""

    slug: published.Slug
    label: published.ShortText
    needs_tools: bool = Field(description="Requires `tools` in `supported_parameters`.")
    input_modality: str | None = Field(max_length=50, description="Required input modality.")
    min_context: int = Field(ge=0, description="Required context length in tokens.")
    ordering: OrderingRef | None = Field(description="Ordering whose entries lead the pool, when present.")


class Policy(Strict):
    """Every weight and threshold of the selection policy (the values are in ``POLICY``), echoed in the file."""

    tier_size: int = Field(ge=1, le=20, description="Picks per tier: the primary and its fallbacks.")
    min_pool: int = Field(ge=0, description="Top a pool up (from the overall leaderboard) below this many paid models.")
    expiry_days: int = Field(
        ge=0, description="Skip models whose expiration_date is within this many days of the snapshot's as_of."
    )
    blend_input: int = Field(ge=0, description="Weight of the input (prompt) price in the blended price.")
    blend_output: int = Field(ge=0, description="Weight of the output (completion) price in the blended price.")
    quality_benchmark: str = Field(max_length=50, description="Field of `benchmarks.json` used for quality.")
    quality_ordering: OrderingRef | None = Field(
        description="Ordering used for quality when `benchmarks.json` is absent (keyless snapshots)."
    )
    unknown_quality: float = Field(ge=0, le=1, description="Quality of a model without a score.")
    exclude_aliases: bool = Field(description="Never pick `~…-latest` aliases (they move to other models).")
    output_modality: str = Field(max_length=50, description="Output modality a model must offer.")
    tiers: TierPolicy
    capabilities: list[CapabilityRule]


def _capability(
    slug: str,
    label: str,
    *,
    needs_tools: bool = False,
    input_modality: str | None = None,
    min_context: int = 0,
    modality: str | None = None,
) -> CapabilityRule:
    """A capability rule; ``modality``: the value of the contract's ``modality`` ordering whose entries lead."""
    ordering = OrderingRef(parameter="modality", value=modality) if modality else None
    return CapabilityRule(
        slug=slug,
        label=label,
        needs_tools=needs_tools,
        input_modality=input_modality,
        min_context=min_context,
        ordering=ordering,
    )


# The configuration: every weight and threshold, in one place. Changing a value changes selection.json (the
# `policy` block echoes it, `method` restates it in words); the README's "For orchestrator authors" explains it.
POLICY = Policy(
    tier_size=5,
    min_pool=5,
    expiry_days=30,
    blend_input=3,  # 3:1 input:output, the usual blend for chat traffic
    blend_output=1,
    quality_benchmark="intelligence_index",  # Artificial Analysis Intelligence Index
    quality_ordering=OrderingRef(parameter="sort", value="intelligence-high-to-low"),
    unknown_quality=0.0,
    exclude_aliases=True,
    output_modality="text",
    tiers=TierPolicy(
        high_accuracy=TierWeights(
            quality=0.6,
            usage=0.4,
            cost=0.0,
            meaning="the strongest models by quality among those the category uses most; price ignored",
        ),
        balanced=TierWeights(quality=0.4, usage=0.3, cost=0.3, meaning="quality, usage and price weighed together"),
        budget=TierWeights(
            quality=0.15, usage=0.25, cost=0.6, meaning="the cheapest models people still use for the category"
        ),
    ),
    capabilities=[
        _capability("tool-use", "Tool use", needs_tools=True, modality="tool_calling"),
        _capability("vision", "Vision input", input_modality="image", modality="image"),
        _capability("long-context", "Long context (≥ 1,000,000 tokens)", min_context=1_000_000),
    ],
)
TIER_NAMES: tuple[str, ...] = tuple(TierPolicy.model_fields)


# --- what is published: selection.json ---------------------------------------------------------------------


class Pick(Strict):
    """One model in a tier, with the evidence for it."""

    model_id: published.ModelId
    name: published.ShortText
    rank: int | None = Field(
        ge=1,
        description="Rank in `rank_source` (the category's ranking, or the overall "
        "leaderboard when the pool was topped up).",
    )
    rank_source: published.RelPath = Field(description="The ranking file `rank` refers to.")
    metric: Literal["tokens"] | None = Field(description="What the ranking measures; null when rank-only.")
    share: published.DecimalString | None = Field(description="Share of the ranking's tokens; null when rank-only.")
    benchmark: float | None = Field(
        description="The policy's benchmark score (`policy.quality_benchmark`), when known."
    )
    quality_rank: int | None = Field(description="Position in the quality ordering, when that is the quality signal.")
    score: float = Field(ge=0, le=1, description="The tier's weighted score (4 decimals).")
    price_input_per_m: published.DecimalString = Field(description="USD per million input (prompt) tokens.")
    price_output_per_m: published.DecimalString = Field(description="USD per million output (completion) tokens.")
    context_length: int | None = Field(ge=0)
    tools: bool = Field(description="`tools` is in the model's supported_parameters.")
    vision: bool = Field(description="The model takes image input.")
    free: bool = Field(description="Free (zero price, e.g. a `:free` variant): never the primary of a tier.")
    expiration_date: published.IsoDate | None = Field(
        description="Set when upstream announced an end date (beyond the policy's window)."
    )
    reason: published.ShortText = Field(description="One line: why this model is at this position.")


class Tiers(Strict):
    """Ordered picks per tier: the first is the primary, the rest are its fallbacks in order."""

    high_accuracy: list[Pick]
    balanced: list[Pick]
    budget: list[Pick]


class SkippedModel(Strict):
    """A ranked model the policy refused, and why."""

    rank: int = Field(ge=1)
    model_id: published.ModelId | None = Field(description="Null when the ranking row matched no catalog model.")
    permaslug: str | None = Field(max_length=200)
    reason: published.ShortText


class CategoryChoice(Strict):
    """The tiers of one category (or of the overall leaderboard)."""

    slug: published.Slug
    label: published.ShortText
    parent: published.Slug | None
    ranking: published.RelPath = Field(description="The ranking file the pool comes from.")
    ranked_by: str = Field(max_length=100, description="How that ranking is ordered (see ranking files).")
    metric: Literal["tokens"] | None
    candidates: int = Field(ge=0, description="Eligible models in the pool (after any top-up).")
    topped_up: int = Field(ge=0, description="Pool members taken from the overall leaderboard.")
    tiers: Tiers
    skipped: list[SkippedModel] = Field(description="Ranked models the rules excluded, by rank.")


class CapabilityChoice(Strict):
    """The tiers of one capability (tool use, vision input, long context)."""

    slug: published.Slug
    label: published.ShortText
    requirement: published.ShortText = Field(description="What a model must offer, in words.")
    sources: list[published.RelPath] = Field(description="The ranking files the pool came from, in order.")
    candidates: int = Field(ge=0)
    tiers: Tiers


class Signals(Strict):
    """Which signals this snapshot could offer the policy (keyless snapshots have fewer)."""

    usage: published.ShortText
    quality: published.ShortText | None = Field(
        description="Null when neither benchmarks nor the quality ordering are in the snapshot."
    )
    notes: list[published.ShortText]


class Selection(Strict):
    """`selection.json`: ranked, explained model choices per category for an orchestrator."""

    schema_version: str
    as_of: published.Timestamp = Field(description="The snapshot's as_of (newest source).")
    sources_as_of: dict[str, published.Timestamp]
    keyed: bool = Field(description="True when the snapshot used keyed sources (tokens, shares, benchmarks).")
    attribution: str | None
    policy: Policy
    method: list[str] = Field(description="The policy in words, with this file's numbers.")
    signals: Signals
    overall: CategoryChoice
    categories: list[CategoryChoice] = Field(description="In the order of the contract (as categories.json).")
    capabilities: list[CapabilityChoice] = Field(description="Only capabilities the data supports.")
