"""Benchmark the build with the token history and charts in place: build time and page weight.

    python bench/bench_charts.py [--weeks 72] [--repeat 5]

Two snapshots: the committed one (its history files hold 8 weeks), and the same with every history and
authors file stretched to ``--weeks`` weekly buckets (a live keyed run since 2025-01-01 has about 72 by mid
2026): the file's buckets are repeated, oldest first, under consecutive earlier week dates, so every
row, permaslug and figure is one the snapshot already has; only the dates are made up. This is benchmark
input, never published. For each: the median of ``--repeat`` full builds (read, parse, render, write) and the
gzip size of the home page, the largest category page, the market-share, trending and apps pages. Goals
(issue 13): home ≤ 40 KB gzip, category page ≤ 60 KB gzip, ``orsnap build`` ≤ 1.5 s on the committed
snapshot. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_build import time_builds  # noqa: E402

from generator import api, published, site, store  # noqa: E402 (after the path setup, so the script runs from anywhere)

BUILD_GOAL_S = 1.5
HOME_GOAL = 40 * 1024
CATEGORY_GOAL = 60 * 1024


def stretched(files: dict[str, bytes], weeks: int) -> dict[str, bytes]:
    """Every history and authors file with ``weeks`` buckets (the real ones repeated under earlier dates)."""
    out = {p: d for p, d in files.items() if p != "manifest.json"}
    for path, data in files.items():
        if store.series_schema(path) not in ("history", "authors"):
            continue
        doc = json.loads(data)
        real = doc["buckets"]
        last = date.fromisoformat(real[-1]["date"])
        buckets = []
        for i in range(weeks):
            bucket = dict(real[(len(real) - weeks + i) % len(real)])
            bucket["date"] = (last - timedelta(weeks=weeks - 1 - i)).isoformat()
            bucket["complete"] = True
            buckets.append(bucket)
        doc["buckets"] = buckets
        out[path] = store.canonical_json(doc)
    manifest = published.Manifest.model_validate_json(files["manifest.json"])
    return store.build_manifest_files(manifest, out)


def render_ms(snapshot: Path, repeat: int) -> float:
    """Median milliseconds of parsing and rendering every file (no disk I/O: the CPU part of a build)."""
    files, times = site.read_snapshot(snapshot), []
    static, schemas = site.static_files(), api.schema_files()
    for _ in range(repeat):
        start = time.perf_counter()
        site.site_files(site.load(files), static, schemas)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def weights(out: Path) -> dict[str, tuple[str, int]]:
    def size(path: Path) -> tuple[str, int]:
        return path.relative_to(out).as_posix(), site.gzip_size(path.read_bytes())

    categories = [size(p) for p in (out / "categories").rglob("*/index.html")]
    return {
        "home page": size(out / "index.html"),
        "largest category page": max(categories, key=lambda c: c[1]),
        "market-share page": size(out / "market-share" / "index.html"),
        "trending page": size(out / "trending" / "index.html"),
        "apps page": size(out / "apps" / "index.html"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=72)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    committed = ROOT / "snapshots" / "v1"
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        site.build(committed, tmp_path / "warm")  # templates compiled, imports done
        long_root = tmp_path / "long" / "v1"
        for rel, data in stretched(site.read_snapshot(committed), args.weeks).items():
            (long_root / rel).parent.mkdir(parents=True, exist_ok=True)
            (long_root / rel).write_bytes(data)
        for label, snapshot, out in (
            ("committed snapshot", committed, tmp_path / "site"),
            (f"history stretched to {args.weeks} weeks", long_root, tmp_path / "long-site"),
        ):
            seconds, result = time_builds(snapshot, out, args.repeat)
            goal = "met" if seconds <= BUILD_GOAL_S else "MISSED"
            print(
                f"{label}: build {seconds * 1000:.0f} ms (median of {args.repeat}; goal ≤ {BUILD_GOAL_S * 1000:.0f} ms:"
                f" {goal}), of which parse + render {render_ms(snapshot, args.repeat):.0f} ms; {result.pages} pages"
            )
            for name, (path, size) in weights(out).items():
                goal_bytes = {"home page": HOME_GOAL, "largest category page": CATEGORY_GOAL}.get(name)
                note = (
                    f" (goal ≤ {goal_bytes / 1024:.0f} KB: {'met' if size <= goal_bytes else 'MISSED'})"
                    if goal_bytes
                    else ""
                )
                print(f"  {name:22s} {size / 1024:6.1f} KB gzip  {path}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
