"""Gates, as pure functions over real data: the recorded catalogs of December 2025 – January 2026 (the churn the
gates must let through) and the committed snapshot (the rankings they must not let empty out)."""

from __future__ import annotations

import dataclasses
import gzip
import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator import gate_limits, gates, published, store
from generator.gate_limits import RankingFacts, Summary, Thresholds
from generator.normalize import normalize_catalog

from .conftest import ROOT

CATALOGS = ROOT / "tests" / "fixtures" / "catalogs"  # real captures, gzipped (README there)
CAPTURES = sorted(CATALOGS.glob("models-*.json.gz"))
CATALOG_SOURCE: dict = {"endpoint": "GET /models", "params": {"output_modalities": "all"}}


def catalog_summary(models: list[dict]) -> Summary:
    """The gates' view of a catalog, read back from a models.json built from normalized real records."""
    normalized, _ = normalize_catalog({"data": models}, "GET /models")
    doc = published.Catalog(
        schema_version=published.SCHEMA_VERSION,
        as_of="2026-01-14T21:18:00Z",
        source=published.Source(**CATALOG_SOURCE, keyed=False, provenance="live"),
        count=len(normalized),
        models=normalized,
    )
    return gates.summarize({"models.json": store.canonical_json(doc)})


def capture(path: Path) -> list[dict]:
    return json.loads(gzip.decompress(path.read_bytes()))["data"]


@pytest.fixture(scope="module")
def january() -> list[dict]:
    return capture(CATALOGS / "models-2026-01-14T2118Z.json.gz")


@pytest.fixture(scope="module")
def committed() -> Summary:
    return gates.summarize(store.read_files(ROOT / "snapshots" / "v1"))


def test_summary_of_the_committed_snapshot_counts_what_its_files_hold(committed: Summary) -> None:
    files = store.read_files(ROOT / "snapshots" / "v1")
    models = json.loads(files["models.json"])["models"]
    assert committed.model_ids == {m["id"] for m in models} and len(committed.prices) == len(models)
    rankings = {p: json.loads(b) for p, b in files.items() if store.is_ranking(p)}
    # our derived orderings are left out of the gates: they derive from the gated catalog and benchmarks
    rankings = {p: d for p, d in rankings.items() if not d["ranked_by"].startswith("derived:")}
    assert committed.ranking_entries == {p: len(doc["entries"]) for p, doc in rankings.items()}
    assert committed.rankings["rankings/category/legal.json"] == RankingFacts(
        "category",
        "legal",
        "GET /datasets/rankings-daily?category=legal&period=week&start_date=2025-01-01",
        len(rankings["rankings/category/legal.json"]["entries"]),
        len(rankings["rankings/category/legal.json"]["unmapped"]),
        tuple((e["model_id"], e["rank"], e["value"]) for e in rankings["rankings/category/legal.json"]["entries"]),
    )
    assert committed.catalog_endpoint == "GET /models?output_modalities=all"
    assert gates.check(committed, committed, Thresholds()) == []


@pytest.mark.parametrize("pair", range(len(CAPTURES) - 1), ids=[p.name.removesuffix(".json.gz") for p in CAPTURES[1:]])
def test_real_week_to_week_churn_passes_every_gate(pair: int) -> None:
    """Models came and went (20 of 353 between 1 and 14 January), zero-valued price keys were dropped, 15 prices
    moved in two hours: what OpenRouter said, so it is published."""
    before, after = catalog_summary(capture(CAPTURES[pair])), catalog_summary(capture(CAPTURES[pair + 1]))
    assert gates.check(before, after, Thresholds()) == []


def test_dropped_zero_price_keys_are_not_price_changes(january: list[dict]) -> None:
    earlier = catalog_summary(capture(CATALOGS / "models-2026-01-01T1019Z.json.gz"))
    assert gate_limits.price_jumps(earlier, catalog_summary(january), 10) == []


def test_mass_vanish_names_the_numbers_the_endpoint_and_the_flag(january: list[dict]) -> None:
    before = catalog_summary(january)
    after = catalog_summary(january[: len(january) * 7 // 10])  # 30 % gone
    refusals = gate_limits.mass_vanish(before, after, Thresholds())
    assert [r.gate for r in refusals] == ["mass-vanish"]
    text = str(refusals[0])
    assert text.startswith("refused by gate mass-vanish: 102 of 340 catalog models vanished (30%, threshold 25%) ")
    assert "from GET /models?output_modalities=all, e.g. " in text and "and 99 more" in text
    assert text.endswith("(raise --max-vanish or use --force to publish anyway)")
    assert gate_limits.mass_vanish(before, after, Thresholds(max_vanish=0.3)) == []


def test_renamed_ids_vanish_without_the_catalog_shrinking(january: list[dict]) -> None:
    renamed = [dict(m, id=m["id"] + "-v2", canonical_slug=None) if i < 100 else m for i, m in enumerate(january)]
    before, after = catalog_summary(january), catalog_summary(renamed)
    assert [r.gate for r in gates.check(before, after, Thresholds())] == ["mass-vanish"]


def test_catalog_shrink_counts_the_net_loss(january: list[dict]) -> None:
    before = catalog_summary(january)
    assert gate_limits.catalog_shrink(before, catalog_summary(january[:306]), Thresholds()) == []  # exactly 10 %
    (refusal,) = gate_limits.catalog_shrink(before, catalog_summary(january[:305]), Thresholds())
    assert str(refusal) == (
        "refused by gate catalog-shrink: the catalog shrank from 340 to 305 models (-10.3%, threshold 10%) in "
        "GET /models?output_modalities=all (raise --max-shrink or use --force to publish anyway)"
    )
    assert gate_limits.catalog_shrink(catalog_summary(january[:305]), before, Thresholds()) == []  # growth is fine


def priced(models: list[dict], factor: str, count: int) -> list[dict]:
    out = json.loads(json.dumps(models))
    changed = 0
    for model in out:
        if changed == count:
            break
        if Decimal(model["pricing"]["prompt"]) > 0:
            model["pricing"]["prompt"] = format(Decimal(model["pricing"]["prompt"]) * Decimal(factor), "f")
            changed += 1
    return out


def test_price_jump_counts_user_prices_beyond_the_factor_either_way(january: list[dict]) -> None:
    before = catalog_summary(january)
    assert gate_limits.price_jump(before, catalog_summary(priced(january, "1000", 5)), Thresholds()) == []  # not more
    (refusal,) = gate_limits.price_jump(before, catalog_summary(priced(january, "0.001", 6)), Thresholds())
    assert refusal.gate == "price-jump" and refusal.flag == "--max-price-jumps"
    assert refusal.message.startswith(
        "6 prompt/completion prices changed by more than 100x at once (threshold 5) in GET /models?"
    )
    assert " prompt " in refusal.message and " → " in refusal.message
    assert len(gate_limits.price_jumps(before, catalog_summary(priced(january, "10", 50)), 10)) == 0  # exactly 10x
    assert len(gate_limits.price_jumps(before, catalog_summary(priced(january, "10.01", 50)), 10)) == 50


def test_free_and_variable_prices_are_never_a_jump(january: list[dict]) -> None:
    free = next(m for m in january if m["pricing"]["prompt"] == "0")
    variable = next((m for m in january if m["pricing"]["prompt"] == "-1"), None)
    changed = json.loads(json.dumps(january))
    for model in changed:
        if model["id"] == free["id"]:
            model["pricing"]["prompt"] = "0.01"  # free → paid: news, not a unit error
        if variable and model["id"] == variable["id"]:
            model["pricing"]["prompt"] = "0.5"
    assert gate_limits.price_jumps(catalog_summary(january), catalog_summary(changed), 10) == []


def empty(summary: Summary, endpoint_prefix: str) -> Summary:
    rankings = {
        p: dataclasses.replace(r, entries=0, unmapped=0) if r.endpoint.startswith(endpoint_prefix) else r
        for p, r in summary.rankings.items()
    }
    return dataclasses.replace(
        summary,
        rankings=rankings,
        ranking_entries={p: r.entries for p, r in rankings.items()},
        category_entries={r.slug: r.entries for r in rankings.values() if r.kind == "category"},
    )


def test_the_2026_05_17_shape_is_refused_even_on_a_first_run(committed: Summary) -> None:
    """The rankings page stopped carrying data on 2026-05-17. Every ranking the dataset feeds is empty while the
    catalog orderings are fine: refused, with or without a previous snapshot to compare with."""
    stopped = empty(committed, "GET /datasets/rankings-daily")
    first_run = gates.check(None, stopped, Thresholds())
    assert [str(r) for r in first_run] == [
        "refused by gate all-rankings-empty: all 25 rankings from GET /datasets/rankings-daily have no entries "
        "(use --force to publish anyway)"
    ]
    later = gates.check(committed, stopped, Thresholds())
    assert [r.gate for r in later] == ["all-rankings-empty", "empty-category"]
    assert later[1].message.startswith("12 categories that had entries now have none: 'academia' (8), ")
    assert later[1].message.endswith(" and 9 more (from GET /datasets/rankings-daily)")


def test_every_ranking_empty(committed: Summary) -> None:
    (refusal,) = gates.check(None, empty(committed, "GET "), Thresholds())
    assert refusal.message == "all 37 rankings have no entries (from GET /datasets/rankings-daily, GET /models)"


def test_one_emptied_category_names_itself_and_its_request(committed: Summary) -> None:
    one = dataclasses.replace(committed, category_entries={**committed.category_entries, "marketing/seo": 0})
    (refusal,) = gates.empty_category(committed, one, skip=set())
    assert refusal.message == "category 'marketing/seo' had 8 entries and now has none " + (
        "(GET /datasets/rankings-daily?category=marketing/seo&period=week&start_date=2025-01-01)"
    )
    assert gates.empty_category(committed, one, skip={"marketing/seo"}) == []


def test_a_ranking_whose_rows_all_match_no_model_is_refused(committed: Summary) -> None:
    legal = committed.rankings["rankings/category/legal.json"]
    ghosts = dataclasses.replace(legal, entries=0, unmapped=10)
    summary = dataclasses.replace(committed, rankings={**committed.rankings, "rankings/category/legal.json": ghosts})
    (refusal,) = gates.all_unmapped(summary)
    assert refusal.message == (
        "ranking has rows but none matches a catalog model: category 'legal' "
        "(10 rows, GET /datasets/rankings-daily?category=legal&period=week&start_date=2025-01-01)"
    )
    assert legal.unmapped > 0 and gates.all_unmapped(committed) == []  # some unmapped rows are normal


def test_catalog_gates_come_first(committed: Summary) -> None:
    broken = dataclasses.replace(empty(committed, "GET "), model_ids=frozenset(), prices={})
    gates_in_order = [r.gate for r in gates.check(committed, broken, Thresholds())]
    assert gates_in_order == ["catalog-shrink", "mass-vanish", "all-rankings-empty", "empty-category"]


def with_categories(summary: Summary, slugs: list[str]) -> Summary:
    """The committed snapshot's summary with more category rankings, as a contract listing them would give."""
    extra = {
        f"rankings/category/{slug}.json": RankingFacts(
            "category", slug, f"GET /datasets/rankings-daily?category={slug}&period=week", 10, 0
        )
        for slug in slugs
    }
    return dataclasses.replace(
        summary,
        rankings={**summary.rankings, **extra},
        ranking_entries={**summary.ranking_entries, **{p: 10 for p in extra}},
        category_entries={**summary.category_entries, **{r.slug: 10 for r in extra.values()}},
    )


def test_one_new_upstream_category_is_published(committed: Summary) -> None:
    assert gates.check(committed, with_categories(committed, ["cooking"]), Thresholds()) == []


def test_two_hundred_new_categories_at_once_are_refused(committed: Summary) -> None:
    grown = with_categories(committed, [f"c{i:03d}" for i in range(200)])
    refusals = gates.check(committed, grown, Thresholds())
    assert [r.gate for r in refusals] == ["sudden-growth"]
    assert str(refusals[0]).startswith("refused by gate sudden-growth: 200 new categories at once, 12 before (+1667%")
    assert "raise --max-growth or use --force" in str(refusals[0])
    assert gates.check(committed, grown, Thresholds(max_growth=20)) == []


def test_categories_vanishing_from_the_contract_are_refused_beyond_the_share(committed: Summary) -> None:
    categories = sorted(committed.category_entries)
    assert len(categories) == 12

    def keeping(n: int) -> Summary:
        kept = {p: r for p, r in committed.rankings.items() if r.kind != "category" or r.slug in categories[:n]}
        return dataclasses.replace(committed, rankings=kept)

    assert gates.check(committed, keeping(9), Thresholds()) == []  # 3 of 12 = 25%: at the threshold, published
    refusals = gates.check(committed, keeping(8), Thresholds())  # 4 of 12 = 33%
    assert [r.gate for r in refusals] == ["contract-shrink"] and "4 of 12 categories vanished (33%" in str(refusals[0])
    assert gates.check(committed, keeping(8), Thresholds(max_contract_shrink=0.4)) == []


def test_a_keyless_run_after_a_keyed_one_is_not_a_contract_shrink(committed: Summary) -> None:
    """The keyed orderings are absent because the run had no key (the manifest says so), not because the
    contract lost them."""
    keyless = {
        p: dataclasses.replace(r, endpoint=f"GET /models?category={r.slug}&sort=top-weekly")
        if r.kind == "category"
        else r
        for p, r in committed.rankings.items()
        if r.kind == "category" or "rankings-daily" not in r.endpoint
    }
    assert len(keyless) < len(committed.rankings)
    assert gate_limits.contract_shrink(committed, dataclasses.replace(committed, rankings=keyless), Thresholds()) == []


def test_measure_lists_every_threshold_figure_and_check_refuses_exactly_those_past_their_limit(
    january: list[dict],
) -> None:
    """One list of measures: each with its value and limit; the gates that refuse are the ones with a measure past
    its limit, and a measure at its limit is not past (30 % vanished is past 25 %; 10 % shrink is at 10 %)."""
    before = catalog_summary(january)
    for after, expected in (
        (catalog_summary(january[:306]), set()),  # 34 of 340 gone: 10 % = the shrink limit, 10 % < 25 % vanish
        (catalog_summary(january[: len(january) * 7 // 10]), {"mass-vanish", "catalog-shrink"}),
    ):
        measures = gates.measure(before, after, Thresholds())
        catalog = {m.gate: m for m in measures if m.subject == "catalog"}
        gone = len(before.model_ids - after.model_ids)
        assert catalog["mass-vanish"].value == gone / 340 and catalog["mass-vanish"].limit == 0.25
        assert catalog["catalog-shrink"].value == (340 - len(after.model_ids)) / 340
        assert {m.gate for m in measures if m.past} == expected
        assert {r.gate for r in gates.check(before, after, Thresholds())} == expected
    prices = [m for m in gates.measure(before, before, Thresholds()) if m.gate == "price-jump"]
    assert [(m.subject, m.value, m.limit, m.past) for m in prices] == [
        ("top-ranked prices", 0, 0, False),
        ("prices", 0, Thresholds().max_price_jumps, False),
    ]
