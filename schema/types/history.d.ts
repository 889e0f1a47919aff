/* Generated from schema/history.schema.json by schema/types/generate.py (json-schema-to-typescript). Do not edit: change the pydantic models, run `orsnap schema`, then this script. */

/**
 * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
 */
export type AsOf = string;
export type Attribution = string;
/**
 * False for a trailing bucket that ends after the dataset's `end_date`.
 */
export type Complete = boolean;
/**
 * The bucket's first day (ISO week start for `period=week`).
 */
export type Date = string;
/**
 * Tokens of every model outside the bucket's top 50.
 */
export type Other = string | null;
/**
 * The catalog model the permaslug maps to; null when none does.
 */
export type ModelId = string | null;
export type Permaslug = string;
/**
 * Position in the bucket by tokens (ties by permaslug).
 */
export type Rank = number;
/**
 * A decimal number written as a canonical string (no exponent, no trailing zeros).
 */
export type Tokens = string;
export type Rows = HistoryRow[];
/**
 * Sum of every row's tokens, `other` included.
 */
export type Total = string;
/**
 * Oldest first; only the buckets the response has.
 */
export type Buckets = HistoryBucket[];
/**
 * The dataset's last day in this response (`meta.end_date`).
 */
export type EndDate = string;
export type Kind = "overall" | "category";
export type Label = string;
export type Period = "week";
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
 * The dataset's first day in this response (`meta.start_date`).
 */
export type StartDate = string;

/**
 * `rankings/history/overall.json` and `rankings/history/category/<slug>.json`: tokens per bucket.
 */
export interface History {
  as_of: AsOf;
  attribution: Attribution;
  buckets: Buckets;
  end_date: EndDate;
  kind: Kind;
  label: Label;
  period: Period;
  provenance: Provenance;
  schema_version: SchemaVersion;
  slug: Slug;
  source: Source;
  start_date: StartDate;
}
/**
 * One period (week) of a history.
 */
export interface HistoryBucket {
  complete: Complete;
  date: Date;
  other: Other;
  rows: Rows;
  total: Total;
}
/**
 * One model's tokens in one bucket, exactly as the rankings dataset returned them.
 */
export interface HistoryRow {
  model_id: ModelId;
  permaslug: Permaslug;
  rank: Rank;
  tokens: Tokens;
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
