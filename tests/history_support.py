"""A temporary git repository whose commits are snapshots made by the real pipeline from real catalog captures.

Used by the history, changes, feed and site-trend tests. Each commit is ``orsnap update`` (keyless) against the
loopback replay server over a copy of ``tests/fixtures/openrouter`` in which the catalog response is swapped for
one real capture (``tests/fixtures/catalogs/``, see its README) and every keyless route's ``Date`` is set to that
capture's time, so each snapshot's ``as_of`` is its capture time. The last commit is the fixture set unchanged
(the 2026-05-07 catalog). Category orders and sorts stay the 2026-05 recordings: models the older catalogs do
not list are ``unmapped`` there, exactly as the pipeline reports a ranking row it cannot map.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import update
from generator.replay import ReplayServer

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures" / "openrouter"
CATALOGS = TESTS / "fixtures" / "catalogs"
CATALOG_FILE = "api/models/all.json"

# (label, capture file or None for the fixture set's own catalog, capture time)
CAPTURES: list[tuple[str, str | None, str]] = [
    ("2025-12-18", "models-2025-12-18T1511Z.json.gz", "2025-12-18T15:11:00Z"),
    ("2026-01-01a", "models-2026-01-01T0823Z.json.gz", "2026-01-01T08:23:00Z"),
    ("2026-01-01b", "models-2026-01-01T1019Z.json.gz", "2026-01-01T10:19:00Z"),
    ("2026-01-14", "models-2026-01-14T2118Z.json.gz", "2026-01-14T21:18:00Z"),
    ("2026-01-19", "models-2026-01-19T2116Z.json.gz", "2026-01-19T21:16:00Z"),
    ("2026-05-07", None, "2026-05-07T04:54:00Z"),
]


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "orsnap-test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "orsnap-test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def capture_catalog(name: str) -> dict:
    return json.loads(gzip.decompress((CATALOGS / name).read_bytes()))


def fixtures_with_catalog(work: Path, capture: str | None, date: str) -> Path:
    """A copy of the replay fixtures serving ``capture`` as the catalog, every keyless route dated ``date``."""
    target = work / "fixtures"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(FIXTURES, target)
    if capture is not None:
        (target / CATALOG_FILE).write_bytes(gzip.decompress((CATALOGS / capture).read_bytes()))
    routes = json.loads((target / "routes.json").read_text())
    for route in routes["routes"]:
        if not route.get("auth"):
            route["date"] = date
    (target / "routes.json").write_text(json.dumps(routes, indent=2))
    return target


@dataclass
class Step:
    label: str
    commit: str
    date: str
    forced: list[str]


def run_update(fixtures: Path, snapshots: Path, date: str, *, force: bool = False) -> update.Result:
    moment = datetime.fromisoformat(date.replace("Z", "+00:00")).astimezone(UTC)
    with ReplayServer(fixtures) as server:
        return update.update(
            update.Options(
                snapshots=snapshots,
                api_base=server.url + "/api/v1",
                contract_url=server.url + "/openapi.json",
                api_key=None,
                force=force,
                now=lambda: moment,
            )
        )


def build_history_repo(repo: Path, work: Path) -> list[Step]:
    """Commit one snapshot per capture, oldest first; returns what was committed.

    The captures are days to months apart, not a week of one live run: a gate may rightly refuse a step (the
    four months from 2026-01-19 to 2026-05-07 reprice many models more than tenfold). As a maintainer would
    after reading the refusal, such a step is run again with ``force``; the manifest records the forced gates,
    and :class:`Step` keeps them so that tests can say which steps needed it.
    """
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    steps: list[Step] = []
    for label, capture, date in CAPTURES:
        fixtures = fixtures_with_catalog(work, capture, date)
        try:
            result = run_update(fixtures, repo / "snapshots", date)
        except update.Refused:
            result = run_update(fixtures, repo / "snapshots", date, force=True)
        git(repo, "add", "snapshots")
        git(repo, "commit", "-q", "-m", f"Snapshot {label}", date=date)
        steps.append(Step(label, git(repo, "rev-parse", "HEAD").strip(), date, result.forced))
    return steps


@dataclass
class HistoryRepo:
    path: Path
    steps: list[Step]

    def step(self, label: str) -> Step:
        return next(s for s in self.steps if s.label == label)


_BUILT: dict[str, HistoryRepo] = {}


@pytest.fixture(scope="session")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> HistoryRepo:
    """The repository, built once per test session (import this fixture into a test module to use it).

    Tests must not change it: a test that commits or edits copies it first (``clone``).
    """
    if "repo" not in _BUILT:
        root = tmp_path_factory.mktemp("history")
        _BUILT["repo"] = HistoryRepo(root / "repo", build_history_repo(root / "repo", root / "work"))
    return _BUILT["repo"]


def clone(source: Path, target: Path, *extra: str) -> Path:
    """A clone of ``source`` at ``target`` (``extra``: e.g. ``--depth``, ``2``), with the snapshot checked out."""
    subprocess.run(["git", "clone", "-q", *extra, f"file://{source}", str(target)], check=True, capture_output=True)
    return target
