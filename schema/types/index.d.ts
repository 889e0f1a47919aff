/* Generated from schema/*.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * Every published file kind and the type of its content.
 */
export interface PublishedFiles {
  "api-index": ApiIndex;
  apps: Apps;
  authors: Authors;
  benchmarks: Benchmarks;
  categories: Categories;
  dimensions: Dimensions;
  history: History;
  "history-changes": HistoryChanges;
  "history-prices": HistoryPrices;
  "history-trends": HistoryTrends;
  manifest: Manifest;
  "model-file": ModelFile;
  models: Models;
  providers: Providers;
  ranking: Ranking;
  selection: Selection;
  trending: Trending;
}
/**
 * ``api/v1/index.json``: every file of the JSON API.
 */
export interface ApiIndex {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  as_of: string;
  attribution: string;
  /**
   * Files the build derives: per-model files and the history.
   */
  derived: FileRef[];
  /**
   * The snapshot's files, published unchanged.
   */
  files: FileRef[];
  licence: string;
  schema_version: string;
  schemas: string[];
  selection: string | null;
  sources_as_of: {
    [k: string]: string;
  };
  /**
   * TypeScript declarations of the schemas (index.d.ts declares them all).
   */
  types: string[];
  urls_are_relative_to: "the site root";
  /**
   * The last `orsnap verify` report (api/v1/validation.json), when the build was given one.
   */
  validation: string | null;
}
/**
 * One published file.
 */
export interface FileRef {
  bytes: number;
  /**
   * Path under api/v1/ (for snapshot files: the path in the snapshot).
   */
  path: string;
  /**
   * URL of its JSON Schema, relative to the site root.
   */
  schema: string | null;
  sha256: string;
  /**
   * URL relative to the site root.
   */
  url: string;
}
/**
 * `apps/<sort>.json` and `apps/category/<group>.json`: top apps in the dataset's window.
 */
export interface Apps {
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
   * The marketplace category group; null for all apps.
   */
  category: string | null;
  /**
   * A calendar date, YYYY-MM-DD.
   */
  end_date: string;
  /**
   * @maxItems 1000000
   */
  entries: AppEntry[];
  label: string;
  /**
   * What the sort means, from the contract's description.
   */
  meaning: string;
  schema_version: string;
  /**
   * The `sort` asked for: what `tokens` ranks (from the contract's enum).
   */
  sort: string;
  source: Source;
  /**
   * A calendar date, YYYY-MM-DD.
   */
  start_date: string;
}
/**
 * One app of OpenRouter's apps marketplace.
 */
export interface AppEntry {
  /**
   * OpenRouter's stable numeric id of the app.
   */
  app_id: number;
  /**
   * The app's public name (upstream text, capped at 300 characters).
   */
  name: string;
  /**
   * Position in the response (re-numbered after a category filter).
   */
  rank: number;
  requests: number;
  /**
   * Prompt + completion tokens in the window (`popular`), or excess growth (`trending`).
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
 * `categories.json`: the category tree, in the order OpenRouter's contract lists them.
 */
export interface Categories {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  categories: CategoryNode[];
  /**
   * Where in the contract the list came from.
   */
  contract_parameter: string;
  discovered_from: "contract" | "previous-snapshot";
  /**
   * The overall leaderboard's file.
   */
  overall: string;
  schema_version: string;
}
/**
 * A category and its children (nested categories such as `marketing/seo` sit under `marketing`).
 */
export interface CategoryNode {
  children: CategoryNode[];
  depth: number;
  /**
   * A path relative to the snapshot directory, built only from validated slugs.
   */
  file: string;
  label: string;
  /**
   * Models ranked in this category (mapped entries upstream).
   */
  model_count: number;
  parent: string | null;
  ranked_by: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
}
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
 * `rankings/history/overall.json` and `rankings/history/category/<slug>.json`: tokens per bucket.
 */
export interface History {
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
   * Oldest first; only the buckets the response has.
   *
   * @maxItems 1000
   */
  buckets: HistoryBucket[];
  /**
   * The dataset's last day in this response (`meta.end_date`).
   */
  end_date: string;
  kind: "overall" | "category";
  label: string;
  period: "week";
  schema_version: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
  /**
   * The dataset's first day in this response (`meta.start_date`).
   */
  start_date: string;
}
/**
 * One period (week) of a history.
 */
export interface HistoryBucket {
  /**
   * False for a trailing bucket that ends after the dataset's `end_date`.
   */
  complete: boolean;
  /**
   * The bucket's first day (ISO week start for `period=week`).
   */
  date: string;
  /**
   * Tokens of every model outside the bucket's top 50.
   */
  other: string | null;
  /**
   * @maxItems 1000000
   */
  rows: HistoryRow[];
  /**
   * Sum of every row's tokens, `other` included.
   */
  total: string;
}
/**
 * One model's tokens in one bucket, exactly as the rankings dataset returned them.
 */
export interface HistoryRow {
  /**
   * The catalog model the permaslug maps to; null when none does.
   */
  model_id: string | null;
  permaslug: string;
  /**
   * Position in the bucket by tokens (ties by permaslug).
   */
  rank: number;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  tokens: string;
}
/**
 * ``api/v1/history/changes.json``: the recent change reports that changed data, newest first.
 */
export interface HistoryChanges {
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
   * How much history the build saw.
   */
  described: string;
  reports: ChangeReport[];
  schema_version: string;
}
/**
 * One change report (``orsnap changelog --format json``), with the site's anchor and summary line.
 */
export interface ChangeReport {
  anchor: string;
  changed: boolean;
  from: {
    [k: string]: unknown;
  };
  summary: {
    [k: string]: number;
  };
  summary_line: string;
  to: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * ``api/v1/history/prices.json``: every model's price history.
 */
export interface HistoryPrices {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * The snapshot's as_of.
   */
  as_of: string;
  attribution: string;
  models: {
    [k: string]: PricePoint[];
  };
  schema_version: string;
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
 * ``api/v1/history/trends.json``: the rank of each ranking's current top 10 over the recent snapshots.
 */
export interface HistoryTrends {
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
   * as_of of each snapshot, oldest first.
   */
  dates: string[];
  /**
   * Ranking file → trend.
   */
  rankings: {
    [k: string]: Trend;
  };
  schema_version: string;
}
export interface Trend {
  label: string | null;
  models: TrendModel[];
  slug: string | null;
}
export interface TrendModel {
  id: string;
  name: string | null;
  /**
   * Rank in each snapshot of `dates`; null when not ranked.
   */
  ranks: (number | null)[];
}
/**
 * `manifest.json`: what this snapshot is, where it came from, and every file with its sha256.
 */
export interface Manifest {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * The newest `as_of` of the sources.
   */
  as_of: string;
  attribution: string | null;
  counts: {
    [k: string]: number;
  };
  /**
   * Null for a live snapshot; else what was replayed (not live data).
   */
  demo: Demo | null;
  discovered_from: "contract" | "previous-snapshot";
  files: FileEntry[];
  /**
   * Gates overridden with --force for this snapshot (normally empty).
   */
  forced: string[];
  generator: string;
  /**
   * True when keyed endpoints (tokens, benchmarks) were used.
   */
  keyed: boolean;
  licence: string;
  /**
   * Figures absent from this snapshot and why (e.g. no API key).
   */
  missing: string[];
  schema_version: string;
  /**
   * Live API or recorded responses, in words.
   */
  source_note: string;
  /**
   * `as_of` per source (catalog, rankings, benchmarks).
   */
  sources_as_of: {
    /**
     * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
     */
    [k: string]: string;
  };
  top_n: number;
  unknown_fields: UnknownField[];
  unmapped_rows: number;
}
/**
 * Set when the snapshot was not made from the live API: the source was replayed recordings.
 */
export interface Demo {
  /**
   * Files whose figures are constructed demo data, not OpenRouter's.
   *
   * Items: A path relative to the snapshot directory, built only from validated slugs.
   */
  constructed: string[];
  note: string;
  /**
   * Dates of the real captures the replayed responses come from.
   *
   * Items: A calendar date, YYYY-MM-DD.
   */
  recorded_from: string[];
}
/**
 * One file of the snapshot, with its digest.
 */
export interface FileEntry {
  bytes: number;
  /**
   * Entries (models or ranked rows) the file holds.
   */
  entries: number | null;
  /**
   * A path relative to the snapshot directory, built only from validated slugs.
   */
  path: string;
  sha256: string;
}
/**
 * An upstream field our normalization does not publish (listed so that reviewers notice additions).
 */
export interface UnknownField {
  count: number;
  /**
   * Dotted path of the field, e.g. `architecture.new_field`: letters, digits, `_` and `-` only.
   */
  path: string;
}
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
 * A ranking file: one category, one ordering, or the overall leaderboard.
 */
export interface Ranking {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
   */
  as_of: string;
  /**
   * Required citation when the file carries keyed (CC BY 4.0) data.
   */
  attribution: string | null;
  entries: Entry[];
  kind: "overall" | "category" | "dimension";
  label: string;
  /**
   * What `value` measures; null when rank-only.
   */
  metric: ("tokens" | "tokens_per_second" | "latency_ms" | "uptime_pct" | "index_per_usd") | null;
  other: Other | null;
  period: "week" | null;
  period_end: string | null;
  period_start: string | null;
  previous_period_start: string | null;
  /**
   * How the order was made: `tokens` (weekly tokens from the rankings dataset), `top-weekly-overall` (the category's members ordered by overall weekly tokens: an approximation used without a key), or `sort:<value>` (OpenRouter's server-side sort).
   */
  ranked_by: string;
  schema_version: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
  /**
   * Ranked rows upstream before the top-N cut (excluding `other`).
   */
  total_rows: number;
  unmapped: Unmapped[];
}
/**
 * One ranked model.
 */
export interface Entry {
  author: string;
  change: Change | null;
  /**
   * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
   */
  model_id: string;
  name: string;
  /**
   * The dated slug the ranking row used.
   */
  permaslug: string | null;
  /**
   * Position in the upstream order (unmapped rows keep their positions).
   */
  rank: number;
  /**
   * Fraction of the period's total (including `other`); null when upstream sent no `other` row.
   */
  share: string | null;
  /**
   * The metric's value; null for rank-only sources.
   */
  value: string | null;
}
/**
 * Movement against the previous period (keyed rankings only).
 */
export interface Change {
  /**
   * True when the model was not ranked in the previous period.
   */
  is_new: boolean;
  /**
   * Rank in the previous period; null when not ranked then.
   */
  previous_rank: number | null;
  /**
   * previous_rank − rank: positive means the model moved up.
   */
  rank_delta: number | null;
  /**
   * Change of the metric in percent, 2 decimals.
   */
  value_change_pct: string | null;
}
/**
 * The aggregated `other` bucket: every model outside the upstream top 50.
 */
export interface Other {
  share: string | null;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  value: string;
}
/**
 * A ranking row whose permaslug or id matched no catalog model. Listed, never dropped.
 */
export interface Unmapped {
  permaslug: string;
  rank: number;
  reason: string;
  value: string | null;
}
/**
 * `selection.json`: ranked, explained model choices per category for an orchestrator.
 */
export interface Selection {
  /**
   * The URL of this file's JSON Schema (set by `orsnap build --base-url` on the site's copies).
   */
  $schema?: string;
  /**
   * The snapshot's as_of (newest source).
   */
  as_of: string;
  attribution: string | null;
  /**
   * Only capabilities the data supports.
   */
  capabilities: CapabilityChoice[];
  /**
   * In the order of the contract (as categories.json).
   */
  categories: CategoryChoice[];
  /**
   * True when the snapshot used keyed sources (tokens, shares, benchmarks).
   */
  keyed: boolean;
  /**
   * The policy in words, with this file's numbers.
   */
  method: string[];
  overall: CategoryChoice;
  policy: Policy;
  schema_version: string;
  signals: Signals;
  sources_as_of: {
    /**
     * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
     */
    [k: string]: string;
  };
}
/**
 * The tiers of one capability (tool use, vision input, long context).
 */
export interface CapabilityChoice {
  candidates: number;
  label: string;
  /**
   * What a model must offer, in words.
   */
  requirement: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  /**
   * The ranking files the pool came from, in order.
   *
   * Items: A path relative to the snapshot directory, built only from validated slugs.
   */
  sources: string[];
  tiers: Tiers;
}
/**
 * Ordered picks per tier: the first is the primary, the rest are its fallbacks in order.
 */
export interface Tiers {
  balanced: Pick[];
  budget: Pick[];
  high_accuracy: Pick[];
}
/**
 * One model in a tier, with the evidence for it.
 */
export interface Pick {
  /**
   * The policy's benchmark score (`policy.quality_benchmark`), when known.
   */
  benchmark: number | null;
  context_length: number | null;
  /**
   * Set when upstream announced an end date (beyond the policy's window).
   */
  expiration_date: string | null;
  /**
   * Free (zero price, e.g. a `:free` variant): never the primary of a tier.
   */
  free: boolean;
  /**
   * What the ranking measures; null when rank-only.
   */
  metric: "tokens" | null;
  /**
   * An OpenRouter model id such as `openai/gpt-4o` or `openai/gpt-oss-20b:free`.
   */
  model_id: string;
  name: string;
  /**
   * USD per million input (prompt) tokens.
   */
  price_input_per_m: string;
  /**
   * USD per million output (completion) tokens.
   */
  price_output_per_m: string;
  /**
   * Position in the quality ordering, when that is the quality signal.
   */
  quality_rank: number | null;
  /**
   * Rank in `rank_source` (the category's ranking, or the overall leaderboard when the pool was topped up).
   */
  rank: number | null;
  /**
   * The ranking file `rank` refers to.
   */
  rank_source: string;
  /**
   * One line: why this model is at this position.
   */
  reason: string;
  /**
   * The tier's weighted score (4 decimals).
   */
  score: number;
  /**
   * Share of the ranking's tokens; null when rank-only.
   */
  share: string | null;
  /**
   * `tools` is in the model's supported_parameters.
   */
  tools: boolean;
  /**
   * The model takes image input.
   */
  vision: boolean;
}
/**
 * The tiers of one category (or of the overall leaderboard).
 */
export interface CategoryChoice {
  /**
   * Eligible models in the pool (after any top-up).
   */
  candidates: number;
  label: string;
  metric: "tokens" | null;
  parent: string | null;
  /**
   * How that ranking is ordered (see ranking files).
   */
  ranked_by: string;
  /**
   * The ranking file the pool comes from.
   */
  ranking: string;
  /**
   * Ranked models the rules excluded, by rank.
   */
  skipped: SkippedModel[];
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  tiers: Tiers;
  /**
   * Pool members taken from the overall leaderboard.
   */
  topped_up: number;
}
/**
 * A ranked model the policy refused, and why.
 */
export interface SkippedModel {
  /**
   * Null when the ranking row matched no catalog model.
   */
  model_id: string | null;
  permaslug: string | null;
  rank: number;
  reason: string;
}
/**
 * Every weight and threshold of the selection policy (the values are in ``POLICY``), echoed in the file.
 */
export interface Policy {
  /**
   * Weight of the input (prompt) price in the blended price.
   */
  blend_input: number;
  /**
   * Weight of the output (completion) price in the blended price.
   */
  blend_output: number;
  capabilities: CapabilityRule[];
  /**
   * Never pick `~…-latest` aliases (they move to other models).
   */
  exclude_aliases: boolean;
  /**
   * Skip models whose expiration_date is within this many days of the snapshot's as_of.
   */
  expiry_days: number;
  /**
   * Top a pool up (from the overall leaderboard) below this many paid models.
   */
  min_pool: number;
  /**
   * Output modality a model must offer.
   */
  output_modality: string;
  /**
   * Field of `benchmarks.json` used for quality.
   */
  quality_benchmark: string;
  /**
   * Ordering used for quality when `benchmarks.json` is absent (keyless snapshots).
   */
  quality_ordering: OrderingRef | null;
  /**
   * Picks per tier: the primary and its fallbacks.
   */
  tier_size: number;
  tiers: TierPolicy;
  /**
   * Quality of a model without a score.
   */
  unknown_quality: number;
}
/**
 * A per-capability list: which models qualify, and which ordering (if present) ranks them first.
 */
export interface CapabilityRule {
  /**
   * Required input modality.
   */
  input_modality: string | null;
  label: string;
  /**
   * Required context length in tokens.
   */
  min_context: number;
  /**
   * Requires `tools` in `supported_parameters`.
   */
  needs_tools: boolean;
  /**
   * Ordering whose entries lead the pool, when present.
   */
  ordering: OrderingRef | null;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
}
/**
 * An ordering of ``dimensions.json``, found by the contract parameter and value it came from.
 */
export interface OrderingRef {
  parameter: string;
  value: string;
}
/**
 * The tiers and their weights.
 */
export interface TierPolicy {
  balanced: TierWeights;
  budget: TierWeights;
  high_accuracy: TierWeights;
}
/**
 * How much each signal counts in a tier (weights are normalized to sum to 1).
 */
export interface TierWeights {
  /**
   * Weight of cheapness (blended price per token, dense-ranked).
   */
  cost: number;
  /**
   * What the tier is for, in words.
   */
  meaning: string;
  /**
   * Weight of the quality signal (benchmark or quality ordering).
   */
  quality: number;
  /**
   * Weight of the usage signal (position in the category's ranking).
   */
  usage: number;
}
/**
 * Which signals this snapshot could offer the policy (keyless snapshots have fewer).
 */
export interface Signals {
  notes: string[];
  /**
   * Null when neither benchmarks nor the quality ordering are in the snapshot.
   */
  quality: string | null;
  usage: string;
}
/**
 * `rankings/trending.json` and `rankings/trending/category/<slug>.json`.
 */
export interface Trending {
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
   * Largest absolute growth first; only models that grew.
   */
  entries: TrendingEntry[];
  kind: "overall" | "category";
  label: string;
  method: string;
  /**
   * Models in this bucket's top 50 but not the previous one's (growth unknown: listed apart).
   */
  new_in_top: HistoryRow[];
  period: "week";
  period_start: string | null;
  previous_period_start: string | null;
  schema_version: string;
  /**
   * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
   */
  slug: string;
  source: Source;
}
/**
 * A model whose tokens grew the most against the previous bucket.
 */
export interface TrendingEntry {
  author: string;
  /**
   * tokens − previous_tokens.
   */
  growth: string;
  /**
   * growth / previous_tokens × 100, 2 decimals.
   */
  growth_pct: string | null;
  model_id: string | null;
  permaslug: string;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  previous_tokens: string;
  rank: number;
  /**
   * A decimal number written as a canonical string (no exponent, no trailing zeros; below 10^15).
   */
  tokens: string;
}
