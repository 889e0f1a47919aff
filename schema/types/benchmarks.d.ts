/* Generated from schema/benchmarks.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
 */
export type AsOf = string;
export type Attribution = string;
export type Accuracy = number | null;
export type AgenticIndex = number | null;
export type Arena = string | null;
export type BenchmarkType = string | null;
export type Category = string | null;
export type CodingIndex = number | null;
export type DisplayName = string;
export type Elo = number | null;
export type IntelligenceIndex = number | null;
/**
 * Null when the permaslug matched no catalog model.
 */
export type ModelId = string | null;
export type Permaslug = string;
/**
 * `artificial-analysis`, `design-arena` or `openrouter`.
 */
export type Source = string;
export type WinRate = number | null;
export type Entries = BenchmarkEntry[];
export type SchemaVersion = string;
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
export type UnmappedCount = number;

/**
 * `benchmarks.json` (keyed runs only): Artificial Analysis indices, Design Arena ELO, OpenRouter evals.
 */
export interface Benchmarks {
  as_of: AsOf;
  attribution: Attribution;
  entries: Entries;
  schema_version: SchemaVersion;
  source: Source1;
  unmapped_count: UnmappedCount;
}
/**
 * One benchmark result joined to a catalog model.
 */
export interface BenchmarkEntry {
  accuracy?: Accuracy;
  agentic_index?: AgenticIndex;
  arena?: Arena;
  benchmark_type?: BenchmarkType;
  category?: Category;
  coding_index?: CodingIndex;
  display_name: DisplayName;
  elo?: Elo;
  intelligence_index?: IntelligenceIndex;
  model_id: ModelId;
  permaslug: Permaslug;
  source: Source;
  win_rate?: WinRate;
}
/**
 * Where a file's data came from: the endpoint (relative to the API base) and its parameters.
 */
export interface Source1 {
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
