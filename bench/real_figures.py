"""How many of the published ranking figures come from real captures?

    python bench/real_figures.py [SNAPSHOT_DIR | --rev GIT_REV] [--captures tests/fixtures/captures]

Counts every non-null number in ``rankings/**/*.json`` of a snapshot: each entry's ``value``, ``share`` and
``change.value_change_pct``, the ``other`` bucket's ``value`` and ``share``, and each unmapped row's ``value``.
A figure is *real* when:

- a ``value`` (entry, unmapped or ``other``): the same permaslug has exactly that figure (tokens, calls, images
  or requests) in a real capture (``tests/fixtures/captures/rankings-page-derived-*.json.gz``); ``other`` never
  does, since no capture has an ``other`` row;
- a ``share``: every value of its file is real and so is the ``other`` bucket it divides by (a share of a
  made-up total is not real);
- a ``change``: its value is real and a real capture falls in the previous period the file names
  (``previous_period_start`` … +6 days): otherwise there was no real previous week to compare with.

Prints one line per file kind and the total as ``real/total (percent)``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.store import is_ranking

ROOT = Path(__file__).resolve().parents[1]
FIGURE_KEYS = ("tokens", "calls", "images", "requests")


def real_figures(captures: Path) -> tuple[set[tuple[str, str]], list[date]]:
    """(permaslug, canonical figure) pairs of every real capture, and the captures' dates."""
    pairs: set[tuple[str, str]] = set()
    dates: list[date] = []
    for path in sorted(captures.glob("rankings-page-derived-*.json.gz")):
        doc = json.loads(gzip.decompress(path.read_bytes()))
        dates.append(date.fromisoformat(doc["meta"]["fetched_at"][:10]))
        for rows in doc.values():
            if not isinstance(rows, list):
                continue
            for row in rows:
                slug = row.get("model_id")
                for key in FIGURE_KEYS:
                    value = row.get(key)
                    if isinstance(slug, str) and isinstance(value, int | float) and not isinstance(value, bool):
                        pairs.add((slug, str(Decimal(str(value)).normalize())))
    return pairs, dates


def _canonical(value: str) -> str:
    return str(Decimal(value).normalize())


def ranking_files(snapshot: Path | None, rev: str | None) -> dict[str, Any]:
    """The ranking files (overall, categories, orderings), not the history, authors or trending series."""
    if snapshot is not None:
        return {
            str(p.relative_to(snapshot)): json.loads(p.read_text())
            for p in sorted(snapshot.rglob("rankings/**/*.json"))
            if is_ranking(str(p.relative_to(snapshot)))
        }
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev or "HEAD", "snapshots/v1/rankings"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {
        name.removeprefix("snapshots/v1/"): json.loads(
            subprocess.run(["git", "show", f"{rev}:{name}"], cwd=ROOT, check=True, capture_output=True).stdout
        )
        for name in listing
        if name.endswith(".json") and is_ranking(name.removeprefix("snapshots/v1/"))
    }


def count(files: dict[str, Any], pairs: set[tuple[str, str]], dates: list[date]) -> Counter[tuple[str, bool]]:
    tally: Counter[tuple[str, bool]] = Counter()
    for doc in files.values():
        rows = [(e.get("permaslug"), e.get("value")) for e in doc["entries"]]
        rows += [(u["permaslug"], u.get("value")) for u in doc["unmapped"]]
        real_value = {(s, v): (s, _canonical(v)) in pairs for s, v in rows if v is not None}
        for ok in real_value.values():
            tally["value", ok] += 1
        other = doc.get("other")
        if other is not None:
            tally["other", False] += 1  # no capture has an `other` row
        all_real = all(real_value.values()) and other is None
        prev = doc.get("previous_period_start")
        prev_real = prev is not None and any(
            date.fromisoformat(prev) <= d <= date.fromisoformat(prev) + timedelta(days=6) for d in dates
        )
        for entry in doc["entries"]:
            if entry.get("share") is not None:
                tally["share", all_real] += 1
            change = entry.get("change") or {}
            if change.get("value_change_pct") is not None:
                ok = prev_real and real_value.get((entry.get("permaslug"), entry.get("value")), False)
                tally["change", ok] += 1
        if other is not None and other.get("share") is not None:
            tally["share", False] += 1
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot", nargs="?", type=Path, help="a snapshot directory (default: snapshots/v1)")
    parser.add_argument("--rev", help="read snapshots/v1 at this git revision instead")
    parser.add_argument("--captures", type=Path, default=ROOT / "tests/fixtures/captures")
    args = parser.parse_args()
    snapshot = None if args.rev else (args.snapshot or ROOT / "snapshots/v1")
    pairs, dates = real_figures(args.captures)
    tally = count(ranking_files(snapshot, args.rev), pairs, dates)
    total_real = total = 0
    for kind in ("value", "share", "change", "other"):
        real, fake = tally[kind, True], tally[kind, False]
        total_real, total = total_real + real, total + real + fake
        if real + fake:
            print(f"{kind:>7}: {real}/{real + fake} real ({100 * real / (real + fake):.1f} %)")
    print(f"  total: {total_real}/{total} real ({100 * total_real / total:.1f} %)" if total else "  total: 0 figures")
    files = ranking_files(snapshot, args.rev)
    labelled = {k: d for k, d in files.items() if d["source"].get("provenance") != "constructed"}
    if len(labelled) != len(files):
        tally = count(labelled, pairs, dates)
        real, all_ = sum(n for (_, ok), n in tally.items() if ok), sum(tally.values())
        print(f"outside files marked constructed ({len(labelled)} of {len(files)} files): {real}/{all_} real")
    return 0


if __name__ == "__main__":
    sys.exit(main())
