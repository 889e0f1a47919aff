"""Benchmark: `orsnap build` and `orsnap changelog --from <first>` over a long synthetic history (ten years).

Builds (or reuses, ``--repo``) a repository of WEEKS+1 weekly snapshot commits with the generator of
``bench_history.py``, then runs each command as a child process and reports its wall time and peak RSS (from
``os.wait4``: the child's own ``ru_maxrss``), best of ``--repeat``. Targets (issue 15): build ≤ 1.5 s and ≤ 200 MiB,
changelog over the full range ≤ 2 s. Usage: ``python bench/bench_scale.py [--weeks 520] [--repo DIR] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_history import build_repo, git

TARGETS = {"build": (1.5, 200.0), "changelog": (2.0, None)}


def run(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system, git included) of ``python -m generator ARGS``
    in ``cwd``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"orsnap {' '.join(args)} failed ({proc.returncode}): {proc.stderr.read().decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss: KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=520)
    parser.add_argument("--repo", type=Path, help="reuse (or create) the synthetic repository here")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        repo = args.repo or tmp / "repo"
        if not (repo / ".git").exists():
            build_repo(repo, args.weeks)
            git(repo, "gc", "-q")
        commits = git(repo, "log", "--format=%H").split()
        print(f"repo: {len(commits)} weekly snapshot commits")
        alone = tmp / "alone"  # the newest snapshot outside git: the build's floor, with no history to read
        shutil.copytree(repo / "snapshots", alone / "snapshots")
        floor = min(
            run(["build", "--snapshots", "snapshots", "--out", str(tmp / "site")], alone) for _ in range(args.repeat)
        )
        print(
            f"orsnap build of the newest snapshot alone (outside git): {floor[0]:.2f} s, peak RSS {floor[1]:.0f} MiB, "
            f"CPU {floor[2]:.2f} s"
        )
        commands = {
            "build": ["build", "--snapshots", "snapshots", "--out", str(tmp / "site")],
            "changelog": ["changelog", "--snapshots", "snapshots", "--from", commits[-1]],
        }
        for name, command in commands.items():
            best = min(run(command, repo) for _ in range(args.repeat))
            wall_goal, rss_goal = TARGETS[name]
            met = best[0] <= wall_goal and (rss_goal is None or best[1] <= rss_goal)
            goal = f"<= {wall_goal} s" + (f", <= {rss_goal:.0f} MiB" if rss_goal else "")
            verdict = "met" if met else "NOT met"
            print(
                f"orsnap {name}: {best[0]:.2f} s, peak RSS {best[1]:.0f} MiB, CPU {best[2]:.2f} s "
                f"(goal {goal}: {verdict})"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
