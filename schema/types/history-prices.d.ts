/* Generated from schema/history-prices.schema.json by `orsnap schema` (json-schema-to-typescript). Do not edit: change the pydantic models, then run `orsnap schema`. */

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
