"""The store: canonical JSON, validation with file and pointer, manifest digests, the all-or-nothing swap."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import store

from .conftest import ROOT, tree_digest

COMMITTED = ROOT / "snapshots" / "v1"


def test_canonical_json_is_stable_and_sorted() -> None:
    a = store.canonical_json({"b": 1, "a": ["z", "é"], "c": {"y": None, "x": "1.5"}})
    b = store.canonical_json({"c": {"x": "1.5", "y": None}, "a": ["z", "é"], "b": 1})
    assert a == b
    assert (
        a.decode()
        == '{\n  "a": [\n    "z",\n    "é"\n  ],\n  "b": 1,\n  "c": {\n    "x": "1.5",\n    "y": null\n  }\n}\n'
    )
    with pytest.raises(ValueError):
        store.canonical_json({"x": float("nan")})


def test_committed_snapshot_validates() -> None:
    files = store.read_files(COMMITTED)
    assert len(files) > 30
    assert store.validate_files(files) == []


def test_validation_names_the_file_and_the_json_pointer() -> None:
    files = store.read_files(COMMITTED)
    doc = json.loads(files["rankings/category/legal.json"])
    doc["entries"][0]["rank"] = 0
    doc["entries"][1]["model_id"] = "not an id"
    files["rankings/category/legal.json"] = store.canonical_json(doc)
    problems = [str(p) for p in store.validate_files(files)]
    assert "rankings/category/legal.json: /entries/0/rank: 0 is less than the minimum of 1" in problems
    assert any(
        p.startswith("rankings/category/legal.json: /entries/1/model_id: 'not an id' does not match") for p in problems
    )
    assert "rankings/category/legal.json: /: sha256 differs from manifest.json" in problems


def test_unlisted_missing_and_unexpected_files_are_reported() -> None:
    files = store.read_files(COMMITTED)
    files["rankings/category/extra.json"] = files["rankings/category/legal.json"]
    files["notes.json"] = b"{}\n"
    del files["models.json"]
    problems = [str(p) for p in store.validate_files(files)]
    assert "rankings/category/extra.json: /: not listed in manifest.json" in problems
    assert "notes.json: /: unexpected file (no schema describes it)" in problems
    assert "manifest.json: /files: lists models.json, which does not exist" in problems


def test_content_digest_ignores_only_timestamps() -> None:
    files = store.read_files(COMMITTED)
    later = dict(files)
    doc = json.loads(files["rankings/category/legal.json"])
    doc["as_of"] = "2030-01-01T00:00:00Z"
    doc["attribution"] = "Source: OpenRouter (openrouter.ai/rankings), as of 2030-01-01T00:00:00Z"
    later["rankings/category/legal.json"] = store.canonical_json(doc)
    assert store.content_digest(later) == store.content_digest(files)
    doc["entries"][0]["value"] = "1"
    later["rankings/category/legal.json"] = store.canonical_json(doc)
    assert store.content_digest(later) != store.content_digest(files)


def test_write_atomic_replaces_the_directory_exactly(tmp_path: Path) -> None:
    target = tmp_path / "v1"
    store.write_atomic(target, {"a.json": b"1\n", "sub/b.json": b"2\n"})
    store.write_atomic(target, {"a.json": b"3\n"})
    assert tree_digest(target).keys() == {"a.json"}
    assert (target / "a.json").read_bytes() == b"3\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1"]


def test_a_write_that_fails_midway_leaves_the_previous_snapshot_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "v1"
    shutil.copytree(COMMITTED, target)
    before = tree_digest(tmp_path)
    real = Path.write_bytes
    written = []

    def failing(self: Path, data: bytes) -> int:
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        written.append(self)
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError, match="No space left"):
        store.write_atomic(target, {f"f{i}.json": b"{}\n" for i in range(10)})
    assert tree_digest(tmp_path) == before


def test_recover_restores_a_snapshot_left_half_swapped(tmp_path: Path) -> None:
    target = tmp_path / "v1"
    backup = tmp_path / ".v1.old"
    backup.mkdir()
    (backup / "a.json").write_bytes(b"1\n")
    (tmp_path / ".v1.tmp-abc").mkdir()
    store.recover(target)
    assert (target / "a.json").read_bytes() == b"1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1"]


def test_paths_outside_the_snapshot_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside the snapshot"):
        store.write_atomic(tmp_path / "v1", {"../escape.json": b"{}\n"})
    assert not (tmp_path / "escape.json").exists()


def test_the_fast_validator_finds_what_jsonschema_finds() -> None:
    files = store.read_files(COMMITTED)
    doc = json.loads(files["rankings/category/legal.json"])
    doc["entries"][0]["rank"] = 0
    doc["entries"][1]["model_id"] = "not an id"
    doc["unexpected"] = True
    broken = store.canonical_json(doc)
    slow = store.schema_problems("rankings/category/legal.json", broken)
    fast = store.schema_problems("rankings/category/legal.json", broken, fast=True)
    assert [p.pointer for p in fast] == [p.pointer for p in slow] == ["", "/entries/0/rank", "/entries/1/model_id"]
    for path, data in files.items():
        assert store.schema_problems(path, data, fast=True) == []
