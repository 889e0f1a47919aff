"""Benchmark `orsnap update` against the network floor and against a sequential fetch, in one run.

    python bench/bench_update.py [--latency-ms 150] [--repeat 3] [--concurrency 8]

The replay server runs in its own process (`orsnap replay --latency-ms 150`, so its threads do not share this
process's GIL, as a remote server would not) and delays every answer by the latency, each request in its own
thread. A keyed update runs in this process, into a fresh snapshot directory each time (so every run writes),
through a transport that notes when each request starts and ends and whether it carried the key.

The floor is computed from the call plan the run actually made: the contract first (every other call depends
on it), then the catalog, rankings, benchmarks and apps, then the ranked models' endpoints (they need the
rankings), each call taking one latency, each wave scheduled greedily on ``--concurrency`` slots. A loopback
run has no keyed rate limit (the update lifts it for a loopback API base), so neither has the floor; live, the
limit dominates a keyed update (at least 120 s, README "The call plan"). It is the network's critical path;
the local work (parsing, validating, writing) is reported beside it. The sequential baseline is the same update with
``--concurrency 1``. Goals (≤ 1.15× the floor, ≥ 4× faster than sequential) are printed beside the figures;
nothing is asserted. Times are medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import heapq
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from replay_process import start_replay  # noqa: E402

from generator.update import Options, update  # noqa: E402 (after the path setup, so the script runs from anywhere)

FIXTURES = ROOT / "tests" / "fixtures" / "openrouter"
FLOOR_GOAL, SPEEDUP_GOAL = 1.15, 4.0


@dataclass
class Trace(httpx.AsyncBaseTransport):
    """The real transport, noting (start, end, keyed, endpoints call) of every request."""

    inner: httpx.AsyncHTTPTransport = field(default_factory=httpx.AsyncHTTPTransport)
    calls: list[tuple[float, float, bool, bool]] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        start = time.perf_counter()
        response = await self.inner.handle_async_request(request)
        await response.aread()
        keyed, providers = "authorization" in request.headers, request.url.path.endswith("/endpoints")
        self.calls.append((start, time.perf_counter(), keyed, providers))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def floor_seconds(calls: int, latency: float, concurrency: int) -> float:
    """Makespan of ``calls`` independent calls of one latency each, greedy on ``concurrency`` slots."""
    slots = [0.0] * concurrency
    end = 0.0
    for _ in range(calls):
        start = heapq.heappop(slots)
        heapq.heappush(slots, start + latency)
        end = max(end, start + latency)
    return end


@dataclass
class Measured:
    wall: float
    network: float  # first request start → last response end
    before: float  # update start → first request (reading the previous snapshot, setting up the client)
    after: float  # last response → update end (normalize, rank, gate, validate, write)
    calls: list[tuple[float, float, bool, bool]]


def measure(server: str, concurrency: int) -> Measured:
    trace = Trace()
    with tempfile.TemporaryDirectory() as tmp:
        opts = Options(
            snapshots=Path(tmp),
            api_base=f"{server}/api/v1",
            contract_url=f"{server}/openapi.json",
            api_key="bench-key",
            concurrency=concurrency,
            transport=trace,
        )
        start = time.perf_counter()
        result = update(opts)
        finish = time.perf_counter()
    assert result.changed
    calls = sorted(trace.calls)
    first, last = calls[0][0], max(call[1] for call in calls)
    return Measured(finish - start, last - first, first - start, finish - last, calls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    latency = args.latency_ms / 1000
    server, url = start_replay(FIXTURES, "--latency-ms", str(args.latency_ms))
    try:
        measure(url, args.concurrency)  # warm-up: imports, schema compilation, the server's file cache
        runs = [measure(url, args.concurrency) for _ in range(args.repeat)]
        sequential = [measure(url, 1) for _ in range(args.repeat)]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()
    plan = runs[0].calls
    keyed = [call[2] for call in plan[1:]]
    providers = sum(call[3] for call in plan[1:])
    floor = latency + sum(floor_seconds(n, latency, args.concurrency) for n in (len(plan) - 1 - providers, providers))
    floor_sequential = latency * len(plan)
    wall = statistics.median(r.wall for r in runs)
    network = statistics.median(r.network for r in runs)
    wall_sequential = statistics.median(r.wall for r in sequential)
    print(
        f"call plan: {len(plan)} calls = 1 contract + {len(plan) - 1 - providers} + {providers} endpoints "
        f"({sum(keyed)} keyed; no keyed limit on loopback), concurrency {args.concurrency}, "
        f"latency {args.latency_ms} ms"
    )
    print(f"floor (network critical path): {floor:.3f} s   sequential floor: {floor_sequential:.3f} s")
    print(
        f"update, concurrency {args.concurrency}: wall {wall:.3f} s = {wall / floor:.2f}x the floor "
        f"(goal <= {FLOOR_GOAL}x); network phase {network:.3f} s = {network / floor:.2f}x the floor; local work "
        f"{statistics.median(r.before for r in runs):.3f} s before the first request and "
        f"{statistics.median(r.after for r in runs):.3f} s after the last response"
    )
    print(
        f"update, concurrency 1 (sequential): wall {wall_sequential:.3f} s = {wall_sequential / floor_sequential:.2f}x "
        f"its floor"
    )
    print(f"speed-up over sequential: {wall_sequential / wall:.2f}x (goal >= {SPEEDUP_GOAL}x)")
    print(
        f"runs (s): concurrent {[round(r.wall, 3) for r in runs]}, sequential {[round(r.wall, 3) for r in sequential]}"
    )


if __name__ == "__main__":
    main()
