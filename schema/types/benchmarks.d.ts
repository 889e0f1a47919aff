/* Generated from schema/benchmarks.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `benchmarks.json` (keyed runs only): Artificial Analysis indices, Design Arena ELO, OpenRouter evals.
 */
export interface Benchmarks {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
   */
  as_of: string;
  attribution: string;
  entries: BenchmarkEntry[];
  schema_version: string;
  source: Source;
  unmapped_count: number;
}
/**
 * One benchmark result joined to a catalog model.
 */
export interface BenchmarkEntry {
  accuracy?: number | null;
  agentic_index?: number | null;
  arena?: string | null;
  benchmark_type?: string | null;
  category?: string | null;
  coding_index?: number | null;
  display_name: string;
  elo?: number | null;
  intelligence_index?: number | null;
  /**
   * Null when the permaslug matched no catalog model.
   */
  model_id: string | null;
  permaslug: string;
  /**
   * `artificial-analysis`, `design-arena` or `openrouter`.
   */
  source: string;
  win_rate?: number | null;
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
