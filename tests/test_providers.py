"""Providers of the ranked models (GET /models/{author}/{slug}/endpoints) and the orderings derived from them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator import providers, published, store
from generator.normalize import InvalidData
from generator.replay import ReplayServer
from generator.slugs import SlugError
from generator.snapshot import Snapshot
from generator.update import update

from .conftest import FIXTURES, ROOT, load_json
from .test_update import options

COMMITTED = ROOT / "snapshots" / "v1"


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    return Snapshot.from_dir(COMMITTED)


def test_a_model_id_maps_to_a_safe_unique_path() -> None:
    assert providers.providers_path("openai/gpt-oss-20b:free") == "providers/openai/gpt-oss-20b--free.json"
    assert providers.providers_path("google/gemini-2.5-flash") == "providers/google/gemini-2-5-flash.json"
    assert providers.providers_path("Qwen/Qwen_3") == "providers/qwen/qwen-3.json"
    with pytest.raises(InvalidData, match=r"would share providers/a/b-c\.json"):
        providers.check_unique(["a/b.c", "a/b-c"])
    with pytest.raises(SlugError, match="reserved"):
        providers.providers_path("con/model")


def test_the_committed_providers_are_the_top_ranked_models_capped(snap: Snapshot) -> None:
    files = {p for p in snap.files if p.startswith("providers/")}
    ranked = {p: r for p, r in snap.rankings.items() if r.ranked_by.split(":")[0] != "derived"}
    catalog = {m.id for m in snap.catalog.models}  # type: ignore[union-attr]
    wanted = providers.ranked_models(ranked, catalog)
    assert len(wanted) == providers.CAP  # the demo snapshot's union of top 10s (70 models) is above the cap
    assert files == {providers.providers_path(m) for m in wanted}
    union = {e.model_id for r in ranked.values() for e in r.entries if e.rank <= providers.TOP}
    assert set(wanted) <= union
    # the cap keeps the most prominent: every ranking's leader that is a catalog model is in
    leaders = {r.entries[0].model_id for r in ranked.values() if r.entries and r.entries[0].model_id in catalog}
    assert {m for m in leaders if not m.startswith("~")} <= set(wanted)


def test_providers_files_carry_the_fixture_figures(snap: Snapshot) -> None:
    routes = json.loads((FIXTURES / "routes.json").read_text())["routes"]
    fixture = {r["path"].removeprefix("/api/v1/models/").removesuffix("/endpoints"): r for r in routes}
    for path, data in snap.files.items():
        if not path.startswith("providers/"):
            continue
        doc = published.Providers.model_validate_json(data)
        route = fixture[doc.model_id]
        raw = json.loads((FIXTURES / route["file"]).read_text())["data"]["endpoints"]
        assert [e.provider for e in doc.endpoints] == sorted(e["provider_name"] for e in raw)
        (endpoint,), (given,) = doc.endpoints, raw
        assert Decimal(endpoint.throughput_p50 or "0") == Decimal(str(given["throughput_last_30m"]["p50"]))
        assert Decimal(endpoint.latency_p50_ms or "0") == Decimal(str(given["latency_last_30m"]["p50"]))
        assert Decimal(endpoint.prompt) == Decimal(given["pricing"]["prompt"])
        # every fixture route is constructed (uptime is), so the file is too, with no OpenRouter attribution
        assert route["kind"] == doc.source.provenance == "constructed" and doc.attribution is None
        assert doc.source.keyed is True  # the committed snapshot is keyed: its endpoints were asked with the key


def test_derived_orderings_follow_their_definitions(snap: Snapshot) -> None:
    docs = {
        published.Providers.model_validate_json(d).model_id: published.Providers.model_validate_json(d)
        for p, d in snap.files.items()
        if p.startswith("providers/")
    }
    best_throughput = {
        m: max(Decimal(e.throughput_p50) for e in d.endpoints if e.throughput_p50) for m, d in docs.items()
    }
    fastest = snap.rankings["rankings/dimension/fastest.json"]
    assert [e.model_id for e in fastest.entries] == sorted(best_throughput, key=lambda m: (-best_throughput[m], m))
    assert fastest.metric == "tokens_per_second" and fastest.entries[0].value == str(max(best_throughput.values()))
    latency = snap.rankings["rankings/dimension/lowest-latency.json"]
    values = [Decimal(e.value or "0") for e in latency.entries]
    assert values == sorted(values) and latency.metric == "latency_ms"
    uptime = snap.rankings["rankings/dimension/most-reliable.json"]
    values = [Decimal(e.value or "0") for e in uptime.entries]
    assert values == sorted(values, reverse=True) and all(Decimal(97) <= v < 100 for v in values)
    # best value: the intelligence index per blended (3:1) catalog $/M, recomputed here from the published files
    index = {b.model_id: b.intelligence_index for b in snap.benchmarks.entries if b.intelligence_index}  # type: ignore[union-attr]
    catalog = {m.id: m for m in snap.catalog.models}  # type: ignore[union-attr]
    value = snap.rankings["rankings/dimension/best-value.json"]
    assert value.entries, "the demo snapshot has benchmarks for some ranked models"
    for entry in value.entries:
        model = catalog[entry.model_id]
        blended = (Decimal(model.pricing["prompt"]) * 3 + Decimal(model.pricing["completion"])) / 4 * 1_000_000
        score = index.get(entry.model_id, index.get(entry.model_id.split(":")[0]))
        assert Decimal(entry.value or "0") == (Decimal(str(score)) / blended).quantize(Decimal("0.0001"))
    meanings = {d.slug: d for d in snap.dimensions.dimensions}  # type: ignore[union-attr]
    for derived in providers.DERIVED:
        assert meanings[derived.slug].parameter == "derived" and meanings[derived.slug].meaning == derived.meaning


def test_without_throughput_and_latency_those_orderings_are_missing(fixtures_copy: Path, tmp_path: Path) -> None:
    # what a live keyless response gives, as the contract says: no throughput, no latency
    for path in (fixtures_copy / "api/models/endpoints").rglob("*.json"):
        doc = json.loads(path.read_text())
        for endpoint in doc["data"]["endpoints"]:
            endpoint["throughput_last_30m"] = endpoint["latency_last_30m"] = None
        path.write_text(json.dumps(doc))
    with ReplayServer(fixtures_copy) as server:
        update(options(server, tmp_path))
    root = tmp_path / "v1"
    missing = load_json(root / "manifest.json")["missing"]  # type: ignore[index]
    assert [m.split("`")[1] for m in missing] == ["fastest", "lowest-latency"]
    assert not (root / "rankings/dimension/fastest.json").exists()
    assert (root / "rankings/dimension/most-reliable.json").is_file()
    slugs = [d["slug"] for d in load_json(root / "dimensions.json")["dimensions"]]  # type: ignore[index]
    assert "fastest" not in slugs and "most-reliable" in slugs
    assert not store.validate_files(store.read_files(root))


def test_an_uptime_above_100_is_invalid_data(fixtures_copy: Path, tmp_path: Path) -> None:
    for path in (fixtures_copy / "api/models/endpoints").rglob("*.json"):
        doc = json.loads(path.read_text())
        doc["data"]["endpoints"][0]["uptime_last_1d"] = 150
        path.write_text(json.dumps(doc))
    with ReplayServer(fixtures_copy) as server, pytest.raises(InvalidData, match="uptime_last_1d"):
        update(options(server, tmp_path))
    assert not (tmp_path / "v1").exists()
