"""The dimension files the update assembles from the contract's rankings-dataset filters: `language_type` (issue 13),
published like `modality` and `context_bucket`, one keyed call per value, and shown on the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import site
from generator.replay import ReplayServer
from generator.sources.contract import discover
from generator.update import Result, update

from .conftest import FIXTURES, ROOT, load_json
from .test_update import options

CONTRACT = json.loads((FIXTURES / "openapi.json").read_text(encoding="utf-8"))
LANGUAGE_TYPES = [o for o in discover(CONTRACT).orderings if o.parameter == "language_type"]


@pytest.fixture(scope="module")
def keyed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result, list[tuple[str, str, bool]]]:
    root = tmp_path_factory.mktemp("keyed")
    with ReplayServer(FIXTURES) as server:
        result = update(options(server, root))
        requests = list(server.requests)
    return root / "v1", result, requests


def test_one_keyed_call_per_language_type_value(keyed_run: tuple[Path, Result, list[tuple[str, str, bool]]]) -> None:
    _, result, requests = keyed_run
    asked = sorted(query for path, query, auth in requests if "language_type=" in query and auth)
    assert asked == sorted(f"language_type={o.value}&period=week" for o in LANGUAGE_TYPES)
    assert sum("language_type=" in c for c in result.calls) == len(LANGUAGE_TYPES) == 2


@pytest.mark.parametrize("ordering", LANGUAGE_TYPES, ids=lambda o: o.slug)
def test_language_type_files_rank_the_fixture_rows_and_say_they_are_constructed(
    keyed_run: tuple[Path, Result, list[tuple[str, str, bool]]], ordering: object
) -> None:
    root, _, _ = keyed_run
    slug, value = ordering.slug, ordering.value  # type: ignore[attr-defined]
    doc = load_json(root / f"rankings/dimension/{slug}.json")
    route = next(
        r
        for r in json.loads((FIXTURES / "routes.json").read_text())["routes"]
        if r["query"] == {"language_type": value, "period": "week"}
    )
    sent = json.loads((FIXTURES / route["file"]).read_text())["data"]
    # every row the fixture sent is published in its order, mapped or unmapped, with its tokens as sent
    published = sorted(
        [(e["rank"], e["permaslug"], e["value"]) for e in doc["entries"]]  # type: ignore[index]
        + [(u["rank"], u["permaslug"], u["value"]) for u in doc["unmapped"]]  # type: ignore[index]
    )
    assert published == [(i, r["model_permaslug"], r["total_tokens"]) for i, r in enumerate(sent, 1)]
    assert doc["metric"] == "tokens" and doc["other"] is None  # type: ignore[index]
    # the fixture route is constructed, so the file is, with no OpenRouter attribution
    assert route["kind"] == doc["source"]["provenance"] == "constructed"  # type: ignore[index]
    assert doc["attribution"] is None and doc["source"]["keyed"] is True  # type: ignore[index]
    assert doc["source"]["params"] == {"language_type": value, "period": "week"}  # type: ignore[index]
    entry = next(d for d in load_json(root / "dimensions.json")["dimensions"] if d["slug"] == slug)  # type: ignore[index]
    assert entry["parameter"] == "language_type" and entry["value"] == value
    assert entry["file"] == f"rankings/dimension/{slug}.json" and entry["entry_count"] == len(doc["entries"])  # type: ignore[index]
    assert ordering.meaning in entry["meaning"]  # type: ignore[attr-defined]  # the contract's description
    manifest = load_json(root / "manifest.json")
    assert f"rankings/dimension/{slug}.json" in manifest["demo"]["constructed"]  # type: ignore[index]


def test_the_committed_snapshot_has_the_language_type_files() -> None:
    committed = ROOT / "snapshots/v1"
    for ordering in LANGUAGE_TYPES:
        assert (committed / f"rankings/dimension/{ordering.slug}.json").is_file()


def test_a_keyless_update_has_no_language_type_file_and_says_so(tmp_path: Path) -> None:
    with ReplayServer(FIXTURES) as server:
        update(options(server, tmp_path, key=None))
        assert not any("language_type" in query for _, query, _ in server.requests)
    root = tmp_path / "v1"
    assert not list((root / "rankings/dimension").glob("language-type-*.json"))
    assert any("language type" in m for m in load_json(root / "manifest.json")["missing"])  # type: ignore[index]


def test_language_type_orderings_have_pages_like_the_other_orderings(tmp_path: Path) -> None:
    snapshot = tmp_path / "v1"
    shutil.copytree(ROOT / "snapshots/v1", snapshot)  # outside git: the build reads this snapshot alone
    site.build(snapshot, tmp_path / "site")
    index = (tmp_path / "site/orderings/index.html").read_text(encoding="utf-8")
    for ordering in LANGUAGE_TYPES:
        page = (tmp_path / f"site/orderings/{ordering.slug}/index.html").read_text(encoding="utf-8")
        assert "Language type" in page and "constructed demo data" in page
        assert f"{ordering.slug}/" in index
