"""Peak memory of a keyless `orsnap update`, against the size of the largest response it reads, in one run.

    python bench/bench_update_memory.py [--scale 1 --scale 10] [--top 12]

For each scale, a temporary copy of the recorded fixtures is made (never written into ``tests/fixtures``); at
scale N every ``GET /models`` response (the catalog, each sort, each category) lists N copies of each model,
copy k > 0 with ``-ck`` appended to its id and slug, so the catalog is N times larger and every ranking still
maps. The loopback replay server (``orsnap replay``) serves it from its own process. Each measurement runs in a
fresh child process, after the imports and the compiled schemas are loaded:

- ``rss``: the child's peak RSS (``VmHWM``) during a keyless update minus its RSS after the imports;
- ``trace``: the ``tracemalloc`` peak during the update, and the top allocation sites in a snapshot taken near
  that peak (a sampling thread snapshots whenever traced memory grows past its previous high);
- ``baseline``: the tracemalloc peak and the RSS growth of ``json.loads`` of the largest response alone.

The goal (peak ≤ 1.5× the largest response, issue 15) is printed beside the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

from replay_process import start_replay

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "openrouter"
GOAL = 1.5
MiB = 1024 * 1024


def _clone_id(value: str, k: int) -> str:
    base, colon, variant = value.partition(":")
    return f"{base}-c{k}{colon}{variant}"


def _scaled(doc: dict[str, Any], scale: int) -> dict[str, Any]:
    rows = doc["data"]
    out = list(rows)
    for k in range(1, scale):
        for row in rows:
            copy = dict(row)
            copy["id"] = _clone_id(row["id"], k)
            if isinstance(row.get("canonical_slug"), str):
                copy["canonical_slug"] = _clone_id(row["canonical_slug"], k)
            out.append(copy)
    return {**doc, "data": out}


def make_fixtures(target: Path, scale: int) -> Path:
    """A copy of the recorded fixtures whose ``/models`` responses are ``scale`` times larger."""
    shutil.copytree(FIXTURES, target)
    if scale > 1:
        for path in sorted((target / "api" / "models").glob("*.json")) + sorted(
            (target / "api" / "models").glob("*/*.json")
        ):
            if path.parent.name == "endpoints" or path.parent.parent.name == "endpoints":
                continue
            doc = json.loads(path.read_bytes())
            rows = doc.get("data") if isinstance(doc, dict) else None
            if isinstance(rows, list) and rows and isinstance(rows[0], dict) and "pricing" in rows[0]:
                path.write_text(json.dumps(_scaled(doc, scale), ensure_ascii=False), encoding="utf-8")
    return target


def largest_response(fixtures: Path) -> Path:
    routes = json.loads((fixtures / "routes.json").read_bytes())["routes"]
    keyless = [fixtures / r["file"] for r in routes if not r.get("auth")]
    return max(keyless, key=lambda p: p.stat().st_size)


# --- the child process ---------------------------------------------------------------------------------------


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _peak_snapshot(run: Any) -> tuple[int, tracemalloc.Snapshot | None]:
    """Run ``run()`` under tracemalloc; its peak and a snapshot taken when traced memory was near it."""
    best: list[Any] = [0, None]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            current, _ = tracemalloc.get_traced_memory()
            if current > best[0] * 1.05:
                best[0], best[1] = current, tracemalloc.take_snapshot()
            time.sleep(0.002)

    tracemalloc.start()
    tracemalloc.reset_peak()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        run()
    finally:
        stop.set()
        sampler.join()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, best[1]


def _baseline(body: bytes) -> None:
    """json.loads of the largest response alone: its tracemalloc peak, and its RSS growth (run untraced)."""
    rss = _status("VmRSS")
    json.loads(body)
    grown = _status("VmHWM") - rss
    peak, _ = _peak_snapshot(lambda: json.loads(body))
    print(json.dumps({"peak": peak, "rss": grown}))


def child(mode: str, server: str, largest: Path, top: int) -> None:
    sys.path.insert(0, str(ROOT))
    from generator import store
    from generator.update import Options, update

    store._fast_validators()  # compiled schemas are start-up cost, not the update's
    if mode == "baseline":
        _baseline(largest.read_bytes())
        return
    with tempfile.TemporaryDirectory() as tmp:
        opts = Options(snapshots=Path(tmp), api_base=f"{server}/api/v1", contract_url=f"{server}/openapi.json")
        rss = _status("VmRSS")
        if mode == "rss":
            start = time.perf_counter()
            result = update(opts)
            wall = time.perf_counter() - start
            assert result.changed
            print(json.dumps({"rss": _status("VmHWM") - rss, "wall": wall}))
            return
        peak, snapshot = _peak_snapshot(lambda: update(opts))
        stats = snapshot.statistics("lineno") if snapshot is not None else []
        rows = [[str(s.traceback[0]).replace(str(ROOT) + "/", ""), s.size] for s in stats[:top]]
        print(json.dumps({"peak": peak, "near_peak": sum(s.size for s in stats), "top": rows}))


# --- the parent ---------------------------------------------------------------------------------------------


def run_child(mode: str, server: str, largest: Path, top: int) -> dict[str, Any]:
    argv = [sys.executable, __file__, "--child", mode, "--server", server, "--largest", str(largest)]
    out = subprocess.run([*argv, "--top", str(top)], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(scale: int, top: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fixtures = make_fixtures(Path(tmp) / "openrouter", scale)
        largest = largest_response(fixtures)
        size = largest.stat().st_size
        server, url = start_replay(fixtures)
        try:
            baseline = run_child("baseline", url, largest, top)
            rss = run_child("rss", url, largest, top)
            traced = run_child("trace", url, largest, top)
        finally:
            server.terminate()
            server.wait(timeout=10)
            if server.stderr:
                server.stderr.close()
    print(f"scale {scale}x: largest response {size} bytes ({size / MiB:.2f} MiB, {largest.relative_to(fixtures)})")
    print(
        f"  baseline json.loads of it alone: tracemalloc peak {baseline['peak'] / MiB:.1f} MiB "
        f"= {baseline['peak'] / size:.2f}x; RSS growth {baseline['rss'] / MiB:.1f} MiB = {baseline['rss'] / size:.2f}x"
    )
    print(
        f"  keyless update: tracemalloc peak {traced['peak'] / MiB:.1f} MiB = {traced['peak'] / size:.2f}x the "
        f"largest response (goal <= {GOAL}x) = {traced['peak'] / baseline['peak']:.2f}x the baseline's peak; "
        f"peak RSS over RSS after imports {rss['rss'] / MiB:.1f} MiB = {rss['rss'] / size:.2f}x the response = "
        f"{rss['rss'] / baseline['rss']:.2f}x the baseline's; wall {rss['wall']:.2f} s (no latency)"
    )
    print(f"  near the peak ({traced['near_peak'] / MiB:.1f} MiB traced), the top allocation sites:")
    for where, nbytes in traced["top"]:
        print(f"    {nbytes / MiB:7.2f} MiB  {where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append", help="catalog scale (repeatable; default 1 and 10)")
    parser.add_argument("--top", type=int, default=12, help="allocation sites to list")
    parser.add_argument("--child", choices=("baseline", "rss", "trace"), help=argparse.SUPPRESS)
    parser.add_argument("--server", help=argparse.SUPPRESS)
    parser.add_argument("--largest", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.server, args.largest, args.top)
        return
    for scale in args.scale or [1, 10]:
        measure(scale, args.top)


if __name__ == "__main__":
    main()
