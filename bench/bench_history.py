"""Benchmark: mining snapshot history from git with `generator.history`, against a fair two-process baseline.

Builds a temporary repository with WEEKS weekly snapshot commits synthesized from the committed snapshot
(every week: about 2 % of the catalog repriced by up to ±30 %, a model or two added or retired, the rankings'
values drifting and neighbours swapping places (overall, categories, orderings), every other file restamped with
the week's ``as_of`` and otherwise kept as committed (the token series, authors' shares, trending, apps, providers
and benchmarks: evolving them would mean inventing OpenRouter's weekly buckets, and no history reader looks
inside them), the manifest rebuilt), then, in one run:

- **history**: ``generator.history.read_history`` (every file of every commit);
- **baseline**: a fair reader written for this bench: one ``git log --raw`` (which blob each commit changed) and one
  ``git cat-file --batch`` reading each distinct blob once, every commit's files rebuilt from the changes (not one
  ``git show`` per file, which is 100× slower and proves nothing);

each alone and followed by the same mining the site does (rank trends over the last 12 snapshots, every
model's price history over all of them), first on the repository as committed (loose objects), then after
``git gc`` (packed, as a clone has it). Both sides must give the same bytes and the same results. Prints the
absolute times, the ratios and each side's peak traced memory (tracemalloc, a separate run). Then the history
part of ``orsnap build`` (``generator.site_history.read``, streamed: it never holds every file of every commit).

Usage: ``python bench/bench_history.py [--weeks 104] [--repeat 3] [--repo DIR]`` (``--repo``: reuse, or create
and keep, the repository there; an existing one is measured as it is).
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
import tracemalloc
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import history, prices, published, site, site_history, store  # noqa: E402

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


def _drift(entries: list[dict[str, object]], rng: random.Random) -> None:
    """A ranking's week: two pairs of neighbours swap places, every value drifts by up to ±5 %."""
    for _ in range(2):
        if len(entries) > 2:
            i = rng.randrange(len(entries) - 1)
            entries[i]["model_id"], entries[i + 1]["model_id"] = entries[i + 1]["model_id"], entries[i]["model_id"]
    for entry in entries:
        if isinstance(value := entry.get("value"), str) and value:
            entry["value"] = str(int(Decimal(value) * (Decimal(1) + Decimal(rng.randint(-5, 5)) / 100)))


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
        if path in ("models.json", "manifest.json"):
            continue
        doc = json.loads(files[path])
        if isinstance(doc, dict) and "as_of" in doc:
            doc["as_of"] = stamp
        if store.is_ranking(path):
            _drift(doc["entries"], rng)
        out[path] = store.canonical_json(doc)
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


def log_reader(repo: Path) -> list[history.Point]:
    """The baseline: one ``git log --raw`` says which blob each commit put at each path; one ``git cat-file --batch``
    reads every distinct blob once; each commit's files are the previous commit's with its changes applied."""
    log = git(
        repo, "log", "--reverse", "--raw", "--no-abbrev", "--no-renames", "--format=C %H %ct", "--", "snapshots/v1"
    )
    commits: list[tuple[str, str, dict[str, str]]] = []
    files: dict[str, str] = {}
    for line in log.splitlines():
        if line.startswith("C "):
            _, sha, stamp = line.split()
            files = dict(files)
            commits.append((sha, datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), files))
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            oid, status = meta.split()[3], meta.split()[4]
            name = path.removeprefix("snapshots/v1/")
            if status == "D":
                files.pop(name, None)
            else:
                files[name] = oid
    oids = sorted({oid for _, _, f in commits for oid in f.values()})
    proc = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{o}\n" for o in oids).encode(),
        capture_output=True,
        check=True,
        env=ENV,
    )
    blobs, out, pos = {}, proc.stdout, 0
    while pos < len(out):
        header_end = out.index(b"\n", pos)
        oid, _, size = out[pos:header_end].split()
        blobs[oid.decode()] = out[header_end + 1 : header_end + 1 + int(size)]
        pos = header_end + 1 + int(size) + 1
    shared: dict[bytes, object] = {}
    return [
        history.Point(history.Commit(sha, when, ""), {p: blobs[o] for p, o in sorted(f.items())}, _shared=shared)
        for sha, when, f in commits
    ]


def cat_file(repo: Path) -> list[history.Point]:
    return history.read_history(repo / "snapshots").snapshots


def mined(snapshots: list[history.Point]) -> tuple[int, int]:
    """What the site computes from the history: rank trends (last 12) and every model's price history."""
    trends = site_history.rank_trends(snapshots)
    history_of = prices.price_history(snapshots)
    return len(trends["rankings"]), sum(len(points) for points in history_of.values())


def size(snapshots: list[history.Point]) -> int:
    return sum(len(b) for s in snapshots for b in s.files.values())


def timed(fn, repeat: int):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def peak_mib(fn) -> float:  # type: ignore[no-untyped-def]
    """Peak memory Python allocated while ``fn`` ran (tracemalloc), in MiB."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(repo: Path, label: str, repeat: int) -> None:
    t_read, ours = timed(lambda: cat_file(repo), repeat)
    t_mine, ours_mined = timed(lambda: mined(cat_file(repo)), repeat)
    t_base, theirs = timed(lambda: log_reader(repo), repeat)
    t_base_mine, theirs_mined = timed(lambda: mined(log_reader(repo)), repeat)
    assert size(ours) == size(theirs) and ours_mined == theirs_mined  # the same bytes, the same results
    del ours, theirs
    m_ours, m_base = peak_mib(lambda: mined(cat_file(repo))), peak_mib(lambda: mined(log_reader(repo)))
    print(f"{label}:")
    print(
        f"  read every file of every commit: history {t_read:.3f} s, log --raw + cat-file baseline {t_base:.3f} s "
        f"-> {t_base / t_read:.2f}x"
    )
    print(
        f"  read + mine (trends, price history): history {t_mine:.3f} s ({m_ours:.0f} MiB peak), "
        f"baseline {t_base_mine:.3f} s ({m_base:.0f} MiB peak) -> {t_base_mine / t_mine:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repo", type=Path, help="reuse (or create and keep) the synthetic repository here")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-history-"))
    try:
        repo = args.repo or tmp / "repo"
        started = time.perf_counter()
        existing = (repo / ".git").exists()
        if not existing:
            build_repo(repo, args.weeks)
        commits = len(git(repo, "log", "--format=%H").split())
        files = len(git(repo, "ls-tree", "-r", "--name-only", "HEAD", "snapshots/v1").split())
        print(
            f"repo: {commits} weekly snapshot commits, {files} files each (built in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        if existing:
            measure(repo, "as it is", args.repeat)
        else:
            measure(repo, "as committed (loose objects)", args.repeat)
            git(repo, "gc", "-q")
            measure(repo, "as a clone has it (packed, after git gc)", args.repeat)
        t_build, _ = timed(lambda: site.build(repo / "snapshots" / "v1", tmp / "site"), args.repeat)
        current = store.read_files(repo / "snapshots" / "v1")
        t_hist, _ = timed(lambda: site_history.read(repo / "snapshots" / "v1", current), args.repeat)
        m_hist = peak_mib(lambda: site_history.read(repo / "snapshots" / "v1", current))
        print(
            f"orsnap build over this history: {t_build:.3f} s, of which {t_hist:.3f} s for the history "
            f"(trends, price histories, 12 change reports, the feed; {m_hist:.0f} MiB peak traced)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
