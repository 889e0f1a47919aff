/* Generated from schema/apps.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

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
