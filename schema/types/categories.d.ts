/* Generated from schema/categories.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

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
