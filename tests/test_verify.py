"""orsnap verify: agreement of the committed snapshot with the source (here the loopback replay server)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from decimal import Decimal
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


def _reprice(snapshots: Path, change: Callable[[dict], None]) -> None:
    from generator import store

    path = snapshots / "v1" / "models.json"
    catalog = json.loads(path.read_bytes())
    for model in catalog["models"]:
        change(model)
    path.write_bytes(store.canonical_json(catalog))


def test_one_changed_price_is_reported_with_the_share_that_agrees_and_published_by_the_site(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", FAKE_KEY)
    snapshots = tmp_path / "snapshots"
    shutil.copytree(ROOT / "snapshots", snapshots)
    site_snapshots = tmp_path / "unchanged"
    shutil.copytree(ROOT / "snapshots", site_snapshots)
    real = {}

    def one(model: dict) -> None:
        if model["id"] == "anthropic/claude-sonnet-4.6":
            real["prompt"] = model["pricing"]["prompt"]
            model["pricing"]["prompt"] = str(Decimal(model["pricing"]["prompt"]) + Decimal("0.000001"))

    _reprice(snapshots, one)
    out = tmp_path / "validation.json"
    args = ["verify", "--replay", str(FIXTURES), "--snapshots", str(snapshots), "--output", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output  # one price of 368 is under the 90 % threshold's reach
    models = len(json.loads((snapshots / "v1" / "models.json").read_bytes())["models"])
    share = round((models - 1) / models, 4)
    assert f"prompt/completion prices: {share:.1%} of {models} models agree (1 differ)" in result.stdout
    changed = str(Decimal(real["prompt"]) + Decimal("0.000001"))
    assert f"  anthropic/claude-sonnet-4.6 prompt: committed {changed}, live {real['prompt']}" in result.stdout
    assert f"context lengths: 100.0% of {models} models agree (0 differ)" in result.stdout
    report = json.loads(out.read_bytes())
    assert report["summary"]["prices_agree"] == share and report["summary"]["context_length_agree"] == 1.0
    assert report["catalog_checks"]["prices"]["differences"] == [
        {"id": "anthropic/claude-sonnet-4.6", "field": "prompt", "committed": changed, "live": real["prompt"]}
    ]
    assert report["source"] == {"live": False, "keyed": True} and FAKE_KEY not in out.read_text()

    site = tmp_path / "site"
    built = CliRunner().invoke(
        cli, ["build", "--snapshots", str(site_snapshots), "--out", str(site), "--validation", str(out)]
    )
    assert built.exit_code == 0, built.output
    assert json.loads((site / "api/v1/validation.json").read_bytes()) == report
    assert json.loads((site / "api/v1/index.json").read_bytes())["validation"] == "api/v1/validation.json"
    home = (site / "index.html").read_text()
    assert (
        f'Checked against a replay of recorded responses, not OpenRouter, at <time datetime="{report["checked_at"]}">'
        in home
    )
    assert f": prices {share * 100:.1f} % agree, context lengths 100 % agree, top-10 overlap 100 % (" in home


@pytest.mark.parametrize("content", [None, b"{not json", b'{"ok": true}'])
def test_without_a_validation_result_the_home_page_says_not_checked_and_the_build_succeeds(
    tmp_path: Path, content: bytes | None
) -> None:
    given = tmp_path / "validation.json"
    if content is not None:
        given.write_bytes(content)
    site = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["build", "--snapshots", str(ROOT / "snapshots"), "--out", str(site), "--validation", str(given)]
    )
    assert result.exit_code == 0, result.output
    assert "note: validation: " in result.stderr and "the site says not checked" in result.stderr
    assert (
        "Not checked against OpenRouter: this build has no result of <code>orsnap verify</code>"
        in (site / "index.html").read_text()
    )
    assert not (site / "api/v1/validation.json").exists()


def test_every_price_a_thousand_times_higher_exits_5(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", FAKE_KEY)
    snapshots = tmp_path / "snapshots"
    shutil.copytree(ROOT / "snapshots", snapshots)

    def thousand(model: dict) -> None:
        for key in ("prompt", "completion"):
            if Decimal(model["pricing"][key]) > 0:
                # as the published decimal strings are written: no exponent, no trailing zeros
                model["pricing"][key] = format((Decimal(model["pricing"][key]) * 1000).normalize(), "f")

    _reprice(snapshots, thousand)
    out = tmp_path / "validation.json"
    args = ["verify", "--replay", str(FIXTURES), "--snapshots", str(snapshots), "--output", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 5, result.output
    report = json.loads(out.read_bytes())  # written although the check failed: the site shows the failure
    assert not report["ok"] and report["summary"]["prices_agree"] < 0.9
    assert all(r["overlap"] == 1.0 for r in report["rankings"])  # ranking order alone would have said "agrees"
    assert result.stderr.startswith("orsnap: error: the snapshot disagrees with the source: prompt/completion prices: ")


def test_verify_asks_for_no_providers_so_a_daily_check_spends_40_fewer_keyed_calls(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from generator import endpoints

    async def refuse(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("verify asked for the ranked models' providers")

    monkeypatch.setattr(endpoints, "fetch", refuse)
    monkeypatch.setenv("OPENROUTER_API_KEY", FAKE_KEY)
    snapshots = tmp_path / "snapshots"
    shutil.copytree(ROOT / "snapshots", snapshots)
    result = CliRunner().invoke(
        cli, ["verify", "--replay", str(FIXTURES), "--snapshots", str(snapshots), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    providers = [
        p for p in json.loads((snapshots / "v1/manifest.json").read_text())["files"] if "providers/" in p["path"]
    ]
    assert report["ok"] and providers  # the committed snapshot has providers files; verify compared without them
