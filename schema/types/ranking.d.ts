/* Generated from schema/ranking.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * A ranking file: one category, one ordering, or the overall leaderboard.
 */
export interface Ranking {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
   */
  as_of: string;
  /**
   * Required citation when the file carries keyed (CC BY 4.0) data.
   */
  attribution: string | null;
  entries: Entry[];
  kind: "overall" | "category" | "dimension";
  label: string;
  /**
   * What `value` measures; null when rank-only.
   */
  metric: ("tokens" | "tokens_per_second" | "latency_ms" | "uptime_pct" | "index_per_usd") | null;
  other: Other | null;
  period: "week" | null;
  period_end: string | null;
  period_start: string | null;
  previous_period_start: string | null;
  /**
   * How the order was made: `tokens` (weekly tokens from the rankings dataset), `top-weekly-overall` (the category's members ordered by overall weekly tokens: an approximation used without a key), or `sort:<value>` (OpenRouter's server-side sort).
   */
  ranked_by: string;
  schema_version: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
  /**
   * Ranked rows upstream before the top-N cut (excluding `other`).
   */
  total_rows: number;
  unmapped: Unmapped[];
}
/**
 * One ranked model.
 */
export interface Entry {
  author: string;
  change: Change | null;
  /**
   * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
   */
  model_id: string;
  name: string;
  /**
   * The dated slug the ranking row used.
   */
  permaslug: string | null;
  /**
   * Position in the upstream order (unmapped rows keep their positions).
   */
  rank: number;
  /**
   * Fraction of the period's total (including `other`); null when upstream sent no `other` row.
   */
  share: string | null;
  /**
   * The metric's value; null for rank-only sources.
   */
  value: string | null;
}
/**
 * Movement against the previous period (keyed rankings only).
 */
export interface Change {
  /**
   * True when the model was not ranked in the previous period.
   */
  is_new: boolean;
  /**
   * Rank in the previous period; null when not ranked then.
   */
  previous_rank: number | null;
  /**
   * previous_rank − rank: positive means the model moved up.
   */
  rank_delta: number | null;
  /**
   * Change of the metric in percent, 2 decimals.
   */
  value_change_pct: string | null;
}
/**
 * The aggregated `other` bucket: every model outside the upstream top 50.
 */
export interface Other {
  share: string | null;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  value: string;
}
/**
 * Where a file's data came from: the endpoint (relative to the API base) and its parameters.
 */
export interface Source {
  /**
   * HTTP method and path relative to the API base, e.g. `GET /models`.
   */
  endpoint: string;
  /**
   * True when the endpoint needs an OpenRouter API key.
   */
  keyed: boolean;
  /**
   * Query parameters sent.
   */
  params: {
    [k: string]: string;
  };
  /**
   * What the data is: `live` (the API answered this run), `recorded` (a real recorded response, replayed), `derived` (every figure real, only the envelope or date assignment is ours) or `constructed` (demo figures made by a stated rule: not OpenRouter's, carries no attribution).
   */
  provenance: "live" | "recorded" | "derived" | "constructed";
}
/**
 * A ranking row whose permaslug or id matched no catalog model. Listed, never dropped.
 */
export interface Unmapped {
  permaslug: string;
  rank: number;
  reason: string;
  value: string | null;
}
