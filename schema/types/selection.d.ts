/* Generated from schema/selection.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `selection.json`: ranked, explained model choices per category for an orchestrator.
 */
export interface Selection {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * The snapshot's as_of (newest source).
   */
  as_of: string;
  attribution: string | null;
  /**
   * Only capabilities the data supports.
   */
  capabilities: CapabilityChoice[];
  /**
   * In the order of the contract (as categories.json).
   */
  categories: CategoryChoice[];
  /**
   * True when the snapshot used keyed sources (tokens, shares, benchmarks).
   */
  keyed: boolean;
  /**
   * The policy in words, with this file's numbers.
   */
  method: string[];
  overall: CategoryChoice;
  policy: Policy;
  schema_version: string;
  signals: Signals;
  sources_as_of: {
    /**
     * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
     */
    [k: string]: string;
  };
}
/**
 * The tiers of one capability (tool use, vision input, long context).
 */
export interface CapabilityChoice {
  candidates: number;
  label: string;
  /**
   * What a model must offer, in words.
   */
  requirement: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  /**
   * The ranking files the pool came from, in order.
   *
   * Items: A path relative to the snapshot directory, built only from validated slugs.
   */
  sources: string[];
  tiers: Tiers;
}
/**
 * Ordered picks per tier: the first is the primary, the rest are its fallbacks in order.
 */
export interface Tiers {
  balanced: Pick[];
  budget: Pick[];
  high_accuracy: Pick[];
}
/**
 * One model in a tier, with the evidence for it.
 */
export interface Pick {
  /**
   * The policy's benchmark score (`policy.quality_benchmark`), when known.
   */
  benchmark: number | null;
  context_length: number | null;
  /**
   * Set when upstream announced an end date (beyond the policy's window).
   */
  expiration_date: string | null;
  /**
   * Free (zero price, e.g. a `:free` variant): never the primary of a tier.
   */
  free: boolean;
  /**
   * What the ranking measures; null when rank-only.
   */
  metric: "tokens" | null;
  /**
   * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
   */
  model_id: string;
  name: string;
  /**
   * USD per million input (prompt) tokens.
   */
  price_input_per_m: string;
  /**
   * USD per million output (completion) tokens.
   */
  price_output_per_m: string;
  /**
   * Position in the quality ordering, when that is the quality signal.
   */
  quality_rank: number | null;
  /**
   * Rank in `rank_source` (the category's ranking, or the overall leaderboard when the pool was topped up).
   */
  rank: number | null;
  /**
   * The ranking file `rank` refers to.
   */
  rank_source: string;
  /**
   * One line: why this model is at this position.
   */
  reason: string;
  /**
   * The tier's weighted score (4 decimals).
   */
  score: number;
  /**
   * Share of the ranking's tokens; null when rank-only.
   */
  share: string | null;
  /**
   * `tools` is in the model's supported_parameters.
   */
  tools: boolean;
  /**
   * The model takes image input.
   */
  vision: boolean;
}
/**
 * The tiers of one category (or of the overall leaderboard).
 */
export interface CategoryChoice {
  /**
   * Eligible models in the pool (after any top-up).
   */
  candidates: number;
  label: string;
  metric: "tokens" | null;
  parent: string | null;
  /**
   * How that ranking is ordered (see ranking files).
   */
  ranked_by: string;
  /**
   * The ranking file the pool comes from.
   */
  ranking: string;
  /**
   * Ranked models the rules excluded, by rank.
   */
  skipped: SkippedModel[];
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  tiers: Tiers;
  /**
   * Pool members taken from the overall leaderboard.
   */
  topped_up: number;
}
/**
 * A ranked model the policy refused, and why.
 */
export interface SkippedModel {
  /**
   * Null when the ranking row matched no catalog model.
   */
  model_id: string | null;
  permaslug: string | null;
  rank: number;
  reason: string;
}
/**
 * Every weight and threshold of the selection policy (the values are in ``POLICY``), echoed in the file.
 */
export interface Policy {
  /**
   * Weight of the input (prompt) price in the blended price.
   */
  blend_input: number;
  /**
   * Weight of the output (completion) price in the blended price.
   */
  blend_output: number;
  capabilities: CapabilityRule[];
  /**
   * Never pick `~…-latest` aliases (they move to other models).
   */
  exclude_aliases: boolean;
  /**
   * Skip models whose expiration_date is within this many days of the snapshot's as_of.
   */
  expiry_days: number;
  /**
   * Top a pool up (from the overall leaderboard) below this many paid models.
   */
  min_pool: number;
  /**
   * Output modality a model must offer.
   */
  output_modality: string;
  /**
   * Field of `benchmarks.json` used for quality.
   */
  quality_benchmark: string;
  /**
   * Ordering used for quality when `benchmarks.json` is absent (keyless snapshots).
   */
  quality_ordering: OrderingRef | null;
  /**
   * Picks per tier: the primary and its fallbacks.
   */
  tier_size: number;
  tiers: TierPolicy;
  /**
   * Quality of a model without a score.
   */
  unknown_quality: number;
}
/**
 * A per-capability list: which models qualify, and which ordering (if present) ranks them first.
 */
export interface CapabilityRule {
  /**
   * Required input modality.
   */
  input_modality: string | null;
  label: string;
  /**
   * Required context length in tokens.
   */
  min_context: number;
  /**
   * Requires `tools` in `supported_parameters`.
   */
  needs_tools: boolean;
  /**
   * Ordering whose entries lead the pool, when present.
   */
  ordering: OrderingRef | null;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
}
/**
 * An ordering of ``dimensions.json``, found by the contract parameter and value it came from.
 */
export interface OrderingRef {
  parameter: string;
  value: string;
}
/**
 * The tiers and their weights.
 */
export interface TierPolicy {
  balanced: TierWeights;
  budget: TierWeights;
  high_accuracy: TierWeights;
}
/**
 * How much each signal counts in a tier (weights are normalized to sum to 1).
 */
export interface TierWeights {
  /**
   * Weight of cheapness (blended price per token, dense-ranked).
   */
  cost: number;
  /**
   * What the tier is for, in words.
   */
  meaning: string;
  /**
   * Weight of the quality signal (benchmark or quality ordering).
   */
  quality: number;
  /**
   * Weight of the usage signal (position in the category's ranking).
   */
  usage: number;
}
/**
 * Which signals this snapshot could offer the policy (keyless snapshots have fewer).
 */
export interface Signals {
  notes: string[];
  /**
   * Null when neither benchmarks nor the quality ordering are in the snapshot.
   */
  quality: string | null;
  usage: string;
}
