/* Generated from schema/manifest.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

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
