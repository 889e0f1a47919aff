"""The site's history pages, built with `orsnap build` from a git repository of real pipeline snapshots:
sparklines per category, price history per model, a changes page, and feed.atom linked from every page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from generator import history, site_history
from generator import prices as price_histories
from generator.cli import cli

from .conftest import tree_digest
from .history_support import CAPTURES, HistoryRepo, clone, fixtures_with_catalog, git, history_repo, run_update

__all__ = ["history_repo"]


def build(snapshots: Path, out: Path) -> tuple[Path, str]:
    result = CliRunner().invoke(cli, ["build", "--snapshots", str(snapshots), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.stderr


@pytest.fixture(scope="module")
def site(history_repo: HistoryRepo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(history_repo.path / "snapshots", tmp_path_factory.mktemp("history-site") / "_site")[0]


def test_every_page_links_the_atom_feed_from_its_head(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="[./]*feed\.atom">', head), page


def test_feed_has_one_entry_per_snapshot_change_linking_the_changes_page(site: Path, history_repo: HistoryRepo) -> None:
    parsed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(history_repo.steps) - 1
    changes_page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    for entry in parsed.entries:
        href = next(link.href for link in entry.links if link.rel == "alternate")
        assert href.startswith("changes/#snapshot-")
        assert f'id="{href.split("#")[1]}"' in changes_page


def test_changes_page_lists_recent_reports_newest_first(site: Path, history_repo: HistoryRepo) -> None:
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<article id="snapshot-([0-9a-f]{7})"', page)
    assert anchors == [step.commit[:7] for step in reversed(history_repo.steps[1:])]
    newest = page.split("<article")[1]
    assert "100 added, 72 removed" in newest and "Added (100)" in newest and "… and 88 more" in newest
    pair = page.split(f'id="snapshot-{history_repo.step("2026-01-01b").commit[:7]}"')[1].split("</article>")[0]
    assert "0 added, 0 removed, 0 flaps, 15 price changes" in pair
    before, after = history_repo.step("2026-01-01a").commit[:7], history_repo.step("2026-01-01b").commit[:7]
    assert f"<code>{before}</code> → <code>{after}</code>" in pair  # which commits, when as_of alone is ambiguous


def test_category_pages_show_rank_sparklines_for_the_current_top_10(site: Path, history_repo: HistoryRepo) -> None:
    snaps = history.read_history(history_repo.path / "snapshots").snapshots
    trends = site_history.rank_trends(snaps)
    for path, trend in trends["rankings"].items():
        if not path.startswith("rankings/category/"):
            continue
        slug = path.removeprefix("rankings/category/").removesuffix(".json")
        page = (site / "categories" / slug / "index.html").read_text(encoding="utf-8")
        section = page.split('<section aria-labelledby="trends-h">')[1].split("</section>")[0]
        rows = re.findall(r'<tr data-model="([^"]+)">', section)
        assert rows == [m["id"] for m in trend["models"]] and len(rows) <= 10
        assert section.count('<svg class="spark"') == len(rows)
        assert "<script" not in section
        for model in trend["models"]:
            label = ", ".join(str(r) if r is not None else "not ranked" for r in model["ranks"])
            assert f'aria-label="Rank over {len(snaps)} snapshots: {label}"' in section
            if sum(r is not None for r in model["ranks"]) > 1:
                assert "<polyline" in section


def test_model_page_shows_its_price_history_with_dates(site: Path, history_repo: HistoryRepo) -> None:
    snaps = history.read_history(history_repo.path / "snapshots").snapshots
    prices = price_histories.price_history(snaps)
    checked = 0
    for page in sorted((site / "models").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        model_id = re.search(r'<code class="id">([^<]+)</code>', html)
        if not model_id or model_id.group(1) not in prices:
            continue
        points = prices[model_id.group(1)]
        table = html.split('<table id="price-history">')[1].split("</table>")[0]
        dates = re.findall(r'<th scope="row"><time datetime="([^"]+)">', table)
        assert dates == [p["as_of"] for p in reversed(points)]
        checked += len(points) > 1
    assert checked > 10  # models whose price really changed in the history


def test_uncommitted_snapshot_is_the_newest_point(history_repo: HistoryRepo, tmp_path: Path) -> None:
    work = clone(history_repo.path, tmp_path / "clone")
    git(work, "checkout", "-q", "-b", "next", history_repo.step("2026-01-14").commit)
    fixtures = fixtures_with_catalog(tmp_path, CAPTURES[4][1], CAPTURES[4][2])
    run_update(fixtures, work / "snapshots", CAPTURES[4][2])
    out, _ = build(work / "snapshots", tmp_path / "_site")
    page = (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<article id="snapshot-([0-9a-z]+)"', page)[0] == "worktree"
    assert "8 added, 8 removed" in page.split("<article")[1]


def test_without_git_history_the_site_shows_the_current_snapshot_alone(
    history_repo: HistoryRepo, tmp_path: Path
) -> None:
    tarball = tmp_path / "unpacked" / "snapshots"
    shutil.copytree(history_repo.path / "snapshots", tarball)
    out, stderr = build(tarball, tmp_path / "_site")
    assert "note: history: no git history" in stderr
    page = (out / "categories" / "legal" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Rank over 1 snapshot: ' in page and "<polyline" not in page
    assert "Only this snapshot" in page
    assert "No change recorded yet" in (out / "changes" / "index.html").read_text(encoding="utf-8")
    parsed = feedparser.parse((out / "feed.atom").read_bytes())
    assert not parsed.bozo and parsed.entries == []


def test_shallow_clone_builds_from_what_it_has_and_says_so(history_repo: HistoryRepo, tmp_path: Path) -> None:
    shallow = clone(history_repo.path, tmp_path / "shallow", "--depth", "2")
    out, stderr = build(shallow / "snapshots", tmp_path / "_site")
    assert "shallow clone" in stderr
    assert len(feedparser.parse((out / "feed.atom").read_bytes()).entries) == 1


def test_same_history_builds_byte_identical_sites(history_repo: HistoryRepo, tmp_path: Path) -> None:
    first = tree_digest(build(history_repo.path / "snapshots", tmp_path / "a")[0])
    second = tree_digest(build(history_repo.path / "snapshots", tmp_path / "b")[0])
    assert first == second and "feed.atom" in first and "changes/index.html" in first
    assert json.loads((tmp_path / "a" / "api" / "v1" / "manifest.json").read_text())["as_of"] == CAPTURES[-1][2]


def test_changes_page_and_feed_list_only_commits_that_changed_data(history_repo: HistoryRepo, tmp_path: Path) -> None:
    """A commit that touched only the manifest (its wording, its dates) changed no data: neither the changes page
    nor the feed lists it, and the reports before it keep their places."""
    work = clone(history_repo.path, tmp_path / "clone")
    manifest_path = work / "snapshots" / "v1" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["source_note"] += " (reworded)"
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    git(work, "commit", "-q", "-am", "manifest wording only", date="2026-05-08T00:00:00Z")
    out, _ = build(work / "snapshots", tmp_path / "_site")
    page = (out / "changes" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<article id="snapshot-([0-9a-f]{7})"', page)
    assert anchors == [step.commit[:7] for step in reversed(history_repo.steps[1:])]
    assert "0 added, 0 removed, 0 flaps, 0 price changes" not in page
    parsed = feedparser.parse((out / "feed.atom").read_bytes())
    assert len(parsed.entries) == len(history_repo.steps) - 1


def test_every_ranking_change_line_names_its_models_old_and_new(site: Path) -> None:
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    lines = re.findall(r"<li>((?:new leader|entered the top|left the top|moved \d+ places).*?)</li>", page, re.S)
    assert lines, "the history has ranking changes"
    for line in lines:
        named = re.findall(r'<a href="[^"]*models/[^"]+/">|<code>[^<]+</code>', line)
        assert named, line
        if line.startswith("moved"):
            assert re.search(r"#\d+ → #\d+", line), line
        if line.startswith("left"):
            assert re.search(r"\((now #\d+|no longer ranked)\)", line), line
    feed_text = (site / "feed.atom").read_text(encoding="utf-8")
    said = r"(new leader|entered the top 10:|left the top 10:|moved 3 places or more:) &lt;code&gt;"
    assert re.search(said, feed_text)
