/* Generated from schema/manifest.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

/**
 * The newest `as_of` of the sources.
 */
export type AsOf = string;
export type Attribution = string | null;
/**
 * Files whose figures are constructed demo data, not OpenRouter's.
 *
 * Items: A path relative to the snapshot directory, built only from validated slugs.
 */
export type Constructed = string[];
export type Note = string;
/**
 * Dates of the real captures the replayed responses come from.
 *
 * Items: A calendar date, YYYY-MM-DD.
 */
export type RecordedFrom = string[];
export type DiscoveredFrom = "contract" | "previous-snapshot";
export type Bytes = number;
/**
 * Entries (models or ranked rows) the file holds.
 */
export type Entries = number | null;
/**
 * A path relative to the snapshot directory, built only from validated slugs.
 */
export type Path = string;
export type Sha256 = string;
export type Files = FileEntry[];
/**
 * Gates overridden with --force for this snapshot (normally empty).
 */
export type Forced = string[];
export type Generator = string;
/**
 * True when keyed endpoints (tokens, benchmarks) were used.
 */
export type Keyed = boolean;
export type Licence = string;
/**
 * Figures absent from this snapshot and why (e.g. no API key).
 */
export type Missing = string[];
export type SchemaVersion = string;
/**
 * Live API or recorded responses, in words.
 */
export type SourceNote = string;
export type TopN = number;
export type Count = number;
/**
 * Dotted path of the field, e.g. `architecture.new_field`: letters, digits, `_` and `-` only.
 */
export type Path1 = string;
export type UnknownFields = UnknownField[];
export type UnmappedRows = number;

/**
 * `manifest.json`: what this snapshot is, where it came from, and every file with its sha256.
 */
export interface Manifest {
  as_of: AsOf;
  attribution: Attribution;
  counts: Counts;
  /**
   * Null for a live snapshot; else what was replayed (not live data).
   */
  demo: Demo | null;
  discovered_from: DiscoveredFrom;
  files: Files;
  forced: Forced;
  generator: Generator;
  keyed: Keyed;
  licence: Licence;
  missing: Missing;
  schema_version: SchemaVersion;
  source_note: SourceNote;
  sources_as_of: SourcesAsOf;
  top_n: TopN;
  unknown_fields: UnknownFields;
  unmapped_rows: UnmappedRows;
}
export interface Counts {
  [k: string]: number;
}
/**
 * Set when the snapshot was not made from the live API: the source was replayed recordings.
 */
export interface Demo {
  constructed: Constructed;
  note: Note;
  recorded_from: RecordedFrom;
}
/**
 * One file of the snapshot, with its digest.
 */
export interface FileEntry {
  bytes: Bytes;
  entries: Entries;
  path: Path;
  sha256: Sha256;
}
/**
 * `as_of` per source (catalog, rankings, benchmarks).
 */
export interface SourcesAsOf {
  /**
   * An ISO-8601 UTC timestamp, e.g. 2026-05-18T02:00:00Z.
   */
  [k: string]: string;
}
/**
 * An upstream field our normalization does not publish (listed so that reviewers notice additions).
 */
export interface UnknownField {
  count: Count;
  path: Path1;
}
