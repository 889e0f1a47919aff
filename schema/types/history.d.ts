/* Generated from schema/history.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `rankings/history/overall.json` and `rankings/history/category/<slug>.json`: tokens per bucket.
 */
export interface History {
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
   * Oldest first; only the buckets the response has.
   *
   * @maxItems 1000
   */
  buckets: HistoryBucket[];
  /**
   * The dataset's last day in this response (`meta.end_date`).
   */
  end_date: string;
  kind: "overall" | "category";
  label: string;
  period: "week";
  schema_version: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
  /**
   * The dataset's first day in this response (`meta.start_date`).
   */
  start_date: string;
}
/**
 * One period (week) of a history.
 */
export interface HistoryBucket {
  /**
   * False for a trailing bucket that ends after the dataset's `end_date`.
   */
  complete: boolean;
  /**
   * The bucket's first day (ISO week start for `period=week`).
   */
  date: string;
  /**
   * Tokens of every model outside the bucket's top 50.
   */
  other: string | null;
  /**
   * @maxItems 1000000
   */
  rows: HistoryRow[];
  /**
   * Sum of every row's tokens, `other` included.
   */
  total: string;
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
