/* Generated from schema/dimensions.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `dimensions.json`: every ordering discovered in the contract.
 */
export interface Dimensions {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  dimensions: Dimension[];
  discovered_from: "contract" | "previous-snapshot";
  schema_version: string;
}
/**
 * An ordering (sort or dataset filter) and where it comes from.
 */
export interface Dimension {
  entry_count: number;
  /**
   * A path relative to the snapshot directory, built only from validated slugs.
   */
  file: string;
  label: string;
  /**
   * What the ordering means, from the contract's description.
   */
  meaning: string;
  metric: ("tokens" | "tokens_per_second" | "latency_ms" | "uptime_pct" | "index_per_usd") | null;
  /**
   * The contract parameter it came from (`sort`, `modality`…), or `derived` for our own orderings.
   */
  parameter: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
  /**
   * The parameter's value upstream.
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
