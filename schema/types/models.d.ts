/* Generated from schema/models.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
 */
export type AsOf = string;
export type Count = number;
/**
 * The part of the id before `/` (without a leading `~`).
 */
export type Author = string;
/**
 * For a variant, the id of the model it varies, when listed.
 */
export type BaseId = string | null;
/**
 * The permaslug rankings use for this model.
 */
export type CanonicalSlug = string;
export type ContextLength = number | null;
/**
 * Unix time the model was added to OpenRouter.
 */
export type Created = number;
export type Description = string;
export type ExpirationDate = string | null;
/**
 * A Hugging Face repository id, `owner/name` (validated: it may become a link).
 */
export type HuggingFaceId = string | null;
/**
 * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
 */
export type Id = string;
export type InputModalities = string[];
/**
 * True for `~author/...-latest` alias ids.
 */
export type IsAlias = boolean;
/**
 * True when prompt and completion prices are both 0.
 */
export type IsFree = boolean;
export type KnowledgeCutoff = string | null;
export type MaxCompletionTokens = number | null;
/**
 * Upstream `architecture.modality`, e.g. `text->text`.
 */
export type Modality = string | null;
export type Name = string;
export type OutputModalities = string[];
/**
 * Sorted.
 */
export type SupportedParameters = string[];
export type Tokenizer = string | null;
/**
 * The `:variant` suffix of the id (`free`, `thinking`…).
 */
export type Variant = string | null;
export type Models1 = Model[];
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

/**
 * `models.json`: the normalized catalog, sorted by id.
 */
export interface Models {
  as_of: AsOf;
  count: Count;
  models: Models1;
  schema_version: SchemaVersion;
  source: Source;
}
/**
 * One model of OpenRouter's catalog, normalized.
 */
export interface Model {
  author: Author;
  base_id: BaseId;
  canonical_slug: CanonicalSlug;
  context_length: ContextLength;
  created: Created;
  description: Description;
  expiration_date: ExpirationDate;
  hugging_face_id: HuggingFaceId;
  id: Id;
  input_modalities: InputModalities;
  is_alias: IsAlias;
  is_free: IsFree;
  knowledge_cutoff: KnowledgeCutoff;
  max_completion_tokens: MaxCompletionTokens;
  modality: Modality;
  name: Name;
  output_modalities: OutputModalities;
  pricing: Pricing;
  supported_parameters: SupportedParameters;
  tokenizer: Tokenizer;
  variant: Variant;
}
/**
 * USD per token (or per request/image/search). `prompt` and `completion` are always present; any other key is listed only when non-zero, because upstream treats a missing key as 0.
 */
export interface Pricing {
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  [k: string]: string;
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
