"""Benchmark: mining snapshot history from git with one `git cat-file --batch` process, against a `git show` loop.

Builds a temporary repository with WEEKS weekly snapshot commits synthesized from the committed snapshot
(every week: about 2 % of the catalog repriced by up to ±30 %, a model or two added or retired, ranking values
drifting and neighbours swapping places, selection.json and the manifest restamped), then, in one run:

- **history**: ``generator.history.read_history`` (every file of every commit);
- **baseline**: the obvious loop, ``git ls-tree`` per commit and ``git show COMMIT:PATH`` per file;

each alone and followed by the same mining the site does (rank trends over the last 12 snapshots, every
model's price history over all of them), first on the repository as committed (loose objects), then after
``git gc`` (packed, as a clone has it). Both sides must give the same bytes and the same results. Prints the
absolute times and the ratios. Usage: ``python bench/bench_history.py [--weeks 104] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import history, published, site, site_history, store  # noqa: E402

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env or ENV
    ).stdout


def _scale(value: str, factor: Decimal) -> str:
    scaled = (Decimal(value) * factor).quantize(Decimal("1e-12")).normalize()
    return format(scaled, "f")


def evolve(files: dict[str, bytes], week: int, rng: random.Random, stamp: str) -> dict[str, bytes]:
    """One week of realistic change."""
    out = dict(files)
    catalog = json.loads(files["models.json"])
    models = catalog["models"]
    for model in rng.sample(models, max(1, len(models) // 50)):
        factor = Decimal(1) + Decimal(rng.randint(-30, 30)) / 100
        for key in ("prompt", "completion"):
            if Decimal(model["pricing"][key]) > 0:
                model["pricing"][key] = _scale(model["pricing"][key], factor)
    if week % 3 == 0:  # a model retires
        models.remove(rng.choice(models))
    if week % 2 == 0:  # a model arrives
        new = json.loads(json.dumps(rng.choice(models)))
        new["id"] = f"{new['id'].split(':')[0]}-w{week}"
        new["name"] = f"{new['name']} (week {week})"
        models.append(new)
        models.sort(key=lambda m: m["id"])
    catalog["as_of"] = stamp
    catalog["count"] = len(models)
    out["models.json"] = store.canonical_json(catalog)
    for path in sorted(files):
        if not path.startswith("rankings/"):
            continue
        doc = json.loads(files[path])
        entries = doc["entries"]
        for _ in range(2):
            if len(entries) > 2:
                i = rng.randrange(len(entries) - 1)
                entries[i]["model_id"], entries[i + 1]["model_id"] = entries[i + 1]["model_id"], entries[i]["model_id"]
        for entry in entries:
            if entry.get("value"):
                entry["value"] = str(int(Decimal(entry["value"]) * (Decimal(1) + Decimal(rng.randint(-5, 5)) / 100)))
        doc["as_of"] = stamp
        out[path] = store.canonical_json(doc)
    if "selection.json" in files:
        doc = json.loads(files["selection.json"])
        doc["as_of"] = stamp
        out["selection.json"] = store.canonical_json(doc)
    manifest = published.Manifest.model_validate_json(files["manifest.json"])
    manifest.as_of = stamp
    manifest.counts = {**manifest.counts, "models": len(models)}
    del out["manifest.json"]
    return store.build_manifest_files(manifest, out)  # every sha256 right: `orsnap build` accepts it


def build_repo(repo: Path, weeks: int) -> None:
    files = store.read_files(ROOT / "snapshots" / "v1")
    rng = random.Random(20260518)
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    start = datetime(2024, 5, 20, 6, 17, tzinfo=UTC)
    for week in range(weeks + 1):
        when = start + timedelta(weeks=week)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        if week:
            files = evolve(files, week, rng, stamp)
        store.write_atomic(repo / "snapshots" / "v1", files)
        git(repo, "add", "-A", "snapshots")
        git(
            repo,
            "commit",
            "-q",
            "-m",
            f"Weekly snapshot {stamp[:10]}",
            env={**ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
        )


def show_loop(repo: Path) -> list[history.Point]:
    """The baseline: per commit, list the snapshot's files (`git ls-tree`) and `git show` each one."""
    out = []
    log = git(repo, "log", "--reverse", "--format=%H %ct", "--", "snapshots/v1").split("\n")
    for line in filter(None, log):
        sha, stamp = line.split()
        files = {}
        for path in git(repo, "ls-tree", "-r", "--name-only", sha, "snapshots/v1").split():
            files[path.removeprefix("snapshots/v1/")] = subprocess.run(
                ["git", "-C", str(repo), "show", f"{sha}:{path}"], check=True, capture_output=True, env=ENV
            ).stdout
        when = datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(history.Point(history.Commit(sha, when, ""), files, _shared={}))
    return out


def cat_file(repo: Path) -> list[history.Point]:
    return history.read_history(repo / "snapshots").snapshots


def mined(snapshots: list[history.Point]) -> tuple[int, int]:
    """What the site computes from the history: rank trends (last 12) and every model's price history."""
    trends = history.rank_trends(snapshots)
    prices = history.price_history(snapshots)
    return len(trends["rankings"]), sum(len(points) for points in prices.values())


def size(snapshots: list[history.Point]) -> int:
    return sum(len(b) for s in snapshots for b in s.files.values())


def timed(fn, repeat: int):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(repo: Path, label: str, repeat: int) -> None:
    t_read, ours = timed(lambda: cat_file(repo), repeat)
    t_mine, ours_mined = timed(lambda: mined(cat_file(repo)), repeat)
    t_show, theirs = timed(lambda: show_loop(repo), 1)
    t_show_mine, theirs_mined = timed(lambda: mined(show_loop(repo)), 1)
    assert size(ours) == size(theirs) and ours_mined == theirs_mined  # the same bytes, the same results
    print(f"{label}:")
    print(
        f"  read every file of every commit: cat-file {t_read:.3f} s, git show loop {t_show:.3f} s "
        f"-> {t_show / t_read:.1f}x"
    )
    print(
        f"  read + mine (trends, price history): cat-file {t_mine:.3f} s, git show loop {t_show_mine:.3f} s "
        f"-> {t_show_mine / t_mine:.1f}x"
    )
    ok_ratio, ok_time = t_show_mine / t_mine >= 10, t_mine <= 1
    print(f"  goals: >= 10x {'met' if ok_ratio else 'NOT met'}; <= 1 s {'met' if ok_time else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-history-"))
    try:
        repo = tmp / "repo"
        started = time.perf_counter()
        build_repo(repo, args.weeks)
        commits = len(git(repo, "log", "--format=%H").split())
        files = len(git(repo, "ls-tree", "-r", "--name-only", "HEAD", "snapshots/v1").split())
        print(
            f"repo: {commits} weekly snapshot commits, {files} files each (built in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        measure(repo, "as committed (loose objects)", args.repeat)
        git(repo, "gc", "-q")
        measure(repo, "as a clone has it (packed, after git gc)", args.repeat)
        t_build, _ = timed(lambda: site.build(repo / "snapshots" / "v1", tmp / "site"), args.repeat)
        current = store.read_files(repo / "snapshots" / "v1")
        t_hist, _ = timed(lambda: site_history.read(repo / "snapshots" / "v1", current), args.repeat)
        print(
            f"orsnap build over this history: {t_build:.3f} s, of which {t_hist:.3f} s for the history "
            "(trends, price histories, 12 change reports, the feed)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
