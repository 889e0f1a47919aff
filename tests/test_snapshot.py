"""generator/snapshot.py, the one snapshot reader, on the committed snapshot and on an update's own build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import published, store
from generator.snapshot import Snapshot, SnapshotError

from .conftest import FIXTURES, ROOT, invoke, tree_digest

COMMITTED = ROOT / "snapshots" / "v1"


def test_the_committed_snapshot_reads_into_the_published_models_each_file_parsed_once() -> None:
    snap = Snapshot.from_dir(COMMITTED)
    catalog, manifest = snap.catalog, snap.manifest
    assert catalog is not None and manifest is not None
    assert snap.catalog is catalog  # parsed on first access, then kept
    assert len(catalog.models) == manifest.counts["models"]
    rankings = snap.rankings
    assert len(rankings) == manifest.counts["rankings"]
    assert all(snap.rankings[p] is r for p, r in rankings.items())
    assert set(snap.apps) == {p for p in snap.files if p.startswith("apps/")}


def test_the_category_walk_lists_every_category_once_parents_before_children() -> None:
    snap = Snapshot.from_dir(COMMITTED)
    slugs = snap.category_slugs()
    manifest = snap.manifest
    assert manifest is not None and len(slugs) == len(set(slugs)) == manifest.counts["categories"]
    for node in snap.category_nodes():
        assert node.file in snap.rankings and snap.rankings[node.file].slug == node.slug
        if node.parent is not None:
            assert slugs.index(node.parent) < slugs.index(node.slug)


def test_a_file_that_does_not_validate_is_refused_naming_the_file_and_the_field() -> None:
    files = store.read_files(COMMITTED)
    doc = json.loads(files["models.json"])
    del doc["source"]["provenance"]  # as the snapshots committed before provenance was published
    snap = Snapshot({**files, "models.json": store.canonical_json(doc)})
    with pytest.raises(SnapshotError) as caught:
        _ = snap.catalog
    assert caught.value.exit_code == 4
    assert str(caught.value).startswith("models.json: /source/provenance: Field required")
    assert snap.dimensions is not None  # the other files still read


def test_an_update_over_a_previous_snapshot_that_does_not_validate_exits_4_and_writes_nothing(tmp_path: Path) -> None:
    snapshots = tmp_path / "snapshots"
    shutil.copytree(COMMITTED, snapshots / "v1")
    catalog = published.Catalog.model_validate_json((snapshots / "v1" / "models.json").read_bytes())
    doc = catalog.model_dump(mode="json")
    doc["count"] = -1
    (snapshots / "v1" / "models.json").write_bytes(store.canonical_json(doc))
    before = tree_digest(snapshots)
    code, _, err = invoke("update", "--replay", str(FIXTURES), "--snapshots", str(snapshots), key="replay")
    assert code == 4, err
    assert err.startswith("orsnap: error: invalid snapshot: models.json: /count: ")
    assert tree_digest(snapshots) == before
