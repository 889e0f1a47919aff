/* Generated from schema/trending.schema.json by schema/types/generate.py (json-schema-to-typescript). Do not edit: change the pydantic models, run `orsnap schema`, then this script. */

/**
 * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
 */
export type AsOf = string;
export type Attribution = string;
export type Author = string;
/**
 * tokens − previous_tokens.
 */
export type Growth = string;
/**
 * growth / previous_tokens × 100, 2 decimals.
 */
export type GrowthPct = string | null;
export type ModelId = string | null;
export type Permaslug = string;
/**
 * A decimal number written as a canonical string (no exponent, no trailing zeros).
 */
export type PreviousTokens = string;
export type Rank = number;
/**
 * A decimal number written as a canonical string (no exponent, no trailing zeros).
 */
export type Tokens = string;
/**
 * Largest absolute growth first; only models that grew.
 */
export type Entries = TrendingEntry[];
export type Kind = "overall" | "category";
export type Label = string;
export type Method = string;
/**
 * The catalog model the permaslug maps to; null when none does.
 */
export type ModelId1 = string | null;
export type Permaslug1 = string;
/**
 * Position in the bucket by tokens (ties by permaslug).
 */
export type Rank1 = number;
/**
 * A decimal number written as a canonical string (no exponent, no trailing zeros).
 */
export type Tokens1 = string;
/**
 * Models in this bucket's top 50 but not the previous one's (growth unknown: listed apart).
 */
export type NewInTop = HistoryRow[];
export type Period = "week";
export type PeriodStart = string | null;
export type PreviousPeriodStart = string | null;
/**
 * Null for data from the live API. Set only for recorded fixtures replayed offline: `recorded` (a real response), `derived` (real figures, reshaped) or `constructed` (made-up figures; demo data only).
 */
export type Provenance = ("recorded" | "derived" | "constructed") | null;
export type SchemaVersion = string;
/**
 * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
 */
export type Slug = string;
/**
 * HTTP method and path relative to the API base, e.g. `GET /models`.
 */
export type Endpoint = string;
/**
 * True when the endpoint needs an OpenRouter API key.
 */
export type Keyed = boolean;

/**
 * `rankings/trending.json` and `rankings/trending/category/<slug>.json`.
 */
export interface Trending {
  as_of: AsOf;
  attribution: Attribution;
  entries: Entries;
  kind: Kind;
  label: Label;
  method: Method;
  new_in_top: NewInTop;
  period: Period;
  period_start: PeriodStart;
  previous_period_start: PreviousPeriodStart;
  provenance: Provenance;
  schema_version: SchemaVersion;
  slug: Slug;
  source: Source;
}
/**
 * A model whose tokens grew the most against the previous bucket.
 */
export interface TrendingEntry {
  author: Author;
  growth: Growth;
  growth_pct: GrowthPct;
  model_id: ModelId;
  permaslug: Permaslug;
  previous_tokens: PreviousTokens;
  rank: Rank;
  tokens: Tokens;
}
/**
 * One model's tokens in one bucket, exactly as the rankings dataset returned them.
 */
export interface HistoryRow {
  model_id: ModelId1;
  permaslug: Permaslug1;
  rank: Rank1;
  tokens: Tokens1;
}
/**
 * Where a file's data came from: the endpoint (relative to the API base) and its parameters.
 */
export interface Source {
  endpoint: Endpoint;
  keyed: Keyed;
  params: Params;
}
/**
 * Query parameters sent.
 */
export interface Params {
  [k: string]: string;
}
