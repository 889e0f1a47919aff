"""orsnap verify: agreement of the committed snapshot with the source (here the loopback replay server)."""

from __future__ import annotations

import json
import shutil
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import verify
from generator.cli import cli

from .conftest import FAKE_KEY, FIXTURES, ROOT, tree_digest
from .history_support import HistoryRepo, git, history_repo

__all__ = ["history_repo"]


def test_kendall_tau_counts_concordant_and_discordant_pairs() -> None:
    assert verify.kendall_tau(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 1.0
    assert verify.kendall_tau(["a", "b", "c", "d"], ["d", "c", "b", "a"]) == -1.0
    # one swap of neighbours among 4 items: 5 concordant, 1 discordant of 6 pairs
    assert verify.kendall_tau(["a", "b", "c", "d"], ["a", "c", "b", "d"]) == pytest.approx(4 / 6)
    # only the common items count; fewer than two have no tau
    assert verify.kendall_tau(["a", "x", "b"], ["b", "y", "a"]) == -1.0
    assert verify.kendall_tau(["a"], ["a", "b"]) is None


def test_kendall_tau_agrees_with_its_definition_on_every_order_of_five() -> None:
    from itertools import permutations

    base = list("abcde")
    for order in permutations(base):
        pos = {m: i for i, m in enumerate(order)}
        pairs = list(combinations(base, 2))
        expected = sum(1 if pos[a] < pos[b] else -1 for a, b in pairs) / len(pairs)
        assert verify.kendall_tau(base, list(order)) == pytest.approx(expected)


def test_committed_snapshot_agrees_with_its_replay(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", FAKE_KEY)
    snapshots = tmp_path / "snapshots"
    shutil.copytree(ROOT / "snapshots", snapshots)
    before = tree_digest(snapshots)
    result = CliRunner().invoke(
        cli, ["verify", "--replay", str(FIXTURES), "--snapshots", str(snapshots), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] and report["failures"] == []
    compared = [r for r in report["rankings"] if r["status"] == "compared"]
    listed = [f["path"] for f in json.loads((snapshots / "v1/manifest.json").read_text())["files"]]
    assert [r["file"] for r in compared] == sorted(
        p for p in listed if p.startswith("rankings/category/") or p == "rankings/overall.json"
    )
    assert all(r["overlap"] == 1.0 and r["tau"] == 1.0 for r in compared)
    assert report["models"]["missing"] == [] and report["models"]["extra"] == []
    assert tree_digest(snapshots) == before  # verify writes nothing
    assert FAKE_KEY not in result.output


def test_stale_snapshot_disagrees_and_exits_5(history_repo: HistoryRepo, tmp_path: Path) -> None:
    """A snapshot made from the 2026-01-19 catalog, checked against the 2026-05 recordings."""
    commit = history_repo.step("2026-01-19").commit
    for path in git(history_repo.path, "ls-tree", "-r", "--name-only", commit, "snapshots/v1").split():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(git(history_repo.path, "show", f"{commit}:{path}"))
    before = tree_digest(tmp_path / "snapshots")
    result = CliRunner().invoke(cli, ["verify", "--replay", str(FIXTURES), "--snapshots", str(tmp_path / "snapshots")])
    assert result.exit_code == 5, result.output
    assert "DISAGREES" in result.stdout
    assert result.stderr.startswith("orsnap: error: the snapshot disagrees with the source: ")
    assert "catalog: 340 committed, 368 live" in result.stdout
    assert tree_digest(tmp_path / "snapshots") == before


def test_thresholds_decide_the_verdict(history_repo: HistoryRepo) -> None:
    commit = history_repo.step("2026-01-19").commit
    files = {
        path.removeprefix("snapshots/v1/"): git(history_repo.path, "show", f"{commit}:{path}").encode()
        for path in git(history_repo.path, "ls-tree", "-r", "--name-only", commit, "snapshots/v1").split()
    }
    same = verify.compare(files, files)
    assert same["ok"] and all(r["overlap"] == 1.0 for r in same["rankings"])
    newer = history_repo.step("2026-01-14").commit
    other = {
        path.removeprefix("snapshots/v1/"): git(history_repo.path, "show", f"{newer}:{path}").encode()
        for path in git(history_repo.path, "ls-tree", "-r", "--name-only", newer, "snapshots/v1").split()
    }
    close = verify.compare(files, other)
    lowest = min(r["overlap"] for r in close["rankings"])
    assert verify.compare(
        files, other, thresholds=verify.Thresholds(min_overlap=lowest, min_tau=-1, max_model_drift=1)
    )["ok"]
    strict = verify.compare(files, other, thresholds=verify.Thresholds(min_overlap=1.0, min_tau=-1, max_model_drift=1))
    assert lowest < 1.0 and not strict["ok"]
