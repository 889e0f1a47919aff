/* Generated from schema/history-trends.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

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
