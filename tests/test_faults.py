"""The fault matrix: `orsnap update` end to end against a faulty loopback replay server.

Every fault runs the real command (click's CliRunner in-process; a few as real subprocesses) against the
replay server with the fault injected (generator/replay.py). A fault that must not publish asserts the
documented exit code, exactly one line on stderr naming the endpoint and the cause (no traceback), and a
snapshot directory byte-identical to before (every file and directory hashed, so a stray staging directory
counts too). A recoverable fault asserts the run succeeds with the right data.

Retry waits are kept short with ``--max-retry-wait`` (and ``--timeout`` for the timeout faults); nothing here
asserts a wall-clock duration except that a Retry-After wait lasted at least as long as the server asked.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from generator import store
from generator.cli import cli
from generator.replay import ReplayServer
from generator.replay_faults import HEADER, KINDS, parse_fault
from generator.update import Options, update

from .conftest import FAKE_KEY, FIXTURES, ROOT
from .test_client import VirtualTime

pytestmark = pytest.mark.slow  # the fault matrix end to end, real processes, kill -9, the lock

CATALOG = "/api/v1/models?output_modalities=all"
RANKINGS = "/api/v1/datasets/rankings-daily"
LEGAL = f"{RANKINGS}?category=legal"
CONTRACT = "/openapi.json"
FAST = ("--timeout", "10", "--max-retry-wait", "0.02")  # retries back off 20 ms at most


# --- helpers --------------------------------------------------------------------------------------------------


def tree_state(root: Path) -> dict[str, str]:
    """Every directory and file under ``root`` (sha256 for files): equal states mean byte-identical trees.

    The lock file beside ``v1`` (``.v1.lock``, holding the PID of a run while it runs) is not part of the snapshot.
    """
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p != store.lock_path(root / "v1")
    }


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_update(
    server: ReplayServer,
    snapshots: Path,
    *args: str,
    keyed: bool = True,
    api_base: str | None = None,
    contract_url: str | None = None,
) -> Run:
    command = [
        "update",
        "--api-base",
        api_base or f"{server.url}/api/v1",
        "--contract-url",
        contract_url or f"{server.url}{CONTRACT}",
        "--snapshots",
        str(snapshots),
        *FAST,
        *args,
    ]
    result = CliRunner().invoke(cli, command, env={"OPENROUTER_API_KEY": FAKE_KEY if keyed else ""})
    if result.exit_code == 0:
        assert_builds(snapshots)
    return Run(result.exit_code, result.stdout, result.stderr)


def assert_builds(snapshots: Path) -> None:
    """Whatever `update` publishes, `build` renders: every run of this file that exits 0 is built at once."""
    out = snapshots.parent / f"_site-{len(list(snapshots.parent.glob('_site-*')))}"
    built = CliRunner().invoke(cli, ["build", "--snapshots", str(snapshots), "--out", str(out), "--quiet"])
    assert built.exit_code == 0, built.output
    assert (out / "index.html").is_file()


@pytest.fixture(scope="module")
def fault_fixtures(fixtures_without_apps: Path) -> Path:
    """Faults retry keyed calls on purpose: the contract without apps keeps them inside the rate-limit window."""
    return fixtures_without_apps


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory, fault_fixtures: Path) -> dict[bool, Path]:
    """A keyed and a keyless snapshot made by a clean run: the 'previous snapshot' every fault starts from."""
    out = {}
    with ReplayServer(fault_fixtures) as server:
        for keyed in (True, False):
            root = tmp_path_factory.mktemp("keyed" if keyed else "keyless") / "snapshots"
            run = run_update(server, root, keyed=keyed)
            assert run.code == 0, run.stderr
            out[keyed] = root
    return out


def previous(baselines: dict[bool, Path], tmp_path: Path, keyed: bool = True) -> Path:
    target = tmp_path / "snapshots"
    shutil.copytree(baselines[keyed], target)
    return target


@pytest.fixture
def server(fault_fixtures: Path) -> ReplayServer:
    with ReplayServer(fault_fixtures) as replay:
        yield replay
    assert replay.errors == [], replay.errors[0]  # the faulty server did what it was told, nothing else


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- faults that must publish nothing -------------------------------------------------------------------------


@dataclass(frozen=True)
class Refuses:
    faults: tuple[str, ...]
    exit_code: int
    says: tuple[str, ...]  # the one stderr line names the endpoint and the cause with these
    keyed: bool = True
    args: tuple[str, ...] = ()
    api: str = "replay"  # "refused": the API base is a loopback port where nothing listens
    contract: str = "replay"  # "refused": likewise for the contract URL
    fresh: bool = False  # no previous snapshot


SOURCE, USAGE, REFUSED, INVALID = 1, 2, 3, 4
RECORDED = json.loads((FIXTURES / "api/models/all.json").read_text())["data"]
# prices among the first six catalog models that are not zero: what `price-jump:1000,6` multiplies
JUMPED = sum(1 for m in RECORDED[:6] for key in ("prompt", "completion") if Decimal(m["pricing"][key]) > 0)
MATRIX: dict[str, Refuses] = {
    # transport
    "timeout": Refuses(
        (f"timeout:30@{CATALOG}",),
        SOURCE,
        ("GET /models?output_modalities=all", "no complete response within 0.4 s", "gave up after 4 attempts"),
        args=("--timeout", "0.4"),
    ),
    "slow-drip-of-one-byte-every-0.2-s": Refuses(
        (f"drip:0.2@{LEGAL}",),
        SOURCE,
        ("GET /datasets/rankings-daily?category=legal&period=week", "no complete response within 0.5 s (--timeout)"),
        args=("--timeout", "0.5"),
    ),
    "slow-drip-outlasting-the-update-deadline": Refuses(
        (f"drip:0.2@{LEGAL}",),
        SOURCE,
        (
            "GET /datasets/rankings-daily?category=legal&period=week",
            "the update did not finish within 1.5 s (--max-duration)",
        ),
        args=("--timeout", "10", "--max-duration", "1.5"),
    ),
    # keyless: with a key, 24 keyed calls x 4 attempts would also wait out the real 30-per-minute limit
    "refused-connection-api": Refuses(
        (), SOURCE, ("source failed: GET /models?", "connection failed (ConnectError)"), keyed=False, api="refused"
    ),
    "refused-connection-one-endpoint": Refuses(
        (f"refused@{LEGAL}",),
        SOURCE,
        ("GET /datasets/rankings-daily?category=legal&period=week", "connection failed (ConnectError)"),
    ),
    "connection-reset": Refuses(
        ("reset@/api/v1/benchmarks",), SOURCE, ("GET /benchmarks", "connection failed (RemoteProtocolError)")
    ),
    "body-cut-mid-transfer": Refuses(
        (f"cut@{CATALOG}",), SOURCE, ("GET /models?output_modalities=all", "connection failed (RemoteProtocolError)")
    ),
    "contract-unreachable-without-previous-snapshot": Refuses(
        (),
        SOURCE,
        ("/openapi.json", "connection failed (ConnectError)", "no previous snapshot"),
        contract="refused",
        fresh=True,
    ),
    # statuses
    "http-500-persistent": Refuses(
        ("status:500@/api/v1/benchmarks",), SOURCE, ("GET /benchmarks", "HTTP 500 (gave up after 4 attempts)")
    ),
    "http-502-burst-longer-than-retries": Refuses(
        (f"status:502*4@{CATALOG}",), SOURCE, ("GET /models?output_modalities=all", "HTTP 502 (gave up after 4")
    ),
    "http-503-persistent-keyless-category": Refuses(
        ("status:503@/api/v1/models?category=legal",),
        SOURCE,
        ("GET /models?category=legal&sort=top-weekly", "HTTP 503"),
        keyed=False,
    ),
    "http-429-that-never-ends": Refuses(
        ("rate-limit:0@/api/v1/benchmarks",), SOURCE, ("GET /benchmarks", "HTTP 429 (gave up after 4 attempts)")
    ),
    "rate-limit-budget-runs-out-mid-run": Refuses(
        (f"budget:6@{RANKINGS}",),
        SOURCE,
        ("GET /datasets/rankings-daily?", "HTTP 429", "retry after 3600 s", "budget exhausted"),
    ),
    "http-401-bad-key": Refuses(
        (f"status:401@{RANKINGS}",),
        SOURCE,
        ("GET /datasets/rankings-daily?", "HTTP 401: the API key was refused (check OPENROUTER_API_KEY)"),
    ),
    "http-404-endpoint-gone": Refuses(("status:404@/api/v1/benchmarks",), SOURCE, ("GET /benchmarks", "HTTP 404")),
    # bodies
    "truncated-json": Refuses((f"truncate@{CATALOG}",), SOURCE, ("GET /models?output_modalities=all", "invalid JSON")),
    "html-page-with-status-200": Refuses(
        (f"html@{LEGAL}",),
        SOURCE,
        ("GET /datasets/rankings-daily?category=legal&period=week", "expected JSON, got text/html with status 200"),
    ),
    "body-of-50-mb-streamed": Refuses(
        (f"huge:50M@{CATALOG}",), SOURCE, ("GET /models?output_modalities=all", "exceeds the 20971520-byte cap")
    ),
    "body-of-50-mb-declared": Refuses(
        (f"huge-declared:50M@{CATALOG}",),
        SOURCE,
        ("GET /models?output_modalities=all", "response of 52428800 bytes exceeds the 20971520-byte cap"),
    ),
    "json-nested-100000-deep": Refuses(
        (f"deep-nesting@{CATALOG}",),
        SOURCE,
        ("GET /models?output_modalities=all", "invalid JSON (nested too deeply)"),
    ),
    "date-header-in-1970": Refuses(
        (f"date:Thu, 01 Jan 1970 00:00:00 GMT@{CATALOG}",),
        REFUSED,
        (
            "gate as-of-regress: the catalog is dated 1970-01-01T00:00:00Z, before the previous snapshot's",
            "GET /models?output_modalities=all, its Date header",
        ),
    ),
    "bare-nan-in-json": Refuses(
        (f"price-number:NaN@{CATALOG}",),
        SOURCE,
        ("GET /models?output_modalities=all", "invalid JSON (non-standard JSON constant NaN)"),
    ),
    # data that fails validation
    "data-empty-list-keyed-ranking": Refuses(
        (f"empty-data@{LEGAL}",),
        INVALID,
        ("GET /datasets/rankings-daily?category=legal&period=week", "meta: Field required"),
    ),
    "every-keyed-ranking-invalid-at-once": Refuses(
        (f"drop-field:model_permaslug@{RANKINGS}",),
        INVALID,
        ("GET /datasets/rankings-daily?", "model_permaslug: Field required"),
    ),
    "missing-required-field-catalog": Refuses(
        (f"drop-field:pricing@{CATALOG}",), INVALID, ("GET /models?output_modalities=all", "pricing: Field required")
    ),
    "missing-required-field-ranking-row": Refuses(
        (f"drop-field:model_permaslug@{LEGAL}",),
        INVALID,
        ("GET /datasets/rankings-daily?category=legal&period=week", "model_permaslug: Field required"),
    ),
    "duplicate-ids-catalog": Refuses(
        (f"duplicate-ids@{CATALOG}",), INVALID, ("GET /models?output_modalities=all", "duplicate model ids")
    ),
    "duplicate-permaslugs-ranking": Refuses(
        (f"duplicate-ids@{LEGAL}",), INVALID, ("category=legal&period=week", "a permaslug is listed twice")
    ),
    "duplicate-ids-keyless-category": Refuses(
        ("duplicate-ids@/api/v1/models?category=legal",),
        INVALID,
        ("GET /models?category=legal&sort=top-weekly", "is listed twice"),
        keyed=False,
    ),
    "negative-price": Refuses(
        (f"price:-0.5@{CATALOG}",), INVALID, ("GET /models?output_modalities=all", "pricing.prompt: '-0.5' is negative")
    ),
    "nan-price-string": Refuses(
        (f"price:NaN@{CATALOG}",), INVALID, ("GET /models?output_modalities=all", "'NaN' is not a finite number")
    ),
    "non-numeric-price": Refuses(
        (f"price:abc@{CATALOG}",), INVALID, ("GET /models?output_modalities=all", "'abc' is not a decimal")
    ),
    "price-as-json-number": Refuses(
        (f"price-number:0.5@{CATALOG}",),
        INVALID,
        ("GET /models?output_modalities=all", "pricing.prompt: Input should be a valid string"),
    ),
    "context-length-10-to-the-300": Refuses(
        (f"huge-number:context_length,300@{CATALOG}",),
        INVALID,
        ("GET /models?output_modalities=all", "context_length: Input should be less than or equal to 1000000000"),
    ),
    "created-10-to-the-4000": Refuses(
        (f"huge-number:created,4000@{CATALOG}",),
        INVALID,
        ("GET /models?output_modalities=all", "created: Input should be less than or equal to 4102444800"),
    ),
    "tokens-10-to-the-300": Refuses(
        (f"huge-number:total_tokens,300@{LEGAL}",),
        INVALID,
        ("GET /datasets/rankings-daily?category=legal&period=week", "value: String should have at most 40 characters"),
    ),
    "benchmark-elo-10-to-the-400": Refuses(
        ("huge-number:elo,400@/api/v1/benchmarks",), INVALID, ("GET /benchmarks", "elo")
    ),
    "unknown-field-named-like-a-workflow-command": Refuses(
        (f"unknown-fields:x\n::warning title=pwned::owned@{CATALOG}",),
        INVALID,
        (
            "GET /models?output_modalities=all",
            "a name we will not publish: 'architecture.x\\n::warning title=pwned::owned'",
        ),
    ),
    "pricing-key-with-a-newline-in-a-validation-error": Refuses(
        (f"pricing-key:k\n::error::x\u202e@{CATALOG}",),
        INVALID,
        ("GET /models?output_modalities=all", "pricing.k\\n::error::x\\u202e: Input should be a valid string"),
    ),
    "hugging-face-id-that-is-a-script-url": Refuses(
        (f"set-field:hugging_face_id=javascript:alert(1)//x@{CATALOG}",),
        INVALID,
        ("GET /models?output_modalities=all", "hugging_face_id: String should match pattern"),
    ),
    "hugging-face-id-with-a-path-outside-the-hub": Refuses(
        (f"set-field:hugging_face_id=../../evil.example/x@{CATALOG}",),
        INVALID,
        ("GET /models?output_modalities=all", "hugging_face_id: String should match pattern"),
    ),
    "category-slug-dot-dot": Refuses(
        (f"category:../../etc@{CONTRACT}",), INVALID, ("/openapi.json", "unusable slug", "'../../etc'")
    ),
    "category-slug-absolute": Refuses(
        (f"category:/abs@{CONTRACT}",), INVALID, ("/openapi.json", "unusable slug", "'/abs'")
    ),
    "category-slug-empty-segment": Refuses(
        (f"category:a//b@{CONTRACT}",), INVALID, ("/openapi.json", "unusable slug", "'a//b'")
    ),
    "category-slug-windows-device-upper": Refuses(
        (f"category:CON@{CONTRACT}",), INVALID, ("/openapi.json", "unusable slug", "'CON'")
    ),
    "category-slug-windows-device": Refuses(
        (f"category:con@{CONTRACT}",), INVALID, ("/openapi.json", "reserved name 'con'")
    ),
    # gates (exit 3): the data is valid but not believable
    "empty-catalog": Refuses(
        (f"empty-data@{CATALOG}",),
        REFUSED,
        ("gate catalog-shrink", "from 368 to 0 models", "GET /models?output_modalities=all", "gate mass-vanish"),
    ),
    "category-emptied-keyed": Refuses(
        (f"empty-rows@{LEGAL}",),
        REFUSED,
        ("gate empty-category: category 'legal' had 8 entries and now has none", "category=legal&period=week"),
    ),
    "category-emptied-keyless": Refuses(
        ("empty-data@/api/v1/models?category=legal",),
        REFUSED,
        ("gate empty-category: category 'legal'", "GET /models?category=legal&sort=top-weekly"),
        keyed=False,
    ),
    "rankings-dataset-stops-carrying-data-2026-05-17": Refuses(
        (f"empty-rows@{RANKINGS}",),
        REFUSED,
        (
            "gate all-rankings-empty: all 25 rankings from GET /datasets/rankings-daily have no entries",
            "12 categories that had entries now have none",
        ),
    ),
    "every-ranking-empty": Refuses(
        (f"empty-rows@{RANKINGS}", "empty-data@/api/v1/models?sort=*"),
        REFUSED,
        ("gate all-rankings-empty: all 37 rankings have no entries", "GET /datasets/rankings-daily, GET /models"),
    ),
    "every-row-of-a-category-unmapped": Refuses(
        (f"ghost-permaslugs:all@{LEGAL}",),
        REFUSED,
        (
            "gate all-unmapped",
            "category 'legal' (9 rows, GET /datasets/rankings-daily?category=legal&period=week&start_date=2025-01-01)",
        ),
    ),
    "catalog-shrinks-15-percent": Refuses(
        (f"vanish:15%@{CATALOG}",),
        REFUSED,
        (
            "gate catalog-shrink: the catalog shrank from 368 to 313 models (-14.9%, threshold 10%)",
            "GET /models?output_modalities=all",
            "raise --max-shrink",
        ),
    ),
    "mass-vanish-27-percent-renamed": Refuses(
        (f"rename-ids:100@{CATALOG}",),
        REFUSED,
        ("gate mass-vanish: 100 of 368 catalog models vanished (27%, threshold 25%)", "raise --max-vanish"),
    ),
    "contract-lists-1-of-12-categories": Refuses(
        (f"enum-keep:category,1@{CONTRACT}",),
        REFUSED,
        ("gate contract-shrink: 11 of 12 categories vanished (92%, threshold 25%)", "openapi.json"),
    ),
    "contract-sort-list-cut-to-1": Refuses(
        (f"enum-keep:sort,1@{CONTRACT}",),
        REFUSED,
        ("gate contract-shrink: 11 of", "orderings vanished", "openapi.json", "raise --max-contract-shrink"),
    ),
    "catalog-grows-by-4000-models": Refuses(
        (f"clone-models:4000@{CATALOG}",),
        REFUSED,
        ("gate sudden-growth: 4000 new models at once, 368 before", "GET /models?output_modalities=all"),
    ),
    "prices-jump-1000x": Refuses(
        (f"price-jump:1000,6@{CATALOG}",),
        REFUSED,
        (
            f"gate price-jump: {JUMPED} prompt/completion prices changed by more than 100x at once (threshold 5)",
            "GET /models?output_modalities=all",
            "raise --max-price-jumps",
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_fault_publishes_nothing_and_says_one_line(
    name: str, server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    case = MATRIX[name]
    snapshots = tmp_path / "snapshots" if case.fresh else previous(baselines, tmp_path, case.keyed)
    before = tree_state(snapshots)
    for spec in case.faults:
        server.add_fault(spec)
    run = run_update(
        server,
        snapshots,
        *case.args,
        keyed=case.keyed,
        api_base=f"{server.refused_url}/api/v1" if case.api == "refused" else None,
        contract_url=f"{server.refused_url}{CONTRACT}" if case.contract == "refused" else None,
    )
    assert run.code == case.exit_code, run.stderr
    assert len(run.lines) == 1 and run.lines[0].startswith("orsnap: error: "), run.stderr
    for fragment in case.says:
        assert fragment in run.lines[0], (fragment, run.lines[0])
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert FAKE_KEY not in run.stderr
    assert tree_state(snapshots) == before


def test_the_matrix_covers_every_fault_kind_and_enough_faults() -> None:
    refused = {parse_fault(spec).kind for case in MATRIX.values() for spec in case.faults}
    recovered = {parse_fault(spec).kind for case in RECOVERS.values() for spec in case}
    published_as_data = {
        "unknown-fields",
        "hostile-names",
        "ghost-permaslugs",
        "zero-prices",
        "vanish",
        "rewrite-modality",
        "enum-keep",
        "date",
    }
    assert set(KINDS) - refused - recovered - published_as_data == set()
    assert len(MATRIX) + len(RECOVERS) >= 25


def test_debug_shows_the_traceback(server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path) -> None:
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    server.add_fault(f"truncate@{CATALOG}")
    run = run_update(server, snapshots, "--debug")
    assert run.code == SOURCE
    assert "Traceback (most recent call last)" in run.stderr
    assert run.lines[-1].startswith("orsnap: error: source failed: GET /models?output_modalities=all: invalid JSON")
    assert FAKE_KEY not in run.stderr
    assert tree_state(snapshots) == before


# --- faults the run recovers from -----------------------------------------------------------------------------

RECOVERS: dict[str, tuple[str, ...]] = {
    "delay": (f"delay:0.3@{CATALOG}",),
    "http-500-burst": ("status:500*2@/api/v1/benchmarks",),
    "http-502-burst": (f"status:502*3@{CATALOG}",),
    "http-503-burst-across-rankings": (f"status:503*6@{RANKINGS}",),  # 6 retries (loopback: no keyed limit)
    "http-503-burst-on-the-contract": (f"status:503*2@{CONTRACT}",),
    "timeout-once": ("timeout:30*1@/api/v1/benchmarks",),
    "connection-reset-once": (f"reset*2@{LEGAL}",),
    "body-cut-once": (f"cut*1@{CATALOG}",),
    "refused-once": (f"refused*1@{LEGAL}",),
    "budget-that-suffices": (f"budget:25@{RANKINGS}",),  # the 25 rankings-daily calls
}


@pytest.mark.parametrize("name", sorted(RECOVERS))
def test_recoverable_fault_is_retried_and_the_data_is_unchanged(
    name: str, server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    for spec in RECOVERS[name]:
        server.add_fault(spec)
    run = run_update(server, snapshots, "--timeout", "0.5" if "timeout" in name else "10")
    assert run.code == 0, run.stderr
    assert run.lines[0] == f"unchanged: {snapshots / 'v1'}"
    assert tree_state(snapshots) == before  # the recovered run read exactly the recorded data
    faults = [parse_fault(spec) for spec in RECOVERS[name]]
    if faults[0].times:  # the burst really happened: the server saw the retries
        paths = Counter(path for path, _, _ in server.requests)
        target = faults[0].target.partition("?")[0]
        assert paths[target] >= faults[0].times + 1


def test_429_with_retry_after_is_honoured_then_succeeds(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    server.add_fault("rate-limit:1*1@/api/v1/benchmarks")
    run = run_update(server, snapshots, "--max-retry-wait", "5")
    assert run.code == 0 and run.lines[0].startswith("unchanged:"), run.stderr
    assert tree_state(snapshots) == before
    times = [t for t, path, _ in server.started if path == "/api/v1/benchmarks"]
    assert len(times) == 2 and times[1] - times[0] >= 1.0  # it waited as long as Retry-After said


# --- faults that publish, correctly -------------------------------------------------------------------------


def test_unknown_new_fields_are_accepted_and_listed_in_the_manifest(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = store.read_files(snapshots / "v1")
    server.add_fault(f"unknown-fields:routing_hints@{CATALOG}")
    run = run_update(server, snapshots)
    assert run.code == 0, run.stderr
    assert "unknown upstream fields architecture.routing_hints×368, routing_hints×368" in run.stderr
    after = store.read_files(snapshots / "v1")
    assert [p for p in after if after[p] != before[p]] == ["manifest.json"]  # never published, only reported
    unknown = load(snapshots / "v1/manifest.json")["unknown_fields"]
    assert unknown == [{"count": 368, "path": "architecture.routing_hints"}, {"count": 368, "path": "routing_hints"}]


def test_hostile_names_are_stored_as_data_and_escaped_on_the_site(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    from generator.replay_faults import HOSTILE_NAMES

    snapshots = previous(baselines, tmp_path)
    server.add_fault(f"hostile-names@{CATALOG}")
    run = run_update(server, snapshots)
    assert run.code == 0, run.stderr
    names = {m["name"] for m in load(snapshots / "v1/models.json")["models"]}
    assert set(HOSTILE_NAMES) <= names  # stored verbatim: the snapshot is data, not markup
    built = CliRunner().invoke(cli, ["build", "--snapshots", str(snapshots), "--out", str(tmp_path / "site"), "-q"])
    assert built.exit_code == 0, built.output
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")}
    shown = [p for p, html in pages.items() if "&lt;script&gt;alert(&#39;orsnap&#39;)&lt;/script&gt;" in html]
    assert shown, "the hostile name is on no page"
    for page, html in pages.items():
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "\u202e" not in html and "\u200b" not in html and "\u2066" not in html, page


def test_permaslugs_matching_no_model_are_published_as_unmapped(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = load(snapshots / "v1/rankings/category/legal.json")
    unmapped_before = load(snapshots / "v1/manifest.json")["unmapped_rows"]
    server.add_fault(f"ghost-permaslugs@{LEGAL}")
    run = run_update(server, snapshots)
    assert run.code == 0, run.stderr
    legal = load(snapshots / "v1/rankings/category/legal.json")
    ghosts = [u for u in legal["unmapped"] if u["permaslug"].startswith("ghost-lab/")]
    assert len(ghosts) == 1 and ghosts[0]["reason"] == "permaslug matches no catalog canonical_slug"
    assert len(legal["entries"]) == len(before["entries"]) - 1
    assert load(snapshots / "v1/manifest.json")["unmapped_rows"] == unmapped_before + 1


@pytest.mark.parametrize("fault", ["refused", "html", "status:404"])
def test_unreachable_contract_falls_back_to_the_previous_snapshot_and_says_so(
    fault: str, server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = load(snapshots / "v1/categories.json")
    server.add_fault(f"{fault}@{CONTRACT}")
    run = run_update(server, snapshots)
    assert run.code == 0, run.stderr
    assert run.lines[0].startswith("note: contract unreachable (GET ") and "/openapi.json" in run.lines[0]
    assert run.lines[0].endswith("used the previous snapshot's categories and orderings")
    after = load(snapshots / "v1/categories.json")
    assert after["discovered_from"] == "previous-snapshot"
    assert after["categories"] == before["categories"]
    assert (
        load(snapshots / "v1/dimensions.json")["dimensions"]
        == load(baselines[True] / "v1/dimensions.json")["dimensions"]
    )


def test_zero_valued_price_keys_coming_back_change_nothing(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    """January 2026: upstream dropped zero-valued price keys wholesale. Missing and "0" are the same price."""
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    server.add_fault(f"zero-prices@{CATALOG}")
    run = run_update(server, snapshots)
    assert run.code == 0 and run.lines[0].startswith("unchanged:"), run.stderr
    assert tree_state(snapshots) == before


def test_a_few_models_vanishing_is_published_not_refused(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    """January 2026: 16 models vanished (and came back hours later). Below the thresholds, that is the news."""
    snapshots = previous(baselines, tmp_path)
    ids = [m["id"] for m in RECORDED]
    server.add_fault(f"vanish:16@{CATALOG}")
    run = run_update(server, snapshots)
    assert run.code == 0 and run.lines[0].startswith("changed:"), run.stderr
    published = {m["id"] for m in load(snapshots / "v1/models.json")["models"]}
    assert published == set(ids[16:])
    assert load(snapshots / "v1/manifest.json")["forced"] == []


def test_a_category_dropped_from_the_contract_is_published_not_refused(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    """One of 12 categories gone (8%, below --max-contract-shrink) is news: published, its file removed."""
    snapshots = previous(baselines, tmp_path)
    categories = load(snapshots / "v1/categories.json")["categories"]
    last = categories[-1]["slug"]
    server.add_fault(f"enum-keep:category,11@{CONTRACT}")
    run = run_update(server, snapshots)
    assert run.code == 0 and run.lines[0].startswith("changed:"), run.stderr
    assert [c["slug"] for c in load(snapshots / "v1/categories.json")["categories"]] == [
        c["slug"] for c in categories[:-1]
    ]
    assert not (snapshots / f"v1/rankings/category/{last}.json").exists()


@pytest.mark.parametrize("date", ["Fri, 31 Dec 9999 23:59:59 -1200", "9999", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_a_date_header_out_of_range_or_in_the_future_is_not_used(
    date: str, server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    """`Date: 9999` (an OverflowError once) is not a date we can use: the run's own clock dates the catalog, as
    when the header is missing: published with that date, never 9999. With the same data, a date alone rewrites
    nothing (`unchanged`); `--top 10` changes the ranking files, so the snapshot is written and dated."""
    snapshots = previous(baselines, tmp_path)
    recorded = load(snapshots / "v1/models.json")["as_of"]
    server.add_fault(f"date:{date}@{CATALOG}")
    run = run_update(server, snapshots)
    assert run.code == 0 and run.lines[0].startswith("unchanged:"), run.stderr
    assert load(snapshots / "v1/models.json")["as_of"] == recorded
    server.add_fault(f"date:{date}@{CATALOG}")
    run = run_update(server, snapshots, "--top", "10")
    assert run.code == 0 and run.lines[0].startswith("changed:"), run.stderr
    as_of = load(snapshots / "v1/models.json")["as_of"]
    assert recorded < as_of <= time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def test_rewritten_modality_strings_are_published_as_data(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    server.add_fault(f"rewrite-modality@{CATALOG}")
    assert run_update(server, snapshots).code == 0
    modalities = Counter(m["modality"] for m in load(snapshots / "v1/models.json")["models"])
    assert modalities["text+image->text"] == 0 and modalities["text+image+file->text"] == 63 + 50


@pytest.mark.parametrize(
    ("fault", "flags", "forced"),
    [
        (f"vanish:15%@{CATALOG}", ("--max-shrink", "0.2"), []),
        (f"rename-ids:100@{CATALOG}", ("--max-vanish", "0.3", "--force"), ["all-unmapped"]),
        (f"price-jump:1000,6@{CATALOG}", ("--max-price-jumps", "20"), []),
        (f"price-jump:1000,6@{CATALOG}", ("--force",), ["price-jump"]),
        (f"empty-rows@{LEGAL}", ("--force",), ["empty-category"]),
        (f"enum-keep:category,1@{CONTRACT}", ("--max-contract-shrink", "0.95"), []),
        (f"enum-keep:sort,1@{CONTRACT}", ("--force",), ["contract-shrink"]),
        (f"clone-models:4000@{CATALOG}", ("--max-growth", "11"), []),
        (f"clone-models:4000@{CATALOG}", ("--force",), ["sudden-growth"]),
    ],
)
def test_the_flag_a_refusal_names_overrides_it(
    fault: str,
    flags: tuple[str, ...],
    forced: list[str],
    server: ReplayServer,
    baselines: dict[bool, Path],
    tmp_path: Path,
) -> None:
    snapshots = previous(baselines, tmp_path)
    server.add_fault(fault)
    run = run_update(server, snapshots, *flags)
    assert run.code == 0, run.stderr
    assert load(snapshots / "v1/manifest.json")["forced"] == forced
    assert ("FORCED past gates: " + ", ".join(forced) in run.stderr) == bool(forced)


# --- the server's own promises --------------------------------------------------------------------------------


def test_a_request_header_selects_a_fault_for_that_request_only(server: ReplayServer) -> None:
    url = f"{server.url}{CATALOG}"
    assert httpx.get(url, headers={HEADER: "html"}).headers["content-type"].startswith("text/html")
    assert httpx.get(url, headers={HEADER: "status:502"}).status_code == 502
    assert len(httpx.get(url).json()["data"]) == 368
    bad = httpx.get(url, headers={HEADER: "no-such-fault"})
    assert bad.status_code == 400 and "unknown fault kind 'no-such-fault'" in bad.json()["error"]["message"]


def test_fault_targets_match_path_and_query(server: ReplayServer) -> None:
    server.add_fault("status:503@/api/v1/models?sort=*")
    assert httpx.get(f"{server.url}/api/v1/models", params={"sort": "newest"}).status_code == 503
    assert httpx.get(f"{server.url}{CATALOG}").status_code == 200
    with pytest.raises(ValueError, match="unknown fault kind"):
        parse_fault("melt@/api/v1/models")
    with pytest.raises(ValueError, match="must be a path"):
        parse_fault("status:503@api/v1/models")


def test_latency_is_applied_to_concurrent_requests_in_parallel() -> None:
    async def fetch_all(url: str) -> None:
        async with httpx.AsyncClient() as client:
            await asyncio.gather(*(client.get(url) for _ in range(8)))

    with ReplayServer(FIXTURES, latency=0.3) as slow:
        asyncio.run(fetch_all(f"{slow.url}{CONTRACT}"))
        assert slow.max_in_flight == 8  # all eight were waiting out their latency at the same time


def test_the_replay_server_refuses_non_loopback_addresses() -> None:
    with pytest.raises(ValueError, match="loopback"):
        ReplayServer(FIXTURES, host="0.0.0.0")  # noqa: S104 - the point is that it is refused


def test_orsnap_replay_fault_flag_and_update_as_real_processes(baselines: dict[bool, Path], tmp_path: Path) -> None:
    """`orsnap replay --fault …` in one process, `orsnap update` in another: the exit code and the one stderr line
    are the real process's."""
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    replay = subprocess.Popen(
        [sys.executable, "-m", "generator", "replay", str(FIXTURES), "--port", "0", "--fault", f"truncate@{CATALOG}"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = replay.stderr.readline() if replay.stderr else ""
        assert "with 1 fault(s)" in banner, banner
        url = banner.split(" on ", 1)[1].split(" ", 1)[0]
        env = {**os.environ, "OPENROUTER_API_KEY": FAKE_KEY}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "update",
                "--api-base",
                f"{url}/api/v1",
                "--contract-url",
                f"{url}{CONTRACT}",
                "--snapshots",
                str(snapshots),
                *FAST,
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        replay.terminate()
        replay.wait(timeout=10)
        if replay.stderr:
            replay.stderr.close()
    assert done.returncode == SOURCE
    assert (
        done.stderr.splitlines() == [done.stderr.strip()]
        and "source failed: GET /models?output_modalities=all: invalid JSON" in done.stderr
    )
    assert done.stdout == "" and tree_state(snapshots) == before


def test_an_unknown_fault_kind_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["replay", str(FIXTURES), "--fault", "melt"])
    assert result.exit_code == USAGE and "unknown fault kind 'melt'" in result.stderr


# --- the rate limit, against a fake clock ------------------------------------------------------------------------


class Stamping(httpx.AsyncBaseTransport):
    """The real transport, noting the fake time at which each keyed request went out."""

    def __init__(self, time: VirtualTime) -> None:
        self.time = time
        self.keyed: list[float] = []
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "authorization" in request.headers:
            self.keyed.append(self.time.now)
        self.time.in_flight += 1  # the virtual clock does not move while a request is in flight
        try:
            return await self.inner.handle_async_request(request)
        finally:
            self.time.in_flight -= 1

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_keyed_calls_of_a_real_update_never_exceed_the_rate_limit(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    """The whole pipeline's 66 keyed calls (26 dataset and benchmark calls, then 40 endpoints calls with the key)
    through a limiter of 10 per 60 s on a fake clock: seven windows, no wall-clock waiting, the same snapshot."""
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    time_ = VirtualTime()
    transport = Stamping(time_)
    result = update(
        Options(
            snapshots=snapshots,
            api_base=f"{server.url}/api/v1",
            contract_url=f"{server.url}{CONTRACT}",
            api_key=FAKE_KEY,
            transport=transport,
            client_kwargs={"clock": time_.clock, "sleep": time_.sleep, "keyed_per_minute": 10},
        )
    )
    assert not result.changed and tree_state(snapshots) == before
    stamps = sorted(transport.keyed)
    assert len(stamps) == 66
    # a request counts until 60 s after its response; these take no fake time, so the windows are whole minutes
    assert Counter(stamps) == {0.0: 10, 60.0: 10, 120.0: 10, 180.0: 10, 240.0: 10, 300.0: 10, 360.0: 6}
    for start in stamps:
        assert sum(1 for s in stamps if start <= s < start + 60) <= 10


# --- kill -9 and a full disk while writing ------------------------------------------------------------------------

# How the kill is made deterministic: the update runs in a real child process started through a small driver
# script that wraps one filesystem step of store.write_atomic (a file write, the fsync before the swap, or the
# first rename of the two-rename fallback swap). When the child reaches that step it writes a marker file and
# sleeps; the test waits for the marker, checks the child is mid-write, and SIGKILLs it. No test hook lives in
# the product code, and the kill lands at exactly the chosen point every time.
DRIVER = """
import os, pathlib, sys, time
from generator import store
from generator.cli import main

point, marker = os.environ["KILL_POINT"], pathlib.Path(os.environ["KILL_MARKER"])


def pause():
    marker.write_text(str(os.getpid()))
    time.sleep(600)


if point.startswith("file-"):
    count, original = [0], pathlib.Path.write_bytes

    def write_bytes(self, data):
        written = original(self, data)
        count[0] += 1
        if count[0] == int(point[5:]):
            pause()
        return written

    pathlib.Path.write_bytes = write_bytes
elif point == "before-swap":
    fsync_tree = store._fsync_tree
    store._fsync_tree = lambda root: (fsync_tree(root), pause())
elif point == "between-fallback-renames":
    store._exchange = lambda a, b: False  # a platform without renameat2(RENAME_EXCHANGE)
    rename = pathlib.Path.rename

    def paused_rename(self, target):
        result = rename(self, target)
        if str(target).endswith(".old"):
            pause()
        return result

    pathlib.Path.rename = paused_rename
sys.argv = ["orsnap", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("point", ["file-1", "file-20", "before-swap", "between-fallback-renames"])
def test_kill_9_while_writing_leaves_the_previous_snapshot_intact(
    point: str, server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots / "v1")
    server.add_fault(f"vanish:16@{CATALOG}")  # real news, so the run has something to write
    driver, marker = tmp_path / "driver.py", tmp_path / "paused"
    driver.write_text(DRIVER)
    env = {**os.environ, "OPENROUTER_API_KEY": FAKE_KEY, "KILL_POINT": point, "KILL_MARKER": str(marker)}
    child = subprocess.Popen(
        [
            sys.executable,
            str(driver),
            "update",
            "--api-base",
            f"{server.url}/api/v1",
            "--contract-url",
            f"{server.url}{CONTRACT}",
            "--snapshots",
            str(snapshots),
            *FAST,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), child.stderr.read() if child.stderr else ""
        staging = list(snapshots.glob(".v1.tmp-*"))
        assert len(staging) == 1 and any(staging[0].rglob("*.json"))  # caught in the middle of writing
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    if point == "between-fallback-renames":
        # Only the fallback swap has a window where v1 is briefly away; the old tree is whole beside it and the
        # next run (any command that opens the snapshot for writing) puts it back before doing anything else.
        assert not (snapshots / "v1").exists() and tree_state(snapshots / ".v1.old") == before
        server.add_fault("status:500*4@/api/v1/benchmarks")  # the next run fails, and must still restore v1
        assert run_update(server, snapshots).code == SOURCE
    assert tree_state(snapshots / "v1") == before
    rerun = run_update(server, snapshots)  # and the next good run cleans up and publishes
    assert rerun.code == 0 and rerun.lines[0].startswith("changed:"), rerun.stderr
    assert sorted(p.name for p in snapshots.iterdir()) == [".v1.lock", "v1"]


@pytest.mark.parametrize("where", ["first-file", "tenth-file", "fsync", "staging-directory"])
def test_a_full_disk_leaves_the_previous_snapshot_intact(
    where: str, server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    server.add_fault(f"vanish:16@{CATALOG}")
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if where.endswith("-file"):
        written = [0]
        original = Path.write_bytes

        def write_bytes(self: Path, data: bytes) -> int:
            written[0] += 1
            if written[0] == (1 if where == "first-file" else 10):
                raise full
            return original(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    elif where == "fsync":
        monkeypatch.setattr(store.os, "fsync", lambda fd: (_ for _ in ()).throw(full))
    else:
        monkeypatch.setattr(store.tempfile, "mkdtemp", lambda **kw: (_ for _ in ()).throw(full))
    run = run_update(server, snapshots)
    assert run.code == SOURCE
    assert run.lines == ["orsnap: error: could not write the snapshot: No space left on device"]
    assert tree_state(snapshots) == before


# --- two runs at once: the lock -----------------------------------------------------------------------------------


def test_a_second_update_waits_for_the_lock_then_exits_1_naming_the_holder(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    server.add_fault(f"vanish:16@{CATALOG}")  # real news: without the lock this run would write
    with store.locked(snapshots / "v1", wait=0):
        assert (snapshots / ".v1.lock").read_text() == f"{os.getpid()}\n"
        started = time.monotonic()
        run = run_update(server, snapshots, "--lock-wait", "0.3")
        waited = time.monotonic() - started
    assert run.code == SOURCE, run.stderr
    assert len(run.lines) == 1 and f"held by PID {os.getpid()}" in run.lines[0], run.stderr
    assert "waiting 0.3 s (--lock-wait)" in run.lines[0] and waited >= 0.3
    assert tree_state(snapshots) == before
    assert (snapshots / ".v1.lock").read_text() == ""  # released: the PID is cleared
    assert run_update(server, snapshots).lines[0].startswith("changed:")  # and the next run takes the lock


SLOW_WRITER = """
import pathlib, sys, time
from generator.cli import main

original = pathlib.Path.write_bytes


def write_bytes(self, data):  # a slow disk: every file of the snapshot takes 10 ms
    time.sleep(0.01)
    return original(self, data)


pathlib.Path.write_bytes = write_bytes
sys.argv = ["orsnap", *sys.argv[1:]]
main()
"""


def test_concurrent_updates_with_a_slowed_writer_keep_the_snapshot_whole(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    """Three real `orsnap update` processes at once on one snapshot directory, each with other data to publish
    (--top 10/20/30) and a writer slowed to 10 ms per file, for three rounds: every run exits 0, and after each
    round v1 is whole (every file its manifest lists, valid) with no staging directory or `.v1.old` left."""
    snapshots = previous(baselines, tmp_path)
    driver = tmp_path / "slow.py"
    driver.write_text(SLOW_WRITER)
    env = {**os.environ, "OPENROUTER_API_KEY": FAKE_KEY}
    base = [sys.executable, str(driver), "update", "--api-base", f"{server.url}/api/v1"]
    base += ["--contract-url", f"{server.url}{CONTRACT}", "--snapshots", str(snapshots), *FAST, "--quiet"]
    for _round in range(3):
        children = [
            subprocess.Popen([*base, "--top", str(top)], env=env, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            for top in (10, 20, 30)
        ]
        outcomes = [(child.wait(timeout=300), child.communicate()[1]) for child in children]
        assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
        files = store.read_files(snapshots / "v1")
        assert "models.json" in files and store.validate_files(files, fast=True) == []
        assert sorted(p.name for p in snapshots.iterdir()) == [".v1.lock", "v1"]


def test_every_keyed_ranking_invalid_at_once_is_one_line_in_a_real_process(
    server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    """23 responses failing validation together: one line and exit 4 in a real process, where asyncio would
    otherwise print "Future exception was never retrieved" with a traceback for each unread failure at exit."""
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    server.add_fault(f"drop-field:model_permaslug@{RANKINGS}")
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "update",
            "--api-base",
            f"{server.url}/api/v1",
            "--contract-url",
            f"{server.url}{CONTRACT}",
            "--snapshots",
            str(snapshots),
            *FAST,
        ],
        env={**os.environ, "OPENROUTER_API_KEY": FAKE_KEY},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert child.returncode == INVALID
    assert len(child.stderr.splitlines()) == 1, child.stderr[:2000]
    assert "GET /datasets/rankings-daily?" in child.stderr and "model_permaslug: Field required" in child.stderr
    assert tree_state(snapshots) == before


# --- Ctrl-C while writing ---------------------------------------------------------------------------------------

INTERRUPTER = """
import os, pathlib, signal, sys
from generator import store
from generator.cli import main

if os.environ["INTERRUPT_AT"] == "swap":
    exchange = store._exchange

    def interrupted_exchange(a, b):  # Ctrl-C lands just as the swap is made
        done = exchange(a, b)
        os.kill(os.getpid(), signal.SIGINT)
        return done

    store._exchange = interrupted_exchange
else:
    count, original = [0], pathlib.Path.write_bytes

    def write_bytes(self, data):  # Ctrl-C lands while the fifth file is written
        count[0] += 1
        if count[0] == 5:
            os.kill(os.getpid(), signal.SIGINT)
        return original(self, data)

    pathlib.Path.write_bytes = write_bytes
sys.argv = ["orsnap", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("at", ["swap", "fifth-file"])
def test_ctrl_c_while_writing_either_finishes_with_the_result_or_changes_nothing(
    at: str, server: ReplayServer, baselines: dict[bool, Path], tmp_path: Path
) -> None:
    snapshots = previous(baselines, tmp_path)
    before = tree_state(snapshots)
    server.add_fault(f"vanish:16@{CATALOG}")  # real news, so the run writes
    driver = tmp_path / "interrupt.py"
    driver.write_text(INTERRUPTER)
    command = ["update", "--api-base", f"{server.url}/api/v1", "--contract-url", f"{server.url}{CONTRACT}"]
    child = subprocess.run(
        [sys.executable, str(driver), *command, "--snapshots", str(snapshots), *FAST],
        env={**os.environ, "OPENROUTER_API_KEY": FAKE_KEY, "INTERRUPT_AT": at},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    if at == "swap":  # the swap was made: the run says so and succeeds
        assert child.returncode == 0 and child.stderr.startswith("changed:"), child.stderr
        assert len(load(snapshots / "v1/models.json")["models"]) == 368 - 16
    else:  # stopped before the swap: nothing changed, no staging directory left
        assert child.returncode == 1 and child.stderr.strip().splitlines()[-1] == "Aborted!", child.stderr
        assert tree_state(snapshots) == before
    assert sorted(p.name for p in snapshots.iterdir()) == [".v1.lock", "v1"]
