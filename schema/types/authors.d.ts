/* Generated from schema/authors.schema.json by schema/types/generate.py (json-schema-to-typescript). Do not edit: change the pydantic models, run `orsnap schema`, then this script. */

/**
 * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
 */
export type AsOf = string;
export type Attribution = string;
/**
 * The permaslug's part before `/`.
 */
export type Author = string;
/**
 * Rows of this author in the bucket.
 */
export type Models = number;
/**
 * Fraction of the bucket's total, 6 decimals.
 */
export type Share = string;
/**
 * A decimal number written as a canonical string (no exponent, no trailing zeros).
 */
export type Tokens = string;
/**
 * By tokens, descending (ties by author).
 */
export type Authors1 = AuthorShare[];
export type Complete = boolean;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type Date = string;
/**
 * Tokens outside the top 50, whose authors the dataset hides.
 */
export type Other = string | null;
/**
 * `other` as a fraction of the total; with the authors' shares it sums to 1 (to rounding).
 */
export type OtherShare = string | null;
/**
 * A decimal number written as a canonical string (no exponent, no trailing zeros).
 */
export type Total = string;
export type Buckets = AuthorBucket[];
export type Kind = "overall" | "category";
export type Label = string;
/**
 * How the shares are computed, in words.
 */
export type Method = string;
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
 * `rankings/authors.json` and `rankings/authors/category/<slug>.json`: market share by author per bucket.
 */
export interface Authors {
  as_of: AsOf;
  attribution: Attribution;
  buckets: Buckets;
  kind: Kind;
  label: Label;
  method: Method;
  period: Period;
  provenance: Provenance;
  schema_version: SchemaVersion;
  slug: Slug;
  source: Source;
}
export interface AuthorBucket {
  authors: Authors1;
  complete: Complete;
  date: Date;
  other: Other;
  other_share: OtherShare;
  total: Total;
}
/**
 * One author's tokens in one bucket.
 */
export interface AuthorShare {
  author: Author;
  models: Models;
  share: Share;
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
