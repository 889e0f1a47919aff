"""Start-up cost of the CLI: `orsnap --help` and `orsnap validate` against a bare `python -c pass`.

    python bench/bench_startup.py [--runs N] [--root DIR ...] [--snapshots DIR]

Each command runs N times in a fresh interpreter (``python -m generator …``, what the ``orsnap`` script runs);
the figures are medians of the wall time, and the overhead is the median minus the median of ``python -c pass``
measured in the same loop (interleaved, so load on a shared machine hits every command alike). ``--root`` points
``PYTHONPATH`` at another checkout, to measure a revision before a change (``git archive REV | tar -x -C DIR``);
given several times, the checkouts are measured in the same interleaved loop (a fair before/after).
Then ``python -X importtime`` of each command lists the packages and ``generator`` modules that cost the most.
The goal (≤ 150 ms over bare start-up) is printed beside the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 150.0


def commands(snapshots: Path) -> dict[str, list[str]]:
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "orsnap --help": [sys.executable, "-m", "generator", "--help"],
        "orsnap validate": [sys.executable, "-m", "generator", "validate", "--snapshots", str(snapshots)],
    }


def wall_ms(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def top_imports(argv: list[str], env: dict[str, str], cwd: Path, count: int) -> list[tuple[int, str]]:
    """The costliest imports, in µs: each third-party or standard package (its outermost import, which includes
    everything it pulls in) and each ``generator`` module; the ``generator`` package itself is left out."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], env=env, cwd=cwd, capture_output=True, text=True, check=True
    )
    cost: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        key = name if name.startswith("generator.") else name.split(".")[0]
        if key != "generator":
            cost[key] = max(cost.get(key, 0), int(cumulative))
    return sorted(((micros, key) for key, micros in cost.items()), reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--root", type=Path, action="append", help="checkout to measure (repeatable; default: this one)"
    )
    parser.add_argument("--snapshots", type=Path, default=ROOT / "snapshots")
    parser.add_argument("--top", type=int, default=8, help="top-level imports listed per command")
    args = parser.parse_args()
    roots = [root.resolve() for root in args.root or [ROOT]]  # the working directory too: `python -m` puts it first
    envs = {root: {**os.environ, "PYTHONPATH": str(root)} for root in roots}
    cmds = commands(args.snapshots.resolve())
    for root in roots:
        for argv in cmds.values():  # warm the page cache and the bytecode already on disk
            wall_ms(argv, envs[root], root)
    times: dict[tuple[Path, str], list[float]] = {(root, name): [] for root in roots for name in cmds}
    for _ in range(args.runs):
        for root in roots:
            for name, argv in cmds.items():
                times[(root, name)].append(wall_ms(argv, envs[root], root))
    for root in roots:
        bare = statistics.median(times[(root, "python -c pass")])
        print(f"medians of {args.runs} runs, {root}")
        for name in cmds:
            median = statistics.median(times[(root, name)])
            extra = "" if name == "python -c pass" else f"  +{median - bare:6.1f} ms over bare (goal ≤ {GOAL_MS:.0f})"
            print(f"  {name:<16} {median:7.1f} ms{extra}")
        for name, argv in cmds.items():
            if name == "python -c pass":
                continue
            print(f"python -X importtime, {name}: costliest imports (cumulative)")
            for micros, module in top_imports(argv, envs[root], root, args.top):
                print(f"  {micros / 1000:7.1f} ms  {module}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
