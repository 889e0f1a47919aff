/* Generated from schema/models.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * `models.json`: the normalized catalog, sorted by id.
 */
export interface Models {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
   */
  as_of: string;
  count: number;
  models: Model[];
  schema_version: string;
  source: Source;
}
/**
 * One model of OpenRouter's catalog, normalized.
 */
export interface Model {
  /**
   * The part of the id before `/` (without a leading `~`).
   */
  author: string;
  /**
   * For a variant, the id of the model it varies, when listed.
   */
  base_id: string | null;
  /**
   * The permaslug rankings use for this model.
   */
  canonical_slug: string;
  context_length: number | null;
  /**
   * Unix time the model was added to OpenRouter.
   */
  created: number;
  description: string;
  expiration_date: string | null;
  /**
   * A Hugging Face repository id, `owner/name` (validated: it may become a link).
   */
  hugging_face_id: string | null;
  /**
   * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
   */
  id: string;
  input_modalities: string[];
  /**
   * True for `~author/...-latest` alias ids.
   */
  is_alias: boolean;
  /**
   * True when prompt and completion prices are both 0.
   */
  is_free: boolean;
  knowledge_cutoff: string | null;
  max_completion_tokens: number | null;
  /**
   * Upstream `architecture.modality`, e.g. `text->text`.
   */
  modality: string | null;
  name: string;
  output_modalities: string[];
  /**
   * USD per token (or per request/image/search). `prompt` and `completion` are always present; any other key is listed only when non-zero, because upstream treats a missing key as 0.
   */
  pricing: {
    /**
     * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
     */
    completion: string;
    /**
     * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
     */
    prompt: string;
    /**
     * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
     */
    [k: string]: string;
  };
  /**
   * Sorted.
   */
  supported_parameters: string[];
  tokenizer: string | null;
  /**
   * The `:variant` suffix of the id (`free`, `thinking`…).
   */
  variant: string | null;
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
