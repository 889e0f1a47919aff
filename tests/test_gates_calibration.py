"""The gates calibrated on every consecutive pair of real captures: the README's calibration tables are computed
here, and every pair passes every gate (what OpenRouter said is published); the anomalies the gates exist for are
still refused."""

from __future__ import annotations

import gzip
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator import gate_limits, gates
from generator.gate_limits import RankingFacts, Summary, Thresholds

from .conftest import ROOT
from .test_gates import CATALOGS, capture, catalog_summary

# Real catalog captures in date order: the xiechengqi scrapes, then the sf-voice capture of 2026-05-07.
CAPTURES = ROOT / "tests" / "fixtures" / "captures"  # the real captures, one gzipped copy each (its README)
CATALOG_PAIRS = [*sorted(CATALOGS.glob("models-2*Z.json.gz")), CAPTURES / "models-2026-05-07.keysorted.json.gz"]
PAGES = sorted(CAPTURES.glob("rankings-page-derived-*.json.gz"))
# The sections of the rankings page that rank models by one measure (tokens, tool calls, images, requests).
SECTIONS = {
    "models": "tokens",
    "categories_programming": "tokens",
    "languages_english": "tokens",
    "programming_python": "tokens",
    "tool_calls": "calls",
    "images": "images",
    "context_length": "requests",
}


def _label(path: Path) -> str:
    name = re.sub(r"^(models|rankings-page-derived)-|\.json\.gz$", "", path.name)
    return name.replace(".keysorted", "-sf-voice")  # the 2026-05-07 catalog, from the sf-voice repository


def page_summary(path: Path) -> Summary:
    """A real rankings-page capture as the gates see a snapshot: one ranking per section, keyed by permaslug."""
    page = json.loads(gzip.decompress(path.read_bytes()))
    rankings = {}
    for section, measure in SECTIONS.items():
        rows = [r for r in page[section] if isinstance(r.get(measure), int)]
        rankings[f"rankings/{section}.json"] = RankingFacts(
            kind="page",
            slug=section,
            endpoint="openrouter.ai/rankings",
            entries=len(rows),
            unmapped=0,
            values=tuple((r["model_id"], r["rank"], str(r[measure])) for r in rows),
        )
    return Summary(
        model_ids=frozenset(),
        ranking_entries={p: r.entries for p, r in rankings.items()},
        category_entries={},
        rankings=rankings,
    )


def _pct(value: float) -> str:
    return f"{value:.1%}"


def catalog_calibration() -> list[str]:
    """One markdown row per consecutive pair of real catalogs: each catalog gate's measure against its limit."""
    limits = Thresholds()
    rows = []
    summaries = [catalog_summary(capture(p)) for p in CATALOG_PAIRS]
    for i in range(len(summaries) - 1):
        before, after = summaries[i], summaries[i + 1]
        vanished = len(before.model_ids - after.model_ids) / len(before.model_ids)
        shrink = max(0, len(before.model_ids) - len(after.model_ids)) / len(before.model_ids)
        ratios = gate_limits.price_ratios(before, after)
        largest = f"{float(ratios[0][0]):.1f}× (`{ratios[0][1]}`)" if ratios else "none"
        jumps = len(gate_limits.price_jumps(before, after, limits.price_jump_factor))
        refused = ", ".join(r.gate for r in gates.check(before, after, limits)) or "none"
        rows.append(
            f"| {_label(CATALOG_PAIRS[i])} → {_label(CATALOG_PAIRS[i + 1])} | {len(before.model_ids)} → "
            f"{len(after.model_ids)} | {_pct(vanished)} | {_pct(shrink)} | {len(ratios)} | {largest} | {jumps} | "
            f"{refused} |"
        )
    return rows


def scale_calibration() -> list[str]:
    """One markdown row per consecutive pair of real rankings-page captures: the scale-shift medians."""
    limits = Thresholds()
    limit = Decimal(str(limits.max_scale_shift))
    rows = []
    summaries = [page_summary(p) for p in PAGES]
    for i in range(len(summaries) - 1):
        before, after = summaries[i], summaries[i + 1]
        medians = {
            path.removeprefix("rankings/").removesuffix(".json"): m
            for path, m in gate_limits.scale_ratios(before, after).items()
        }
        shown = ", ".join(f"{name} {float(m):.3g}× ({n})" for name, (m, n) in sorted(medians.items()))
        beyond = sum(1 for m, _ in medians.values() if m > limit or m * limit < 1)
        refused = ", ".join(r.gate for r in gates.check(before, after, limits)) or "none"
        rows.append(
            f"| {_label(PAGES[i])} → {_label(PAGES[i + 1])} | {shown} | {beyond} of {len(medians)} | {refused} |"
        )
    return rows


def test_the_readme_calibration_tables_are_what_the_gates_measure_on_real_captures() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for row in catalog_calibration() + scale_calibration():
        assert row in readme, row


@pytest.mark.parametrize("pair", range(len(CATALOG_PAIRS) - 1), ids=[_label(p) for p in CATALOG_PAIRS[1:]])
def test_every_pair_of_real_catalogs_passes_every_gate(pair: int) -> None:
    before = catalog_summary(capture(CATALOG_PAIRS[pair]))
    after = catalog_summary(capture(CATALOG_PAIRS[pair + 1]))
    assert gates.check(before, after, Thresholds()) == []


def test_a_launch_publishes_but_a_changed_scale_is_refused() -> None:
    """One model growing 1,000× in a week (a launch) leaves the median alone; every top row ×1,000 (tokens counted
    in another unit, a changed definition) is refused, naming the ranking, the median and the request."""
    from generator import store

    committed = gates.summarize(store.read_files(ROOT / "snapshots" / "v1"))
    path = "rankings/category/programming.json"
    facts = committed.rankings[path]

    def scaled(factor: int, rows: int) -> Summary:
        values = tuple(
            (m, rank, str(Decimal(v) * factor) if i < rows else v) for i, (m, rank, v) in enumerate(facts.values)
        )
        changed = {**committed.rankings, path: RankingFacts(**{**facts.__dict__, "values": values})}
        return Summary(**{**committed.__dict__, "rankings": changed})

    assert len(facts.values) >= gate_limits.MIN_SCALE_ROWS
    assert gate_limits.scale_ratios(committed, scaled(1000, 1))[path][0] == 1  # the median is untouched by one launch
    assert gates.check(committed, scaled(1000, 1), Thresholds()) == []
    (refusal,) = gates.check(committed, scaled(1000, len(facts.values)), Thresholds())
    assert str(refusal) == (
        "refused by gate scale-shift: ranking's median token ratio to the previous snapshot over the top 10 is "
        f"beyond 10x either way: category 'programming' 1e+03x over {len(facts.values)} rows "
        "(GET /datasets/rankings-daily?category=programming&period=week&start_date=2025-01-01) "
        "(raise --max-scale-shift or use --force to publish anyway)"
    )
    assert [r.gate for r in gates.check(scaled(1000, len(facts.values)), committed, Thresholds())] == ["scale-shift"]


def test_a_thousandfold_user_price_on_a_top_ranked_model_is_refused() -> None:
    from generator import store

    files = store.read_files(ROOT / "snapshots" / "v1")
    committed = gates.summarize(files)
    leader = next(m for m, rank, _ in committed.rankings["rankings/overall.json"].values if rank <= gate_limits.TOP_N)
    for key in gate_limits.PRICE_KEYS:
        prices = {**committed.prices, leader: {**committed.prices[leader]}}
        prices[leader][key] = str(Decimal(prices[leader][key]) * 1000)
        (refusal,) = gates.check(committed, Summary(**{**committed.__dict__, "prices": prices}), Thresholds())
        assert refusal.gate == "price-jump" and refusal.flag == "--price-jump-factor"
        assert refusal.message.startswith(
            "1 prompt/completion prices of top-10 ranked models changed by more than 100x"
        )
        assert f"{leader} {key} " in refusal.message


def test_mass_vanish_and_an_empty_category_are_still_refused_after_calibration() -> None:
    january = capture(CATALOG_PAIRS[-2])
    assert [r.gate for r in gates.check(catalog_summary(january), catalog_summary(january[:200]), Thresholds())] == [
        "catalog-shrink",
        "mass-vanish",
    ]
    from generator import store

    committed = gates.summarize(store.read_files(ROOT / "snapshots" / "v1"))
    path = "rankings/category/legal.json"
    gone = RankingFacts(**{**committed.rankings[path].__dict__, "entries": 0, "unmapped": 0, "values": ()})
    emptied = Summary(
        **{
            **committed.__dict__,
            "rankings": {**committed.rankings, path: gone},
            "ranking_entries": {**committed.ranking_entries, path: 0},
            "category_entries": {**committed.category_entries, "legal": 0},
        }
    )
    assert [r.gate for r in gates.check(committed, emptied, Thresholds())] == ["empty-category"]


def test_the_may_catalog_moved_image_and_cache_prices_by_units_not_user_prices() -> None:
    """Between January and May 2026 twelve prices moved more than 10×, most of them image keys whose unit changed:
    the old gate refused this real update; prompt/completion moved at most 24×, under the 100× factor."""
    before = catalog_summary(capture(CATALOG_PAIRS[-2]))
    after = catalog_summary(capture(CATALOG_PAIRS[-1]))
    assert gate_limits.price_jumps(before, after, 10) == [
        "deepseek/deepseek-r1-distill-llama-70b prompt 0.00000003 → 0.0000007",
        "meta-llama/llama-3.2-3b-instruct completion 0.00000002 → 0.00000034",
        "meta-llama/llama-guard-3-8b prompt 0.00000002 → 0.00000048",
        "mistralai/mistral-small-3.1-24b-instruct prompt 0.00000003 → 0.00000035",
        "qwen/qwen-2.5-coder-32b-instruct prompt 0.00000003 → 0.00000066",
    ]
    assert gate_limits.price_jump(before, after, Thresholds()) == []
