"""Change reports on snapshots the real pipeline made from real catalog captures, committed in order."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from syrupy.assertion import SnapshotAssertion

from generator import act_on, changes, history, store
from generator.cli import cli

from .conftest import ROOT
from .history_support import (
    CAPTURES,
    HistoryRepo,
    capture_catalog,
    clone,
    fixtures_with_catalog,
    git,
    history_repo,
    run_update,
)

__all__ = ["history_repo"]


def snapshots_of(repo: HistoryRepo) -> dict[str, history.Point]:
    h = history.read_history(repo.path / "snapshots")
    by_sha = {s.commit.sha: s for s in h.snapshots if s.commit}
    return {step.label: by_sha[step.commit] for step in repo.steps}


def side(snapshot: history.Point, label: str | None = None) -> changes.Side:
    """A side labelled for people (the capture) rather than by commit id, so that reports read the same."""
    found = changes.Side.of(snapshot)
    return changes.Side(label or found.ref, found.as_of, found.files)


def raw(label: str) -> dict[str, dict]:
    capture = next(c for lab, c, _ in CAPTURES if lab == label)
    assert capture is not None
    return {m["id"]: m for m in capture_catalog(capture)["data"]}


def act_on_block(markdown: str) -> str:
    """The "What to act on" section of a markdown report (up to the next section)."""
    return markdown.split("### What to act on\n", 1)[1].split("\n### ", 1)[0]


def pair(repo: HistoryRepo, a: str, b: str) -> dict:
    snaps = snapshots_of(repo)
    return changes.report(side(snaps[a], a), side(snaps[b], b))


def test_2026_01_01_pair_reports_exactly_its_15_price_changes_and_no_model_added_or_removed(
    history_repo: HistoryRepo,
) -> None:
    data = pair(history_repo, "2026-01-01a", "2026-01-01b")
    before, after = raw("2026-01-01a"), raw("2026-01-01b")
    repriced = {i for i in before if i in after and before[i]["pricing"] != after[i]["pricing"]}
    assert len(repriced) == 15  # what SOURCES.md says of this pair, checked on the raw captures
    assert {p["id"] for p in data["prices"]} == repriced
    assert data["summary"]["price_changes"] == 15
    assert data["models"] == {"added": [], "removed": [], "flaps": []}
    ernie = next(p for p in data["prices"] if p["id"] == "baidu/ernie-4.5-21b-a3b")
    assert {"key": "prompt", "old": "0.000000056", "new": "0.00000007", "pct": "25", "variable": None} in ernie[
        "changes"
    ]


def test_2026_01_14_to_19_reports_its_8_added_and_8_removed_models(history_repo: HistoryRepo) -> None:
    data = pair(history_repo, "2026-01-14", "2026-01-19")
    before, after = raw("2026-01-14"), raw("2026-01-19")
    assert [m["id"] for m in data["models"]["added"]] == sorted(set(after) - set(before))
    assert [m["id"] for m in data["models"]["removed"]] == sorted(set(before) - set(after))
    assert data["summary"]["added"] == 8 and data["summary"]["removed"] == 8
    assert all(m["name"] for m in data["models"]["added"] + data["models"]["removed"])


def _decimal_pricing(pricing: dict[str, str]) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in pricing.items() if Decimal(v) != 0}


@pytest.mark.parametrize(("a", "b"), [("2026-01-14", "2026-01-19"), ("2026-01-01b", "2026-01-14")])
def test_no_price_change_is_only_a_dropped_zero_key(history_repo: HistoryRepo, a: str, b: str) -> None:
    data = pair(history_repo, a, b)
    before, after = raw(a), raw(b)
    only_dropped = {
        i
        for i in set(before) & set(after)
        if before[i]["pricing"] != after[i]["pricing"]
        and _decimal_pricing(before[i]["pricing"]) == _decimal_pricing(after[i]["pricing"])
    }
    real = {
        i
        for i in set(before) & set(after)
        if _decimal_pricing(before[i]["pricing"]) != _decimal_pricing(after[i]["pricing"])
    }
    reported = {p["id"] for p in data["prices"]}
    assert reported == real
    assert not reported & only_dropped
    if (a, b) == ("2026-01-01b", "2026-01-14"):
        assert len(only_dropped) > 40  # the January representation change really is in this pair
    for item in data["prices"]:
        for change in item["changes"]:
            assert Decimal(change["old"]) != Decimal(change["new"])


def test_missing_zero_price_key_is_not_a_change_and_real_changes_carry_the_percentage() -> None:
    assert changes.price_changes({"prompt": "0.1", "image": "0", "request": "0.0"}, {"prompt": "0.10"}) == []
    assert changes.price_changes({"prompt": "0.000002"}, {"prompt": "0.000003", "image": "0.01"}) == [
        {"key": "image", "old": "0", "new": "0.01", "pct": None, "variable": None},
        {"key": "prompt", "old": "0.000002", "new": "0.000003", "pct": "50", "variable": None},
    ]


def test_models_that_vanish_and_come_back_are_flaps_not_adds_or_removes(history_repo: HistoryRepo) -> None:
    snaps = snapshots_of(history_repo)
    labels = ["2026-01-01b", "2026-01-14", "2026-01-19"]
    window = [side(snaps[lab], lab) for lab in labels]
    data = changes.report(window[0], window[-1], window)
    first, middle, last = (set(raw(lab)) for lab in labels)
    came_back = sorted((first & last) - middle)
    assert len(came_back) == 5  # five :free models missing on 2026-01-14, back on 2026-01-19
    assert [f["id"] for f in data["models"]["flaps"] if f["kind"] == "vanished and came back"] == came_back
    listed = {m["id"] for m in data["models"]["added"] + data["models"]["removed"]}
    assert not listed & set(came_back)
    # Two ends alone cannot see them at all: that is why the window matters.
    assert changes.report(window[0], window[-1])["models"]["flaps"] == []


def test_markdown_report_for_reviewers(history_repo: HistoryRepo, snapshot: SnapshotAssertion) -> None:
    data = pair(history_repo, "2026-01-14", "2026-01-19")
    assert changes.to_markdown(data) == snapshot


def test_markdown_sections_are_capped_with_and_n_more(history_repo: HistoryRepo) -> None:
    data = pair(history_repo, "2026-01-19", "2026-05-07")
    text = changes.to_markdown(data)
    added = len(data["models"]["added"])
    assert added > changes.MARKDOWN_ITEMS
    assert f"### Models added ({added})" in text
    assert f"- … and {added - changes.MARKDOWN_ITEMS} more" in text
    assert len(text) < 20_000  # a PR body read in a minute, far below GitHub's 65,536-character limit
    assert text.rstrip().splitlines()[0].startswith("**Snapshot 2026-01-19 21:16 → 2026-05-07 04:54**")


def test_what_to_act_on_names_gates_that_came_close_and_forced_ones(history_repo: HistoryRepo) -> None:
    data = pair(history_repo, "2026-01-19", "2026-05-07")
    gates_seen = {(g["gate"], g["status"]) for g in data["act_on"]["gates"]}
    before, after = set(raw("2026-01-19")), capture_ids_may()
    share = len(before - after) / len(before)
    assert 0.125 <= share <= 0.25  # at least half of the 25 % mass-vanish limit, but not over it
    assert ("mass-vanish", "close") in gates_seen
    for gate in history_repo.step("2026-05-07").forced:
        assert (gate, "forced") in gates_seen
    text = changes.to_markdown(data)
    assert "### What to act on" in text and "Gate `mass-vanish` close" in text


def capture_ids_may() -> set[str]:
    return {m["id"] for m in json.loads((ROOT / "tests/fixtures/openrouter/api/models/all.json").read_text())["data"]}


def test_selection_changes_name_the_tier_and_the_reason_of_the_new_pick(history_repo: HistoryRepo) -> None:
    data = pair(history_repo, "2026-01-14", "2026-01-19")
    snaps = snapshots_of(history_repo)
    old = act_on.selection_picks(snaps["2026-01-14"].files)
    new = act_on.selection_picks(snaps["2026-01-19"].files)
    assert old and new  # the pipeline writes selection.json
    differing = {k for k in set(old) | set(new) if [i for i, _ in old.get(k, [])] != [i for i, _ in new.get(k, [])]}
    assert {(c["category"], c["tier"]) for c in data["selection"]["changes"]} == differing
    primary = [c for c in data["selection"]["changes"] if c["primary"]]
    assert primary
    for c in primary:
        assert c["primary"]["new"] == new[(c["category"], c["tier"])][0][0]
        assert c["reasons"][c["primary"]["new"]]  # the new pick's reason, from selection.json
    assert f"Selection {changes.md_code(primary[0]['category'])}" in changes.to_markdown(data)


def test_unmapped_rows_are_listed_and_new_ones_marked(history_repo: HistoryRepo) -> None:
    snaps = snapshots_of(history_repo)
    data = changes.report(changes.NOTHING, side(snaps["2026-05-07"]))
    rows = {u["permaslug"]: u for u in data["act_on"]["unmapped"]}
    committed = json.loads(snaps["2026-05-07"].files["rankings/category/programming.json"])
    for row in committed["unmapped"]:
        assert "programming" in rows[row["permaslug"]]["rankings"] and rows[row["permaslug"]]["new"]


def test_expiring_models_in_use_are_listed_relative_to_as_of() -> None:
    files = store.read_files(ROOT / "snapshots" / "v1")
    models = json.loads(files["models.json"])
    picks = act_on.selection_picks(files)
    assert picks
    used = sorted({i for items in picks.values() for i, _ in items})
    target = used[0]
    for m in models["models"]:
        if m["id"] == target:
            m["expiration_date"] = "2026-05-25"  # a week after the snapshot's as_of (2026-05-18)
    edited = {**files, "models.json": store.canonical_json(models)}
    data = changes.report(
        changes.Side("a", "2026-05-18T02:00:00Z", files), changes.Side("b", "2026-05-18T02:00:00Z", edited)
    )
    assert data["act_on"]["expiring"]["basis"] == "selection.json"
    [item] = [m for m in data["act_on"]["expiring"]["models"] if m["id"] == target]
    assert item["days_left"] == 7 and item["used_in"]
    assert f"{changes.md_code(target)}" in act_on_block(changes.to_markdown(data))


def test_upstream_text_cannot_inject_markdown_links_images_or_mentions() -> None:
    files = store.read_files(ROOT / "snapshots" / "v1")
    models = json.loads(files["models.json"])
    hostile = "Evil ![x](https://e.example/p.png) [click](https://e.example) @octocat <script>alert(1)</script>\n# H"
    models["models"].append({**models["models"][0], "id": "evil/model", "name": hostile})
    data = changes.report(
        changes.Side("a", "", files), changes.Side("b", "", {**files, "models.json": store.canonical_json(models)})
    )
    text = changes.to_markdown(data)
    line = next(x for x in text.splitlines() if "evil/model" in x)
    assert "](" not in line.replace("\\](", "").replace("\\]\\(", "")
    assert "<script>" not in line and "@octocat" not in line
    assert not re.search(r"^#", text, re.M) or all(h.startswith("### ") for h in re.findall(r"^#.*", text, re.M))


def test_bare_urls_in_upstream_text_are_not_autolinked() -> None:
    """GitHub autolinks `https://…` and `www.…` in plain text: a word joiner inside each keeps them text."""
    shown = changes.md_text("Visit https://evil.example/x or HTTP://e.example or www.evil.example now", cap=200)
    assert "://" not in shown and "www." not in shown.lower()
    assert shown.replace("\u2060", "") == "Visit https://evil.example/x or HTTP://e.example or www.evil.example now"


def test_json_report_is_deterministic_and_carries_everything(history_repo: HistoryRepo) -> None:
    first = changes.to_json(pair(history_repo, "2025-12-18", "2026-01-01a"))
    assert first == changes.to_json(pair(history_repo, "2025-12-18", "2026-01-01a"))
    data = json.loads(first)
    assert set(data) >= {
        "summary",
        "models",
        "prices",
        "rankings",
        "categories",
        "orderings",
        "unknown_fields",
        "selection",
        "act_on",
    }
    assert data["summary"]["added"] == 5 and data["summary"]["removed"] == 1


# --- the command ------------------------------------------------------------------------------------------


def test_changelog_defaults_to_the_last_snapshot_change(
    history_repo: HistoryRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(history_repo.path)
    result = CliRunner().invoke(cli, ["changelog", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["from"]["commit"] == history_repo.steps[-2].commit
    assert data["to"]["commit"] == history_repo.steps[-1].commit


def test_changelog_between_revisions_sees_flaps(history_repo: HistoryRepo) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "changelog",
            "--snapshots",
            str(history_repo.path / "snapshots"),
            "--from",
            history_repo.step("2026-01-01b").commit,
            "--to",
            history_repo.step("2026-01-19").commit,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "### Flaps: vanished and came back (5)" in result.stdout
    assert "_Compared across 3 snapshots" in result.stdout


def test_changelog_worktree_reports_the_uncommitted_update(history_repo: HistoryRepo, tmp_path: Path) -> None:
    work = clone(history_repo.path, tmp_path / "clone")
    git(work, "checkout", "-q", "-b", "next", history_repo.step("2026-01-14").commit)
    fixtures = fixtures_with_catalog(tmp_path, CAPTURES[4][1], CAPTURES[4][2])  # the 2026-01-19 catalog
    run_update(fixtures, work / "snapshots", CAPTURES[4][2])
    result = CliRunner().invoke(
        cli, ["changelog", "--worktree", "--format", "json", "--snapshots", str(work / "snapshots")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["to"]["ref"] == "worktree" and data["from"]["commit"] == history_repo.step("2026-01-14").commit
    assert data["summary"]["added"] == 8 and data["summary"]["removed"] == 8


def test_changelog_refuses_to_and_worktree_together_and_unknown_revisions(history_repo: HistoryRepo) -> None:
    args = ["changelog", "--snapshots", str(history_repo.path / "snapshots")]
    both = CliRunner().invoke(cli, [*args, "--to", "HEAD", "--worktree"])
    assert both.exit_code == 2 and "exclude each other" in both.stderr
    unknown = CliRunner().invoke(cli, [*args, "--from", "no-such-rev"])
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1 and "no-such-rev" in unknown.stderr


def test_changelog_works_on_this_repository_history() -> None:
    result = CliRunner().invoke(cli, ["changelog", "--snapshots", str(ROOT / "snapshots")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("**Snapshot ") and "### What to act on" in result.stdout


def test_gates_that_came_close_are_computed_with_the_gates_own_thresholds() -> None:
    from generator import gates

    files = store.read_files(ROOT / "snapshots" / "v1")
    models = json.loads(files["models.json"])
    limits = gates.Thresholds()
    priced = [m for m in models["models"] if Decimal(m["pricing"]["prompt"]) > 0]
    jumped = limits.max_price_jumps  # at the limit: not refused, but close
    for m in priced[:jumped]:
        m["pricing"]["prompt"] = str(Decimal(m["pricing"]["prompt"]) * (limits.price_jump_factor + 1))
    keep = len(models["models"]) - int(len(models["models"]) * limits.max_shrink * 0.8)  # shrinks by 8 %
    models["models"] = models["models"][:keep]
    edited = {**files, "models.json": store.canonical_json(models)}
    assert gates.check(gates.summarize(files), gates.summarize(edited), limits) == []  # nothing refused
    data = changes.report(changes.Side("a", "", files), changes.Side("b", "", edited))
    close = {g["gate"]: g["message"] for g in data["act_on"]["gates"] if g["status"] == "close"}
    assert set(close) == {"price-jump", "catalog-shrink"}
    assert close["price-jump"].startswith(f"{jumped} prices changed more than {limits.price_jump_factor}x")
    assert "mass-vanish" not in close  # 8 % vanished is under half of its 25 % limit


def test_variable_price_is_not_money_in_the_report_the_feed_or_the_site() -> None:
    """Upstream marks a price set per request (routers such as openrouter/auto, real in every capture) with -1:
    a change to or from it says "variable", never a percentage or an amount."""
    from generator import feed, numbers, site_render

    files = store.read_files(ROOT / "snapshots" / "v1")
    models = json.loads(files["models.json"])
    by_id = {m["id"]: m for m in models["models"]}
    assert by_id["openrouter/auto"]["pricing"]["prompt"] == "-1"
    paid = next(m for m in models["models"] if Decimal(m["pricing"]["prompt"]) > 0)
    old_price = paid["pricing"]["prompt"]
    by_id["openrouter/auto"]["pricing"]["prompt"] = "0.000003"  # variable → a fixed price
    paid["pricing"]["prompt"] = "-1"  # a fixed price → variable
    edited = {**files, "models.json": store.canonical_json(models)}
    data = changes.report(changes.Side("a", "", files), changes.Side("b", "", edited))
    found = {p["id"]: p["changes"] for p in data["prices"]}
    assert found["openrouter/auto"] == [
        {"key": "prompt", "old": "-1", "new": "0.000003", "pct": None, "variable": "from"}
    ]
    assert found[paid["id"]] == [{"key": "prompt", "old": old_price, "new": "-1", "pct": None, "variable": "to"}]
    markdown = changes.to_markdown(data)
    assert "| `openrouter/auto` | `prompt` | variable → \\$3.00 per million tokens | from variable |" in markdown
    assert old_price == "0.000002"
    assert f"| `{paid['id']}` | `prompt` | \\$2.00 → variable per million tokens | to variable |" in markdown
    assert "$-" not in markdown and "-100" not in markdown
    assert "%" not in "".join(line for line in markdown.splitlines() if "variable" in line)
    html = feed.report_html(data)
    assert "prompt variable → $3.00 per million tokens (from variable)" in html
    assert "prompt $2.00 → variable per million tokens (to variable)" in html
    assert " -1 " not in html and "-100" not in html
    assert numbers.price("prompt", "-1") == "variable" and numbers.price_text("-1") == "variable"
    cell = site_render.environment().from_string(
        '{% import "_history.html" as h %}{{ h.price_cell({"image": "-1"}, "image") }} '
        '{{ h.price_cell({"prompt": "-1"}, "prompt") }} {{ h.price_cell({"image": "0.001"}, "image") }}'
    )
    assert cell.render() == "variable variable $0.001 per image"


def test_a_ranking_whose_scale_moved_more_than_half_the_limit_is_listed_as_close() -> None:
    from generator import gate_limits, gates

    files = store.read_files(ROOT / "snapshots" / "v1")
    doc = json.loads(files["rankings/overall.json"])
    for entry in doc["entries"]:
        entry["value"] = str(Decimal(entry["value"]) * 6)  # 6x: under the 10x limit, over half of it
    edited = {**files, "rankings/overall.json": store.canonical_json(doc)}
    assert gates.check(gates.summarize(files), gates.summarize(edited), gates.Thresholds()) == []
    data = changes.report(changes.Side("a", "", files), changes.Side("b", "", edited))
    close = [g["message"] for g in data["act_on"]["gates"] if g["gate"] == "scale-shift"]
    assert close == [
        f"overall: median token ratio to the previous snapshot 6x over "
        f"{sum(1 for e in doc['entries'] if e['rank'] <= gate_limits.TOP_N)} top rows (refuses beyond 10x either way)"
    ]


def thousand_models_repriced() -> dict:
    """A report of 2,000 real price changes: the committed catalog grown to 1,000 models (each a copy of a real
    record under a new id, its name at the published length cap), then every prompt and completion price
    raised by 7 %."""
    files = store.read_files(ROOT / "snapshots" / "v1")
    catalog = json.loads(files["models.json"])
    paid = [
        m for m in catalog["models"] if Decimal(m["pricing"]["prompt"]) > 0 and Decimal(m["pricing"]["completion"]) > 0
    ]
    grown = [
        {**paid[i % len(paid)], "id": f"{paid[i % len(paid)]['id'].partition(':')[0]}-copy{i:04d}", "name": "N" * 300}
        for i in range(1000)
    ]
    before = {**catalog, "models": grown, "count": len(grown)}
    after = json.loads(json.dumps(before))
    for model in after["models"]:
        for key in ("prompt", "completion"):
            model["pricing"][key] = str(Decimal(model["pricing"][key]) * Decimal("1.07"))
    old = {**files, "models.json": store.canonical_json(before)}
    new = {**files, "models.json": store.canonical_json(after)}
    return changes.report(
        changes.Side("a", "2026-05-18T02:00:00Z", old), changes.Side("b", "2026-05-25T02:00:00Z", new)
    )


def test_a_report_of_2000_price_changes_fits_a_pull_request_body_summary_and_actions_first() -> None:
    data = thousand_models_repriced()
    assert data["summary"]["price_changes"] == 1000 and sum(len(i["changes"]) for i in data["prices"]) == 2000
    text = changes.to_markdown(data)
    assert len(text) < changes.PR_BODY_LIMIT and len(text.encode()) <= changes.MARKDOWN_BUDGET
    lines = text.splitlines()
    assert lines[0].startswith("**Snapshot ") and "1000 price changes" in lines[0]
    assert text.index("### What to act on") < text.index("### Price changes (1000 models, 2000 prices)")
    rows = [line for line in lines if line.startswith("| `")]
    assert len(rows) == changes.MARKDOWN_ITEMS
    assert "… and 1,990 more price changes, left out of this table (the JSON report has them all)" in lines
    assert len(json.loads(changes.to_json(data))["prices"]) == 1000  # the JSON report keeps every change


def test_whatever_the_caps_the_body_stays_under_the_limit_and_says_what_it_left_out() -> None:
    data = thousand_models_repriced()
    text = changes.to_markdown(data, limit=5000)  # every row of every table: far over GitHub's limit
    assert len(text.encode()) <= changes.MARKDOWN_BUDGET < changes.PR_BODY_LIMIT
    assert text.splitlines()[0].startswith("**Snapshot ") and "### What to act on" in text
    assert "### Price changes" not in text
    last = text.rstrip().splitlines()[-1]
    assert last.startswith("_Left out to keep this pull request body under GitHub's 65,536-character limit: ")
    assert "Price changes (1000 models, 2000 prices)" in last and "the JSON report has everything" in last
