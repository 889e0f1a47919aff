"""Shared fixtures: the recorded-response directory, a loopback replay server, a JSON snapshot extension."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from generator.replay import ReplayServer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "openrouter"
FAKE_KEY = "sk-or-v1-FAKEKEY-0123456789abcdef-DO-NOT-LEAK"


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
    then makes 24 keyed calls, which leaves room for retries within the 30-per-minute window. With the apps'
    6 calls (30 keyed), every retried keyed call waits up to 60 s for the window to slide, which fault and
    secrets tests that retry keyed calls on purpose must not spend. tests/test_trends.py covers the apps calls."""
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


def load_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (relative path → digest); equal digests mean byte-identical trees."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
