/* Generated from schema/authors.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `rankings/authors.json` and `rankings/authors/category/<slug>.json`: market share by author per bucket.
 */
export interface Authors {
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
   * @maxItems 1000
   */
  buckets: AuthorBucket[];
  kind: "overall" | "category";
  label: string;
  /**
   * How the shares are computed, in words.
   */
  method: string;
  period: "week";
  schema_version: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
}
export interface AuthorBucket {
  /**
   * By tokens, descending (ties by author).
   */
  authors: AuthorShare[];
  complete: boolean;
  /**
   * A calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * Tokens outside the top 50, whose authors the dataset hides.
   */
  other: string | null;
  /**
   * `other` as a fraction of the total; with the authors' shares it sums to 1 (to rounding).
   */
  other_share: string | null;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  total: string;
}
/**
 * One author's tokens in one bucket.
 */
export interface AuthorShare {
  /**
   * The permaslug's part before `/`.
   */
  author: string;
  /**
   * Rows of this author in the bucket.
   */
  models: number;
  /**
   * Fraction of the bucket's total, 6 decimals.
   */
  share: string;
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
