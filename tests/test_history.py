"""The history reader: every committed snapshot from git, with two git processes, on full and shallow clones."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from generator import history, site_history, store
from generator import prices as price_histories

from .conftest import ROOT
from .history_support import CAPTURES, HistoryRepo, clone, git, history_repo

__all__ = ["history_repo"]


def test_history_reads_every_snapshot_commit_oldest_first_with_its_as_of(history_repo: HistoryRepo) -> None:
    h = history.read_history(history_repo.path / "snapshots")
    assert [s.commit.sha for s in h.snapshots if s.commit] == [s.commit for s in history_repo.steps]
    assert [s.as_of for s in h.snapshots] == [date for _, _, date in CAPTURES]
    assert h.available and not h.shallow and not h.truncated
    assert h.describe() == "6 snapshot commits from 2025-12-18 to 2026-05-07 (full history)"


def test_history_files_are_byte_identical_to_git_show(history_repo: HistoryRepo) -> None:
    h = history.read_history(history_repo.path / "snapshots")
    middle = h.snapshots[3]
    assert middle.commit is not None
    listed = git(history_repo.path, "ls-tree", "-r", "--name-only", middle.commit.sha, "snapshots/v1").split()
    assert sorted(middle.files) == sorted(p.removeprefix("snapshots/v1/") for p in listed)
    for path in ("manifest.json", "models.json", "rankings/category/marketing/seo.json"):
        shown = subprocess.run(
            ["git", "-C", str(history_repo.path), "show", f"{middle.commit.sha}:snapshots/v1/{path}"],
            check=True,
            capture_output=True,
        ).stdout
        assert middle.files[path] == shown


def test_history_uses_one_log_and_one_cat_file_process_whatever_the_number_of_commits(
    history_repo: HistoryRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], *a: object, **k: object) -> object:  # every process starts here, run() too
        started.append(list(args))
        return real_popen(args, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", popen)
    h = history.read_history(history_repo.path / "snapshots")
    assert len(h.snapshots) == len(history_repo.steps)
    commands = [a[1] for a in started]
    assert commands == ["rev-parse", "log", "cat-file"], started


def test_unchanged_files_are_read_once(history_repo: HistoryRepo) -> None:
    with history.Repo(history_repo.path) as repo:
        snaps = [s for c in repo.commits("snapshots/v1") if (s := history.snapshot(repo, c, "snapshots/v1"))]
        paths = {p for s in snaps for p in s.files}
        versions = sum(len({s.files[p] for s in snaps if p in s.files}) for p in paths)
        assert versions < sum(len(s.files) for s in snaps)  # some files did not change between snapshots
        assert repo.blobs_read <= versions  # each version of a file read once
        for before, after in itertools.pairwise(snaps):
            same = [p for p in after.files if p in before.files and after.files[p] == before.files[p]]
            assert all(before.files[p] is after.files[p] for p in same)  # one object, shared


def test_shallow_clone_reads_what_it_has_and_says_so(history_repo: HistoryRepo, tmp_path: Path) -> None:
    shallow = clone(history_repo.path, tmp_path / "shallow", "--depth", "2")
    h = history.read_history(shallow / "snapshots")
    assert h.shallow
    assert [s.as_of for s in h.snapshots] == [date for _, _, date in CAPTURES[-2:]]
    assert "shallow clone" in h.describe() and h.describe().startswith("2 snapshot commits")


def test_limit_keeps_the_newest_and_says_older_ones_were_left_out(history_repo: HistoryRepo) -> None:
    h = history.read_history(history_repo.path / "snapshots", limit=3)
    assert [s.as_of for s in h.snapshots] == [date for _, _, date in CAPTURES[-3:]]
    assert h.truncated and "older ones left out" in h.describe()


def test_outside_git_the_history_is_empty_and_the_current_snapshot_stands_alone(
    history_repo: HistoryRepo, tmp_path: Path
) -> None:
    copy = tmp_path / "tarball" / "snapshots"
    shutil.copytree(history_repo.path / "snapshots", copy)
    h = history.read_history(copy)
    assert not h.available and h.snapshots == []
    assert h.describe().startswith("no git history (")
    current = store.read_files(copy / "v1")
    only = history.with_current(h, current)
    assert len(only) == 1 and only[0].commit is None and only[0].as_of == CAPTURES[-1][2]


def test_work_tree_snapshot_is_added_only_when_it_differs_from_the_newest_commit(history_repo: HistoryRepo) -> None:
    h = history.read_history(history_repo.path / "snapshots")
    current = store.read_files(history_repo.path / "snapshots" / "v1")
    assert history.with_current(h, current) == h.snapshots
    older = dict(h.snapshots[0].files)
    assert history.with_current(h, older)[-1].commit is None


def test_window_defaults_to_the_last_change_and_the_one_before(history_repo: HistoryRepo) -> None:
    win = history.window(history_repo.path / "snapshots")
    assert win.start is not None and win.start.commit is not None
    assert win.start.commit.sha == history_repo.steps[-2].commit
    assert [s.commit.sha for s in win.snapshots if s.commit] == [history_repo.steps[-1].commit]


def test_window_between_two_revisions_holds_every_snapshot_in_between(history_repo: HistoryRepo) -> None:
    first, last = history_repo.step("2026-01-01b"), history_repo.step("2026-01-19")
    win = history.window(history_repo.path / "snapshots", start=first.commit, end=last.commit)
    assert win.start is not None and win.start.as_of == first.date
    assert [s.as_of for s in win.snapshots] == [history_repo.step("2026-01-14").date, last.date]


def test_unknown_revision_is_a_git_error_naming_it(history_repo: HistoryRepo) -> None:
    with pytest.raises(history.GitError, match="no-such-rev"):
        history.window(history_repo.path / "snapshots", start="no-such-rev")


def test_rank_trends_follow_the_current_top_10_over_the_last_snapshots(history_repo: HistoryRepo) -> None:
    snaps = history.read_history(history_repo.path / "snapshots").snapshots
    trends = site_history.rank_trends(snaps, last=3)
    assert trends["dates"] == [s.as_of for s in snaps[-3:]]
    programming = trends["rankings"]["rankings/category/programming.json"]
    current = json.loads(snaps[-1].files["rankings/category/programming.json"])["entries"][:10]
    assert [m["id"] for m in programming["models"]] == [e["model_id"] for e in current]
    for model in programming["models"]:
        for snap, rank in zip(snaps[-3:], model["ranks"], strict=True):
            entries = json.loads(snap.files["rankings/category/programming.json"])["entries"]
            assert rank == next((e["rank"] for e in entries if e["model_id"] == model["id"]), None)
    assert "rankings/overall.json" in trends["rankings"]
    assert not any(p.startswith("rankings/dimension/") for p in trends["rankings"])


def test_price_history_has_a_point_per_real_change_with_its_date(history_repo: HistoryRepo) -> None:
    snaps = history.read_history(history_repo.path / "snapshots").snapshots
    prices = price_histories.price_history(snaps)
    ernie = prices["baidu/ernie-4.5-21b-a3b"]
    dates = [p["as_of"] for p in ernie]
    assert dates[:2] == ["2025-12-18T15:11:00Z", "2026-01-01T10:19:00Z"]  # first seen, then the 10:19 change
    assert [p["pricing"]["prompt"] for p in ernie[:2]] == ["0.000000056", "0.00000007"]
    unchanged = [i for i, points in prices.items() if len(points) == 1]
    assert unchanged  # most models: one point, however many snapshots


def test_catalog_index_reads_the_canonical_layout_piecewise_and_anything_else_whole() -> None:
    raw = (ROOT / "snapshots" / "v1" / "models.json").read_bytes()
    doc = json.loads(raw)
    whole = {m["id"]: (m["name"], m["pricing"]) for m in doc["models"]}
    seen: dict = {}
    assert price_histories.catalog_index(raw, seen) == whole and len(seen) == len(whole)  # one entry per model object
    compact = json.dumps(doc).encode()  # not canonical: parsed whole, same answer
    assert price_histories.catalog_index(compact, {}) == whole
    assert price_histories.catalog_index(b"not json", {}) == {}


def test_catalog_index_of_one_model_and_of_lookalike_separators_outside_the_models_list() -> None:
    doc = json.loads((ROOT / "snapshots" / "v1" / "models.json").read_bytes())
    first = doc["models"][0]
    one = {**doc, "count": 1, "models": [first]}
    assert price_histories.catalog_index(store.canonical_json(one), {}) == {
        first["id"]: (first["name"], first["pricing"])
    }
    # a list of objects after "models" (sorted keys: "other" > "models") holds the models' separator too: read whole
    later = {**doc, "other": [{"a": 1}, {"b": 2}]}
    raw = store.canonical_json(later)
    assert b"\n    },\n    {\n" in raw.split(b'"other"')[1]
    whole = {m["id"]: (m["name"], m["pricing"]) for m in doc["models"]}
    seen: dict = {}
    assert price_histories.catalog_index(raw, seen) == whole and not seen  # parsed whole, not piecewise


def test_catalog_names_of_successive_versions_agree_with_reading_each_whole() -> None:
    doc = json.loads((ROOT / "snapshots" / "v1" / "models.json").read_bytes())
    models = doc["models"]
    renamed = {**models[1], "name": "Renamed"}
    versions = [
        store.canonical_json(doc),
        store.canonical_json({**doc, "count": len(models) - 1, "models": [models[0], renamed, *models[3:]]}),
        json.dumps(doc).encode(),  # not canonical: read whole
        store.canonical_json({**doc, "count": len(models) + 1, "models": [*models, models[-1]]}),  # an id twice
        store.canonical_json(doc),
        b"not json",
    ]
    catalogs = price_histories.CatalogNames()
    for raw in versions:
        names = catalogs.names(raw)
        assert names == {i: name for i, (name, _) in price_histories.catalog_index(raw, {}).items()}


def test_as_of_of_a_manifest_reads_its_line_and_agrees_with_the_whole_parse() -> None:
    raw = (ROOT / "snapshots" / "v1" / "manifest.json").read_bytes()
    commit = history.Commit("0" * 40, "2020-01-01T00:00:00Z", "")
    expected = json.loads(raw)["as_of"]
    assert history.as_of_manifest(raw, commit) == expected == history.Point(commit, {"manifest.json": raw}).as_of
    compact = json.dumps(json.loads(raw)).encode()  # not canonical: parsed whole, same answer
    assert history.as_of_manifest(compact, commit) == expected
    no_as_of = store.canonical_json({k: v for k, v in json.loads(raw).items() if k != "as_of"})
    assert history.as_of_manifest(no_as_of, commit) == commit.time  # no as_of: the commit's time
    assert history.as_of_manifest(None, commit) == commit.time


def test_price_history_parses_only_the_model_objects_a_snapshot_changed() -> None:
    raw = (ROOT / "snapshots" / "v1" / "models.json").read_bytes()
    doc = json.loads(raw)
    paid = next(m for m in doc["models"] if Decimal(m["pricing"]["prompt"]) > 0)
    prices = price_histories.PriceHistory()
    prices.add("2026-05-18T00:00:00Z", raw)
    assert len(prices._seen) == doc["count"]  # the canonical layout was split, every object parsed once
    paid["pricing"]["prompt"] = str(Decimal(paid["pricing"]["prompt"]) * 2)
    prices.add("2026-05-25T00:00:00Z", store.canonical_json(doc))
    assert len(prices._seen) == doc["count"] + 1  # the one object whose text changed, no other
    assert [p["as_of"] for p in prices.points[paid["id"]]] == ["2026-05-18T00:00:00Z", "2026-05-25T00:00:00Z"]
    assert all(len(points) == 1 for model_id, points in prices.points.items() if model_id != paid["id"])


def test_sparkline_points_put_rank_1_on_top_and_break_at_gaps() -> None:
    runs = site_history.sparkline_points([1, 3, None, 2], width=30, height=24)
    assert runs == ["0.0,2.0 10.0,22.0", "30.0,12.0"]
    assert site_history.sparkline_points([None, None]) == []
