/* Generated from schema/history-changes.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

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
