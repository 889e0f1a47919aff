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


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer(FIXTURES) as server:
        yield server


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
