/* Generated from schema/categories.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

export type Children = CategoryNode[];
export type Depth = number;
/**
 * A path relative to the snapshot directory, built only from validated slugs.
 */
export type File = string;
export type Label = string;
/**
 * Models ranked in this category (mapped entries upstream).
 */
export type ModelCount = number;
export type Parent = string | null;
export type RankedBy = string;
/**
 * A validated slug: `[a-z0-9-]+` segments joined by `/` (nested categories).
 */
export type Slug = string;
export type Categories1 = CategoryNode[];
/**
 * Where in the contract the list came from.
 */
export type ContractParameter = string;
export type DiscoveredFrom = "contract" | "previous-snapshot";
/**
 * The overall leaderboard's file.
 */
export type Overall = string;
export type SchemaVersion = string;

/**
 * `categories.json`: the category tree, in the order OpenRouter's contract lists them.
 */
export interface Categories {
  categories: Categories1;
  contract_parameter: ContractParameter;
  discovered_from: DiscoveredFrom;
  overall: Overall;
  schema_version: SchemaVersion;
}
/**
 * A category and its children (nested categories such as `marketing/seo` sit under `marketing`).
 */
export interface CategoryNode {
  children: Children;
  depth: Depth;
  file: File;
  label: Label;
  model_count: ModelCount;
  parent: Parent;
  ranked_by: RankedBy;
  slug: Slug;
}
