/* Generated from schema/model-file.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * ``api/v1/models/<author>/<slug>.json``: one model.
 */
export interface ModelFile {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * The snapshot's as_of.
   */
  as_of: string;
  attribution: string;
  /**
   * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
   */
  id: string;
  /**
   * The catalog record; null when the catalog lacks it.
   */
  model: Model | null;
  /**
   * The model's page, relative to the site root.
   */
  page: string;
  /**
   * Oldest first; one point per real change.
   */
  price_history: PricePoint[];
  rankings: Appearance[];
  schema_version: string;
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
 * The model's prices from this snapshot on (until the next point).
 */
export interface PricePoint {
  as_of: string;
  pricing: {
    /**
     * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
     */
    [k: string]: string;
  };
}
/**
 * A ranking the model appears in.
 */
export interface Appearance {
  /**
   * The ranking file, relative to api/v1/.
   */
  file: string;
  kind: "overall" | "category" | "ordering";
  label: string;
  rank: number;
  share: string | null;
  slug: string;
  /**
   * The ranking's metric (e.g. tokens), when it has one.
   */
  value: string | null;
}
