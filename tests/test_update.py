"""End to end: `orsnap update` against the loopback replay server of recorded responses."""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from generator import providers, store
from generator.normalize import InvalidData
from generator.replay import ReplayServer
from generator.replay_faults import Fault
from generator.sources import SourceError
from generator.update import Options, Refused, update

from .conftest import FAKE_KEY, FIXTURES, ROOT, invoke, load_json, tree_digest


async def no_wait(seconds: float) -> None:
    """Retries back off without wall-clock waiting (the backoff itself is tested in test_client)."""
    await asyncio.sleep(0)


def options(server: ReplayServer, snapshots: Path, *, key: str | None = FAKE_KEY, **kwargs: object) -> Options:
    return Options(
        snapshots=snapshots,
        api_base=f"{server.url}/api/v1",
        contract_url=f"{server.url}/openapi.json",
        api_key=key,
        # the rate limit is not what these tests are about (tests/test_faults.py checks it on a fake clock): a
        # 31st keyed call (a new category, a retry) must not wait a real minute for the window to slide
        client_kwargs={"retries": 2, "sleep": no_wait, "keyed_per_minute": 1000},
        **kwargs,
    )  # type: ignore[arg-type]


def category_slugs(tree: list[dict]) -> list[str]:
    return [n["slug"] for n in tree] + [s for n in tree for s in category_slugs(n["children"])]


def test_update_writes_a_complete_valid_snapshot(replay: ReplayServer, tmp_path: Path) -> None:
    result = update(options(replay, tmp_path))
    root = tmp_path / "v1"
    assert result.changed
    assert not store.validate_files(store.read_files(root))
    categories = load_json(root / "categories.json")
    slugs = category_slugs(categories["categories"])  # type: ignore[index]
    assert len(slugs) == 12
    marketing = next(n for n in categories["categories"] if n["slug"] == "marketing")  # type: ignore[index]
    assert [c["slug"] for c in marketing["children"]] == ["marketing/seo"]
    assert marketing["children"][0]["parent"] == "marketing"
    for slug in slugs:
        assert (root / "rankings" / "category" / f"{slug}.json").is_file()
    dimensions = load_json(root / "dimensions.json")["dimensions"]  # type: ignore[index]
    # the contract's 24 (12 sorts, 5 modalities, 5 context buckets, 2 language types) and our 4 derived orderings
    assert len(dimensions) == 24 + len(providers.DERIVED)
    for dim in dimensions:
        assert (root / dim["file"]).is_file()
        assert load_json(root / dim["file"])["slug"] == dim["slug"]  # type: ignore[index]
    manifest = load_json(root / "manifest.json")
    listed = {f["path"] for f in manifest["files"]}  # type: ignore[index]
    assert listed | {"manifest.json"} == set(store.read_files(root))
    assert manifest["keyed"] is True and manifest["missing"] == []  # type: ignore[index]


def test_every_file_with_keyed_data_carries_attribution_and_as_of(replay: ReplayServer, tmp_path: Path) -> None:
    update(options(replay, tmp_path))
    for path, data in store.read_files(tmp_path / "v1").items():
        doc = json.loads(data)
        if doc.get("source", {}).get("keyed") and doc["source"]["provenance"] != "constructed":
            site = "apps" if path.startswith("apps/") else "rankings"  # the apps dataset asks for its own citation
            assert doc["attribution"] == f"Source: OpenRouter (openrouter.ai/{site}), as of {doc['as_of']}", path
        elif doc.get("source", {}).get("provenance") == "constructed":
            assert doc["attribution"] is None, path  # constructed demo figures are not OpenRouter's


def test_a_replayed_snapshot_says_it_is_demo_data_file_by_file(replay: ReplayServer, tmp_path: Path) -> None:
    update(options(replay, tmp_path))
    files = {p: json.loads(d) for p, d in store.read_files(tmp_path / "v1").items()}
    demo = files["manifest.json"]["demo"]
    # the catalog (05-07), the rankings (05-16) and the constructed apps trending (every capture's apps section)
    assert demo["recorded_from"] == ["2026-03-28", "2026-04-15", "2026-05-02", "2026-05-07", "2026-05-16"]
    assert "not live" in demo["note"]
    provenance = {p: d["source"]["provenance"] for p, d in files.items() if "source" in d}
    assert sorted(p for p, k in provenance.items() if k == "constructed") == demo["constructed"]
    # the overall and programming rankings come from a real week that stands alone in its history response
    # (no constructed week beside it, so no week-over-week change): derived, like the real dimension datasets
    assert provenance["rankings/overall.json"] == provenance["rankings/category/programming.json"] == "derived"
    assert provenance["rankings/dimension/modality-tool-calling.json"] == "derived"
    assert provenance["models.json"] == "recorded"
    assert "rankings/category/legal.json" in demo["constructed"]
    routes = json.loads((FIXTURES / "routes.json").read_text())["routes"]
    kinds = {r["file"]: r["kind"] for r in routes}
    assert kinds["api/datasets/rankings-daily/category/legal.json"] == "constructed"  # the fixture says it first


def test_one_update_makes_the_documented_calls(replay: ReplayServer, tmp_path: Path) -> None:
    keyed = update(options(replay, tmp_path / "a"))
    keyless = update(options(replay, tmp_path / "b", key=None))
    # contract + catalog + 12 categories + overall + 12 filters (5 modalities, 5 context buckets, 2 language types)
    # + benchmarks + 12 sorts + 2 app sorts + 4 app groups + the endpoints of the ranked models (the union of each
    # ranking's top 10 is above the cap here)
    assert len(keyed.calls) == 46 + providers.CAP
    # contract + catalog + 12 categories + 12 sorts (the overall leaderboard reuses sort=top-weekly) + endpoints
    assert len(keyless.calls) == 26 + providers.CAP
    assert sum(c.endswith("/endpoints") for c in keyed.calls + keyless.calls) == 2 * providers.CAP
    assert all("rankings-daily" not in c and "benchmarks" not in c for c in keyless.calls)


def test_keyless_update_says_what_is_missing(replay: ReplayServer, tmp_path: Path) -> None:
    update(options(replay, tmp_path, key=None))
    root = tmp_path / "v1"
    manifest = load_json(root / "manifest.json")
    assert manifest["keyed"] is False and len(manifest["missing"]) == 8  # type: ignore[index]
    for slug in ("best-value", "fastest", "lowest-latency"):  # no benchmarks; no keyless throughput or latency
        assert any(f"`{slug}`" in m for m in manifest["missing"])  # type: ignore[index]
        assert not (root / f"rankings/dimension/{slug}.json").exists()
    assert (root / "rankings/dimension/most-reliable.json").is_file()  # uptime is sent keyless
    assert any("market share by author and trending" in m for m in manifest["missing"])  # type: ignore[index]
    assert not (root / "rankings/history").exists() and not (root / "rankings/trending.json").exists()
    assert manifest["attribution"] is None  # type: ignore[index]
    seo = load_json(root / "rankings/category/marketing/seo.json")
    assert seo["ranked_by"] == "top-weekly-overall" and seo["metric"] is None  # type: ignore[index]
    assert not (root / "benchmarks.json").exists()
    assert not store.validate_files(store.read_files(root))


def test_rerun_with_unchanged_data_changes_no_byte(replay: ReplayServer, tmp_path: Path) -> None:
    update(options(replay, tmp_path))
    before = tree_digest(tmp_path)
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "v1").rglob("*")}
    again = update(options(replay, tmp_path))
    assert not again.changed and again.changed_files == []
    assert tree_digest(tmp_path) == before
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "v1").rglob("*")} == mtimes


def test_committed_snapshot_is_what_the_pipeline_produces(replay: ReplayServer, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "snapshots" / "v1", tmp_path / "v1")
    before = tree_digest(tmp_path)
    result = update(options(replay, tmp_path))
    assert not result.changed
    assert tree_digest(tmp_path) == before


def test_failed_update_leaves_snapshot_byte_identical(replay: ReplayServer, tmp_path: Path) -> None:
    update(options(replay, tmp_path))
    before = tree_digest(tmp_path)
    replay.inject("/api/v1/benchmarks", Fault(status=500, times=5))
    with pytest.raises(SourceError, match="GET /benchmarks: HTTP 500"):
        update(options(replay, tmp_path))
    assert tree_digest(tmp_path) == before


def test_failed_first_update_writes_nothing(replay: ReplayServer, tmp_path: Path) -> None:
    replay.inject(
        "/api/v1/models", Fault(status=200, body=b"<html>maintenance</html>", content_type="text/html", times=99)
    )
    with pytest.raises(SourceError, match="expected JSON, got text/html"):
        update(options(replay, tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [".v1.lock"]  # the lock file only: no snapshot, no staging


def add_category(fixtures: Path, slug: str, copy_from: str) -> None:
    contract = json.loads((fixtures / "openapi.json").read_text())
    for path in ("/models", "/datasets/rankings-daily"):
        for param in contract["paths"][path]["get"]["parameters"]:
            if param["name"] == "category":
                param["schema"]["enum"].append(slug)
    (fixtures / "openapi.json").write_text(json.dumps(contract))
    routes = json.loads((fixtures / "routes.json").read_text())
    extra = []
    for route in routes["routes"]:
        if route["query"].get("category") == copy_from:
            clone = json.loads(json.dumps(route))
            clone["query"]["category"] = slug
            extra.append(clone)
    routes["routes"] += extra
    (fixtures / "routes.json").write_text(json.dumps(routes))


def test_new_upstream_category_appears_without_code_change(fixtures_copy: Path, tmp_path: Path) -> None:
    add_category(fixtures_copy, "science/astronomy", copy_from="science")
    with ReplayServer(fixtures_copy) as server:
        update(options(server, tmp_path / "snap"))
    root = tmp_path / "snap" / "v1"
    tree = load_json(root / "categories.json")["categories"]  # type: ignore[index]
    science = next(n for n in tree if n["slug"] == "science")
    assert [c["slug"] for c in science["children"]] == ["science/astronomy"]
    ranking = load_json(root / "rankings/category/science/astronomy.json")
    assert ranking["entries"] and ranking["label"] == "Astronomy"  # type: ignore[index]


def test_unreachable_contract_falls_back_to_the_previous_snapshot(replay: ReplayServer, tmp_path: Path) -> None:
    update(options(replay, tmp_path))
    first = load_json(tmp_path / "v1/categories.json")
    opts = options(replay, tmp_path)
    opts.contract_url = f"{replay.url}/missing-openapi.json"
    result = update(opts)
    assert any("contract unreachable" in note and "previous snapshot" in note for note in result.notes)
    second = load_json(tmp_path / "v1/categories.json")
    assert second["discovered_from"] == "previous-snapshot"  # type: ignore[index]
    assert category_slugs(second["categories"]) == category_slugs(first["categories"])  # type: ignore[index]
    assert not store.validate_files(store.read_files(tmp_path / "v1"))


def test_unreachable_contract_without_previous_snapshot_is_a_source_failure(
    replay: ReplayServer, tmp_path: Path
) -> None:
    opts = options(replay, tmp_path)
    opts.contract_url = f"{replay.url}/missing-openapi.json"
    with pytest.raises(SourceError, match="no previous snapshot to fall back on"):
        update(opts)


def test_a_dangerous_category_slug_is_refused_as_invalid_data(fixtures_copy: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "snap"
    add_category(fixtures_copy, "../../etc", copy_from="science")
    with ReplayServer(fixtures_copy) as server, pytest.raises(InvalidData, match="unusable slug"):
        update(options(server, tmp_path))
    assert not tmp_path.joinpath("v1").exists()


def empty_category(fixtures: Path, slug: str) -> None:
    path = fixtures / "api/datasets/rankings-daily/history/category" / f"{slug}.json"  # the keyed request
    doc = json.loads(path.read_text())
    doc["data"] = []
    path.write_text(json.dumps(doc))


def test_gate_refuses_a_category_that_lost_all_entries(fixtures_copy: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "snap"
    with ReplayServer(fixtures_copy) as server:
        update(options(server, tmp_path))
        before = tree_digest(tmp_path)
        empty_category(fixtures_copy, "legal")
        with pytest.raises(Refused, match="gate empty-category: category 'legal' had 8 entries and now has none"):
            update(options(server, tmp_path))
        assert tree_digest(tmp_path) == before
        update(options(server, tmp_path, force=True))
    manifest = load_json(tmp_path / "v1/manifest.json")
    assert manifest["forced"] == ["empty-category"]  # type: ignore[index]


def test_gate_refuses_a_mass_vanish(fixtures_copy: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "snap"
    with ReplayServer(fixtures_copy) as server:
        update(options(server, tmp_path))
        catalog_path = fixtures_copy / "api/models/all.json"
        catalog = json.loads(catalog_path.read_text())
        catalog["data"] = catalog["data"][: len(catalog["data"]) // 2]
        catalog_path.write_text(json.dumps(catalog))
        with pytest.raises(Refused, match=r"gate mass-vanish: 184 of 368 catalog models vanished \(50%"):
            update(options(server, tmp_path))


def test_gate_refuses_when_every_ranking_is_empty(fixtures_copy: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "snap"
    for path in (fixtures_copy / "api/datasets/rankings-daily").rglob("*.json"):
        doc = json.loads(path.read_text())
        doc["data"] = []
        path.write_text(json.dumps(doc))
    for path in (fixtures_copy / "api/models").glob("*/**/*.json"):
        path.write_text('{"data": []}')
    with ReplayServer(fixtures_copy) as server, pytest.raises(Refused, match="all-rankings-empty"):
        update(options(server, tmp_path))


# --- the command line -----------------------------------------------------------------------------------


def test_cli_update_prints_changed_then_unchanged(tmp_path: Path) -> None:
    code, out, err = invoke("update", "--replay", str(FIXTURES), "--snapshots", str(tmp_path))
    assert code == 0 and out == ""
    assert err.startswith(f"changed: {tmp_path / 'v1'}")
    # 12 sorts + most-reliable (best-value needs the keyed benchmarks, fastest and lowest-latency the keyed
    # endpoints' throughput and latency); 26 calls + 40 keyless endpoints
    assert "categories 12, orderings 13, models 368, ranking files 26, HTTP calls 66 (without API key)" in err
    code, _, err = invoke("update", "--replay", str(FIXTURES), "--snapshots", str(tmp_path))
    assert code == 0 and err.startswith("unchanged:")
    code, out, err = invoke("update", "--quiet", "--replay", str(FIXTURES), "--snapshots", str(tmp_path))
    assert (code, out, err) == (0, "", "")


def test_cli_exit_code_1_for_a_source_failure(tmp_path: Path) -> None:
    code, _, err = invoke(
        "update",
        "--snapshots",
        str(tmp_path),
        "--api-base",
        "http://127.0.0.1:9/api/v1",
        "--contract-url",
        "http://127.0.0.1:9/openapi.json",
    )
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("orsnap: error: source failed: GET http://127.0.0.1:9/openapi.json")
    assert "Traceback" not in err


def test_cli_exit_code_3_for_a_gate(fixtures_copy: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "snap"
    env = {"OPENROUTER_API_KEY": FAKE_KEY}
    assert invoke("update", "--replay", str(fixtures_copy), "--snapshots", str(tmp_path), env=env)[0] == 0
    empty_category(fixtures_copy, "legal")
    code, _, err = invoke("update", "--replay", str(fixtures_copy), "--snapshots", str(tmp_path), env=env)
    assert code == 3 and err.count("\n") == 1
    assert "refused by gate empty-category" in err and "--force" in err


def test_cli_exit_code_4_for_invalid_data(fixtures_copy: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "snap"
    catalog_path = fixtures_copy / "api/models/all.json"
    catalog = json.loads(catalog_path.read_text())
    catalog["data"][0]["pricing"]["prompt"] = "NaN"
    catalog_path.write_text(json.dumps(catalog))
    code, _, err = invoke("update", "--replay", str(fixtures_copy), "--snapshots", str(tmp_path))
    assert code == 4 and err.count("\n") == 1
    assert "invalid data: GET /models?output_modalities=all: model" in err and "not a finite number" in err
    code, _, err = invoke("update", "--debug", "--replay", str(fixtures_copy), "--snapshots", str(tmp_path))
    assert code == 4 and "Traceback" in err


def test_cli_exit_code_2_for_usage() -> None:
    assert invoke("update", "--top", "0")[0] == 2
    assert invoke("no-such-command")[0] == 2


@pytest.mark.parametrize("keyed", [False, True], ids=["keyless", "keyed"])
def test_cli_a_negative_token_limit_is_one_line_of_invalid_data(
    fixtures_copy: Path, tmp_path: Path, keyed: bool
) -> None:
    """The Hypothesis find, end to end: exit 4 and one line naming the record and the field, not a traceback."""
    snapshots = tmp_path / "snap"
    catalog_path = fixtures_copy / "api/models/all.json"
    catalog = json.loads(catalog_path.read_text())
    record = next(m for m in catalog["data"] if m.get("top_provider"))
    record["top_provider"]["max_completion_tokens"] = -1
    catalog_path.write_text(json.dumps(catalog))
    env = {"OPENROUTER_API_KEY": FAKE_KEY} if keyed else {}
    code, _, err = invoke("update", "--replay", str(fixtures_copy), "--snapshots", str(snapshots), env=env)
    assert code == 4 and err.count("\n") == 1 and "Traceback" not in err
    assert err == (
        f"orsnap: error: invalid data: GET /models?output_modalities=all: model {record['id']!r}: "
        "top_provider.max_completion_tokens: Input should be greater than or equal to 0\n"
    )
    assert tree_digest(snapshots) == {}  # nothing written (the lock file beside v1 is not part of the snapshot)


def move_the_server_clock(fixtures: Path, by: timedelta) -> None:
    """Every recorded ``Date`` header of the replay server moves by ``by``; the bodies stay byte-identical."""
    routes_path = fixtures / "routes.json"
    routes = json.loads(routes_path.read_text())
    for route in routes["routes"]:
        moved = datetime.fromisoformat(route["date"].replace("Z", "+00:00")) + by
        route["date"] = moved.strftime("%Y-%m-%dT%H:%M:%SZ")
    routes_path.write_text(json.dumps(routes))


@pytest.mark.parametrize("keyed", [False, True], ids=["keyless", "keyed"])
@pytest.mark.parametrize("by", [timedelta(hours=5), timedelta(days=3)], ids=["5h", "3d"])
def test_rerun_with_unchanged_data_changes_no_byte_whatever_the_server_clock_says(
    fixtures_copy: Path, tmp_path: Path, keyed: bool, by: timedelta
) -> None:
    """Same bodies, a later HTTP ``Date``: the rerun prints `unchanged` and writes nothing (not even a timestamp)."""
    snapshots = tmp_path / "snap"
    env = {"OPENROUTER_API_KEY": FAKE_KEY} if keyed else {}
    code, _, err = invoke("update", "--replay", str(fixtures_copy), "--snapshots", str(snapshots), env=env)
    assert code == 0 and err.startswith("changed:"), err
    before = tree_digest(snapshots)
    mtimes = {p: p.stat().st_mtime_ns for p in (snapshots / "v1").rglob("*")}
    move_the_server_clock(fixtures_copy, by)
    code, _, err = invoke("update", "--replay", str(fixtures_copy), "--snapshots", str(snapshots), env=env)
    rewritten = sorted(p for p, digest in tree_digest(snapshots).items() if before.get(p) != digest)
    assert code == 0 and err.startswith("unchanged:"), (err, len(rewritten), len(before), rewritten)
    assert rewritten == []
    assert {p: p.stat().st_mtime_ns for p in (snapshots / "v1").rglob("*")} == mtimes
