// A small frontend consumer of the published types: one import for every file kind, compiled by
// tests/test_types.py with `tsc --strict --noUncheckedIndexedAccess --noEmit`.
import type {
  Benchmarks,
  Categories,
  CategoryNode,
  Dimensions,
  Entry,
  Manifest,
  Model,
  Models,
  PublishedFiles,
  Ranking,
  Selection,
} from "../../schema/types/index";

export function priceLine(model: Model): string {
  const prompt: string = model.pricing.prompt; // required: no undefined to handle
  const completion: string = model.pricing.completion;
  const image: string | undefined = model.pricing["image"]; // any other key may be missing
  return `${model.id}: ${prompt}/${completion}${image === undefined ? "" : ` + ${image} per image`}`;
}

export function leader(ranking: Ranking, models: Models): string | undefined {
  const first: Entry | undefined = ranking.entries[0];
  if (first === undefined) return undefined;
  const model = models.models.find((m) => m.id === first.model_id);
  return model ? priceLine(model) : `${first.model_id} (not in the catalog)`;
}

export function walk(nodes: CategoryNode[], out: string[] = []): string[] {
  for (const node of nodes) {
    out.push(`${node.slug} → ${node.file}`);
    walk(node.children, out);
  }
  return out;
}

export function summary(files: PublishedFiles, manifest: Manifest, dims: Dimensions, tree: Categories): string {
  const anyPick = files.selection.categories[0]?.tiers.high_accuracy[0]?.model_id ?? "none";
  const bench: Benchmarks = files.benchmarks;
  return [manifest.as_of, String(dims.dimensions.length), walk(tree.categories).join(","), anyPick, bench.as_of].join(" ");
}

export function primary(selection: Selection, category: string): string | undefined {
  const choice = selection.categories.find((c) => c.slug === category) ?? selection.overall;
  return choice.tiers.balanced[0]?.model_id;
}
