/* Generated from schema/ranking.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
 */
export type AsOf = string;
/**
 * Required citation when the file carries keyed (CC BY 4.0) data.
 */
export type Attribution = string | null;
export type Author = string;
/**
 * True when the model was not ranked in the previous period.
 */
export type IsNew = boolean;
/**
 * Rank in the previous period; null when not ranked then.
 */
export type PreviousRank = number | null;
/**
 * previous_rank − rank: positive means the model moved up.
 */
export type RankDelta = number | null;
/**
 * Change of the metric in percent, 2 decimals.
 */
export type ValueChangePct = string | null;
/**
 * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
 */
export type ModelId = string;
export type Name = string;
/**
 * The dated slug the ranking row used.
 */
export type Permaslug = string | null;
/**
 * Position in the upstream order (unmapped rows keep their positions).
 */
export type Rank = number;
/**
 * Fraction of the period's total (including `other`); null when upstream sent no `other` row.
 */
export type Share = string | null;
/**
 * The metric's value; null for rank-only sources.
 */
export type Value = string | null;
export type Entries = Entry[];
export type Kind = "overall" | "category" | "dimension";
export type Label = string;
/**
 * What `value` measures; null when rank-only.
 */
export type Metric = "tokens" | null;
export type Share1 = string | null;
/**
 * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
 */
export type Value1 = string;
export type Period = "week" | null;
export type PeriodEnd = string | null;
export type PeriodStart = string | null;
export type PreviousPeriodStart = string | null;
/**
 * How the order was made: `tokens` (weekly tokens from the rankings dataset), `top-weekly-overall` (the category's members ordered by overall weekly tokens: an approximation used without a key), or `sort:<value>` (OpenRouter's server-side sort).
 */
export type RankedBy = string;
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
 * What the data is: `live` (the API answered this run), `recorded` (a real recorded response, replayed), `derived` (every figure real, only the envelope or date assignment is ours) or `constructed` (demo figures made by a stated rule: not OpenRouter's, carries no attribution).
 */
export type Provenance = "live" | "recorded" | "derived" | "constructed";
/**
 * Ranked rows upstream before the top-N cut (excluding `other`).
 */
export type TotalRows = number;
export type Permaslug1 = string;
export type Rank1 = number;
export type Reason = string;
export type Value2 = string | null;
export type Unmapped = Unmapped1[];

/**
 * A ranking file: one category, one ordering, or the overall leaderboard.
 */
export interface Ranking {
  as_of: AsOf;
  attribution: Attribution;
  entries: Entries;
  kind: Kind;
  label: Label;
  metric: Metric;
  other: Other | null;
  period: Period;
  period_end: PeriodEnd;
  period_start: PeriodStart;
  previous_period_start: PreviousPeriodStart;
  ranked_by: RankedBy;
  schema_version: SchemaVersion;
  slug: Slug;
  source: Source;
  total_rows: TotalRows;
  unmapped: Unmapped;
}
/**
 * One ranked model.
 */
export interface Entry {
  author: Author;
  change: Change | null;
  model_id: ModelId;
  name: Name;
  permaslug: Permaslug;
  rank: Rank;
  share: Share;
  value: Value;
}
/**
 * Movement against the previous period (keyed rankings only).
 */
export interface Change {
  is_new: IsNew;
  previous_rank: PreviousRank;
  rank_delta: RankDelta;
  value_change_pct: ValueChangePct;
}
/**
 * The aggregated `other` bucket: every model outside the upstream top 50.
 */
export interface Other {
  share: Share1;
  value: Value1;
}
/**
 * Where a file's data came from: the endpoint (relative to the API base) and its parameters.
 */
export interface Source {
  endpoint: Endpoint;
  keyed: Keyed;
  params: Params;
  provenance: Provenance;
}
/**
 * Query parameters sent.
 */
export interface Params {
  [k: string]: string;
}
/**
 * A ranking row whose permaslug or id matched no catalog model. Listed, never dropped.
 */
export interface Unmapped1 {
  permaslug: Permaslug1;
  rank: Rank1;
  reason: Reason;
  value: Value2;
}
