/* Generated from schema/api-index.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

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
