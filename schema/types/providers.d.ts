/* Generated from schema/providers.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `providers/<author>/<slug>.json`: the providers of one ranked model.
 */
export interface Providers {
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
   * By provider name, then tag.
   *
   * @maxItems 1000
   */
  endpoints: ProviderEndpoint[];
  /**
   * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
   */
  model_id: string;
  schema_version: string;
  source: Source;
}
/**
 * One provider serving a model, from ``GET /models/{author}/{slug}/endpoints``.
 */
export interface ProviderEndpoint {
  /**
   * USD per completion token, as upstream sent it (canonical).
   */
  completion: string;
  context_length: number;
  /**
   * Median latency over the last 30 min, milliseconds.
   */
  latency_p50_ms: string | null;
  /**
   * USD per prompt token, as upstream sent it (canonical).
   */
  prompt: string;
  /**
   * `provider_name` upstream.
   */
  provider: string;
  quantization: string | null;
  /**
   * The endpoint's tag (provider slug, with a variant suffix).
   */
  tag: string;
  /**
   * Median output tokens per second over the last 30 min; null when upstream sent none.
   */
  throughput_p50: string | null;
  /**
   * Percent of successful requests over a day; null if none.
   */
  uptime_last_1d: string | null;
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
