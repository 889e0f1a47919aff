"""Benchmark `orsnap build`: the committed snapshot, a synthetic one 10× larger, and gzip sizes of what is served.

    python bench/bench_build.py [--factor 10] [--repeat 5]

The synthetic snapshot is made in a temporary directory from the committed one: every catalog model is copied
``factor - 1`` times under new ids (``author/slug-x2``…), every top-level category (with its children) likewise
under new slugs (``marketing-x2/seo``…), each copy ranking the copied models; orderings stay as they are. The
build time of each is the median of ``--repeat`` full builds (read, parse, render, write) in this process; the
ratio against the committed snapshot's build (the baseline) is printed beside the ratio of pages, so growth
can be read as linear or not. Goals (≤ 1 s for the committed snapshot; home and category page ≤ 40 KB gzip;
category JSON ≤ 8 KB gzip) are printed beside the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import api, published, site, store  # noqa: E402 (after the path setup, so the script runs from anywhere)

BUILD_GOAL_S = 1.0
PAGE_GOAL = 40 * 1024
CATEGORY_JSON_GOAL = 8 * 1024


def clone_id(model_id: str, k: int) -> str:
    author, slug = model_id.split("/", 1)
    base, sep, variant = slug.partition(":")
    return f"{author}/{base}-x{k}{sep}{variant}"


def synthetic(files: dict[str, bytes], factor: int) -> dict[str, bytes]:
    """The committed snapshot with ``factor`` times the models and categories."""
    out = {path: data for path, data in files.items() if path != "manifest.json"}
    catalog = json.loads(files["models.json"])
    originals = catalog["models"]
    models = list(originals)
    for k in range(2, factor + 1):
        for m in originals:
            models.append(
                {
                    **m,
                    "id": clone_id(m["id"], k),
                    "canonical_slug": f"{m['canonical_slug']}-x{k}",
                    "name": f"{m['name']} x{k}",
                    "base_id": clone_id(m["base_id"], k) if m["base_id"] else None,
                }
            )
    catalog["models"] = sorted(models, key=lambda m: m["id"])
    catalog["count"] = len(models)
    out["models.json"] = store.canonical_json(catalog)
    tree = json.loads(files["categories.json"])

    def clone(node: dict[str, Any], k: int) -> dict[str, Any]:
        head, _, rest = node["slug"].partition("/")
        slug = f"{head}-x{k}" + (f"/{rest}" if rest else "")
        parent = node["parent"]
        if parent is not None:
            p_head, _, p_rest = parent.partition("/")
            parent = f"{p_head}-x{k}" + (f"/{p_rest}" if p_rest else "")
        path = f"rankings/category/{slug}.json"
        ranking = json.loads(files[node["file"]])
        ranking["slug"], ranking["label"] = slug, f"{node['label']} x{k}"
        for e in ranking["entries"]:
            e["model_id"], e["name"] = clone_id(e["model_id"], k), f"{e['name']} x{k}"
        out[path] = store.canonical_json(ranking)
        children = [clone(c, k) for c in node["children"]]
        return {**node, "slug": slug, "parent": parent, "label": ranking["label"], "file": path, "children": children}

    top = tree["categories"]
    tree["categories"] = top + [clone(node, k) for k in range(2, factor + 1) for node in top]
    out["categories.json"] = store.canonical_json(tree)
    manifest = published.Manifest.model_validate_json(files["manifest.json"])
    rankings = sum(1 for p in out if p.startswith("rankings/"))
    manifest.counts = {
        **manifest.counts,
        "models": len(models),
        "rankings": rankings,
        "categories": manifest.counts.get("categories", len(top)) * factor,
    }
    return store.build_manifest_files(manifest, out)


def write_snapshot(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def time_builds(snapshot: Path, out: Path, repeat: int) -> tuple[float, site.BuildResult]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = site.build(snapshot, out)
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def phases(snapshot: Path, out: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each stage of a build: read, parse (``load``), render (``site_files``), write."""
    spent: dict[str, list[float]] = {"read": [], "parse": [], "render": [], "write": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        files = site.read_snapshot(snapshot)
        t1 = time.perf_counter()
        snap = site.load(files)
        t2 = time.perf_counter()
        outputs = site.site_files(snap, site.static_files(), api.schema_files())
        t3 = time.perf_counter()
        site.write_site(out, outputs)
        t4 = time.perf_counter()
        for name, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            spent[name].append(seconds)
    return {name: statistics.median(values) for name, values in spent.items()}


def sizes(out: Path) -> dict[str, tuple[str, int]]:
    """gzip sizes of the home page, the largest category page and JSON file, and the largest category JSON."""

    def largest(paths: list[Path]) -> tuple[str, int]:
        best = max(paths, key=lambda p: site.gzip_size(p.read_bytes()))
        return best.relative_to(out).as_posix(), site.gzip_size(best.read_bytes())

    return {
        "home page": ("index.html", site.gzip_size((out / "index.html").read_bytes())),
        "largest category page": largest(list((out / "categories").rglob("*/index.html"))),
        "largest ordering page": largest(list((out / "orderings").rglob("*/index.html"))),
        "largest page of all": largest(list(out.rglob("*.html"))),
        "largest JSON file": largest(list((out / "api").rglob("*.json"))),
        "largest category JSON": largest(list((out / "api/v1/rankings/category").rglob("*.json"))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = site.read_snapshot(ROOT / "snapshots" / "v1")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        site.build(ROOT / "snapshots" / "v1", tmp_path / "warm")  # templates compiled, imports done
        real_s, real = time_builds(ROOT / "snapshots" / "v1", tmp_path / "real", args.repeat)
        big_root = write_snapshot(tmp_path / "big" / "v1", synthetic(files, args.factor))
        big_s, big = time_builds(big_root, tmp_path / "big-site", max(1, args.repeat // 2 + 1))
        print(
            f"build, committed snapshot: {real_s * 1000:7.0f} ms  {real.pages:5d} pages {real.files:5d} files  "
            f"(goal ≤ {BUILD_GOAL_S * 1000:.0f} ms: {'met' if real_s <= BUILD_GOAL_S else 'MISSED'})"
        )
        print(
            f"build, {args.factor}× synthetic:      {big_s * 1000:7.0f} ms  {big.pages:5d} pages {big.files:5d} files  "
            f"(models ×{args.factor}, categories ×{args.factor}, orderings ×1)"
        )
        for label, snapshot, out in (
            ("committed", ROOT / "snapshots" / "v1", tmp_path / "real"),
            (f"{args.factor}× synthetic", big_root, tmp_path / "big-site"),
        ):
            stages = phases(snapshot, out, 3)
            print(f"  stages, {label}: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items()))
        print(
            f"ratio: time ×{big_s / real_s:.2f} for pages ×{big.pages / real.pages:.2f} "
            f"(per page {real_s / real.pages * 1000:.2f} ms → {big_s / big.pages * 1000:.2f} ms)"
        )
        for label, out in (("committed", tmp_path / "real"), (f"{args.factor}× synthetic", tmp_path / "big-site")):
            print(f"gzip sizes, {label}:")
            for name, (path, size) in sizes(out).items():
                goal = (
                    CATEGORY_JSON_GOAL
                    if name == "largest category JSON"
                    else (PAGE_GOAL if name in {"home page", "largest category page"} else None)
                )
                verdict = f"  (goal ≤ {goal // 1024} KB: {'met' if size <= goal else 'MISSED'})" if goal else ""
                print(f"  {name:24s} {size / 1024:8.1f} KB  {path}{verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
