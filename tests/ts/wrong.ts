// Must NOT compile: each line misuses the published types in a way the types exist to catch.
import type { Model, Ranking } from "../../schema/types/index";

export function wrong(model: Model, ranking: Ranking): string[] {
  const image: string = model.pricing["image"]; // TS2322: an optional price may be undefined
  const first: string = ranking.entries[0].model_id; // TS2532: the first entry may not exist
  const tier: string = ranking.entries.length ? ranking.slug : ranking.metric; // TS2322: metric may be null
  return [image, first, tier];
}
