"""Token history, market share by author and trending (generator/trends.py), on the recorded history fixtures."""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from generator import published, store
from generator.normalize import InvalidData, normalize_catalog, permaslug_index
from generator.rank import Target
from generator.replay import ReplayServer
from generator.sources.contract import discover
from generator.trends import derive
from generator.update import Options, plan, update

from .conftest import FAKE_KEY, FIXTURES, ROOT, load_json

MODELS, _ = normalize_catalog(json.loads((FIXTURES / "api/models/all.json").read_text()), "GET /models")
INDEX = permaslug_index(MODELS)
HISTORY = "api/datasets/rankings-daily/history"
# The real captures, when a checkout of the shared data sits beside the clone (not needed by the other tests).
CAPTURES = next(
    (
        p / "shared/data/openrouter/rankings/jampongsathorn"
        for p in ROOT.parents
        if (p / "shared/data/openrouter/rankings/jampongsathorn").is_dir()
    ),
    ROOT / "missing",
)


def target(kind: str = "overall", slug: str = "overall") -> Target:
    params = {"period": "week", "start_date": "2025-01-01", **({"category": slug} if kind == "category" else {})}
    source = published.Source(
        endpoint="GET /datasets/rankings-daily", params=params, keyed=True, provenance="constructed"
    )
    return Target(kind, slug, slug.title(), source)  # type: ignore[arg-type]


def fixture(rel: str) -> dict:
    return json.loads((FIXTURES / HISTORY / rel).read_text())


def test_history_tokens_are_exactly_what_the_dataset_returned() -> None:
    payload = fixture("overall.json")
    derived = derive(target(), payload, index=INDEX)
    got = {(b.date, r.permaslug): r.tokens for b in derived.history.buckets for r in b.rows}
    sent = {
        (r["date"], r["model_permaslug"]): r["total_tokens"] for r in payload["data"] if r["model_permaslug"] != "other"
    }
    assert got == sent
    others = {b.date: b.other for b in derived.history.buckets}
    sent_other = {r["date"]: r["total_tokens"] for r in payload["data"] if r["model_permaslug"] == "other"}
    assert others == {day: sent_other.get(day) for day in others}  # null where the week has no `other` row
    assert [b.date for b in derived.history.buckets] == sorted({r["date"] for r in payload["data"]})
    assert derived.history.start_date == "2025-01-01" and derived.history.source.provenance == "constructed"
    assert derived.history.attribution is None  # constructed demo figures are not OpenRouter's
    # rows map to catalog ids through canonical_slug, or stay null (never dropped)
    unmapped = [r for b in derived.history.buckets for r in b.rows if r.model_id is None]
    assert {r.permaslug for r in unmapped} == {s for _, s in sent if s not in INDEX}
    assert "tencent/hy3-preview-20260421" in {r.permaslug for r in unmapped}


@pytest.mark.parametrize("rel", ["overall.json", "category/programming.json", "category/academia.json"])
def test_history_is_the_real_week_and_earlier_weeks_constructed_on_its_scale(rel: str) -> None:
    """The latest bucket is the week fixture's one (the 2026-05-16 capture) unchanged. A real week stands alone; a
    constructed one has earlier buckets with the same permaslugs, each figure scaled by the builder's stated drift
    rule (MORE.md), so the series is on one scale. The other captures (not on that scale) are not in it."""
    spec = importlib.util.spec_from_file_location("_build_more", FIXTURES / "_build_more.py")
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    drift = builder.drift

    real = json.loads((FIXTURES / "api/datasets/rankings-daily" / rel).read_text())
    derived = derive(target(), fixture(rel), index=INDEX)
    buckets = derived.history.buckets
    # a real (derived) week fixture gets no invented week beside it; a constructed one gets seven before it
    assert len(buckets) == (1 if rel != "category/academia.json" else 8)
    assert buckets[-1].date == "2026-05-11" and {r["date"] for r in real["data"]} == {"2026-05-11"}
    latest = {r.permaslug: r.tokens for r in buckets[-1].rows}
    assert latest == {r["model_permaslug"]: r["total_tokens"] for r in real["data"]}
    key = "overall" if rel == "overall.json" else "category:" + rel.removeprefix("category/").removesuffix(".json")
    for back, bucket in enumerate(reversed(buckets[:-1]), start=1):
        assert bucket.date == (date(2026, 5, 11) - timedelta(weeks=back)).isoformat()
        got = {r.permaslug: int(r.tokens) for r in bucket.rows}
        assert set(got) == set(latest)
        for slug, tokens in latest.items():
            factor = 1000 + back * drift(key, slug)
            assert abs(got[slug] * 1000 - int(tokens) * factor) <= 500  # rounded half up from the real figure
    if rel == "overall.json" and CAPTURES.is_dir():
        for name in ("2026-03-28", "2026-04-15", "2026-05-02"):
            capture = json.loads((CAPTURES / f"rankings-page-derived-{name}.json").read_text())
            figures = {str(r["tokens"]) for r in capture["models"]}
            assert not figures & {r.tokens for b in buckets for r in b.rows}


def test_author_shares_of_a_bucket_sum_to_one_and_match_the_rows() -> None:
    payload = fixture("category/programming.json")
    derived = derive(target("category", "programming"), payload, index=INDEX)
    for bucket in derived.authors.buckets:
        total = Decimal(bucket.total)
        shares = sum(Decimal(a.share) for a in bucket.authors) + Decimal(bucket.other_share or 0)
        assert abs(shares - 1) <= Decimal("0.000001") * (len(bucket.authors) + 1)
        expected: dict[str, Decimal] = defaultdict(Decimal)
        for r in payload["data"]:
            if r["date"] == bucket.date and r["model_permaslug"] != "other":
                expected[r["model_permaslug"].split("/")[0]] += Decimal(r["total_tokens"])
        assert {a.author: Decimal(a.tokens) for a in bucket.authors} == expected
        assert sum(expected.values()) + Decimal(bucket.other or 0) == total
        assert [Decimal(a.tokens) for a in bucket.authors] == sorted(expected.values(), reverse=True)


def test_trending_is_the_largest_absolute_growth_against_the_previous_week() -> None:
    payload = fixture("category/academia.json")  # a constructed history: eight weeks (the real ones have one)
    trending = derive(target("category", "academia"), payload, index=INDEX).trending
    assert (trending.period_start, trending.previous_period_start) == ("2026-05-11", "2026-05-04")
    week = {r["model_permaslug"]: Decimal(r["total_tokens"]) for r in payload["data"] if r["date"] == "2026-05-11"}
    before = {r["model_permaslug"]: Decimal(r["total_tokens"]) for r in payload["data"] if r["date"] == "2026-05-04"}
    week.pop("other", None), before.pop("other", None)
    growth = sorted(((week[s] - before[s], s) for s in week if s in before), key=lambda g: (-g[0], g[1]))
    assert [(e.permaslug, Decimal(e.growth)) for e in trending.entries] == [(s, g) for g, s in growth if g > 0]
    for e in trending.entries:
        assert Decimal(e.tokens) - Decimal(e.previous_tokens) == Decimal(e.growth)
    assert {r.permaslug for r in trending.new_in_top} == set(week) - set(before)


def test_trending_without_a_previous_week_is_empty_not_invented() -> None:
    payload = fixture("overall.json")
    payload["data"] = [r for r in payload["data"] if r["date"] == "2026-05-11"]
    trending = derive(target(), payload, index=INDEX).trending
    assert trending.entries == [] and trending.new_in_top == [] and trending.previous_period_start is None


def test_a_negative_or_duplicated_row_is_invalid_data() -> None:
    payload = fixture("overall.json")
    payload["data"][0]["total_tokens"] = "-5"
    with pytest.raises(InvalidData, match="negative"):
        derive(target(), payload, index=INDEX)
    payload = fixture("overall.json")
    payload["data"].append(dict(payload["data"][0]))
    with pytest.raises(InvalidData, match="listed twice"):
        derive(target(), payload, index=INDEX)


def test_one_keyed_call_per_category_gives_its_history() -> None:
    contract = json.loads((FIXTURES / "openapi.json").read_text())
    requests = plan(discover(contract), keyed=True, since="2025-01-01")
    histories = {
        p: dict(r.params) for p, r in requests.items() if r.kind == "rankings" and "start_date" in dict(r.params)
    }
    categories = discover(contract).categories
    assert len(histories) == len(categories) + 1  # every category and the overall leaderboard, one call each
    assert all(p["start_date"] == "2025-01-01" and p["period"] == "week" for p in histories.values())


def test_keyed_update_publishes_history_authors_and_trending_with_provenance(tmp_path: Path) -> None:
    with ReplayServer(FIXTURES) as server:
        result = update(
            Options(
                snapshots=tmp_path,
                api_base=server.url + "/api/v1",
                contract_url=server.url + "/openapi.json",
                api_key=FAKE_KEY,
            )
        )
    root = tmp_path / "v1"
    categories = discover(json.loads((FIXTURES / "openapi.json").read_text())).categories
    for kind in ("history", "authors", "trending"):
        overall = {"history": "rankings/history/overall.json"}.get(kind, f"rankings/{kind}.json")
        assert (root / overall).is_file()
        for slug in categories:
            doc = load_json(root / f"rankings/{kind}/category/{slug}.json")
            # programming's week is real and stands alone (derived, OpenRouter's attribution); every other
            # category's is constructed, with constructed weeks before it: constructed, no attribution
            if slug == "programming":
                assert doc["source"]["provenance"] == "derived" and doc["attribution"]  # type: ignore[index]
            else:
                assert doc["source"]["provenance"] == "constructed" and doc["attribution"] is None  # type: ignore[index]
    overall = load_json(root / "rankings/history/overall.json")
    assert overall["source"]["provenance"] == "derived" and len(overall["buckets"]) == 1  # type: ignore[index]
    manifest = load_json(root / "manifest.json")
    assert "rankings/history/overall.json" not in manifest["demo"]["constructed"]  # type: ignore[index]
    assert "rankings/history/category/legal.json" in manifest["demo"]["constructed"]  # type: ignore[index]
    keyed = [c for c in result.calls if "rankings-daily" in c or "benchmarks" in c]
    apps_calls = [c for c in result.calls if "app-rankings" in c]
    assert len(apps_calls) == 6  # 2 sorts + 4 category groups, from the contract
    endpoints = [c for c in result.calls if c.endswith("/endpoints")]  # keyless: the providers of ranked models
    assert len(keyed) == 26 and len(result.calls) == 46 + len(endpoints)  # the history costs no extra call
    assert not store.validate_files(store.read_files(root))


# --- apps (GET /datasets/app-rankings) ----------------------------------------------------------------------


def test_app_sorts_and_groups_come_from_the_contract() -> None:
    contract = json.loads((FIXTURES / "openapi.json").read_text())
    found = discover(contract)
    params = {p["name"]: p["schema"] for p in contract["paths"]["/datasets/app-rankings"]["get"]["parameters"]}
    assert found.app_sorts == tuple(params["sort"]["enum"]) and found.app_groups == tuple(params["category"]["enum"])
    assert found.app_default_sort == params["sort"]["default"]
    requests = plan(found, keyed=True)
    apps = {p: dict(r.params) for p, r in requests.items() if r.kind == "apps"}
    assert len(apps) == len(found.app_sorts) + len(found.app_groups)
    assert all(p.startswith("apps/") for p in apps)
    assert not [r for r in plan(found, keyed=False).values() if r.kind == "apps"]  # keyed only
    # a contract without the apps dataset simply has no apps
    del contract["paths"]["/datasets/app-rankings"]
    assert discover(contract).app_sorts == ()


def test_apps_files_publish_the_recorded_rows_with_the_apps_citation(tmp_path: Path) -> None:
    with ReplayServer(FIXTURES) as server:
        update(
            Options(
                snapshots=tmp_path,
                api_base=server.url + "/api/v1",
                contract_url=server.url + "/openapi.json",
                api_key=FAKE_KEY,
            )
        )
    for rel, provenance in (("popular.json", "derived"), ("trending.json", "constructed")):
        doc = load_json(tmp_path / "v1/apps" / rel)
        sent = json.loads((FIXTURES / "api/datasets/app-rankings" / rel).read_text())
        assert [(e["app_id"], e["name"], e["tokens"], e["requests"]) for e in doc["entries"]] == [  # type: ignore[index]
            (a["app_id"], a["app_name"], a["total_tokens"], a["total_requests"]) for a in sent["data"]
        ]
        cited = "Source: OpenRouter (openrouter.ai/apps), as of 2026-05-18T02:00:00Z"
        assert doc["attribution"] == (cited if provenance == "derived" else None)  # type: ignore[index]
        assert doc["source"]["provenance"] == provenance  # type: ignore[index]
    coding = load_json(tmp_path / "v1/apps/category/coding.json")
    assert coding["category"] == "coding" and coding["source"]["params"] == {"category": "coding", "sort": "popular"}  # type: ignore[index]


def test_an_app_listed_twice_is_invalid_data() -> None:
    from generator.apps import apps_file

    payload = json.loads((FIXTURES / "api/datasets/app-rankings/popular.json").read_text())
    payload["data"].append(dict(payload["data"][0]))
    source = published.Source(
        endpoint="GET /datasets/app-rankings", params={"sort": "popular"}, keyed=True, provenance="derived"
    )
    with pytest.raises(InvalidData, match="listed twice"):
        apps_file(source, payload, sort="popular", category=None, meaning="")
