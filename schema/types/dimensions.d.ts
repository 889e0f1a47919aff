/* Generated from schema/dimensions.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

export type EntryCount = number;
/**
 * A path relative to the snapshot directory, built only from validated slugs.
 */
export type File = string;
export type Label = string;
/**
 * What the ordering means, from the contract's description.
 */
export type Meaning = string;
export type Metric = "tokens" | null;
/**
 * The contract parameter it came from (`sort`, `modality`…).
 */
export type Parameter = string;
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
 * The parameter's value upstream.
 */
export type Value = string;
export type Dimensions1 = Dimension[];
export type DiscoveredFrom = "contract" | "previous-snapshot";
export type SchemaVersion = string;

/**
 * `dimensions.json`: every ordering discovered in the contract.
 */
export interface Dimensions {
  dimensions: Dimensions1;
  discovered_from: DiscoveredFrom;
  schema_version: SchemaVersion;
}
/**
 * An ordering (sort or dataset filter) and where it comes from.
 */
export interface Dimension {
  entry_count: EntryCount;
  file: File;
  label: Label;
  meaning: Meaning;
  metric: Metric;
  parameter: Parameter;
  slug: Slug;
  source: Source;
  value: Value;
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
