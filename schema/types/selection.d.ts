/* Generated from schema/selection.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * The snapshot's as_of (newest source).
 */
export type AsOf = string;
export type Attribution = string | null;
export type Candidates = number;
export type Label = string;
/**
 * What a model must offer, in words.
 */
export type Requirement = string;
/**
 * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
 */
export type Slug = string;
/**
 * The ranking files the pool came from, in order.
 *
 * Items: A path relative to the snapshot directory, built only from validated slugs.
 */
export type Sources = string[];
/**
 * The policy's benchmark score (`policy.quality_benchmark`), when known.
 */
export type Benchmark = number | null;
export type ContextLength = number | null;
/**
 * Set when upstream announced an end date (beyond the policy's window).
 */
export type ExpirationDate = string | null;
/**
 * Free (zero price, e.g. a `:free` variant): never the primary of a tier.
 */
export type Free = boolean;
/**
 * What the ranking measures; null when rank-only.
 */
export type Metric = "tokens" | null;
/**
 * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
 */
export type ModelId = string;
export type Name = string;
/**
 * USD per million input (prompt) tokens.
 */
export type PriceInputPerM = string;
/**
 * USD per million output (completion) tokens.
 */
export type PriceOutputPerM = string;
/**
 * Position in the quality ordering, when that is the quality signal.
 */
export type QualityRank = number | null;
/**
 * Rank in `rank_source` (the category's ranking, or the overall leaderboard when the pool was topped up).
 */
export type Rank = number | null;
/**
 * The ranking file `rank` refers to.
 */
export type RankSource = string;
/**
 * One line: why this model is at this position.
 */
export type Reason = string;
/**
 * The tier's weighted score (4 decimals).
 */
export type Score = number;
/**
 * Share of the ranking's tokens; null when rank-only.
 */
export type Share = string | null;
/**
 * `tools` is in the model's supported_parameters.
 */
export type Tools = boolean;
/**
 * The model takes image input.
 */
export type Vision = boolean;
export type Balanced = Pick[];
export type Budget = Pick[];
export type HighAccuracy = Pick[];
/**
 * Only capabilities the data supports.
 */
export type Capabilities = CapabilityChoice[];
/**
 * Eligible models in the pool (after any top-up).
 */
export type Candidates1 = number;
export type Label1 = string;
export type Metric1 = "tokens" | null;
export type Parent = string | null;
/**
 * How that ranking is ordered (see ranking files).
 */
export type RankedBy = string;
/**
 * The ranking file the pool comes from.
 */
export type Ranking = string;
/**
 * Null when the ranking row matched no catalog model.
 */
export type ModelId1 = string | null;
export type Permaslug = string | null;
export type Rank1 = number;
export type Reason1 = string;
/**
 * Ranked models the rules excluded, by rank.
 */
export type Skipped = SkippedModel[];
/**
 * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
 */
export type Slug1 = string;
/**
 * Pool members taken from the overall leaderboard.
 */
export type ToppedUp = number;
/**
 * In the order of the contract (as categories.json).
 */
export type Categories = CategoryChoice[];
/**
 * True when the snapshot used keyed sources (tokens, shares, benchmarks).
 */
export type Keyed = boolean;
/**
 * The policy in words, with this file's numbers.
 */
export type Method = string[];
/**
 * Weight of the input (prompt) price in the blended price.
 */
export type BlendInput = number;
/**
 * Weight of the output (completion) price in the blended price.
 */
export type BlendOutput = number;
/**
 * Required input modality.
 */
export type InputModality = string | null;
export type Label2 = string;
/**
 * Required context length in tokens.
 */
export type MinContext = number;
/**
 * Requires `tools` in `supported_parameters`.
 */
export type NeedsTools = boolean;
export type Parameter = string;
export type Value = string;
/**
 * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
 */
export type Slug2 = string;
export type Capabilities1 = CapabilityRule[];
/**
 * Never pick `~…-latest` aliases (they move to other models).
 */
export type ExcludeAliases = boolean;
/**
 * Skip models whose expiration_date is within this many days of the snapshot's as_of.
 */
export type ExpiryDays = number;
/**
 * Top a pool up (from the overall leaderboard) below this many paid models.
 */
export type MinPool = number;
/**
 * Output modality a model must offer.
 */
export type OutputModality = string;
/**
 * Field of `benchmarks.json` used for quality.
 */
export type QualityBenchmark = string;
/**
 * Picks per tier: the primary and its fallbacks.
 */
export type TierSize = number;
/**
 * Weight of cheapness (blended price per token, dense-ranked).
 */
export type Cost = number;
/**
 * What the tier is for, in words.
 */
export type Meaning = string;
/**
 * Weight of the quality signal (benchmark or quality ordering).
 */
export type Quality = number;
/**
 * Weight of the usage signal (position in the category's ranking).
 */
export type Usage = number;
/**
 * Quality of a model without a score.
 */
export type UnknownQuality = number;
export type SchemaVersion = string;
export type Notes = string[];
/**
 * Null when neither benchmarks nor the quality ordering are in the snapshot.
 */
export type Quality1 = string | null;
export type Usage1 = string;

/**
 * `selection.json`: ranked, explained model choices per category for an orchestrator.
 */
export interface Selection {
  as_of: AsOf;
  attribution: Attribution;
  capabilities: Capabilities;
  categories: Categories;
  keyed: Keyed;
  method: Method;
  overall: CategoryChoice;
  policy: Policy;
  schema_version: SchemaVersion;
  signals: Signals;
  sources_as_of: SourcesAsOf;
}
/**
 * The tiers of one capability (tool use, vision input, long context).
 */
export interface CapabilityChoice {
  candidates: Candidates;
  label: Label;
  requirement: Requirement;
  slug: Slug;
  sources: Sources;
  tiers: Tiers;
}
/**
 * Ordered picks per tier: the first is the primary, the rest are its fallbacks in order.
 */
export interface Tiers {
  balanced: Balanced;
  budget: Budget;
  high_accuracy: HighAccuracy;
}
/**
 * One model in a tier, with the evidence for it.
 */
export interface Pick {
  benchmark: Benchmark;
  context_length: ContextLength;
  expiration_date: ExpirationDate;
  free: Free;
  metric: Metric;
  model_id: ModelId;
  name: Name;
  price_input_per_m: PriceInputPerM;
  price_output_per_m: PriceOutputPerM;
  quality_rank: QualityRank;
  rank: Rank;
  rank_source: RankSource;
  reason: Reason;
  score: Score;
  share: Share;
  tools: Tools;
  vision: Vision;
}
/**
 * The tiers of one category (or of the overall leaderboard).
 */
export interface CategoryChoice {
  candidates: Candidates1;
  label: Label1;
  metric: Metric1;
  parent: Parent;
  ranked_by: RankedBy;
  ranking: Ranking;
  skipped: Skipped;
  slug: Slug1;
  tiers: Tiers;
  topped_up: ToppedUp;
}
/**
 * A ranked model the policy refused, and why.
 */
export interface SkippedModel {
  model_id: ModelId1;
  permaslug: Permaslug;
  rank: Rank1;
  reason: Reason1;
}
/**
 * Every weight and threshold of the selection policy (the values are in ``POLICY``), echoed in the file.
 */
export interface Policy {
  blend_input: BlendInput;
  blend_output: BlendOutput;
  capabilities: Capabilities1;
  exclude_aliases: ExcludeAliases;
  expiry_days: ExpiryDays;
  min_pool: MinPool;
  output_modality: OutputModality;
  quality_benchmark: QualityBenchmark;
  /**
   * Ordering used for quality when `benchmarks.json` is absent (keyless snapshots).
   */
  quality_ordering: OrderingRef | null;
  tier_size: TierSize;
  tiers: TierPolicy;
  unknown_quality: UnknownQuality;
}
/**
 * A per-capability list: which models qualify, and which ordering (if present) ranks them first.
 */
export interface CapabilityRule {
  input_modality: InputModality;
  label: Label2;
  min_context: MinContext;
  needs_tools: NeedsTools;
  /**
   * Ordering whose entries lead the pool, when present.
   */
  ordering: OrderingRef | null;
  slug: Slug2;
}
/**
 * An ordering of ``dimensions.json``, found by the contract parameter and value it came from.
 */
export interface OrderingRef {
  parameter: Parameter;
  value: Value;
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
  cost: Cost;
  meaning: Meaning;
  quality: Quality;
  usage: Usage;
}
/**
 * Which signals this snapshot could offer the policy (keyless snapshots have fewer).
 */
export interface Signals {
  notes: Notes;
  quality: Quality1;
  usage: Usage1;
}
export interface SourcesAsOf {
  /**
   * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
   */
  [k: string]: string;
}
