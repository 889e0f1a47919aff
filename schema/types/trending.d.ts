/* Generated from schema/trending.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `rankings/trending.json` and `rankings/trending/category/<slug>.json`.
 */
export interface Trending {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
   */
  as_of: string;
  /**
   * The citation OpenRouter's terms require; null when `source.provenance` is `constructed`.
   */
  attribution: string | null;
  /**
   * Largest absolute growth first; only models that grew.
   */
  entries: TrendingEntry[];
  kind: "overall" | "category";
  label: string;
  method: string;
  /**
   * Models in this bucket's top 50 but not the previous one's (growth unknown: listed apart).
   */
  new_in_top: HistoryRow[];
  period: "week";
  period_start: string | null;
  previous_period_start: string | null;
  schema_version: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
}
/**
 * A model whose tokens grew the most against the previous bucket.
 */
export interface TrendingEntry {
  author: string;
  /**
   * tokens − previous_tokens.
   */
  growth: string;
  /**
   * growth / previous_tokens × 100, 2 decimals.
   */
  growth_pct: string | null;
  model_id: string | null;
  permaslug: string;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  previous_tokens: string;
  rank: number;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  tokens: string;
}
/**
 * One model's tokens in one bucket, exactly as the rankings dataset returned them.
 */
export interface HistoryRow {
  /**
   * The catalog model the permaslug maps to; null when none does.
   */
  model_id: string | null;
  permaslug: string;
  /**
   * Position in the bucket by tokens (ties by permaslug).
   */
  rank: number;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  tokens: string;
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
