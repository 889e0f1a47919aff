"""Benchmark the orchestrator's loader on the committed selection.json: load, 1,000 picks, and the gzip size.

    python bench/bench_selection.py [PATH]      # default: snapshots/v1/selection.json

Figures are medians of repeated runs in this process, printed with a ratio against a baseline measured in the
same process: ``load`` against a bare ``json.loads`` of the same bytes (what any loader must pay), and 1,000
``pick`` calls against 1,000 plain dict lookups of the same primaries. The goals (load ≤ 5 ms, gzip ≤ 16 KB) are
printed beside the figures; nothing is asserted.
"""

from __future__ import annotations

import contextlib
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import selection_loader  # noqa: E402 (after the path setup, so the script runs from anywhere)

LOAD_GOAL_MS = 5.0
GZIP_GOAL_BYTES = 16 * 1024
PICKS = 1000


def median_ms(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "snapshots" / "v1" / "selection.json"
    data = path.read_bytes()
    gzipped = len(gzip.compress(data, compresslevel=9, mtime=0))

    import json

    baseline_load = median_ms(lambda: json.loads(path.read_bytes()), 200)
    load = median_ms(lambda: selection_loader.load(path), 200)

    selection = selection_loader.load(path)
    names = sorted(selection.categories)
    tiers = selection.tiers
    # A mix of requests: every category and tier, with and without constraints, some excluding the primary.
    requests = []
    for i in range(PICKS):
        name, tier = names[i % len(names)], tiers[i % len(tiers)]
        primary = selection.categories[name]["tiers"][tier][0]["model_id"]
        requests.append((name, tier, i % 2 == 0, (0, 100_000, 400_000)[i % 3], (primary,) if i % 5 == 0 else ()))
    table = {(n, t): selection.categories[n]["tiers"][t][0]["model_id"] for n in names for t in tiers}

    def picks() -> None:
        for name, tier, tools, context, exclude in requests:
            with contextlib.suppress(selection_loader.NoMatch):
                selection.pick(name, tier, need_tools=tools, min_context=context, exclude=exclude)

    def lookups() -> None:
        for name, tier, *_ in requests:
            table[(name, tier)]

    baseline_picks = median_ms(lookups, 50)
    pick_ms = median_ms(picks, 50)

    print(f"file: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(
        f"  size {len(data):,} bytes, gzip -9 {gzipped:,} bytes ({gzipped / 1024:.1f} KB; goal ≤ 16 KB: "
        f"{'met' if gzipped <= GZIP_GOAL_BYTES else 'MISSED'})"
    )
    print(
        f"load: {load:.2f} ms median (goal ≤ {LOAD_GOAL_MS:g} ms: {'met' if load <= LOAD_GOAL_MS else 'MISSED'}); "
        f"bare json.loads {baseline_load:.2f} ms; ratio {load / baseline_load:.2f}×"
    )
    print(
        f"{PICKS:,} picks: {pick_ms:.2f} ms median ({pick_ms * 1000 / PICKS:.1f} µs per pick); "
        f"{PICKS:,} dict lookups {baseline_picks:.3f} ms; ratio {pick_ms / baseline_picks:.0f}×"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
