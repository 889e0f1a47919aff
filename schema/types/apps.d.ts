/* Generated from schema/apps.schema.json by schema/types/generate.py (json-schema-to-typescript). Do not edit: change the pydantic models, run `orsnap schema`, then this script. */

/**
 * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
 */
export type AsOf = string;
export type Attribution = string;
/**
 * The marketplace category group; null for all apps.
 */
export type Category = string | null;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type EndDate = string;
/**
 * OpenRouter's stable numeric id of the app.
 */
export type AppId = number;
/**
 * The app's public name (upstream text, capped at 300 characters).
 */
export type Name = string;
/**
 * Position in the response (re-numbered after a category filter).
 */
export type Rank = number;
export type Requests = number;
/**
 * Prompt + completion tokens in the window (`popular`), or excess growth (`trending`).
 */
export type Tokens = string;
export type Entries = AppEntry[];
export type Label = string;
/**
 * What the sort means, from the contract's description.
 */
export type Meaning = string;
/**
 * Null for data from the live API. Set only for recorded fixtures replayed offline: `recorded` (a real response), `derived` (real figures, reshaped) or `constructed` (made-up figures; demo data only).
 */
export type Provenance = ("recorded" | "derived" | "constructed") | null;
export type SchemaVersion = string;
/**
 * The `sort` asked for: what `tokens` ranks (from the contract's enum).
 */
export type Sort = string;
/**
 * HTTP method and path relative to the API base, e.g. `GET /models`.
 */
export type Endpoint = string;
/**
 * True when the endpoint needs an OpenRouter API key.
 */
export type Keyed = boolean;
/**
 * A calendar date, YYYY-MM-DD.
 */
export type StartDate = string;

/**
 * `apps/<sort>.json` and `apps/category/<group>.json`: top apps in the dataset's window.
 */
export interface Apps {
  as_of: AsOf;
  attribution: Attribution;
  category: Category;
  end_date: EndDate;
  entries: Entries;
  label: Label;
  meaning: Meaning;
  provenance: Provenance;
  schema_version: SchemaVersion;
  sort: Sort;
  source: Source;
  start_date: StartDate;
}
/**
 * One app of OpenRouter's apps marketplace.
 */
export interface AppEntry {
  app_id: AppId;
  name: Name;
  rank: Rank;
  requests: Requests;
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
