"""Shared fixtures: the recorded-response directory, a loopback replay server, a JSON snapshot extension.

Also the test-run policy: with ``CI`` set, a skipped test is a failure (nothing the suite checks may quietly
not run there), and every skip outside CI names the one command that removes it (``require``). Hypothesis runs
with the profile ``ci`` (derandomized, no example database, failing examples printed as a blob to reproduce)
when ``CI`` is set and ``dev`` otherwise (random exploration, failures kept in ``.hypothesis/`` and replayed
first); ``HYPOTHESIS_PROFILE=ci|dev`` chooses one explicitly.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from generator.cli import cli
from generator.replay import ReplayServer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "openrouter"
FAKE_KEY = "sk-or-v1-FAKEKEY-0123456789abcdef-DO-NOT-LEAK"
IN_CI = bool(os.environ.get("CI"))

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", database=DirectoryBasedExampleDatabase(ROOT / ".hypothesis" / "examples"))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))


def require(available: bool, what: str, command: str) -> None:
    """Skip (or, with ``CI`` set, fail) the calling test when ``what`` is not available; name the fix."""
    if available:
        return
    message = f"{what} is missing: run `{command}`"
    if IN_CI:
        pytest.fail(f"{message} (CI runs every test; a skip is a failure)", pytrace=False)
    pytest.skip(message)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """With ``CI`` set, any skip (a marker, a library, ``pytest.skip``) is reported as a failure."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = (report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)).removeprefix(
            "Skipped: "
        )
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """A module skipped while it is collected fails too, with ``CI`` set."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        reason = (report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)).removeprefix(
            "Skipped: "
        )
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {reason}"


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture
def fixtures_copy(tmp_path: Path) -> Path:
    """A private copy of the recorded responses that a test may edit."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("_build.py", "README.md"))
    return target


@pytest.fixture(scope="session")
def fixtures_without_apps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The recorded responses with a contract that has no apps dataset (so no app-rankings calls): a keyed update
    then makes 26 dataset and benchmark calls and 40 keyed endpoints calls. (A loopback API base has no keyed rate
    limit, so retries never wait for the window; tests/test_faults.py checks the limit on a fake clock with this
    plan.) tests/test_trends.py covers the apps calls."""
    target = tmp_path_factory.mktemp("fixtures-without-apps") / "openrouter"
    shutil.copytree(FIXTURES, target)
    contract = json.loads((target / "openapi.json").read_text(encoding="utf-8"))
    del contract["paths"]["/datasets/app-rankings"]
    (target / "openapi.json").write_text(json.dumps(contract), encoding="utf-8")
    return target


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer(FIXTURES) as server:
        yield server


def invoke(*args: str, key: str = "", env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``orsnap ARGS`` in-process (click's CliRunner) with ``OPENROUTER_API_KEY`` set to ``key`` (empty: no key)
    and ``env``; the exit code, stdout and stderr."""
    result = CliRunner().invoke(cli, list(args), env={"OPENROUTER_API_KEY": key, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def load_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (relative path → digest); equal digests mean byte-identical trees.

    The update's lock file (``.v1.lock`` beside ``v1``) is not part of the snapshot and is left out.
    """
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".v1.lock"
    }
